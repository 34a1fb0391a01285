"""The map: pre-serialised GeoJSON layers and the folium map built from them (offline)."""

from __future__ import annotations

import html
import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import folium
import folium.plugins
import geopandas as gpd
import pandas as pd
import shapely
from branca.element import MacroElement
from jinja2 import Template

from geo.assets import use_local_assets
from geo.figures import district_figures
from geo.units import format_number
from geo.vocab import DEVICE_LABELS, STATUS_LABELS, PlaceLevel, metric_label

PALETTE = ("#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704")
NO_FIGURE_FILL = "#f2f2f2"
DEVICE_COLOURS = {
    "AP_mine": "#c0392b", "AT_mine": "#6a3d9a", "UXO": "#1f78b4", "IED_booby_trap": "#e08214",
}
INCIDENT_COLOUR = "#111111"
CLUSTER_THRESHOLD = 30
DEFAULT_CENTER = (39.68, 46.6)  # the formerly conflict-affected districts
EVENT_FIELDS = [
    "event_id", "kind", "place_name", "place_id", "place_level", "district_id", "lat", "lon",
    "date_start", "date_end", "device_category", "device_model", "quantity", "killed",
    "injured", "attribution", "status", "note",
]
MAX_ZOOM = 14

LAYER_COUNTRIES = "Country outlines"
LAYER_DISTRICTS = "Districts"
LAYER_PLACES = "Places"
LAYER_FINDS = "Reported finds"
LAYER_INCIDENTS = "Incidents"
LAYER_TILES = "Internet tiles (OpenStreetMap)"
LAYERS = (LAYER_DISTRICTS, LAYER_PLACES, LAYER_FINDS, LAYER_INCIDENTS, LAYER_COUNTRIES, LAYER_TILES)
DEFAULT_LAYERS = {name: name != LAYER_TILES for name in LAYERS}
PANES = {
    LAYER_COUNTRIES: ("countries", 350), LAYER_DISTRICTS: ("districts", 400),
    LAYER_INCIDENTS: ("incidents", 610), LAYER_FINDS: ("finds", 620),
    LAYER_PLACES: ("places", 630),
}


@dataclass(frozen=True)
class LegendEntry:
    """A colour swatch and what it means."""

    colour: str
    label: str
    dashed: bool = False


@dataclass(frozen=True)
class MapPayload:
    """Everything the map draws, as JSON strings: cheap to cache and deterministic."""

    countries: str
    districts: str
    places: str
    finds_points: str
    finds_districts: str
    incidents_points: str
    incidents_districts: str
    legend: tuple[LegendEntry, ...]
    center: tuple[float, float]
    finds_count: int


def esc(value: object) -> str:
    """HTML-escape any value for a popup or tooltip ('' for missing)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def _lines(*parts: str) -> str:
    return "<br>".join(part for part in parts if part)


def _feature_collection(features: Iterable[dict]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))


EMPTY_COLLECTION = _feature_collection([])


def _feature(geometry: shapely.Geometry | dict, properties: dict) -> dict:
    shape = geometry if isinstance(geometry, dict) else shapely.geometry.mapping(geometry)
    return {"type": "Feature", "geometry": shape, "properties": properties}


def other_names(names: pd.DataFrame, place_id: str, shown: str, limit: int = 6) -> str:
    """A place's other names, Azerbaijani and English first, for popups."""
    rows = names[names["place_id"] == place_id]
    order = {"azerbaijani_official": 0, "english": 1, "armenian_usage": 2, "armenian_script": 3,
             "cyrillic_russian": 4, "latin_variant": 5, "editor_alias": 6, "name_of_its_seat": 7}
    ranked = sorted(rows.itertuples(), key=lambda r: (order.get(r.usage, 9), r.name))
    unique = list(dict.fromkeys(r.name for r in ranked if r.name != shown))
    return ", ".join(unique[:limit])


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


