"""The hazard page in a browser, with a synthetic demonstration set loaded: every chart drawn,
no label cut off on a desktop or a phone, every bar named, and the synthetic data flagged."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from geo.store import Store
from tests.browser.conftest import start_server, wait_until_idle
from tests.browser.test_readability import CHART_TEXT, CLIPPED
from tools.demo import load_demonstration

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a store holding the seed and a small synthetic demonstration set."""
    path = tmp_path_factory.mktemp("hazard-page") / "app.sqlite"
    load_demonstration(Store(f"sqlite:///{path}"), per_district=15, finds=300, incidents=12)
    process, url = start_server(path)
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(params=[1440, 390], ids=["desktop", "phone"])
def sized_page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": request.param, "height": 1000})
    yield context.new_page()
    context.close()


def test_every_chart_is_drawn_whole_with_its_bars_named(sized_page: Page, server: str) -> None:
    sized_page.goto(server + "/hazards")
    sized_page.get_by_role("heading", name="Hazard areas and land release").first.wait_for(
        timeout=60_000)
    wait_until_idle(sized_page)
    charts = sized_page.get_by_test_id("stVegaLiteChart")
    charts.nth(5).locator("svg text").first.wait_for(state="attached", timeout=60_000)
    found = [charts.nth(i).evaluate(CHART_TEXT) for i in range(charts.count())]
    assert [c["title"] for c in found] == [
        "Remaining contamination by district", "Land released by method",
        "Land released by district", "Area by operator, 2023",
        "Items found by operator, 2023", "Area by land use after release, 2023"]
    for chart in found:
        assert not [t for t in chart["texts"] if "…" in t], (chart["title"], chart["texts"])
        assert chart["overflow"] <= 2, chart["title"]
        assert chart["bars"] > 0, chart["title"]
    bars = sized_page.locator("[data-testid='stVegaLiteChart'] svg .mark-rect.role-mark path")
    labels = [bars.nth(i).get_attribute("aria-label") or "" for i in range(bars.count())]
    assert all(labels) and any("Published" in label for label in labels)
    assert sized_page.evaluate(CLIPPED) == []
    sized_page.get_by_text("synthetic demonstration data (not real)").first.wait_for(timeout=30_000)
