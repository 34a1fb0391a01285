"""Languages: every interface string has an Azerbaijani and a Russian translation, numbers and
dates follow the language, place names take the language's form."""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
from pathlib import Path

import numpy as np
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from geo.changes import merged_tables
from geo.derive import claims_view, events_view
from geo.derive.hazards import hazards_view, releases_view
from geo.figures.hazards import Selection
from geo.filters import Filters
from geo.i18n import (
    LANGUAGES,
    TRANSLATED,
    _,
    catalog,
    language,
    language_from_locale,
    long_date,
    n_,
    number,
    po_path,
)
from geo.localize import localize_claims
from geo.mapping import HazardIndex
from geo.mapping.hazards import legend_html
from geo.memo import BoundedMemo
from geo.overview import chart_spec
from geo.overview.hazards import hazard_figures
from geo.place_names import localized_names
from geo.store import Store
from tests.conftest import ROOT
from tests.test_pages import run_app
from tools.demo import demonstration_tables, load_demonstration

KEYWORDS = {"_": None, "n_": (1, 2), "N_": None}
SOURCES = ("app.py", "pages", "ui", "geo")
FIELD = re.compile(r"\{[a-z_]*\}")


def _sources() -> list[Path]:
    return [ROOT / "app.py", *[p for folder in SOURCES[1:] for p in sorted((ROOT / folder).rglob("*.py"))]]


def _messages_in_code() -> dict[str, tuple[str, ...]]:
    """Every message the code asks to translate, found by reading the code itself (also inside
    f-strings): msgid -> (plural,) where it has one."""
    found: dict[str, tuple[str, ...]] = {}
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in KEYWORDS and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                plural = node.args[1] if node.func.id == "n_" and len(node.args) > 1 else None
                found[node.args[0].value] = (plural.value,) if isinstance(plural, ast.Constant) else ()
    return found


def _messages_babel_extracts() -> set[str]:
    """What `make i18n` finds (Babel does not look inside f-strings)."""
    return {message[0] if isinstance(message, tuple) else message
            for _file, _line, message, _comments, _context in extract_from_dir(
                str(ROOT), method_map=[("app.py", "python"), ("pages/**.py", "python"),
                                       ("ui/**.py", "python"), ("geo/**.py", "python")],
                keywords=KEYWORDS, comment_tags=())}


@pytest.fixture(scope="module")
def used() -> dict[str, tuple[str, ...]]:
    return _messages_in_code()


def test_make_i18n_finds_every_message(used) -> None:
    hidden = sorted(set(used) - _messages_babel_extracts())
    assert not hidden, f"_() inside an f-string is invisible to `make i18n`; move it out: {hidden}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalog_translates_every_string_the_code_uses(code: str, used) -> None:
    with po_path(code).open("rb") as handle:
        messages = {m.id if isinstance(m.id, str) else m.id[0]: m for m in read_po(handle) if m.id}
    missing = [text for text in used if text not in messages]
    untranslated = [text for text, message in messages.items() if text in used and (
        message.fuzzy or not all(message.string if isinstance(message.string, tuple)
                                 else [message.string]))]
    assert not missing, f"{code}: not in the catalog (run `make i18n`): {missing[:10]}"
    assert not untranslated, f"{code}: no translation yet: {untranslated[:10]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_every_placeholder(code: str, used) -> None:
    with po_path(code).open("rb") as handle:
        catalogue = read_po(handle)
    for message in catalogue:
        if not message.id or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(FIELD.findall(ids[-1]))
        for text in strings:
            assert set(FIELD.findall(text)) == wanted, (code, message.id, text)


def test_language_from_the_browser_locale() -> None:
    assert language_from_locale("ru-RU") == "ru"
    assert language_from_locale("az-Latn-AZ") == "az"
    assert language_from_locale("fr-FR") == "en"
    assert language_from_locale(None) == "en"
    assert set(LANGUAGES) == {"en", "az", "ru"}