def _status_text(status: str) -> str:
    return "" if status == "reported" else f"<b>Status: {esc(STATUS_LABELS.get(status, status))}</b>"


def districts_layer(
    places: gpd.GeoDataFrame, names: pd.DataFrame, claims: pd.DataFrame, metric: str
) -> tuple[str, tuple[LegendEntry, ...]]:
    """Choropleth GeoJSON of the metric's latest district figure, and its legend."""
    figures = district_figures(claims, metric).set_index("district_id")
    breaks = class_breaks(figures["value_base"].tolist())
    label = metric_label(metric)
    features = []
    for row in places[places["level"] == PlaceLevel.DISTRICT.value].itertuples():
        aka = other_names(names, row.place_id, row.name)
        if row.place_id in figures.index:
            fig = figures.loc[row.place_id]
            listed = "".join(
                f"<li>{esc(f)} ({esc(p)}): {esc(a)}</li>" for f, p, a in fig["all_figures"]
            )
            popup = _lines(
                f"<b>{esc(row.name)}</b>", f"<i>{esc(aka)}</i>" if aka else "",
                f"{esc(label)}: <b>{esc(fig['published_figure'])}</b>", esc(fig["period"]),
                f"Source: {esc(fig['attribution'])}", _status_text(fig["status"]),
                "<b>Sources disagree for this period</b>" if fig["conflict"] else "",
                f"All figures:<ul>{listed}</ul>",
            )
            tooltip = f"{esc(row.name)}: {esc(fig['published_figure'])}"
            style = {"fill": colour_for(fig["value_base"], breaks), "dash": "", "has": True}
        else:
            popup = _lines(f"<b>{esc(row.name)}</b>", f"<i>{esc(aka)}</i>" if aka else "",
                           f"No published figure for {esc(label)} in the selection")
            tooltip = f"{esc(row.name)}: no figure"
            style = {"fill": NO_FIGURE_FILL, "dash": "4 4", "has": False}
        features.append(_feature(row.geometry, {
            "place_id": row.place_id, "popup": popup, "tooltip": tooltip, **style,
        }))
    legend = [LegendEntry(NO_FIGURE_FILL, "No figure published", dashed=True)]
    offset = len(PALETTE) - len(breaks)
    for i, upper in enumerate(breaks):
        text = (f"up to {format_number(upper)}" if i == 0
                else f"{format_number(breaks[i - 1])} – {format_number(upper)}")
        legend.append(LegendEntry(PALETTE[offset + i], text))
    return _feature_collection(features), tuple(legend)


def places_layer(places: gpd.GeoDataFrame, names: pd.DataFrame) -> str:
    """Villages and named features; proxy locations flagged as approximate."""
    features = []
    points = places[places["level"].isin([PlaceLevel.SETTLEMENT.value,
                                          PlaceLevel.NAMED_FEATURE.value])]
    district_names = places.set_index("place_id")["name"]
    for row in points.sort_values("place_id").itertuples():
        aka = other_names(names, row.place_id, row.name)
        district = district_names.get(row.district_id, "")
        approx = ("<b>Approximate location (proxy point)</b>: " + esc(row.source)
                  if row.is_proxy else "")
        features.append(_feature(row.geometry, {
            "place_id": row.place_id,
            "popup": _lines(f"<b>{esc(row.name)}</b>", f"<i>{esc(aka)}</i>" if aka else "",
                            f"District: {esc(district)}", approx),
            "tooltip": esc(row.name) + (" (approximate)" if row.is_proxy else ""),
            "radius": 6, "color": "#333333", "fillColor": "#ffffff" if row.is_proxy else "#333333",
            "dashArray": "3 3" if row.is_proxy else "", "fillOpacity": 0.9, "weight": 2,
        }))
    return _feature_collection(features)


