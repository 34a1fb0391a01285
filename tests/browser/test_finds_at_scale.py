"""50,000 located finds: the map draws them as cells, toggles, and shows each find up close."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import (
    MAP_FRAME,
    map_frame,
    open_overview,
    start_server,
    wait_for_finds,
)
from tests.synthetic import store_with_finds

pytestmark = pytest.mark.browser
COUNT = 50_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a store with the seed plus 50,000 located finds."""
    db_path = tmp_path_factory.mktemp("scale") / "app.sqlite"
    store_with_finds(db_path, COUNT)
    process, url = start_server(db_path)
    yield url
    process.terminate()
    process.wait(timeout=20)


def test_finds_draw_as_cells_and_toggle_off_and_on(page: Page, server: str) -> None:
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/api/map/events?kind=find" in r.url else None)
    open_overview(page, server)
    _mode, cells = wait_for_finds(page, lambda mode, n: mode == "cells" and n > 0)
    assert asked == []  # the whole region at the opening zoom came with the map's state
    assert cells < 500  # aggregated, not one marker per find
    frame = page.frame_locator(MAP_FRAME).last
    total = int(frame.locator(".md-map").get_attribute("data-find-total") or 0)
    assert total >= COUNT
    assert frame.locator(".md-cell").count() == cells
    frame.locator(".leaflet-control-layers").hover()  # collapsed to its button
    toggle = frame.locator("label", has_text="Reported finds").locator("input")
    toggle.click()
    wait_for_finds(page, lambda mode, n: mode == "off")
    assert frame.locator(".md-cell").count() == 0
    toggle.click()
    assert wait_for_finds(page, lambda mode, n: mode == "cells")[1] == cells
    drawn = map_frame(page).evaluate("() => { window.map.zoomIn(1, {animate: false}); "
                                     "return minedash.drawnAt.find; }")
    map_frame(page).wait_for_function("t => minedash.drawnAt.find > t", arg=drawn, timeout=10_000)
    assert asked and all("&z=9&" in url for url in asked)  # the closer view is asked for


def test_zooming_into_a_village_shows_each_find_with_its_popup(page: Page, server: str) -> None:
    open_overview(page, server)
    wait_for_finds(page, lambda mode, n: mode == "cells" and n > 0)
    frame_locator = page.frame_locator(MAP_FRAME).last
    frame = map_frame(page)
    for _ in range(6):  # click the busiest cell until the finds come one by one
        mode, _count = wait_for_finds(page, lambda mode, n: mode in ("cells", "points") and n > 0)
        if mode == "points":
            break
        cells = frame_locator.locator(".md-cell")
        counts = [int(text.replace(",", "")) for text in cells.all_inner_texts()]
        before = frame.evaluate("() => [window.map.getZoom(), minedash.drawnAt.find]")
        cells.nth(counts.index(max(counts))).click()
        frame.wait_for_function("b => window.map.getZoom() > b[0] && minedash.drawnAt.find > b[1]",
                                arg=before, timeout=10_000)
    assert wait_for_finds(page, lambda mode, n: mode == "points" and n > 0)
    x, y = frame.evaluate("""() => {
        const p = minedash.ctx.finds.points[0];
        const at = window.map.latLngToContainerPoint(p.latlng);
        return [at.x, at.y];
    }""")
    box = page.locator(MAP_FRAME).last.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + x, box["y"] + y)
    frame_locator.locator(".leaflet-tooltip", has_text="click for details").wait_for(timeout=10_000)
    page.mouse.click(box["x"] + x, box["y"] + y)
    popup = frame_locator.locator(".leaflet-popup-content")
    popup.locator("text=Source:").first.wait_for(timeout=10_000)
    text = popup.inner_text()
    assert re.search(r"(UXO|Anti-personnel mine|Anti-tank mine|IED / booby trap)"
                     r"( \([^)]*\))?: [\d,]+\n", text), text  # device and quantity
    assert re.search(r"\n20\d\d-\d\d-\d\d\n", text), text  # date
    assert re.search(r"Source: \S", text), text
