"""Joins and derivations: districts, series, implied deltas, contradictions."""

from __future__ import annotations

import dataclasses

import pandas as pd

from geo.derive import (
    claims_view,
    contradictions,
    events_view,
    falling_totals,
    implied_period_values,
    placement_conflicts,
    series,
)


def test_named_places_use_their_declared_district(claims, events) -> None:
    by_event = events.set_index("event_id")
    assert by_event.at["E003", "district_id"] == "district:lachin"  # Zabukh
    assert by_event.at["E005", "district_id"] == "district:tartar"
    assert claims.set_index("claim_id").at["C064", "district_id"] == "district:shusha"


def test_point_events_are_joined_to_districts_by_polygon(tables) -> None:
    extra = pd.DataFrame([{
        "event_id": "X1", "source_id": "SEED", "kind": "find", "date_start": "2023-05-01",
        "date_end": None, "place": "", "place_id": None, "lat": 40.30, "lon": 46.85,
        "location_precision": "point", "device_category": "UXO", "device_model": "",
        "quantity": 3, "killed": None, "injured": None, "status": "reported", "note": "",
    }])
    located = dataclasses.replace(tables, events=pd.concat([tables.events, extra], ignore_index=True))
    assert events_view(located).set_index("event_id").at["X1", "district_id"] == "district:tartar"


def test_series_is_ordered_and_limited_to_one_scope(claims) -> None:
    ordered = series(claims, "area_reported_cleared", scope="all_operators",
                     place_id="country:azerbaijan")
    assert list(ordered["period_end"]) == sorted(ordered["period_end"])
    assert set(ordered["scope"]) == {"all_operators"}
    assert "C027" not in set(ordered["claim_id"])  # ANAMA-only figure stays out


def test_implied_values_difference_successive_totals_of_the_same_scope(claims) -> None:
    deltas = implied_period_values(claims).set_index("to_claim")
    step = deltas.loc["C033"]
    assert step["from_claim"] == "C030"
    assert step["delta"] == 111207 - 81386
    assert step["days"] == 160
    assert step["flag"] == ""
    assert "C029" not in deltas.index  # army-only total is never differenced with all operators


def test_negative_delta_is_flagged(claims) -> None:
    falling = falling_totals(implied_period_values(claims))
    pair = falling[(falling["from_claim"] == "C056") & (falling["to_claim"] == "C057")]
    assert len(pair) == 1
    assert pair.iloc[0]["delta"] == 322 - 341


def test_totals_since_different_start_dates_are_not_differenced(claims) -> None:
    deltas = implied_period_values(claims)
    pairs = set(zip(deltas["from_claim"], deltas["to_claim"], strict=True))
    assert ("C008", "C055") not in pairs and ("C062", "C061") not in pairs


def test_implausible_jump_is_flagged(tables) -> None:
    rows = [("A1", "2021-01-01", 100), ("A2", "2021-02-01", 200), ("A3", "2021-03-01", 300),
            ("A4", "2021-04-01", 400), ("A5", "2021-04-02", 5000)]
    claims = pd.DataFrame([{
        "claim_id": cid, "source_id": "SEED", "metric": "area_reported_cleared", "value": v,
        "unit": "ha", "qualifier": "exact", "period_start": "2020-11-10", "period_end": end,
        "period_type": "cumulative", "scope": "all_operators", "place": "Azerbaijan",
        "place_id": "country:azerbaijan", "location_precision": "country", "status": "reported",
        "note": "",
    } for cid, end, v in rows])
    view = claims_view(dataclasses.replace(tables, claims=claims))
    flags = implied_period_values(view).set_index("to_claim")["flag"]
    assert flags["A5"] == "implausible"
    assert flags["A3"] == ""


def test_contradiction_finds_45_vs_48_killed(claims) -> None:
    found = contradictions(claims)
    killed = found[found["metric"] == "killed"]
    assert sorted(killed["value"]) == [45.0, 48.0]
    assert killed["group"].nunique() == 1
    assert set(killed["source_id"]) == {"SEED", "VK156339"}


def test_same_value_from_two_sources_is_not_a_contradiction(claims) -> None:
    found = contradictions(claims)
    assert not (found["metric"] == "area_reported_cleared").any()


def test_sarybaba_height_placed_in_two_districts(tables) -> None:
    conflicts = placement_conflicts(tables)
    assert set(conflicts["district_id"]) == {"district:shusha", "district:lachin"}
    assert set(conflicts["source_id"]) == {"SEED", "TREND3633489"}


def test_flags_mark_both_sides_of_each_disagreement(claims) -> None:
    flagged = set(claims.loc[claims["flag"] != "", "claim_id"])
    assert {"C005", "C006", "C056", "C057"} <= flagged
    assert "C030" not in flagged


def _random_claims(tables, count: int, seed: int) -> pd.DataFrame:
    """Cumulative and period figures sharing few series, so steps and clashes are common."""
    import numpy as np
    rng = np.random.default_rng(seed)
    ends = pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, 400, count), unit="D")
    rows = pd.DataFrame({
        "claim_id": [f"R{i}" for i in range(count)], "source_id": "SEED",
        "metric": rng.choice(["area_reported_cleared", "casualties"], count),
        "value": rng.integers(0, 60, count).astype(float), "unit": "ha", "qualifier": "exact",
        "period_start": rng.choice(["2020-11-10", "1992-01-01", ""], count),
        "period_end": ends.strftime("%Y-%m-%d"), "period_type": rng.choice(["cumulative", "period"], count),
        "scope": rng.choice(["all", "unknown"], count), "place": "x",
        "place_id": rng.choice(["country:azerbaijan", "district:lachin"], count),
        "location_precision": "country", "status": "reported", "note": "",
    })
    rows.loc[rows["metric"] == "casualties", "unit"] = "count"
    return claims_view(dataclasses.replace(tables, claims=rows))


def _reference_steps(claims: pd.DataFrame) -> set[tuple[str, str, float]]:
    """Successive running totals per series, walked one by one (the definition)."""
    steps = set()
    cumulative = claims[claims["period_type"] == "cumulative"]
    for _, group in cumulative.groupby(["metric", "scope", "place_id", "period_start"], dropna=False):
        previous = None
        for row in group.sort_values(["period_end", "published", "claim_id"]).itertuples():
            if previous is not None and row.period_end > previous.period_end:
                steps.add((previous.claim_id, row.claim_id, row.value_base - previous.value_base))
            previous = row
    return steps


def _reference_clashes(claims: pd.DataFrame) -> set[str]:
    found = set()
    for _, group in claims.groupby(
            ["metric", "place_id", "scope", "period_type", "period_start", "period_end"], dropna=False):
        if group["value_base"].nunique() > 1:
            found |= set(group["claim_id"])
    return found


def test_grouped_derivations_match_their_one_by_one_definition(tables) -> None:
    for seed in range(3):
        claims = _random_claims(tables, 600, seed)
        deltas = implied_period_values(claims)
        got = set(zip(deltas["from_claim"], deltas["to_claim"], deltas["delta"], strict=True))
        assert got == _reference_steps(claims)
        found = contradictions(claims)
        assert set(found["claim_id"]) == _reference_clashes(claims)
        per_group = found.groupby("group")[
            ["metric", "place_id", "scope", "period_type", "period_end"]].nunique()
        assert (per_group == 1).all().all()
        assert sorted(found["group"].unique()) == list(range(1, found["group"].nunique() + 1))
