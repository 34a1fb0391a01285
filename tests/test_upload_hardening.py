"""Nothing lost, nothing misread: each silent-loss, crash and misleading-message case found by
the hostile-file probes, as a test that failed on the earlier code."""

from __future__ import annotations

import io
import json
import threading
import zipfile

import openpyxl
import pytest

from geo.changes import plan_changes
from geo.store import DuplicateUpload, Store
from geo.upload import KIND_EVENTS, KIND_FIGURES, UploadRefused, prepare_upload
from tests.upload_files import feature_collection, messages, prepared, workbook

SOURCE = "originator,party,published"
ANAMA = "ANAMA,govt_azerbaijan,2024-01-10"


# --- 0. values that would stop the app -------------------------------------------------------

@pytest.mark.parametrize("date", ["31.12.3023", "0001-01-01", "9999-12-31", "1899-01-01"])
def test_implausible_dates_are_refused_in_figures_and_events(tables, date: str) -> None:
    figures = f"place,metric,value,unit,period_end,{SOURCE}\nLachin,killed,1,count,{date},{ANAMA}\n"
    events = f"kind,date,place,device,{SOURCE}\nfind,{date},Sus,UXO,{ANAMA}\n"
    for text in (figures, events):
        result = prepared(tables, "dates.csv", text)
        assert not result.ok
        assert any("outside the plausible range" in m for m in messages(result)), messages(result)


def test_the_plausible_range_is_configurable(tables, monkeypatch) -> None:
    text = f"place,metric,value,unit,period_end,{SOURCE}\nLachin,killed,1,count,1985-06-01,{ANAMA}\n"
    assert not prepared(tables, "old.csv", text).ok
    monkeypatch.setenv("MINEDASH_EARLIEST_DATE", "1980-01-01")
    assert prepared(tables, "old.csv", text).ok


def test_a_geometry_collection_place_is_refused(tables) -> None:
    collection = {"type": "GeometryCollection", "geometries": [
        {"type": "Point", "coordinates": [46.5, 39.6]}]}
    result = prepared(tables, "gc.geojson", feature_collection([({"name": "Odd", "district": "Lachin"},
                                                                   collection)]))
    assert not result.ok and result.tables.places.empty
    assert any("GeometryCollection" in m for m in messages(result))


# --- 1. numbers read exactly ------------------------------------------------------------------

def test_numeric_workbook_cells_are_never_read_as_thousands(tables) -> None:
    data = workbook({"Data": [["District", "Period end", "Hectares", "Originator", "Party", "Published"],
                              ["Lachin", "2024-12-31", 1234.567, "ANAMA", "govt_azerbaijan", "2025-01-10"],
                              ["Tartar", "2024-12-31", 3.141, "ANAMA", "govt_azerbaijan", "2025-01-10"]]})
    claims = prepared(tables, "ha.xlsx", data).tables.claims.set_index("place_id")
    assert claims.at["district:lachin", "value"] == pytest.approx(1234.567)
    assert claims.at["district:tartar", "value"] == pytest.approx(3.141)


def test_ambiguous_text_numbers_are_shown_and_the_editor_decides(tables) -> None:
    text = f"district;period_end;hectares;{SOURCE.replace(',', ';')}\nLachin;2024-12-31;1,286;" \
           f"{ANAMA.replace(',', ';')}\n"
    first = prepared(tables, "a.csv", text)
    assert first.tables.claims.iloc[0]["value"] == 1286
    assert [(a.value, a.read_as) for a in first.ambiguities] == [("1,286", "1,286")]
    decimal = prepared(tables, "a.csv", text, decimal_mark="comma")
    assert decimal.tables.claims.iloc[0]["value"] == pytest.approx(1.286)


def test_the_file_s_own_numbers_decide_an_ambiguous_area(tables) -> None:
    text = ("district;period_end;hectares;originator;party;published\n"
            "Lachin;2024-12-31;3,52;ANAMA;govt_azerbaijan;2025-01-10\n"
            "Tartar;2024-12-31;1,286;ANAMA;govt_azerbaijan;2025-01-10\n")
    claims = prepared(tables, "eu.csv", text).tables.claims.set_index("place_id")
    assert claims.at["district:tartar", "value"] == pytest.approx(1.286)


def test_a_count_is_never_read_with_a_decimal_comma(tables) -> None:
    text = ("district;period_end;hectares;AP mines;originator;party;published\n"
            "Lachin;2024-12-31;3,52;1,400;ANAMA;govt_azerbaijan;2025-01-10\n")
    claims = prepared(tables, "mix.csv", text).tables.claims.set_index("metric")
    assert claims.at["ap_mines_found", "value"] == 1400


