"""Sharing and reporting in a real browser: links, the brief's PDF, exports, the phone layout."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import MAP_FRAME, map_frame, open_overview, wait_until_idle

pytestmark = pytest.mark.browser


def dated(name: str) -> set[str]:
    """The name with today's date, or yesterday's when the download ran across midnight."""
    today = dt.date.today()
    return {name.format(day=day.isoformat()) for day in (today, today - dt.timedelta(days=1))}


def _headlines(page: Page) -> list[str]:
    return page.locator(".headline-figure").all_inner_texts()


def _map_view(page: Page) -> tuple[float, float, int]:
    lat, lon, zoom = map_frame(page).evaluate(
        "() => { const m = minedash.ctx.map; const c = m.getCenter(); return [c.lat, c.lng, m.getZoom()]; }")
    return round(lat, 3), round(lon, 3), zoom


def test_copied_link_reproduces_the_view_in_a_new_context(page: Page, browser: Browser,
                                                          server: str) -> None:
    open_overview(page, server)
    sidebar = page.get_by_test_id("stSidebar")
    district = sidebar.get_by_role("combobox", name=re.compile("District"))
    district.fill("Lachin")
    district.press("Enter")
    wait_until_idle(page)
    page.get_by_test_id("stRadioGroup").get_by_text("All from one statement").click()
    wait_until_idle(page)
    map_frame(page).evaluate("() => minedash.ctx.map.setView([39.64, 46.55], 10)")
    page.wait_for_function("() => location.search.includes('zoom=10')", timeout=10_000)
    page.wait_for_timeout(500)  # the map has told the server where it is
    shown = _headlines(page)
    link = page.url
    assert "district=lachin" in link and "headline=same_source" in link

    fresh = browser.new_context(viewport={"width": 1500, "height": 1100})
    try:
        other = fresh.new_page()
        open_overview(other, link)
        wait_until_idle(other)
        chosen = other.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first.inner_text()
        assert "Lachin" in chosen
        same_source = other.get_by_test_id("stRadioGroup").locator("label").filter(
            has_text="All from one statement").locator("input")
        assert same_source.is_checked()
        assert _headlines(other) == shown
        assert _map_view(other) == (39.64, 46.55, 10)
        assert other.url == link
    finally:
        fresh.close()


def test_layers_toggled_in_the_map_stay_in_the_link(page: Page, browser: Browser, server: str) -> None:
    open_overview(page, server)
    wait_until_idle(page)
    control = page.frame_locator(MAP_FRAME).last.locator(".leaflet-control-layers")
    control.hover()
    control.get_by_text("Places", exact=True).click()
    page.wait_for_function("() => location.search.includes('layers=districts%2Chazards%2Cfinds')",
                           timeout=10_000)
    page.wait_for_timeout(500)  # the map has told the server
    page.get_by_test_id("stRadioGroup").get_by_text("All from one statement").click()
    page.wait_for_function("() => location.search.includes('headline=same_source')", timeout=30_000)
    wait_until_idle(page)
    assert "layers=districts%2Chazards%2Cfinds%2Cincidents%2Ccountries" in page.url  # a rerun keeps them
    fresh = browser.new_context(viewport={"width": 1500, "height": 1100})
    try:
        other = fresh.new_page()
        open_overview(other, page.url)
        wait_until_idle(other)
        assert not other.get_by_test_id("stSidebar").get_by_role("checkbox", name="Places").is_checked()
        assert map_frame(other).evaluate(
            "() => minedash.ctx.map.hasLayer(minedash.ctx.overlays.places)") is False
    finally:
        fresh.close()


def test_link_with_unknown_or_bad_parameters_opens_with_a_notice(page: Page, server: str) -> None:
    open_overview(page, server + "/?district=atlantis&zoom=x&lat=1&lon=2&colour=red")
    notices = page.get_by_test_id("stAlertContentWarning").all_inner_texts()
    text = " ".join(notices)
    assert "district=atlantis" in text and "“colour”" in text and "zoom=x" in text
    assert page.get_by_test_id("stException").count() == 0
    page.wait_for_function("() => !location.search.includes('colour')", timeout=10_000)


def test_brief_downloads_as_an_a4_pdf_with_pages_and_footnotes(page: Page, server: str,
                                                               tmp_path: Path) -> None:
    page.goto(server + "/brief?district=lachin,tartar")
    button = page.get_by_role("button", name="Download the brief (PDF, A4)")
    button.wait_for(timeout=120_000)
    wait_until_idle(page)
    with page.expect_download(timeout=120_000) as download:
        button.click()
    assert download.value.suggested_filename in dated("brief_lachin-tartar_all-dates_asof-r1_{day}.pdf")
    path = tmp_path / "brief.pdf"
    download.value.save_as(path)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 2 and "(A4)" in info
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    cited = set(re.findall(r"\[(\d+)\]", text.split("Sources\n")[0]))
    listed = re.findall(r"^\s*\[(\d+)\] ", text.split("Sources\n")[-1], flags=re.MULTILINE)
    assert cited and cited <= set(listed)
    assert listed == [str(n) for n in range(1, len(listed) + 1)]
    assert "Lachin, Tartar" in text and f"page {pages} of {pages}" in text
    assert "Download" not in text
    page.emulate_media(media="print")  # printing the page itself leaves out sidebar and controls
    assert page.get_by_test_id("stSidebar").is_hidden() and button.is_hidden()
    assert page.get_by_role("heading", name="Headline figures").is_visible()


def test_export_carries_its_dictionary_and_is_named_after_what_it_holds(page: Page, server: str,
                                                                        tmp_path: Path) -> None:
    page.goto(server + "/sources?district=lachin&from=2023-01-01&to=2023-12-31")
    button = page.get_by_role("button", name="Figures and events (XLSX)")
    button.wait_for(timeout=120_000)
    wait_until_idle(page)
    with page.expect_download(timeout=60_000) as download:
        button.click()
    assert download.value.suggested_filename in dated("figures-events_lachin_2023_asof-r1_{day}.xlsx")
    path = tmp_path / "export.xlsx"
    download.value.save_as(path)
    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    assert book.sheetnames[:2] == ["README", "dictionary"]
    readme = "\n".join(str(row[0]) for row in book["README"].iter_rows(values_only=True))
    assert "Districts: Lachin" in readme and "Revision 1" in readme and "Natural Earth" in readme
    fields = [row[0] for row in book["dictionary"].iter_rows(min_row=2, values_only=True)]
    assert "device_category_code" in fields and "metric" in fields


def test_phone_layout_at_390_by_844(browser: Browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    try:
        page = context.new_page()
        open_overview(page, server)
        wait_until_idle(page)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390
        box = page.locator(MAP_FRAME).last.bounding_box()
        assert box["width"] >= 300 and box["x"] >= 0 and box["x"] + box["width"] <= 390
        figure = page.locator(".headline-figure").first
        assert figure.bounding_box()["width"] <= 390
        size = float(figure.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
        assert 18 <= size <= 30
        for chart in page.get_by_test_id("stVegaLiteChart").all()[:4]:
            chart.scroll_into_view_if_needed()
            chart_box = chart.bounding_box()
            assert chart_box["x"] >= 0 and chart_box["x"] + chart_box["width"] <= 390

        page.get_by_test_id("stExpandSidebarButton").click()
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_role("link", name="Sources and contradictions").click()
        page.get_by_role("heading", name="Sources and contradictions").wait_for(timeout=60_000)
        page.wait_for_function(
            "() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right <= 0",
            timeout=10_000)
        table = page.locator("table.compact-table")
        table.wait_for(timeout=60_000)
        headings = table.locator("th").all_inner_texts()
        assert headings == ["Figure as published", "Place", "Source"]
        assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth")
        first_row = table.locator("tbody tr").first.inner_text()
        assert "54,841 ha" in first_row and "Azerbaijan" in first_row and "MFA Azerbaijan" in first_row
        assert page.locator('[class*="st-key-wide_table"]').first.is_hidden()
    finally:
        context.close()


def _choose_language(page: Page, name: str) -> None:
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stSelectbox").filter(has_text="Language").click()
    page.get_by_role("option", name=name).click()
    wait_until_idle(page)


@pytest.mark.parametrize(("name", "code", "filters", "figure", "lachin"), [
    ("Azərbaycan dili", "az", "Filtrlər", "218.262 ha", "Laçın"),
    ("Русский", "ru", "Фильтры", "218\u00a0262 га", "Лачин"),
])
def test_switching_language_changes_labels_numbers_and_place_names(
        page: Page, server: str, name: str, code: str, filters: str, figure: str, lachin: str) -> None:
    open_overview(page, server)
    wait_until_idle(page)
    assert "218,262 ha" in _headlines(page)
    _choose_language(page, name)
    page.get_by_test_id("stSidebar").get_by_role("heading", name=filters).wait_for(timeout=30_000)
    page.wait_for_function(f"() => location.search.includes('lang={code}')", timeout=10_000)
    page.locator(".headline-figure", has_text=figure).wait_for(timeout=30_000)
    page.frame_locator(MAP_FRAME).last.locator(".md-district-label", has_text=lachin).first.wait_for(
        state="attached", timeout=60_000)
    district = page.get_by_test_id("stSidebar").get_by_role("combobox", name=re.compile("Rayon|Район"))
    district.fill(lachin)
    district.press("Enter")
    wait_until_idle(page)
    assert lachin in page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first.inner_text()


def test_browser_language_is_the_default(browser: Browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 1500, "height": 1100}, locale="ru-RU")
    try:
        page = context.new_page()
        open_overview(page, server)
        page.get_by_role("heading", name="Противоминная деятельность", exact=False).wait_for(
            timeout=30_000)
        assert "lang=" not in page.url  # the browser's own language needs no parameter
    finally:
        context.close()
