"""Headline and per-district figures, each kept with its own source: never blended."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.derive import CONTRADICTION_KEYS
from geo.i18n import N_, _, n_
from geo.periods import DEFAULT_PERIOD_LENGTH, PERIOD_LENGTH_LABELS
from geo.places import LEVEL_ORDER, coarsest
from geo.vocab import SCOPE_LABELS, STATUS_LABELS, metric_label

HEADLINE_METRICS = ("area_reported_cleared", "ap_mines_found", "at_mines_found", "casualties")
ORDER = ["period_end", "published", "claim_id"]
LATEST, SAME_SOURCE = "latest", "same_source"
HEADLINE_MODES = {
    LATEST: N_("Latest figure of each"),
    SAME_SOURCE: N_("All from one statement"),
}


@dataclass(frozen=True)
class Headline:
    """The latest figure for a metric, with who said it, when and for what period."""

    metric: str
    label: str
    figure: str
    place: str
    period: str
    scope: str
    originator: str
    attribution: str
    stated: str
    status: str
    disagreeing: tuple[str, ...]


CHOICE_COLUMNS = ["metric", "place_level", "period_type", "source_id", *ORDER]
# What a headline reads: selected once, as copying a claims frame's rows costs per column.
HEADLINE_COLUMNS = list(dict.fromkeys([
    *CHOICE_COLUMNS, *CONTRADICTION_KEYS, "value_base", "published_figure", "place_name",
    "period_label", "scope", "originator", "attribution", "status",
]))


LEVEL_RANK = {level: rank for rank, level in enumerate(LEVEL_ORDER)}


def _latest_per_metric(pool: pd.DataFrame) -> dict[str, object]:
    """Per metric, the row label of its most recent claim at the coarsest level present for
    that metric, preferring cumulative totals; every metric at once (a few frame operations
    rather than a dozen per metric)."""
    if pool.empty:
        return {}
    rank = pool["place_level"].map(LEVEL_RANK)
    top = pool[rank == rank.groupby(pool["metric"]).transform("min")]
    cumulative = top["period_type"] == "cumulative"
    top = top[cumulative | ~cumulative.groupby(top["metric"]).transform("any")]
    latest = top.sort_values(ORDER).groupby("metric", sort=False).tail(1)
    return dict(zip(latest["metric"], latest.index, strict=True))


def _iso(value: object) -> str:
    return pd.Timestamp(value).date().isoformat() if pd.notna(value) else _("date not readable")


def _disagreeing(claims: pd.DataFrame, chosen: list) -> dict[object, tuple[str, ...]]:
    """Per chosen row label, the other claims for the same series and period with a different
    value, as 'figure (source)'; one merge for every chosen row (missing keys match missing)."""
    picked = claims.loc[chosen, [*CONTRADICTION_KEYS, "value_base"]].rename_axis(None)
    pairs = claims[[*CONTRADICTION_KEYS, "value_base", "published_figure", "attribution"]].merge(
        picked.reset_index(names="chosen"), on=CONTRADICTION_KEYS, suffixes=("", "_chosen"))
    pairs = pairs[pairs["value_base"] != pairs["value_base_chosen"]]
    listed: dict[object, tuple[str, ...]] = {label: () for label in chosen}
    for label, figure, source in zip(pairs["chosen"], pairs["published_figure"],
                                     pairs["attribution"], strict=True):
        listed[label] += (f"{figure} ({source})",)
    return listed


def _headline(chosen: pd.Series, disagreeing: tuple[str, ...]) -> Headline:
    originator = chosen["originator"]
    return Headline(
        metric=str(chosen["metric"]), label=metric_label(chosen["metric"]),
        figure=str(chosen["published_figure"]), place=str(chosen["place_name"]),
        period=str(chosen["period_label"]),
        scope=SCOPE_LABELS.get(chosen["scope"], chosen["scope"]),
        originator=str(originator if isinstance(originator, str) else chosen["source_id"]),
        attribution=str(chosen["attribution"]), stated=_iso(chosen["period_end"]),
        status=STATUS_LABELS.get(chosen["status"], chosen["status"]), disagreeing=disagreeing,
    )


def headline(claims: pd.DataFrame, metric: str) -> Headline | None:
    """Headline for one metric, listing other sources that give a different value that day."""
    subset = claims.loc[claims["metric"] == metric, HEADLINE_COLUMNS]
    chosen = _latest_per_metric(subset)
    if not chosen:
        return None
    label = chosen[metric]
    return _headline(subset.loc[label], _disagreeing(subset, [label])[label])


def same_source(claims: pd.DataFrame) -> str | None:
    """The latest statement (source) that gives the most headline figures together.

    Counted at the coarsest place level present, so a national statement is never paired
    with a district's; ties go to the most recently published statement.
    """
    pool = coarsest(claims.loc[claims["metric"].isin(HEADLINE_METRICS), CHOICE_COLUMNS])
    if pool.empty:
        return None
    per_source = pool.groupby("source_id").agg(
        metrics=("metric", "nunique"), published=("published", "max"), stated=("period_end", "max"))
    best = per_source.sort_values(["metrics", "published", "stated"]).index[-1]
    return str(best)


def headlines(claims: pd.DataFrame, mode: str = LATEST) -> list[Headline | None]:
    """Headlines for area reported cleared, AP and AT mines found, and casualties.

    In 'same_source' mode every card comes from one statement (see same_source); a metric
    that statement does not give has no card.
    """
    claims = claims.loc[claims["metric"].isin(HEADLINE_METRICS), HEADLINE_COLUMNS]
    pool = coarsest(claims[claims["source_id"] == same_source(claims)]) if mode == SAME_SOURCE else claims
    chosen = _latest_per_metric(pool)
    disagreeing = _disagreeing(claims, list(chosen.values()))
    return [_headline(claims.loc[chosen[metric]], disagreeing[chosen[metric]])
            if metric in chosen else None for metric in HEADLINE_METRICS]


def headline_mismatch(items: list[Headline | None]) -> str:
    """What the cards do not share: different statements, or one statement's different dates."""
    shown = [item for item in items if item is not None]
    statements = sorted({item.attribution for item in shown})
    originators = sorted({item.originator for item in shown})
    dates = sorted({item.stated for item in shown})
    if len(statements) == 1:
        return ("" if len(dates) <= 1 else
                _("All from one statement ({statement}), but its figures run to different "
                  "dates: each card gives its own period.").format(statement=statements[0]))
    counts = [text.format(count=len(values)) for text, values in (
        (n_("{count} source", "{count} sources", len(originators)), originators),
        (n_("{count} statement", "{count} statements", len(statements)), statements),
        (n_("{count} date", "{count} dates", len(dates)), dates)) if len(values) > 1]
    return _("Not one consistent set: these figures come from {counts}. Each card names its "
             "source and date; choose “All from one statement” to see figures published "
             "together.").format(counts=", ".join(counts))


