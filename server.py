"""ASGI entry: the Streamlit app (app.py) plus the map's own endpoint (`streamlit run server.py`).

The map's Leaflet layers fetch finds and incidents for the visible area from /api/map/...,
so panning and zooming never rerun the script; /api/health says whether this instance and its
store answer (docs/deploy.md). Uploads are accepted only from sessions with a signed-in editor
(ui/upload_guard.py), and a sign-in lasts across reloads and tabs (/api/signin/cookie,
ui/session_cookie.py). X-Forwarded-For is believed only from MINEDASH_TRUSTED_PROXIES
(ui/serving.py). Uploaded files wait on disk until their session closes. On start, a
background thread builds the shared views and map indexes of
the data in force; /api/health says `"ready": true` once they are built. AppTest and
`streamlit run app.py` still run app.py alone (the map then draws everything but finds and
incidents).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware
from streamlit.runtime import Runtime

from geo.settings import unknown_settings
from ui import health, map_api, read_api
from ui.cache import start_warm_up
from ui.links import FIRST_DRAWS
from ui.links import ROUTES as LINK_ROUTES
from ui.serving import ServerBaseOnPages, trust_only
from ui.session_cookie import ROUTES as SIGNIN_ROUTES
from ui.session_cookie import base_path, settings
from ui.upload_guard import UploadGuard
from ui.upload_spool import spool_uploads, start_sweeping

for unknown in unknown_settings():  # a misspelt setting would otherwise do nothing, silently
    logging.getLogger("minedash.settings").warning(unknown)
trust_only(settings().trusted_proxies)


@asynccontextmanager
async def warmed(_app: st.App) -> AsyncIterator[None]:
    """Start building the shared views in the background; serve meanwhile. Maps report their
    first draw here, so pages may wait for it. Uploads wait on disk (ui/upload_spool.py)."""
    spool_uploads(Runtime.instance().uploaded_file_mgr)
    start_sweeping(Runtime.instance())
    start_warm_up()
    FIRST_DRAWS.served = True
    yield


app = st.App(
    "app.py",
    lifespan=warmed,
    routes=[*map_api.ROUTES, *read_api.ROUTES, *health.ROUTES, *LINK_ROUTES, *SIGNIN_ROUTES],
    middleware=[Middleware(UploadGuard), Middleware(ServerBaseOnPages, base_path=base_path)],
)