def test_numbers_dates_and_plurals_follow_the_language() -> None:
    day = dt.date(2025, 7, 31)
    with language("en"):
        assert number(218262) == "218,262" and long_date(day) == "July 31, 2025"
    with language("az"):
        assert number(218262.5, 1) == "218.262,5" and long_date(day) == "31 iyul 2025"
    with language("ru"):
        assert number(218262) == "218\xa0262" and long_date(day) == "31 июля 2025\u202fг."
        assert catalog("ru").ngettext("{count} figure", "{count} figures", 5) != "{count} figures"
        forms = {n_("{count} figure", "{count} figures", n) for n in (1, 3, 5)}
        assert len(forms) == 3


def test_interface_text_changes_with_the_language() -> None:
    with language("az"):
        assert _("Sources") != "Sources"
    with language("ru"):
        assert _("Sources") != "Sources"
    with language("en"):
        assert _("Sources") == "Sources"


def test_place_names_take_the_language_form(tables) -> None:
    names = {code: localized_names(tables.places, tables.names, code) for code in LANGUAGES}
    assert [names[c]["district:lachin"] for c in ("en", "az", "ru")] == ["Lachin", "Laçın", "Лачин"]
    assert names["ru"]["district:shusha"] == "Шуша" and names["ru"]["district:tartar"] == "Тертер"
    assert names["ru"]["settlement:zabukh"] == "Забух"
    assert names["ru"]["district:fuzuli"] == "Физули"  # the Russian name the gazetteer now holds


def test_countries_are_named_in_the_language(tables) -> None:
    names = {code: localized_names(tables.places, tables.names, code) for code in LANGUAGES}
    assert [names[c]["country:azerbaijan"] for c in ("en", "az", "ru")] == [
        "Azerbaijan", "Azərbaycan", "Азербайджан"]
    assert names["ru"]["country:armenia"] == "Армения" and names["az"]["country:armenia"] == "Ermənistan"
    assert names["ru"]["country:turkey"] == "Турция" and names["en"]["country:turkey"] == "Turkey"


@pytest.mark.parametrize("code", TRANSLATED)
@pytest.mark.parametrize("page", ["pages/overview.py", "pages/sources.py", "pages/brief.py",
                                  "pages/history.py", "pages/upload.py", "pages/hazards.py"])
def test_every_page_runs_in_each_language(app_db, code: str, page: str) -> None:
    app = run_app({"lang": code, "f_districts": ["district:lachin"]})
    if page != "pages/overview.py":
        app.switch_page(page).run()
    assert not app.exception, app.exception
    assert not app.title[0].value.isascii()  # Azerbaijani or Russian, not the English title


def test_figures_periods_and_sources_are_worded_in_the_language(claims, tables) -> None:
    names = {code: localized_names(tables.places, tables.names, code) for code in LANGUAGES}
    with language("ru"):
        shown = localize_claims(claims, names["ru"]).set_index("claim_id")
    assert shown.at["C001", "published_figure"] == "54\u00a0841 га"
    assert shown.at["C001", "period_label"] == "Нарастающий итог, 20.11.2020 – 06.10.2022"
    assert shown.at["C037", "published_figure"].startswith("более ")
    flagged = shown[shown["flag"] != ""]["flag"]
    assert len(flagged) and not flagged.str.contains("another figure|lower than|later total").any()
    with language("az"):
        azerbaijani = localize_claims(claims, names["az"]).set_index("claim_id")
    assert azerbaijani.at["C001", "published_figure"] == "54.841 ha"
    lachin = azerbaijani[azerbaijani["district_id"] == "district:lachin"]
    assert set(lachin["district_name"]) == {"Laçın"}
    with language("en"):
        assert localize_claims(claims, names["en"]) is claims  # the shared English view, as is


def test_a_catalog_without_its_compiled_file_is_compiled_at_start(tmp_path, monkeypatch) -> None:
    import shutil

    import geo.i18n as i18n
    target = tmp_path / "ru" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(po_path("ru"), target / "minedash.po")  # the .po alone, as in a fresh clone
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    catalog.cache_clear()
    try:
        with language("ru"):
            assert _("Sources") == "Источники"
        assert not (target / "minedash.mo").exists()
    finally:
        catalog.cache_clear()


def test_a_chart_built_in_one_language_is_not_reused_in_another(claims) -> None:
    memo = BoundedMemo(8)
    with language("en"):
        english = chart_spec("area", claims, "year", "seed", memo)
    with language("ru"):
        russian = chart_spec("area", claims, "year", "seed", memo)
    assert english["title"] != russian["title"]


