"""Uploading hazard areas and land release through the same reading, recognition, column
mapping, whole-file values, problems and change preview as every other upload."""

from __future__ import annotations

import hashlib

import numpy as np
import pyproj
import pytest
import shapely

from geo.changes import plan_changes
from geo.model.tables import Tables
from geo.store import Store
from tests.upload_files import feature_collection, geo_frame, messages, prepared, workbook, written

SOURCE = {"originator": "HALO Trust", "party": "international_ngo", "published": "2025-03-01"}
TO_LONLAT = pyproj.Transformer.from_crs("EPSG:32638", "EPSG:4326", always_xy=True)


def _utm_box(east: float, north: float, width: float, height: float) -> shapely.Geometry:
    """A width × height metre rectangle in UTM 38N, as lon/lat."""
    box = shapely.box(east, north, east + width, north + height)
    return shapely.transform(box, lambda xy: np.column_stack(TO_LONLAT.transform(*xy.T)))


LACHIN_E, LACHIN_N = 628_000, 4_386_000  # inside Lachin district, in UTM 38N metres


def _hazard(hazard_id: str, geometry: shapely.Geometry,
            **properties: object) -> tuple[dict, shapely.Geometry]:
    return ({"hazard_id": hazard_id, "type": "CHA", "status": "open", "contamination": "AP mines",
             "recorded": "2023-04-12", "last survey": "2024-09-30", "operator": "ANAMA", **SOURCE,
             **properties}, geometry)


def _commit(store: Store, result, name: str) -> int:
    changes = plan_changes(result.tables, store.snapshot())
    return store.commit(changes.to_store, author="test", file_name=name, kind=result.kind,
                        sha256=hashlib.sha256(name.encode()).hexdigest())


def test_a_geopackage_in_utm_is_read_as_hazard_areas_measured_on_the_ground(tables: Tables) -> None:
    rows = [_hazard("LAC-1", _utm_box(LACHIN_E, LACHIN_N, 200, 300)),
            _hazard("LAC-2", _utm_box(LACHIN_E + 1_000, LACHIN_N, 100, 100), type="SHA",
                    status="in progress", contamination="UXO")]
    package = written(geo_frame(rows, "EPSG:32638"), "GPKG", ".gpkg", layer="hazards")
    result = prepared(tables, "survey.gpkg", package)
    assert result.ok, messages(result)
    assert result.kind == "hazards"
    assert any("reprojected to EPSG:4326" in note for note in result.notes)
    hazards = result.tables.hazards.set_index("hazard_id")
    assert hazards.at["LAC-1", "area_m2"] == pytest.approx(60_000, rel=2e-3)
    assert hazards.at["LAC-2", "area_m2"] == pytest.approx(10_000, rel=2e-3)
    assert set(hazards["district_id"]) == {"district:lachin"}
    assert hazards.at["LAC-2", "hazard_status"] == "in_progress"
    assert hazards.at["LAC-2", "contamination"] == "UXO"
    assert hazards.crs == "EPSG:4326"
    source = result.tables.sources.iloc[0]
    assert (source["originator"], source["party"]) == ("HALO Trust", "international_ngo")


def test_invalid_polygons_are_repaired_when_unambiguous_and_refused_otherwise(tables: Tables) -> None:
    square = _utm_box(LACHIN_E, LACHIN_N, 200, 200)
    (x0, y0), (x1, y1) = square.exterior.coords[0], square.exterior.coords[1]
    middle = ((x0 + x1) / 2, (y0 + y1) / 2)
    spiked = shapely.Polygon([(x0, y0), middle, (middle[0], middle[1] - 0.001), middle,
                              *square.exterior.coords[1:]])
    corners = list(square.exterior.coords)[:4]
    crossed = shapely.Polygon([corners[0], corners[2], corners[1], corners[3]])
    text = feature_collection([
        (_hazard("OK-1", square)[0], shapely.geometry.mapping(square)),
        (_hazard("SPIKE-1", spiked)[0], shapely.geometry.mapping(spiked)),
    ])
    result = prepared(tables, "spike.geojson", text)
    assert result.ok, messages(result)
    repaired = result.tables.hazards.set_index("hazard_id")
    assert repaired.at["SPIKE-1", "area_m2"] == pytest.approx(repaired.at["OK-1", "area_m2"])
    assert any(note.startswith("Repaired 1 invalid polygon") and "row 2: ring self-intersection at" in note
               for note in result.notes)
    bad = feature_collection([(_hazard("OK-1", square)[0], shapely.geometry.mapping(square)),
                              (_hazard("X-1", crossed)[0], shapely.geometry.mapping(crossed))])
    refused = prepared(tables, "crossed.geojson", bad)
    assert not refused.ok
    assert any(m.startswith("Row 2, geometry: invalid polygon (self-intersection")
               and "are its corners in the right order" in m for m in messages(refused))


