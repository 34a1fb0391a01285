"""Land-release records from a table: method, area, period, operator, items found by
category and land use, linked to a stored hazard area by its id (or to a district)."""

from __future__ import annotations

import geopandas as gpd
from pydantic import TypeAdapter

from geo.hazards.areas import M2_PER_HA
from geo.i18n import N_, _
from geo.model.hazards import LandRelease
from geo.upload.build_events import whole_number
from geo.upload.build_figures import FigureValues, parse_id
from geo.upload.columns import Columns
from geo.upload.context import Context
from geo.upload.fields import field_label
from geo.upload.hazard_terms import parse_land_use, parse_method
from geo.upload.validation import validated_records
from geo.vocab import PlaceLevel

RELEASES = TypeAdapter(list[LandRelease])
AREA_FIELDS = {"area_ha": M2_PER_HA, "area_m2": 1.0}  # field -> square metres per unit
ITEM_FIELDS = ("ap_mines", "at_mines", "uxo", "ied")


def _areas(cols: Columns, ctx: Context) -> list[float | None]:
    """Square metres per row, from whichever area column the file gives."""
    field = next((f for f in AREA_FIELDS if cols.has(f)), None)
    if field is None:
        cols.missing_from_file("area_ha", _("no column gives the area released: map a column to "
                                 "'{hectares}' or '{square_metres}'").format(
            hectares=field_label("area_ha"), square_metres=field_label("area_m2")))
        return [None] * len(cols)
    values = FigureValues(ctx, cols)
    out: list[float | None] = []
    for index, cell in enumerate(cols.raw(field)):
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            cols.problem(index, field, "", N_("missing: how much land was released"))
            out.append(None)
            continue
        read = values.read(index, field, cell, whole=False)
        if read is not None and read[1] != "exact":
            cols.problem(index, field, cell, N_("give the area exactly, not as 'more than' or 'about'"))
            read = None
        out.append(read[0] * AREA_FIELDS[field] if read is not None else None)
    return out


def build_releases(cols: Columns, ctx: Context,
                   hazards: gpd.GeoDataFrame) -> list[tuple[int, dict]]:
    """(row index, land-release record) per row; problems go to `cols`."""
    methods = cols.parse("method", parse_method, required=True)
    areas = _areas(cols, ctx)
    starts = cols.parse("period_start", ctx.date)
    ends = cols.parse("period_end", ctx.date, required=True)
    hazard_ids = cols.parse("hazard_id", parse_id)
    land_uses = cols.parse("land_use", parse_land_use)
    items = {field: cols.parse(field, whole_number) for field in ITEM_FIELDS}
    operators, notes = cols.text("operator"), cols.text("note")
    district_names = cols.text("release_district")
    given_ids = cols.parse("release_id", parse_id)
    sources = ctx.sources.resolve(cols)
    hazard_district = dict(zip(hazards["hazard_id"], hazards["district_id"], strict=True))
    built: list[tuple[int, dict]] = []
    for index in range(len(cols)):
        hazard_id, district = hazard_ids[index], district_names[index]
        district_id = None
        if hazard_id and hazard_id not in hazard_district:
            cols.problem(index, "hazard_id", hazard_id, N_("no stored hazard area has this id: upload "
                                                           "the hazard areas first, or leave the id "
                                                           "empty and give the district"))
        elif hazard_id:
            district_id = hazard_district[hazard_id]
        elif district:
            match = ctx.index.resolve(district, level=PlaceLevel.DISTRICT.value)
            if match.ok:
                district_id = match.place_id
            else:
                cols.problem(index, "release_district", district, match.reason, match.suggestions)
        start, end = starts[index], ends[index]
        if start and end and end < start:
            cols.problem(index, "period_start", start.isoformat(),
                         _("the period starts after it ends ({date})").format(date=end.isoformat()))
        if index in cols.bad_rows or None in (methods[index], areas[index], end):
            continue
        built.append((index, {
            "release_id": given_ids[index], "source_id": sources[index], "hazard_id": hazard_id,
            "method": methods[index].value, "area_m2": areas[index],
            "period_start": start.isoformat() if start else None,
            "period_end": end.isoformat() if end else None, "operator": operators[index],
            **{field: items[field][index] for field in ITEM_FIELDS},
            "land_use": land_uses[index].value if land_uses[index] else None,
            "district_id": district_id if isinstance(district_id, str) else None,
            "note": notes[index],
        }))
    return validated_records(cols, built, RELEASES, "release_id")
