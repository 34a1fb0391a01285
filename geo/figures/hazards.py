"""Totals behind the hazard and land-release charts, computed from records or taken as
published, and never the two in one series.

Every computed total is grouped by the originator of its records' source, so a bar or stack
never adds one originator's records to another's; published breakdowns stay one series per
source, as published.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.filters import Filters
from geo.hazards.areas import hectares_text
from geo.i18n import N_, _, n_, translated
from geo.sources import attribution
from geo.units import format_number, format_published
from geo.vocab.hazards import (
    BREAKDOWN_METRICS,
    COMPUTED,
    LAND_USE_LABELS,
    NOT_STATED,
    PUBLISHED,
    REMAINING_STATUSES,
    Breakdown,
)

KIND_LABELS = {COMPUTED: N_("computed"), PUBLISHED: N_("published")}
COMPUTED_WHAT = {"area_ha": N_("land released"), "items": N_("items found")}  # by the column summed


@dataclass(frozen=True)
class Selection:
    """What the hazard page shows: the sidebar's districts, parties and period."""

    districts: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None

    @classmethod
    def of(cls, filters: Filters, bounds: tuple | None = None) -> Selection:
        """The parts of the sidebar's filters that apply to hazard areas and land release.

        The period slider's bounds come from figures and events; an end left at its bound is
        open, so land released before or after them still shows.
        """
        low, high = bounds or (None, None)
        start = None if low is not None and filters.start <= low else pd.Timestamp(filters.start)
        end = None if high is not None and filters.end >= high else pd.Timestamp(filters.end)
        return cls(filters.districts, filters.parties, start, end)


