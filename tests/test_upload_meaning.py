"""Upload as received, part two: publishers as the news names them, files in their makers' own
words, place-name forms, HXL hashtag rows and summary sheets, and no column dropped in silence.
Every file here is built by the test, in many shapes and in English, Azerbaijani and Russian."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.changes import plan_changes
from geo.model.tables import Tables
from geo.names import AliasIndex
from geo.publishers import party_of, publisher_key, read_publisher
from geo.upload import Prepared
from geo.upload.fields import IGNORE
from tests.upload_files import messages, prepared, workbook

DATA = Path(__file__).resolve().parents[1] / "data"

PUBLISHERS = [  # (as a Source cell says it, originator, outlet)
    ("ANAMA via Trend", "ANAMA", "Trend"),
    ("ANAMA, via Trend", "ANAMA", "Trend"),
    ("ANAMA / today.az", "ANAMA", "today.az"),
    ("today.az / ANAMA", "ANAMA", "today.az"),
    ("ANAMA (Trend)", "ANAMA", "Trend"),
    ("ANAMA said, Trend reports", "ANAMA", "Trend"),
    ("Trend reports: ANAMA", "ANAMA", "Trend"),
    ("Trend reports", "Trend", "Trend"),
    ("Azərbaycan Respublikası Minatəmizləmə Agentliyi (ANAMA)", "ANAMA", ""),
    ("Minatəmizləmə Agentliyi via APA", "ANAMA", "APA"),
    ("Агентство по разминированию Азербайджана", "ANAMA", ""),
    ("Агентство по разминированию Азербайджана через Report.az", "ANAMA", "Report.az"),
    ("АНАМА / Тренд", "ANAMA", "Trend"),
    ("Cabinet of Ministers of Azerbaijan, 2023 report (Trend)", "Cabinet of Ministers", "Trend"),
    ("Nazirlər Kabineti, 2023-cü il hesabatı", "Cabinet of Ministers", ""),
    ("Кабинет министров Азербайджана (Тренд)", "Cabinet of Ministers", "Trend"),
    ("Ministry of Defence of Azerbaijan via AzerNews", "Ministry of Defence", "AzerNews"),
    ("Müdafiə Nazirliyi / Oxu.az", "Ministry of Defence", "Oxu.az"),
    ("Минобороны Азербайджана через APA", "Ministry of Defence", "APA"),
    ("Landmine Monitor (ICBL-CMC)", "Landmine Monitor", ""),
    ("Azerbaijan Campaign to Ban Landmines (AzCBL) via Report.az", "AzCBL", "Report.az"),
    ("Some district council via Turan", "Some district council", "Turan"),
]


@pytest.mark.parametrize(("cell", "originator", "outlet"), PUBLISHERS)
def test_a_publisher_cell_gives_one_originator_and_its_outlet(cell: str, originator: str,
                                                             outlet: str) -> None:
    read = read_publisher(cell)
    assert (read.originator, read.outlet) == (originator, outlet)


@pytest.mark.parametrize("spelling", [
    "ANAMA", "Azərbaycan Respublikası Minatəmizləmə Agentliyi (ANAMA)", "Mine Action Agency of the "
    "Republic of Azerbaijan", "Агентство по разминированию Азербайджана", "АНАМА", "ANAMA via Trend",
    "ANAMA (Vugar Suleymanov)"])
def test_every_spelling_of_a_publisher_has_one_identity(spelling: str) -> None:
    assert publisher_key(spelling) == publisher_key("ANAMA")
    assert publisher_key(spelling) != publisher_key("Ministry of Defence of Azerbaijan")


def test_a_joint_statement_is_its_own_publisher_in_any_order() -> None:
    assert publisher_key("MFA Azerbaijan; ANAMA") == publisher_key("ANAMA and the Foreign Ministry")
    assert publisher_key("MFA Azerbaijan; ANAMA") != publisher_key("ANAMA")


def test_the_party_of_a_known_publisher_is_inferred_in_any_language(tables: Tables) -> None:
    from geo.publishers import known_parties

    parties = known_parties(tables.sources)
    assert party_of("Агентство по разминированию Азербайджана", parties) == "govt_azerbaijan"
    assert party_of("Landmine Monitor", parties) == "independent_monitor"
    assert party_of("Кампания за запрещение мин (AzCBL)", parties) == "national_ngo"
    assert party_of("An unheard-of group", parties) is None


# The Cabinet of Ministers' 2023 district figures, stored as C042–C052, as other files write them.
DISTRICTS = {
    "Jabrayil": ("Jabrayil", "Cəbrayıl", "Джебраил", "Джебраильский район", "Cəbrayıl rayonu"),
    "Aghdam": ("Aghdam district", "Ağdam", "Агдам", "Агдамский район", "Ağdam rayonu"),
    "Gubadli": ("Gubadly", "Qubadlı", "Губадлы", "Кубатлинский район", "Qubadlı rayonu"),
    "Kalbajar": ("Kalbajar", "Kəlbəcər", "Кельбаджар", "Кельбаджарский район", "Kəlbəcər rayonu"),
    "Fuzuli": ("Fizuli", "Füzuli", "Физули", "Физулинский район", "Füzuli rayonu"),
    "Khojavend": ("Khojavend", "Xocavənd", "Ходжавенд", "Ходжавендский район", "Xocavənd rayonu"),
    "Zangilan": ("Zangilan", "Zəngilan", "Зангилан", "Зангиланский район", "Zəngilan rayonu"),
    "Lachin": ("Lachin rayonu", "Laçın rayonu", "Лачин", "Лачинский район", "Laçın"),
    "Tartar": ("Terter", "Tərtər", "Тертер", "Тертерский район", "Tərtər rayonu"),
    "Shusha": ("Shusha", "Şuşa", "Шуша", "Шушинский район", "Şuşa rayonu"),
    "Khojaly": ("Khojali", "Xocalı", "Ходжалы", "Ходжалинский район", "Xocalı rayonu"),
}
HEADERS = {
    "en": ("District", "Area cleared of mines and UXO (ha)", "Period from", "Period to", "Source",
           "Publication date"),
    "az": ("Rayon", "Minalardan təmizlənmiş ərazi (ha)", "Dövrün əvvəli", "Dövrün sonu", "Mənbə",
           "Dərc tarixi"),
    "ru": ("Район", "Очищенная площадь (га)", "Период с", "Период по", "Источник", "Дата публикации"),
}
CABINET = {
    "en": ("Cabinet of Ministers of Azerbaijan, 2023 report (Trend)", "Cabinet of Ministers via Trend",
           "Cabinet of Ministers of Azerbaijan, Trend reports"),
    "az": ("Azərbaycan Respublikası Nazirlər Kabineti (Trend)", "Nazirlər Kabineti / Trend",
           "Nazirlər Kabineti, 2023-cü il hesabatı"),
    "ru": ("Кабинет министров Азербайджана (Trend)", "Кабинет министров Азербайджана через Trend",
           "Кабинет министров, отчёт за 2023 год"),
}
DATES = {"en": ("2023-01-01", "2023-12-31", "2024-03-05"), "az": ("01.01.2023", "31.12.2023", "05.03.2024"),
         "ru": ("01.01.2023", "31.12.2023", "05.03.2024")}


def _district_figures() -> list[tuple[str, float]]:
    with (DATA / "claims.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if "C042" <= r["claim_id"] <= "C052"]
    return [(r["place"], float(r["value"])) for r in rows]


def _restated_file(seed: int) -> tuple[str, bytes | str, int]:
    """The 2023 district figures in one random shape: language of headers, spelling of each
    district and of the publisher, date style, CSV or workbook, decimal comma or point."""
    rng = random.Random(seed)
    language = ("en", "az", "ru")[seed % 3]
    header = list(HEADERS[language])
    start, end, published = DATES[language]
    comma = language != "en" and rng.random() < 0.5
    windows_1251 = language == "ru" and seed % 4 == 2  # as a Russian office saves a CSV
    rows = []
    for place, value in _district_figures():
        number = f"{value:.1f}".replace(".", ",") if comma else f"{value:.1f}"
        forms = [f for f in DISTRICTS[place] if not windows_1251 or f[0] in "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ"]
        rows.append([rng.choice(forms), number, start, end, rng.choice(CABINET[language]),
                     published])
    rng.shuffle(rows)
    if seed % 2:
        return "report.xlsx", workbook({"2023": [header, *rows]}), len(rows)
    separator = ";" if comma else rng.choice([",", ";", "\t"])
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator, lineterminator="\n").writerows([header, *rows])
    if windows_1251:
        return "report.csv", buffer.getvalue().encode("cp1251"), len(rows)
    return "report.csv", buffer.getvalue(), len(rows)


@pytest.mark.parametrize("seed", range(12))
def test_the_stored_2023_district_figures_uploaded_again_are_restatements(tables: Tables,
                                                                         seed: int) -> None:
    name, data, count = _restated_file(seed)
    result = prepared(tables, name, data)
    assert result.ok, messages(result)
    assert len(result.tables.claims) == count == 11
    changes = plan_changes(result.tables, tables)
    assert len(changes.added["claims"]) == 0, changes.summary()
    assert sorted(changes.restated["claims"]["stored_as"]) == [f"C0{n}" for n in range(42, 53)]
    assert set(result.tables.sources["originator"]) == {"Cabinet of Ministers of Azerbaijan"}
    assert set(result.tables.sources["party"]) == {"govt_azerbaijan"}


def test_a_party_set_once_never_overrides_the_party_known_for_a_publisher(tables: Tables) -> None:
    text = ("District;Hectares;Period end;Source;Published\n"
            "Lachin;5;2024-12-31;Landmine Monitor;2025-01-10\n"
            "Tartar;6;2024-12-31;Azerbaijan Campaign to Ban Landmines (AzCBL) via Report.az;2025-01-10\n"
            "Shusha;7;2024-12-31;A new local group;2025-01-10\n")
    result = prepared(tables, "f.csv", text, defaults=(("party", "govt_azerbaijan"),))
    assert result.ok, messages(result)
    sources = result.tables.sources.set_index("source_id")
    by_row = [sources.loc[s] for s in result.tables.claims.sort_values("value")["source_id"]]
    assert [s["party"] for s in by_row] == ["independent_monitor", "national_ngo", "govt_azerbaijan"]
    assert [publisher_key(s["originator"]) for s in by_row[:2]] == ["landmine monitor", "azcbl"]
    assert by_row[1]["outlet"] == "Report.az"


def test_a_party_in_the_row_comes_before_what_the_app_knows(tables: Tables) -> None:
    text = ("District;Hectares;Period end;Source;Party;Published\n"
            "Lachin;5;2024-12-31;ANAMA;media;2025-01-10\n")
    result = prepared(tables, "f.csv", text, defaults=(("party", "national_ngo"),))
    assert list(result.tables.sources["party"]) == ["media"]


def test_the_publishers_own_spelling_is_kept_in_the_sources_note(tables: Tables) -> None:
    text = ("District;Hectares;Period end;Source;Published\n"
            "Lachin;5;2024-12-31;Агентство по разминированию Азербайджана через Trend;2025-01-10\n")
    result = prepared(tables, "f.csv", text)
    assert result.ok, messages(result)
    source = result.tables.sources.iloc[0]
    assert (source["originator"], source["outlet"]) == ("ANAMA", "Trend")
    assert "Агентство по разминированию Азербайджана через Trend" in source["note"]


# No silent drops
KNOWN = ["District", "Hectares", "Period end", "Source id"]
UNKNOWN_HEADERS = st.sampled_from(["Weather", "Team leader", "Hava", "Погода", "Komanda", "Checked by",
                                   "Internal code", "Yoxlayan", "Проверил", "Remarks (internal)"])
VALUES = st.one_of(st.none(), st.sampled_from(["", " ", "yes", "17", "Ali", "2024-01-01", "Иван"]),
                   st.integers(0, 1000).map(str))


def _unread_problem(result: Prepared, column: str) -> bool:
    return any(p.column == column and "holds values but is not read" in p.reason for p in result.problems)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(extra=st.lists(UNKNOWN_HEADERS, min_size=1, max_size=4, unique=True),
       cells=st.lists(st.lists(VALUES, min_size=4, max_size=4), min_size=1, max_size=5),
       ignore=st.lists(st.booleans(), min_size=4, max_size=4),
       as_workbook=st.booleans())
def test_every_non_empty_cell_is_stored_a_problem_or_ignored_by_choice(tables, extra, cells, ignore,
                                                                      as_workbook) -> None:
    header = KNOWN + extra
    rows = [["Lachin", str(5 + n), "2024-12-31", "SEED", *row[:len(extra)]] for n, row in enumerate(cells)]
    chosen = tuple((column, IGNORE) for column, yes in zip(extra, ignore, strict=False) if yes)
    if as_workbook:
        result = prepared(tables, "f.xlsx", workbook({"Data": [header, *rows]}), mapping=chosen)
    else:
        text = "\n".join(";".join("" if c is None else c for c in row) for row in [header, *rows])
        result = prepared(tables, "f.csv", text, mapping=chosen)
    ignored_by_choice = {column for _table, column, why in result.ignored if why == "chosen"}
    listed = {column for _table, column, _why in result.ignored}
    for position, column in enumerate(extra):
        filled = any(str(row[len(KNOWN) + position] or "").strip() for row in rows)
        if column in dict(chosen):
            assert column in ignored_by_choice
        elif filled:
            assert _unread_problem(result, column), (column, messages(result))
            assert not result.ok  # never committed while the column is unanswered
        else:
            assert column in listed
    if all(column in dict(chosen) or not any(str(row[len(KNOWN) + i] or "").strip() for row in rows)
           for i, column in enumerate(extra)):
        assert result.ok, messages(result)
        assert sorted(result.tables.claims["value"]) == sorted(5 + n for n in range(len(rows)))
    assert any(column in note for note in result.notes for column in listed) or not listed


def test_an_unrecognised_area_column_in_a_weekly_workbook_is_asked_about(tables: Tables) -> None:
    book = workbook({"Həftəlik": [["Rayon", "Tarix", "Sahə təmizləndi (hektar)", "AP mines"],
                                  ["Laçın", "2024-06-07", 12.5, 3], ["Tərtər", "2024-06-07", 4, 1]]})
    result = prepared(tables, "weekly.xlsx", book, defaults=(("originator", "ANAMA"),
                                                              ("published", "2024-06-08")))
    assert not result.ok
    assert any("Sahə təmizləndi (hektar)" in m and "holds values but is not read" in m
               for m in messages(result))
    ignored = prepared(tables, "weekly.xlsx", book, mapping=(("Sahə təmizləndi (hektar)", IGNORE),),
                       defaults=(("originator", "ANAMA"), ("published", "2024-06-08")))
    assert ignored.ok, messages(ignored)
    assert any("Sahə təmizləndi (hektar)" in note for note in ignored.notes)


# The makers' own words
@pytest.mark.parametrize(("area", "uxo"), [
    ("Area cleared of mines and UXO (ha)", "UXO"), ("Minalardan təmizlənmiş ərazi (ha)", "PHS"),
    ("Minalardan təmizlənmiş ərazi (ha)", "Partlamamış hərbi sursat"),
    ("Очищенная площадь (га)", "НВБ"), ("Очищенная площадь (га)", "Неразорвавшиеся боеприпасы")])
def test_anama_and_ministry_headers_give_their_figures(tables: Tables, area: str, uxo: str) -> None:
    text = (f"Rayon;{area};{uxo};Период по;Mənbə;Dərc tarixi\n"
            "Laçın;12,5;40;07.06.2024;ANAMA;08.06.2024\nTərtər;4;9;07.06.2024;ANAMA;08.06.2024\n")
    result = prepared(tables, "weekly.csv", text)
    assert result.ok, messages(result)
    metrics = sorted(zip(result.tables.claims["metric"], result.tables.claims["value"], strict=True))
    assert metrics == [("area_reported_cleared", 4), ("area_reported_cleared", 12.5),
                       ("uxo_found", 9), ("uxo_found", 40)]
    assert set(result.tables.claims["period_end"].astype(str)) == {"2024-06-07"}


SQUARE = "POLYGON (({x} 39.62, {x2} 39.62, {x2} 39.63, {x} 39.62))"


@pytest.mark.parametrize(("status", "code"), [
    ("Reduced", "in_progress"), ("Worked on", "in_progress"), ("Active", "open"),
    ("Cancelled", "released"), ("Aktiv", "open"), ("В работе", "in_progress")])
@pytest.mark.parametrize(("devices", "contamination"), [
    ("AP Mine; AT Mine", "mixed"), ("AP Mine", "AP_mines"), ("AT Mine, AT Mine", "AT_mines"),
    ("PHS", "UXO"), ("Противопехотные мины / противотанковые мины", "mixed")])
def test_an_imsma_hazard_export_is_read_in_its_own_words(tables: Tables, status: str, code: str,
                                                         devices: str, contamination: str) -> None:
    rows = [["Hazard ID", "Hazard Type", "Status", "Contamination", "Area Size (m²)", "Shape WKT",
             "Organisation", "Source", "Published"],
            ["AZ-LAC-1", "CHA", status, devices, 12_500, SQUARE.format(x=46.51, x2=46.52), "HALO Trust",
             "ANAMA", "2024-05-01"]]
    result = prepared(tables, "imsma.xlsx", workbook({"Hazards": rows}))
    assert result.ok, messages(result)
    assert result.kind == "hazards"
    hazard = result.tables.hazards.iloc[0]
    assert (hazard["hazard_status"], hazard["contamination"]) == (code, contamination)
    assert hazard["operator"] == "HALO Trust"  # the organisation is the operator, not the publisher
    assert "12,500 m²" in hazard["note"]
    assert list(result.tables.sources["originator"]) == ["ANAMA"]


@pytest.mark.parametrize(("use", "code"), [("Road / transport", "transport"), ("Power line", "energy"),
                                           ("Yol", "transport"), ("ЛЭП", "energy")])
def test_land_uses_as_operators_write_them(tables: Tables, use: str, code: str) -> None:
    text = ("District;Method;Area Size (m²);Completed;Land use;Source;Published\n"
            f"Lachin;cleared;45000;2024-06-30;{use};ANAMA;2024-07-02\n")
    result = prepared(tables, "release.csv", text)
    assert result.ok, messages(result)
    assert list(result.tables.releases["land_use"]) == [code]
    assert list(result.tables.releases["area_m2"]) == [45_000]


# Place-name forms
@pytest.mark.parametrize(("place", "forms"), list(DISTRICTS.items()))
def test_every_district_is_known_by_its_russian_azerbaijani_and_adjectival_names(
        index: AliasIndex, place: str, forms: tuple[str, ...]) -> None:
    ids = {index.resolve(form).place_id for form in forms}
    assert len(ids) == 1 and None not in ids, {form: index.resolve(form) for form in forms}


@pytest.mark.parametrize(("name", "some_district"), [
    ("Karabakh", "district:aghdam"), ("Qarabağ iqtisadi rayonu", "district:shusha"),
    ("Карабахский экономический район", "district:tartar"), ("East Zangezur", "district:lachin"),
    ("Şərqi Zəngəzur", "district:zangilan"), ("Восточный Зангезур", "district:kalbajar")])
def test_an_economic_region_is_recognised_and_answered_with_its_districts(
        tables: Tables, name: str, some_district: str) -> None:
    """Where the gazetteer lacks the economic regions (a gazetteer of the editor's own without
    them), the name is answered with the region's districts, never with look-alike villages."""
    places = tables.places[tables.places["level"] != "economic_region"]
    match = AliasIndex(places, tables.names[tables.names["place_id"].isin(places["place_id"])]).resolve(name)
    assert not match.ok and "economic region" in match.reason
    suggested = {s.place_id for s in match.suggestions}
    assert some_district in suggested
    assert all(p.startswith("district:") for p in suggested)


