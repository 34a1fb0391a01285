"""Altair charts: each mark is one source's claim, with the source in its tooltip and legend.

A line joins only running totals of one series: one originator, metric, scope, place and
start date. Qualified figures ("more than", "about", "up to") are drawn as such, period
figures are compared only with figures of the same period length, and every chart carries
a text description for screen readers.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd
from altair.utils.core import sanitize_pandas_dataframe

from geo.figures import coarsest
from geo.mapping import DEVICE_COLOURS
from geo.periods import DEFAULT_PERIOD_LENGTH, PERIOD_LENGTH_LABELS
from geo.vocab import DEVICE_METRICS, SCOPE_LABELS, STATUS_LABELS, metric_label

CATEGORY_COLOURS = {metric_label(m): DEVICE_COLOURS[d] for d, m in DEVICE_METRICS.items()}
FLAG_COLOUR = "#d62728"
QUALIFIER_WORDS = {"more_than": "more than", "about": "about", "up_to": "up to"}
QUALIFIER_NOTES = {
    "more_than": "more than: the source gives a lower bound",
    "about": "about: the source gives a rounded figure",
    "up_to": "up to: the source gives an upper bound",
}
QUALIFIER_SHAPES = {"more than": "triangle-up", "up to": "triangle-down", "about": "diamond"}
LABEL_WIDTH = 34  # characters per legend or axis label line before it wraps
SUBTITLE_WIDTH = 52
MULTILINE = "split(datum.label, '\\n')"
TOOLTIP = [
    alt.Tooltip("published_figure:N", title="Figure as published"),
    alt.Tooltip("qualifier_note:N", title="Qualifier"),
    alt.Tooltip("place_name:N", title="Place"),
    alt.Tooltip("period_label:N", title="Period"),
    alt.Tooltip("scope_label:N", title="Scope"),
    alt.Tooltip("attribution:N", title="Source"),
    alt.Tooltip("status_label:N", title="Status"),
    alt.Tooltip("flag:N", title="Flag"),
]
SVG = {"embedOptions": {"renderer": "svg"}}
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")  # the height stays as set


def inline(frame: pd.DataFrame) -> alt.InlineData:
    """Chart data as inline rows (dates as ISO text), so building a spec needs no global
    Altair data transformer and has no row limit."""
    return alt.InlineData(values=sanitize_pandas_dataframe(frame).to_dict("records"))


def vega_lite(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite spec, ready for st.vega_lite_chart.

    Schema validation is skipped here (it costs about 0.3 s a chart on every rerun); the
    tests build every chart with validation on.
    """
    return chart.to_dict(validate=False)


def wrap(text: str, width: int = LABEL_WIDTH) -> str:
    """Text broken into lines (joined by newlines) that a chart label shows whole."""
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _wrapped(values: pd.Series, width: int = LABEL_WIDTH) -> pd.Series:
    unique = {value: wrap(value, width) for value in values.dropna().unique()}
    return values.map(unique)


def chart_frame(claims: pd.DataFrame) -> pd.DataFrame:
    """Plain columns Altair can serialise: values, dates, labels for legends and tooltips."""
    start = claims["period_start"].fillna(claims["period_end"])
    is_period = claims["period_type"] == "period"
    originator = claims["originator"].fillna(claims["source_id"]).astype(str)
    qualifier = claims["qualifier"].astype(str)
    frame = pd.DataFrame({
        "claim_id": claims["claim_id"],
        "start": start,
        "end": claims["period_end"],
        "mark_at": (start + (claims["period_end"] - start) / 2).where(is_period, claims["period_end"]),
        "value": claims["value_base"],
        "period_type": claims["period_type"],
        "published_figure": claims["published_figure"],
        "place_name": claims["place_name"],
        "period_label": claims["period_label"],
        "scope_label": claims["scope"].map(SCOPE_LABELS).fillna(claims["scope"]),
        "originator": _wrapped(originator),
        "attribution": claims["attribution"],
        "status_label": claims["status"].map(STATUS_LABELS).fillna(claims["status"]),
        "flag": claims["flag"] if "flag" in claims.columns else "",
        "qualifier": qualifier,
        "qualifier_word": qualifier.map(QUALIFIER_WORDS).fillna(""),
        "qualifier_note": qualifier.map(QUALIFIER_NOTES).fillna("exact as published"),
        "series": originator + "|" + claims["metric"] + "|" + claims["scope"].astype(str) + "|"
        + claims["place_id"].astype(str) + "|"
        + claims["period_start"].dt.strftime("%Y-%m-%d").fillna("-"),
        "metric_label": claims["metric"].map(metric_label),
    })
    return frame.sort_values(["end", "claim_id"]).reset_index(drop=True)