# --- 2. every row that holds data --------------------------------------------------------------

def test_rows_between_blank_rows_and_after_a_long_gap_are_all_read(tables) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["kind", "date", "lat", "lon", "device", "originator", "party", "published"])
    count = 0
    for row in range(2, 30_001, 2):
        sheet.cell(row=row, column=1, value="find")
        sheet.cell(row=row, column=2, value="2023-05-01")
        sheet.cell(row=row, column=3, value=39.5 + (row % 1000) / 10_000)
        sheet.cell(row=row, column=4, value=46.5)
        for column, value in enumerate(["UXO", "ANAMA", "govt_azerbaijan", "2024-01-10"], start=5):
            sheet.cell(row=row, column=column, value=value)
        count += 1
    sheet.cell(row=60_000, column=1, value="find")
    for column, value in enumerate(["2023-05-02", 39.9, 46.6, "AT mine", "ANAMA", "govt_azerbaijan",
                                    "2024-01-10"], start=2):
        sheet.cell(row=60_000, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    result = prepared(tables, "gaps.xlsx", buffer.getvalue())
    assert result.ok, messages(result)[:3]
    assert len(result.tables.events) == count + 1
    assert result.data_rows == count + 1


def test_a_stale_dimension_tag_does_not_cut_the_sheet(tables) -> None:
    rows = [["District", "Period end", "Hectares", "Originator", "Party", "Published"]]
    rows += [[d, f"2024-{m:02d}-28", 10 + m, "ANAMA", "govt_azerbaijan", "2025-01-10"]
             for m, d in enumerate(["Lachin", "Tartar", "Shusha", "Kalbajar", "Qubadli"] * 2, start=1)]
    data = workbook({"Sheet1": rows})
    source = zipfile.ZipFile(io.BytesIO(data))
    patched = io.BytesIO()
    with zipfile.ZipFile(patched, "w") as archive:
        for item in source.infolist():
            content = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                content = content.replace(b'<dimension ref="A1:F11"', b'<dimension ref="A1:F3"')
            archive.writestr(item, content)
    result = prepared(tables, "stale.xlsx", patched.getvalue())
    assert len(result.tables.claims) == 10


def test_a_file_over_the_row_limit_is_refused_not_cut(tables, monkeypatch) -> None:
    monkeypatch.setenv("MINEDASH_UPLOAD_MAX_ROWS", "50")
    text = "kind,date,place,device,source_id\n" + "find,2023-01-01,Sus,UXO,SEED\n" * 51
    with pytest.raises(UploadRefused, match="more than 50 rows"):
        prepare_upload("big.csv", text.encode(), tables)


# --- 3. the right sheet -------------------------------------------------------------------------

def test_a_hidden_first_sheet_is_not_read(tables) -> None:
    data = workbook({
        "old": [["District", "Period end", "Hectares", "Originator", "Party", "Published"],
                ["Lachin", "2020-12-31", 999999, "ANAMA", "govt_azerbaijan", "2021-01-10"]],
        "2024": [["District", "Period end", "Hectares", "Originator", "Party", "Published"],
                 ["Lachin", "2024-12-31", 1454.2, "ANAMA", "govt_azerbaijan", "2025-01-10"]],
    }, hidden=["old"])
    result = prepared(tables, "hidden.xlsx", data)
    assert list(result.tables.claims["value"]) == [1454.2]
    assert any("Hidden sheets were not read: 'old'" in n for n in result.notes)


def test_several_sheets_with_tables_are_offered(tables) -> None:
    header = ["District", "Period end", "Hectares", "Originator", "Party", "Published"]
    data = workbook({"2023": [header, ["Lachin", "2023-12-31", 10, "ANAMA", "govt_azerbaijan", "2024-01-10"]],
                     "2024": [header, ["Lachin", "2024-12-31", 20, "ANAMA", "govt_azerbaijan", "2025-01-10"]],
                     "Notes": [["These figures are ANAMA's weekly statements."]]})
    both = prepared(tables, "years.xlsx", data)
    assert both.candidates == ["sheet '2023'", "sheet '2024'"]
    assert sorted(both.tables.claims["value"]) == [10, 20]
    one = prepared(tables, "years.xlsx", data, tables=("sheet '2024'",))
    assert list(one.tables.claims["value"]) == [20]


# --- 4 and 5. every row its own record; copies shown -----------------------------------------

def test_two_finds_on_one_day_at_one_place_stay_two(store: Store) -> None:
    text = ("kind,date,place,device,quantity,source_id\n"
            "find,2023-03-01,Sus,UXO,2,SEED\nfind,2023-03-01,Sus,UXO,5,SEED\n"
            "incident,2023-03-02,Zabukh,,,SEED\nincident,2023-03-02,Zabukh,,,SEED\n")
    result = prepare_upload("finds.csv", text.encode(), store.snapshot())
    assert result.kind == KIND_EVENTS and len(result.tables.events) == 4
    assert [(c.line, c.first_line) for c in result.copies] == [(5, 4)]
    before = len(store.snapshot().events)
    changes = plan_changes(result.tables, store.snapshot())
    store.commit(changes.to_store, author="t", file_name="finds.csv", sha256=result.sha256,
                 kind=result.kind)
    assert len(store.snapshot().events) == before + 4


def test_copies_can_be_dropped_by_the_editor(tables) -> None:
    text = "kind,date,place,device,source_id\nfind,2023-03-01,Sus,UXO,SEED\nfind,2023-03-01,Sus,UXO,SEED\n"
    assert len(prepared(tables, "c.csv", text).tables.events) == 2
    assert len(prepared(tables, "c.csv", text, drop_copies=True).tables.events) == 1


def test_two_different_figures_for_one_key_are_both_kept(store: Store) -> None:
    text = ("place,metric,value,unit,period_start,period_end,source_id\n"
            "Lachin,killed,3,count,2023-01-01,2023-12-31,SEED\n"
            "Lachin,killed,4,count,2023-01-01,2023-12-31,SEED\n")
    result = prepare_upload("two.csv", text.encode(), store.snapshot())
    changes = plan_changes(result.tables, store.snapshot())
    assert len(changes.added["claims"]) == 2
    assert sorted(changes.contradictions["value"]) == [3, 4]
    store.commit(changes.to_store, author="t", file_name="two.csv", sha256=result.sha256,
                 kind=result.kind)
    stored = store.snapshot().claims
    assert sorted(stored.loc[stored["period_start"] == "2023-01-01", "value"][
        stored["metric"] == "killed"]) == [3, 4]


def test_an_id_given_twice_in_a_file_is_a_problem(tables) -> None:
    text = ("claim_id,place,metric,value,unit,period_end,source_id\n"
            "X1,Lachin,killed,3,count,2023-12-31,SEED\nX1,Tartar,killed,4,count,2023-12-31,SEED\n")
    assert any("the same id is also given on row 2" in m for m in messages(prepared(tables, "x.csv", text)))


def test_the_same_file_committed_at_once_by_two_editors_lands_once(store: Store) -> None:
    text = "kind,date,place,device,source_id\nfind,2023-03-01,Sus,UXO,SEED\n"
    result = prepare_upload("once.csv", text.encode(), store.snapshot())
    outcomes: list[object] = []
    barrier = threading.Barrier(2)

    def commit(author: str) -> None:
        barrier.wait()
        try:
            outcomes.append(store.commit(result.tables, author=author, file_name="once.csv",
                                         sha256=result.sha256, kind=result.kind))
        except DuplicateUpload as duplicate:
            outcomes.append(duplicate)

    threads = [threading.Thread(target=commit, args=(name,)) for name in ("ann", "bob")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(type(o).__name__ for o in outcomes) == ["DuplicateUpload", "int"]
    assert len(store.revisions()) == 2


# --- 5a. truncation and quiet changes ------------------------------------------------------------

def test_a_csv_cut_mid_row_is_reported(tables) -> None:
    text = "kind,date,place,device,quantity,source_id\nfind,2023-01-01,Sus,UXO,3,SEED\nfind,2023-01-02,Su"
    assert any("looks cut off" in m for m in messages(prepared(tables, "cut.csv", text)))


def test_an_unclosed_quote_at_the_end_is_refused(tables) -> None:
    text = 'kind,date,place,device,source_id\nfind,2023-01-01,"Sus,UXO,SEED\n'
    with pytest.raises(UploadRefused, match="cut off or has an unclosed quote"):
        prepare_upload("quote.csv", text.encode(), tables)


@pytest.mark.parametrize(("value", "reason"), [
    ("31.12.2023 (approx.)", "text after the date"),
    ("2023-12-31T25:99", "not a real date"),
    ("2023-12-31 lunch", "text after the date"),
])
def test_text_after_a_date_or_a_bad_time_is_refused(tables, value: str, reason: str) -> None:
    text = f"kind,date,place,device,source_id\nfind,{value},Sus,UXO,SEED\n"
    assert any(reason in m for m in messages(prepared(tables, "d.csv", text)))


@pytest.mark.parametrize("value", ["9" * 400, "1e400", "inf", "NaN"])
def test_absurd_numbers_are_refused_never_stored_as_infinity(tables, value: str) -> None:
    text = ("place,metric,value,unit,period_end,source_id\n"
            f"Lachin,area_reported_cleared,{value},ha,2023-01-01,SEED\n")
    result = prepared(tables, "n.csv", text)
    assert not result.ok and result.tables.claims.empty


def test_a_name_given_as_a_list_does_not_rename_a_place(tables) -> None:
    point = {"type": "Point", "coordinates": [46.51, 39.63]}
    result = prepared(tables, "list.geojson", feature_collection([({"name": ["Sus", "Сус"],
                                                                     "district": "Lachin"}, point)]))
    assert result.tables.places.empty
    assert any("must be a single text, not a list" in m for m in messages(result))


# --- 6. GeoJSON structure: a message, never a traceback --------------------------------------

GOOD_POINT = {"type": "Point", "coordinates": [46.51, 39.63]}
BROKEN_COLLECTIONS = [
    ({"type": "FeatureCollection"}, "no 'features' list"),
    ({"type": "FeatureCollection", "features": 3}, "'features' must be a list"),
    ({"type": "FeatureCollection", "features": {"a": 1}}, "'features' must be a list"),
    ({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:99999"}},
      "features": []}, "CRS this app does not know"),
    ({"type": "FeatureCollection", "crs": "EPSG:4326", "features": []}, "'crs' member is malformed"),
    ({"type": "Point", "coordinates": [46.5, 39.6]}, "bare geometry"),
    ([1, 2, 3], "holds a list"),
]


@pytest.mark.parametrize(("collection", "reason"), BROKEN_COLLECTIONS)
def test_broken_collections_are_refused_with_a_reason(tables, collection: object, reason: str) -> None:
    with pytest.raises(UploadRefused, match=reason):
        prepare_upload("broken.geojson", json.dumps(collection).encode(), tables)


BROKEN_FEATURES = [
    (5, "a feature must be an object"),
    ({"type": "Feature", "properties": {"name": "A"}}, "no 'geometry' member"),
    ({"type": "Feature", "properties": {"name": "A"}, "geometry": None}, "no geometry (null)"),
    ({"type": "Feature", "properties": {"name": "A"}, "geometry": {"type": "Circle", "coordinates": [1, 2]}},
     "unknown geometry type"),
    ({"type": "Feature", "properties": {"name": "A"}, "geometry": {"type": "Point", "coordinates": [46.5]}},
     "needs 2 numbers"),
    ({"type": "Feature", "properties": {"name": "A"},
      "geometry": {"type": "Point", "coordinates": ["46.5", "39.6"]}}, "must hold numbers"),
    ({"type": "Feature", "properties": 7, "geometry": GOOD_POINT}, "'properties' must be an object"),
    ({"type": "Feature", "properties": {"name": "A"},
      "geometry": {"type": "Polygon", "coordinates": [[[[[[46.5, 39.6]]]]]]}}, "nested too deeply"),
]


@pytest.mark.parametrize(("feature", "reason"), BROKEN_FEATURES)
def test_each_broken_feature_is_named_while_good_ones_are_read(tables, feature: object, reason: str) -> None:
    good = {"type": "Feature", "properties": {"name": "New hamlet", "district": "Lachin"},
            "geometry": GOOD_POINT}
    text = json.dumps({"type": "FeatureCollection", "features": [good, feature]})
    result = prepare_upload("mixed.geojson", text.encode(), tables)
    assert any(m.startswith("Row 2") and reason in m for m in messages(result)), messages(result)


def test_coordinates_nested_hundreds_deep_are_refused(tables) -> None:
    deep = "[" * 600 + "46.5, 39.6" + "]" * 600
    text = ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "A"},'
            f' "geometry": {{"type": "Point", "coordinates": {deep}}}}}]}}')
    result = prepare_upload("deep.geojson", text.encode(), tables)
    assert any("nested too deeply" in m for m in messages(result))


