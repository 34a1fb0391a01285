"""What only a browser shows: the map draws, layers toggle, the chart sits beside the map."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import (
    MAP_FRAME,
    count_in_map,
    map_frame,
    open_overview,
    wait_for_count,
    wait_for_finds,
    wait_until_idle,
)
from tests.conftest import DATA

pytestmark = pytest.mark.browser
SEED_LOCATED_FINDS = 5  # Zabukh (2), Sus, Sarybaba height (2); the rest are district-level


def _finds_drawn(page: Page) -> int:
    return wait_for_finds(page, lambda mode, n: mode in ("cells", "points"))[1]


def _finds_off(page: Page) -> None:
    wait_for_finds(page, lambda mode, n: mode == "off" and n == 0)


def _district_count() -> int:
    import json
    return len(json.loads((DATA / "geo" / "regions.geojson").read_text())["features"])


def _place_count() -> int:
    import json
    return len(json.loads((DATA / "geo" / "places.geojson").read_text())["features"])


def test_map_draws_one_path_per_district_and_the_places(page: Page, server: str) -> None:
    open_overview(page, server)
    assert wait_for_count(page, ".leaflet-districts-pane path[data-district]",
                          lambda n: n == _district_count()) == _district_count()
    assert wait_for_count(page, ".leaflet-places-pane path",
                          lambda n: n == _place_count()) == _place_count()
    assert count_in_map(page, ".leaflet-countries-pane path") > 0
    assert count_in_map(page, ".leaflet-tile") == 0


def test_layer_control_toggles_reported_finds(page: Page, server: str) -> None:
    open_overview(page, server)
    assert _finds_drawn(page) == SEED_LOCATED_FINDS
    page.frame_locator(MAP_FRAME).last.locator(".leaflet-control-layers").hover()  # collapsed
    toggle = page.frame_locator(MAP_FRAME).last.locator(
        "label", has_text="Reported finds").locator("input")
    toggle.click()
    _finds_off(page)
    toggle.click()
    assert _finds_drawn(page) == SEED_LOCATED_FINDS


def test_sidebar_toggles_reported_finds(page: Page, server: str) -> None:
    open_overview(page, server)
    before = _finds_drawn(page)
    wait_until_idle(page)
    sidebar_box = page.get_by_test_id("stSidebar").get_by_text("Reported finds", exact=True)
    sidebar_box.click()
    _finds_off(page)
    assert count_in_map(page, ".leaflet-districts-pane path") >= _district_count()
    sidebar_box.click()
    assert _finds_drawn(page) == before


def test_layer_control_choice_survives_rerun_and_page_switch(page: Page, server: str) -> None:
    open_overview(page, server)
    _finds_drawn(page)
    wait_until_idle(page)
    page.frame_locator(MAP_FRAME).last.locator(".leaflet-control-layers").hover()  # collapsed
    page.frame_locator(MAP_FRAME).last.locator(
        "label", has_text="Reported finds").locator("input").click()
    _finds_off(page)

    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stSelectbox").filter(has_text="Map metric").click()
    page.get_by_role("option", name="Anti-personnel mines found").click()
    page.locator(".mc-legend", has_text="Anti-personnel mines found").wait_for(timeout=30_000)
    _wait_for_districts(page)
    _finds_off(page)

    page.get_by_role("link", name="Sources and contradictions").click()
    page.get_by_role("heading", name="Figures that disagree").wait_for(timeout=30_000)
    page.get_by_role("link", name="Overview").click()
    _wait_for_districts(page)
    _finds_off(page)

    wait_until_idle(page)
    assert not sidebar.get_by_role("checkbox", name="Reported finds").is_checked()  # follows the map
    sidebar.get_by_text("Reported finds", exact=True).click()  # sidebar on again
    _finds_drawn(page)


def test_filter_change_keeps_the_mounted_map_and_its_view(page: Page, server: str) -> None:
    open_overview(page, server)
    _finds_drawn(page)
    wait_until_idle(page)
    frame = map_frame(page)
    frame.evaluate("() => { window.mountMark = 'still here'; window.map.setView([39.6, 46.55], 11); }")
    before = frame.evaluate("() => document.querySelector('.md-map').getAttribute('data-md-state')")
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stSelectbox").filter(has_text="Map metric").click()
    page.get_by_role("option", name="Anti-tank mines found").click()
    page.locator(".mc-legend", has_text="Anti-tank mines found").wait_for(timeout=30_000)
    frame.wait_for_function(
        "before => document.querySelector('.md-map').getAttribute('data-md-state') !== before",
        arg=before, timeout=30_000)
    assert frame.evaluate("() => window.mountMark") == "still here"
    assert frame.evaluate("() => window.map.getZoom()") == 11
    assert page.locator(MAP_FRAME).count() == 1


def _wait_for_districts(page: Page) -> None:
    wait_for_count(page, ".leaflet-districts-pane path[data-district]", lambda n: n == _district_count())
    page.wait_for_timeout(300)


def test_chart_renders_beside_the_map(page: Page, server: str) -> None:
    open_overview(page, server)
    chart = page.get_by_test_id("stVegaLiteChart").first
    chart.locator("svg [aria-label]").first.wait_for(state="attached", timeout=30_000)
    wait_until_idle(page)
    map_box = page.locator(MAP_FRAME).last.bounding_box()
    chart_box = chart.bounding_box()
    assert map_box and chart_box and map_box["height"] > 300
    assert chart_box["x"] >= map_box["x"] + map_box["width"] - 5
    assert chart_box["y"] < map_box["y"] + map_box["height"]


def test_no_request_left_localhost(page: Page, server: str, requests_seen: list[str]) -> None:
    open_overview(page, server)
    page.get_by_role("link", name="Sources and contradictions").click()
    page.get_by_role("heading", name="Figures that disagree").wait_for(timeout=30_000)
    assert requests_seen, "no requests were recorded"
    network = [urlparse(url) for url in requests_seen]
    hosts = {u.hostname for u in network if u.scheme in ("http", "https", "ws", "wss")}
    assert hosts == {"127.0.0.1"}, hosts


def test_downloads_come_from_the_app(page: Page, server: str) -> None:
    import csv
    import io

    def media(suffix: str):  # the file a button sends, not whatever else the page loads meanwhile
        return lambda response: ("/media/" in response.url and response.status == 200
                                 and suffix in response.headers.get("content-disposition", ""))

    page.goto(server + "/sources")
    page.get_by_role("heading", name="Download").wait_for(timeout=60_000)
    wait_until_idle(page)
    with page.expect_response(media(".csv"), timeout=30_000) as served:
        page.get_by_role("button", name="Figures (CSV)").click()
    assert urlparse(served.value.url).hostname == "127.0.0.1"
    text = served.value.body().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {"C005", "C006"} <= {row["claim_id"] for row in rows}
    assert all(row["originator"] for row in rows)
    wait_until_idle(page)
    with page.expect_response(media(".gpkg"), timeout=30_000) as served:
        page.get_by_role("button", name="Figures, events and places (GeoPackage)").click()
    assert served.value.body().startswith(b"SQLite format 3")


ORDER_WATCH = """(() => {
  if (window.top === window) {  // the page: when its first chart is added
    new MutationObserver((records, observer) => {
      if (document.querySelector("[data-testid='stVegaLiteChart']")) {
        window.__firstChart = performance.timeOrigin + performance.now();
        observer.disconnect();
      }
    }).observe(document, {childList: true, subtree: true});
    return;
  }
  const fetchAs = window.fetch;  // the map's frame: when the map says it is drawn
  window.fetch = function (url) {
    if (String(url).includes("/api/view/drawn")) {
      window.top.__mapDrawn = window.top.__mapDrawn || performance.timeOrigin + performance.now();
    }
    return fetchAs.apply(this, arguments);
  };
})();"""


def test_the_map_is_drawn_before_the_charts_are_added_and_the_charts_follow(
        page: Page, server: str) -> None:
    """The charts compile on the main thread the map's frame shares: the page adds them once
    the map says every layer it shows is painted, so they never hold the map up."""
    page.add_init_script(ORDER_WATCH)
    open_overview(page, server)
    page.locator("[data-testid='stVegaLiteChart'] svg").nth(3).wait_for(timeout=60_000)
    drawn, first_chart = page.evaluate("() => [window.__mapDrawn, window.__firstChart]")
    assert drawn is not None and drawn <= first_chart