def _chosen(frame: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    if selection.districts:
        mask &= frame["district_id"].isin(selection.districts)
    if selection.parties:
        mask &= frame["party"].isin(selection.parties)
    return frame[mask]


def chosen_hazards(hazards: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    """Hazard areas in the chosen districts, from sources of the chosen parties."""
    return _chosen(hazards, selection)


def chosen_releases(releases: pd.DataFrame, selection: Selection, in_period: bool = True) -> pd.DataFrame:
    """Land release in the chosen districts and parties (ending in the period, if asked)."""
    chosen = _chosen(releases, selection)
    if in_period and selection.start is not None:
        chosen = chosen[chosen["period_end"] >= selection.start]
    if in_period and selection.end is not None:
        chosen = chosen[chosen["period_end"] <= selection.end]
    return chosen


def remaining_by_district(hazards: pd.DataFrame) -> pd.DataFrame:
    """Open and in-progress hazard area by district, type and originator (hectares, count)."""
    remaining = hazards[hazards["hazard_status"].isin(REMAINING_STATUSES)]
    return (remaining.groupby(["district_name", "hazard_type", "originator"], as_index=False)
            .agg(area_ha=("area_ha", "sum"), areas=("hazard_id", "count")))


def released_over_time(releases: pd.DataFrame) -> pd.DataFrame:
    """Land released per year (of the period's end), method and originator."""
    dated = releases[releases["year"].notna()]
    return (dated.groupby(["year", "method", "method_label", "originator"], as_index=False)
            .agg(area_ha=("area_ha", "sum"), records=("release_id", "count")))


def released_by_district(releases: pd.DataFrame) -> pd.DataFrame:
    """Land released per district, method and originator."""
    return (releases.groupby(["district_name", "method", "method_label", "originator"], as_index=False)
            .agg(area_ha=("area_ha", "sum"), records=("release_id", "count")))


BREAKDOWN_COLUMNS = ["category", "series", "kind", "value", "figure", "records"]


def _land_uses() -> dict[str, str]:
    """A published land-use category named by one of ours (its code or English label) -> our
    label in the language in force, so published and computed rows of one use line up."""
    return {name: _(label) for code, label in LAND_USE_LABELS.items() for name in (code, label)}


def _published(breakdowns: pd.DataFrame, sources: pd.DataFrame, breakdown: str, metric: str,
               year: int) -> pd.DataFrame:
    start = pd.to_datetime(breakdowns["period_start"])
    end = pd.to_datetime(breakdowns["period_end"])
    whole_year = (start == pd.Timestamp(year, 1, 1)) & (end == pd.Timestamp(year, 12, 31))
    rows = breakdowns[(breakdowns["breakdown"] == breakdown) & (breakdowns["metric"] == metric)
                      & whole_year]
    if rows.empty:
        return pd.DataFrame(columns=BREAKDOWN_COLUMNS)
    by_source = sources.set_index("source_id")
    categories = _land_uses() if breakdown == Breakdown.LAND_USE else {}
    frames = []
    for source_id, group in rows.groupby("source_id"):
        source = by_source.loc[source_id] if source_id in by_source.index else None
        who = attribution(source["originator"], source["outlet"], source["published"]) \
            if source is not None else str(source_id)
        frames.append(pd.DataFrame({
            "category": group["category"].map(lambda c: categories.get(c, c)), "kind": PUBLISHED,
            "series": _("Published: {metric}, {year} ({source})").format(
                metric=_(BREAKDOWN_METRICS[metric]), year=year, source=who),
            "value": group["value"].astype(float),
            "figure": [format_published(float(v), unit, qualifier) for v, unit, qualifier
                       in zip(group["value"], group["unit"], group["qualifier"], strict=True)],
            "records": pd.NA,
        }))
    return pd.concat(frames, ignore_index=True)


def _computed(releases: pd.DataFrame, breakdown: str, metric: str, year: int) -> pd.DataFrame:
    rows = releases[releases["year"] == year]
    if metric == "items_found":
        rows = rows[rows["items"].notna()]
    if rows.empty:
        return pd.DataFrame(columns=BREAKDOWN_COLUMNS)
    key = "operator" if breakdown == Breakdown.OPERATOR else "land_use_label"
    items = metric == "items_found"
    value = "items" if items else "area_ha"
    what = _(COMPUTED_WHAT[value])
    frames = []
    for originator, group in rows.groupby("originator"):
        totals = group.groupby(key).agg(value=(value, "sum"), records=("release_id", "count"))
        frames.append(pd.DataFrame({
            "category": totals.index, "kind": COMPUTED,
            "series": n_("Computed: {what}, {year}, from {count} land-release record of {originator}",
                         "Computed: {what}, {year}, from {count} land-release records of {originator}",
                         len(group)).format(what=what, year=year, count=format_number(len(group)),
                                            originator=originator),
            "value": totals["value"].astype(float).to_numpy(),
            "figure": [format_number(round(v, 1)) if items else hectares_text(v, 1)
                       for v in totals["value"]],
            "records": totals["records"].to_numpy(),
        }))
    return pd.concat(frames, ignore_index=True)


def breakdown(releases: pd.DataFrame, breakdowns: pd.DataFrame, sources: pd.DataFrame,
              by: str, metric: str, year: int, published: bool = True) -> pd.DataFrame:
    """One year's totals by operator or land use: each published source's as one series, and
    each originator's records summed as another, labelled computed."""
    frames = [_computed(releases, by, metric, year)]
    if published:
        frames.insert(0, _published(breakdowns, sources, by, metric, year))
    found = pd.concat([f for f in frames if len(f)], ignore_index=True) if any(len(f) for f in frames) \
        else pd.DataFrame(columns=BREAKDOWN_COLUMNS)
    if by == Breakdown.LAND_USE and len(found):
        labels = [*translated(LAND_USE_LABELS).values(), _(NOT_STATED)]
        order = {label: i for i, label in enumerate(labels)}
        found = found.sort_values("category", key=lambda c: c.map(order).fillna(len(order)))
    return found.astype({"records": "Int64"}).reset_index(drop=True)


def years(releases: pd.DataFrame, breakdowns: pd.DataFrame) -> list[int]:
    """Years with land-release records or published breakdowns, latest first."""
    found = set(releases["year"].dropna().astype(int))
    found |= set(pd.to_datetime(breakdowns["period_end"]).dt.year.dropna().astype(int))
    return sorted(found, reverse=True)