# --- 6a. every store limit enforced before the commit ------------------------------------------

@pytest.mark.parametrize("quantity", [str(2**63), str(2**31)])
def test_quantities_beyond_the_store_are_refused(tables, quantity: str) -> None:
    text = f"kind,date,place,device,quantity,source_id\nfind,2023-01-01,Sus,UXO,{quantity},SEED\n"
    result = prepared(tables, "q.csv", text)
    assert result.tables.events.empty
    assert any("larger than the store can hold" in m or "too large" in m for m in messages(result))


def test_long_names_fit_the_store(store: Store) -> None:
    long_name = "Village " + "x" * 190
    point = {"type": "Point", "coordinates": [46.51, 39.63]}
    result = prepare_upload("long.geojson", feature_collection([(
        {"name": long_name, "district": "Lachin", "alt_names": ["y" * 201]}, point)]), store.snapshot())
    assert any("at most 200 characters" in m for m in messages(result))
    ok = prepare_upload("long.geojson", feature_collection([(
        {"name": long_name, "district": "Lachin"}, point)]), store.snapshot())
    assert ok.ok and len(ok.tables.places.iloc[0]["place_id"]) <= 120
    revision = store.commit(ok.tables, author="t", file_name="n" * 400 + ".geojson",
                            sha256=ok.sha256, kind=ok.kind)
    stored = store.revisions().set_index("revision_id").at[revision, "file_name"]
    assert len(stored) <= 300 and stored.endswith(".geojson")


