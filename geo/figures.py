"""Headline and per-district figures, each kept with its own source: never blended."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.derive import CONTRADICTION_KEYS
from geo.vocab import SCOPE_LABELS, STATUS_LABELS, PlaceLevel, metric_label

HEADLINE_METRICS = ("area_reported_cleared", "ap_mines_found", "at_mines_found", "casualties")
LEVEL_ORDER = [PlaceLevel.COUNTRY.value, PlaceLevel.DISTRICT.value,
               PlaceLevel.SETTLEMENT.value, PlaceLevel.NAMED_FEATURE.value]


@dataclass(frozen=True)
class Headline:
    """The latest figure for a metric, with who said it and for what period."""

    metric: str
    label: str
    figure: str
    place: str
    period: str
    scope: str
    attribution: str
    status: str
    disagreeing: tuple[str, ...]


def period_text(start: pd.Timestamp | None, end: pd.Timestamp, period_type: str) -> str:
    """'cumulative, 2020-11-10 to 2024-07-31' or 'period, 2023-01-01 to 2023-12-31'."""
    end_text = end.date().isoformat()
    if start is None or pd.isna(start):
        return f"{period_type}, as of {end_text}"
    return f"{period_type}, {start.date().isoformat()} to {end_text}"


def coarsest(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims at the coarsest place level present (country before districts)."""
    if claims.empty:
        return claims
    rank = claims["place_level"].map({lvl: i for i, lvl in enumerate(LEVEL_ORDER)})
    return claims[rank == rank.min()]


def latest_claim(claims: pd.DataFrame) -> pd.Series | None:
    """The most recent claim at the coarsest level present, preferring cumulative totals."""
    if claims.empty:
        return None
    top = coarsest(claims)
    cumulative = top[top["period_type"] == "cumulative"]
    pool = cumulative if not cumulative.empty else top
    return pool.sort_values(["period_end", "published", "claim_id"]).iloc[-1]


def headline(claims: pd.DataFrame, metric: str) -> Headline | None:
    """Headline for one metric, listing other sources that give a different value that day."""
    chosen = latest_claim(claims[claims["metric"] == metric])
    if chosen is None:
        return None
    same_day = claims[
        _same_series_and_period(claims, chosen) & (claims["value_base"] != chosen["value_base"])
    ]
    disagreeing = tuple(
        f"{row.published_figure} ({row.attribution})" for row in same_day.itertuples()
    )
    return Headline(
        metric=metric, label=metric_label(metric), figure=str(chosen["published_figure"]),
        place=str(chosen["place_name"]),
        period=period_text(chosen["period_start"], chosen["period_end"], chosen["period_type"]),
        scope=SCOPE_LABELS.get(chosen["scope"], chosen["scope"]),
        attribution=str(chosen["attribution"]),
        status=STATUS_LABELS.get(chosen["status"], chosen["status"]), disagreeing=disagreeing,
    )


def _same_series_and_period(claims: pd.DataFrame, chosen: pd.Series) -> pd.Series:
    mask = pd.Series(True, index=claims.index)
    for key in CONTRADICTION_KEYS:
        if pd.isna(chosen[key]):
            mask &= claims[key].isna()
        else:
            mask &= claims[key] == chosen[key]
    return mask


def headlines(claims: pd.DataFrame) -> list[Headline | None]:
    """Headlines for area reported cleared, AP and AT mines found, and casualties."""
    return [headline(claims, metric) for metric in HEADLINE_METRICS]


def district_figures(claims: pd.DataFrame, metric: str) -> pd.DataFrame:
    """One row per district with a figure for the metric: its latest, plus all figures given.

    The colour of a district comes from its latest figure; `all_figures` lists every claim
    (other periods, other sources) so nothing is hidden, and `conflict` marks districts where
    claims for the same period disagree.
    """
    subset = claims[(claims["metric"] == metric) & (claims["place_level"] == "district")]
    rows: list[dict] = []
    for district_id, group in subset.groupby("district_id", sort=True):
        ordered = group.sort_values(["period_end", "published", "claim_id"])
        latest = ordered.iloc[-1]
        same_period = ordered[
            (ordered["period_end"] == latest["period_end"])
            & (ordered["period_start"].fillna(pd.Timestamp(0)) ==
               (latest["period_start"] if pd.notna(latest["period_start"]) else pd.Timestamp(0)))
        ]
        rows.append({
            "district_id": district_id, "district_name": latest["district_name"],
            "value_base": latest["value_base"], "published_figure": latest["published_figure"],
            "period": period_text(latest["period_start"], latest["period_end"],
                                  latest["period_type"]),
            "attribution": latest["attribution"], "status": latest["status"],
            "scope": latest["scope"],
            "all_figures": [
                (r.published_figure,
                 period_text(r.period_start, r.period_end, r.period_type), r.attribution)
                for r in ordered.itertuples()
            ],
            "conflict": same_period["value_base"].nunique() > 1,
        })
    return pd.DataFrame(rows, columns=[
        "district_id", "district_name", "value_base", "published_figure", "period",
        "attribution", "status", "scope", "all_figures", "conflict",
    ])
