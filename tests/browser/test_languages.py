"""Every page in every language, walked in a browser on a store holding the seed, the hazard
demonstration set and an upload of each kind.

Two walks share one server: on every page a user sets filters and the page's own choices,
then switches language there and back, and every choice must survive with nothing left in
the old language; and every page, in every language (the upload previews included), must show
no markup, no internal code and no 'None'.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from geo.auth import hash_password
from geo.i18n import LANGUAGES, _, language
from geo.store import Store
from tests.browser.conftest import pick_option, start_server, wait_until_idle
from tests.browser.test_upload import STATEMENT
from tools.demo import load_demonstration

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
HEADINGS = {  # page -> (address, its first heading)
    "overview": ("/", "Mine action in Azerbaijan's formerly conflict-affected districts"),
    "sources": ("/sources", "Sources and contradictions"),
    "hazards": ("/hazards", "Hazard areas and land release"),
    "brief": ("/brief", "Mine action in Azerbaijan's formerly conflict-affected districts"),
    "upload": ("/upload", "Upload updated figures"),
    "history": ("/history", "History"),
}
DISTRICT_CHIP = {"en": "Lachin (Laçın)", "az": "Laçın (Lachin)", "ru": "Лачин (Lachin)"}
# Written the same in every language: Streamlit's own skip link, the language box, words that
# Azerbaijani shares with English, abbreviations and units.
SAME_EVERYWHERE = {
    "Skip to main content", "Language · Dil · Язык", *LANGUAGES.values(), "Status", "ANAMA",
    "HXL", "CSV", "GeoJSON", "GeoPackage", "XLSX", "PDF", "EPSG", "SHA", "CHA", "IMAS", "OpenStreetMap",
    "Natural Earth", "Leaflet", "km", "ha", "Mine-clearance",
}
STREAMLIT_OWN = re.compile(r"^\d+ options? available\.$")  # a select box's announcement
URL = re.compile(r"https?://\S+")
WORD = re.compile(r"[^\W\d_]{3,}")
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|&lt;|&gt;|&amp;|&quot;")
CODE = re.compile(r"\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\b")
NOTHING = re.compile(r"\b(?:None|nan|NaN|NaT|null|undefined)\b")
VISIBLE_TEXT = """() => {
  // the text a person reads: Material icons are drawn from their names, which are no text
  const icons = [...document.body.querySelectorAll('span, i')].filter(
    e => getComputedStyle(e).fontFamily.includes('Material'));
  const before = icons.map(e => e.style.display);
  icons.forEach(e => { e.style.display = 'none'; });
  const text = document.body.innerText;
  icons.forEach((e, i) => { e.style.display = before[i]; });
  return text.split('\\n').map(line => line.trim()).filter(Boolean);
}"""

RING = [[46.50, 39.60], [46.51, 39.60], [46.51, 39.61], [46.50, 39.61], [46.50, 39.60]]
SOURCE = "HALO Trust;international_ngo;2025-03-01"
UPLOADS = {  # one file of each kind, in an order in which each can be committed
    "figures.csv": (STATEMENT, "adds 3 figures"),
    "finds.csv": ("Kind;Date;Place;Device;Quantity;Latitude;Longitude;Originator;Party;Published\n"
                  f"find;2024-05-02;Zabukh;AP mine;2;39.59;46.54;{SOURCE}\n"
                  f"incident;2024-06-11;Lachin;AT mine;1;39.64;46.55;{SOURCE}\n", "adds 2 events"),
    "places.geojson": (json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "geometry": {"type": "Point", "coordinates": [46.52, 39.62]},
        "properties": {"name": "Walkton", "alt_names": "Uolkton; Уолктон", "district": "Laçın",
                       "level": "village"}}]}), "adds 1 place"),
    "hazards.geojson": (json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "geometry": {"type": "Polygon", "coordinates": [RING]},
        "properties": {"hazard_id": "WALK-1", "type": "CHA", "status": "open",
                       "contamination": "AP mines", "recorded": "2023-04-12",
                       "last survey": "2024-09-30", "operator": "HALO Trust",
                       "originator": "HALO Trust", "party": "international_ngo",
                       "published": "2025-03-01"}}]}), "adds 1 hazard area"),
    "releases.csv": ("Task;Hazard ID;Method;Area (ha);Completed;Operator;AP mines;Land use;Source;"
                     "Party;Published\nWALK-T1;WALK-1;cleared;4,5;2024-06-30;HALO Trust;12;"
                     "agricultural;HALO Trust;international_ngo;2024-07-02\n",
                     "adds 1 land-release record"),
}
HUMAN_COLUMNS = {"source_id", "originator", "outlet", "url", "note", "place", "name", "name_az",
                 "district", "operator", "category", "hazard_id", "release_id", "event_id",
                 "claim_id", "precision", "source", "license", "device_model", "file_name"}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the seed and a small synthetic demonstration set."""
    path = tmp_path_factory.mktemp("languages") / "app.sqlite"
    load_demonstration(Store(f"sqlite:///{path}"), per_district=3, finds=40, incidents=4)
    return path


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[str]:
    """The app with one editor on that store."""
    editors = f"editor={hash_password(PASSWORD, iterations=1000)}"
    process, url = start_server(store_path, {"MINEDASH_EDITORS": editors,
                                             "MINEDASH_MAP_FIRST_WAIT": "10"})
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture
def walker(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.set_default_timeout(90_000)  # a busy test machine
    yield page
    context.close()


def _data_phrases(store_path: Path) -> list[str]:
    """Text that comes from the data and stays as published in every language (names of
    sources, outlets, places, operators, notes), longest first, without spaces."""
    tables = Store(f"sqlite:///{store_path}").snapshot()
    phrases: set[str] = set()
    for frame in vars(tables).values():
        for column in set(frame.columns) & HUMAN_COLUMNS:
            phrases |= {re.sub(r"\s+", "", v) for v in frame[column].dropna().astype(str) if len(v) > 2}
    return sorted(phrases, key=len, reverse=True)


def _words_left(line: str, phrases: list[str]) -> list[str]:
    """The words of a line that are neither data, nor the same in every language, nor a URL."""
    squeezed = re.sub(r"\s+", "", URL.sub(" ", line))
    for phrase in (*phrases, *sorted((re.sub(r"\s+", "", w) for w in SAME_EVERYWHERE), key=len,
                                     reverse=True)):
        if phrase in squeezed:
            squeezed = squeezed.replace(phrase, " ")
    return WORD.findall(squeezed)


def _untranslated(shown: list[str], english: list[str], phrases: list[str]) -> list[str]:
    """Lines shown identically in English and another language that hold interface words."""
    return sorted({line for line in set(shown) & set(english)
                   if _words_left(line, phrases) and not STREAMLIT_OWN.match(line)})


def _heading(name: str, code: str) -> str:
    with language(code):
        return _(HEADINGS[name][1])


def _settled(page: Page, name: str, code: str) -> None:
    """Wait until the page's run in `code` is done."""
    page.get_by_role("heading", name=_heading(name, code), exact=True).first.wait_for(timeout=90_000)
    page.wait_for_timeout(300)
    wait_until_idle(page, 90_000)


def _no_exception(page: Page) -> None:
    shown = page.get_by_test_id("stException")
    assert shown.count() == 0, shown.first.inner_text()


def _sidebar_box(page: Page, test_id: str, label: str, code: str = "en"):
    """A sidebar widget by its label in the language in force."""
    with language(code):
        shown = _(label)
    return page.get_by_test_id("stSidebar").get_by_test_id(test_id).filter(has_text=shown).first


def _choose_language(page: Page, name: str, code: str) -> None:
    pick_option(page, _sidebar_box(page, "stSelectbox", "Language · Dil · Язык"), LANGUAGES[code])
    _settled(page, name, code)


def _set_filters(page: Page) -> None:
    """District typed in, a device category and a map metric, as a user sets them."""
    district = _sidebar_box(page, "stMultiSelect", "District").locator("input")
    district.fill("Лачин")
    district.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_timeout(500)
    wait_until_idle(page, 90_000)
    pick_option(page, _sidebar_box(page, "stMultiSelect", "Device category"), "UXO", several=True)
    pick_option(page, _sidebar_box(page, "stSelectbox", "Map metric"), "Anti-personnel mines found")


def _choices(page: Page, code: str) -> dict[str, object]:
    """What the sidebar shows as chosen."""
    def tags(label: str) -> list[str]:
        shown = _sidebar_box(page, "stMultiSelect", label, code).locator(".react-aria-ComboBox [data-tag]")
        return [tag.get_attribute("aria-label") or "" for tag in shown.all()]

    metric = _sidebar_box(page, "stSelectbox", "Map metric", code).locator("input").first
    return {"districts": tags("District"), "devices": tags("Device category"),
            "metric": metric.input_value()}


def _expected(code: str) -> dict[str, object]:
    with language(code):
        return {"districts": [DISTRICT_CHIP[code]], "devices": [_("UXO")],
                "metric": _("Anti-personnel mines found")}


def _page_choice(page: Page, name: str) -> None:
    """Each page's own choice: headline mode, a search, an as-of revision, a year, signing in."""
    main = page.get_by_test_id("stMain")
    if name == "overview":
        main.get_by_test_id("stRadio").get_by_text("All from one statement").click()
    elif name == "sources":
        main.get_by_role("textbox").first.fill("Lachin")
        main.get_by_role("textbox").first.press("Enter")
    elif name == "history":
        pick_option(page, main.get_by_test_id("stSelectbox").first, "Revision 1")
    elif name == "hazards":
        pick_option(page, main.get_by_test_id("stSelectbox").first, "2024")
    elif name == "upload":
        _sign_in(page)
    page.wait_for_timeout(300)
    wait_until_idle(page, 90_000)


def _page_choice_kept(page: Page, name: str, code: str) -> None:
    main = page.get_by_test_id("stMain")
    with language(code):
        if name == "overview":
            checked = main.get_by_test_id("stRadio").locator("label:has(input:checked)")
            assert checked.inner_text().strip() == _("All from one statement")
        elif name == "sources":
            assert main.get_by_role("textbox").first.input_value() == "Lachin"
        elif name == "history":
            assert main.get_by_test_id("stSelectbox").first.locator("input").first.input_value() == _(
                "Revision {revision}").format(revision=1)
        elif name == "hazards":
            assert main.get_by_test_id("stSelectbox").first.locator("input").first.input_value() == "2024"
        elif name == "upload":
            assert main.locator("input[type=file]").count() == 1  # still signed in


def _sign_in(page: Page) -> None:
    page.get_by_label("Editor name").fill("editor")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.locator("input[type=file]").wait_for(state="attached", timeout=60_000)
    wait_until_idle(page, 90_000)


@pytest.mark.parametrize("name", list(HEADINGS))
def test_a_language_switch_keeps_every_choice_and_leaves_nothing_untranslated(
        walker: Page, server: str, store_path: Path, name: str) -> None:
    phrases = _data_phrases(store_path)
    walker.goto(server + HEADINGS[name][0])
    _settled(walker, name, "en")
    _set_filters(walker)
    _page_choice(walker, name)
    _no_exception(walker)
    shown = {"en": walker.evaluate(VISIBLE_TEXT)}
    for code in ("ru", "az", "en"):  # into each language, from one to the other, and back
        _choose_language(walker, name, code)
        _no_exception(walker)
        assert _choices(walker, code) == _expected(code), code
        _page_choice_kept(walker, name, code)
        now = walker.evaluate(VISIBLE_TEXT)
        if code == "en":
            stale = sorted(line for line in set(now) - set(shown["en"])
                           & (set(shown["ru"]) | set(shown["az"])) if not STREAMLIT_OWN.match(line))
            assert stale == [], stale
        else:
            assert _untranslated(now, shown["en"], phrases) == [], code
            shown[code] = now


def _raw(lines: list[str]) -> list[str]:
    """Lines that show markup, an internal code or an empty value."""
    return [line for line in lines
            if TAG.search(line) or CODE.search(URL.sub(" ", line)) or NOTHING.search(line)]


def _everything_shown(page: Page) -> list[str]:
    """The page's text and that of every frame in it (the map)."""
    lines = page.evaluate(VISIBLE_TEXT)
    for frame in page.frames[1:]:
        try:
            lines += frame.evaluate("() => document.body ? document.body.innerText.split('\\n') : []")
        except Exception:  # a frame replaced while read holds nothing to check
            continue
    return [line.strip() for line in lines if line.strip()]


def test_no_page_shows_markup_codes_or_none_in_any_language(walker: Page, server: str,
                                                           store_path: Path, tmp_path: Path) -> None:
    walker.goto(server + "/upload")
    _settled(walker, "upload", "en")
    _sign_in(walker)
    found: dict[str, list[str]] = {}
    revision = int(Store(f"sqlite:///{store_path}").revisions()["revision_id"].max())
    for file_name, (content, added) in UPLOADS.items():
        path = tmp_path / file_name
        path.write_text(content, encoding="utf-8")
        walker.locator("input[type=file]").set_input_files(str(path))
        walker.get_by_text(added).first.wait_for(timeout=120_000)
        wait_until_idle(walker, 90_000)
        for expander in walker.get_by_test_id("stExpander").locator("summary").all():
            if expander.get_attribute("aria-expanded") != "true":
                expander.click()  # "How the file was read" and the others, open
        for code in ("ru", "az", "en"):
            _choose_language(walker, "upload", code)
            found[f"{file_name} preview, {code}"] = _raw(_everything_shown(walker))
        walker.get_by_role("button", name="Commit this upload").click()
        revision += 1  # the last commit's message stays on screen: wait for this one's number
        walker.get_by_text(f"Committed as revision {revision}.").first.wait_for(timeout=120_000)
        wait_until_idle(walker, 90_000)
    for code in LANGUAGES:
        for name, (address, _heading_text) in HEADINGS.items():
            walker.goto(f"{server}{address}?lang={code}")
            _settled(walker, name, code)
            walker.wait_for_timeout(1000)  # the map's frame and the charts drawn
            found[f"{name}, {code}"] = _raw(_everything_shown(walker))
    assert {where: lines for where, lines in found.items() if lines} == {}
