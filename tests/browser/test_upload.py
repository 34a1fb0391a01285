"""Uploading through the real widget as an editor; viewers see no upload control."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from geo.auth import hash_password
from tests.browser.conftest import MAP_FRAME, open_overview, start_server, wait_until_idle

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
STATEMENT = (
    "\ufeffRayon;Period start;Period end;Hectares;Originator;Party;Outlet;Published;Scope\n"
    "Tərtər;01.01.2025;31.12.2025;1 999,5;ANAMA;govt_azerbaijan;Trend;15.01.2026;all operators\n"
    "Laçın;01.01.2025;31.12.2025;2 454,2;ANAMA;govt_azerbaijan;Trend;15.01.2026;all operators\n"
    "Şuşa rayonu;01.01.2025;31.12.2025;777,7;ANAMA;govt_azerbaijan;Trend;15.01.2026;all operators\n"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with one configured editor."""
    editors = f"editor={hash_password(PASSWORD, iterations=1000)}"
    process, url = start_server(tmp_path_factory.mktemp("upload") / "app.sqlite",
                                {"MINEDASH_EDITORS": editors})
    yield url
    process.terminate()
    process.wait(timeout=20)


def _go_to_upload(page: Page, url: str) -> None:
    page.goto(url)
    # the first page's run done, so the click is not lost to it (a fresh server is slow)
    page.get_by_role("heading", name="Mine action in Azerbaijan").wait_for(timeout=60_000)
    wait_until_idle(page)
    page.get_by_role("link", name="Upload").click()
    page.get_by_role("heading", name="Upload updated figures").wait_for(timeout=30_000)


def test_viewer_sees_no_upload_control(page: Page, server: str) -> None:
    _go_to_upload(page, server)
    page.get_by_text("Editors sign in to upload").wait_for(timeout=30_000)
    assert page.get_by_test_id("stFileUploader").count() == 0
    assert page.locator("input[type=file]").count() == 0


def test_editor_uploads_csv_and_sees_it_on_map_and_chart(page: Page, server: str, tmp_path) -> None:
    _go_to_upload(page, server)
    page.get_by_label("Editor name").fill("editor")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as").wait_for(timeout=30_000)

    csv_file = tmp_path / "anama-2025.csv"
    csv_file.write_bytes(STATEMENT.encode("utf-8"))
    page.locator("input[type=file]").set_input_files(str(csv_file))
    page.get_by_text("adds 3 figures").wait_for(timeout=30_000)
    page.get_by_role("button", name="Commit this upload").click()
    page.get_by_text("Committed as revision 2").wait_for(timeout=30_000)

    page.get_by_role("link", name="Overview").click()
    open_overview(page, server + "/")
    popup = page.frame_locator(MAP_FRAME).last.locator("body").evaluate(
        """() => {
            const layer = minedash.ctx.districtLayers['district:tartar'];
            minedash.ctx.spot(layer.getBounds().getCenter(), null, layer);  // as a click on it
            const content = document.querySelector('.leaflet-popup-content');
            return content ? content.innerText : null;
        }"""
    )
    assert popup and "1,999.5 ha" in popup and "ANAMA" in popup
    bar = page.locator("[data-testid='stVegaLiteChart'] svg [aria-label*='district_name: Tartar']")
    bar.first.wait_for(state="attached", timeout=30_000)
    assert "1,999.5 ha" in (bar.first.get_attribute("aria-label") or "")


def _sign_in(page: Page, url: str) -> None:
    _go_to_upload(page, url)
    page.get_by_label("Editor name").fill("editor")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as").wait_for(timeout=30_000)


def test_a_ministry_report_is_completed_in_the_browser(page: Page, server: str, tmp_path) -> None:
    from tests.upload_files import workbook

    _sign_in(page, server)
    report = tmp_path / "ministry-report.xlsx"
    report.write_bytes(workbook({"Report": [
        ["Area cleared by district, first half of 2026 (ha)"], [None],
        ["District", "Period start", "Period end", "Hectares"],
        ["Tərtər", "2026-01-01", "2026-06-30", 811.5], ["Laçın", "2026-01-01", "2026-06-30", 902.25],
        ["Total", None, None, 1713.75]]}))
    page.locator("input[type=file]").set_input_files(str(report))
    page.get_by_text("1 problem.").wait_for(timeout=30_000)
    wait_until_idle(page)
    page.get_by_label("Publisher (who said it) (needed)").fill("ANAMA")
    page.get_by_label("Publisher (who said it) (needed)").press("Enter")
    wait_until_idle(page)
    page.get_by_text("Publication date (needed)").wait_for(timeout=30_000)
    page.get_by_label("Publication date (needed)").fill("15.01.2026")
    page.get_by_label("Publication date (needed)").press("Enter")
    wait_until_idle(page)
    page.get_by_text("adds 2 figures").wait_for(timeout=30_000)
    page.get_by_role("button", name="Commit this upload").click()
    page.get_by_text("Committed as revision").wait_for(timeout=30_000)