def _subtitle(*lines: str) -> list[str]:
    return [part for line in lines if line for part in textwrap.wrap(line, SUBTITLE_WIDTH)]


def _originator_colour() -> alt.Color:
    return alt.Color("originator:N", title="Source (who published it)",
                     scale=alt.Scale(scheme="tableau10"), legend=alt.Legend(
        orient="bottom", direction="vertical", labelLimit=0, labelExpr=MULTILINE,
        columns=1, symbolLimit=0))


def empty_chart(message: str, title: str = "") -> alt.Chart:
    """A chart that says there is nothing to draw (under the chart's usual title)."""
    return alt.Chart(inline(pd.DataFrame({"text": [message]}))).mark_text(size=14).encode(
        text="text:N").properties(title=alt.TitleParams(title, anchor="start"), description=message,
                                  usermeta=SVG, autosize=FIT_WIDTH)


def _describe(title: str, data: pd.DataFrame) -> str:
    """A text alternative: what the chart shows, how many figures from whom, and the latest."""
    sources = sorted({s.replace("\n", " ") for s in data["originator"]})
    latest = data.sort_values(["end", "claim_id"]).iloc[-1]
    when = f"{data['start'].min().date()} to {data['end'].max().date()}"
    return (f"{title}: {len(data)} figures from {len(sources)} sources ({', '.join(sources)}), "
            f"{when}. Latest: {latest['published_figure']} ({latest['period_label']}, "
            f"{latest['attribution']}).")