def _event_popup(event: Mapping[str, object], names: pd.DataFrame) -> str:
    place = event["place_name"] if isinstance(event["place_name"], str) else "coordinates"
    aka = other_names(names, event["place_id"], place) if isinstance(event["place_id"], str) else ""
    dates = event["date_start"].date().isoformat()
    if pd.notna(event["date_end"]) and event["date_end"] != event["date_start"]:
        dates += f" to {event['date_end'].date().isoformat()}"
    if event["kind"] == "find":
        quantity = event["quantity"]
        what = (f"{esc(DEVICE_LABELS.get(event['device_category'], event['device_category']))}"
                f"{' (' + esc(event['device_model']) + ')' if event['device_model'] else ''}: "
                f"{esc(format_number(quantity)) if pd.notna(quantity) else 'quantity not stated'}")
    else:
        killed = 0 if pd.isna(event["killed"]) else int(event["killed"])
        injured = 0 if pd.isna(event["injured"]) else int(event["injured"])
        what = f"Mine incident: {killed} killed, {injured} injured"
    return _lines(
        f"<b>{esc(place)}</b>", f"<i>{esc(aka)}</i>" if aka else "", what, esc(dates),
        f"Source: {esc(event['attribution'])}", _status_text(event["status"]),
        esc(event["note"]),
    )


def _event_point(event: Mapping[str, object], places: pd.DataFrame) -> dict | None:
    """GeoJSON point of an event: its coordinates, or its named place's point."""
    if pd.notna(event["lat"]) and pd.notna(event["lon"]):
        return {"type": "Point", "coordinates": [float(event["lon"]), float(event["lat"])]}
    if event["place_level"] in (PlaceLevel.SETTLEMENT.value, PlaceLevel.NAMED_FEATURE.value):
        return shapely.geometry.mapping(places.at[event["place_id"], "geometry"])
    return None


def find_radius(quantity: float | None) -> float:
    """Marker radius growing with the log of the quantity found."""
    if quantity is None or pd.isna(quantity):
        return 6.0
    return round(6.0 + 3.0 * math.log10(1.0 + float(quantity)), 1)


def events_layers(
    events: pd.DataFrame, places: gpd.GeoDataFrame, names: pd.DataFrame, kind: str
) -> tuple[str, str, int]:
    """Point features for located events, and district outlines for district-level ones."""
    by_id = places.set_index("place_id")
    subset = events.loc[events["kind"] == kind, EVENT_FIELDS].sort_values("event_id")
    points, district_events = [], {}
    for event in subset.to_dict("records"):
        point = _event_point(event, by_id)
        popup = _event_popup(event, names)
        if kind == "find":
            colour = DEVICE_COLOURS.get(event["device_category"], "#555555")
            radius = find_radius(event["quantity"])
        else:
            colour, radius = INCIDENT_COLOUR, 7.0
        if point is not None:
            points.append(_feature(point, {
                "event_id": event["event_id"], "popup": popup,
                "tooltip": popup.split("<br>")[0] + " – " + esc(event.get("device_category") or kind),
                "radius": radius, "color": colour, "fillColor": colour, "fillOpacity": 0.6,
                "weight": 2, "dashArray": "",
            }))
        elif isinstance(event["district_id"], str):
            district_events.setdefault(event["district_id"], []).append((popup, colour))
    outlines = []
    for district_id, items in sorted(district_events.items()):
        name = by_id.at[district_id, "name"]
        outlines.append(_feature(by_id.at[district_id, "geometry"], {
            "district_id": district_id,
            "popup": f"<b>{esc(name)}: known only at district level</b><hr>"
                     + "<hr>".join(p for p, _ in items),
            "tooltip": f"{esc(name)}: {len(items)} {'find' if kind == 'find' else 'incident'}"
                       f"{'s' if len(items) != 1 else ''} known only to district level",
            "color": items[0][1],
        }))
    return _feature_collection(points), _feature_collection(outlines), len(points)


