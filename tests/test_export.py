"""Exports carry their sources and cannot smuggle spreadsheet formulas."""

from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd
import pyogrio

from geo.export import (
    claims_csv,
    claims_geodataframe,
    events_geodataframe,
    neutralise_formula,
    to_geojson,
    to_geopackage,
    to_xlsx,
)


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


def test_every_download_builds_a_readable_file(tmp_path, claims, events, tables) -> None:
    from geo.export import downloads
    built = {d.file_name: d.make() for d in downloads(claims, events, tables.places)}
    assert set(built) == {"figures.csv", "events.csv", "minedash.xlsx", "figures.geojson",
                          "events.geojson", "minedash.gpkg"}
    assert all(built.values())
    path = tmp_path / "all.gpkg"
    path.write_bytes(built["minedash.gpkg"])
    assert {name for name, _ in pyogrio.list_layers(path)} == {"figures", "events", "places"}
    assert len(json.loads(built["events.geojson"])["features"]) == len(events)


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
