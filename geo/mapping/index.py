"""Finds and incidents indexed once per data version, queried for what one view needs.

`EventIndex.view(kind, filters, zoom, bbox)` answers with grid cells (counts by device
category, in screen-sized cells of that zoom) or, when few enough events are in view, the
individual points; `popups` gives the popup text of chosen points; `district_outlines` the
events known only to district level. Everything is numpy over columns built once, so a
query costs milliseconds at 200,000 finds.

Given the store's box query, views from `DETAIL_ZOOM` in (a few villages) ask the store which
events lie in the box, so on PostGIS that question runs in the database over its spatial
index; zoomed-out views are aggregated here, where a whole-region box costs about 4 ms against
about 0.4 s for the database to send 60,000 points (README, benchmarks).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.bbox import BBox
from geo.filters import Filters
from geo.i18n import _, current_language, n_
from geo.mapping.common import (
    MAX_ZOOM,
    NameLookup,
    anchor_point,
    esc,
)
from geo.mapping.first import first_view
from geo.mapping.popups import MAX_LISTED, POPUP_FIELDS, event_popup, listing
from geo.memo import BoundedMemo
from geo.units import format_number
from geo.vocab import DEVICE_LABELS, PlaceLevel
from geo.vocab.colours import DEVICE_COLOURS, INCIDENT_COLOUR, OTHER_DEVICE_COLOUR

KINDS = ("find", "incident")
CATEGORIES = (*DEVICE_LABELS, "")  # the last code is "other or not stated"
CELL_PIXELS = 64
POINT_LIMIT = 4000
DEEPEST_POINT_LIMIT = 20000
FEW_POINTS = 100  # this many points never drown a map: always drawn one by one
CROWDED = 4.0  # more points than this per occupied cell, on average, are drawn as cells
TILE_PIXELS = 256
DETAIL_ZOOM = 14
MEMO_ENTRIES = 64  # filter sets remembered per index
NO_DAY = np.iinfo(np.int32).max
EPOCH = dt.date(1970, 1, 1)


def _days(values: pd.Series) -> np.ndarray:
    days = pd.to_datetime(values, errors="coerce").to_numpy().astype("datetime64[D]")
    out = days.astype("int64")
    out[np.isnat(days)] = NO_DAY
    return out.astype(np.int32)


def _codes(values: pd.Series, vocabulary: Sequence[str]) -> np.ndarray:
    """Position of each value in the vocabulary; the last position for anything else."""
    codes = pd.Categorical(values, categories=list(vocabulary[:-1])).codes.astype(np.int8)
    codes[codes < 0] = len(vocabulary) - 1
    return codes


def _mercator(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator coordinates scaled to 0..1 (multiply by 256·2^zoom for pixels)."""
    clipped = np.radians(np.clip(lat, -85.05112878, 85.05112878))
    x = (lon + 180.0) / 360.0
    y = (1.0 - np.log(np.tan(clipped) + 1.0 / np.cos(clipped)) / math.pi) / 2.0
    return x, y


def screen_cells(mx: np.ndarray, my: np.ndarray, zoom: int) -> np.ndarray:
    """The screen cell (CELL_PIXELS across) of the zoom each Web Mercator position falls in,
    as one integer."""
    scale = TILE_PIXELS * 2.0 ** zoom / CELL_PIXELS
    column = np.floor(mx * scale).astype(np.int64)
    row = np.floor(my * scale).astype(np.int64)
    return column << 32 | row


def crowded(keys: np.ndarray) -> bool:
    """Whether marks in these screen cells, drawn one by one, would pile up: more than CROWDED
    of them per occupied cell on average (dots hiding each other and the names beneath)."""
    return len(keys) > CROWDED * max(len(np.unique(keys)), 1)


