"""With the README's demonstration set loaded (50 hazard areas per district, 3,000 finds, 60
incidents), the map opens with counted circles (finds and hazard areas alike) and every district
name on top, readable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from geo.store import Store
from tests.browser.conftest import (
    MAP_FRAME,
    map_frame,
    open_overview,
    start_server,
    wait_for_finds,
    wait_for_settled_labels,
)
from tools.demo import load_demonstration

pytestmark = pytest.mark.browser
NAMES = {"LACHIN", "KALBAJAR", "SHUSHA", "AGHDAM", "FUZULI", "JABRAYIL", "QUBADLI", "ZANGILAN"}


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "app.sqlite"
    load_demonstration(Store(f"sqlite:///{path}"), per_district=50)
    return path


@pytest.fixture(scope="module")
def demo_server(demo_path: Path) -> Iterator[str]:
    process, url = start_server(demo_path, {"MINEDASH_MAP_FIRST_WAIT": "60"})
    yield url
    process.terminate()
    process.wait(timeout=20)


def _names_on_top(page: Page) -> dict[str, bool]:
    """For each district name shown: whether it is what is drawn topmost at its middle, were
    everything hit-testable."""
    wait_for_settled_labels(page)
    return map_frame(page).evaluate("""() => {
        const style = document.createElement('style');
        style.textContent = '.leaflet-pane, .leaflet-pane * { pointer-events: auto !important; }';
        document.head.appendChild(style);
        const found = {};
        for (const label of document.querySelectorAll('.md-district-label')) {
            if (label.style.visibility !== 'visible') { continue; }
            const r = label.firstChild.getBoundingClientRect();
            const top = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
            found[label.textContent.toUpperCase()] = Boolean(top && label.contains(top));
        }
        style.remove();
        return found; }""")


def test_the_demonstration_set_opens_as_counted_circles_under_readable_names(
        browser: Browser, demo_server: str) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        open_overview(page, demo_server)
        mode, cells = wait_for_finds(page, lambda mode, n: mode in ("cells", "points") and n > 0)
        total = int(page.frame_locator(MAP_FRAME).last.locator(".md-map").get_attribute(
            "data-find-total") or 0)
        assert total >= 3000 and mode == "cells" and cells < 100  # counted, not 3,000 dots
        on_top = _names_on_top(page)
        # every name shown is drawn on top; on a loaded machine the label placer may hide one
        # that collides with a neighbour's, which is its rule, not a name lost under the dots
        assert len(set(on_top) & NAMES) >= len(NAMES) - 1, on_top
        assert all(on_top[name] for name in set(on_top) & NAMES), on_top
    finally:
        context.close()


def _hazard_status(page: Page) -> dict[str, int | str]:
    element = page.frame_locator(MAP_FRAME).last.locator(".md-map")
    status: dict[str, int | str] = {"mode": element.get_attribute("data-hazard-mode") or ""}
    for name in ("total", "shapes", "dots", "cells"):
        status[name] = int(element.get_attribute(f"data-hazard-{name}") or 0)
    return status


def test_the_demonstration_hazard_areas_open_as_counted_circles_under_readable_names(
        browser: Browser, demo_server: str, demo_path: Path) -> None:
    areas = len(Store(f"sqlite:///{demo_path}").snapshot().hazards)
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        open_overview(page, demo_server)
        frame = page.frame_locator(MAP_FRAME).last
        frame.locator(".md-map[data-hazard-mode]").wait_for(state="attached", timeout=60_000)
        if _hazard_status(page)["mode"] == "off":  # switched on, should it ever be off by default
            map_frame(page).evaluate("() => window.map.addLayer(minedash.ctx.hazards)")
        status = _hazard_status(page)
        for _ in range(150):
            if status["mode"] == "on" and status["total"]:
                break
            page.wait_for_timeout(200)
            status = _hazard_status(page)
        marks = status["cells"] + status["dots"] + status["shapes"]
        print(f"hazard layer at the opening view: {status}")
        assert status["total"] == areas == 600
        assert status["cells"] > 0 and marks < 100, status  # counted, not 600 dots
        circles = frame.locator(".md-cell-hazard > span")
        assert circles.count() == status["cells"]
        counted = sum(int(text.replace(",", "")) for text in circles.all_inner_texts())
        assert counted + status["dots"] + status["shapes"] == areas  # every area counted once
        on_top = _names_on_top(page)
        # every name shown is drawn on top; on a loaded machine the label placer may hide one
        # that collides with a neighbour's, which is its rule, not a name lost under the dots
        assert len(set(on_top) & NAMES) >= len(NAMES) - 1, on_top
        assert all(on_top[name] for name in set(on_top) & NAMES), on_top

        # Each count is readable: no finds' or incidents' counted circle lies over its middle
        # (the names above it let clicks through).
        hidden = map_frame(page).evaluate("""() => {
            const covered = [];
            for (const span of document.querySelectorAll('.md-cell-hazard > span')) {
                const r = span.getBoundingClientRect();
                const top = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
                if (!top || !span.contains(top)) {
                    covered.push(span.textContent + ' under ' + (top ? top.textContent : 'nothing'));
                }
            }
            return covered; }""")
        assert hidden == [], hidden

        # Its tooltip counts and sums; a click zooms in, where the areas are drawn one by one.
        biggest = max(range(circles.count()), key=lambda i: int(
            circles.nth(i).inner_text().replace(",", "")))
        circles.nth(biggest).hover()
        tooltip = frame.locator(".leaflet-tooltip").last
        tooltip.get_by_text("Hazard areas:").wait_for(timeout=10_000)
        assert "ha in all" in tooltip.inner_text() and "Click to zoom in" in tooltip.inner_text()
        zoom = map_frame(page).evaluate("() => window.map.getZoom()")
        circles.nth(biggest).click()
        for _ in range(100):
            if map_frame(page).evaluate("() => window.map.getZoom()") == zoom + 2:
                break
            page.wait_for_timeout(100)
        assert map_frame(page).evaluate("() => window.map.getZoom()") == zoom + 2
        for _ in range(150):
            status = _hazard_status(page)
            if status["cells"] == 0 and status["dots"] + status["shapes"] > 0:
                break
            page.wait_for_timeout(200)
        assert status["cells"] == 0 and status["dots"] + status["shapes"] > 0, status
    finally:
        context.close()
