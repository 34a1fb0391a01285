"""Charts and tables of hazard areas and land release: computed totals per originator, the
published breakdowns as published, and the two never in one series."""

from __future__ import annotations

import dataclasses
import datetime as dt

import altair as alt
import pandas as pd
import pytest

from geo.changes import merged_tables
from geo.charts import hazards as charts
from geo.derive import claims_view, events_view, flag_claims
from geo.derive.hazards import hazards_view, releases_view
from geo.figures import hazards as figures
from geo.figures.hazards import Selection
from geo.filters import Filters
from geo.model.tables import Tables
from geo.overview.hazards import NATIONAL_ONLY, default_year, hazard_figures
from tools.demo import demonstration_tables

OTHER_SOURCE = {"source_id": "HALO2024", "originator": "HALO Trust", "party": "international_ngo",
                "outlet": "annual report", "published": "2024-03-01", "url": "", "note": ""}


@pytest.fixture(scope="module")
def demo(tables: Tables) -> Tables:
    """The seed, 30 synthetic hazard areas per district with their land release, and 2023
    land release recorded by a second originator for some of the same areas."""
    merged = merged_tables(demonstration_tables(tables, 30, 0, 0), tables)
    halo = merged.releases.head(20).assign(
        release_id=lambda f: "H" + f["release_id"], source_id="HALO2024", period_start="2023-05-01",
        period_end="2023-05-31", operator="HALO Trust")
    sources = pd.concat([merged.sources, pd.DataFrame([OTHER_SOURCE])], ignore_index=True)
    return dataclasses.replace(merged, releases=pd.concat([merged.releases, halo], ignore_index=True),
                               sources=sources)


@pytest.fixture(scope="module")
def views(demo: Tables) -> tuple[pd.DataFrame, pd.DataFrame]:
    return hazards_view(demo), releases_view(demo)


def test_published_breakdowns_stay_as_published_with_their_source(views, demo) -> None:
    _, releases = views
    found = figures.breakdown(releases, demo.breakdowns, demo.sources, "operator",
                              "area_reported_cleared", 2023)
    published = found[found["kind"] == "published"]
    assert published["series"].nunique() == 1
    assert published["series"].iloc[0] == ("Published: Area reported cleared of mines and UXO, 2023 "
                                           "(Cabinet of Ministers of Azerbaijan, via Trend, 2024-03-05)")
    assert dict(zip(published["category"], published["figure"], strict=True))["ANAMA"] == "32,823.9 ha"
    assert published["value"].sum() == pytest.approx(53081.8)
    uses = figures.breakdown(releases, demo.breakdowns, demo.sources, "land_use",
                             "area_reported_cleared", 2023)
    assert list(uses.loc[uses["kind"] == "published", "category"]) == [
        "Agriculture", "Residential", "Transport", "Energy", "Other"]
    in_2022 = figures.breakdown(releases, demo.breakdowns, demo.sources, "operator", "items_found", 2022)
    assert len(in_2022) and set(in_2022["kind"]) == {"computed"}  # nothing was published for 2022


def test_computed_series_are_one_per_originator_and_add_up_their_records(views, demo) -> None:
    _, releases = views
    found = figures.breakdown(releases, demo.breakdowns, demo.sources, "operator",
                              "area_reported_cleared", 2023)
    computed = found[found["kind"] == "computed"]
    in_2023 = releases[releases["year"] == 2023]
    for originator, group in in_2023.groupby("originator"):
        series = computed[computed["series"].str.endswith(f"records of {originator}")]
        assert series["series"].nunique() == 1
        assert f"from {len(group):,} land-release records" in series["series"].iloc[0]
        assert series["value"].sum() == pytest.approx(group["area_ha"].sum())
        assert series["records"].sum() == len(group)
    assert not set(computed["series"]) & set(found.loc[found["kind"] == "published", "series"])
    assert all(s.startswith("Computed: land released, 2023") for s in computed["series"])


