"""Offline map assets: folium is pointed at files the app serves itself, never a CDN."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import folium
import folium.plugins

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
STATIC_URL = "/app/static/vendor"
MAP_URL = "/app/static/map"

LEAFLET_JS = [("leaflet", f"{STATIC_URL}/leaflet/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{STATIC_URL}/leaflet/leaflet.css")]
CLUSTER_JS = [("markerclusterjs", f"{STATIC_URL}/leaflet.markercluster/leaflet.markercluster.js")]
CLUSTER_CSS = [
    ("markerclustercss", f"{STATIC_URL}/leaflet.markercluster/MarkerCluster.css"),
    ("markerclusterdefaultcss", f"{STATIC_URL}/leaflet.markercluster/MarkerCluster.Default.css"),
]
REQUIRED_FILES = [url.removeprefix(STATIC_URL + "/") for _, url in [
    *LEAFLET_JS, *LEAFLET_CSS, *CLUSTER_JS, *CLUSTER_CSS,
]]


def own_asset_url(name: str) -> str:
    """URL of one of the app's own map files, versioned by its content (no stale caches)."""
    digest = hashlib.sha256((STATIC_DIR / "map" / name).read_bytes()).hexdigest()[:10]
    return f"{MAP_URL}/{name}?v={digest}"


@functools.cache
def own_script(*names: str) -> str:
    """The app's own map scripts, in order, as one text to run inside the map's script: the map
    frame then loads only Leaflet before drawing (each script it loads is one more wait on a
    browser thread the page's charts keep busy)."""
    return "\n".join((STATIC_DIR / "map" / name).read_text(encoding="utf-8") for name in names)


def use_local_assets() -> None:
    """Make every folium class this app uses load its JS/CSS from the app's static folder."""
    folium.Map.default_js = LEAFLET_JS
    folium.Map.default_css = LEAFLET_CSS
    folium.plugins.MarkerCluster.default_js = CLUSTER_JS
    folium.plugins.MarkerCluster.default_css = CLUSTER_CSS


def missing_assets() -> list[str]:
    """Vendored files the map needs that are not installed (run `make assets`)."""
    return [name for name in REQUIRED_FILES if not (VENDOR_DIR / name).is_file()]
