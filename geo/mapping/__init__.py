"""The map: layers that stay, state the sidebar sets, and finds queried for the view."""

from geo.bbox import BBox
from geo.mapping.base import MapBase, map_base
from geo.mapping.build import API_PATH, build_map, state_layer
from geo.mapping.common import (
    DEFAULT_LAYERS,
    LAYER_COUNTRIES,
    LAYER_DISTRICTS,
    LAYER_FINDS,
    LAYER_HAZARDS,
    LAYER_INCIDENTS,
    LAYER_LABELS,
    LAYER_PLACES,
    LAYER_TILES,
    LAYERS,
    NO_FIGURE_FILL,
    NOT_SELECTED_FILL,
    LegendEntry,
    esc,
)
from geo.mapping.districts import class_breaks, colour_for, district_styles, legend_title
from geo.mapping.hazards import HazardIndex
from geo.mapping.index import EventIndex
from geo.mapping.state import legend_html, map_state

__all__ = [
    "API_PATH",
    "DEFAULT_LAYERS",
    "DEVICE_COLOURS",
    "LAYERS",
    "LAYER_COUNTRIES",
    "LAYER_DISTRICTS",
    "LAYER_FINDS",
    "LAYER_HAZARDS",
    "LAYER_INCIDENTS",
    "LAYER_LABELS",
    "LAYER_PLACES",
    "LAYER_TILES",
    "NOT_SELECTED_FILL",
    "NO_FIGURE_FILL",
    "BBox",
    "EventIndex",
    "HazardIndex",
    "LegendEntry",
    "MapBase",
    "build_map",
    "class_breaks",
    "colour_for",
    "district_styles",
    "esc",
    "legend_html",
    "legend_title",
    "map_base",
    "map_state",
    "state_layer",
]
