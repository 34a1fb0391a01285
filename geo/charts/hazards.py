"""Charts of hazard areas and land release: remaining contamination, land released by method
over time and by district, and breakdowns by operator and land use.

A stacked bar adds up only one originator's records (bars of several originators stand side
by side, never on top of each other); a published breakdown and totals computed from records
are separate series, each named in its legend as published (with its source) or computed
(from how many records of whom).
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from geo.charts import FIT_WIDTH, MULTILINE, SVG, empty_chart, inline, wrap
from geo.hazards.areas import hectares_text
from geo.i18n import N_, _, in_sentence, n_, translated
from geo.units import format_number
from geo.vocab.colours import HAZARD_TYPE_COLOURS, RELEASED_COLOUR
from geo.vocab.hazards import PUBLISHED, RELEASE_METHOD_LABELS, HazardType

METHOD_COLOURS = {"cancelled": "#c7e9c0", "reduced": "#74c476", "cleared": RELEASED_COLOUR}
TYPE_LABELS = {HazardType.SHA.value: N_("SHA (suspected)"), HazardType.CHA.value: N_("CHA (confirmed)")}
PUBLISHED_COLOURS = ["#3b6ea8", "#7b6bb0", "#5b8fd0"]
COMPUTED_COLOURS = ["#2b8a4b", "#c9a227", "#8c6d31", "#59a14f"]
SYNTHETIC_NOTE = N_("Includes synthetic demonstration data (not real).")
SIDE_BY_SIDE = N_("Bars of different sources stand side by side, never added.")
NO_RELEASE = N_("No land-release records end in this selection")
SUBTITLE_WIDTH = 60


def _subtitle(*lines: str) -> list[str]:
    return [part for line in lines if line for part in textwrap.wrap(line, SUBTITLE_WIDTH)]


def _notes(several: bool, synthetic: bool) -> tuple[str, str]:
    """The notes under a chart of records: sources side by side, synthetic data included."""
    return _(SIDE_BY_SIDE) if several else "", _(SYNTHETIC_NOTE) if synthetic else ""


def _legend(title: str | None) -> alt.Legend:
    return alt.Legend(title=title, orient="bottom", direction="vertical", labelLimit=0,
                      labelExpr=MULTILINE, symbolLimit=0)


def _originators(frame: pd.DataFrame) -> pd.DataFrame:
    data = frame.assign(originator=frame["originator"].map(lambda o: wrap(o, 40)))
    if "method" in data.columns:  # stacks in the order of the methods: cancelled at the bottom
        data["method_rank"] = data["method"].map({m: i for i, m in enumerate(METHOD_COLOURS)})
    return data


def _properties(chart: alt.TopLevelMixin, title: str, subtitle: list[str], description: str,
                **extra: object) -> alt.TopLevelMixin:
    return chart.properties(title=alt.TitleParams(title, subtitle=subtitle, anchor="start"),
                            description=description, usermeta=SVG, autosize=FIT_WIDTH, **extra)


def _listed(frame: pd.DataFrame, *columns: str) -> str:
    """Each bar in words, for screen readers: 'Lachin, CHA (confirmed): 12.5 ha'."""
    return "; ".join(", ".join(str(row[c]).replace("\n", " ") for c in columns)
                     + ": " + hectares_text(row["area_ha"], 1) for _row, row in frame.iterrows())


def remaining_by_district(frame: pd.DataFrame, synthetic: bool) -> alt.Chart:
    """Open and in-progress hazard area per district, stacked SHA/CHA, one bar per originator."""
    title = _("Remaining contamination by district")
    if frame.empty:
        return empty_chart(_("No open or in-progress hazard areas in this selection"), title)
    several = frame["originator"].nunique() > 1
    labels = translated(TYPE_LABELS)
    data = _originators(frame).assign(type_label=frame["hazard_type"].map(labels))
    y = alt.Y("district_name:N", sort="-x", title=None, axis=alt.Axis(labelLimit=0))
    tooltip = [alt.Tooltip("district_name:N", title=_("District")),
               alt.Tooltip("type_label:N", title=_("Type")),
               alt.Tooltip("area_ha:Q", title=_("Hectares"), format=",.1f"),
               alt.Tooltip("areas:Q", title=_("Hazard areas")),
               alt.Tooltip("originator:N", title=_("Records of"))]
    offset = {"yOffset": alt.YOffset("originator:N")} if several else {}
    bars = alt.Chart(inline(data)).mark_bar().encode(
        y=y, x=alt.X("area_ha:Q", title=_("hectares (open or in progress)")), tooltip=tooltip,
        color=alt.Color("type_label:N", scale=alt.Scale(
            domain=list(labels.values()), range=[HAZARD_TYPE_COLOURS["SHA"], HAZARD_TYPE_COLOURS["CHA"]]),
            legend=_legend(_("Type"))), **offset)
    areas = int(frame["areas"].sum())
    subtitle = _subtitle(
        n_("Computed from {count} recorded hazard area with status open or in progress; hectares "
           "from the polygons (equal-area projection).",
           "Computed from {count} recorded hazard areas with status open or in progress; hectares "
           "from the polygons (equal-area projection).", areas).format(count=format_number(areas)),
        *_notes(several, synthetic))
    description = _("Bar chart, {title}: {bars}.").format(
        title=in_sentence(title), bars=_listed(data, "district_name", "type_label"))
    return _properties(bars, title, subtitle, description, height=alt.Step(22))


def _method_colour() -> alt.Color:
    methods = list(translated(RELEASE_METHOD_LABELS).values())
    return alt.Color("method_label:N", scale=alt.Scale(domain=methods, range=list(METHOD_COLOURS.values())),
                     legend=_legend(_("Method")), sort=methods)


def _release_tooltip() -> list[alt.Tooltip]:
    return [alt.Tooltip("method_label:N", title=_("Method")),
            alt.Tooltip("area_ha:Q", title=_("Hectares"), format=",.2f"),
            alt.Tooltip("records:Q", title=_("Records")),
            alt.Tooltip("originator:N", title=_("Records of"))]


def released_over_time(frame: pd.DataFrame, synthetic: bool) -> alt.Chart:
    """Land released per year, stacked by method; each stack holds one originator's records."""
    title = _("Land released by method")
    if frame.empty:
        return empty_chart(_(NO_RELEASE), title)
    several = frame["originator"].nunique() > 1
    data = _originators(frame).assign(year=frame["year"].astype(int).astype(str))
    offset = {"xOffset": alt.XOffset("originator:N")} if several else {}
    bars = alt.Chart(inline(data)).mark_bar().encode(
        x=alt.X("year:O", title=_("Year the release was completed")),
        y=alt.Y("area_ha:Q", title=_("hectares released"), stack=True),
        color=_method_colour(), order=alt.Order("method_rank:Q"),
        tooltip=[alt.Tooltip("year:O", title=_("Year")), *_release_tooltip()], **offset)
    records = int(frame["records"].sum())
    subtitle = _subtitle(
        n_("Computed from {count} land-release record (areas as the records state them). "
           "Cancelled: non-technical survey; reduced: technical survey.",
           "Computed from {count} land-release records (areas as the records state them). "
           "Cancelled: non-technical survey; reduced: technical survey.", records).format(
            count=format_number(records)),
        _("One stack per source and year: sources are never added together.") if several else "",
        _(SYNTHETIC_NOTE) if synthetic else "")
    description = _("Stacked bar chart, {title}: {bars}.").format(
        title=in_sentence(title), bars=_listed(data, "year", "method_label", "originator"))
    return _properties(bars, title, subtitle, description, height=260)


