"""Hazard polygons: areas in an equal-area projection, districts by polygon, repairs only
where unambiguous, refusals with the reason, and overlaps reported."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pyproj
import pytest
import shapely

from geo.hazards.areas import areas_m2, districts_of
from geo.hazards.geometry import check_polygons, overlaps, overlaps_table

UTM_38N = pyproj.Transformer.from_crs("EPSG:32638", "EPSG:4326", always_xy=True)
GEOD = pyproj.Geod(ellps="WGS84")


def _lonlat(geometry: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(geometry, lambda xy: np.column_stack(UTM_38N.transform(*xy.T)))


def _geodesic_m2(geometry: shapely.Geometry) -> float:
    return abs(GEOD.geometry_area_perimeter(shapely.segmentize(geometry, 0.0005))[0])


@pytest.mark.parametrize(("north", "size_m"), [(4_390_000, 1_000), (4_460_000, 250), (4_250_000, 3_000)])
def test_areas_are_those_on_the_ellipsoid_not_in_degrees(north: int, size_m: int) -> None:
    square = _lonlat(shapely.box(620_000, north, 620_000 + size_m, north + size_m))
    computed = areas_m2([square])[0]
    assert computed == pytest.approx(_geodesic_m2(square), rel=1e-5)
    assert computed == pytest.approx(size_m ** 2, rel=2e-3)  # UTM's own scale error is under 0.1 %
    assert square.area < 1e-3  # in square degrees it would be a meaningless tiny number


def test_the_same_degrees_cover_less_ground_further_north() -> None:
    south, north = shapely.box(46.5, 38.5, 46.6, 38.6), shapely.box(46.5, 41.5, 46.6, 41.6)
    assert south.area == pytest.approx(north.area)
    ratio = areas_m2([north])[0] / areas_m2([south])[0]
    assert ratio == pytest.approx(np.cos(np.radians(41.55)) / np.cos(np.radians(38.55)), rel=1e-3)


def test_a_hazard_is_in_the_district_that_holds_most_of_it(tables) -> None:
    districts = tables.places[tables.places["level"] == "district"]
    lachin = districts.set_index("place_id").geometry["district:lachin"]
    inside = shapely.buffer(lachin.representative_point(), 0.005)
    straddling = shapely.buffer(lachin.boundary.interpolate(0.3, normalized=True), 0.01)
    shares = dict(zip(districts["place_id"], areas_m2(
        shapely.intersection(straddling, districts.geometry.values)), strict=True))
    assert sorted(shares.values())[-2] > 0  # it does straddle two districts
    far = shapely.box(49.8, 40.3, 49.81, 40.31)  # near Baku: no mapped district
    found = districts_of([inside, straddling, far], list(districts["place_id"]), list(districts.geometry))
    assert found[0] == "district:lachin"
    assert found[1] == max(shares, key=shares.get)
    assert found[2] is None


BOWTIE = shapely.Polygon([(46.50, 39.60), (46.52, 39.62), (46.52, 39.60), (46.50, 39.62)])
SPIKE = shapely.Polygon([(46.50, 39.60), (46.52, 39.60), (46.52, 39.62), (46.51, 39.62),
                         (46.51, 39.63), (46.51, 39.62), (46.50, 39.62)])
OVERLAPPING_PARTS = shapely.MultiPolygon([shapely.box(46.50, 39.60, 46.52, 39.62),
                                          shapely.box(46.51, 39.61, 46.53, 39.63)])
HOLE_OUTSIDE = shapely.Polygon(shapely.box(46.50, 39.60, 46.52, 39.62).exterior.coords,
                               [shapely.box(46.53, 39.63, 46.54, 39.64).exterior.coords])


def test_valid_polygons_pass_as_they_are() -> None:
    square = shapely.box(46.5, 39.6, 46.51, 39.61)
    check = check_polygons([square])[0]
    assert check.geometry.equals(square) and not check.repair and not check.problem


def test_a_spike_is_repaired_without_changing_the_area_and_said_so() -> None:
    check = check_polygons([SPIKE])[0]
    assert check.geometry.is_valid and check.geometry.area == pytest.approx(SPIKE.area)
    assert "self-intersection at (46.51000, 39.63000)" in check.repair  # the spike's tip
    assert "without changing its area" in check.repair


def test_overlapping_parts_are_merged_into_their_union() -> None:
    check = check_polygons([OVERLAPPING_PARTS])[0]
    assert check.geometry.area == pytest.approx(0.0007)  # 4 + 4 - 1 squares of 0.01°
    assert "merged into one area" in check.repair


@pytest.mark.parametrize(("geometry", "reason"), [
    (BOWTIE, "a boundary that crosses itself"),
    (HOLE_OUTSIDE, "hole lies outside shell"),
    (shapely.Point(46.5, 39.6), "a hazard area is a polygon, not a Point"),
    (shapely.LineString([(46.5, 39.6), (46.6, 39.7)]), "not a LineString"),
    (None, "missing or empty geometry"),
    (shapely.Polygon(), "missing or empty geometry"),
])
def test_ambiguous_or_wrong_geometries_are_refused_with_the_reason(geometry, reason: str) -> None:
    check = check_polygons([geometry])[0]
    assert check.geometry is None and reason in check.problem


def test_z_coordinates_are_dropped() -> None:
    flat = shapely.box(46.5, 39.6, 46.51, 39.61)
    raised = shapely.Polygon([(x, y, 900.0) for x, y in flat.exterior.coords])
    assert not check_polygons([raised])[0].geometry.has_z


def _frame(rows: list[tuple[str, shapely.Geometry]]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"hazard_id": [r[0] for r in rows]}, geometry=[r[1] for r in rows],
                            crs="EPSG:4326")


def test_overlaps_are_reported_within_the_file_and_with_stored_areas() -> None:
    new = _frame([("A", shapely.box(46.50, 39.60, 46.52, 39.62)),
                  ("B", shapely.box(46.51, 39.60, 46.53, 39.62)),  # half of A
                  ("C", shapely.box(46.53, 39.60, 46.54, 39.61)),  # touches B's edge only
                  ("D", shapely.box(46.60, 39.60, 46.61, 39.61))])
    stored = _frame([("S", shapely.box(46.605, 39.60, 46.615, 39.61)),  # half of D
                     ("A", shapely.box(46.40, 39.60, 46.42, 39.62)),  # replaced by the new A
                     ("T", shapely.box(46.70, 39.70, 46.71, 39.71))])
    found = overlaps(new, stored)
    pairs = {(a, b): (stored_other, share) for a, b, stored_other, share in zip(
        found["hazard_id"], found["other_hazard_id"], found["other_is_stored"],
        found["share_of_smaller"], strict=True)}
    assert set(pairs) == {("A", "B"), ("D", "S")}
    assert not pairs[("A", "B")][0] and pairs[("D", "S")][0]
    assert pairs[("A", "B")][1] == pytest.approx(0.5, rel=1e-3)
    assert pairs[("D", "S")][1] == pytest.approx(0.5, rel=1e-3)
    table = overlaps_table(found).set_index("Hazard area")
    assert table.at["D", "Which is"] == "already stored"
    assert table.at["A", "Shared area (ha)"] == pytest.approx(areas_m2(
        [shapely.box(46.51, 39.60, 46.52, 39.62)])[0] / 10_000, rel=1e-3)


def test_no_overlaps_no_report() -> None:
    apart = _frame([("A", shapely.box(46.50, 39.60, 46.51, 39.61)),
                    ("B", shapely.box(46.52, 39.60, 46.53, 39.61))])
    assert overlaps(apart, None).empty
