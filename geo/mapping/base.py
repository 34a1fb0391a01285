"""What the map draws the same way whatever the filters: outlines, districts and places.

Built once per data version. Anything the store holds is drawn if it can be: a geometry that
is missing, empty or not finite is skipped; a place given as a line or a collection is drawn
at a point on it.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import shapely
import shapely.ops

from geo.i18n import N_, _
from geo.mapping.common import (
    DEFAULT_CENTER,
    NameLookup,
    anchor_point,
    esc,
    geometry_json,
    lines,
)
from geo.mapping.index import CATEGORIES
from geo.vocab import DEVICE_LABELS, PlaceLevel
from geo.vocab.colours import DEVICE_COLOURS, INCIDENT_COLOUR, OTHER_DEVICE_COLOUR

POINT_LEVELS = (PlaceLevel.SETTLEMENT.value, PlaceLevel.NAMED_FEATURE.value)
OTHER_CATEGORY = N_("Other or not stated")


@dataclass(frozen=True)
class MapBase:
    """The unchanging part of the map as plain data, and where the map starts."""

    layers: dict
    center: tuple[float, float]


def _label_point(geometry: shapely.Geometry) -> list[float] | None:
    """Where a district's name goes: the centre of its largest part's inscribed circle."""
    parts = [g for g in getattr(geometry, "geoms", [geometry]) if g.geom_type == "Polygon"]
    if not parts:
        point = anchor_point(geometry)
        return list(point) if point else None
    largest = max(parts, key=lambda g: g.area)
    point = shapely.ops.polylabel(largest, tolerance=0.001)
    return [round(point.x, 5), round(point.y, 5)]


def countries(places: gpd.GeoDataFrame) -> list[dict]:
    """Country outlines: the offline base layer (not interactive)."""
    rows = places[places["level"] == PlaceLevel.COUNTRY.value].sort_values("place_id")
    return [{"geometry": shape, "subject": row.place_id == "country:azerbaijan"}
            for row in rows.itertuples() if (shape := geometry_json(row.geometry))]


def districts(places: gpd.GeoDataFrame) -> list[dict]:
    """District shapes with their id, name, area (for label priority) and label position."""
    rows = places[places["level"] == PlaceLevel.DISTRICT.value].sort_values("place_id")
    found = []
    for row in rows.itertuples():
        shape = geometry_json(row.geometry)
        if shape is None:
            continue
        found.append({"id": row.place_id, "name": row.name, "geometry": shape,
                      "label": _label_point(row.geometry),
                      "area": round(float(row.geometry.area), 6)})
    return found


def places_points(places: gpd.GeoDataFrame, names: NameLookup) -> list[dict]:
    """Villages and named features as points; proxy locations flagged as approximate."""
    rows = places[places["level"].isin(POINT_LEVELS)].sort_values("place_id")
    district_names = dict(zip(places["place_id"], places["name"], strict=True))
    found = []
    for row in rows.itertuples():
        point = anchor_point(row.geometry)
        if point is None:
            continue
        aka = names.others(row.place_id, row.name)
        approx = ("<b>" + esc(_("Approximate location (proxy point)")) + "</b>: " + esc(row.source)
                  if row.is_proxy else "")
        found.append({
            "id": row.place_id, "name": row.name, "lon": point[0], "lat": point[1],
            "proxy": bool(row.is_proxy), "kind": row.level,
            "popup": lines(f"<b>{esc(row.name)}</b>", f"<i>{esc(aka)}</i>" if aka else "",
                           esc(_("District: {district}").format(
                               district=district_names.get(row.district_id, ""))), approx),
            "tooltip": esc(row.name) + (esc(_(" (approximate)")) if row.is_proxy else ""),
        })
    return found


def center_of(places: gpd.GeoDataFrame) -> tuple[float, float]:
    """Middle of the districts' extent (a fixed centre when there are none)."""
    shapes = [g for g in places.loc[places["level"] == PlaceLevel.DISTRICT.value, "geometry"]
              if geometry_json(g) is not None]
    if not shapes:
        return DEFAULT_CENTER
    minx, miny, maxx, maxy = shapely.GeometryCollection(shapes).bounds
    return round((miny + maxy) / 2, 4), round((minx + maxx) / 2, 4)


def map_base(places: gpd.GeoDataFrame, names: NameLookup) -> MapBase:
    """Every layer that does not depend on the filters, plus the legend's vocabularies."""
    return MapBase(
        layers={
            "countries": countries(places), "districts": districts(places),
            "places": places_points(places, names),
            "categories": [  # in the index's code order
                {"code": code, "label": _(DEVICE_LABELS.get(code, OTHER_CATEGORY)),
                 "colour": DEVICE_COLOURS.get(code, OTHER_DEVICE_COLOUR)}
                for code in CATEGORIES
            ],
            "incident_colour": INCIDENT_COLOUR,
        },
        center=center_of(places),
    )
