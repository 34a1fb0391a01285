"""Exports carry their sources and cannot smuggle spreadsheet formulas."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from concurrent.futures import ThreadPoolExecutor

import openpyxl
import pandas as pd
import pyogrio

from geo.about import ViewInfo, file_name
from geo.export import (
    CLAIM_EXPORT_COLUMNS,
    EVENT_EXPORT_COLUMNS,
    claims_csv,
    claims_dictionary,
    claims_geodataframe,
    csv_bundle,
    downloads,
    events_dictionary,
    events_geodataframe,
    neutralise_formula,
    to_geojson,
    to_geopackage,
    to_xlsx,
)
from geo.filters import Filters
from geo.i18n import _, language


def test_formula_cells_are_neutralised() -> None:
    for text in ("=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)"):
        assert neutralise_formula(text) == "'" + text
    assert neutralise_formula("ANAMA") == "ANAMA"
    assert neutralise_formula(-5.0) == -5.0


def test_csv_export_has_source_columns_and_safe_cells(claims) -> None:
    tampered = claims.assign(note="=cmd|' /C calc'!A0")
    frame = pd.read_csv(io.BytesIO(claims_csv(tampered)), encoding="utf-8-sig")
    assert {"originator", "party", "outlet", "published", "source_url"} <= set(frame.columns)
    assert len(frame) == len(claims)
    assert frame["note"].str.startswith("'=").all()


def test_xlsx_export_is_neutralised(claims) -> None:
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx({"figures": claims.assign(note="=1+1")[
        ["claim_id", "note"]]})))
    assert book["figures"]["B2"].value == "'=1+1"


def test_geojson_export_places_claims_on_their_geometry(claims, tables) -> None:
    collection = json.loads(to_geojson(claims_geodataframe(claims, tables.places)))
    by_id = {f["properties"]["claim_id"]: f for f in collection["features"]}
    assert by_id["C064"]["geometry"]["type"] == "Point"
    assert by_id["C049"]["geometry"]["type"] == "Polygon"
    assert by_id["C001"]["properties"]["originator"] == "MFA Azerbaijan; ANAMA data"


def test_geopackage_has_each_layer(tmp_path, claims, events, tables) -> None:
    path = tmp_path / "out.gpkg"
    path.write_bytes(to_geopackage({
        "figures": claims_geodataframe(claims, tables.places),
        "events": events_geodataframe(events, tables.places),
    }))
    layers = {name for name, _ in pyogrio.list_layers(path)}
    assert layers == {"figures", "events"}
    assert len(pyogrio.read_dataframe(path, layer="figures")) == len(claims)


def _info(**filters) -> ViewInfo:
    chosen = {"start": dt.date(2020, 11, 10), "end": dt.date(2025, 7, 31), **filters}
    return ViewInfo(filters=Filters(**chosen), revision=12, as_of=True,
                    produced=dt.date(2026, 11, 26),
                    district_names={"district:lachin": "Lachin", "district:tartar": "Tartar"},
                    full_period=(dt.date(2020, 11, 10), dt.date(2025, 7, 31)))


def test_file_names_say_what_where_when_and_which_revision() -> None:
    info = _info(start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31), districts=("district:lachin",))
    assert file_name("figures", info, "csv") == "figures_lachin_2023_asof-r12_2026-11-26.csv"
    assert file_name("events", _info(), "geojson") == (
        "events_all-districts_all-dates_asof-r12_2026-11-26.geojson")
    spans = _info(start=dt.date(2021, 1, 1), end=dt.date(2023, 6, 30),
                  districts=("district:lachin", "district:tartar"))
    assert file_name("figures", spans, "xlsx") == (
        "figures_lachin-tartar_2021-01-01_2023-06-30_asof-r12_2026-11-26.xlsx")


def test_every_download_builds_a_readable_self_describing_file(tmp_path, claims, events, tables) -> None:
    built = {d.file_name: d.make() for d in downloads(claims, events, tables.places, _info())}
    stem = "all-districts_all-dates_asof-r12_2026-11-26"
    assert set(built) == {f"figures_{stem}.csv", f"events_{stem}.csv", f"figures-events_{stem}.zip",
                          f"figures-events_{stem}.xlsx", f"figures_{stem}.geojson",
                          f"events_{stem}.geojson", f"figures-events-places_{stem}.gpkg"}
    assert all(built.values())
    path = tmp_path / "all.gpkg"
    path.write_bytes(built[f"figures-events-places_{stem}.gpkg"])
    assert {name for name, _ in pyogrio.list_layers(path)} == {
        "figures", "events", "places", "readme", "dictionary"}
    readme = " ".join(pyogrio.read_dataframe(path, layer="readme")["readme"])
    assert "revision 12" in readme and "CC BY 4.0" in readme
    collection = json.loads(built[f"events_{stem}.geojson"])
    assert len(collection["features"]) == len(events)
    assert collection["metadata"]["revision"] == 12 and collection["metadata"]["as_of"] is True
    assert "Natural Earth" in " ".join(collection["metadata"]["licences"])
    assert {row["field"] for row in collection["metadata"]["dictionary"]} == set(EVENT_EXPORT_COLUMNS)


def test_xlsx_has_a_readme_sheet_and_a_dictionary(claims, events, tables) -> None:
    info = _info(districts=("district:lachin",))
    download = next(d for d in downloads(claims, events, tables.places, info)
                    if d.file_name.endswith(".xlsx"))
    book = openpyxl.load_workbook(io.BytesIO(download.make()))
    assert book.sheetnames == ["README", "dictionary", "figures", "events"]
    readme = "\n".join(str(row[0]) for row in book["README"].iter_rows(values_only=True))
    assert "Districts: Lachin" in readme and "Citation" in readme and "2026-11-26" in readme
    dictionary = pd.DataFrame(book["dictionary"].values)
    dictionary = dictionary.iloc[1:].set_axis(list(dictionary.iloc[0]), axis=1)
    metric = dictionary[dictionary["field"] == "metric_code"].iloc[0]
    assert "ap_mines_found = Anti-personnel mines found" in metric["allowed values"]
    assert dictionary[dictionary["field"] == "quantity"].iloc[0]["unit"] == "items"


def test_dictionary_covers_every_column_with_a_meaning(claims) -> None:
    for dictionary, columns in ((claims_dictionary(), CLAIM_EXPORT_COLUMNS),
                                (events_dictionary(), EVENT_EXPORT_COLUMNS)):
        assert list(dictionary["field"]) == columns
        assert dictionary["meaning"].str.len().min() > 10
        assert dictionary["HXL hashtag"].str.startswith("#").all()


def test_csv_can_carry_hxl_hashtags_as_its_second_row(claims) -> None:
    rows = list(csv.reader(io.StringIO(claims_csv(claims, hxl=True).decode("utf-8-sig"))))
    header, tags = rows[0], rows[1]
    assert tags[header.index("value")] == "#indicator+num"
    assert tags[header.index("district_name")] == "#adm1+name"
    assert len(rows) == len(claims) + 2
    assert claims_csv(claims).decode("utf-8-sig").splitlines()[1].startswith("C0")


def test_csv_bundle_holds_data_dictionaries_and_readme(claims, events) -> None:
    archive = zipfile.ZipFile(io.BytesIO(csv_bundle(claims, events, _info(), hxl=False)))
    names = set(archive.namelist())
    assert {"README.txt", "figures_dictionary.csv", "events_dictionary.csv",
            "figures_all-districts_all-dates_asof-r12_2026-11-26.csv"} <= names
    assert "as of revision 12" in archive.read("README.txt").decode()


def test_exports_show_labels_and_keep_codes_beside_them(claims, events) -> None:
    figures = pd.read_csv(io.BytesIO(claims_csv(claims)), encoding="utf-8-sig").set_index("claim_id")
    assert figures.at["C039", "metric"] == "Anti-personnel mines found"
    assert figures.at["C039", "metric_code"] == "ap_mines_found"
    assert figures.at["C001", "scope"] == "Scope not stated"
    assert figures.at["C001", "scope_code"] == "unknown"
    assert figures.at["C001", "party"] == "Government of Azerbaijan"
    assert figures.at["C001", "party_code"] == "govt_azerbaijan"
    assert figures.at["C037", "qualifier"] == "more than"
    assert figures.at["C037", "period"] == "Running total, 2020-11-10 to 2024-05-03"
    from geo.export import events_csv
    finds = pd.read_csv(io.BytesIO(events_csv(events)), encoding="utf-8-sig")
    assert "AP_mine" not in set(finds["device_category"])
    assert "AP_mine" in set(finds["device_category_code"])
    assert "Anti-personnel mine" in set(finds["device_category"])


def test_an_export_offered_in_russian_is_made_in_russian_from_another_thread(claims, events, tables) -> None:
    with language("ru"):
        download = next(d for d in downloads(claims, events, tables.places, _info())
                        if d.file_name.endswith(".xlsx"))
    with ThreadPoolExecutor(max_workers=1) as pool:  # as Streamlit makes a deferred download
        book = openpyxl.load_workbook(io.BytesIO(pool.submit(download.build).result()))
    readme = "\n".join(str(row[0]) for row in book["README"].iter_rows(values_only=True))
    with language("ru"):
        assert _("Citation") in readme and _("Citation") != "Citation"
