"""Hazard areas from a polygon layer (or a table with WKT polygons): checked, repaired where
unambiguous, measured in an equal-area projection and placed in a district by the polygon.

An area recorded as a point (a WKT POINT, a point feature or latitude/longitude columns) is
stored at its point with the area the file states (as IMSMA exports of suspected areas often
give them); a point without a stated area is that row's problem."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from pydantic import TypeAdapter

from geo.hazards.areas import M2_PER_HA, areas_m2, districts_of
from geo.hazards.geometry import PolygonCheck, check_polygons
from geo.i18n import N_, _, n_
from geo.model.hazards import HazardArea
from geo.units import format_number
from geo.upload.build_figures import FigureValues, parse_id
from geo.upload.columns import Columns
from geo.upload.context import Context, coordinate, geometry_in_region
from geo.upload.hazard_terms import (
    parse_contamination,
    parse_hazard_status,
    parse_hazard_type,
    parse_wkt,
)
from geo.upload.validation import validated_records
from geo.vocab import PlaceLevel

HAZARDS = TypeAdapter(list[HazardArea])
LISTED_REPAIRS = 10


def _geometries(cols: Columns) -> list[shapely.Geometry | None]:
    """Each row's geometry: the feature's, the WKT cell's, else a point from latitude and
    longitude columns."""
    if cols.table.geometries is not None:
        return list(cols.table.geometries)
    located = cols.has("lat") and cols.has("lon")
    shapes = cols.parse("geometry", parse_wkt, required=not located)
    if located:
        lats, lons = cols.parse("lat", coordinate), cols.parse("lon", coordinate)
        for index, (lat, lon) in enumerate(zip(lats, lons, strict=True)):
            if shapes[index] is None and lat is not None and lon is not None:
                shapes[index] = shapely.Point(lon, lat)
            elif shapes[index] is None and (lat is None) != (lon is None) and index not in cols.bad_rows:
                cols.problem(index, "lat" if lat is None else "lon", "",
                             N_("give both latitude and longitude, or neither"))
    return shapes


def _point(geometry: shapely.Geometry | None) -> shapely.Point | None:
    """The point of a geometry that is one (a single-point multipoint included), else None."""
    if geometry is None or geometry.is_empty:
        return None
    if geometry.geom_type == "Point":
        return shapely.force_2d(geometry)
    if geometry.geom_type == "MultiPoint" and len(geometry.geoms) == 1:
        return shapely.force_2d(geometry.geoms[0])
    return None



def _region_problem(geometry: shapely.Geometry) -> str | None:
    if geometry_in_region(geometry):
        return None
    c = geometry.centroid
    return _("outside the region (Azerbaijan and its borders): its centre is at ({lat}, {lon}); are "
             "latitude and longitude swapped, or is the CRS wrong?").format(lat=f"{c.y:.3f}",
                                                                            lon=f"{c.x:.3f}")


def repairs_note(repairs: list[tuple[int, str]]) -> str:
    """One note naming the repaired rows and what was done to each (the first few)."""
    listed = "; ".join(_("row {row}: {repair}").format(row=line, repair=what)
                       for line, what in repairs[:LISTED_REPAIRS])
    if len(repairs) > LISTED_REPAIRS:
        listed += "; " + _("and {count} more").format(count=format_number(len(repairs) - LISTED_REPAIRS))
    return n_("Repaired {count} invalid polygon where the repair was unambiguous ({listed}). Check it "
              "on the map after committing.",
              "Repaired {count} invalid polygons where the repair was unambiguous ({listed}). Check "
              "them on the map after committing.", len(repairs)).format(
        count=format_number(len(repairs)), listed=listed)


STATED_AREAS = {"stated_area_ha": M2_PER_HA, "stated_area_m2": 1.0}  # field -> m² per unit


def _stated_areas(cols: Columns, ctx: Context) -> list[float | None]:
    """The area each row states (m²), where the file gives one: kept in the note beside the
    polygon's measured area, never instead of it; for an area recorded as a point, its area."""
    field = next((f for f in STATED_AREAS if cols.has(f)), None)
    if field is None:
        return [None] * len(cols)
    values = FigureValues(ctx, cols)
    out: list[float | None] = []
    for index, cell in enumerate(cols.raw(field)):
        blank = cell is None or (isinstance(cell, str) and not cell.strip())
        read = None if blank else values.read(index, field, cell, whole=False)
        out.append(read[0] * STATED_AREAS[field] if read is not None else None)
    return out


def _with_stated_area(note: str, stated: float | None, measured: float | None) -> str:
    if stated is None:
        return note
    said = (f"Recorded as a point; stated area {stated:,.0f} m²." if measured is None
            else f"Stated area {stated:,.0f} m² (polygon: {measured:,.0f} m²).")
    return f"{note} {said}".strip()


def points_note(lines: list[int]) -> str:
    """One note naming the rows stored as points with their stated areas (the first few)."""
    listed = ", ".join(format_number(line) for line in lines[:LISTED_REPAIRS])
    if len(lines) > LISTED_REPAIRS:
        listed += ", " + _("and {count} more").format(count=format_number(len(lines) - LISTED_REPAIRS))
    return n_("{count} hazard area is recorded as a point with a stated area (row {listed}): it is "
              "stored at its point with the area as stated, not measured, and shows on the map as a "
              "dot.",
              "{count} hazard areas are recorded as points with stated areas (rows {listed}): they "
              "are stored at their points with the areas as stated, not measured, and show on the map "
              "as dots.", len(lines)).format(count=format_number(len(lines)), listed=listed)