def released_by_district(frame: pd.DataFrame, synthetic: bool) -> alt.Chart:
    """Land released per district, stacked by method; one bar per originator."""
    title = _("Land released by district")
    if frame.empty:
        return empty_chart(_(NO_RELEASE), title)
    several = frame["originator"].nunique() > 1
    data = _originators(frame)
    offset = {"yOffset": alt.YOffset("originator:N")} if several else {}
    bars = alt.Chart(inline(data)).mark_bar().encode(
        y=alt.Y("district_name:N", sort="-x", title=None, axis=alt.Axis(labelLimit=0)),
        x=alt.X("area_ha:Q", title=_("hectares released"), stack=True),
        color=_method_colour(), order=alt.Order("method_rank:Q"),
        tooltip=[alt.Tooltip("district_name:N", title=_("District")), *_release_tooltip()], **offset)
    records = int(frame["records"].sum())
    subtitle = _subtitle(
        n_("Computed from {count} land-release record, by the district of its hazard area (or the "
           "district it names).",
           "Computed from {count} land-release records, by the district of their hazard area (or "
           "the district they name).", records).format(count=format_number(records)),
        *_notes(several, synthetic))
    description = _("Stacked bar chart, {title}: {bars}.").format(
        title=in_sentence(title), bars=_listed(data, "district_name", "method_label", "originator"))
    return _properties(bars, title, subtitle, description, height=alt.Step(22))


