"""Periods of figures: what length each covers, a readable label, and plausible date bounds.

Figures are compared like with like: a one-week figure never stands in for a year's, so
every figure is classed by the length of the period it covers (vectorised over frames).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import numpy as np
import pandas as pd


class PeriodLength(StrEnum):
    """The kind of period a figure covers."""

    YEAR = "year"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"
    OTHER = "other"
    RUNNING_TOTAL = "running_total"
    POINT = "point"


PERIOD_LENGTH_LABELS: dict[str, str] = {
    PeriodLength.YEAR: "Annual figures (calendar year)",
    PeriodLength.MONTH: "Monthly figures",
    PeriodLength.WEEK: "Weekly figures (7 days)",
    PeriodLength.DAY: "Figures for a single day",
    PeriodLength.OTHER: "Figures for other periods",
    PeriodLength.RUNNING_TOTAL: "Running totals",
    PeriodLength.POINT: "Point-in-time figures",
}
DEFAULT_PERIOD_LENGTH = PeriodLength.YEAR.value

EARLIEST_PLAUSIBLE = dt.date(1988, 1, 1)  # the conflict's first mines: nothing earlier is real
YEARS_AHEAD_PLAUSIBLE = 1


def plausible_range(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """Dates a figure or event can plausibly cover: 1988 to the end of next year."""
    today = today or dt.date.today()
    return EARLIEST_PLAUSIBLE, dt.date(today.year + YEARS_AHEAD_PLAUSIBLE, 12, 31)


def _day(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, errors="coerce")


def period_lengths(start: pd.Series, end: pd.Series, period_type: pd.Series) -> pd.Series:
    """Each figure's period length (see PeriodLength), from its start, end and period type."""
    start, end = _day(start), _day(end)
    same_year = start.dt.year == end.dt.year
    year = same_year & (start.dt.month == 1) & (start.dt.day == 1) & (end.dt.month == 12) & (
        end.dt.day == 31)
    month = same_year & (start.dt.month == end.dt.month) & (start.dt.day == 1) & end.dt.is_month_end
    days = (end - start).dt.days
    choice = np.select(
        [period_type == "cumulative", period_type == "point", year, month, days == 6, days == 0],
        [PeriodLength.RUNNING_TOTAL.value, PeriodLength.POINT.value, PeriodLength.YEAR.value,
         PeriodLength.MONTH.value, PeriodLength.WEEK.value, PeriodLength.DAY.value],
        default=PeriodLength.OTHER.value,
    )
    return pd.Series(choice, index=period_type.index, dtype=object)


def _iso(dates: pd.Series) -> pd.Series:
    return dates.dt.strftime("%Y-%m-%d").fillna("date not readable")


def _labels(start: pd.Series, end: pd.Series, period_type: pd.Series) -> pd.Series:
    lengths = period_lengths(start, end, period_type)
    span = _iso(start) + " to " + _iso(end)
    choice = np.select(
        [lengths == PeriodLength.RUNNING_TOTAL.value, lengths == PeriodLength.POINT.value,
         lengths == PeriodLength.YEAR.value, lengths == PeriodLength.MONTH.value,
         lengths == PeriodLength.DAY.value],
        [np.where(start.isna(), "Running total to " + _iso(end), "Running total, " + span),
         "As of " + _iso(end), "Year " + end.dt.strftime("%Y").fillna(""),
         end.dt.strftime("%B %Y").fillna(""), _iso(end)],
        default=span,
    )
    return pd.Series(choice, index=period_type.index, dtype=object)


def period_labels(start: pd.Series, end: pd.Series, period_type: pd.Series) -> pd.Series:
    """Readable periods: 'Year 2023', 'February 2025', 'Running total, 2020-11-10 to 2024-07-31'.

    Computed once per distinct period, so 100,000 figures over a few thousand periods are quick.
    """
    periods = pd.DataFrame({"start": _day(start), "end": _day(end),
                            "period_type": period_type.astype(object)}, index=period_type.index)
    distinct = periods.drop_duplicates().reset_index(drop=True)
    distinct["label"] = _labels(distinct["start"], distinct["end"], distinct["period_type"])
    labelled = periods.merge(distinct, on=["start", "end", "period_type"], how="left")
    return pd.Series(labelled["label"].to_numpy(), index=period_type.index, dtype=object)


def period_text(start: object, end: object, period_type: str) -> str:
    """One figure's readable period (see period_labels)."""
    return str(period_labels(pd.Series([start]), pd.Series([end]), pd.Series([period_type])).iloc[0])
