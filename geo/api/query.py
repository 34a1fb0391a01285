"""A read-API request's parameters, checked, and the rows of a collection they select.

Filters mean what the sidebar's mean (geo.filters): a district in any spelling, a period that
a figure's own period overlaps, device categories, parties. Anything malformed or unknown is
refused with a message naming the parameter, never ignored (a misspelt filter that returned
every row would pass for an answer).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.api.collections import (
    DEVICE,
    DISTRICT,
    METRIC,
    ORIGINATOR,
    PARTY,
    PERIOD,
    ApiData,
    Collection,
)
from geo.filters import Filters, claims_mask, events_mask, resolve_districts
from geo.names import AliasIndex
from geo.vocab import DEVICE_LABELS, METRICS, Party

FORMATS = ("json", "csv", "geojson")
PAGING = frozenset({"limit", "offset", "f", "as_of", "v"})
SPATIAL = frozenset({"bbox", "datetime"})
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2999, 12, 31)
CLAIM_KINDS = ("figures", "contradictions")
EVENT_KINDS = ("events", "finds", "incidents")
PARAMETERS = {  # parameter -> the filter it belongs to
    "district": DISTRICT, "from": PERIOD, "to": PERIOD, "metric": METRIC, "device": DEVICE,
    "originator": ORIGINATOR, "party": PARTY, "kind": "kind",
}


class ApiError(ValueError):
    """A request the API refuses; the message names the parameter and what it takes."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class ApiQuery:
    """What a request asks of one collection."""

    districts: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    metrics: tuple[str, ...] = ()
    devices: tuple[str, ...] = ()
    originator: str = ""
    parties: tuple[str, ...] = ()
    kind: str = ""
    bbox: tuple[float, float, float, float] | None = None
    limit: int = 100
    offset: int = 0
    fmt: str = "json"
    extra: dict[str, str] = field(default_factory=dict)

    def key(self) -> tuple:
        """The filters alone (not paging or format), for caching the rows they select."""
        return (self.districts, self.start, self.end, self.metrics, self.devices,
                self.originator, self.parties, self.kind, self.bbox)


def _values(params: Mapping[str, Sequence[str]], name: str) -> tuple[str, ...]:
    """Repeated parameters and comma-separated lists alike."""
    return tuple(part.strip() for value in params.get(name, ()) for part in value.split(",")
                 if part.strip())


def _one(params: Mapping[str, Sequence[str]], name: str) -> str:
    values = params.get(name, ())
    if len(values) > 1:
        raise ApiError(f"{name} is given {len(values)} times; give it once")
    return values[0].strip() if values else ""


def _date(params: Mapping[str, Sequence[str]], name: str) -> dt.date | None:
    text = _one(params, name)
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise ApiError(f"{name} must be a date as YYYY-MM-DD, not {text[:40]!r}") from error


def whole_number(text: str, name: str, lowest: int, highest: int) -> int:
    """A whole number from lowest to highest, or ApiError naming the parameter."""
    if not text.isdigit() or not lowest <= int(text) <= highest:
        raise ApiError(f"{name} must be a whole number from {lowest} to {highest}, "
                       f"not {text[:40]!r}")
    return int(text)


def _known(values: tuple[str, ...], known: Sequence[str], name: str) -> tuple[str, ...]:
    unknown = [v for v in values if v not in known]
    if unknown:
        raise ApiError(f"{name} {unknown[0][:60]!r} is not known; it takes {', '.join(known)}")
    return values


def parse_bbox(text: str) -> tuple[float, float, float, float] | None:
    """A bbox as minimum longitude, minimum latitude, maximum longitude, maximum latitude."""
    if not text:
        return None
    try:
        numbers = [float(part) for part in text.split(",")]
    except ValueError as error:
        raise ApiError("bbox must be four numbers: min lon,min lat,max lon,max lat") from error
    if len(numbers) == 6:  # with heights: drop them
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    if len(numbers) != 4 or not all(np.isfinite(numbers)) or numbers[0] > numbers[2] \
            or numbers[1] > numbers[3]:
        raise ApiError("bbox must be four numbers: min lon,min lat,max lon,max lat")
    return numbers[0], numbers[1], numbers[2], numbers[3]