def _series_colours(frame: pd.DataFrame) -> alt.Scale:
    kinds = dict(zip(frame["series"], frame["kind"], strict=True))
    published = [s for s, kind in kinds.items() if kind == PUBLISHED]
    computed = [s for s, kind in kinds.items() if kind != PUBLISHED]
    colours = [PUBLISHED_COLOURS[i % len(PUBLISHED_COLOURS)] for i in range(len(published))]
    colours += [COMPUTED_COLOURS[i % len(COMPUTED_COLOURS)] for i in range(len(computed))]
    return alt.Scale(domain=[wrap(s, 60) for s in published + computed], range=colours)


def breakdown(frame: pd.DataFrame, title: str, unit_title: str, note: str = "") -> alt.Chart:
    """A year's breakdown by operator or land use: published and computed series side by side."""
    if frame.empty:
        return empty_chart(_("No published or computed figures for this year"), title)
    data = frame.assign(series=frame["series"].map(lambda s: wrap(s, 60)))
    base = alt.Chart(inline(data)).encode(
        y=alt.Y("category:N", title=None, sort=list(dict.fromkeys(frame["category"])),
                axis=alt.Axis(labelLimit=0)),
        yOffset=alt.YOffset("series:N"),
        x=alt.X("value:Q", title=unit_title, scale=alt.Scale(domain=[0, float(frame["value"].max())
                                                                       * 1.3 or 1.0], nice=False)),
        tooltip=[alt.Tooltip("category:N", title=_("Category")),
                 alt.Tooltip("figure:N", title=_("Figure")), alt.Tooltip("series:N", title=_("Series"))])
    bars = base.mark_bar().encode(color=alt.Color("series:N", scale=_series_colours(frame),
                                                  legend=_legend(_("Series"))))
    text = base.mark_text(align="left", dx=4, fontSize=10, color="#222222").encode(text="figure:N")
    kinds = set(frame["kind"])
    subtitle = _subtitle(
        _("Published figures keep their source's wording and period; computed figures add up "
          "land-release records. The two are separate series, never added together.")
        if len(kinds) > 1 else (_("Published figures, as their source gave them.") if PUBLISHED in kinds
                                else _("Computed from land-release records.")), note)
    listed = "; ".join(f"{row.category} ({' '.join(row.series.splitlines())}): {row.figure}"
                       for row in data.itertuples())
    return _properties(bars + text, title, subtitle,
                       _("Bar chart, {title}: {bars}.").format(title=in_sentence(title), bars=listed),
                       height={"step": 13, "for": "offset"})