POINT_WITHOUT_AREA = N_("a hazard area recorded as a point needs its stated area (e.g. 'Area Size "
                        "(m²)' or 'Area (ha)'): give it, or give the polygon")


def _checked(cols: Columns, geometries: list[shapely.Geometry | None],
             stated: list[float | None]) -> tuple[list[PolygonCheck], list[int]]:
    """Each row's polygon check, with points that state their area accepted as they are (and
    the rows that are such points)."""
    points = [_point(g) for g in geometries]
    checks = check_polygons([None if p is not None else g for p, g in zip(points, geometries,
                                                                          strict=True)])
    point_rows: list[int] = []
    area_field = next((f for f in STATED_AREAS if cols.has(f)), "stated_area_m2")
    for index, point in enumerate(points):
        if point is None:
            continue
        if stated[index] is not None:
            checks[index] = PolygonCheck(point)
            point_rows.append(index)
        elif index not in cols.bad_rows:
            cols.problem(index, area_field, "", POINT_WITHOUT_AREA)
            checks[index] = PolygonCheck(None)
        else:
            checks[index] = PolygonCheck(None)
    return checks, point_rows


def _surveys_after_publication(cols: Columns, ctx: Context, surveyed: list, sources: list) -> None:
    """A last survey dated after its source was published is that row's problem. One dated
    before the area was recorded is not: the survey that found an area precedes its record."""
    for index, (survey, source_id) in enumerate(zip(surveyed, sources, strict=True)):
        published = ctx.sources.published(source_id)
        if survey is not None and published is not None and survey > published:
            cols.problem(index, "last_survey_date", survey.isoformat(), _(
                "the last survey is dated after the source was published ({date}): is the date "
                "or its day/month order wrong?").format(date=published.isoformat()))


def build_hazards(cols: Columns, ctx: Context,
                  places: gpd.GeoDataFrame) -> tuple[list[tuple[int, dict]], list[str]]:
    """(row index, hazard record) per polygon (or point with a stated area), and notes on what
    was repaired or stored as a point."""
    stated = _stated_areas(cols, ctx)
    checks, point_rows = _checked(cols, _geometries(cols), stated)
    types = cols.parse("hazard_type", parse_hazard_type, required=True)
    statuses = cols.parse("hazard_status", parse_hazard_status, required=True)
    contamination = cols.parse("contamination", parse_contamination)
    recorded = cols.parse("recorded_date", ctx.date)
    surveyed = cols.parse("last_survey_date", ctx.date)
    operators, names, notes = cols.text("operator"), cols.text("name"), cols.text("note")
    given_ids = cols.parse("hazard_id", parse_id)
    sources = ctx.sources.resolve(cols)
    _surveys_after_publication(cols, ctx, surveyed, sources)
    repairs: list[tuple[int, str]] = []
    where = "geometry" if cols.has("geometry") or cols.table.geometries is not None else "lat"
    for index, check in enumerate(checks):
        problem = check.problem or (_region_problem(check.geometry) if check.geometry else None)
        if problem and index not in cols.bad_rows:  # a WKT that could not be read is one problem
            cols.problem(index, where, "", problem)
        elif check.repair:
            repairs.append((cols.line(index), check.repair))
    usable = [i for i in range(len(cols))  # a field missing from the whole file is one problem
              if i not in cols.bad_rows and types[i] is not None and statuses[i] is not None]
    shapes = [checks[i].geometry for i in usable]
    points = set(point_rows)
    measured = areas_m2(shapes)
    areas = [stated[i] if i in points else float(measured[n]) for n, i in enumerate(usable)]
    districts = places[places["level"] == PlaceLevel.DISTRICT.value]
    district_ids = districts_of(shapes, list(districts["place_id"]), list(districts.geometry))
    wkb = shapely.to_wkb(np.asarray(shapes, dtype=object)) if shapes else []
    built = [(index, {
        "hazard_id": given_ids[index], "source_id": sources[index],
        "hazard_type": str(types[index]), "hazard_status": str(statuses[index]),
        "contamination": contamination[index].value if contamination[index] else None,
        "area_m2": float(areas[n]),
        "recorded_date": recorded[index].isoformat() if recorded[index] else None,
        "last_survey_date": surveyed[index].isoformat() if surveyed[index] else None,
        "operator": operators[index], "district_id": district_ids[n], "name": names[index],
        "note": _with_stated_area(notes[index], stated[index],
                                  None if index in points else float(areas[n])), "geometry": wkb[n],
    }) for n, index in enumerate(usable)]
    records = validated_records(cols, built, HAZARDS, "hazard_id")
    kept = {index for index, _record in records}
    stored_points = [cols.line(i) for i in point_rows if i in kept]
    return records, ([repairs_note(repairs)] if repairs else []) + (
        [points_note(stored_points)] if stored_points else [])
