"""Only the browser an editor signed in with may send files to Streamlit's upload endpoint.

Streamlit accepts an upload from any open session (the session id is in the upload's
address, and anyone who learns it could use it). A PUT to the upload endpoint is let
through only if it carries the sign-in cookie (ui/session_cookie.py) and the session in its
address is signed in as the same editor with the same nonce: a viewer's session, a session
id used from another browser, or a signed-out cookie get 403 before the body is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from geo.signin_cookie import Grant

UPLOAD_PATH = re.compile(r"/_stcore/upload_file/(?P<session>[^/]+)/")
EDITOR_KEY = "editor"
NONCE_KEY = "_signin_nonce"

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
SessionGrant = Callable[[str], Grant | None]
CookieGrant = Callable[[list[tuple[bytes, bytes]]], Grant | None]


def session_grant(session_id: str) -> Grant | None:
    """The editor and nonce this live Streamlit session is signed in with, if any."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return None
    info = Runtime.instance()._session_mgr.get_active_session_info(session_id)
    if info is None:
        return None
    state = info.session.session_state  # not a Mapping: no .get
    editor, nonce = ((state[key] if key in state else None)  # noqa: SIM401
                     for key in (EDITOR_KEY, NONCE_KEY))
    return Grant(editor, nonce) if isinstance(editor, str) and isinstance(nonce, str) else None


def cookie_grant(headers: list[tuple[bytes, bytes]]) -> Grant | None:
    """What the request's sign-in cookie grants (None: no valid cookie)."""
    from ui.auth import configured_editors
    from ui.session_cookie import cookie_from_headers, tokens

    editors: Mapping[str, str] = configured_editors()
    return tokens().verify(cookie_from_headers(headers), editors)


class UploadGuard:
    """ASGI middleware: a PUT to the upload endpoint not bound to an editor's browser gets 403."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]],
                 session: SessionGrant = session_grant, cookie: CookieGrant = cookie_grant) -> None:
        self.app = app
        self.session = session
        self.cookie = cookie

    def allowed(self, session_id: str, headers: list[tuple[bytes, bytes]]) -> bool:
        """Whether the session is signed in with exactly the grant the request's cookie holds."""
        held = self.session(session_id)
        return held is not None and self.cookie(headers) == held

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method") == "PUT":
            match = UPLOAD_PATH.search(scope.get("path", ""))
            if match and not self.allowed(match.group("session"), list(scope.get("headers", []))):
                body = json.dumps({"detail": "Only a signed-in editor can upload files."}).encode()
                await send({"type": "http.response.start", "status": 403,
                            "headers": [(b"content-type", b"application/json"),
                                        (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
