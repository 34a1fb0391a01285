"""Exports of hazard areas and land release: QGIS-ready GeoPackage and GeoJSON in EPSG:4326
with areas in hectares, CSV with WKT polygons, and XLSX."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd
import pyogrio
import pytest
import shapely

from geo.changes import merged_tables
from geo.derive.hazards import hazards_view, releases_view
from geo.export.hazards import hazard_downloads
from tools.demo import demonstration_tables


@pytest.fixture(scope="module")
def shown(tables):
    demo = merged_tables(demonstration_tables(tables, 5, 0, 0), tables)
    hazards = hazards_view(demo)
    hazards.loc[0, "operator"] = "=HYPERLINK(\"http://x\")"
    return hazards, releases_view(demo)


def _made(shown, file_name: str) -> bytes:
    return next(d for d in hazard_downloads(*shown) if d.file_name == file_name).make()


def test_the_geopackage_holds_both_layers_in_wgs84_with_hectares(shown) -> None:
    hazards, releases = shown
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.gpkg"
        path.write_bytes(_made(shown, "hazards-and-land-release.gpkg"))
        assert {name for name, _ in pyogrio.list_layers(path)} == {"hazard_areas", "land_release"}
        areas = pyogrio.read_dataframe(path, layer="hazard_areas")
        released = pyogrio.read_dataframe(path, layer="land_release")
    assert areas.crs.to_epsg() == 4326 and len(areas) == len(hazards)
    first = areas.set_index("hazard_id").loc[hazards["hazard_id"].iloc[1]]
    assert first["area_ha"] == pytest.approx(hazards["area_m2"].iloc[1] / 10_000, abs=1e-4)
    assert first.geometry.equals_exact(hazards.geometry.iloc[1], 1e-9)
    assert {"type_label", "status_label", "originator", "synthetic"} <= set(areas.columns)
    assert len(released) == len(releases)
    linked = released.dropna(subset=["hazard_id"]).iloc[0]
    polygon = hazards.set_index("hazard_id").geometry[linked["hazard_id"]]
    assert linked.geometry.equals_exact(polygon, 1e-9)  # a release sits on its hazard's polygon


def test_geojson_is_wgs84_with_hectares_and_labels(shown) -> None:
    hazards, _ = shown
    collection = json.loads(_made(shown, "hazard-areas.geojson"))
    assert len(collection["features"]) == len(hazards)
    properties = collection["features"][0]["properties"]
    assert properties["area_ha"] == pytest.approx(round(hazards["area_ha"].iloc[0], 4))
    assert properties["originator"] == "Synthetic demonstration data (not real)"
    assert properties["synthetic"] is True
    lon, lat = collection["features"][0]["geometry"]["coordinates"][0][0]
    assert 44 < lon < 48 and 38 < lat < 41
    releases = json.loads(_made(shown, "land-release.geojson"))
    assert releases["features"][0]["properties"]["method_label"] in (
        "Cancelled (non-technical survey)", "Reduced (technical survey)", "Cleared")


def test_csv_carries_wkt_polygons_and_neutralises_formulas(shown) -> None:
    hazards, _ = shown
    frame = pd.read_csv(io.BytesIO(_made(shown, "hazard-areas.csv")), encoding="utf-8-sig")
    assert shapely.from_wkt(frame["wkt"].iloc[1]).equals_exact(hazards.geometry.iloc[1], 1e-6)
    assert frame["operator"].iloc[0].startswith("'=")
    releases = pd.read_csv(io.BytesIO(_made(shown, "land-release.csv")), encoding="utf-8-sig")
    assert {"release_id", "hazard_id", "method", "area_ha", "land_use_label", "originator"} <= set(
        releases.columns)


def test_the_workbook_has_a_sheet_for_each(shown) -> None:
    book = openpyxl.load_workbook(io.BytesIO(_made(shown, "hazards-and-land-release.xlsx")))
    assert book.sheetnames == ["hazard areas", "land release"]
    assert book["hazard areas"]["A1"].value == "hazard_id"
