"""Everything the hazard page shows for one selection: summary, chart specs, their tables and
the map-reliability check, built once per data version and filter set."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.charts import hazards as charts
from geo.charts import vega_lite
from geo.figures import hazards as figures
from geo.figures.hazards import KIND_LABELS, Selection
from geo.hazards.areas import hectares_text
from geo.hazards.reliability import outside_shares, reliability_table
from geo.i18n import N_, _, n_, translated
from geo.units import format_number
from geo.vocab.hazards import REMAINING_STATUSES, Breakdown, HazardStatus

BREAKDOWN_CHARTS = {  # key: (by, metric, title, axis title)
    "operator_area": (Breakdown.OPERATOR, "area_reported_cleared", N_("Area by operator, {year}"),
                      N_("hectares")),
    "operator_items": (Breakdown.OPERATOR, "items_found", N_("Items found by operator, {year}"),
                       N_("items")),
    "land_use": (Breakdown.LAND_USE, "area_reported_cleared",
                 N_("Area by land use after release, {year}"), N_("hectares")),
}
NATIONAL_ONLY = N_("Published breakdowns are national totals: they are hidden while districts are "
                   "chosen in the sidebar.")
STATUS_COUNTS = {HazardStatus.OPEN: N_("Hazard areas open"),
                 HazardStatus.IN_PROGRESS: N_("Hazard areas in progress"),
                 HazardStatus.RELEASED: N_("Hazard areas released")}


@dataclass(frozen=True)
class HazardFigures:
    """The hazard page for one selection."""

    summary: list[tuple[str, str, str]]
    charts: dict[str, dict]
    tables: dict[str, pd.DataFrame]
    reliability: pd.DataFrame
    synthetic: bool


def _geometry_types(hazards: pd.DataFrame) -> pd.Series:
    """Each hazard area's geometry type ('' where there is none)."""
    if "geometry" not in hazards or not len(hazards):
        return pd.Series("", index=hazards.index)
    return pd.Series([g.geom_type if g is not None else "" for g in hazards["geometry"]],
                     index=hazards.index)


def summary(hazards: pd.DataFrame, releases: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(label, figure, how it was computed): areas by status, open area, land released."""
    counts = hazards["hazard_status"].value_counts()
    still = hazards["hazard_status"].isin(REMAINING_STATUSES)
    remaining = hazards.loc[still, "area_ha"].sum()
    out = [(_(label), format_number(int(counts.get(code, 0))),
            _("Recorded hazard areas with this status (computed: a count of records)."))
           for code, label in STATUS_COUNTS.items()]
    points = int((still & (_geometry_types(hazards) == "Point")).sum())
    how = _("Computed: the area of every open or in-progress hazard polygon, measured in an "
            "equal-area projection.")
    if points:  # areas recorded as points count with the area their records state
        how += " " + n_("{count} of them is recorded as a point: its stated area is counted.",
                        "{count} of them are recorded as points: their stated areas are counted.",
                        points).format(count=format_number(points))
    out.append((_("Still hazardous"), hectares_text(remaining, 1), how))
    out.append((_("Land released"), hectares_text(releases["area_ha"].sum(), 1),
                _("Computed: the areas stated by the land-release records in the period.")))
    return out


def _table(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The chart's rows for reading: the chosen columns under their headings, in the language."""
    out = frame[list(columns)].rename(columns=translated(columns))
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
        "remaining": _table(remaining, {"district_name": N_("District"), "hazard_type": N_("Type"),
                                        "originator": N_("Records of"), "areas": N_("Hazard areas"),
                                        "area_ha": N_("Hectares")}),
        "over_time": _table(over_time, {"year": N_("Year"), "method_label": N_("Method"),
                                        "originator": N_("Records of"), "records": N_("Records"),
                                        "area_ha": N_("Hectares")}),
        "by_district": _table(by_district, {"district_name": N_("District"), "method_label": N_("Method"),
                                            "originator": N_("Records of"), "records": N_("Records"),
                                            "area_ha": N_("Hectares")}),
    }
    published = not selection.districts
    for key, (by, metric, title, unit) in BREAKDOWN_CHARTS.items():
        frame = (figures.breakdown(all_periods, breakdowns, sources, by, metric, year, published)
                 if year is not None else pd.DataFrame(columns=figures.BREAKDOWN_COLUMNS))
        note = " ".join(_(text) for text in (
            "" if published else NATIONAL_ONLY, charts.SYNTHETIC_NOTE if synthetic else "") if text)
        built[key] = charts.breakdown(frame, _(title).format(year=year), _(unit), note)
        shown = frame.assign(kind=frame["kind"].map(translated(KIND_LABELS)))
        tables[key] = _table(shown, {"category": N_("Category"), "series": N_("Series"),
                                     "kind": N_("Kind"), "figure": N_("Figure"), "records": N_("Records")})
    shares = outside_shares(events, hazards)
    return HazardFigures(
        summary=summary(chosen_hazards, in_period), charts={k: vega_lite(c) for k, c in built.items()},
        tables=tables, reliability=reliability_table(shares, claims, as_of), synthetic=synthetic)


def default_year(years: list[int], breakdowns: pd.DataFrame) -> int | None:
    """The latest year with a published breakdown, else the latest year with records."""
    published = set(pd.to_datetime(breakdowns["period_end"]).dt.year.dropna().astype(int))
    return next((y for y in years if y in published), years[0] if years else None)
