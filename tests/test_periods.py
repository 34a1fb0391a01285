"""Periods: each figure's period length and a readable label, and the plausible date range."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo.periods import period_labels, period_lengths, plausible_range


def _frame(rows: list[tuple[str | None, str, str]]) -> tuple[pd.Series, pd.Series, pd.Series]:
    frame = pd.DataFrame(rows, columns=["start", "end", "type"])
    return pd.to_datetime(frame["start"]), pd.to_datetime(frame["end"]), frame["type"]


def test_lengths_tell_a_week_from_a_year() -> None:
    start, end, kind = _frame([
        ("2023-01-01", "2023-12-31", "period"), ("2025-02-01", "2025-02-28", "period"),
        ("2025-06-10", "2025-06-16", "period"), ("2022-08-15", "2022-08-15", "period"),
        ("2022-08-01", "2022-10-25", "period"), ("2020-11-10", "2024-07-31", "cumulative"),
        (None, "2022-10-25", "point"), ("2024-01-01", "2024-12-30", "period"),
    ])
    assert list(period_lengths(start, end, kind)) == [
        "year", "month", "week", "day", "other", "running_total", "point", "other"]


def test_labels_read_as_people_write_periods() -> None:
    start, end, kind = _frame([
        ("2023-01-01", "2023-12-31", "period"), ("2025-02-01", "2025-02-28", "period"),
        ("2025-06-10", "2025-06-16", "period"), ("2020-11-10", "2024-07-31", "cumulative"),
        (None, "2022-10-25", "point"),
    ])
    assert list(period_labels(start, end, kind)) == [
        "Year 2023", "February 2025", "2025-06-10 to 2025-06-16",
        "Running total, 2020-11-10 to 2024-07-31", "As of 2022-10-25"]


def test_plausible_range_runs_from_1988_to_the_end_of_next_year() -> None:
    assert plausible_range(dt.date(2026, 11, 26)) == (dt.date(1988, 1, 1), dt.date(2027, 12, 31))
