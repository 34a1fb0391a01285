"""Many located finds: the map clusters them, and the finds layer still toggles."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import MAP_FRAME, open_overview, start_server, wait_for_count
from tests.synthetic import store_with_finds

pytestmark = pytest.mark.browser
CLUSTERS = ".marker-cluster"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a store with 500 located finds."""
    db_path = tmp_path_factory.mktemp("clusters") / "app.sqlite"
    store_with_finds(db_path, 500)
    process, url = start_server(db_path)
    yield url
    process.terminate()
    process.wait(timeout=20)


def test_many_finds_draw_as_clusters_and_toggle(page: Page, server: str) -> None:
    open_overview(page, server)
    clusters = wait_for_count(page, CLUSTERS, lambda n: n > 0)
    assert clusters < 500  # clustered, not one marker per find
    page.frame_locator(MAP_FRAME).last.locator(
        "label", has_text="Reported finds").locator("input").click()
    wait_for_count(page, CLUSTERS, lambda n: n == 0)