def test_remaining_contamination_counts_open_and_in_progress_areas_only(views) -> None:
    hazards, _ = views
    remaining = figures.remaining_by_district(hazards)
    open_areas = hazards[hazards["hazard_status"].isin(["open", "in_progress"])]
    assert remaining["area_ha"].sum() == pytest.approx(open_areas["area_ha"].sum())
    assert remaining["areas"].sum() == len(open_areas) < len(hazards)


def test_stacks_never_hold_two_originators(views) -> None:
    _, releases = views
    over_time = figures.released_over_time(releases)
    assert over_time.groupby(["year", "method"])["originator"].nunique().max() == 2
    spec = charts.released_over_time(over_time, synthetic=True).to_dict()
    assert spec["encoding"]["xOffset"]["field"] == "originator"  # side by side, not stacked
    assert spec["encoding"]["y"]["stack"] is True
    single = over_time[over_time["originator"] == "HALO Trust"]
    assert "xOffset" not in charts.released_over_time(single, synthetic=False).to_dict()["encoding"]
    by_district = charts.released_by_district(figures.released_by_district(releases), True).to_dict()
    assert by_district["encoding"]["yOffset"]["field"] == "originator"


def test_synthetic_data_is_marked_on_every_chart_it_reaches(views) -> None:
    hazards, releases = views
    for chart in (charts.remaining_by_district(figures.remaining_by_district(hazards), True),
                  charts.released_over_time(figures.released_over_time(releases), True)):
        assert charts.SYNTHETIC_NOTE in " ".join(chart.to_dict()["title"]["subtitle"])


def _page(demo: Tables, filters: Filters, year: int | None):
    hazards, releases = hazards_view(demo), releases_view(demo)
    claims = flag_claims(claims_view(demo))
    return hazard_figures(hazards, releases, demo.breakdowns, demo.sources, claims, events_view(demo),
                          Selection.of(filters), year, "as of the latest revision")


EVERYTHING = Filters(start=dt.date(1990, 1, 1), end=dt.date(2030, 1, 1))


def test_the_page_charts_validate_and_name_each_series(demo) -> None:
    page = _page(demo, EVERYTHING, 2023)
    assert set(page.charts) == {"remaining", "over_time", "by_district", "operator_area",
                                "operator_items", "land_use"}
    assert page.synthetic
    land_use = page.tables["land_use"]
    assert set(land_use["Kind"]) == {"published", "computed"}
    assert land_use.loc[land_use["Kind"] == "published", "Series"].str.contains(
        "Cabinet of Ministers of Azerbaijan").all()
    assert dict(page.tables["operator_items"].query("Kind == 'published'")[["Category", "Figure"]]
                .values)["State Border Service"] == "198"
    for spec in page.charts.values():  # from_dict validates against the Vega-Lite schema
        (alt.LayerChart if "layer" in spec else alt.Chart).from_dict(spec)


def test_published_national_breakdowns_are_hidden_when_districts_are_chosen(demo) -> None:
    page = _page(demo, dataclasses.replace(EVERYTHING, districts=("district:lachin",)), 2023)
    assert set(page.tables["operator_area"]["Kind"]) == {"computed"}
    assert NATIONAL_ONLY in " ".join(page.charts["operator_area"]["title"]["subtitle"])
    lachin = hazards_view(demo).query("district_id == 'district:lachin'")
    assert set(page.tables["remaining"]["District"]) == {"Lachin"}
    assert page.tables["remaining"]["Hazard areas"].sum() == lachin["hazard_status"].isin(
        ["open", "in_progress"]).sum()


def test_the_seed_alone_shows_the_published_breakdowns_and_empty_computed_charts(tables) -> None:
    page = _page(tables, EVERYTHING, default_year([2023], tables.breakdowns))
    assert set(page.tables["operator_area"]["Kind"]) == {"published"}
    assert page.charts["remaining"]["mark"]["type"] == "text"  # an empty chart that says so
    assert "No open or in-progress hazard areas" in page.charts["remaining"]["description"]
    assert not page.synthetic
    assert default_year([2025, 2024, 2023, 2022], tables.breakdowns) == 2023
    assert default_year([], tables.breakdowns.iloc[0:0]) is None
