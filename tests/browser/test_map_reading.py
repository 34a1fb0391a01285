"""A map you can read offline: labels, scale, legend, layer control, spots and keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import (
    MAP_FRAME,
    map_frame,
    open_overview,
    wait_for_finds,
    wait_for_settled_labels,
)

pytestmark = pytest.mark.browser
FOCUS_BLUE = "rgb(11, 87, 208)"


def _visible_label_boxes(page: Page) -> list[tuple[str, dict]]:
    return map_frame(page).evaluate("""() => [...document.querySelectorAll('.md-label')]
        .filter(e => e.style.visibility === 'visible')
        .map(e => { const r = e.firstChild.getBoundingClientRect();
                    return [e.textContent, {l: r.left, r: r.right, t: r.top, b: r.bottom}]; })""")


def _overlap(a: dict, b: dict) -> bool:
    return a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]


def test_district_and_place_names_never_collide(page: Page, server: str) -> None:
    open_overview(page, server)
    wait_for_settled_labels(page)
    shown = _visible_label_boxes(page)
    names = [name for name, _ in shown]
    assert {"Lachin", "Kalbajar", "Aghdam", "Fuzuli"} <= set(names), names
    for i, (name, box) in enumerate(shown):
        for other, other_box in shown[i + 1:]:
            assert not _overlap(box, other_box), (name, other)
    map_frame(page).evaluate("() => window.map.setZoom(10)")
    page.wait_for_timeout(800)
    closer = {name for name, _ in _visible_label_boxes(page)}
    assert len(closer) > len(set(names))  # zooming in makes room for more names
    assert "Zabukh" in closer and "Sus" in closer


def test_scale_and_legend_with_units(page: Page, server: str) -> None:
    open_overview(page, server)
    frame = page.frame_locator(MAP_FRAME).last
    scale = frame.locator(".leaflet-control-scale-line")
    assert scale.count() == 1 and ("km" in scale.inner_text() or " m" in scale.inner_text())
    legend = page.locator(".mc-legend")
    assert "Area reported cleared of mines and UXO (ha)" in legend.inner_text()
    assert " ha" in legend.inner_text() and "No figure published" in legend.inner_text()


@pytest.mark.parametrize("width", [1500, 420])
def test_layer_control_opens_collapsed_at_every_size(browser: Browser, server: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        open_overview(page, server)
        control = page.frame_locator(MAP_FRAME).last.locator(".leaflet-control-layers")
        control.wait_for(state="attached", timeout=30_000)
        assert "leaflet-control-layers-expanded" not in (control.get_attribute("class") or "")
        control.hover()  # a pointer over its button opens it
        assert "leaflet-control-layers-expanded" in (control.get_attribute("class") or "")
    finally:
        context.close()


def test_finds_above_a_place_can_be_hovered_and_one_popup_lists_the_spot(page: Page, server: str) -> None:
    open_overview(page, server)
    wait_for_finds(page, lambda mode, n: mode == "points" and n > 0)
    frame = map_frame(page)
    z = frame.evaluate("""() => ['places', 'finds'].map(
        name => Number(window.map.getPane(name).style.zIndex))""")
    assert z[1] > z[0]
    x, y = frame.evaluate("""() => {
        window.map.setView([39.58972, 46.54333], 13, {animate: false});
        const at = window.map.latLngToContainerPoint([39.58972, 46.54333]);
        return [at.x, at.y]; }""")  # Zabukh: a place with two finds reported at it
    wait_for_finds(page, lambda mode, n: mode == "points" and n > 0)
    page.locator(MAP_FRAME).last.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    box = page.locator(MAP_FRAME).last.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + x, box["y"] + y)
    tooltip = page.frame_locator(MAP_FRAME).last.locator(".leaflet-tooltip", has_text="IED / booby trap")
    tooltip.wait_for(timeout=10_000)
    page.mouse.click(box["x"] + x, box["y"] + y)
    popup = page.frame_locator(MAP_FRAME).last.locator(".leaflet-popup-content")
    popup.locator("text=Source:").first.wait_for(timeout=10_000)
    text = popup.inner_text()
    assert "3 items at this spot" in text
    assert "District: Lachin" in text  # the place itself
    assert text.count("IED / booby trap") == 2 and "2022-10-03 to 2022-10-04" in text


def test_district_shapes_are_named_and_focus_is_visible(page: Page, server: str) -> None:
    open_overview(page, server)
    frame = map_frame(page)
    frame.wait_for_selector("path[data-district]", state="attached", timeout=30_000)
    names = frame.evaluate("""() => [...document.querySelectorAll('path[data-district]')]
        .map(p => p.getAttribute('aria-label'))""")
    assert len(names) == 12 and all(names)
    assert any(n.startswith("Jabrayil: 14,016.7 ha") for n in names)
    assert "Khankendi: no figure published" in names
    frame.focus("path[data-district='district:lachin']")
    page.keyboard.press("Shift+Tab")  # keyboard focus, as a user tabbing through the map
    page.keyboard.press("Tab")
    focused = frame.evaluate("""() => { const e = document.activeElement;
        return [e.getAttribute('data-district'), getComputedStyle(e).stroke]; }""")
    assert focused == ["district:lachin", FOCUS_BLUE]
    page.keyboard.press("Enter")
    popup = page.frame_locator(MAP_FRAME).last.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert "Lachin" in popup.inner_text() and "1,454.2 ha" in popup.inner_text()
    control = frame.evaluate("""() => { const a = document.querySelector('.leaflet-control-zoom-in');
        a.focus(); return [document.activeElement === a, getComputedStyle(a).outlineStyle]; }""")
    assert control[0]