def test_a_level_column_with_geoboundaries_adm2_is_accepted(tables: Tables) -> None:
    from tests.upload_files import feature_collection

    square = {"type": "Polygon", "coordinates": [[[46.5, 39.6], [46.6, 39.6], [46.6, 39.7], [46.5, 39.6]]]}
    data = feature_collection([({"shapeName": "Lachin", "Level": "ADM2", "shapeGroup": "AZE"}, square)])
    result = prepared(tables, "geoBoundaries-AZE-ADM2.geojson", data,
                      mapping=(("shapeGroup", IGNORE),))
    assert result.ok, messages(result)
    assert list(result.tables.places["level"]) == ["district"]


# Exchange-format wrappers
@pytest.mark.parametrize("as_workbook", [False, True])
@pytest.mark.parametrize(("headers", "tags"), [
    (("Rayonun adı", "Tarix", "Ölənlər", "Yaralananlar", "Mənbə", "Dərc"),
     ("#adm2+name", "#date", "#affected+killed", "#affected+injured", "#meta+source", "#date+reported")),
    (("Raion", "Day", "Dead persons", "Hurt persons", "Who", "Out"),
     ("#adm2 +name", "#date+occurred", "#affected +killed", "#affected+injured", "#meta+source",
      "#date +reported")),
    (("Район", "День", "Погибшие люди", "Пострадавшие люди", "Кто", "Выход"),
     ("#ADM2+name", "#date", "#affected+killed+f", "#affected+injured", "#org+source", "#date+published")),
])
def test_an_hxl_hashtag_row_is_read_as_hints_not_as_data(tables: Tables, as_workbook: bool,
                                                         headers: tuple[str, ...],
                                                         tags: tuple[str, ...]) -> None:
    rows = [list(headers), list(tags), ["Laçın", "2024-03-02", "1", "2", "ANAMA", "2024-03-04"],
            ["Tərtər", "2024-04-12", "0", "1", "ANAMA", "2024-04-13"]]
    if as_workbook:
        result = prepared(tables, "hdx.xlsx", workbook({"Data": rows}))
    else:
        result = prepared(tables, "hdx.csv", "\n".join(",".join(r) for r in rows))
    assert result.ok, messages(result)
    assert any("HXL" in note for note in result.notes)
    values = sorted(zip(result.tables.claims["metric"], result.tables.claims["value"], strict=True))
    assert values == [("injured", 1), ("injured", 2), ("killed", 0), ("killed", 1)]