def drawn_singly(count: int, zoom: int, keys: Callable[[], np.ndarray]) -> bool:
    """Whether a layer's `count` marks in view are drawn one by one at the zoom rather than as
    counted cells: when few, or not too many and not crowded (`keys()`: their screen cells),
    or not too many at the deepest zoom. Every dense layer (finds, incidents, hazard areas)
    decides by this."""
    if zoom >= MAX_ZOOM and count <= DEEPEST_POINT_LIMIT:
        return True
    return count <= FEW_POINTS or (count <= POINT_LIMIT and not crowded(keys()))


def counted_cells(keys: np.ndarray, lon: np.ndarray, lat: np.ndarray, amount: np.ndarray,
                  codes: np.ndarray, code_count: int) -> list[list[float]]:
    """One row per occupied screen cell: mean longitude and latitude of its marks, how many,
    the sum of their `amount` (items stated, hectares), then how many of each code (device
    category, hazard style) — what the map draws as a counted circle."""
    if not len(keys):
        return []
    unique, cell = np.unique(keys, return_inverse=True)
    count = np.bincount(cell, minlength=len(unique))
    mean_lon = np.bincount(cell, weights=lon) / count
    mean_lat = np.bincount(cell, weights=lat) / count
    total = np.bincount(cell, weights=amount, minlength=len(unique))
    per_code = np.bincount(cell * code_count + codes, minlength=len(unique) * code_count
                           ).reshape(len(unique), code_count)
    return np.column_stack([np.round(mean_lon, 5), np.round(mean_lat, 5), count,
                            np.round(total, 2), per_code]).tolist()


BoxQuery = Callable[[BBox, str, dt.date, dt.date, Sequence[str]], pd.DataFrame]


def _filter_key(kind: str, filters: Filters) -> tuple:
    return (kind, filters.start, filters.end, filters.districts, filters.devices, filters.parties)


