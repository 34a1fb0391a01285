"""What every map module shares: layer names, colours, escaping, safe JSON and geometry."""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass

import pandas as pd
import shapely

from geo.i18n import N_, _
from geo.vocab import STATUS_LABELS

PALETTE = ("#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704")
NO_FIGURE_FILL = "#f2f2f2"
NOT_SELECTED_FILL = "#c8c8c8"
DEFAULT_CENTER = (39.68, 46.6)  # the formerly conflict-affected districts
DEFAULT_ZOOM = 8
MIN_ZOOM = 5
MAX_ZOOM = 16

# Each map layer by its code: the code keys session state, links, the map's script and its
# reports; the label (translated where shown) is for display only.
LAYER_DISTRICTS, LAYER_HAZARDS, LAYER_PLACES, LAYER_FINDS, LAYER_INCIDENTS = (
    "districts", "hazards", "places", "finds", "incidents")
LAYER_COUNTRIES, LAYER_TILES = "countries", "tiles"
LAYER_LABELS = {  # in the order the sidebar and the layer control list them
    LAYER_DISTRICTS: N_("Districts"), LAYER_HAZARDS: N_("Hazard areas"),
    LAYER_PLACES: N_("Places"), LAYER_FINDS: N_("Reported finds"),
    LAYER_INCIDENTS: N_("Incidents"), LAYER_COUNTRIES: N_("Country outlines"),
    LAYER_TILES: N_("Internet tiles (OpenStreetMap)"),
}
LAYERS = tuple(LAYER_LABELS)
DEFAULT_LAYERS = {code: code != LAYER_TILES for code in LAYERS}


@dataclass(frozen=True)
class LegendEntry:
    """A colour swatch and what it means."""

    colour: str
    label: str
    dashed: bool = False
    muted: bool = False


def esc(value: object) -> str:
    """HTML-escape any value for a popup or tooltip ('' for missing)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def lines(*parts: str) -> str:
    """Non-empty parts joined as popup lines."""
    return "<br>".join(part for part in parts if part)


def js_json(value: object) -> str:
    """Compact, deterministic JSON that is also safe inside an HTML script element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def status_text(status: str) -> str:
    """A bold status line for anything not plainly 'reported'."""
    label = STATUS_LABELS.get(status)
    text = _("Status: {status}").format(status=_(label) if label else status)
    return "" if status == "reported" else f"<b>{esc(text)}</b>"


def geometry_json(geometry: object) -> dict | None:
    """GeoJSON of a stored geometry, or None when there is nothing finite to draw."""
    if not isinstance(geometry, shapely.Geometry) or geometry.is_empty:
        return None
    if not bool(shapely.is_valid_input(geometry)) or not math.isfinite(sum(geometry.bounds)):
        return None
    return shapely.geometry.mapping(geometry)


def anchor_point(geometry: object) -> tuple[float, float] | None:
    """(lon, lat) to draw a place at: the point itself, or a point on any other geometry."""
    if geometry_json(geometry) is None:
        return None
    point = geometry if geometry.geom_type == "Point" else geometry.representative_point()
    if point.is_empty:
        return None
    return round(float(point.x), 6), round(float(point.y), 6)


NAME_ORDER = {"azerbaijani_official": 0, "english": 1, "armenian_usage": 2, "armenian_script": 3,
              "cyrillic_russian": 4, "latin_variant": 5, "editor_alias": 6, "name_of_its_seat": 7}


class NameLookup:
    """Other names of each place, Azerbaijani and English first, for popups."""

    def __init__(self, names: pd.DataFrame) -> None:
        self._by_place: dict[str, list[str]] = {}
        ranked = sorted(zip(names["place_id"], names["usage"], names["name"], strict=True),
                        key=lambda row: (row[0], NAME_ORDER.get(row[1], 9), row[2]))
        for place_id, _usage, name in ranked:
            self._by_place.setdefault(place_id, []).append(name)

    def others(self, place_id: object, shown: str, limit: int = 6) -> str:
        """Up to `limit` other names of the place, comma-separated."""
        if not isinstance(place_id, str):
            return ""
        unique = dict.fromkeys(n for n in self._by_place.get(place_id, []) if n != shown)
        return ", ".join(list(unique)[:limit])