# --- 6b. misleading messages ---------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-le"])
def test_utf16_and_utf32_files_are_read(tables, encoding: str) -> None:
    text = "kind\tdate\tplace\tdevice\tsource_id\nfind\t2023-01-01\tSus\tUXO\tSEED\n"
    data = text.encode(encoding)
    result = prepare_upload("unicode.txt", data, tables)
    assert result.ok, messages(result)
    assert len(result.tables.events) == 1


def test_windows_cyrillic_is_read_with_a_note(tables) -> None:
    text = "kind;date;place;device;source_id\nfind;2023-01-01;Лачин;UXO;SEED\nfind;2023-01-02;Шуша;UXO;SEED\n"
    result = prepare_upload("cp1251.csv", text.encode("cp1251"), tables)
    assert result.ok, messages(result)
    assert set(result.tables.events["place_id"]) == {"district:lachin", "district:shusha"}
    assert any("Windows-1251" in n for n in result.notes)


def test_cr_only_line_endings_are_read(tables) -> None:
    text = ("kind,date,place,device,source_id\rfind,2023-01-01,Sus,UXO,SEED\r"
            "find,2023-01-02,Sus,AT mine,SEED\r")
    assert len(prepared(tables, "mac.csv", text).tables.events) == 2


def test_a_chart_only_workbook_is_named_as_such(tables) -> None:
    from openpyxl.chart import BarChart, Reference

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([1, 2])
    chart_sheet = book.create_chartsheet("Chart")
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=1, max_col=2, min_row=1))
    chart_sheet.add_chart(chart)
    sheet.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(UploadRefused, match="no visible sheet with data"):
        prepare_upload("chart.xlsx", buffer.getvalue(), tables)


