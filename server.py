"""ASGI entry: the Streamlit app (app.py) plus the map's own endpoint (`streamlit run server.py`).

The map's Leaflet layers fetch finds and incidents for the visible area from /api/map/...,
so panning and zooming never rerun the script. AppTest and `streamlit run app.py` still run
app.py alone (the map then draws everything but finds and incidents).
"""

from __future__ import annotations

import streamlit as st

from ui.links import ROUTES as LINK_ROUTES
from ui.map_api import ROUTES

app = st.App("app.py", routes=[*ROUTES, *LINK_ROUTES])