def test_a_summary_sheet_is_skipped_with_a_note(tables: Tables) -> None:
    data = [["District", "Hectares", "Period end", "Source id"], ["Lachin", 5, "2024-12-31", "SEED"],
            ["Tartar", 6, "2024-12-31", "SEED"]]
    for title in ("Summary", "Xülasə", "Сводка"):
        pivot = [["District", "Hectares", "Period end", "Source id"], ["All", 11, "2024-12-31", "SEED"]]
        result = prepared(tables, "book.xlsx", workbook({title: pivot, "Data": data}))
        assert result.ok, messages(result)
        assert sorted(result.tables.claims["value"]) == [5, 6]
        assert any(title in note and "summary" in note.casefold() for note in result.notes)


def _google_earth_kml(placemarks: list[tuple[str, dict[str, str], tuple[float, float]]]) -> bytes:
    """A KML as Google Earth exports it: each placemark's attributes only in its description."""
    parts = []
    for name, attributes, (lon, lat) in placemarks:
        table = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in attributes.items())
        parts.append(f"<Placemark><name>{name}</name><description><![CDATA[<html><body><table border=\"1\">"
                     f"<tr><th colspan=\"2\">{name}</th></tr>{table}</table></body></html>]]></description>"
                     f"<Point><coordinates>{lon},{lat},0</coordinates></Point></Placemark>")
    return ('<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
            + "".join(parts) + "</Document></kml>").encode()


