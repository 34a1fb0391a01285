"""The map as a still picture for the brief: the same district colours, places and finds as the
interactive map, at the view the reader was looking at (or the chosen districts).

Names are placed as the interactive map places them: the most important first, each at the
first of a few positions around its point where it lies inside the frame and clear of every
name already placed and of every place's dot, or left out. Finds known by their place are
drawn at that place, as on the interactive map; the legend lists only what the picture draws.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import shapely
import shapely.ops
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

from geo.i18n import _
from geo.links import MapView
from geo.mapping import LegendEntry
from geo.mapping.base import OTHER_CATEGORY, POINT_LEVELS
from geo.mapping.common import anchor_point
from geo.vocab import DEVICE_LABELS, PlaceLevel
from geo.vocab.colours import DEVICE_COLOURS, INCIDENT_COLOUR, OTHER_DEVICE_COLOUR

SIZE_IN = (7.2, 5.4)
DPI = 200
MAP_AXES = (0.01, 0.07, 0.62, 0.91)  # left, bottom, width, height of the map in the figure
SCREEN_PX = (880, 560)  # the interactive map's size on a desktop page
MAX_POINTS = 20_000  # beyond this the picture draws a sample: dots would merge anyway
LEGEND_WRAP = 34  # characters per line of the legend's title
LABEL_GAP_PX = 3  # space kept between two names, in pixels of the picture
DISTRICT_SHIFTS = ((0, 0), (0, 9), (0, -9), (0, 18), (0, -18))  # points: centred, then above, below
PLACE_SHIFTS = ((4, 0, "left"), (-4, 0, "right"), (0, 6, "center"), (0, -6, "center"))


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


def _filling(extent: tuple[float, float, float, float],
             box_in: tuple[float, float]) -> tuple[float, float, float, float]:
    """The extent widened in one direction so that, drawn at its latitude's aspect, it fills a
    box of that size (inches) with no blank band."""
    west, south, east, north = extent
    stretch = 1 / math.cos(math.radians((south + north) / 2))
    wide, tall = east - west, (north - south) * stretch
    if wide / tall < box_in[0] / box_in[1]:
        grow = (tall * box_in[0] / box_in[1] - wide) / 2
        return west - grow, south, east + grow, north
    grow = (wide * box_in[1] / box_in[0] - tall) / 2 / stretch
    return west, south - grow, east, north + grow


def _located(events: pd.DataFrame, places: gpd.GeoDataFrame) -> pd.DataFrame:
    """Events with a position: their own, else a point of their place (as the interactive map
    draws them); those known only to their district are left out."""
    anchors = {row.place_id: point for row in places.itertuples()
               if row.level in POINT_LEVELS and (point := anchor_point(row.geometry))}
    lon = pd.to_numeric(events["lon"], errors="coerce")
    lat = pd.to_numeric(events["lat"], errors="coerce")
    missing = lon.isna() | lat.isna()
    anchored = events.loc[missing, "place_id"].map(anchors)
    lon = lon.where(~missing, anchored.map(lambda p: p[0] if isinstance(p, tuple) else math.nan))
    lat = lat.where(~missing, anchored.map(lambda p: p[1] if isinstance(p, tuple) else math.nan))
    located = events.assign(lon=lon, lat=lat).dropna(subset=["lon", "lat"])
    if len(located) > MAX_POINTS:
        located = located.sample(MAX_POINTS, random_state=0)
    return located


@dataclass(frozen=True)
class Name:
    """A name to place: where, how important (higher first), its positions and its style."""

    text: str
    x: float
    y: float
    priority: float
    district: bool


def _district_names(places: gpd.GeoDataFrame, names: Mapping[str, str], selected: Sequence[str],
                    frame: shapely.Geometry) -> list[Name]:
    """A name per district in the frame, at the heart of its largest visible part."""
    found = []
    for row in places[places["level"] == PlaceLevel.DISTRICT.value].itertuples():
        if row.geometry is None or row.geometry.is_empty:
            continue
        visible = row.geometry.intersection(frame)
        parts = [g for g in getattr(visible, "geoms", [visible])
                 if g.geom_type == "Polygon" and not g.is_empty]
        if not parts:
            continue
        largest = max(parts, key=lambda g: g.area)
        point = shapely.ops.polylabel(largest, tolerance=0.001)
        chosen = not selected or row.place_id in selected
        found.append(Name(names.get(row.place_id, row.name), point.x, point.y,
                          (3 if chosen else 1) + largest.area, district=True))
    return found


def _place_names(places: gpd.GeoDataFrame, names: Mapping[str, str],
                 frame: shapely.Geometry) -> list[Name]:
    found = []
    for row in places[places["level"].isin(POINT_LEVELS)].itertuples():
        point = anchor_point(row.geometry)
        if point and frame.contains(shapely.Point(point)):
            found.append(Name(names.get(row.place_id, row.name), *point, priority=2, district=False))
    return found


def _overlaps(box: Bbox, others: Sequence[Bbox]) -> bool:
    grown = box.expanded(1, 1).padded(LABEL_GAP_PX)
    return any(grown.overlaps(other) for other in others)


def _place_labels(ax: Axes, candidates: Sequence[Name], dots: Sequence[Bbox]) -> None:
    """Each name at its first position inside the frame and clear of the others and of the
    places' dots (its own excepted); a name with no such position is left out."""
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer).padded(-LABEL_GAP_PX)
    taken: list[Bbox] = []
    for name in sorted(candidates, key=lambda n: -n.priority):
        shifts = ([(dx, dy, "center") for dx, dy in DISTRICT_SHIFTS] if name.district
                  else PLACE_SHIFTS)
        home = ax.transData.transform((name.x, name.y))
        others = [d for d in dots if not d.contains(*home)]
        for dx, dy, ha in shifts:
            label = ax.annotate(
                name.text, (name.x, name.y), xytext=(dx, dy), textcoords="offset points",
                ha=ha, va="center", zorder=8 if name.district else 7, annotation_clip=False,
                fontsize=7 if name.district else 6.5, color="#222222" if name.district else "#111111",
                fontweight="bold" if name.district else "normal",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                      "alpha": 0.6 if name.district else 0.45})
            box = label.get_window_extent(renderer)
            inside = frame.containsx(box.x0) and frame.containsx(box.x1) \
                and frame.containsy(box.y0) and frame.containsy(box.y1)
            if inside and not _overlaps(box, taken) and not _overlaps(box, others):
                taken.append(box)
                break
            label.remove()


