"""How the server itself answers, below the pages: whose forwarded address it believes, and
where the browser looks for the server when a page is opened by its own address.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import uvicorn.config
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


def trust_only(proxies: Sequence[str]) -> None:
    """Make uvicorn take the client's address from X-Forwarded-For only when the connection
    comes from one of these proxies (addresses or networks; none by default).

    uvicorn believes the header from 127.0.0.1 and ::1 unless told otherwise, so anyone on
    this machine could claim any address. `streamlit run server.py` builds uvicorn's
    configuration before it imports server.py and wraps the app in this middleware after,
    so server.py calls this at import to put the deployment's list in uvicorn's place.
    """
    trusted = list(proxies)

    class ConfiguredProxies(ProxyHeadersMiddleware):
        """uvicorn's own proxy-header handling with the deployment's trusted proxies."""

        def __init__(self, app: App, trusted_hosts: object = None) -> None:
            super().__init__(app, trusted_hosts=trusted)

    uvicorn.config.ProxyHeadersMiddleware = ConfiguredProxies  # type: ignore[misc]


_BASE_SCRIPT = b"<script>window.__streamlit = Object.assign({}, window.__streamlit, " \
    b"{BACKEND_BASE_URL: window.location.origin + %s});</script>"


class ServerBaseOnPages:
    """ASGI middleware: the app's HTML page tells Streamlit's frontend where the server is.

    Opened at /history, the frontend first probes /history/_stcore/health and
    /history/_stcore/host-config (404s in the console) before trying the app's root. Its
    documented embedding setting `window.__streamlit.BACKEND_BASE_URL` names the root, so
    it probes only there.
    """

    def __init__(self, app: App, base_path: Callable[[], str]) -> None:
        self.app = app
        self.base_path = base_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope.get("method") != "GET" or "/_stcore/" in path \
                or "/api/" in path or "." in path.rsplit("/", 1)[-1]:
            await self.app(scope, receive, send)
            return
        # A page (about 8 kB) is sent uncompressed, so the script can be put in.
        scope = {**scope, "headers": [(k, v) for k, v in scope.get("headers", [])
                                      if k != b"accept-encoding"]}
        held: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def rewrite(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers", []))
                if headers.get(b"content-type", b"").startswith(b"text/html") and \
                        b"content-encoding" not in headers:
                    held["start"] = message
                    return
                await send(message)
                return
            if "start" not in held:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            script = _BASE_SCRIPT % json.dumps(self.base_path()).encode()
            body = body.replace(b"<head>", b"<head>" + script, 1)
            start = held["start"]
            start["headers"] = [(k, v) for k, v in start.get("headers", []) if k != b"content-length"]
            start["headers"].append((b"content-length", str(len(body)).encode()))
            await send(start)
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, rewrite)