def test_a_hazard_outside_the_region_is_refused(tables: Tables) -> None:
    swapped = shapely.box(39.60, 46.50, 39.61, 46.51)  # latitude and longitude swapped
    text = feature_collection([(_hazard("SW-1", swapped)[0], shapely.geometry.mapping(swapped))])
    result = prepared(tables, "swapped.geojson", text)
    assert not result.ok
    assert any("Row 1, geometry: outside the region" in m and "swapped" in m for m in messages(result))


def test_a_missing_type_is_set_once_for_the_whole_file(tables: Tables) -> None:
    square = _utm_box(LACHIN_E, LACHIN_N, 100, 100)
    properties = {k: v for k, v in _hazard("T-1", square)[0].items() if k != "type"}
    text = feature_collection([(properties, shapely.geometry.mapping(square))])
    result = prepared(tables, "untyped.geojson", text, kind="hazards")
    assert [p.column for p in result.problems] == ["Hazard type (SHA or CHA)"]
    fixed = prepared(tables, "untyped.geojson", text, kind="hazards",
                     defaults=(("hazard_type", "suspected"),))
    assert fixed.ok and list(fixed.tables.hazards["hazard_type"]) == ["SHA"]


def test_overlaps_with_the_file_and_the_store_are_reported(store: Store) -> None:
    first = prepared(store.snapshot(), "first.geojson", feature_collection([
        (_hazard("S-1", g)[0], shapely.geometry.mapping(g))
        for g in [_utm_box(LACHIN_E + 5_000, LACHIN_N, 100, 100)]]))
    _commit(store, first, "first.geojson")
    shapes = {"N-1": _utm_box(LACHIN_E, LACHIN_N, 100, 100),
              "N-2": _utm_box(LACHIN_E + 50, LACHIN_N, 100, 100),
              "N-3": _utm_box(LACHIN_E + 5_075, LACHIN_N, 100, 100),
              "N-4": _utm_box(LACHIN_E + 100, LACHIN_N + 200, 100, 100)}
    second = prepared(store.snapshot(), "second.geojson", feature_collection([
        (_hazard(key, g)[0], shapely.geometry.mapping(g)) for key, g in shapes.items()]))
    assert second.ok, messages(second)
    found = second.overlaps.set_index("hazard_id")
    assert set(found.index) == {"N-1", "N-3"}
    assert found.at["N-1", "other_hazard_id"] == "N-2" and not found.at["N-1", "other_is_stored"]
    assert found.at["N-3", "other_hazard_id"] == "S-1" and found.at["N-3", "other_is_stored"]
    assert found.at["N-1", "share_of_smaller"] == pytest.approx(0.5, rel=1e-2)
    assert found.at["N-3", "share_of_smaller"] == pytest.approx(0.25, rel=1e-2)


def _stored_hazards(store: Store) -> None:
    rows = [_hazard("LAC-1", _utm_box(LACHIN_E, LACHIN_N, 200, 300)),
            _hazard("LAC-2", _utm_box(LACHIN_E + 1_000, LACHIN_N, 100, 100))]
    result = prepared(store.snapshot(), "hazards.geojson", feature_collection(
        [(p, shapely.geometry.mapping(g)) for p, g in rows]))
    _commit(store, result, "hazards.geojson")


RELEASES = (
    "Task;Hazard ID;Method;Area (ha);Completed;Operator;AP mines;UXO;Land use;Source;Party;Published\n"
    "T-1;LAC-1;cleared;4,5;2024-06-30;ANAMA;12;3;agricultural;ANAMA;govt_azerbaijan;2024-07-02\n"
    "T-2;LAC-2;NTS;1,25;2024-07-31;ANAMA;;;housing;ANAMA;govt_azerbaijan;2024-08-02\n"
)


def test_land_release_links_to_stored_hazard_areas_and_takes_their_district(store: Store) -> None:
    _stored_hazards(store)
    result = prepared(store.snapshot(), "releases.csv", RELEASES)
    assert result.ok, messages(result)
    assert result.kind == "releases"
    releases = result.tables.releases.set_index("hazard_id")
    assert releases.at["LAC-1", "method"] == "cleared" and releases.at["LAC-2", "method"] == "cancelled"
    assert releases.at["LAC-1", "area_m2"] == pytest.approx(45_000)  # '4,5' ha: a decimal comma
    assert releases.at["LAC-2", "land_use"] == "residential"
    assert releases.at["LAC-1", "ap_mines"] == 12 and releases.at["LAC-1", "uxo"] == 3
    assert set(releases["district_id"]) == {"district:lachin"}
    revision = _commit(store, result, "releases.csv")
    assert len(store.snapshot().releases) == 2
    assert store.revisions().set_index("revision_id").at[revision, "rows_releases"] == 2


