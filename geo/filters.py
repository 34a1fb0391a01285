"""The dashboard's filters, applied to claims and events alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from geo.vocab import DEVICE_METRICS


@dataclass(frozen=True)
class Filters:
    """Period, districts, metric, device categories and source parties (empty = all)."""

    start: dt.date
    end: dt.date
    metric: str = "area_reported_cleared"
    districts: tuple[str, ...] = ()
    devices: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()


def period_bounds(claims: pd.DataFrame, events: pd.DataFrame) -> tuple[dt.date, dt.date]:
    """Earliest and latest dates any claim or event covers."""
    dates = pd.concat([
        claims["period_start"].fillna(claims["period_end"]), claims["period_end"],
        events["date_start"], events["date_end"].fillna(events["date_start"]),
    ]).dropna()
    return dates.min().date(), dates.max().date()


def _overlaps(start: pd.Series, end: pd.Series, filters: Filters) -> pd.Series:
    lower = pd.Timestamp(filters.start)
    upper = pd.Timestamp(filters.end)
    return (start.fillna(end) <= upper) & (end >= lower)


def filter_claims(claims: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Claims in the filter period that match district, device and party.

    A figure for a period counts if its period overlaps the filter's; a running total or a
    point-in-time figure counts if the date it was stated as of falls inside the filter's.
    """
    snapshot = claims["period_type"] != "period"
    in_range = _overlaps(claims["period_end"], claims["period_end"], filters)
    mask = (snapshot & in_range) | (
        ~snapshot & _overlaps(claims["period_start"], claims["period_end"], filters)
    )
    if filters.districts:
        mask &= claims["district_id"].isin(filters.districts)
    if filters.parties:
        mask &= claims["party"].isin(filters.parties)
    if filters.devices:
        excluded = {m for d, m in DEVICE_METRICS.items() if d not in filters.devices}
        mask &= ~claims["metric"].isin(excluded)
    return claims[mask]


def filter_events(events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Events in the period that match district, device category and source party."""
    mask = _overlaps(events["date_start"], events["date_end"].fillna(events["date_start"]), filters)
    if filters.districts:
        mask &= events["district_id"].isin(filters.districts)
    if filters.parties:
        mask &= events["party"].isin(filters.parties)
    if filters.devices:
        mask &= events["device_category"].isin(filters.devices) | (events["kind"] != "find")
    return events[mask]