class EventIndex:
    """Columns of every event (located or not) with a longitude-sorted spatial lookup.

    `box_query` is the store's `events_in_box` (for the same data and as-of revision): events
    located by their own coordinates in a box, filtered by kind, dates and devices.
    """

    def __init__(self, events: pd.DataFrame, places: gpd.GeoDataFrame, names: pd.DataFrame,
                 box_query: BoxQuery | None = None) -> None:
        self.names = NameLookup(names)
        self.size = len(events)
        lon = pd.to_numeric(events["lon"], errors="coerce").to_numpy(float, copy=True)
        lat = pd.to_numeric(events["lat"], errors="coerce").to_numpy(float, copy=True)
        anchors = {row.place_id: anchor_point(row.geometry) for row in places.itertuples()
                   if row.level in (PlaceLevel.SETTLEMENT.value, PlaceLevel.NAMED_FEATURE.value)}
        own = np.isfinite(lon) & np.isfinite(lat)
        for i in np.flatnonzero(~own):
            anchor = anchors.get(events["place_id"].iat[i])
            lon[i], lat[i] = anchor if anchor else (math.nan, math.nan)
        self.located = np.isfinite(lon) & np.isfinite(lat) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
        self.lon, self.lat = np.where(self.located, lon, 0.0), np.where(self.located, lat, 0.0)
        self.mx, self.my = _mercator(self.lon, self.lat)
        self.kind = _codes(events["kind"], (*KINDS, ""))
        self.category = _codes(events["device_category"], CATEGORIES)
        self.quantity = pd.to_numeric(events["quantity"], errors="coerce").fillna(-1).to_numpy(np.int64)
        self.start = _days(events["date_start"])
        self.end = _days(events["date_end"].fillna(events["date_start"]))
        districts = pd.Categorical(events["district_id"])
        self.districts = [str(d) for d in districts.categories]
        self.district = districts.codes.astype(np.int32)
        parties = pd.Categorical(events["party"])
        self.parties = [str(p) for p in parties.categories]
        self.party = parties.codes.astype(np.int32)
        located_ids = np.flatnonzero(self.located)
        self.by_lon = located_ids[np.argsort(self.lon[located_ids], kind="stable")]
        self.sorted_lon = self.lon[self.by_lon]
        self.anchored = np.flatnonzero(self.located & ~own)  # drawn at a point of their place
        self.box_query = box_query
        self.position = pd.Index(events["event_id"])
        self.popup_rows = events[POPUP_FIELDS].reset_index(drop=True)
        self.district_names = dict(zip(places["place_id"], places["name"], strict=True))
        self._masks, self._outlines, self._first_views = (BoundedMemo(MEMO_ENTRIES) for _ in range(3))

    def mask(self, kind: str, filters: Filters) -> np.ndarray:
        """Events of the kind that pass the filters (memoised per filter set)."""
        return self._masks(_filter_key(kind, filters), lambda: self._mask(kind, filters))

    def _mask(self, kind: str, filters: Filters) -> np.ndarray:
        first = (filters.start - EPOCH).days
        last = (filters.end - EPOCH).days
        chosen = (self.kind == KINDS.index(kind)) & (self.start <= last) & (self.end >= first)
        if filters.districts:
            codes = [self.districts.index(d) for d in filters.districts if d in self.districts]
            chosen &= np.isin(self.district, codes)
        if filters.parties:
            codes = [self.parties.index(p) for p in filters.parties if p in self.parties]
            chosen &= np.isin(self.party, codes)
        if filters.devices and kind == "find":
            codes = [CATEGORIES.index(d) for d in filters.devices if d in CATEGORIES[:-1]]
            chosen &= np.isin(self.category, codes)
        return chosen

    def in_view(self, kind: str, filters: Filters, bbox: BBox) -> np.ndarray:
        """Ids of located events of the kind inside the box that pass the filters."""
        low = np.searchsorted(self.sorted_lon, bbox.west, side="left")
        high = np.searchsorted(self.sorted_lon, bbox.east, side="right")
        ids = self.by_lon[low:high]
        ids = ids[(self.lat[ids] >= bbox.south) & (self.lat[ids] <= bbox.north)]
        return np.sort(ids[self.mask(kind, filters)[ids]])

    def stored_in_view(self, kind: str, filters: Filters, bbox: BBox) -> np.ndarray:
        """`in_view` with the box question answered by the store: its events plus those drawn
        at a point of their place."""
        devices = filters.devices if kind == "find" else ()
        found = self.box_query(bbox, kind, filters.start, filters.end, devices)
        ids = self.position.get_indexer(found["event_id"])
        anchored = self.anchored[(self.lon[self.anchored] >= bbox.west)
                                 & (self.lon[self.anchored] <= bbox.east)
                                 & (self.lat[self.anchored] >= bbox.south)
                                 & (self.lat[self.anchored] <= bbox.north)]
        ids = np.concatenate([ids[ids >= 0], anchored])
        return np.unique(ids[self.mask(kind, filters)[ids]])

    def view(self, kind: str, filters: Filters, zoom: int, bbox: BBox) -> dict:
        """Points when few enough are in view and they do not crowd (more at the deepest
        zoom), otherwise cells (`drawn_singly`)."""
        if self.box_query is not None and zoom >= DETAIL_ZOOM:
            ids = self.stored_in_view(kind, filters, bbox)
        else:
            ids = self.in_view(kind, filters, bbox)
        if drawn_singly(len(ids), zoom, lambda: self._cell_keys(ids, zoom)):
            return self.points(ids)
        return self.cells(ids, zoom)

    def _cell_keys(self, ids: np.ndarray, zoom: int) -> np.ndarray:
        return screen_cells(self.mx[ids], self.my[ids], zoom)

    def crowded(self, ids: np.ndarray, zoom: int) -> bool:
        """Whether the events, drawn one by one at the zoom, would pile up (`crowded`)."""
        return crowded(self._cell_keys(ids, zoom))

    def covering_box(self, kind: str) -> BBox | None:
        """The box around every located event of the kind (None when there is none)."""
        chosen = self.located & (self.kind == KINDS.index(kind))
        if not chosen.any():
            return None
        lon, lat = self.lon[chosen], self.lat[chosen]
        return BBox(float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max()))

    def first_view(self, kind: str, filters: Filters, zoom: int) -> dict | None:
        """What `view` answers at the zoom for any box around every located event of the kind
        (`geo.mapping.first`); None from DETAIL_ZOOM in, where the store answers (memoised per
        filter set and zoom)."""
        if zoom >= DETAIL_ZOOM:
            return None
        return self._first_views((*_filter_key(kind, filters), zoom), lambda: first_view(
            self.covering_box(kind), zoom, lambda box: self.view(kind, filters, zoom, box)))

    def points(self, ids: np.ndarray) -> dict:
        """Individual events: id, position, device category code and quantity."""
        return {
            "mode": "points", "total": len(ids), "id": ids.tolist(),
            "lon": np.round(self.lon[ids], 5).tolist(), "lat": np.round(self.lat[ids], 5).tolist(),
            "cat": self.category[ids].tolist(), "qty": self.quantity[ids].tolist(),
        }

    def cells(self, ids: np.ndarray, zoom: int) -> dict:
        """Counts per screen cell of the zoom: where, how many reports, items and categories."""
        rows = counted_cells(self._cell_keys(ids, zoom), self.lon[ids], self.lat[ids],
                             np.maximum(self.quantity[ids], 0), self.category[ids], len(CATEGORIES))
        return {"mode": "cells", "total": len(ids), "cells": rows}

    def popups(self, kind: str, ids: Sequence[int], noun: str, total: int = 0,
               place_names: Mapping[str, str] | None = None) -> str:
        """Popup text of the chosen events of the kind (unknown ids are ignored).

        `total` says how many there are when only some ids were sent; `place_names` (place id ->
        name in the page's language) names places and districts in that language.
        """
        code = KINDS.index(kind)
        valid = [i for i in dict.fromkeys(ids) if 0 <= i < self.size and self.kind[i] == code]
        rows = self.popup_rows.iloc[valid[:MAX_LISTED]].to_dict("records")
        if place_names:
            for row, i in zip(rows, valid, strict=False):
                row["place_name"] = place_names.get(row["place_id"], row["place_name"])
                if self.district[i] >= 0:
                    district = self.districts[self.district[i]]
                    row["district_name"] = place_names.get(district, row["district_name"])
        texts = [event_popup(row, self.names) for row in rows]
        return listing(texts, max(len(valid), total), noun)

    def district_outlines(self, kind: str, filters: Filters) -> list[dict]:
        """One outline per district holding events of the kind known only to district level
        (memoised per filter set and language, like the masks)."""
        return self._outlines((*_filter_key(kind, filters), current_language()),
                              lambda: self._district_outlines(kind, filters))

    def _district_outlines(self, kind: str, filters: Filters) -> list[dict]:
        chosen = np.flatnonzero(self.mask(kind, filters) & ~self.located & (self.district >= 0))
        outlines = []
        noun = "find" if kind == "find" else "incident"
        for code in np.unique(self.district[chosen]):
            ids = chosen[self.district[chosen] == code]
            district_id = self.districts[code]
            name = self.district_names.get(district_id) or district_id
            category = CATEGORIES[self.category[ids[0]]]
            colour = (DEVICE_COLOURS.get(category, OTHER_DEVICE_COLOUR) if kind == "find"
                      else INCIDENT_COLOUR)
            outlines.append({
                "district_id": district_id, "color": colour,
                "popup": "<b>" + esc(_("{district}: known only at district level").format(
                    district=name)) + "</b><hr>" + self.popups(kind, ids.tolist(), noun),
                "tooltip": esc((n_("{district}: {count} find known only to district level",
                                   "{district}: {count} finds known only to district level", len(ids))
                                if kind == "find" else
                                n_("{district}: {count} incident known only to district level",
                                   "{district}: {count} incidents known only to district level",
                                   len(ids))).format(district=name, count=format_number(len(ids)))),
            })
        return outlines