def over_time(claims: pd.DataFrame, metrics: list[str], unit_title: str,
              period_length: str = DEFAULT_PERIOD_LENGTH, note: str = "") -> alt.Chart:
    """Running totals as lines, one per series, and period figures of one length as bars.

    Lines never join different originators, metrics, scopes, places or start dates. With one
    place, colour says who published a figure and shape marks qualified figures; with several
    places, colour says which place and shape says who published it.
    """
    metric = metrics[0]
    subset = coarsest(claims[claims["metric"].isin(metrics)])
    subset = subset[(subset["period_type"] == "cumulative")
                    | ((subset["period_type"] == "period") & (subset["period_length"] == period_length))]
    if subset.empty:
        return empty_chart(f"No figures for {metric_label(metric).lower()} in this selection",
                           metric_label(metric))
    data = chart_frame(subset)
    several = data["place_name"].nunique() > 1
    base = alt.Chart()
    y = alt.Y("value:Q", title=unit_title)
    colour = (alt.Color("place_name:N", title="Place", scale=alt.Scale(scheme="tableau10"),
                        legend=alt.Legend(orient="bottom", direction="vertical"))
              if several else _originator_colour())
    by_source = alt.Shape("originator:N", title="Source (who published it)", legend=alt.Legend(
        orient="bottom", direction="vertical", labelLimit=0, labelExpr=MULTILINE, symbolLimit=0))
    by_qualifier = alt.Shape("qualifier_word:N", legend=None, scale=alt.Scale(
        domain=list(QUALIFIER_SHAPES), range=list(QUALIFIER_SHAPES.values())))
    bars = base.transform_filter(alt.datum.period_type == "period").mark_rect(opacity=0.6).encode(
        x=alt.X("start:T", title="Date"), x2="end:T", y=y, y2=alt.datum(0), color=colour,
        tooltip=TOOLTIP)
    running = base.transform_filter(alt.datum.period_type == "cumulative")
    lines = running.mark_line(strokeWidth=2).encode(
        x="end:T", y=y, color=colour, detail="series:N", tooltip=TOOLTIP,
        strokeDash=alt.StrokeDash("metric_label:N", title="Metric",
                                  legend=None if len(metrics) == 1 else alt.Legend(orient="bottom")))
    points = base if several else running  # with colour for places, a point says who published
    exact = points.transform_filter(alt.datum.qualifier == "exact").mark_point(
        filled=True, size=50).encode(x="mark_at:T", y=y, color=colour, tooltip=TOOLTIP,
                                     **({"shape": by_source} if several else {}))
    qualified = base.transform_filter(alt.datum.qualifier != "exact")
    open_marks = qualified.mark_point(filled=False, size=150, strokeWidth=2).encode(
        x="mark_at:T", y=y, color=colour, tooltip=TOOLTIP,
        shape=by_source if several else by_qualifier)
    words = qualified.mark_text(dy=-14, fontSize=11, color="#222222").encode(
        x="mark_at:T", y=y, text="qualifier_word:N")
    flags = base.transform_filter(alt.datum.flag != "").mark_point(
        shape="square", size=260, filled=False, strokeWidth=2, color=FLAG_COLOUR
    ).encode(x="mark_at:T", y=y, tooltip=TOOLTIP)
    title = metric_label(metric)
    length = PERIOD_LENGTH_LABELS.get(period_length, period_length).lower()
    subtitle = _subtitle(
        ("Colour: place; shape: source. " if several else "Colour: source. ")
        + "Lines: running totals, one line per source and series.",
        f"Bars: {length}.",
        "Open shapes and words mark 'more than', 'about', 'up to'. Red squares: figures that "
        "disagree.", note)
    is_period, is_running = data["period_type"] == "period", data["period_type"] == "cumulative"
    qualified_rows, flagged = data["qualifier"] != "exact", data["flag"] != ""
    present = [  # a layer with no marks would be an unnamed, empty graphic to a screen reader
        (bars, is_period.any()), (lines, is_running.any()),
        (exact, ((is_running | several) & ~qualified_rows).any()), (open_marks, qualified_rows.any()),
        (words, qualified_rows.any()), (flags, flagged.any()),
    ]
    layers = [layer for layer, shown in present if shown]
    return alt.layer(*layers, data=inline(data)).properties(
        title=alt.TitleParams(title, subtitle=subtitle, anchor="start"), height=260,
        description=_describe(title, data), usermeta=SVG, autosize=FIT_WIDTH,
    ).configure_legend(labelLimit=0, titleLimit=0, layout=alt.ExprRef(
        expr="{bottom: {direction: 'vertical', anchor: 'start'}}"))


def area_over_time(claims: pd.DataFrame, period_length: str = DEFAULT_PERIOD_LENGTH) -> alt.Chart:
    """Area reported cleared over time, in hectares."""
    return over_time(claims, ["area_reported_cleared"], "hectares", period_length,
                     note="Areas in hectares, converted from the unit published.")


def casualties_over_time(claims: pd.DataFrame,
                         period_length: str = DEFAULT_PERIOD_LENGTH) -> alt.Chart:
    """Casualty, killed and injured totals over time, one line per series."""
    return over_time(claims, ["casualties", "killed", "injured"], "people", period_length,
                     note="Line style: casualties, killed, injured.")


def _bar_labels(values: pd.Series) -> alt.Scale:
    """An x scale with room right of the longest bar for its figure."""
    top = float(values.max()) if len(values) else 1.0
    return alt.Scale(domain=[0, top * 1.35 or 1.0], nice=False)


