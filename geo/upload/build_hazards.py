"""Hazard areas from a polygon layer (or a table with WKT polygons): checked, repaired where
unambiguous, measured in an equal-area projection and placed in a district by the polygon."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from pydantic import TypeAdapter

from geo.hazards.areas import M2_PER_HA, areas_m2, districts_of
from geo.hazards.geometry import check_polygons
from geo.i18n import _, n_
from geo.model.hazards import HazardArea
from geo.units import format_number
from geo.upload.build_figures import FigureValues, parse_id
from geo.upload.columns import Columns
from geo.upload.context import Context, geometry_in_region
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
    if cols.table.geometries is not None:
        return list(cols.table.geometries)
    return cols.parse("geometry", parse_wkt, required=True)


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
    polygon's measured area, never instead of it."""
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


def _with_stated_area(note: str, stated: float | None, measured: float) -> str:
    if stated is None:
        return note
    said = f"Stated area {stated:,.0f} m² (polygon: {measured:,.0f} m²)."
    return f"{note} {said}".strip()


def build_hazards(cols: Columns, ctx: Context,
                  places: gpd.GeoDataFrame) -> tuple[list[tuple[int, dict]], list[str]]:
    """(row index, hazard record) per polygon, and notes on what was repaired."""
    checks = check_polygons(_geometries(cols))
    types = cols.parse("hazard_type", parse_hazard_type, required=True)
    statuses = cols.parse("hazard_status", parse_hazard_status, required=True)
    contamination = cols.parse("contamination", parse_contamination)
    recorded = cols.parse("recorded_date", ctx.date)
    surveyed = cols.parse("last_survey_date", ctx.date)
    operators, names, notes = cols.text("operator"), cols.text("name"), cols.text("note")
    given_ids = cols.parse("hazard_id", parse_id)
    stated = _stated_areas(cols, ctx)
    sources = ctx.sources.resolve(cols)
    repairs: list[tuple[int, str]] = []
    for index, check in enumerate(checks):
        problem = check.problem or (_region_problem(check.geometry) if check.geometry else None)
        if problem and index not in cols.bad_rows:  # a WKT that could not be read is one problem
            cols.problem(index, "geometry", "", problem)
        elif check.repair:
            repairs.append((cols.line(index), check.repair))
    usable = [i for i in range(len(cols))  # a field missing from the whole file is one problem
              if i not in cols.bad_rows and types[i] is not None and statuses[i] is not None]
    shapes = [checks[i].geometry for i in usable]
    areas = areas_m2(shapes)
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
        "note": _with_stated_area(notes[index], stated[index], float(areas[n])), "geometry": wkb[n],
    }) for n, index in enumerate(usable)]
    return validated_records(cols, built, HAZARDS, "hazard_id"), (
        [repairs_note(repairs)] if repairs else [])
