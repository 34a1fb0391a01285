"""What every row builder shares: the gazetteer, sources, the file's decimal mark and date order,
and helpers for places and coordinates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import shapely

from geo.i18n import N_
from geo.names import AliasIndex
from geo.parsing import DateOrder, DecimalMark, is_ambiguous_number, parse_date, parse_number
from geo.upload.columns import Columns, plain_text
from geo.upload.source_rows import SourceRows
from geo.upload.vocabularies import parse_level

REGION_OF_INTEREST = (43.5, 38.2, 51.0, 42.0)  # lon/lat box: Azerbaijan and its borders


@dataclass(frozen=True)
class Ambiguity:
    """A value read one way where another was possible ('1,286' read as 1286)."""

    label: str
    line: int
    column: str
    value: str
    read_as: str


@dataclass
class Context:
    """Shared state of one upload's parse."""

    index: AliasIndex
    sources: SourceRows
    mark: DecimalMark
    order: DateOrder
    ambiguities: list[Ambiguity] = field(default_factory=list)

    def date(self, cell: object) -> dt.date:
        """A date read with the file's day/month order."""
        return parse_date(cell, self.order)

def in_region(lon: float, lat: float) -> bool:
    """Whether a lon/lat point lies in Azerbaijan and its borders."""
    minx, miny, maxx, maxy = REGION_OF_INTEREST
    return minx <= lon <= maxx and miny <= lat <= maxy


def geometry_in_region(geometry: shapely.Geometry) -> bool:
    """Whether a geometry's whole extent lies in the region."""
    minx, miny, maxx, maxy = geometry.bounds
    return in_region(minx, miny) and in_region(maxx, maxy)


def coordinate(cell: object) -> float:
    """Degrees: '39.620' and '39,620' are both 39.62 (a coordinate is never in thousands)."""
    if isinstance(cell, str) and is_ambiguous_number(cell):
        return parse_number(cell.strip().replace(",", "."))
    return parse_number(cell)


def points(cols: Columns) -> list[tuple[float, float] | None]:
    """(lat, lon) per row from latitude/longitude columns or point geometries, checked."""
    out: list[tuple[float, float] | None] = [None] * len(cols)
    if cols.has("lat") or cols.has("lon"):
        lats, lons = cols.parse("lat", coordinate), cols.parse("lon", coordinate)
        for index, (lat, lon) in enumerate(zip(lats, lons, strict=True)):
            if (lat is None) != (lon is None) and index not in cols.bad_rows:
                cols.problem(index, "lat" if lat is None else "lon", "", "give both latitude and "
                             "longitude, or neither")
            elif lat is not None and lon is not None:
                out[index] = (lat, lon)
    geometries = cols.table.geometries
    if geometries is not None:
        for index, geometry in enumerate(geometries):
            if out[index] is None and geometry is not None:
                point = _single_point(geometry)
                if point is None:
                    cols.problem(index, "geometry", geometry.geom_type,
                                 f"a find or incident is a point, not a {geometry.geom_type}")
                else:
                    out[index] = (point.y, point.x)
    for index, point in enumerate(out):
        if point is not None and not in_region(point[1], point[0]):
            cols.problem(index, "lat" if cols.has("lat") else "geometry", f"{point[0]}, {point[1]}",
                         "point outside the region of interest (Azerbaijan and its borders); "
                         "are latitude and longitude swapped, or is the CRS wrong?")
            out[index] = None
    return out


def _single_point(geometry: shapely.Geometry) -> shapely.Point | None:
    if geometry.geom_type == "Point":
        return geometry
    if geometry.geom_type == "MultiPoint" and len(geometry.geoms) == 1:
        return geometry.geoms[0]
    return None


def resolve_places(cols: Columns, ctx: Context, located: list[tuple[float, float] | None],
                   required: bool) -> tuple[list[str], list[str | None]]:
    """Place name and place id per row; unknown names get a problem with suggestions. A place set
    once for the whole file fills only rows that give neither a place nor a point."""
    own = cols.parse("place", plain_text, fill=False)
    filled = cols.parse("place", plain_text) if "place" in cols.defaults else own
    names = [name or ("" if point is not None else given or "")
             for name, given, point in zip(own, filled, located, strict=True)]
    levels = cols.parse("level", parse_level)
    ids: list[str | None] = []
    for index, name in enumerate(names):
        if not name:
            if required and located[index] is None and index not in cols.bad_rows:
                if cols.has("place"):
                    cols.problem(index, "place", "", N_("missing: give a place name or coordinates"))
                else:
                    cols.missing_from_file("place")
            ids.append(None)
            continue
        match = ctx.index.resolve(name, level=levels[index], point=located[index])
        if not match.ok:
            cols.problem(index, "place", name, match.reason, match.suggestions)
        ids.append(match.place_id)
    return names, ids
