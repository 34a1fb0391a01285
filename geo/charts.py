"""Altair charts: each mark is one source's claim, with the source in its tooltip."""

from __future__ import annotations

import altair as alt
import pandas as pd

from geo.figures import coarsest, period_text
from geo.mapping import DEVICE_COLOURS
from geo.vocab import DEVICE_METRICS, SCOPE_LABELS, STATUS_LABELS, metric_label

SCOPE_COLOURS = dict(zip(
    SCOPE_LABELS.values(),
    ["#1b9e77", "#d95f02", "#7570b3", "#999999", "#e7298a", "#66a61e", "#a6761d"],
    strict=True,
))
CATEGORY_COLOURS = {metric_label(m): DEVICE_COLOURS[d] for d, m in DEVICE_METRICS.items()}
FLAG_COLOUR = "#d62728"
TOOLTIP = [
    alt.Tooltip("published_figure:N", title="Figure as published"),
    alt.Tooltip("place_name:N", title="Place"),
    alt.Tooltip("period_label:N", title="Period"),
    alt.Tooltip("scope_label:N", title="Scope"),
    alt.Tooltip("attribution:N", title="Source"),
    alt.Tooltip("status_label:N", title="Status"),
    alt.Tooltip("flag:N", title="Flag"),
]


def chart_frame(claims: pd.DataFrame) -> pd.DataFrame:
    """Plain columns Altair can serialise, with labels for tooltips."""
    frame = pd.DataFrame({
        "claim_id": claims["claim_id"],
        "start": claims["period_start"].fillna(claims["period_end"]),
        "end": claims["period_end"],
        "value": claims["value_base"],
        "period_type": claims["period_type"],
        "published_figure": claims["published_figure"],
        "place_name": claims["place_name"],
        "period_label": [period_text(s, e, t) for s, e, t in zip(
            claims["period_start"], claims["period_end"], claims["period_type"], strict=True)],
        "scope_label": claims["scope"].map(lambda s: SCOPE_LABELS.get(s, s)),
        "attribution": claims["attribution"],
        "status_label": claims["status"].map(lambda s: STATUS_LABELS.get(s, s)),
        "flag": claims.get("flag", ""),
        "series": claims["scope"].astype(str) + " since "
        + claims["period_start"].dt.strftime("%Y-%m-%d").fillna("?") + " " + claims["metric"],
        "metric_label": claims["metric"].map(metric_label),
    })
    return frame.sort_values(["end", "claim_id"]).reset_index(drop=True)


def _scope_colour(data: pd.DataFrame) -> alt.Color:
    present = [label for label in SCOPE_COLOURS if label in set(data["scope_label"])]
    return alt.Color("scope_label:N", title="Scope", scale=alt.Scale(
        domain=present, range=[SCOPE_COLOURS[label] for label in present]))


def _flag_marks(base: alt.Chart) -> alt.Chart:
    return base.transform_filter(alt.datum.flag != "").mark_point(
        shape="diamond", size=220, filled=False, strokeWidth=2, color=FLAG_COLOUR
    ).encode(x="end:T", y="value:Q", tooltip=TOOLTIP)


SVG = {"embedOptions": {"renderer": "svg"}}


def empty_chart(message: str) -> alt.Chart:
    """A chart that says there is nothing to draw."""
    return alt.Chart(pd.DataFrame({"text": [message]})).mark_text(size=14).encode(text="text:N")


