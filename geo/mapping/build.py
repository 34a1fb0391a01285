"""The folium map: one Leaflet map whose layers live in the app's own script, plus its state.

`build_map` is the same for every filter set of a data version, so streamlit-folium keeps
the mounted map (and its zoom and position) across reruns; `state_layer` carries what the
sidebar chose and is applied in place by `minedash.update`.
"""

from __future__ import annotations

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo.assets import own_asset_url, own_script, use_local_assets
from geo.i18n import _, current_language
from geo.mapping.base import MapBase
from geo.mapping.common import (
    DEFAULT_ZOOM,
    LAYER_LABELS,
    MAX_ZOOM,
    MIN_ZOOM,
    js_json,
)
from geo.mapping.hazards import styles as hazard_styles

API_PATH = "/api/map"


MAP_SCRIPTS = ("minedash.js", "hazards.js")


class MapLayers(JSCSSMixin, MacroElement):
    """The app's map scripts, then `minedash.init` with the layers that do not depend on the
    filters."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this.code }}
        minedash.init({{ this._parent.get_name() }}, {{ this.base }}, {{ this.options }});
        {% endmacro %}
    """)

    def __init__(self, base: str, options: str) -> None:
        super().__init__()
        self._name = "MapLayers"
        self.code = own_script(*MAP_SCRIPTS)
        self.base = base
        self.options = options


class MapState(MacroElement):
    """Calls `minedash.update` with the filters, layer choices and district styles."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        minedash.update(window.map, {{ this.state }});
        {% endmacro %}
    """)

    def __init__(self, state: str) -> None:
        super().__init__()
        self._name = "MapState"
        self.state = state


def map_text() -> dict[str, str]:
    """What the map's script writes itself, in the interface language ({count}: a number)."""
    return {
        "cell_finds": _("Reported finds: {count}"), "cell_incidents": _("Incidents: {count}"),
        "items_stated": _("{count} items stated"), "zoom_in": _("Click to zoom in"),
        "cell_hazards": _("Hazard areas: {count}"), "hectares_in_all": _("{area} ha in all"),
        "place": _(" (place)"), "place_approximate": _(" (place, approximate location)"),
        "map": _("Map of districts, places, finds and incidents"),
        "stale": _("The data changed since this map was drawn: reload the page."),
        "stale_short": _("The data changed: reload the page."), "loading": _("Loading…"),
        "at_spot": _("{count} items at this spot"), "incident": _("Mine incident"),
        "more_here": _("+{count} more here"), "details": _("click for details"),
        "layers": _("Map layers"), "km": _("km"), "m": _("m"),  # the scale bar's units
    }


def build_map(base: MapBase, data_key: str, as_of: int | None = None,
              start: tuple[float, float, int] | None = None) -> folium.Map:
    """The mounted map for one data version: Leaflet, the app's map script and its layers.

    `start` (lat, lon, zoom) is where it opens (a link's map position).
    """
    use_local_assets()
    MapLayers.default_css = [("minedash_css", own_asset_url("minedash.css"))]
    lat, lon, zoom = start or (*base.center, DEFAULT_ZOOM)
    fmap = folium.Map(location=(lat, lon), zoom_start=zoom, tiles=None,
                      maxZoom=MAX_ZOOM, minZoom=MIN_ZOOM)  # no tile layer: the map itself needs maxZoom
    options = {
        "api": API_PATH, "data": data_key, "as_of": as_of, "lang": current_language(),
        "hazard_styles": hazard_styles(),
        "locale": {"en": "en-US", "az": "az-Latn-AZ", "ru": "ru-RU"}.get(current_language(), "en-US"),
        "text": map_text(), "labels": {code: _(label) for code, label in LAYER_LABELS.items()},
    }
    MapLayers(js_json(base.layers), js_json(options)).add_to(fmap)
    return fmap


def state_layer(state: dict) -> folium.FeatureGroup:
    """The sidebar's state as a feature group streamlit-folium swaps in without a remount."""
    group = folium.FeatureGroup(name="state", control=False)
    MapState(js_json(state)).add_to(group)
    return group
