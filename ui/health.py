"""The health check behind the load balancer: this instance answers, its store does too, and
whether it is ready (the views of the data in force built)."""

from __future__ import annotations

import os
import socket

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from geo.settings import setting
from geo.store import StoreError
from ui.cache import ensure_warm, get_store

HEALTH_PATH = "/api/health"
INSTANCE = setting("MINEDASH_INSTANCE") or f"{socket.gethostname()}:{os.getpid()}"
NO_STORE = {"Cache-Control": "no-store"}


def health(_request: Request) -> JSONResponse:
    """200 with the instance name, schema, latest revision and readiness (`ready`: false while
    the views of that revision are still being built, which this call starts if need be); 503
    when the store fails."""
    try:
        store = get_store()
        version = store.version_stamp()
        body = {"status": "ok", "instance": INSTANCE, "schema": store.schema_version(),
                "revision": version[0], "ready": ensure_warm(version)}
        return JSONResponse(body, headers=NO_STORE)
    except StoreError as error:
        return JSONResponse({"status": "failing", "instance": INSTANCE, "error": error.title},
                            status_code=503, headers=NO_STORE)


ROUTES = [Route(HEALTH_PATH, health, methods=["GET"])]