def over_time(claims: pd.DataFrame, metrics: list[str], unit_title: str, note: str = "") -> alt.Chart:
    """Period figures as bars, cumulative snapshots as lines, coloured by scope; flags ringed.

    With several metrics (casualties, killed, injured) each gets its own line style.
    """
    metric = metrics[0]
    subset = coarsest(claims[claims["metric"].isin(metrics)])
    if subset.empty:
        return empty_chart(f"No figures for {metric_label(metric).lower()} in this selection")
    data = chart_frame(subset)
    base = alt.Chart(data)
    y = alt.Y("value:Q", title=unit_title)
    bars = base.transform_filter(alt.datum.period_type == "period").mark_bar(opacity=0.55).encode(
        x=alt.X("start:T", title="Period"), x2="end:T", y=y, color=_scope_colour(data), tooltip=TOOLTIP,
    )
    lines = base.transform_filter(alt.datum.period_type == "cumulative").mark_line(
        point=True, strokeWidth=2
    ).encode(x="end:T", y=y, color=_scope_colour(data), detail="series:N", tooltip=TOOLTIP,
             strokeDash=alt.StrokeDash("metric_label:N", title="Metric",
                                       legend=None if len(metrics) == 1 else alt.Legend()))
    return (bars + lines + _flag_marks(base)).properties(
        title=alt.TitleParams(metric_label(metric),
                              subtitle=["Bars: figure for a period. Lines: running totals.",
                                        f"Red diamonds: figures that disagree. {note}".strip()]),
        height=280, usermeta=SVG,
    ).interactive(bind_y=False)


def area_over_time(claims: pd.DataFrame) -> alt.Chart:
    """Area reported cleared over time, in hectares."""
    return over_time(claims, ["area_reported_cleared"], "hectares",
                     note="Areas in hectares, converted from the unit published.")


def casualties_over_time(claims: pd.DataFrame) -> alt.Chart:
    """Casualty, killed and injured totals over time, one line per series."""
    return over_time(claims, ["casualties", "killed", "injured"], "people",
                     note="Line style: casualties, killed, injured.")


def by_district(figures: pd.DataFrame, metric: str) -> alt.Chart:
    """Each district's latest figure for the metric, disagreements marked."""
    if figures.empty:
        return empty_chart(f"No district figures for {metric_label(metric).lower()}")
    data = figures.drop(columns="all_figures").assign(
        disagreement=figures["conflict"].map({True: "sources disagree", False: "single figure"}),
        place_name=figures["district_name"],
    )
    return alt.Chart(data).mark_bar().encode(
        y=alt.Y("district_name:N", sort="-x", title=None),
        x=alt.X("value_base:Q", title=metric_label(metric)),
        color=alt.Color("disagreement:N", title=None, scale=alt.Scale(
            domain=["single figure", "sources disagree"], range=["#d94801", FLAG_COLOUR])),
        tooltip=[
            alt.Tooltip("published_figure:N", title="Figure as published"),
            alt.Tooltip("period:N", title="Period"), alt.Tooltip("attribution:N", title="Source"),
        ],
    ).properties(title=alt.TitleParams("By district", subtitle=metric_label(metric)
                                       + ": latest figure per district"), height=260,
                 usermeta=SVG)


def finds_by_category(claims: pd.DataFrame) -> alt.Chart:
    """AP mines, AT mines and UXO found per published period, side by side."""
    subset = coarsest(claims[
        claims["metric"].isin(list(DEVICE_METRICS.values())) & (claims["period_type"] == "period")
    ])
    if subset.empty:
        return empty_chart("No period figures for mines or UXO found in this selection")
    data = chart_frame(subset.assign(flag=subset.get("flag", "")))
    data["period_short"] = [
        str(s.year) if s.month == 1 and s.day == 1 and e.month == 12 and e.day == 31 and s.year == e.year
        else f"{s.date()} to {e.date()}" for s, e in zip(data["start"], data["end"], strict=True)
    ]
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("period_short:N", title="Period", sort=alt.SortField("start")),
        xOffset="metric_label:N",
        y=alt.Y("value:Q", title="items found"),
        color=alt.Color("metric_label:N", title="Category", scale=alt.Scale(
            domain=list(CATEGORY_COLOURS), range=list(CATEGORY_COLOURS.values()))),
        tooltip=TOOLTIP,
    ).properties(title=alt.TitleParams("Mines and UXO found",
                                       subtitle="Figures published for a period, by category"),
                 height=260, usermeta=SVG)