@pytest.mark.parametrize("labels", [
    ("Device", "Date found", "Source", "Published"),
    ("Sursat növü", "Tarix", "Mənbə", "Dərc tarixi"),
    ("Тип боеприпаса", "Дата", "Источник", "Дата публикации")])
@pytest.mark.parametrize("archive", [False, True])
def test_a_google_earth_kml_is_read_from_its_description_tables(tables: Tables, labels, archive) -> None:
    import zipfile

    device, date, source, published = labels
    kml = _google_earth_kml([
        (f"Find {n}", {device: kind, date: "2024-05-0" + str(n + 1), source: "ANAMA via Trend",
                       published: "2024-05-10"}, (46.51 + n / 100, 39.62))
        for n, kind in enumerate(["AP mine", "UXO", "AT mine"])])
    data, name = kml, "finds.kml"
    if archive:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as kmz:
            kmz.writestr("doc.kml", kml)
        data, name = buffer.getvalue(), "finds.kmz"
    result = prepared(tables, name, data)
    assert result.ok, messages(result)
    assert result.kind == "events"
    events = result.tables.events.sort_values("date_start")
    assert list(events["device_category"]) == ["AP_mine", "UXO", "AT_mine"]
    assert list(events["note"]) == ["Find 0", "Find 1", "Find 2"]  # the name kept, never a new place
    assert len(result.tables.places) == 0
    assert list(result.tables.sources["outlet"]) == ["Trend"]
    assert any("descriptions" in note for note in result.notes)


