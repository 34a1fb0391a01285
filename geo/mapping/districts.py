"""The districts choropleth: one style, tooltip, popup and accessible name per district.

The figures come from the caller (an already computed district-figures frame), so the map
shades whatever comparison the caller chose. Districts left out by the District filter are
drawn muted as "not selected", never as "no figure published".
"""

from __future__ import annotations

import math
from collections.abc import Collection

import geopandas as gpd
import pandas as pd

from geo.i18n import N_, _
from geo.mapping.common import (
    NO_FIGURE_FILL,
    NOT_SELECTED_FILL,
    PALETTE,
    LegendEntry,
    NameLookup,
    esc,
    lines,
    status_text,
)
from geo.units import format_number
from geo.vocab import METRICS, Dimension, PlaceLevel, metric_label

DIMENSION_UNITS = {Dimension.AREA: N_("ha"), Dimension.SHARE: "%", Dimension.COUNT: ""}


def metric_unit(metric: str) -> str:
    """Unit of the metric's base values on the map ('ha' for areas, '' for counts)."""
    info = METRICS.get(metric)
    return _(DIMENSION_UNITS[info.dimension]) if info and DIMENSION_UNITS[info.dimension] else ""


def legend_title(metric: str) -> str:
    """'Area reported cleared of mines and UXO (ha)': the metric with its unit."""
    unit = metric_unit(metric)
    label = _(metric_label(metric))
    return f"{label} ({unit})" if unit else _("{metric} (number)").format(metric=label)


def class_breaks(values: list[float], classes: int = len(PALETTE)) -> list[float]:
    """Upper bounds of equal-count classes over the values (at most `classes`)."""
    ordered = sorted(set(values))
    if not ordered:
        return []
    count = min(classes, len(ordered))
    return [ordered[math.ceil((i + 1) * len(ordered) / count) - 1] for i in range(count)]


def colour_for(value: float, breaks: list[float]) -> str:
    """Palette colour of the class a value falls in."""
    offset = len(PALETTE) - len(breaks)
    for i, upper in enumerate(breaks):
        if value <= upper:
            return PALETTE[offset + i]
    return PALETTE[-1]


def _with_unit(value: float, unit: str) -> str:
    number = format_number(value)
    return f"{number}%" if unit == "%" else f"{number} {unit}".strip()


def _legend(breaks: list[float], unit: str, muted: bool) -> tuple[LegendEntry, ...]:
    entries = [LegendEntry(NO_FIGURE_FILL, _("No figure published"), dashed=True)]
    if muted:
        entries.append(LegendEntry(NOT_SELECTED_FILL, _("Not selected (District filter)"), muted=True))
    offset = len(PALETTE) - len(breaks)
    for i, upper in enumerate(breaks):
        text = (_("up to {figure}").format(figure=_with_unit(upper, unit)) if i == 0
                else f"{format_number(breaks[i - 1])} – {_with_unit(upper, unit)}")
        entries.append(LegendEntry(PALETTE[offset + i], text))
    return tuple(entries)


def _figure_popup(name: str, aka: str, label: str, fig: pd.Series) -> str:
    listed = "".join(f"<li>{esc(f)} ({esc(p)}): {esc(a)}</li>" for f, p, a in fig["all_figures"])
    return lines(
        f"<b>{esc(name)}</b>", f"<i>{esc(aka)}</i>" if aka else "",
        f"{esc(label)}: <b>{esc(fig['published_figure'])}</b>", esc(fig["period"]),
        esc(_("Source: {source}").format(source=fig["attribution"])),
        f"<q>{esc(fig['quote'])}</q>" if fig.get("quote") else "", status_text(fig["status"]),
        "<b>" + esc(_("Sources disagree for this period")) + "</b>" if fig["conflict"] else "",
        esc(_("All figures:")) + f"<ul>{listed}</ul>",
    )


def district_styles(
    places: gpd.GeoDataFrame, names: NameLookup, figures: pd.DataFrame, metric: str,
    selected: Collection[str] = (),
) -> tuple[dict[str, dict], tuple[LegendEntry, ...]]:
    """Per district id: fill, outline, tooltip, popup and accessible name; and the legend.

    `figures` is a district-figures frame (one row per district with a figure); `selected`
    the District filter (empty: every district is selected).
    """
    by_district = figures.set_index("district_id")
    shown = by_district[by_district.index.isin(selected)] if selected else by_district
    breaks = class_breaks(shown["value_base"].tolist())
    label = _(metric_label(metric))
    styles: dict[str, dict] = {}
    for row in places[places["level"] == PlaceLevel.DISTRICT.value].itertuples():
        aka = names.others(row.place_id, row.name)
        aka_line = f"<i>{esc(aka)}</i>" if aka else ""
        if selected and row.place_id not in selected:
            styles[row.place_id] = {
                "fill": NOT_SELECTED_FILL, "dash": "", "opacity": 0.25, "color": "#9a9a9a",
                "popup": lines(f"<b>{esc(row.name)}</b>", aka_line,
                               esc(_("Not selected: the District filter leaves it out"))),
                "tooltip": esc(_("{district}: not selected").format(district=row.name)),
                "aria": _("{district}: not selected").format(district=row.name),
                "state": "not-selected",
            }
        elif row.place_id in shown.index:
            fig = shown.loc[row.place_id]
            styles[row.place_id] = {
                "fill": colour_for(fig["value_base"], breaks), "dash": "", "opacity": 0.75,
                "color": "#444444", "popup": _figure_popup(row.name, aka, label, fig),
                "tooltip": f"{esc(row.name)}: {esc(fig['published_figure'])}",
                "aria": f"{row.name}: {fig['published_figure']} ({label}, {fig['attribution']})",
                "state": "figure",
            }
        else:
            styles[row.place_id] = {
                "fill": NO_FIGURE_FILL, "dash": "4 4", "opacity": 0.35, "color": "#444444",
                "popup": lines(f"<b>{esc(row.name)}</b>", aka_line, esc(
                    _("No published figure for {metric} in the selection").format(metric=label))),
                "tooltip": esc(_("{district}: no figure").format(district=row.name)),
                "aria": _("{district}: no figure published").format(district=row.name),
                "state": "no-figure",
            }
    return styles, _legend(breaks, metric_unit(metric), bool(selected))