def countries_layer(places: gpd.GeoDataFrame) -> str:
    """Country outlines: the offline base layer."""
    countries = places[places["level"] == PlaceLevel.COUNTRY.value].sort_values("place_id")
    return _feature_collection(
        _feature(row.geometry, {"tooltip": esc(row.name), "popup": esc(row.name),
                                "subject": row.place_id == "country:azerbaijan"})
        for row in countries.itertuples()
    )


def map_payload(
    places: gpd.GeoDataFrame, names: pd.DataFrame, claims: pd.DataFrame,
    events: pd.DataFrame, metric: str,
) -> MapPayload:
    """All layers of the map for the filtered claims and events."""
    districts, legend = districts_layer(places, names, claims, metric)
    finds_points, finds_districts, finds_count = events_layers(events, places, names, "find")
    incident_points, incident_districts, _ = events_layers(events, places, names, "incident")
    district_shapes = places[places["level"] == PlaceLevel.DISTRICT.value]
    if district_shapes.empty:
        center = DEFAULT_CENTER
    else:
        minx, miny, maxx, maxy = district_shapes.total_bounds
        center = (round(float(miny + maxy) / 2, 4), round(float(minx + maxx) / 2, 4))
    return MapPayload(
        countries=countries_layer(places), districts=districts,
        places=places_layer(places, names), finds_points=finds_points,
        finds_districts=finds_districts, incidents_points=incident_points,
        incidents_districts=incident_districts, legend=legend,
        center=center,
        finds_count=finds_count,
    )


def _add_geojson(
    data: str, target: folium.map.Layer, pane: str, style: Callable[[dict], dict], *,
    marker: bool = False, highlight: Callable[[dict], dict] | None = None, popup: bool = True,
) -> None:
    """Add a GeoJSON layer with its tooltip (and popup); nothing for an empty collection."""
    if data == EMPTY_COLLECTION:
        return
    layer = folium.GeoJson(
        data, pane=pane, style_function=style, highlight_function=highlight,
        marker=folium.CircleMarker() if marker else None,
    )
    folium.GeoJsonTooltip(fields=["tooltip"], labels=False).add_to(layer)
    if popup:
        folium.GeoJsonPopup(fields=["popup"], labels=False, max_width=360).add_to(layer)
    layer.add_to(target)


def _point_style(pane: str) -> Callable[[dict], dict]:
    """Circle markers styled from their feature's properties, drawn in their own pane."""
    keys = ("radius", "color", "fillColor", "fillOpacity", "weight", "dashArray")
    return lambda f: {"pane": pane, "fill": True, **{k: f["properties"][k] for k in keys}}


def _outline_style(feature: dict) -> dict:
    return {"color": feature["properties"]["color"], "weight": 3, "dashArray": "8 6",
            "fill": False}


def _country_style(feature: dict) -> dict:
    subject = feature["properties"]["subject"]
    return {"color": "#777777", "weight": 1, "fillOpacity": 1.0,
            "fillColor": "#e8e4d8" if subject else "#f7f7f2"}


def _district_style(feature: dict) -> dict:
    props = feature["properties"]
    return {"fillColor": props["fill"], "color": "#444444", "weight": 1.5,
            "dashArray": props["dash"], "fillOpacity": 0.75 if props["has"] else 0.35}


