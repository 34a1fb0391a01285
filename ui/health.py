"""The health check behind the load balancer: this instance answers and its store does too."""

from __future__ import annotations

import os
import socket

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from geo.store import StoreError
from ui.cache import get_store

HEALTH_PATH = "/api/health"
INSTANCE = os.environ.get("MINEDASH_INSTANCE") or f"{socket.gethostname()}:{os.getpid()}"
NO_STORE = {"Cache-Control": "no-store"}


def health(_request: Request) -> JSONResponse:
    """200 with the instance name, schema and latest revision; 503 when the store fails."""
    try:
        store = get_store()
        revision, _ = store.version_stamp()
        body = {"status": "ok", "instance": INSTANCE, "schema": store.schema_version(),
                "revision": revision}
        return JSONResponse(body, headers=NO_STORE)
    except StoreError as error:
        return JSONResponse({"status": "failing", "instance": INSTANCE, "error": error.title},
                            status_code=503, headers=NO_STORE)


ROUTES = [Route(HEALTH_PATH, health, methods=["GET"])]
