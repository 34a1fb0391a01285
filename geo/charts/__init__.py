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

from geo.i18n import N_, _, d3_locale, in_sentence, n_, translated
from geo.periods import DEFAULT_PERIOD_LENGTH, PERIOD_LENGTH_LABELS
from geo.places import coarsest
from geo.vocab import DEVICE_METRICS, SCOPE_LABELS, STATUS_LABELS, metric_label
from geo.vocab.colours import DEVICE_COLOURS

FLAG_COLOUR = "#d62728"
QUALIFIER_WORDS = {"more_than": N_("more than"), "about": N_("about"), "up_to": N_("up to")}
QUALIFIER_NOTES = {
    "more_than": N_("more than: the source gives a lower bound"),
    "about": N_("about: the source gives a rounded figure"),
    "up_to": N_("up to: the source gives an upper bound"),
}
QUALIFIER_SHAPES = {"more_than": "triangle-up", "up_to": "triangle-down", "about": "diamond"}
LABEL_WIDTH = 34  # characters per legend or axis label line before it wraps
SUBTITLE_WIDTH = 52
EMPTY_WIDTH = 36  # characters per line of an empty chart's message: whole in a phone's column
MULTILINE = "split(datum.label, '\\n')"
TOOLTIP_FIELDS = (
    ("published_figure:N", N_("Figure as published")), ("metric_original:N", N_("Source's wording")),
    ("qualifier_note:N", N_("Qualifier")), ("place_name:N", N_("Place")),
    ("period_label:N", N_("Period")), ("scope_label:N", N_("Scope")),
    ("attribution:N", N_("Source")), ("status_label:N", N_("Status")), ("flag:N", N_("Flag")),
    ("quote:N", N_("Words of the statement")),
)


def tooltip() -> list[alt.Tooltip]:
    """What hovering a mark shows, titled in the interface language."""
    return [alt.Tooltip(field, title=_(title)) for field, title in TOOLTIP_FIELDS]


def category_colours() -> dict[str, str]:
    """Device metrics' names in the interface language -> their colours."""
    return {_(metric_label(m)): DEVICE_COLOURS[d] for d, m in DEVICE_METRICS.items()}


SVG = {"embedOptions": {"renderer": "svg"}}
# Dates in Azerbaijani and Russian charts: day first, months by name only where they stand alone
# (Vega's defaults read "may 03" and "C. 03" for a Sunday).
DAY_MONTH_YEAR = "%d.%m.%Y"
TIME_AXIS = {"year": "%Y", "quarter": "%b", "month": "%b", "week": "%d.%m", "date": "%d.%m",
             "hours": "%H:%M", "minutes": "%H:%M", "seconds": ":%S", "milliseconds": ".%L"}
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")  # the height stays as set


def inline(frame: pd.DataFrame) -> alt.InlineData:
    """Chart data as inline rows (dates as ISO text), so building a spec needs no global
    Altair data transformer and has no row limit."""
    return alt.InlineData(values=sanitize_pandas_dataframe(frame).to_dict("records"))