HOSTILE_HTML = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(["<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<br>",
                              "<script>", "</script>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;",
                              "&#x10FFFF;", "&#0;", "&bogus;", "<td colspan=9999999>", "<", ">", "\"",
                              "key", "value", "\u202e", "\x00", "<style>", "<?xml", "<!DOCTYPE x [<!ENTITY a "
                              "'b'>]>", "&a;"]), max_size=300).map("".join))


@settings(deadline=None, max_examples=300)
@given(HOSTILE_HTML)
def test_hostile_description_html_never_crashes_and_stays_within_limits(html: str) -> None:
    from geo.upload.kml_tables import MAX_CELL, MAX_ROWS, description_attributes

    found = description_attributes(html)
    assert len(found) <= MAX_ROWS
    assert all(len(k) <= MAX_CELL and len(v) <= MAX_CELL for k, v in found.items())
    assert not any("<" in k or "<" in v for k, v in found.items() if "&lt;" not in html and "&#" not in html)


def test_huge_and_deeply_nested_descriptions_are_read_in_bounded_work() -> None:
    from geo.upload.kml_tables import MAX_ROWS, description_attributes

    rows = "".join(f"<tr><td>k{n}</td><td>{'v' * 5000}</td></tr>" for n in range(5000))
    found = description_attributes(f"<table>{rows}</table>")
    assert len(found) <= MAX_ROWS and all(len(v) <= 1000 for v in found.values())
    assert description_attributes("<table>" * 10_000 + "<tr><td>a</td><td>b</td>") == {"a": "b"}
    assert description_attributes("<table>" * 50_000 + "<tr><td>a</td><td>b</td>") == {}  # cut off
    assert description_attributes("<!--" + "x" * 500_000) == {}