def parse_query(params: Mapping[str, Sequence[str]], collection: Collection,
                data: ApiData, names: AliasIndex, max_limit: int,
                allowed: frozenset[str] = frozenset()) -> ApiQuery:
    """The request's parameters for `collection`, checked; ApiError on anything wrong.

    `allowed` names parameters a protocol adds (OGC's `bbox` and `datetime`)."""
    takes = {name for name, kind in PARAMETERS.items() if kind in collection.filters}
    if collection.spatial:
        takes.add("bbox")
    unknown = sorted(set(params) - takes - PAGING - allowed)
    if unknown:
        listed = ", ".join(sorted(takes | PAGING)) or "no filters"
        raise ApiError(f"{collection.code} do not take {unknown[0][:40]!r}; they take {listed}")
    fmt = _one(params, "f") or "json"
    if fmt not in FORMATS or (fmt == "geojson" and not collection.spatial):
        offered = FORMATS if collection.spatial else ("json", "csv")
        raise ApiError(f"f must be one of {', '.join(offered)} for {collection.code}")
    districts: tuple[str, ...] = ()
    typed = _values(params, "district")
    if typed:
        districts, unknown_districts = resolve_districts(list(typed), data.tables.places, names)
        if unknown_districts:
            raise ApiError(f"district {unknown_districts[0][:60]!r} is not a known district")
    start, end = _date(params, "from"), _date(params, "to")
    if start and end and start > end:
        raise ApiError("from must not be after to")
    return ApiQuery(
        districts=districts, start=start, end=end,
        metrics=_known(_values(params, "metric"), list(METRICS), "metric"),
        devices=_known(_values(params, "device"), [str(d) for d in DEVICE_LABELS], "device"),
        originator=_one(params, "originator").casefold(),
        parties=_known(_values(params, "party"), [p.value for p in Party], "party"),
        kind=_known(_values(params, "kind"), ["find", "incident"], "kind")[0]
        if _values(params, "kind") else "",
        bbox=parse_bbox(_one(params, "bbox")),
        limit=whole_number(_one(params, "limit") or "100", "limit", 1, max_limit),
        offset=whole_number(_one(params, "offset") or "0", "offset", 0, 10**9),
        fmt=fmt,
    )


def _bbox_mask(frame: pd.DataFrame, collection: Collection, data: ApiData,
               bbox: tuple[float, float, float, float]) -> np.ndarray:
    """Rows whose geometry meets the box (events at coordinates by them, else by their place)."""
    places = data.tables.places.set_index("place_id")
    if collection.code in EVENT_KINDS or collection.code in CLAIM_KINDS:
        bounds = places.geometry.bounds.reindex(frame["place_id"]).to_numpy(copy=True)
        if collection.code in EVENT_KINDS:
            lon, lat = (frame[c].astype(float).to_numpy() for c in ("lon", "lat"))
            located = ~np.isnan(lat)
            bounds[located] = np.column_stack([lon, lat, lon, lat])[located]
    else:
        geometry = frame.geometry if "geometry" in frame.columns else None
        if collection.code == "land-release":
            shapes = data.frames["hazard-areas"].set_index("hazard_id").geometry
            geometry = shapes.reindex(frame["hazard_id"])
        bounds = geometry.bounds.to_numpy() if geometry is not None else np.full((len(frame), 4),
                                                                                np.nan)
    with np.errstate(invalid="ignore"):
        return ((bounds[:, 0] <= bbox[2]) & (bounds[:, 2] >= bbox[0])
                & (bounds[:, 1] <= bbox[3]) & (bounds[:, 3] >= bbox[1]))


def _period_mask(frame: pd.DataFrame, collection: Collection, query: ApiQuery) -> pd.Series:
    """For kinds without the sidebar's period rule: the period field within the period."""
    dates = pd.to_datetime(frame[collection.period_field], errors="coerce")
    mask = pd.Series(True, index=frame.index)
    if query.start:
        mask &= dates >= pd.Timestamp(query.start)
    if query.end:
        mask &= dates <= pd.Timestamp(query.end)
    return mask


def selected(data: ApiData, collection: Collection, query: ApiQuery) -> np.ndarray:
    """Positions (in the collection's id order) of the rows the query selects."""
    frame = data.frames[collection.base or collection.code]
    filters = Filters(start=query.start or EARLIEST, end=query.end or LATEST,
                      districts=query.districts, devices=query.devices, parties=query.parties)
    period = query.start is not None or query.end is not None
    if collection.code in CLAIM_KINDS:
        mask = claims_mask(frame, filters, period=period)
        if query.metrics:
            mask &= frame["metric"].isin(query.metrics)
    elif collection.code in EVENT_KINDS:
        mask = events_mask(frame, filters, period=period)
        if query.kind:
            mask &= frame["kind"] == query.kind
    else:
        mask = pd.Series(True, index=frame.index)
        if query.districts:
            field = "district_id" if collection.code != "districts" else "place_id"
            mask &= frame[field].isin(query.districts)
        if query.parties:
            mask &= frame["party"].isin(query.parties)
        if period and collection.period_field:
            mask &= _period_mask(frame, collection, query)
    if query.originator:
        mask &= frame["originator"].fillna("").str.casefold().str.contains(
            query.originator, regex=False)
    column, value = collection.only
    if column:
        mask &= frame[column] == value
    positions = mask.to_numpy(dtype=bool, copy=True)
    if query.bbox is not None:
        positions &= _bbox_mask(frame, collection, data, query.bbox)
    return np.flatnonzero(positions)