def by_district(figures: pd.DataFrame, metric: str,
                period_length: str = DEFAULT_PERIOD_LENGTH) -> alt.Chart:
    """Each district's latest figure of one period length, with its figure written at its bar."""
    length = PERIOD_LENGTH_LABELS.get(period_length, period_length)
    if figures.empty:
        return empty_chart(f"No {length.lower()} for {metric_label(metric).lower()} by district",
                           "By district")
    periods = figures["period"].value_counts()
    label = figures["district_name"].astype(str)
    if len(periods) > 1:
        label = label + " (" + figures["period"].astype(str) + ")"
    data = figures.drop(columns="all_figures").assign(
        district_name=label,
        disagreement=figures["conflict"].map({True: "sources disagree", False: "single figure"}),
        place_name=figures["district_name"],
    )
    scale = _bar_labels(data["value_base"])
    base = alt.Chart(inline(data)).encode(
        y=alt.Y("district_name:N", sort="-x", title=None,
                axis=alt.Axis(labelLimit=0, labelOverlap=False)),
        x=alt.X("value_base:Q", title=metric_label(metric), scale=scale,
                axis=alt.Axis(titleLimit=0, labelOverlap=True)),
        tooltip=[
            alt.Tooltip("published_figure:N", title="Figure as published"),
            alt.Tooltip("period:N", title="Period"), alt.Tooltip("attribution:N", title="Source"),
        ],
    )
    bars = base.mark_bar().encode(color=alt.Color("disagreement:N", title=None, scale=alt.Scale(
        domain=["single figure", "sources disagree"], range=["#d94801", FLAG_COLOUR]),
        legend=alt.Legend(orient="bottom")))
    text = base.mark_text(align="left", dx=4, fontSize=11, color="#222222").encode(
        text="published_figure:N")
    when = (f"Period: {periods.index[0]}." if len(periods) == 1
            else "Periods differ between districts: each bar names its own.")
    listed = "; ".join(f"{n}: {f}" for n, f in zip(data["district_name"], data["published_figure"],
                                                       strict=True))
    return (bars + text).properties(
        title=alt.TitleParams("By district", anchor="start", subtitle=_subtitle(
            f"{metric_label(metric)}. {length}, latest per district.", when)),
        height=alt.Step(24), usermeta=SVG, autosize=FIT_WIDTH,
        description=f"Bar chart, {metric_label(metric)} by district, {length.lower()}: {listed}.",
    )


def finds_by_category(claims: pd.DataFrame,
                      period_length: str = DEFAULT_PERIOD_LENGTH) -> alt.Chart:
    """AP mines, AT mines and UXO found per published period of one length, side by side."""
    length = PERIOD_LENGTH_LABELS.get(period_length, period_length)
    device_metrics = list(DEVICE_METRICS.values())
    subset = coarsest(claims[
        claims["metric"].isin(device_metrics) & (claims["period_type"] == "period")
        & (claims["period_length"] == period_length)
    ])
    if subset.empty:
        return empty_chart(f"No {length.lower()} of mines or UXO found in this selection",
                           "Mines and UXO found")
    data = chart_frame(subset)
    data["row"] = data["period_label"] + "\n" + data["originator"]
    order = list(dict.fromkeys(data.sort_values(["start", "row"])["row"]))
    scale = _bar_labels(data["value"])
    base = alt.Chart(inline(data)).encode(
        y=alt.Y("row:N", title=None, sort=order,
                axis=alt.Axis(labelLimit=0, labelExpr=MULTILINE, labelOverlap=False)),
        yOffset=alt.YOffset("metric_label:N", sort=list(CATEGORY_COLOURS)),
        x=alt.X("value:Q", title="items found", scale=scale),
        tooltip=TOOLTIP,
    )
    bars = base.mark_bar().encode(color=alt.Color(
        "metric_label:N", title="Category", scale=alt.Scale(
            domain=list(CATEGORY_COLOURS), range=list(CATEGORY_COLOURS.values())),
        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0)))
    text = base.mark_text(align="left", dx=4, fontSize=10, color="#222222").encode(
        text="published_figure:N")
    listed = "; ".join(
        f"{p.replace(chr(10), ' ')}, {m}: {f}"
        for p, m, f in zip(data["row"], data["metric_label"], data["published_figure"], strict=True))
    return (bars + text).properties(
        title=alt.TitleParams("Mines and UXO found", anchor="start", subtitle=_subtitle(
            f"{length}, by category; each row is one source's statement.")),
        height={"step": 14, "for": "offset"}, usermeta=SVG, autosize=FIT_WIDTH,
        description=f"Bar chart, mines and UXO found, {length.lower()}: {listed}.",
    )
