"""The very first session on a freshly started server: its first click must count."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import open_overview, wait_until_idle

pytestmark = pytest.mark.browser


def test_first_sidebar_choice_on_fresh_server_is_applied(page: Page, server: str) -> None:
    open_overview(page, server)  # the first request this server ever gets
    wait_until_idle(page)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stSelectbox").filter(has_text="Map metric").click()
    page.get_by_role("option", name="Anti-personnel mines found").click()
    page.locator(".mc-legend", has_text="Anti-personnel mines found").wait_for(timeout=30_000)
