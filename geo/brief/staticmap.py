"""The map as a still picture for the brief: the same district colours, places and finds as the
interactive map, at the view the reader was looking at (or the chosen districts)."""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence

import geopandas as gpd
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from geo.i18n import _
from geo.links import MapView
from geo.mapping import DEVICE_COLOURS, LegendEntry
from geo.mapping.common import INCIDENT_COLOUR, OTHER_DEVICE_COLOUR
from geo.vocab import DEVICE_LABELS, PlaceLevel

SIZE_IN = (7.2, 5.4)
DPI = 200
SCREEN_PX = (880, 560)  # the interactive map's size on a desktop page
MAX_POINTS = 20_000  # beyond this the picture draws a sample: dots would merge anyway


def view_bounds(view: MapView) -> tuple[float, float, float, float]:
    """(west, south, east, north) of what a Leaflet map of the usual size shows at a view."""
    degrees_per_px = 360 / (256 * 2 ** view.zoom)
    half_lon = SCREEN_PX[0] / 2 * degrees_per_px
    half_lat = SCREEN_PX[1] / 2 * degrees_per_px * math.cos(math.radians(view.lat))
    return view.lon - half_lon, view.lat - half_lat, view.lon + half_lon, view.lat + half_lat


def _extent(places: gpd.GeoDataFrame, selected: Sequence[str],
            view: MapView | None) -> tuple[float, float, float, float]:
    if view is not None:
        return view_bounds(view)
    districts = places[places["level"] == PlaceLevel.DISTRICT.value]
    if selected:
        districts = districts[districts["place_id"].isin(selected)]
    west, south, east, north = districts.total_bounds
    pad_x, pad_y = (east - west) * 0.08 or 0.1, (north - south) * 0.08 or 0.1
    return west - pad_x, south - pad_y, east + pad_x, north + pad_y


def _draw_districts(ax, places: gpd.GeoDataFrame, styles: Mapping[str, dict],
                    names: Mapping[str, str]) -> None:
    districts = places[places["level"] == PlaceLevel.DISTRICT.value]
    for row in districts.itertuples():
        style = styles.get(row.place_id, {})
        gpd.GeoSeries([row.geometry]).plot(
            ax=ax, facecolor=style.get("fill", "#f2f2f2"), alpha=style.get("opacity", 0.5),
            edgecolor=style.get("color", "#444444"), linewidth=0.8,
            linestyle="--" if style.get("dash") else "-")
        point = row.geometry.representative_point()
        ax.annotate(names.get(row.place_id, row.name), (point.x, point.y), fontsize=7,
                    ha="center", va="center", color="#222222", clip_on=True,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.6})


def _draw_events(ax, events: pd.DataFrame) -> None:
    located = events.dropna(subset=["lat", "lon"])
    if len(located) > MAX_POINTS:
        located = located.sample(MAX_POINTS, random_state=0)
    finds = located[located["kind"] == "find"]
    colours = finds["device_category"].map(DEVICE_COLOURS).fillna(OTHER_DEVICE_COLOUR)
    ax.scatter(finds["lon"].astype(float), finds["lat"].astype(float), s=9, c=list(colours),
               edgecolors="white", linewidths=0.3, zorder=4)
    incidents = located[located["kind"] == "incident"]
    ax.scatter(incidents["lon"].astype(float), incidents["lat"].astype(float), s=14,
               marker="x", c=INCIDENT_COLOUR, linewidths=0.9, zorder=5)


def _draw_places(ax, places: gpd.GeoDataFrame, names: Mapping[str, str]) -> None:
    points = places[places["level"].isin([PlaceLevel.SETTLEMENT.value, PlaceLevel.NAMED_FEATURE.value])]
    for row in points.itertuples():
        if row.geometry is None or row.geometry.is_empty:
            continue
        point = row.geometry.representative_point()
        ax.plot(point.x, point.y, "o", markersize=3.5, color="#333333", zorder=6)
        ax.annotate(names.get(row.place_id, row.name), (point.x, point.y), xytext=(4, 2),
                    textcoords="offset points", fontsize=6.5, color="#111111", zorder=7,
                    clip_on=True)


def _legend(ax, entries: Sequence[LegendEntry], title: str, events: pd.DataFrame) -> None:
    handles = [Patch(facecolor=e.colour, edgecolor="#444444", linestyle="--" if e.dashed else "-",
                     alpha=0.5 if e.muted else 0.85, label=e.label) for e in entries]
    kinds = set(events["kind"]) if len(events) else set()
    if "find" in kinds:
        handles += [Line2D([], [], marker="o", linestyle="", color=DEVICE_COLOURS[code],
                           label=_(label)) for code, label in DEVICE_LABELS.items()]
    if "incident" in kinds:
        handles.append(Line2D([], [], marker="x", linestyle="", color=INCIDENT_COLOUR,
                              label=_("Mine incident")))
    ax.legend(handles=handles, title=title, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              fontsize=6.5, title_fontsize=7, frameon=False)


def static_map(places: gpd.GeoDataFrame, styles: Mapping[str, dict], legend: Sequence[LegendEntry],
               legend_title: str, events: pd.DataFrame, names: Mapping[str, str],
               selected: Sequence[str] = (), view: MapView | None = None) -> bytes:
    """A PNG of the districts choropleth, places, finds and incidents for the brief."""
    figure = Figure(figsize=SIZE_IN, dpi=DPI)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0.01, 0.06, 0.64, 0.92))
    west, south, east, north = _extent(places, selected, view)
    countries = places[places["level"] == PlaceLevel.COUNTRY.value]
    if len(countries):
        countries.plot(ax=ax, facecolor="#f4f1e8", edgecolor="#999999", linewidth=0.5)
    _draw_districts(ax, places, styles, names)
    _draw_places(ax, places, names)
    _draw_events(ax, events)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(1 / math.cos(math.radians((south + north) / 2)))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    _legend(ax, legend, legend_title, events)
    figure.text(0.01, 0.015, _("Boundaries: Natural Earth (public domain). Places: GeoNames "
                               "(CC BY 4.0), Wikipedia (CC BY-SA 4.0). District boundaries are "
                               "approximate."), fontsize=5.5, color="#444444")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
