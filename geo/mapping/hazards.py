"""The hazard-area layer: polygons sent per view and zoom, simplified for that zoom, styled by
type and status, with a popup for what lies under a click.

`HazardIndex.view` answers a bounding box at a zoom: areas too small to see as shapes at that
zoom come as dots (a position and a style code), or, where those dots would crowd, as counted
cells like the finds' (`geo.mapping.index.drawn_singly`: how many, their hectares and how many
of each style per screen cell); the others as polygons simplified to about a pixel and rounded
to what the zoom can show. An area recorded as a point (with the area its record states) is
always a dot (or counted in a cell). `HazardIndex.at` finds the areas under a point and
`HazardIndex.popup` words them. Built once per data version, like the finds index; popups are
worded when asked for, in the language in force then (labels from the codes, dates, the
attribution and, when given, district names in that language).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import shapely

from geo.bbox import BBox
from geo.derive.hazards import NO_DISTRICT
from geo.hazards.areas import hectares_text
from geo.i18n import N_, _, n_, short_date
from geo.mapping.common import esc, lines
from geo.mapping.first import first_view
from geo.mapping.index import (
    MEMO_ENTRIES,
    TILE_PIXELS,
    _mercator,
    counted_cells,
    drawn_singly,
    screen_cells,
)
from geo.memo import BoundedMemo
from geo.sources import attribution
from geo.units import format_number
from geo.vocab.colours import HAZARD_TYPE_COLOURS, RELEASED_COLOUR
from geo.vocab.hazards import (
    CONTAMINATION_LABELS,
    HAZARD_STATUS_LABELS,
    HAZARD_TYPE_LABELS,
    HazardStatus,
    HazardType,
)

TYPES = (HazardType.SHA.value, HazardType.CHA.value)
STATUSES = (HazardStatus.OPEN.value, HazardStatus.IN_PROGRESS.value, HazardStatus.RELEASED.value)
DOT_PIXELS = 5  # an area smaller than this across is drawn as a dot
CLICK_PIXELS = 6
SIMPLIFY_PIXELS = 0.7
MAX_IN_POPUP = 8
RELEASED_LABEL = N_("Released (cancelled, reduced or cleared)")
STATUS_WORDS = {HazardStatus.OPEN.value: N_("open"), HazardStatus.IN_PROGRESS.value: N_("in progress")}
LEGEND_NOTE = N_("(SHA: suspected, dashed outline; CHA: confirmed; thick outline and faint fill: work "
                 "in progress; small areas are dots, or a number in a ringed circle where many "
                 "crowd, until you zoom in)")


def style_of(type_code: str, status: str) -> dict:
    """Leaflet path options for a hazard area of a type and status."""
    released = status == HazardStatus.RELEASED.value
    working = status == HazardStatus.IN_PROGRESS.value
    colour = RELEASED_COLOUR if released else HAZARD_TYPE_COLOURS.get(type_code, "#999999")
    return {
        "color": RELEASED_COLOUR if released else HAZARD_TYPE_COLOURS["CHA"], "fillColor": colour,
        "fillOpacity": 0.25 if released or working else 0.55, "weight": 2.5 if working else 1.2,
        "dashArray": "5 4" if type_code == HazardType.SHA.value and not released else None,
    }


def styles() -> list[dict]:
    """Every style, by code (type position × 3 + status position), with its legend label in the
    language in force."""
    out = []
    for type_code in TYPES:
        for status in STATUSES:
            word = _(STATUS_WORDS.get(status, RELEASED_LABEL))
            label = word if status == HazardStatus.RELEASED.value else f"{type_code}, {word}"
            out.append({**style_of(type_code, status), "label": label})
    return out


def _date(value: object) -> str:
    """A stored ISO date as the language writes it ('' when there is none)."""
    if not isinstance(value, str) or not value:
        return ""
    try:
        return short_date(dt.date.fromisoformat(value[:10]))
    except ValueError:
        return value


def _codes(values: pd.Series, vocabulary: Sequence[str]) -> np.ndarray:
    codes = pd.Categorical(values, categories=list(vocabulary)).codes.astype(np.int16)
    return np.where(codes < 0, 0, codes)


def _decimals(zoom: int) -> int:
    """Decimal places of a degree that resolve a pixel at the zoom (3 to 6)."""
    pixels_per_degree = TILE_PIXELS * 2.0 ** zoom / 360.0
    return int(min(6, max(3, math.ceil(math.log10(pixels_per_degree)) + 1)))


def _rings(geometry: shapely.Geometry, decimals: int) -> list[list[list[float]]]:
    """Polygons as lists of rings, each ring a flat [lon, lat, lon, lat, …] list."""
    polygons = geometry.geoms if geometry.geom_type == "MultiPolygon" else [geometry]
    return [[np.round(np.asarray(ring.coords)[:-1], decimals).ravel().tolist()
             for ring in (polygon.exterior, *polygon.interiors)] for polygon in polygons]


class HazardIndex:
    """Hazard areas as columns with a spatial index, simplified per zoom on first use."""

    def __init__(self, hazards: pd.DataFrame, releases: pd.DataFrame) -> None:
        self.size = len(hazards)
        self.geometries = np.asarray(hazards["geometry"].to_numpy() if self.size else [], dtype=object)
        self.tree = shapely.STRtree(self.geometries)
        self.points = shapely.get_type_id(self.geometries) == 0 if self.size else np.zeros(0, dtype=bool)
        bounds = shapely.bounds(self.geometries) if self.size else np.zeros((0, 4))
        west, south = _mercator(bounds[:, 0], bounds[:, 1])
        east, north = _mercator(bounds[:, 2], bounds[:, 3])
        self.extent = np.maximum(east - west, south - north)  # 0..1 of the world, for pixels
        self.centre = np.round(shapely.get_coordinates(shapely.point_on_surface(self.geometries)), 6) \
            if self.size else np.zeros((0, 2))
        self.mx, self.my = _mercator(self.centre[:, 0], self.centre[:, 1])
        self.code = _codes(hazards["hazard_type"], TYPES) * len(STATUSES) + _codes(
            hazards["hazard_status"], STATUSES)
        self.area_ha = pd.to_numeric(hazards["area_ha"], errors="coerce").fillna(0.0).to_numpy(float)
        districts = pd.Categorical(hazards["district_id"])
        self.districts = [str(d) for d in districts.categories]
        self.district = districts.codes.astype(np.int32)
        parties = pd.Categorical(hazards["party"])
        self.parties = [str(p) for p in parties.categories]
        self.party = parties.codes.astype(np.int32)
        self.rows = hazards.drop(columns="geometry").reset_index(drop=True)
        self.released = releases.groupby("hazard_id")["area_ha"].agg(["sum", "count"]) \
            if len(releases) else pd.DataFrame(columns=["sum", "count"])
        self._simplified: dict[int, np.ndarray] = {}
        self._first_views = BoundedMemo(MEMO_ENTRIES)

    def _chosen(self, ids: np.ndarray, districts: Sequence[str], parties: Sequence[str]) -> np.ndarray:
        if districts:
            ids = ids[np.isin(self.district[ids], [self.districts.index(d) for d in districts
                                                   if d in self.districts])]
        if parties:
            ids = ids[np.isin(self.party[ids], [self.parties.index(p) for p in parties
                                                if p in self.parties])]
        return ids

    def _pixels(self, ids: np.ndarray, zoom: int) -> np.ndarray:
        return self.extent[ids] * TILE_PIXELS * 2.0 ** zoom

    def simplified(self, zoom: int) -> np.ndarray:
        """The areas drawn as shapes at the zoom, simplified to about a pixel (kept valid);
        computed once per zoom (None for the areas drawn as dots there)."""
        if zoom not in self._simplified:
            tolerance = SIMPLIFY_PIXELS * 360.0 / (TILE_PIXELS * 2.0 ** zoom)
            shapes = np.full(self.size, None, dtype=object)
            big = self._pixels(np.arange(self.size), zoom) >= DOT_PIXELS
            shapes[big] = shapely.simplify(self.geometries[big], tolerance, preserve_topology=True)
            self._simplified[zoom] = shapes
        return self._simplified[zoom]

    def view(self, zoom: int, bbox: BBox, districts: Sequence[str] = (),
             parties: Sequence[str] = ()) -> dict:
        """The areas in the box: shapes for those large enough to see at the zoom; the others as
        dots, or as counted cells where the dots would crowd (then `dots` is empty and `cells`
        has a row per cell: lon, lat, areas, hectares, then areas per style code)."""
        box = shapely.box(bbox.west, bbox.south, bbox.east, bbox.north)
        ids = np.sort(self._chosen(self.tree.query(box), districts, parties)) if self.size \
            else np.zeros(0, dtype=int)
        pixels = self._pixels(ids, zoom)
        dots, shapes = ids[pixels < DOT_PIXELS], ids[pixels >= DOT_PIXELS]
        cells: list[list[float]] = []
        keys = screen_cells(self.mx[dots], self.my[dots], zoom)
        if not drawn_singly(len(dots), zoom, lambda: keys):
            cells = counted_cells(keys, self.centre[dots, 0], self.centre[dots, 1],
                                  self.area_ha[dots], self.code[dots], len(TYPES) * len(STATUSES))
            dots = dots[:0]
        decimals = _decimals(zoom)
        simplified = self.simplified(zoom)
        return {
            "total": len(ids),
            "dots": {"id": dots.tolist(), "code": self.code[dots].tolist(),
                     "lonlat": np.round(self.centre[dots], decimals).ravel().tolist()},
            "shapes": {"id": shapes.tolist(), "code": self.code[shapes].tolist(),
                       "rings": [_rings(simplified[i], decimals) for i in shapes]},
            "cells": cells,
        }

    def covering_box(self) -> BBox | None:
        """The box around every hazard area (None when there is none)."""
        if not self.size:
            return None
        west, south, east, north = shapely.total_bounds(self.geometries)
        return BBox(float(west), float(south), float(east), float(north))

    def first_view(self, zoom: int, districts: Sequence[str] = (),
                   parties: Sequence[str] = ()) -> dict | None:
        """What `view` answers at the zoom for any box around every hazard area
        (`geo.mapping.first`; memoised per filter set and zoom)."""
        return self._first_views((zoom, tuple(districts), tuple(parties)), lambda: first_view(
            self.covering_box(), zoom, lambda box: self.view(zoom, box, districts, parties)))

    def at(self, lon: float, lat: float, zoom: int, districts: Sequence[str] = (),
           parties: Sequence[str] = ()) -> list[int]:
        """Areas under a point: those containing it, and dots drawn within a click of it."""
        if not self.size:
            return []
        reach = CLICK_PIXELS * 360.0 / (TILE_PIXELS * 2.0 ** zoom)
        near = self._chosen(self.tree.query(shapely.Point(lon, lat).buffer(reach)), districts, parties)
        point = shapely.Point(lon, lat)
        pixels = self._pixels(near, zoom)
        inside = shapely.intersects(self.geometries[near], point)
        dots = (pixels < DOT_PIXELS) & (np.hypot(*(self.centre[near] - (lon, lat)).T) <= reach)
        found = near[inside | dots]
        return sorted(found.tolist(), key=lambda i: float(self.rows.at[i, "area_m2"]))

    def popup(self, ids: Sequence[int], names: Mapping[str, str] | None = None) -> str:
        """Popup text of the chosen areas (smallest first), the first few in full, in the
        language in force; `names` gives district names in that language (place id -> name)."""
        valid = [i for i in dict.fromkeys(ids) if 0 <= i < self.size]
        if not valid:
            return ""
        texts = [self._one(self.rows.iloc[i], names or {}, bool(self.points[i]))
                 for i in valid[:MAX_IN_POPUP]]
        more = len(valid) - MAX_IN_POPUP
        head = n_("{count} hazard area here", "{count} hazard areas here", len(valid)).format(
            count=format_number(len(valid)))
        tail = _("and {count} more: zoom in").format(count=format_number(more))
        return ((f"<b>{esc(head)}</b><hr>" if len(valid) > 1 else "") + "<hr>".join(texts)
                + (f"<hr><i>{esc(tail)}</i>" if more > 0 else ""))

    def _one(self, row: pd.Series, names: Mapping[str, str], point: bool = False) -> str:
        released = (self.released.loc[row["hazard_id"]] if row["hazard_id"] in self.released.index
                    else None)
        survey = _date(row["last_survey_date"]) or _("not stated")
        recorded = _date(row["recorded_date"])
        contamination = CONTAMINATION_LABELS.get(row["contamination"])
        source = attribution(row["originator"] if isinstance(row["originator"], str) else row["source_id"],
                             row["outlet"] if isinstance(row["outlet"], str) else "", row["published"])
        status = HAZARD_STATUS_LABELS.get(row["hazard_status"])
        kind = HAZARD_TYPE_LABELS.get(row["hazard_type"])
        operator = row["operator"] if isinstance(row["operator"], str) else ""
        district = (names.get(row["district_id"]) or row["district_name"]
                    if isinstance(row["district_id"], str) else _(NO_DISTRICT))
        synthetic = _("Synthetic demonstration data, not a real record") if row["synthetic"] else ""
        return lines(
            f"<b>{esc(_(kind) if kind else row['hazard_type'])}</b> {esc(row['hazard_id'])}",
            f"<i>{esc(row['name'])}</i>" if isinstance(row["name"], str) and row["name"] else "",
            esc(_("Status: {status}")).format(
                status=f"<b>{esc(_(status) if status else row['hazard_status'])}</b>"),
            esc((_("Area: {area} (as stated: recorded as a point)") if point
                 else _("Area: {area} (computed from the polygon)")).format(
                area=hectares_text(row["area_ha"], 2))),
            esc(_("Devices: {devices}").format(
                devices=_(contamination) if contamination else _("not stated"))),
            esc(_("Operator: {operator}").format(operator=operator or _("not stated"))),
            esc((_("Last survey: {survey} (recorded {recorded})") if recorded
                 else _("Last survey: {survey}")).format(survey=survey, recorded=recorded)),
            esc(_("District: {district}").format(district=district)),
            esc(n_("Land released from it: {area} in {count} record",
                   "Land released from it: {area} in {count} records", int(released["count"])).format(
                area=hectares_text(released["sum"], 2), count=format_number(int(released["count"]))))
            if released is not None else "",
            esc(_("Source: {source}").format(source=source)),
            f"<b>{esc(synthetic)}</b>" if synthetic else "",
        )


def legend_html() -> str:
    """The hazard layer's legend as small HTML swatches: each type and status, released once."""
    shown = {style["label"]: style for style in styles()}
    swatches = "".join(
        f'<span style="display:inline-block;margin:2px 10px 2px 0">'
        f'<span style="display:inline-block;width:14px;height:14px;vertical-align:middle;'
        f'background:{esc(s["fillColor"])};opacity:{0.6 + s["fillOpacity"] * 0.7:.2f};'
        f'border:2px {"dashed" if s["dashArray"] else "solid"} {esc(s["color"])}"></span> '
        f'{esc(label)}</span>' for label, s in shown.items())
    title = _("Hazard areas")
    return f'<div class="mc-hazard-legend"><b>{esc(title)}</b> {esc(_(LEGEND_NOTE))}<br>{swatches}</div>'
