"""Filters: which claims a period keeps, and how a chosen period follows new data."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo.filters import EMPTY_PERIOD, Filters, filter_claims, follow_bounds, period_bounds

D = dt.date


def test_running_totals_count_by_the_date_they_were_stated(claims) -> None:
    in_2021 = filter_claims(claims, Filters(start=D(2021, 1, 1), end=D(2021, 12, 31)))
    assert "C027" in set(in_2021["claim_id"])  # ANAMA total as of 2021-10-02
    assert "C038" not in set(in_2021["claim_id"])  # total as of 2024-07-31
    assert "C026" in set(in_2021["claim_id"])  # figure for the year 2021


def test_period_that_reached_the_end_follows_new_data() -> None:
    old, new = (D(1991, 1, 1), D(2024, 12, 31)), (D(1991, 1, 1), D(2025, 12, 31))
    assert follow_bounds(old, old, new) == new
    assert follow_bounds((D(2022, 1, 1), D(2022, 12, 31)), old, new) == (D(2022, 1, 1), D(2022, 12, 31))
    assert follow_bounds((D(2022, 1, 1), D(2024, 12, 31)), old, new) == (D(2022, 1, 1), D(2025, 12, 31))


def test_chosen_period_is_kept_inside_shrunken_bounds() -> None:
    old, new = (D(1991, 1, 1), D(2025, 12, 31)), (D(2020, 1, 1), D(2024, 12, 31))
    assert follow_bounds((D(2010, 1, 1), D(2023, 1, 1)), old, new) == (D(2020, 1, 1), D(2023, 1, 1))


def test_no_data_gives_a_usable_period() -> None:
    empty = pd.DataFrame({c: pd.Series(dtype="datetime64[ns]")
                          for c in ("period_start", "period_end", "date_start", "date_end")})
    assert period_bounds(empty, empty) == EMPTY_PERIOD


def test_district_filter_reads_any_known_spelling(tables, index) -> None:
    from geo.filters import resolve_districts
    chosen, unknown = resolve_districts(
        ["Berdzor", "Лачин", "Tərtər", "district:aghdam", "Atlantis"], tables.places, index)
    assert chosen == ("district:lachin", "district:tartar", "district:aghdam")
    assert unknown == ("Atlantis",)


def test_implausible_dates_never_stretch_the_period_or_reach_the_charts(tables, events) -> None:
    import dataclasses

    from geo.derive import claims_view
    odd = tables.claims.iloc[:3].assign(
        claim_id=["X1", "X2", "X3"], period_start=["0001-01-01", "2023-01-01", ""],
        period_end=["2023-12-31", "3023-12-31", "31.12.2023 (approx.)"])
    claims = claims_view(dataclasses.replace(
        tables, claims=pd.concat([tables.claims, odd], ignore_index=True)))
    assert not claims.set_index("claim_id").loc[["X1", "X2", "X3"], "dates_ok"].any()
    assert claims.set_index("claim_id").loc[["C001", "C063"], "dates_ok"].all()
    plain = claims[~claims["claim_id"].isin(["X1", "X2", "X3"])]
    first, last = period_bounds(claims, events, today=D(2026, 1, 1))
    assert (first, last) == period_bounds(plain, events, today=D(2026, 1, 1))
    assert D(1988, 1, 1) <= first and last <= D(2027, 12, 31)
    shown = filter_claims(claims, Filters(start=D(1, 1, 1), end=D(9999, 12, 31)))
    assert not {"X1", "X2", "X3"} & set(shown["claim_id"])


def test_filters_carry_the_period_length_to_compare() -> None:
    assert Filters(start=D(2023, 1, 1), end=D(2023, 12, 31)).period_length == "year"
