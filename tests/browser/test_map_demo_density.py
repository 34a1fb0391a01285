"""With the README's demonstration set loaded (50 hazard areas per district, 3,000 finds, 60
incidents), the map opens with counted circles and every district name on top, readable."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from geo.hazards.demo import load_demonstration
from geo.store import Store
from tests.browser.conftest import MAP_FRAME, map_frame, open_overview, start_server, wait_for_finds

pytestmark = pytest.mark.browser
NAMES = {"LACHIN", "KALBAJAR", "SHUSHA", "AGHDAM", "FUZULI", "JABRAYIL", "QUBADLI", "ZANGILAN"}


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("demo") / "app.sqlite"
    load_demonstration(Store(f"sqlite:///{path}"), per_district=50)
    process, url = start_server(path, {"MINEDASH_MAP_FIRST_WAIT": "60"})
    yield url
    process.terminate()
    process.wait(timeout=20)


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
        page.frame_locator(MAP_FRAME).last.locator(".md-map[data-labels-placed]").wait_for(
            state="attached", timeout=30_000)
        page.wait_for_timeout(800)
        # Whatever is drawn topmost at the middle of each name, were everything hit-testable.
        on_top = map_frame(page).evaluate("""() => {
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
        assert set(on_top) >= NAMES, on_top
        assert all(on_top[name] for name in NAMES), on_top
    finally:
        context.close()