def map_labels(figure: Figure) -> list[Annotation]:
    """The names the picture shows (for checking their placement)."""
    return [text for text in figure.axes[0].texts if isinstance(text, Annotation)]


def _legend(ax: Axes, entries: Sequence[LegendEntry], title: str, finds: pd.DataFrame,
            incidents: pd.DataFrame, places: bool) -> None:
    """Only what the picture draws: the district classes shown and the kinds of finds drawn."""
    handles = [Patch(facecolor=e.colour, edgecolor="#444444", linestyle="--" if e.dashed else "-",
                     alpha=0.5 if e.muted else 0.85, label=e.label) for e in entries]
    drawn = set(finds["device_category"].fillna(""))
    for code, label in (*DEVICE_LABELS.items(), ("", OTHER_CATEGORY)):
        if code in drawn or (code == "" and drawn - set(DEVICE_LABELS)):
            handles.append(Line2D([], [], marker="o", linestyle="", markeredgecolor="white",
                                  color=DEVICE_COLOURS.get(code, OTHER_DEVICE_COLOUR), label=_(label)))
    if len(incidents):
        handles.append(Line2D([], [], marker="x", linestyle="", color=INCIDENT_COLOUR,
                              label=_("Mine incident")))
    if places:
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=5, markerfacecolor="white",
                              markeredgecolor="#333333", label=_("Places")))
    ax.legend(handles=handles, title=textwrap.fill(title, LEGEND_WRAP), loc="upper left",
              bbox_to_anchor=(1.02, 1.0), fontsize=6.5, title_fontsize=7, frameon=False,
              alignment="left")