def test_an_unknown_hazard_id_is_a_problem_naming_its_row(store: Store) -> None:
    _stored_hazards(store)
    text = RELEASES.replace("T-2;LAC-2", "T-2;LAC-9")
    result = prepared(store.snapshot(), "releases.csv", text)
    assert not result.ok
    assert [m for m in messages(result) if "LAC-9" in m] == [
        'Row 3, Hazard ID "LAC-9": no stored hazard area has this id: upload the hazard areas '
        "first, or leave the id empty and give the district"]


def test_land_release_without_hazard_ids_names_its_district_in_a_workbook(tables: Tables) -> None:
    book = workbook({"2024": [
        ["Land released in 2024"], [],
        ["District", "Release method", "Area released m2", "Period end", "Land use after release"],
        ["Laçın", "technical survey", 125_000, "2024-12-31", "energy"],
        ["Tərtər", "clearance", 5_500, "2024-12-31", "roads"]]})
    result = prepared(tables, "annual.xlsx", book, defaults=tuple(SOURCE.items()))
    assert result.ok, messages(result)
    releases = result.tables.releases.set_index("district_id")
    assert releases.at["district:lachin", "method"] == "reduced"
    assert releases.at["district:lachin", "area_m2"] == 125_000
    assert releases.at["district:tartar", "land_use"] == "transport"


def test_hazard_areas_come_as_a_table_with_wkt_polygons(tables: Tables) -> None:
    square = _utm_box(LACHIN_E, LACHIN_N, 100, 100)
    text = ("hazard_id,type,status,wkt,originator,party,published\n"
            f'W-1,CHA,open,"{square.wkt}",ANAMA,govt_azerbaijan,2025-01-01\n'
            'W-2,SHA,open,"POLYGON ((46.5 39.6, 46.6 39.6))",ANAMA,govt_azerbaijan,2025-01-01\n')
    result = prepared(tables, "wkt.csv", text)
    assert result.kind == "hazards"
    assert [m for m in messages(result)] == [
        'Row 3, wkt "POLYGON ((46.5 39.6, 46.6 39.6))": the WKT cannot be read '
        "(IllegalArgumentException: Points of LinearRing do not form a closed linestring)"]


def test_a_second_upload_of_the_same_areas_changes_only_what_changed(store: Store) -> None:
    _stored_hazards(store)
    rows = [_hazard("LAC-1", _utm_box(LACHIN_E, LACHIN_N, 200, 300), status="released"),
            _hazard("LAC-2", _utm_box(LACHIN_E + 1_000, LACHIN_N, 100, 100))]
    again = prepared(store.snapshot(), "again.geojson", feature_collection(
        [(p, shapely.geometry.mapping(g)) for p, g in rows]))
    changes = plan_changes(again.tables, store.snapshot())
    assert changes.summary() == ["leaves 1 source as stored (already there)", "changes 1 hazard area",
                                 "leaves 1 hazard area as stored (already there)"]
    assert list(changes.changed["hazards"]["hazard_id"]) == ["LAC-1"]
    assert changes.unchanged["hazards"] == 1


def test_rows_that_repeat_each_other_are_copies(tables: Tables) -> None:
    square = _utm_box(LACHIN_E, LACHIN_N, 100, 100)
    properties = {k: v for k, v in _hazard("", square)[0].items() if k != "hazard_id"}
    text = feature_collection([(properties, shapely.geometry.mapping(square))] * 2)
    result = prepared(tables, "twice.geojson", text)
    assert result.ok and len(result.copies) == 1
    ids = list(result.tables.hazards["hazard_id"])
    assert ids[1] == f"{ids[0]}-2"
    dropped = prepared(tables, "twice.geojson", text, drop_copies=True)
    assert len(dropped.tables.hazards) == 1


def test_a_polygon_layer_of_names_is_still_read_as_places(tables: Tables) -> None:
    square = shapely.box(46.30, 39.40, 46.75, 39.90)
    text = feature_collection([({"district": "Lachin", "source": "survey", "status": "draft"},
                                shapely.geometry.mapping(square))])
    assert prepared(tables, "boundary.geojson", text).kind == "places"
