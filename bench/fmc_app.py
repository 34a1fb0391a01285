"""The comparison for `make bench`: the same located finds drawn by folium's FastMarkerCluster.

A plain Streamlit page over the same store (run with `streamlit run bench/fmc_app.py`): the
finds are read once and cached, the folium map is built on each run as folium users do, with
a device filter so a rerun can be timed. Offline like the app: assets from static/vendor.
"""

from __future__ import annotations

import folium
import folium.plugins
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.assets import CLUSTER_CSS, CLUSTER_JS, use_local_assets
from geo.store import Store, database_url
from geo.vocab import DEVICE_LABELS
from ui.run_times import run_finished, run_started


@st.cache_resource
def located_finds(url: str) -> pd.DataFrame:
    """Every find that has coordinates: latitude, longitude and device category."""
    events = Store(url).snapshot().events
    finds = events[(events["kind"] == "find") & events["lat"].notna() & events["lon"].notna()]
    return finds[["lat", "lon", "device_category"]].astype({"lat": float, "lon": float})


started = run_started()
st.set_page_config(page_title="FastMarkerCluster comparison", layout="wide")
use_local_assets()
folium.plugins.FastMarkerCluster.default_js = CLUSTER_JS
folium.plugins.FastMarkerCluster.default_css = CLUSTER_CSS
devices = st.sidebar.multiselect("Device category", list(DEVICE_LABELS), format_func=DEVICE_LABELS.get)
finds = located_finds(database_url())
if devices:
    finds = finds[finds["device_category"].isin(devices)]
fmap = folium.Map(location=(39.68, 46.6), zoom_start=8, tiles=None, maxZoom=16, minZoom=5)
# Leaflet's own marker (folium's default callback needs Font Awesome markers from a CDN).
PLAIN_MARKER = "function (row) { return L.marker(new L.LatLng(row[0], row[1])); }"
folium.plugins.FastMarkerCluster(finds[["lat", "lon"]].to_numpy().tolist(),
                                 callback=PLAIN_MARKER).add_to(fmap)
st_folium(fmap, height=560, use_container_width=True, returned_objects=[], key="fmc")
run_finished(started, "fmc")