def map_figure(places: gpd.GeoDataFrame, styles: Mapping[str, dict], legend: Sequence[LegendEntry],
               legend_title: str, events: pd.DataFrame, names: Mapping[str, str],
               selected: Sequence[str] = (), view: MapView | None = None) -> Figure:
    """The districts choropleth, places, finds and incidents for the brief, names placed."""
    figure = Figure(figsize=SIZE_IN, dpi=DPI)
    FigureCanvasAgg(figure)
    ax = figure.add_axes(MAP_AXES)
    box_in = (SIZE_IN[0] * MAP_AXES[2], SIZE_IN[1] * MAP_AXES[3])
    west, south, east, north = _filling(_extent(places, selected, view), box_in)
    frame = shapely.box(west, south, east, north)
    countries = places[places["level"] == PlaceLevel.COUNTRY.value]
    if len(countries):
        countries.plot(ax=ax, facecolor="#f4f1e8", edgecolor="#999999", linewidth=0.5)
    districts = places[places["level"] == PlaceLevel.DISTRICT.value]
    fills = set()
    for row in districts.itertuples():
        style = styles.get(row.place_id, {})
        gpd.GeoSeries([row.geometry]).plot(
            ax=ax, facecolor=style.get("fill", "#f2f2f2"), alpha=style.get("opacity", 0.5),
            edgecolor=style.get("color", "#444444"), linewidth=0.8,
            linestyle="--" if style.get("dash") else "-")
        if row.geometry is not None and row.geometry.intersects(frame):
            fills.add(style.get("fill"))
    located = _located(events, places)
    finds = located[located["kind"] == "find"]
    incidents = located[located["kind"] == "incident"]
    ax.scatter(finds["lon"], finds["lat"], s=16, zorder=5, edgecolors="white", linewidths=0.4,
               c=list(finds["device_category"].map(DEVICE_COLOURS).fillna(OTHER_DEVICE_COLOUR)))
    ax.scatter(incidents["lon"], incidents["lat"], s=16, marker="x", c=INCIDENT_COLOUR,
               linewidths=1.0, zorder=5)
    spots = _place_names(places, names, frame)
    ax.plot([n.x for n in spots], [n.y for n in spots], "o", markersize=5, markerfacecolor="white",
            markeredgecolor="#333333", markeredgewidth=0.9, linestyle="", zorder=4)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(1 / math.cos(math.radians((south + north) / 2)))
    ax.set(xticks=[], yticks=[], xlabel="", ylabel="")
    figure.canvas.draw()  # fixes the aspect, so data positions map to pixels from here on
    dot = 2.5 * DPI / 72
    dots = [Bbox.from_extents(x - dot, y - dot, x + dot, y + dot)
            for x, y in (ax.transData.transform((n.x, n.y)) for n in spots)]
    _place_labels(ax, _district_names(districts, names, selected, frame) + spots, dots)
    _legend(ax, [e for e in legend if e.colour in fills], legend_title, finds, incidents,
            bool(spots))
    figure.text(0.01, 0.015, textwrap.fill(_(
        "Boundaries: Natural Earth (public domain). Places: GeoNames (CC BY 4.0), Wikipedia "
        "(CC BY-SA 4.0). District boundaries are approximate."), 150), fontsize=5.5, color="#444444")
    return figure


def static_map(places: gpd.GeoDataFrame, styles: Mapping[str, dict], legend: Sequence[LegendEntry],
               legend_title: str, events: pd.DataFrame, names: Mapping[str, str],
               selected: Sequence[str] = (), view: MapView | None = None) -> bytes:
    """A PNG of the districts choropleth, places, finds and incidents for the brief."""
    buffer = io.BytesIO()
    map_figure(places, styles, legend, legend_title, events, names, selected, view).savefig(
        buffer, format="png", dpi=DPI)
    return buffer.getvalue()
