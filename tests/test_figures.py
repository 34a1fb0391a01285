"""Headline and district figures: like with like, named sources and dates, no blending."""

from __future__ import annotations

import dataclasses

import pandas as pd

from geo.derive import claims_view, flag_claims
from geo.figures import (
    SAME_SOURCE,
    district_figures,
    district_headlines,
    headline_mismatch,
    headlines,
    same_source,
)

WEEK = {
    "claim_id": "W1", "source_id": "TREND4058143", "metric": "area_reported_cleared",
    "value": 2.5, "unit": "ha", "qualifier": "exact", "period_start": "2024-06-10",
    "period_end": "2024-06-16", "period_type": "period", "scope": "all_operators",
    "place": "Lachin", "place_id": "district:lachin", "location_precision": "district",
    "status": "reported", "note": "weekly",
}


def _with(tables, *rows: dict) -> pd.DataFrame:
    extra = pd.concat([tables.claims, pd.DataFrame(list(rows))], ignore_index=True)
    return flag_claims(claims_view(dataclasses.replace(tables, claims=extra)))


def test_a_weeks_figure_never_replaces_a_years_in_the_district_figures(tables) -> None:
    claims = _with(tables, WEEK)
    annual = district_figures(claims, "area_reported_cleared").set_index("district_id")
    assert annual.at["district:lachin", "published_figure"] == "1,454.2 ha"
    assert annual.at["district:lachin", "period"] == "Year 2023"
    assert annual.at["district:lachin", "figures_of_other_lengths"] == 1
    weekly = district_figures(claims, "area_reported_cleared", "week").set_index("district_id")
    assert list(weekly.index) == ["district:lachin"]
    assert weekly.at["district:lachin", "published_figure"] == "2.5 ha"
    listed = [figure for figure, _, _ in annual.at["district:lachin", "all_figures"]]
    assert listed == ["1,454.2 ha", "2.5 ha"]  # nothing hidden in the list


def test_district_figures_keep_the_columns_the_map_reads(claims) -> None:
    figures = district_figures(claims, "area_reported_cleared")
    assert list(figures.columns[:10]) == [
        "district_id", "district_name", "value_base", "published_figure", "period",
        "attribution", "status", "scope", "all_figures", "conflict"]
    assert len(figures) == 11 and not figures["conflict"].any()


def test_cards_name_their_originator_and_date_and_say_they_differ(claims) -> None:
    cards = headlines(claims)
    assert [(c.originator, c.stated) for c in cards] == [
        ("ANAMA", "2025-07-31"), ("Azerbaijan Campaign to Ban Landmines (AzCBL)", "2024-07-31"),
        ("ANAMA", "2023-11-28"), ("Prosecutor General of Azerbaijan", "2024-12-31")]
    assert "3 sources, 4 statements, 4 dates" in headline_mismatch(cards)


def test_same_source_cards_come_from_one_statement(claims) -> None:
    assert same_source(claims) == "TURAN775882"  # ANAMA via Turan gives all four figures
    cards = headlines(claims, SAME_SOURCE)
    assert {c.attribution for c in cards} == {"ANAMA, via Turan, 2023-12-26"}
    assert [c.figure for c in cards] == ["53,081.8 ha", "3,495", "5,034", "322"]
    assert headline_mismatch(cards).startswith("All from one statement (ANAMA, via Turan")


def test_several_districts_give_one_named_figure_each(claims) -> None:
    chosen = claims[claims["district_id"].isin(["district:aghdam", "district:lachin"])]
    tables = district_headlines(chosen, ["district:aghdam", "district:lachin"],
                                {"district:aghdam": "Aghdam", "district:lachin": "Lachin"})
    area = tables["area_reported_cleared"].set_index("District")
    assert area.at["Aghdam", "Figure as published"] == "7,956.1 ha"
    assert area.at["Lachin", "Figure as published"] == "1,454.2 ha"
    assert tables["ap_mines_found"].set_index("District").at["Aghdam", "Figure as published"] == (
        "no figure")
