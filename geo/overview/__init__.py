"""Everything the Overview shows besides the map, computed in one go for a filter choice."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pandas as pd

from geo.charts import area_over_time, by_district, casualties_over_time, finds_by_category, vega_lite
from geo.figures import (
    HEADLINE_METRICS,
    SAME_SOURCE,
    Headline,
    district_figures,
    district_headlines,
    headline_mismatch,
    headlines,
)
from geo.filters import Filters
from geo.i18n import _, current_language
from geo.memo import Memo, no_memo
from geo.vocab import DEVICE_METRICS

DISTRICT_CHART_METRIC = "area_reported_cleared"


@dataclass(frozen=True)
class OverviewFigures:
    """Headline cards (or one table per metric with several districts) and chart specs."""

    cards: list[Headline | None]
    mismatch: str
    one_statement: str  # in 'same source' mode: which statement, and its dates if they differ
    per_district: dict[str, pd.DataFrame] = field(default_factory=dict)
    charts: dict[str, dict] = field(default_factory=dict)


CHART_METRICS: dict[str, tuple[str, ...]] = {
    "area": ("area_reported_cleared",), "districts": (DISTRICT_CHART_METRIC,),
    "finds": tuple(DEVICE_METRICS.values()), "casualties": ("casualties", "killed", "injured"),
}


def _build_chart(name: str, claims: pd.DataFrame, length: str) -> dict:
    if name == "area":
        return vega_lite(area_over_time(claims, length))
    if name == "districts":
        figures = district_figures(claims, DISTRICT_CHART_METRIC, length)
        return vega_lite(by_district(figures, DISTRICT_CHART_METRIC, length))
    if name == "finds":
        return vega_lite(finds_by_category(claims, length))
    return vega_lite(casualties_over_time(claims, length))


def rows_key(claims: pd.DataFrame) -> str:
    """A digest of which rows these are (their index labels)."""
    return hashlib.blake2b(claims.index.to_numpy().tobytes(), digest_size=16).hexdigest()


def _of(claims: pd.DataFrame, metrics: tuple[str, ...]) -> pd.DataFrame:
    return claims[claims["metric"].isin(metrics)]


def chart_spec(name: str, claims: pd.DataFrame, length: str, data_key: str,
               memo: Memo = no_memo) -> dict:
    """One Overview chart for the claims of its metrics.

    `data_key` names the frame the claims were selected from (data version, as-of revision,
    language): within it, the same rows are the same claims, so the chart is memoised by its
    rows' index labels, not by hashing their contents (that cost ~45 ms per chart). Most filter
    changes leave some charts' claims as they were (a device filter leaves the area chart
    alone), so those are reused, not rebuilt. Titles and axes are worded per language, so it
    is in the key too.
    """
    subset = _of(claims, CHART_METRICS[name])
    key = ("chart", name, length, current_language(), data_key, rows_key(subset))
    return memo(key, lambda: _build_chart(name, subset, length))


def district_map_figures(claims: pd.DataFrame, metric: str, length: str, data_key: str,
                         memo: Memo = no_memo) -> pd.DataFrame:
    """Each district's figure for the map (see `district_figures`), memoised like the charts:
    a device filter, say, leaves the area figures' rows, and so the map's figures, unchanged."""
    subset = claims[(claims["metric"] == metric) & (claims["place_level"] == "district")]
    key = ("districts", metric, length, current_language(), data_key, rows_key(subset))
    return memo(key, lambda: district_figures(subset, metric, length))


def overview_figures(claims: pd.DataFrame, filters: Filters, mode: str,
                     names: dict[str, str], data_key: str, memo: Memo = no_memo) -> OverviewFigures:
    """Cards and charts for claims already filtered by `filters` from the frame `data_key` names.

    With several districts chosen, cards become one table per metric naming each district;
    a district's figures are never shown as one unnamed number.
    """
    charts = {name: chart_spec(name, claims, filters.period_length, data_key, memo)
              for name in CHART_METRICS}
    if len(filters.districts) > 1:
        tables = district_headlines(claims, list(filters.districts), names, mode)
        return OverviewFigures([], "", "", tables, charts)
    subset = _of(claims, HEADLINE_METRICS)
    cards = memo(("headlines", mode, current_language(), data_key, rows_key(subset)),
                 lambda: headlines(subset, mode))
    note = headline_mismatch(cards)
    if mode == SAME_SOURCE:
        shown = [card for card in cards if card is not None]
        one = (_("All figures below come from one statement: {source}.").format(
            source=shown[0].attribution) if shown else "")
        return OverviewFigures(cards, "", f"{one} {note}".strip() if note else one, {}, charts)
    return OverviewFigures(cards, note, "", {}, charts)