def vega_lite(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite spec, ready for st.vega_lite_chart.

    Schema validation is skipped here (it costs about 0.3 s a chart on every rerun); the
    tests build every chart with validation on. Numbers and dates on the axes follow the
    interface language.
    """
    spec = chart.to_dict(validate=False)
    if (locale := d3_locale()) is not None:
        spec.setdefault("config", {}).update(
            locale=locale, timeFormat=DAY_MONTH_YEAR, axisTemporal={"format": TIME_AXIS})
    return spec


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
        "scope_label": claims["scope"].map(translated(SCOPE_LABELS)).fillna(claims["scope"]),
        "originator": _wrapped(originator),
        "attribution": claims["attribution"],
        "status_label": claims["status"].map(translated(STATUS_LABELS)).fillna(claims["status"]),
        "flag": claims["flag"] if "flag" in claims.columns else "",
        "quote": claims["quote"].fillna("") if "quote" in claims.columns else "",
        "qualifier": qualifier,
        "qualifier_word": qualifier.map(translated(QUALIFIER_WORDS)).fillna(""),
        "qualifier_note": qualifier.map(translated(QUALIFIER_NOTES)).fillna(_("exact as published")),
        "series": originator + "|" + claims["metric"] + "|" + claims["scope"].astype(str) + "|"
        + claims["place_id"].astype(str) + "|"
        + claims["period_start"].dt.strftime("%Y-%m-%d").fillna("-"),
        "metric_label": claims["metric"].map(lambda m: _(metric_label(m))),
        "metric_original": claims["metric"].map(metric_label),
    })
    return frame.sort_values(["end", "claim_id"]).reset_index(drop=True)


def _subtitle(*lines: str) -> list[str]:
    return [part for line in lines if line for part in textwrap.wrap(line, SUBTITLE_WIDTH)]


def _originator_colour() -> alt.Color:
    return alt.Color("originator:N", title=_("Source (who published it)"),
                     scale=alt.Scale(scheme="tableau10"), legend=alt.Legend(
        orient="bottom", direction="vertical", labelLimit=0, labelExpr=MULTILINE,
        columns=1, symbolLimit=0))


def empty_chart(message: str, title: str = "") -> alt.Chart:
    """A chart that says there is nothing to draw (under the chart's usual title): the message
    starts at the left edge and wraps, so a narrow column shows it whole."""
    lines = textwrap.wrap(message, EMPTY_WIDTH) or [message]
    return alt.Chart(inline(pd.DataFrame({"text": ["\n".join(lines)]}))).mark_text(
        size=14, align="left", baseline="top", lineBreak="\n", lineHeight=20, x=0, y=4,
        color="#31333f").encode(text="text:N", tooltip=alt.value(None)).properties(
        title=alt.TitleParams(title, anchor="start"), description=message, height=20 * len(lines) + 8,
        usermeta=SVG, autosize=FIT_WIDTH)


def _describe(title: str, data: pd.DataFrame) -> str:
    """A text alternative: what the chart shows, how many figures from whom, and the latest."""
    sources = sorted({s.replace("\n", " ") for s in data["originator"]})
    latest = data.sort_values(["end", "claim_id"]).iloc[-1]
    when = _("{start} to {end}").format(start=data["start"].min().date(), end=data["end"].max().date())
    return _("{title}: {figures} from {sources} ({names}), {when}. Latest: {figure} ({period}, "
             "{source}).").format(
        title=title, figures=n_("{count} figure", "{count} figures", len(data)).format(count=len(data)),
        sources=n_("{count} source", "{count} sources", len(sources)).format(count=len(sources)),
        names=", ".join(sources), when=when, figure=latest["published_figure"],
        period=latest["period_label"], source=latest["attribution"])


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
        return empty_chart(_("No figures for {metric} in this selection").format(
            metric=in_sentence(_(metric_label(metric)))), _(metric_label(metric)))
    data = chart_frame(subset)
    several = data["place_name"].nunique() > 1
    base = alt.Chart()
    y = alt.Y("value:Q", title=_(unit_title))
    colour = (alt.Color("place_name:N", title=_("Place"), scale=alt.Scale(scheme="tableau10"),
                        legend=alt.Legend(orient="bottom", direction="vertical"))
              if several else _originator_colour())
    by_source = alt.Shape("originator:N", title=_("Source (who published it)"), legend=alt.Legend(
        orient="bottom", direction="vertical", labelLimit=0, labelExpr=MULTILINE, symbolLimit=0))
    words_shown = translated(QUALIFIER_WORDS)
    by_qualifier = alt.Shape("qualifier_word:N", legend=None, scale=alt.Scale(
        domain=[words_shown[q] for q in QUALIFIER_SHAPES], range=list(QUALIFIER_SHAPES.values())))
    bars = base.transform_filter(alt.datum.period_type == "period").mark_rect(opacity=0.6).encode(
        x=alt.X("start:T", title=_("Date")), x2="end:T", y=y, y2=alt.datum(0), color=colour,
        tooltip=tooltip())
    running = base.transform_filter(alt.datum.period_type == "cumulative")
    lines = running.mark_line(strokeWidth=2).encode(
        x="end:T", y=y, color=colour, detail="series:N", tooltip=tooltip(),
        strokeDash=alt.StrokeDash("metric_label:N", title=_("Metric"),
                                  legend=None if len(metrics) == 1 else alt.Legend(orient="bottom")))
    points = base if several else running  # with colour for places, a point says who published
    exact = points.transform_filter(alt.datum.qualifier == "exact").mark_point(
        filled=True, size=50).encode(x="mark_at:T", y=y, color=colour, tooltip=tooltip(),
                                     **({"shape": by_source} if several else {}))
    qualified = base.transform_filter(alt.datum.qualifier != "exact")
    open_marks = qualified.mark_point(filled=False, size=150, strokeWidth=2).encode(
        x="mark_at:T", y=y, color=colour, tooltip=tooltip(),
        shape=by_source if several else by_qualifier)
    words = qualified.mark_text(dy=-14, fontSize=11, color="#222222").encode(
        x="mark_at:T", y=y, text="qualifier_word:N", tooltip=tooltip())
    flags = base.transform_filter(alt.datum.flag != "").mark_point(
        shape="square", size=260, filled=False, strokeWidth=2, color=FLAG_COLOUR
    ).encode(x="mark_at:T", y=y, tooltip=tooltip())
    title = _(metric_label(metric))
    length = in_sentence(_(PERIOD_LENGTH_LABELS.get(period_length, period_length)))
    subtitle = _subtitle(
        (_("Colour: place; shape: source.") if several else _("Colour: source.")) + " "
        + _("Lines: running totals, one line per source and series."),
        _("Bars: {length}.").format(length=length),
        _("Open shapes and words mark 'more than', 'about', 'up to'. Red squares: figures that "
          "disagree."), _(note))
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
    return over_time(claims, ["area_reported_cleared"], N_("hectares"), period_length,
                     note=N_("Areas in hectares, converted from the unit published."))


def casualties_over_time(claims: pd.DataFrame,
                         period_length: str = DEFAULT_PERIOD_LENGTH) -> alt.Chart:
    """Casualty, killed and injured totals over time, one line per series."""
    return over_time(claims, ["casualties", "killed", "injured"], N_("people"), period_length,
                     note=N_("Line style: casualties, killed, injured."))


def _bar_labels(values: pd.Series) -> alt.Scale:
    """An x scale with room right of the longest bar for its figure."""
    top = float(values.max()) if len(values) else 1.0
    return alt.Scale(domain=[0, top * 1.35 or 1.0], nice=False)


def by_district(figures: pd.DataFrame, metric: str,
                period_length: str = DEFAULT_PERIOD_LENGTH) -> alt.Chart:
    """Each district's latest figure of one period length, with its figure written at its bar."""
    length = _(PERIOD_LENGTH_LABELS.get(period_length, period_length))
    metric_name = _(metric_label(metric))
    if figures.empty:
        return empty_chart(_("No {length} for {metric} by district").format(
            length=in_sentence(length), metric=in_sentence(metric_name)), _("By district"))
    periods = figures["period"].value_counts()
    label = figures["district_name"].astype(str)
    if len(periods) > 1:
        label = label + " (" + figures["period"].astype(str) + ")"
    data = figures.drop(columns="all_figures").assign(
        district_name=label,
        disagreement=figures["conflict"].map({True: _("sources disagree"), False: _("single figure")}),
        place_name=figures["district_name"],
    )
    scale = _bar_labels(data["value_base"])
    base = alt.Chart(inline(data)).encode(
        y=alt.Y("district_name:N", sort="-x", title=None,
                axis=alt.Axis(labelLimit=0, labelOverlap=False)),
        x=alt.X("value_base:Q", title=metric_name, scale=scale,
                axis=alt.Axis(titleLimit=0, labelOverlap=True)),
        tooltip=[
            alt.Tooltip("published_figure:N", title=_("Figure as published")),
            alt.Tooltip("period:N", title=_("Period")), alt.Tooltip("attribution:N", title=_("Source")),
            alt.Tooltip("quote:N", title=_("Words of the statement")),
        ],
    )
    bars = base.mark_bar().encode(color=alt.Color("disagreement:N", title=None, scale=alt.Scale(
        domain=[_("single figure"), _("sources disagree")], range=["#d94801", FLAG_COLOUR]),
        legend=alt.Legend(orient="bottom")))
    text = base.mark_text(align="left", dx=4, fontSize=11, color="#222222").encode(
        text="published_figure:N")
    when = (_("Period: {period}.").format(period=periods.index[0]) if len(periods) == 1
            else _("Periods differ between districts: each bar names its own."))
    listed = "; ".join(f"{n}: {f}" for n, f in zip(data["district_name"], data["published_figure"],
                                                       strict=True))
    return (bars + text).properties(
        title=alt.TitleParams(_("By district"), anchor="start", subtitle=_subtitle(
            _("{metric}. {length}, latest per district.").format(metric=metric_name, length=length),
            when)),
        height=alt.Step(24), usermeta=SVG, autosize=FIT_WIDTH,
        description=_("Bar chart, {metric} by district, {length}: {listed}.").format(
            metric=metric_name, length=in_sentence(length), listed=listed),
    )


def finds_by_category(claims: pd.DataFrame,
                      period_length: str = DEFAULT_PERIOD_LENGTH) -> alt.Chart:
    """AP mines, AT mines and UXO found per published period of one length, side by side."""
    length = _(PERIOD_LENGTH_LABELS.get(period_length, period_length))
    device_metrics = list(DEVICE_METRICS.values())
    colours = category_colours()
    subset = coarsest(claims[
        claims["metric"].isin(device_metrics) & (claims["period_type"] == "period")
        & (claims["period_length"] == period_length)
    ])
    if subset.empty:
        return empty_chart(_("No {length} of mines or UXO found in this selection").format(
            length=in_sentence(length)), _("Mines and UXO found"))
    data = chart_frame(subset)
    data["row"] = data["period_label"] + "\n" + data["originator"]
    order = list(dict.fromkeys(data.sort_values(["start", "row"])["row"]))
    scale = _bar_labels(data["value"])
    base = alt.Chart(inline(data)).encode(
        y=alt.Y("row:N", title=None, sort=order,
                axis=alt.Axis(labelLimit=0, labelExpr=MULTILINE, labelOverlap=False)),
        yOffset=alt.YOffset("metric_label:N", sort=list(colours)),
        x=alt.X("value:Q", title=_("items found"), scale=scale),
        tooltip=tooltip(),
    )
    bars = base.mark_bar().encode(color=alt.Color(
        "metric_label:N", title=_("Category"), scale=alt.Scale(
            domain=list(colours), range=list(colours.values())),
        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0)))
    text = base.mark_text(align="left", dx=4, fontSize=10, color="#222222").encode(
        text="published_figure:N")
    listed = "; ".join(
        f"{p.replace(chr(10), ' ')}, {m}: {f}"
        for p, m, f in zip(data["row"], data["metric_label"], data["published_figure"], strict=True))
    return (bars + text).properties(
        title=alt.TitleParams(_("Mines and UXO found"), anchor="start", subtitle=_subtitle(
            _("{length}, by category; each row is one source's statement.").format(length=length))),
        height={"step": 14, "for": "offset"}, usermeta=SVG, autosize=FIT_WIDTH,
        description=_("Bar chart, mines and UXO found, {length}: {listed}.").format(
            length=in_sentence(length), listed=listed),
    )
