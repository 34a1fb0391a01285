"""Places and district boundaries: new villages and features, corrected points and polygons."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
import shapely.validation

from geo.i18n import N_
from geo.parsing import ParseError, clean_text, unsafe_text_reason
from geo.places import display_name, districts_at, name_usage, place_id_for
from geo.upload.columns import Columns, plain_text
from geo.upload.context import Context, coordinate, geometry_in_region
from geo.upload.vocabularies import parse_level

AREA_TYPES = ("Polygon", "MultiPolygon")
PLACE_TYPES = ("Point", *AREA_TYPES)
AREA_LEVELS = ("district", "economic_region")  # polygons that are no district's part
TRUE_WORDS = ("true", "1", "yes", "y", "proxy", "approximate")


def parse_names(cell: object) -> list[str]:
    """Other names: a list, or text separated by ';' or '|'."""
    values = cell if isinstance(cell, list) else str(cell).replace(";", "|").split("|")
    names = []
    for value in values:
        if isinstance(value, list | dict):
            raise ParseError("other names must be texts, not nested lists")
        text = clean_text(value)
        reason = unsafe_text_reason(text)
        if reason:
            raise ParseError(f"{text[:40]!r} {reason}")
        if len(text) > 200:
            raise ParseError("a name may hold at most 200 characters")
        if text:
            names.append(text)
    return names


def _geometries(cols: Columns) -> list[shapely.Geometry | None]:
    if cols.table.geometries is not None:
        return list(cols.table.geometries)
    lats, lons = cols.parse("lat", coordinate), cols.parse("lon", coordinate)
    return [shapely.Point(lon, lat) if lat is not None and lon is not None else None
            for lat, lon in zip(lats, lons, strict=True)]


def _geometry_problem(geometry: shapely.Geometry | None) -> str | None:
    if geometry is None or geometry.is_empty:
        return "missing or empty geometry: a place needs a point or a polygon"
    if geometry.geom_type not in PLACE_TYPES:
        return (f"a place is a point or a polygon, not a {geometry.geom_type}"
                + (": send each part as its own feature" if "Collection" in geometry.geom_type else ""))
    if not geometry.is_valid:
        return f"invalid geometry: {shapely.validation.explain_validity(geometry)}"
    if not geometry_in_region(geometry):
        c = geometry.centroid
        return (f"outside the region of interest ({c.y:.3f}, {c.x:.3f}); if the file is projected, "
                "declare its CRS")
    return None


def _districts_of_points(geometries: list[shapely.Geometry | None],
                         stored: pd.DataFrame | None) -> list[str | None]:
    """The district polygon each point lies in (None for other geometries or outside them all)."""
    if stored is None or not len(geometries):
        return [None] * len(geometries)
    xy = np.array([(g.x, g.y) if g is not None and not g.is_empty and g.geom_type == "Point"
                   else (np.nan, np.nan) for g in geometries], dtype=float)
    return list(districts_at(xy[:, 0], xy[:, 1], stored))


def _kept(record: dict, stored: dict | None, given_proxy: bool) -> dict:
    """A stored place's record with the file's values where the file gives them: its name stays
    (the file's spelling becomes another name), and blank cells never blank what is stored."""
    if stored is None:
        return record
    kept = {**record, "name": stored["name"]}
    for column in ("name_az", "source", "license"):
        if not record[column] and isinstance(stored.get(column), str):
            kept[column] = stored[column]
    if not given_proxy:
        kept["is_proxy"] = bool(stored.get("is_proxy"))
    return kept


def build_places(cols: Columns, ctx: Context,
                 stored: pd.DataFrame | None = None) -> tuple[list[tuple[int, dict]], list[dict]]:
    """(row index, place record) per feature, and the names of those places. A place the
    gazetteer has keeps what the file leaves blank."""
    known = ({} if stored is None else
             {row["place_id"]: row for row in stored.drop(columns="geometry").to_dict("records")})
    geometries = _geometries(cols)
    is_area = [g is not None and g.geom_type in AREA_TYPES for g in geometries]
    name_field = "name" if cols.has("name") or not cols.has("district") else "district"
    names = cols.text(name_field, required=True)
    levels = cols.parse("level", parse_level)
    districts = cols.text("district") if name_field == "name" else [""] * len(cols)
    own_districts = cols.parse("district", plain_text, fill=False) if name_field == "name" \
        else [None] * len(cols)
    polygon_districts = _districts_of_points(geometries, stored)
    names_az, precisions = cols.text("name_az"), cols.text("precision")
    sources, licences = cols.text("source"), cols.text("license")
    alt_names = cols.parse("alt_names", parse_names)
    proxies = cols.parse("is_proxy", plain_text)
    places: list[tuple[int, dict]] = []
    name_rows: list[dict] = []
    first_row_of: dict[str, int] = {}
    for index, geometry in enumerate(geometries):
        problem = _geometry_problem(geometry)
        if problem:
            cols.problem(index, "geometry", geometry.geom_type if geometry is not None else "", problem)
        level = levels[index] or ("district" if is_area[index] else "settlement")
        if level in AREA_LEVELS and not is_area[index] and geometry is not None:
            cols.problem(index, "geometry", geometry.geom_type, N_("a district needs a polygon"))
        district_id = None
        if level not in AREA_LEVELS and not own_districts[index] and polygon_districts[index]:
            district_id = polygon_districts[index]  # a point's own district, before a one-time answer
        elif level not in AREA_LEVELS:
            district = districts[index]
            match = ctx.index.resolve(district, level="district") if district else None
            if match is None or not match.ok:
                cols.problem(index, "district", district,
                             N_("a village or feature needs its district (a known one)"),
                             match.suggestions if match else ())
            else:
                district_id = match.place_id
        name = display_name(names[index])
        if index in cols.bad_rows or not name:
            continue
        existing = ctx.index.resolve(name, level=level)
        place_id = existing.place_id if existing.ok else place_id_for(level, name)
        if place_id in first_row_of:
            cols.problem(index, name_field, name, f"row {cols.line(first_row_of[place_id])} of this "
                         "file already gives this place: keep one feature per place")
            continue
        first_row_of[place_id] = index
        places.append((index, _kept({
            "place_id": place_id, "level": level, "name": name, "name_az": names_az[index],
            "district_id": place_id if level == "district" else district_id,
            "precision": precisions[index] or ("uploaded polygon" if is_area[index] else "point"),
            "is_proxy": (proxies[index] or "").casefold() in TRUE_WORDS,
            "source": sources[index], "license": licences[index], "geometry": geometry,
        }, known.get(place_id), bool(proxies[index]))))
        given = [(name, "english"), (names_az[index], "azerbaijani_official")]
        given += [(alt, name_usage(alt)) for alt in alt_names[index] or []]
        name_rows += [{"place_id": place_id, "name": n, "usage": u} for n, u in given if n]
    return places, name_rows