# One-time answers fill gaps only
def test_a_place_set_once_fills_only_rows_that_say_nowhere(tables: Tables) -> None:
    text = ("Kind;Device;Date;Place;Latitude;Longitude;Source;Published\n"
            "find;UXO;2024-05-01;;40.33;46.93;ANAMA;2024-05-02\n"  # a point in Tartar
            "find;UXO;2024-05-01;Şuşa;;;ANAMA;2024-05-02\n"
            "find;UXO;2024-05-01;;;;ANAMA;2024-05-02\n")
    result = prepared(tables, "finds.csv", text, defaults=(("place", "Lachin"),))
    assert result.ok, messages(result)
    events = result.tables.events.sort_values("place")
    assert list(zip(events["place"], events["place_id"].fillna(""), strict=True)) == [
        ("", ""), ("Lachin", "district:lachin"), ("Şuşa", "district:shusha")]
    assert events["lat"].notna().sum() == 1
    assert len(result.tables.places) == 0


@pytest.mark.parametrize("spelling", ["Laçın", "Lachin rayonu", "Лачинский район"])
def test_boundaries_uploaded_again_keep_what_the_file_leaves_blank(tables: Tables, spelling: str) -> None:
    from tests.upload_files import feature_collection

    stored = tables.places.set_index("place_id").loc["district:lachin"]
    data = feature_collection([({"name": spelling, "level": "district", "name_az": "", "source": ""},
                                stored.geometry.__geo_interface__)])
    result = prepared(tables, "districts.geojson", data)
    assert result.ok, messages(result)
    place = result.tables.places.set_index("place_id").loc["district:lachin"]
    assert (place["name"], place["name_az"], place["source"], place["license"]) == (
        stored["name"], stored["name_az"], stored["source"], stored["license"])
    changes = plan_changes(result.tables, tables)
    assert len(changes.added["places"]) == 0


