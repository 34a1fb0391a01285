"""The shared sidebar: filters and map layers, kept in session state across pages."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo.filters import Filters, follow_bounds, period_bounds
from geo.mapping import DEFAULT_LAYERS, LAYERS
from geo.sources import party_label
from geo.vocab import DEVICE_LABELS, METRICS, metric_label
from ui.cache import Views

DEFAULT_METRIC = "area_reported_cleared"


def layer_key(name: str) -> str:
    """Session-state key of a layer's checkbox."""
    return f"layer:{name}"


def _period_state(first: dt.date, last: dt.date) -> None:
    """Start at the whole range; afterwards follow the data's bounds as uploads move them."""
    chosen = st.session_state.get("f_period")
    bounds = (first, last)
    st.session_state["f_period"] = (
        bounds if chosen is None
        else follow_bounds(chosen, st.session_state.get("f_period_bounds"), bounds)
    )
    st.session_state["f_period_bounds"] = bounds


def render_filters(data: Views) -> Filters:
    """Period, district, metric, device and party filters; returns what is selected."""
    st.sidebar.header("Filters")
    first, last = period_bounds(data.claims, data.events)
    _period_state(first, last)
    start, end = st.sidebar.slider(
        "Period", min_value=first, max_value=last,
        format="YYYY-MM-DD", key="f_period",
        help="Figures whose period overlaps this range are shown.",
    )
    places = data.tables.places
    districts = places[places["level"] == "district"].sort_values("name")
    district_names = dict(zip(districts["place_id"], districts["name"], strict=True))
    chosen_districts = st.sidebar.multiselect(
        "District", options=list(district_names), format_func=district_names.get,
        key="f_districts", placeholder="All districts",
    )
    present = [m for m in METRICS if m in set(data.claims["metric"])] or [DEFAULT_METRIC]
    metric = st.sidebar.selectbox(
        "Map metric", options=present,
        index=present.index(DEFAULT_METRIC) if DEFAULT_METRIC in present else 0,
        format_func=metric_label, key="f_metric",
    )
    devices = st.sidebar.multiselect(
        "Device category", options=list(DEVICE_LABELS), format_func=DEVICE_LABELS.get,
        key="f_devices", placeholder="All categories",
    )
    parties = st.sidebar.multiselect(
        "Source party", options=sorted(set(data.tables.sources["party"])),
        format_func=party_label, key="f_parties", placeholder="All parties",
    )
    return Filters(start=start, end=end, metric=metric, districts=tuple(chosen_districts),
                   devices=tuple(devices), parties=tuple(parties))


LAYER_GENERATION = "layer_generation"


def _sidebar_layers_changed() -> None:
    st.session_state[LAYER_GENERATION] = st.session_state.get(LAYER_GENERATION, 0) + 1


def layer_memory_token() -> str:
    """Changes whenever a sidebar layer box is ticked, so the map forgets in-map toggles."""
    return str(st.session_state.get(LAYER_GENERATION, 0))


def render_layers() -> dict[str, bool]:
    """Which map layers start visible; the map's own layer control can toggle them too."""
    st.sidebar.header("Map layers")
    return {
        name: st.sidebar.checkbox(name, value=DEFAULT_LAYERS[name], key=layer_key(name),
                                  on_change=_sidebar_layers_changed)
        for name in LAYERS
    }
