"""The dashboard's filters, applied to claims and events alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from geo.names import AliasIndex
from geo.periods import DEFAULT_PERIOD_LENGTH, plausible_range
from geo.vocab import DEVICE_METRICS, PlaceLevel


@dataclass(frozen=True)
class Filters:
    """Period, districts, metric, device categories and source parties (empty = all).

    `period_length` is the kind of period (see geo.periods.PeriodLength) that the by-district
    chart and the map compare: one length at a time, annual by default.
    """

    start: dt.date
    end: dt.date
    metric: str = "area_reported_cleared"
    districts: tuple[str, ...] = ()
    devices: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    period_length: str = DEFAULT_PERIOD_LENGTH


EMPTY_PERIOD = (dt.date(2020, 11, 10), dt.date(2020, 11, 11))  # end of the 2020 war


def period_bounds(
    claims: pd.DataFrame, events: pd.DataFrame, today: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """Earliest and latest dates any claim or event covers, kept inside the plausible range
    (a typo such as 3023-12-31 in the store never stretches the period filter)."""
    lowest, highest = plausible_range(today)
    dates = pd.concat([
        claims["period_start"].fillna(claims["period_end"]), claims["period_end"],
        events["date_start"], events["date_end"].fillna(events["date_start"]),
    ]).dropna()
    dates = dates[(dates >= pd.Timestamp(lowest)) & (dates <= pd.Timestamp(highest))]
    if dates.empty:
        return EMPTY_PERIOD
    first, last = dates.min().date(), dates.max().date()
    return (first, last) if first < last else (first, last + dt.timedelta(days=1))


def follow_bounds(
    chosen: tuple[dt.date, dt.date], old: tuple[dt.date, dt.date] | None,
    new: tuple[dt.date, dt.date],
) -> tuple[dt.date, dt.date]:
    """A chosen period after the data's bounds move: ends that reached the old bounds follow
    the new ones (so an upload's later figures show), other ends are kept inside them."""
    start, end = chosen
    start = new[0] if old and start <= old[0] else min(max(start, new[0]), new[1])
    end = new[1] if old and end >= old[1] else max(min(end, new[1]), new[0])
    return start, end


def _overlaps(start: pd.Series, end: pd.Series, filters: Filters) -> pd.Series:
    lower = pd.Timestamp(filters.start)
    upper = pd.Timestamp(filters.end)
    return (start.fillna(end) <= upper) & (end >= lower)


def _dates_ok(frame: pd.DataFrame) -> pd.Series:
    """Rows whose dates are all plausible (rows with odd dates are listed on Sources instead)."""
    if "dates_ok" in frame.columns:
        return frame["dates_ok"].astype(bool)
    return pd.Series(True, index=frame.index)


def claims_mask(claims: pd.DataFrame, filters: Filters, *, period: bool = True) -> pd.Series:
    """Which claims match district, device and party, and (with `period`) the filter period.

    A figure for a period counts if its period overlaps the filter's; a running total or a
    point-in-time figure counts if the date it was stated as of falls inside the filter's.
    Without `period`, rows with implausible dates count too (the read API lists every row).
    """
    mask = pd.Series(True, index=claims.index)
    if period:
        snapshot = claims["period_type"] != "period"
        in_range = _overlaps(claims["period_end"], claims["period_end"], filters)
        mask = (snapshot & in_range) | (
            ~snapshot & _overlaps(claims["period_start"], claims["period_end"], filters)
        )
        mask &= _dates_ok(claims)
    if filters.districts:
        mask &= claims["district_id"].isin(filters.districts)
    if filters.parties:
        mask &= claims["party"].isin(filters.parties)
    if filters.devices:
        excluded = {m for d, m in DEVICE_METRICS.items() if d not in filters.devices}
        mask &= ~claims["metric"].isin(excluded)
    return mask


def filter_claims(claims: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Claims in the filter period that match district, device and party (`claims_mask`)."""
    return claims[claims_mask(claims, filters)]


def events_mask(events: pd.DataFrame, filters: Filters, *, period: bool = True) -> pd.Series:
    """Which events match district, device category and party, and (with `period`) the period."""
    mask = pd.Series(True, index=events.index)
    if period:
        mask = _overlaps(events["date_start"], events["date_end"].fillna(events["date_start"]),
                         filters)
        mask &= _dates_ok(events)
    if filters.districts:
        mask &= events["district_id"].isin(filters.districts)
    if filters.parties:
        mask &= events["party"].isin(filters.parties)
    if filters.devices:
        mask &= events["device_category"].isin(filters.devices) | (events["kind"] != "find")
    return mask


def filter_events(events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Events in the period that match district, device category and source party."""
    return events[events_mask(events, filters)]


def resolve_districts(
    values: list[str], places: pd.DataFrame, index: AliasIndex
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """District ids for what was chosen or typed in the district filter, and what is unknown.

    A typed spelling ('Berdzor', 'Лачин', 'Tərtər rayonu') counts when the gazetteer's names
    put it in exactly one district (a district's seat town names its district).
    """
    districts = places.loc[places["level"] == PlaceLevel.DISTRICT.value, "place_id"]
    known = set(districts)
    district_of = places.set_index("place_id")["district_id"]
    chosen: list[str] = []
    unknown: list[str] = []
    for value in values:
        if value in known:
            found = {value}
        else:
            found = {district_of.get(place) for place in index.candidates(value)} & known
        if len(found) == 1:
            chosen.append(found.pop())
        else:
            unknown.append(value)
    return tuple(dict.fromkeys(chosen)), tuple(unknown)