def test_on_the_page_an_unread_column_is_asked_about_until_the_editor_ignores_it(app_db) -> None:
    from tests.test_upload_flow_pages import XLSX, _key, _text, _upload
    from tests.test_upload_pages import _signed_in_upload_page

    book = workbook({"Weekly": [["Rayon", "Tarix", "Hektar", "Sahə təmizləndi (m²)", "Mənbə", "Dərc tarixi"],
                                ["Laçın", "2025-06-16", 120.5, "5 000", "ANAMA via Trend", "2025-06-17"]]})
    app = _upload(_signed_in_upload_page(), "weekly.xlsx", book, XLSX)
    problems = app.dataframe[0].value
    assert list(problems["Column"]) == ["Sahə təmizləndi (m²)"]
    choice = app.selectbox(key=_key(book, "map:figures:sheet 'Weekly'\x1fSahə təmizləndi (m²)"))
    assert choice.value == "?"
    choice.set_value("").run()
    assert not app.error, [e.value for e in app.error]
    assert "adds 1 figure" in _text(app)
    assert any("Columns not read, as you chose" in i.value and "Sahə təmizləndi" in i.value
               for i in app.info), [i.value for i in app.info]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(HOSTILE_HTML)
def test_a_kml_with_hostile_descriptions_is_read_or_refused_clearly(tables, html: str) -> None:
    from geo.upload import UploadRefused

    kml = _google_earth_kml([("Find", {}, (46.51, 39.62))]).replace(
        b"<table border=\"1\">", b"<table border=\"1\">" + html.encode("utf-8", "replace"))
    try:
        result = prepared(tables, "hostile.kml", kml)
    except UploadRefused as refusal:
        assert str(refusal)
        return
    assert all("<" not in str(v) for v in result.tables.events.get("note", []))


