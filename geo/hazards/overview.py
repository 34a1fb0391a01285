"""Everything the hazard page shows for one selection: summary, chart specs, their tables and
the map-reliability check, built once per data version and filter set."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.charts import vega_lite
from geo.hazards import charts, figures
from geo.hazards.figures import Selection
from geo.hazards.reliability import outside_shares, reliability_table
from geo.hazards.vocab import HAZARD_STATUS_LABELS, REMAINING_STATUSES, Breakdown
from geo.units import format_number

BREAKDOWN_CHARTS = {  # key: (by, metric, title, axis title)
    "operator_area": (Breakdown.OPERATOR, "area_reported_cleared", "Area by operator", "hectares"),
    "operator_items": (Breakdown.OPERATOR, "items_found", "Items found by operator", "items"),
    "land_use": (Breakdown.LAND_USE, "area_reported_cleared", "Area by land use after release",
                 "hectares"),
}
NATIONAL_ONLY = ("Published breakdowns are national totals: they are hidden while districts are "
                 "chosen in the sidebar.")


@dataclass(frozen=True)
class HazardFigures:
    """The hazard page for one selection."""

    summary: list[tuple[str, str, str]]
    charts: dict[str, dict]
    tables: dict[str, pd.DataFrame]
    reliability: pd.DataFrame
    synthetic: bool


def summary(hazards: pd.DataFrame, releases: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(label, figure, how it was computed): areas by status, open area, land released."""
    counts = hazards["hazard_status"].value_counts()
    remaining = hazards.loc[hazards["hazard_status"].isin(REMAINING_STATUSES), "area_ha"].sum()
    out = [(f"Hazard areas {label.lower()}", f"{int(counts.get(code, 0)):,}",
            "Recorded hazard areas with this status (computed: a count of records).")
           for code, label in HAZARD_STATUS_LABELS.items()]
    out.append(("Still hazardous", f"{format_number(round(float(remaining), 1))} ha",
                "Computed: the area of every open or in-progress hazard polygon, measured in an "
                "equal-area projection."))
    out.append(("Land released", f"{format_number(round(float(releases['area_ha'].sum()), 1))} ha",
                "Computed: the areas stated by the land-release records in the period."))
    return out


def _table(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    out = frame[list(columns)].rename(columns=columns)
    for name in out.columns:
        if out[name].dtype.kind == "f":
            out[name] = out[name].round(2)
    return out.reset_index(drop=True)


def hazard_figures(hazards: gpd.GeoDataFrame, releases: pd.DataFrame, breakdowns: pd.DataFrame,
                   sources: pd.DataFrame, claims: pd.DataFrame, events: pd.DataFrame,
                   selection: Selection, year: int | None, as_of: str) -> HazardFigures:
    """Summary, charts and tables for the selection, and the reliability check.

    `events` are already filtered by the sidebar; every recorded hazard area counts for the
    reliability check, whatever the selection, and so does every claim about map reliability.
    """
    chosen_hazards = figures.chosen_hazards(hazards, selection)
    in_period = figures.chosen_releases(releases, selection)
    all_periods = figures.chosen_releases(releases, selection, in_period=False)
    synthetic = bool(chosen_hazards["synthetic"].any() or all_periods["synthetic"].any())
    remaining = figures.remaining_by_district(chosen_hazards)
    over_time = figures.released_over_time(in_period)
    by_district = figures.released_by_district(in_period)
    built = {
        "remaining": charts.remaining_by_district(remaining, synthetic),
        "over_time": charts.released_over_time(over_time, synthetic),
        "by_district": charts.released_by_district(by_district, synthetic),
    }
    tables = {
        "remaining": _table(remaining, {"district_name": "District", "hazard_type": "Type",
                                        "originator": "Records of", "areas": "Hazard areas",
                                        "area_ha": "Hectares"}),
        "over_time": _table(over_time, {"year": "Year", "method_label": "Method",
                                        "originator": "Records of", "records": "Records",
                                        "area_ha": "Hectares"}),
        "by_district": _table(by_district, {"district_name": "District", "method_label": "Method",
                                            "originator": "Records of", "records": "Records",
                                            "area_ha": "Hectares"}),
    }
    published = not selection.districts
    for key, (by, metric, title, unit) in BREAKDOWN_CHARTS.items():
        frame = (figures.breakdown(all_periods, breakdowns, sources, by, metric, year, published)
                 if year is not None else pd.DataFrame(columns=figures.BREAKDOWN_COLUMNS))
        note = " ".join(text for text in (
            "" if published else NATIONAL_ONLY, charts.SYNTHETIC_NOTE if synthetic else "") if text)
        built[key] = charts.breakdown(frame, f"{title}, {year}", unit, note)
        tables[key] = _table(frame, {"category": "Category", "series": "Series", "kind": "Kind",
                                     "figure": "Figure", "records": "Records"})
    shares = outside_shares(events, hazards)
    return HazardFigures(
        summary=summary(chosen_hazards, in_period), charts={k: vega_lite(c) for k, c in built.items()},
        tables=tables, reliability=reliability_table(shares, claims, as_of), synthetic=synthetic)


def default_year(years: list[int], breakdowns: pd.DataFrame) -> int | None:
    """The latest year with a published breakdown, else the latest year with records."""
    published = set(pd.to_datetime(breakdowns["period_end"]).dt.year.dropna().astype(int))
    return next((y for y in years if y in published), years[0] if years else None)