@pytest.fixture(scope="module")
def hazard_demo(tables):
    """The seed with 8 synthetic hazard areas per district and their land release."""
    return merged_tables(demonstration_tables(tables, 8, 0, 0), tables)


def _hazard_charts(demo, code: str) -> dict[str, dict]:
    names = localized_names(demo.places, demo.names, code)
    with language(code):
        hazards, releases = hazards_view(demo, names), releases_view(demo, names)
        everything = Filters(start=dt.date(1990, 1, 1), end=dt.date(2030, 1, 1))
        return hazard_figures(hazards, releases, demo.breakdowns, demo.sources, claims_view(demo),
                              events_view(demo), Selection.of(everything), 2023, "").charts


def test_hazard_charts_are_titled_labelled_and_numbered_in_the_language(hazard_demo) -> None:
    english, russian = _hazard_charts(hazard_demo, "en"), _hazard_charts(hazard_demo, "ru")
    assert english["remaining"]["title"]["text"] == "Remaining contamination by district"
    assert russian["remaining"]["title"]["text"] == "Оставшееся загрязнение по районам"
    assert russian["operator_area"]["title"]["text"] == "Площадь по операторам, 2023"
    legend = russian["over_time"]["encoding"]["color"]
    assert legend["legend"]["title"] == "Метод" and "Очищено" in legend["scale"]["domain"]
    assert russian["remaining"]["config"]["locale"]["number"]["decimal"] == ","  # 12,5 on the axes
    bars = {row["district_name"] for row in next(iter(russian["remaining"]["datasets"].values()))}
    assert "Лачин" in bars and "Lachin" not in bars
    azerbaijani = _hazard_charts(hazard_demo, "az")
    assert azerbaijani["by_district"]["title"]["text"] == "Rayonlar üzrə azad edilmiş torpaq"
    assert "Sütunlu diaqram" in azerbaijani["remaining"]["description"]


def test_the_hazard_legend_and_popups_follow_the_language_from_one_shared_index(hazard_demo) -> None:
    with language("az"):
        assert "Təhlükəli ərazilər</b>" in legend_html() and "SHA, açıq" in legend_html()
    with language("en"):
        index = HazardIndex(hazards_view(hazard_demo), releases_view(hazard_demo))
        lachin = int(np.flatnonzero(index.rows["district_id"] == "district:lachin")[0])
        english = index.popup([lachin])
    with language("ru"):
        russian = index.popup([lachin], localized_names(hazard_demo.places, hazard_demo.names, "ru"))
    assert "Status: <b>" in english and "District: Lachin" in english
    assert "Статус: <b>" in russian and "Район: Лачин" in russian and "Status" not in russian
    assert "опасный район" in russian and "Синтетические демонстрационные данные" in russian
    assert index.rows.at[lachin, "hazard_id"] in russian


def test_the_hazard_page_is_worded_in_russian(app_db) -> None:
    load_demonstration(Store(f"sqlite:///{app_db}"), per_district=5, finds=40, incidents=4)
    app = run_app({"lang": "ru"})
    app.switch_page("pages/hazards.py").run()
    assert not app.exception, app.exception
    assert app.title[0].value == "Опасные районы и высвобождение земель"
    assert {"Открытые опасные районы", "Всё ещё опасно", "Высвобожденные земли"} <= {
        metric.label for metric in app.metric}
    titles = {json.loads(chart.proto.spec)["title"]["text"] for chart in app.get("vega_lite_chart")}
    assert {"Оставшееся загрязнение по районам", "Высвобожденные земли по методам"} <= titles
    assert list(app.table[0].value.columns)[:3] == ["Что", "Цифра", "Основание"]
    assert set(app.table[0].value.index) == {"вычислено", "заявлено"}
    assert any("синтетические демонстрационные данные" in w.value for w in app.warning)


def test_the_map_scale_bar_words_its_units_in_the_language() -> None:
    from geo.mapping.build import map_text

    with language("ru"):
        assert (map_text()["km"], map_text()["m"]) == ("км", "м")
    with language("az"):
        assert map_text()["km"] == "km"