ANAMA_NAMES = ("ANAMA via Trend", "Azərbaycan Respublikası Minatəmizləmə Agentliyi (ANAMA)",
               "Агентство по разминированию Азербайджана", "ANAMA / today.az", "Trend reports: ANAMA",
               "Minatəmizləmə Agentliyi, həftəlik bülleten", "АНАМА через Report.az")


@pytest.mark.parametrize("seed", range(4))
def test_stored_headline_figures_restated_under_other_names_of_their_publisher(tables: Tables,
                                                                              seed: int) -> None:
    rng = random.Random(seed)
    with (DATA / "sources.csv").open(encoding="utf-8") as handle:
        anama = {r["source_id"] for r in csv.DictReader(handle) if r["originator"] == "ANAMA"}
    with (DATA / "claims.csv").open(encoding="utf-8") as handle:
        claims = [r for r in csv.DictReader(handle) if r["source_id"] in anama]
    header = [("Metric", "Value", "Unit", "Period start", "Period end", "Place", "Source", "Published"),
              ("Göstərici", "Dəyər", "Ölçü vahidi", "Başlanğıc", "Tarix", "Ərazi", "Mənbə", "Dərc tarixi"),
              ("Показатель", "Значение", "Единица", "Начало", "Период по", "Место", "Источник",
               "Дата публикации")][seed % 3]
    rows = [[c["metric"], c["value"], c["unit"], c["period_start"], c["period_end"], c["place"],
             rng.choice(ANAMA_NAMES), "2026-12-01"] for c in claims]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\n").writerows([header, *rows])
    result = prepared(tables, "tracker.csv", buffer.getvalue())
    assert result.ok, messages(result)
    changes = plan_changes(result.tables, tables)
    assert len(changes.restated["claims"]) == len(claims) > 10, changes.summary()
    assert len(changes.added["claims"]) == 0


def test_a_hazard_surveyed_before_it_was_recorded_is_accepted(tables: Tables) -> None:
    rows = [["Hazard ID", "Hazard Type", "Status", "Date recorded", "Survey date", "Shape WKT", "Source",
             "Published"],
            ["AZ-LAC-9", "SHA", "Active", "2024-04-12", "2024-03-01", SQUARE.format(x=46.51, x2=46.52),
             "ANAMA", "2024-05-01"]]
    result = prepared(tables, "imsma.xlsx", workbook({"Hazards": rows}))
    assert result.ok, messages(result)
    hazard = result.tables.hazards.iloc[0]
    assert (str(hazard["recorded_date"])[:10], str(hazard["last_survey_date"])[:10]) == (
        "2024-04-12", "2024-03-01")
