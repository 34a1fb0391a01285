"""Entry point: page config, the shared sidebar and navigation over pages/."""

from __future__ import annotations

import streamlit as st

from geo.assets import missing_assets
from geo.store import StoreError
from ui.cache import current_as_of, views
from ui.entry import leave_old_style_pages_mode
from ui.failures import stop_with
from ui.sidebar import render_filters, render_layers

st.set_page_config(page_title="Mine-clearance dashboard: Azerbaijan", page_icon="🗺️", layout="wide")

leave_old_style_pages_mode()
try:
    data = views()
except StoreError as failure:
    stop_with(failure)
st.session_state["filters"] = render_filters(data)
st.session_state["layers"] = render_layers()
if current_as_of():
    st.sidebar.warning(f"Viewing the data as of revision {current_as_of()} (see History).")
    st.warning(f"You are viewing the data as it stood after revision {current_as_of()}, not the "
               "current data. Choose “Now” under History to return to the current data.",
               icon="🕓")
if missing_assets():
    st.sidebar.error("Offline map assets are missing: run `make assets`.")

navigation = st.navigation([
    st.Page("pages/overview.py", title="Overview", icon="🗺️", default=True),
    st.Page("pages/sources.py", title="Sources and contradictions", icon="📑"),
    st.Page("pages/hazards.py", title="Hazard areas and land release", icon="⚠️"),
    st.Page("pages/upload.py", title="Upload", icon="⬆️"),
    st.Page("pages/history.py", title="History", icon="🕓"),
])
navigation.run()
