"""Everything the Overview shows besides the map, computed in one go for a filter choice."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from geo.charts import area_over_time, by_district, casualties_over_time, finds_by_category, vega_lite
from geo.figures import (
    SAME_SOURCE,
    Headline,
    district_figures,
    district_headlines,
    headline_mismatch,
    headlines,
)
from geo.filters import Filters
from geo.i18n import _

DISTRICT_CHART_METRIC = "area_reported_cleared"


@dataclass(frozen=True)
class OverviewFigures:
    """Headline cards (or one table per metric with several districts) and chart specs."""

    cards: list[Headline | None]
    mismatch: str
    one_statement: str  # in 'same source' mode: which statement, and its dates if they differ
    per_district: dict[str, pd.DataFrame] = field(default_factory=dict)
    charts: dict[str, dict] = field(default_factory=dict)


def overview_figures(claims: pd.DataFrame, filters: Filters, mode: str,
                     names: dict[str, str]) -> OverviewFigures:
    """Cards and charts for claims already filtered by `filters`.

    With several districts chosen, cards become one table per metric naming each district;
    a district's figures are never shown as one unnamed number.
    """
    length = filters.period_length
    charts = {
        "area": vega_lite(area_over_time(claims, length)),
        "districts": vega_lite(by_district(
            district_figures(claims, DISTRICT_CHART_METRIC, length), DISTRICT_CHART_METRIC, length)),
        "finds": vega_lite(finds_by_category(claims, length)),
        "casualties": vega_lite(casualties_over_time(claims, length)),
    }
    if len(filters.districts) > 1:
        tables = district_headlines(claims, list(filters.districts), names, mode)
        return OverviewFigures([], "", "", tables, charts)
    cards = headlines(claims, mode)
    note = headline_mismatch(cards)
    if mode == SAME_SOURCE:
        shown = [card for card in cards if card is not None]
        one = (_("All figures below come from one statement: {source}.").format(
            source=shown[0].attribution) if shown else "")
        return OverviewFigures(cards, "", f"{one} {note}".strip() if note else one, {}, charts)
    return OverviewFigures(cards, note, "", {}, charts)
