"""ASGI entry: the Streamlit app (app.py) plus the map's own endpoint (`streamlit run server.py`).

The map's Leaflet layers fetch finds and incidents for the visible area from /api/map/...,
so panning and zooming never rerun the script; /api/health says whether this instance and its
store answer (docs/deploy.md). AppTest and `streamlit run app.py` still run
app.py alone (the map then draws everything but finds and incidents).
"""

from __future__ import annotations

import streamlit as st

from ui import health, map_api

app = st.App("app.py", routes=[*map_api.ROUTES, *health.ROUTES])
