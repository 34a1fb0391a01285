"""Periods of figures: what length each covers, a readable label, and plausible date bounds.

Figures are compared like with like: a one-week figure never stands in for a year's, so
every figure is classed by the length of the period it covers (vectorised over frames).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import numpy as np
import pandas as pd

from geo.i18n import ENGLISH, N_, _, current_language, month_year, short_date


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
    PeriodLength.YEAR: N_("Annual figures (calendar year)"),
    PeriodLength.MONTH: N_("Monthly figures"),
    PeriodLength.WEEK: N_("Weekly figures (7 days)"),
    PeriodLength.DAY: N_("Figures for a single day"),
    PeriodLength.OTHER: N_("Figures for other periods"),
    PeriodLength.RUNNING_TOTAL: N_("Running totals"),
    PeriodLength.POINT: N_("Point-in-time figures"),
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
    if current_language() == ENGLISH:
        return dates.dt.strftime("%Y-%m-%d").fillna(_("date not readable"))
    return dates.map(lambda day: short_date(day.date()) if pd.notna(day) else _("date not readable"))


def _months(dates: pd.Series) -> pd.Series:
    if current_language() == ENGLISH:
        return dates.dt.strftime("%B %Y").fillna("")
    return dates.map(lambda day: month_year(day.date()) if pd.notna(day) else "")


def _filled(template: str, **columns: pd.Series) -> pd.Series:
    """A translated template filled row by row from text columns."""
    text = _(template)
    first = next(iter(columns.values()))
    return pd.Series([text.format(**dict(zip(columns, values, strict=True)))
                      for values in zip(*columns.values(), strict=True)], index=first.index, dtype=object)


def _labels(start: pd.Series, end: pd.Series, period_type: pd.Series) -> pd.Series:
    lengths = period_lengths(start, end, period_type)
    first, last = _iso(start), _iso(end)
    span = _filled(N_("{start} to {end}"), start=first, end=last)
    choice = np.select(
        [lengths == PeriodLength.RUNNING_TOTAL.value, lengths == PeriodLength.POINT.value,
         lengths == PeriodLength.YEAR.value, lengths == PeriodLength.MONTH.value,
         lengths == PeriodLength.DAY.value],
        [np.where(start.isna(), _filled(N_("Running total to {end}"), end=last),
                  _filled(N_("Running total, {start} to {end}"), start=first, end=last)),
         _filled(N_("As of {date}"), date=last),
         _filled(N_("Year {year}"), year=end.dt.strftime("%Y").fillna("")), _months(end), last],
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
