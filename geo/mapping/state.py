"""What the sidebar sets on the mounted map, and the legend shown under it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

import geopandas as gpd
import pandas as pd

from geo.filters import Filters
from geo.i18n import _, translated
from geo.mapping.common import LegendEntry, esc, js_json
from geo.mapping.districts import district_styles
from geo.mapping.hazards import HazardIndex
from geo.mapping.index import KINDS, EventIndex
from geo.vocab import DEVICE_LABELS
from geo.vocab.colours import DEVICE_COLOURS, OTHER_DEVICE_COLOUR


def filter_params(filters: Filters) -> dict:
    """The event filters as the map's endpoint reads them."""
    return {
        "start": filters.start.isoformat(), "end": filters.end.isoformat(),
        "districts": list(filters.districts), "devices": list(filters.devices),
        "parties": list(filters.parties),
    }


def map_state(
    places: gpd.GeoDataFrame, index: EventIndex, figures: pd.DataFrame, filters: Filters,
    layers: Mapping[str, bool], token: str, first_zoom: int | None = None,
    hazards: HazardIndex | None = None,
) -> tuple[dict, tuple[LegendEntry, ...]]:
    """District styles from the caller's district figures, event filters, layer choices, and,
    given `first_zoom` (the zoom a map being mounted opens at), the finds, incidents and (given
    `hazards`) hazard areas of a view of the whole region at that zoom (`first`, see
    geo.mapping.first): the map draws them without asking its endpoint while its view holds them
    all. A mounted map's later states leave them out: they would weigh on every rerun.

    `token` changes when the sidebar's layer boxes change, so the map then forgets the
    toggles made in its own layer control.
    """
    styles, legend = district_styles(places, index.names, figures, filters.metric, filters.districts)
    state = {
        "districts": styles, "filters": filter_params(filters), "layers": dict(layers),
        "token": token,
        "outlines": {kind: index.district_outlines(kind, filters) for kind in KINDS},
        "first": {} if first_zoom is None else first_views(index, filters, first_zoom, hazards),
    }
    state["digest"] = hashlib.sha256(js_json(state).encode()).hexdigest()[:12]
    return state, legend


def first_views(index: EventIndex, filters: Filters, zoom: int,
                hazards: HazardIndex | None) -> dict[str, dict]:
    """The whole region's answers at the zoom for the layers that have one (small enough)."""
    first = {kind: view for kind in KINDS if (view := index.first_view(kind, filters, zoom))}
    if hazards and (view := hazards.first_view(zoom, filters.districts, filters.parties)):
        first["hazards"] = view
    return first


def _swatch(entry: LegendEntry) -> str:
    border = "dashed" if entry.dashed else "solid"
    opacity = "opacity:0.5;" if entry.muted else ""
    return (f'<span style="display:inline-block;margin:2px 10px 2px 0">'
            f'<span style="display:inline-block;width:14px;height:14px;vertical-align:middle;'
            f'{opacity}background:{esc(entry.colour)};border:1px {border} #444"></span> '
            f'{esc(entry.label)}</span>')


def legend_html(entries: Iterable[LegendEntry], title: str) -> str:
    """The choropleth and finds legend as small escaped HTML swatches (no d3, no CDN)."""
    districts = "".join(_swatch(e) for e in entries)
    finds = "".join(
        f'<span style="display:inline-block;margin:2px 10px 2px 0">'
        f'<span style="display:inline-block;width:11px;height:11px;border-radius:50%;'
        f'vertical-align:middle;background:{esc(DEVICE_COLOURS.get(code, OTHER_DEVICE_COLOUR))}">'
        f'</span> {esc(label)}</span>'
        for code, label in translated(DEVICE_LABELS).items()
    )
    heading = esc(_("Reported finds"))
    explained = esc(_("(a number in a circle: finds reported in that area; zoom in for each find)"))
    return (f'<div class="mc-legend"><b>{esc(title)}</b><br>{districts}<br>'
            f'<b>{heading}</b> {explained}<br>{finds}</div>')