class LayerMemory(MacroElement):
    """Remembers layer-control toggles in the browser tab across reruns and page switches.

    The memory is tied to the sidebar's layer choices (`token`): ticking a box in the
    sidebar starts afresh from what the sidebar says.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var control = {{ this.control.get_name() }};
            var storeKey = "minedash-layer-control";
            var saved = {};
            try { saved = JSON.parse(window.sessionStorage.getItem(storeKey) || "{}"); }
            catch (error) { saved = {}; }
            if (saved.token !== {{ this.token|tojson }}) {
                saved = {token: {{ this.token|tojson }}, layers: {}};
            }
            var overlays = {};
            control._layers.forEach(function(entry) {
                if (entry.overlay) { overlays[entry.name] = entry.layer; }
            });
            Object.keys(saved.layers).forEach(function(name) {
                var layer = overlays[name];
                if (!layer) { return; }
                if (saved.layers[name] && !map.hasLayer(layer)) { map.addLayer(layer); }
                if (!saved.layers[name] && map.hasLayer(layer)) { map.removeLayer(layer); }
            });
            function remember(event) {
                saved.layers[event.name] = event.type === "overlayadd";
                try { window.sessionStorage.setItem(storeKey, JSON.stringify(saved)); }
                catch (error) { /* storage unavailable: the sidebar still keeps state */ }
            }
            map.on("overlayadd", remember);
            map.on("overlayremove", remember);
        })();
        {% endmacro %}
    """)

    def __init__(self, control: folium.LayerControl, token: str) -> None:
        super().__init__()
        self._name = "LayerMemory"
        self.control = control
        self.token = token


def build_map(payload: MapPayload, layers: Mapping[str, bool], memory_token: str = "") -> folium.Map:
    """The folium map; `layers` says which overlays start visible (all stay in the control).

    Layer-control toggles are remembered in the browser tab until `memory_token` changes
    (the sidebar's layer boxes change it).
    """
    use_local_assets()
    fmap = folium.Map(location=payload.center, zoom_start=8, tiles=None, control_scale=True,
                      maxZoom=MAX_ZOOM, minZoom=5)  # no tile layer: the map itself needs maxZoom
    for pane, z_index in PANES.values():
        folium.map.CustomPane(pane, z_index=z_index, pointer_events=True).add_to(fmap)

    def group(name: str) -> folium.FeatureGroup:
        return folium.FeatureGroup(name=name, show=bool(layers.get(name, True))).add_to(fmap)

    tiles = folium.TileLayer("OpenStreetMap", name=LAYER_TILES, overlay=True,
                             show=bool(layers.get(LAYER_TILES, False)), max_zoom=MAX_ZOOM)
    tiles.add_to(fmap)

    _add_geojson(payload.countries, group(LAYER_COUNTRIES), "countries", _country_style,
                 popup=False)
    _add_geojson(payload.districts, group(LAYER_DISTRICTS), "districts", _district_style,
                 highlight=lambda f: {"weight": 3, "color": "#000000"})
    _add_geojson(payload.places, group(LAYER_PLACES), "places", _point_style("places"),
                 marker=True)

    finds = group(LAYER_FINDS)
    _add_geojson(payload.finds_districts, finds, "finds", _outline_style)
    target = (folium.plugins.MarkerCluster(name="clustered finds", control=False).add_to(finds)
              if payload.finds_count > CLUSTER_THRESHOLD else finds)
    _add_geojson(payload.finds_points, target, "finds", _point_style("finds"), marker=True)

    incidents = group(LAYER_INCIDENTS)
    _add_geojson(payload.incidents_districts, incidents, "incidents", _outline_style)
    _add_geojson(payload.incidents_points, incidents, "incidents", _point_style("incidents"),
                 marker=True)

    control = folium.LayerControl(collapsed=False, position="bottomright").add_to(fmap)
    LayerMemory(control, memory_token).add_to(fmap)
    return fmap


def legend_html(entries: Iterable[LegendEntry], title: str) -> str:
    """The choropleth legend as small escaped HTML swatches (no d3, no CDN)."""
    items = "".join(
        f'<span style="display:inline-block;margin:2px 10px 2px 0">'
        f'<span style="display:inline-block;width:14px;height:14px;vertical-align:middle;'
        f'background:{esc(e.colour)};border:1px {"dashed" if e.dashed else "solid"} #444"></span> '
        f'{esc(e.label)}</span>'
        for e in entries
    )
    return f'<div class="mc-legend"><b>{esc(title)}</b><br>{items}</div>'