def test_a_header_only_file_says_so(tables) -> None:
    with pytest.raises(UploadRefused, match="header but no rows of data"):
        prepare_upload("header.csv", b"kind,date,place,device,source_id\n", tables)


def test_a_file_that_is_not_figures_asks_what_it_holds(tables) -> None:
    result = prepared(tables, "what.csv", "alpha,beta\n1,2\n")
    assert not result.ok and result.kind == ""
    assert "cannot tell what this file holds" in messages(result)[0]
    as_figures = prepared(tables, "what.csv", "alpha,beta\n1,2\n", kind=KIND_FIGURES)
    assert as_figures.kind == KIND_FIGURES


def test_streamlit_accepts_no_larger_upload_than_the_parser() -> None:
    import tomllib

    from geo.upload import limits
    from tests.conftest import ROOT

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == limits().max_megabytes


def test_empty_workbook_cells_are_empty_not_errors(tables) -> None:
    data = workbook({"Finds": [["kind", "date", "place", "device", "quantity", "killed", "source_id"],
                               ["find", "2023-01-01", "Sus", "UXO", 2, None, "SEED"],
                               ["incident", "2023-01-02", "Sus", None, None, 1, "SEED"]]})
    result = prepared(tables, "empty-cells.xlsx", data)
    assert result.ok, messages(result)
    assert list(result.tables.events["kind"]) == ["find", "incident"]