def district_headlines(claims: pd.DataFrame, district_ids: list[str], names: dict[str, str],
                       mode: str = LATEST) -> dict[str, pd.DataFrame]:
    """Per headline metric, one row per chosen district: its figure, period and source."""
    per_district = {d: headlines(claims[claims["district_id"] == d], mode) for d in district_ids}
    tables: dict[str, pd.DataFrame] = {}
    for position, metric in enumerate(HEADLINE_METRICS):
        rows = []
        for district_id in district_ids:
            item = per_district[district_id][position]
            rows.append({
                "District": names.get(district_id, district_id),
                "Figure as published": item.figure if item else _("no figure"),
                "Period": item.period if item else "",
                "Source": item.attribution if item else "",
            })
        tables[metric] = pd.DataFrame(rows)
    return tables


DISTRICT_COLUMNS = [
    "district_id", "district_name", "value_base", "published_figure", "period", "attribution",
    "status", "scope", "all_figures", "conflict", "period_length", "period_length_label",
    "qualifier", "originator", "claim_id", "figures_of_other_lengths", "quote",
]


def district_figures(
    claims: pd.DataFrame, metric: str, period_length: str = DEFAULT_PERIOD_LENGTH
) -> pd.DataFrame:
    """One row per district with a figure of the chosen period length: its latest, and all
    figures the district has for the metric.

    Only figures of one period length are compared (annual by default), so a one-week figure
    never replaces a year's. `all_figures` lists every claim for the metric (other lengths and
    sources too) so nothing is hidden, `conflict` marks districts where claims for the chosen
    figure's period disagree, and `figures_of_other_lengths` counts those not compared.
    """
    columns = ["district_id", "district_name", "value_base", "published_figure", "period_label",
               "attribution", "status", "scope", "qualifier", "originator", "claim_id",
               "period_start", "period_end", "period_length", "published", "quote"]
    subset = claims.loc[(claims["metric"] == metric) & (claims["place_level"] == "district"), columns]
    subset = subset.sort_values(["district_id", *ORDER], kind="stable")
    every = _all_figures(subset)
    chosen = subset[subset["period_length"] == period_length]
    distinct = chosen.groupby(["district_id", "period_start", "period_end"], dropna=False)[
        "value_base"].transform("nunique")
    latest = chosen.assign(distinct=distinct).groupby("district_id", sort=True).tail(1)
    latest = latest.set_index("district_id")
    frame = pd.DataFrame({
        "district_id": latest.index,
        "district_name": latest["district_name"].to_numpy(),
        "value_base": latest["value_base"].to_numpy(),
        "published_figure": latest["published_figure"].to_numpy(),
        "period": latest["period_label"].to_numpy(),
        "attribution": latest["attribution"].to_numpy(),
        "status": latest["status"].to_numpy(),
        "scope": latest["scope"].to_numpy(),
        "all_figures": [every.get(d, []) for d in latest.index],
        "conflict": (latest["distinct"] > 1).to_numpy(),
        "period_length": period_length,
        "period_length_label": PERIOD_LENGTH_LABELS.get(period_length, period_length),
        "qualifier": latest["qualifier"].to_numpy(),
        "originator": latest["originator"].to_numpy(),
        "claim_id": latest["claim_id"].to_numpy(),
        "figures_of_other_lengths": (
            subset[subset["period_length"] != period_length].groupby("district_id").size()
            .reindex(latest.index, fill_value=0).to_numpy()),
        "quote": latest["quote"].fillna("").to_numpy(),
    }, columns=DISTRICT_COLUMNS)
    return frame.reset_index(drop=True)


def _all_figures(ordered: pd.DataFrame) -> dict[str, list[tuple[str, str, str]]]:
    """Per district, every figure as (figure as published, period, source), oldest first."""
    listed: dict[str, list[tuple[str, str, str]]] = {}
    for district_id, figure, period, source in zip(
        ordered["district_id"].tolist(), ordered["published_figure"].tolist(),
        ordered["period_label"].tolist(), ordered["attribution"].tolist(), strict=True,
    ):
        listed.setdefault(district_id, []).append((figure, period, source))
    return listed