def test_finds_arrive_as_a_geopackage(page: Page, server: str, tmp_path) -> None:
    import shapely

    from tests.upload_files import geo_frame, written

    rows = [({"device": "AT mine", "date": "2024-07-01", "qty": 2, "originator": "ANAMA",
              "published": "2024-07-02"}, shapely.Point(46.51 + i / 1000, 39.62)) for i in range(5)]
    package = tmp_path / "finds.gpkg"
    package.write_bytes(written(geo_frame(rows, "EPSG:32638"), "GPKG", ".gpkg"))
    _sign_in(page, server)
    page.locator("input[type=file]").set_input_files(str(package))
    page.get_by_text("adds 5 events").wait_for(timeout=30_000)
    page.get_by_text("reprojected to EPSG:4326").wait_for(timeout=30_000)
    page.get_by_role("button", name="Commit this upload").click()
    page.get_by_text("Committed as revision").wait_for(timeout=30_000)


def test_the_editor_s_upload_page_has_no_serious_accessibility_problems(page: Page, server: str,
                                                                        tmp_path) -> None:
    from tests.browser.test_accessibility import _violations

    _sign_in(page, server)
    bad = tmp_path / "mixed.csv"
    bad.write_text("district;period_end;hectares;source_id\nLachin;2024-12-31;1,286;SEED\n"
                   "Nowhere;2024-12-31;5;SEED\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_text("Unknown place names").wait_for(timeout=30_000)
    wait_until_idle(page)
    found = [v for v in _violations(page) if v["impact"] in ("serious", "critical")]
    assert found == [], found


# markup, 'None' (but the sentence 'None yet: …'), snake_case codes and device codes
RAW = re.compile(r"<span|mc-sample|\bNone\b(?! yet:)|\b[a-z]+_[a-z_]+\b|\bAP_mine\b|\bAT_mine\b")
EVENTS = ("kind,date,place,device,quantity,originator,party,published\n"
          "find,2024-03-01,Lachin,AP mine,2,ANAMA,Government of Azerbaijan,2024-03-02\n"
          "incident,2024-03-04,Lachin,,,ANAMA,Government of Azerbaijan,2024-03-05\n")


def _grid_text(page: Page) -> str:
    """The text of every table on the page (the grid draws on a canvas; its accessible copy
    holds the cells)."""
    return page.locator("[data-testid='stDataFrame'] table").evaluate_all(
        "tables => tables.flatMap(t => [...t.querySelectorAll('th, td')].map(c => c.textContent))"
        ".join('\\n')")


def test_an_uploaded_file_is_shown_without_markup_or_codes(page: Page, server: str, tmp_path) -> None:
    _sign_in(page, server)
    events = tmp_path / "finds-and-incidents.csv"
    events.write_text(EVENTS, encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(events))
    page.get_by_text("adds 2 events").wait_for(timeout=180_000)
    wait_until_idle(page)
    page.get_by_text("How the file was read: sheets, kind, columns").click()
    page.get_by_text("e.g. AP mine").wait_for(timeout=30_000)
    page.locator("[data-testid='stDataFrame'] td", has_text="Anti-personnel mine").wait_for(
        state="attached", timeout=30_000)
    main = page.locator("[data-testid='stMain']").evaluate(  # the words on screen, not icons' names
        "main => { const copy = main.cloneNode(true);"
        " copy.querySelectorAll('[data-testid=stIconMaterial]').forEach(i => i.remove());"
        " return copy.innerText; }")
    grids = _grid_text(page)
    assert "Anti-personnel mine" in grids and "Government of Azerbaijan" in grids, grids
    found = sorted({m.group(0) for m in RAW.finditer(main + "\n" + grids)})
    assert found == [], found


def test_values_for_the_whole_file_stay_open_while_typed(page: Page, server: str, tmp_path) -> None:
    _sign_in(page, server)
    report = tmp_path / "no-publisher.csv"
    report.write_text("Rayon;Period start;Period end;Hectares\n"
                      "Tərtər;01.01.2025;31.12.2025;12,5\nLaçın;01.01.2025;31.12.2025;7\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(report))
    page.get_by_text("1 problem.").wait_for(timeout=180_000)
    wait_until_idle(page)
    for label, value in (("Publisher (who said it) (needed)", "ANAMA"),
                         ("Publication date (needed)", "15.01.2026")):
        page.get_by_label(label).fill(value)
        page.get_by_label(label).press("Enter")
        wait_until_idle(page)
    page.get_by_text("adds 2 figures").wait_for(timeout=60_000)
    wait_until_idle(page)
    # nothing is needed any more, and the outlet and scope are still at hand
    assert page.get_by_label("Outlet (where it was published)").is_visible()
    assert page.get_by_label("Scope (whose work)").is_visible()
