"""What only a browser shows: nothing cut off at 1440 px or on a phone, every bar labelled,
the as-of banner on every page, and the district filter taking any spelling."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import open_overview, pick_option, wait_until_idle

pytestmark = pytest.mark.browser
CHART_TEXT = """(chart) => {
  const yAxis = [...chart.querySelectorAll('g.role-axis')]
    .find(a => (a.getAttribute('aria-label') || '').startsWith('Y-axis'));
  return {
    title: (chart.querySelector('.role-title-text') || {}).textContent || '',
    texts: [...chart.querySelectorAll('svg text')].map(t => t.textContent),
    yLabels: yAxis ? yAxis.querySelectorAll('.role-axis-label text').length : 0,
    bars: chart.querySelectorAll('.mark-rect.role-mark path').length,
    overflow: chart.querySelector('svg').getBoundingClientRect().width
      - chart.getBoundingClientRect().width,
  };
}"""
CLIPPED = """() => [...document.querySelectorAll(
    '.headline-figure, [data-testid="stMainBlockContainer"] [data-testid="stMarkdownContainer"] p')]
  .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"""


@pytest.fixture(params=[1440, 390], ids=["desktop", "phone"])
def sized_page(request: pytest.FixtureRequest, browser: Browser) -> Page:
    context = browser.new_context(viewport={"width": request.param, "height": 1000})
    yield context.new_page()
    context.close()


def _charts(page: Page) -> list[dict]:
    charts = page.get_by_test_id("stVegaLiteChart")
    charts.nth(3).locator("svg text").first.wait_for(state="attached", timeout=30_000)
    return [charts.nth(i).evaluate(CHART_TEXT) for i in range(charts.count())]


def test_no_label_is_cut_off_and_every_bar_is_named(sized_page: Page, server: str) -> None:
    open_overview(sized_page, server)
    wait_until_idle(sized_page)
    charts = _charts(sized_page)
    assert len(charts) == 4
    for chart in charts:
        assert not [t for t in chart["texts"] if "…" in t], (chart["title"], chart["texts"])
        assert chart["overflow"] <= 2, chart["title"]  # nothing drawn beyond the page width
    by_district = next(c for c in charts if c["title"] == "By district")
    assert by_district["bars"] == by_district["yLabels"] == 11
    finds = next(c for c in charts if c["title"] == "Mines and UXO found")
    assert finds["yLabels"] == 3 and finds["bars"] == 9  # years 2022-2024, three categories each
    assert sized_page.evaluate(CLIPPED) == []
    figures = sized_page.locator(".headline-figure").all_text_contents()
    assert figures == ["218,262 ha", "32,940", "18,531", "382"]


def test_as_of_banner_shows_on_every_page(page: Page, server: str) -> None:
    page.goto(server + "/history")
    page.get_by_role("heading", name="History").first.wait_for(timeout=60_000)
    wait_until_idle(page)
    pick_option(page, page.get_by_test_id("stSelectbox").filter(has_text="As of"), "Revision 1")
    banner = page.get_by_test_id("stMain").get_by_text("as it stood after revision 1")
    banner.wait_for(timeout=30_000)
    for link, heading in (("Overview", "Mine action in Azerbaijan"),
                          ("Sources and contradictions", "Sources and contradictions"),
                          ("Hazard areas and land release", "Hazard areas and land release"),
                          ("Upload", "Upload updated figures"), ("History", "History")):
        page.get_by_role("link", name=link).click()
        page.get_by_role("heading", name=heading).first.wait_for(timeout=30_000)
        wait_until_idle(page)
        assert banner.is_visible(), link


def test_district_filter_takes_a_spelling_typed_in(page: Page, server: str) -> None:
    open_overview(page, server)
    wait_until_idle(page)
    district = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(
        has_text="District")
    district.locator("input").fill("Berdzor")
    district.locator("input").press("Enter")
    district.get_by_text("Lachin (Laçın)").wait_for(timeout=30_000)
    wait_until_idle(page)
    page.locator('.headline-figure[data-metric="area_reported_cleared"]', has_text="1,454.2 ha").wait_for(
        timeout=30_000)
