"""Browser benchmark: time from page load until the map has drawn, with many located finds.

Commits N synthetic located finds into a fresh store, starts `streamlit run`, and measures in
Debian's Chromium how long the overview takes until the districts and the find clusters are
on the map. Run with `make bench`.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, start_server
from tests.synthetic import store_with_finds


def paint_seconds(url: str) -> tuple[float, int]:
    """Seconds until districts and clusters are drawn; number of cluster icons."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 1100})
        start = time.perf_counter()
        page.goto(url)
        frame = page.frame_locator(MAP_FRAME).last
        frame.locator(".leaflet-districts-pane path").first.wait_for(state="attached", timeout=180_000)
        frame.locator(".marker-cluster").first.wait_for(state="attached", timeout=180_000)
        seconds = time.perf_counter() - start
        clusters = frame.locator(".marker-cluster").count()
        browser.close()
    return seconds, clusters


def main() -> None:
    """Print a Markdown table."""
    print("| located finds | load to map drawn (s) | cluster icons |\n|---|---|---|")
    for count in (1_000, 10_000):
        with tempfile.TemporaryDirectory() as folder:
            db_path = Path(folder) / "paint.sqlite"
            store_with_finds(db_path, count)
            process, url = start_server(db_path)
            try:
                paint_seconds(url)  # first load warms the server's caches
                seconds, clusters = paint_seconds(url)
            finally:
                process.terminate()
                process.wait(timeout=20)
        print(f"| {count:,} | {seconds:.1f} | {clusters} |")


if __name__ == "__main__":
    main()
