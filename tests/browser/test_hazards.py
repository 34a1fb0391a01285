"""An editor uploads hazard areas as a GeoPackage; the map draws the hazard layer, toggles it,
and opens a hazard's popup on a click: on its dot at the opening zoom, and inside its polygon
zoomed in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from geo.auth import hash_password
from tests.browser.conftest import MAP_FRAME, map_frame, open_overview, start_server, wait_until_idle
from tests.test_hazard_upload import LACHIN_E, LACHIN_N, _hazard, _utm_box
from tests.upload_files import geo_frame, written

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
AREAS = {"BR-1": (0, 0, 400, 300), "BR-2": (600, 0, 200, 200), "BR-3": (0, 500, 300, 300)}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with one configured editor."""
    editors = f"editor={hash_password(PASSWORD, iterations=1000)}"
    process, url = start_server(tmp_path_factory.mktemp("hazards") / "app.sqlite",
                                {"MINEDASH_EDITORS": editors})
    yield url
    process.terminate()
    process.wait(timeout=20)


def _status(page: Page) -> dict[str, str]:
    element = page.frame_locator(MAP_FRAME).last.locator(".md-map")
    return {name: element.get_attribute(f"data-hazard-{name}") or ""
            for name in ("mode", "total", "shapes", "dots")}


def _wait_for(page: Page, predicate, timeout_ms: int = 30_000) -> dict[str, str]:
    waited, status = 0, {}
    while waited < timeout_ms:
        status = _status(page)
        if predicate(status):
            return status
        page.wait_for_timeout(200)
        waited += 200
    raise AssertionError(f"the hazard layer stayed {status}")


def test_an_uploaded_geopackage_is_drawn_toggled_and_clicked(page: Page, server: str, tmp_path) -> None:
    rows = [_hazard(key, _utm_box(LACHIN_E + dx, LACHIN_N + dy, w, h), type=("SHA" if key == "BR-2"
                                                                             else "CHA"))
            for key, (dx, dy, w, h) in AREAS.items()]
    package = tmp_path / "survey.gpkg"
    package.write_bytes(written(geo_frame(rows, "EPSG:32638"), "GPKG", ".gpkg", layer="hazards"))

    page.goto(server)
    page.get_by_role("link", name="Upload").click()
    page.get_by_label("Editor name").wait_for(timeout=120_000)  # the page's first run, on a loaded machine
    page.get_by_label("Editor name").fill("editor")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as").wait_for(timeout=30_000)
    page.locator("input[type=file]").set_input_files(str(package))
    page.get_by_text("adds 3 hazard areas").wait_for(timeout=60_000)
    wait_until_idle(page)
    page.get_by_role("button", name="Commit this upload").click()
    page.get_by_text("Committed as revision 2").wait_for(timeout=60_000)

    page.get_by_role("link", name="Overview").click()
    open_overview(page, server + "/")
    assert int(_wait_for(page, lambda s: s["mode"] == "on" and int(s["total"] or 0) == 3)["total"]) == 3
    control = page.frame_locator(MAP_FRAME).last.locator(".leaflet-control-layers")
    control.hover()
    toggle = control.get_by_label("Hazard areas")
    toggle.uncheck()
    _wait_for(page, lambda s: s["mode"] == "off")
    toggle.check()
    status = _wait_for(page, lambda s: s["mode"] == "on" and s["total"] == "3")
    assert (status["dots"], status["shapes"]) == ("3", "0")  # too small to be shapes at this zoom

    centre = _utm_box(LACHIN_E, LACHIN_N, 400, 300).centroid
    text = _popup_at(page, centre.x, centre.y)  # on the dots
    assert "BR-1" in text and "Confirmed hazardous area (CHA)" in text
    map_frame(page).evaluate("() => window.map.closePopup()")

    map_frame(page).evaluate(f"() => {{ window.map.setView([{centre.y}, {centre.x}], 15, "
                             "{animate: false}); }")
    _wait_for(page, lambda s: s["mode"] == "on" and int(s["shapes"] or 0) >= 1)
    text = _popup_at(page, centre.x, centre.y)  # inside the polygon
    assert "Confirmed hazardous area (CHA)" in text and "Status: Open" in text


def _popup_at(page: Page, lon: float, lat: float) -> str:
    """Click the map at a place; the text of the popup, once it names the hazard area BR-1."""
    point = map_frame(page).evaluate(f"() => {{ const p = window.map.latLngToContainerPoint([{lat}, "
                                     f"{lon}]); return {{x: p.x, y: p.y}}; }}")
    with page.expect_request(lambda request: "/hazards/popup" in request.url):
        page.frame_locator(MAP_FRAME).last.locator(".md-map").click(position=point)
    popup = page.frame_locator(MAP_FRAME).last.locator(".leaflet-popup-content")
    popup.get_by_text("BR-1").wait_for(timeout=30_000)
    return popup.inner_text()
