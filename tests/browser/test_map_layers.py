"""The map's layer control stays out of the way (of districts and popups) and in step with the
sidebar's layer boxes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import MAP_FRAME, map_frame, open_overview, wait_until_idle

pytestmark = pytest.mark.browser
SIZES = [(1440, 900), (390, 844)]  # the sizes the issue was walked at


@pytest.fixture(params=SIZES, ids=["desktop", "phone"])
def sized_page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    yield context.new_page()
    context.close()


def _control_boxes(page: Page) -> list[dict]:
    """The layer control and the zoom buttons."""
    return map_frame(page).evaluate("""() => [...document.querySelectorAll(
        '.leaflet-control-layers, .leaflet-control-zoom')].map(e => e.getBoundingClientRect())
        .map(r => ({l: r.left, r: r.right, t: r.top, b: r.bottom}))""")


def _overlap(a: dict, b: dict) -> bool:
    return a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]


def test_at_the_opening_view_the_layer_control_covers_no_district(sized_page: Page,
                                                                   server: str) -> None:
    page = sized_page
    open_overview(page, server)
    wait_until_idle(page)
    page.wait_for_timeout(500)
    under = map_frame(page).evaluate("""() => {
        const r = document.querySelector('.leaflet-control-layers').getBoundingClientRect();
        const found = new Set();
        for (let i = 0; i <= 6; i++) for (let j = 0; j <= 6; j++) {
            const x = r.left + (r.width - 1) * i / 6, y = r.top + (r.height - 1) * j / 6;
            for (const e of document.elementsFromPoint(x, y)) {
                if (e.dataset && e.dataset.district) { found.add(e.dataset.district); }
            }
        }
        return [...found]; }""")
    assert under == []
    assert "expanded" not in (page.frame_locator(MAP_FRAME).last.locator(
        ".leaflet-control-layers").get_attribute("class") or "")


def test_a_popup_opened_at_lachin_stays_clear_of_the_map_controls(sized_page: Page,
                                                                  server: str) -> None:
    page = sized_page
    open_overview(page, server)
    wait_until_idle(page)
    frame = map_frame(page)
    page.frame_locator(MAP_FRAME).last.locator(".leaflet-control-layers").hover()  # opened
    x, y = frame.evaluate("""() => {
        const d = minedash.ctx.base.districts.find(d => d.id === 'district:lachin');
        const p = window.map.latLngToContainerPoint([d.label[1], d.label[0]]);
        return [p.x, p.y]; }""")
    page.locator(MAP_FRAME).last.scroll_into_view_if_needed()
    box = page.locator(MAP_FRAME).last.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + x, box["y"] + y)
    popup = page.frame_locator(MAP_FRAME).last.locator(".leaflet-popup")
    popup.locator("text=Lachin").first.wait_for(timeout=10_000)
    page.wait_for_timeout(800)  # the map pans the popup into view
    shown = frame.evaluate("""() => { const r = document.querySelector('.leaflet-popup')
        .getBoundingClientRect(); return {l: r.left, r: r.right, t: r.top, b: r.bottom}; }""")
    controls = _control_boxes(page)
    width = frame.evaluate("() => window.map.getSize().x")
    assert shown["t"] >= 0 and shown["b"] - shown["t"] > 40
    assert shown["l"] >= 0 and shown["r"] <= width  # whole, on a phone too
    assert len(controls) == 2 and not any(_overlap(shown, c) for c in controls), (shown, controls)
    assert "expanded" not in (page.frame_locator(MAP_FRAME).last.locator(
        ".leaflet-control-layers").get_attribute("class") or "")  # it folded away


def test_a_layer_unticked_in_the_map_is_unticked_in_the_sidebar_after_a_rerun(
        page: Page, server: str) -> None:
    open_overview(page, server)
    wait_until_idle(page)
    control = page.frame_locator(MAP_FRAME).last.locator(".leaflet-control-layers")
    control.hover()
    control.get_by_label("Places").uncheck()
    page.wait_for_function("() => location.search.includes('layers=')", timeout=10_000)
    page.wait_for_timeout(500)  # the map has told the server
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stSelectbox").filter(has_text="Map metric").click()
    page.get_by_role("option", name="Anti-personnel mines found").click()  # a rerun
    page.locator(".mc-legend", has_text="Anti-personnel mines found").wait_for(timeout=30_000)
    wait_until_idle(page)
    assert not sidebar.get_by_role("checkbox", name="Places").is_checked()
    assert sidebar.get_by_role("checkbox", name="Reported finds").is_checked()
    sidebar.get_by_text("Places", exact=True).click()  # the sidebar ticks it again: the map follows
    map_frame(page).wait_for_function(
        "() => minedash.ctx.map.hasLayer(minedash.ctx.overlays.places)", timeout=30_000)
    wait_until_idle(page)
    assert sidebar.get_by_role("checkbox", name="Places").is_checked()
