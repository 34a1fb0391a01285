"""A bookmarked page opened first on a freshly started server still gets the whole app."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_deep_link_on_fresh_server_runs_the_shared_sidebar(page: Page, server: str) -> None:
    page.goto(server + "/sources")  # the first request this server ever gets
    page.get_by_role("heading", name="Sources and contradictions").wait_for(timeout=60_000)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Filters", exact=True).wait_for(timeout=30_000)
    assert sidebar.get_by_text("Sources and contradictions").count() == 1
    assert page.get_by_test_id("stException").count() == 0
    assert page.url.endswith("/sources")
