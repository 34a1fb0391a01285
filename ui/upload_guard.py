"""Only signed-in editors' sessions may send files to Streamlit's upload endpoint.

Streamlit accepts an upload from any open session (the file then waits in server memory
until the session ends); viewers never see an upload control, so an upload from a viewer's
session is refused before it is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

UPLOAD_PATH = re.compile(r"/_stcore/upload_file/(?P<session>[^/]+)/")
EDITOR_KEY = "editor"

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def session_is_editor(session_id: str) -> bool:
    """Whether this Streamlit session has a signed-in editor (checked on the live runtime)."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return False
    info = Runtime.instance()._session_mgr.get_active_session_info(session_id)
    if info is None:
        return False
    state = info.session.session_state
    return EDITOR_KEY in state and bool(state[EDITOR_KEY])


class UploadGuard:
    """ASGI middleware: a PUT to the upload endpoint from a non-editor session gets 403."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]],
                 is_editor: Callable[[str], bool] = session_is_editor) -> None:
        self.app = app
        self.is_editor = is_editor

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method") == "PUT":
            match = UPLOAD_PATH.search(scope.get("path", ""))
            if match and not self.is_editor(match.group("session")):
                body = json.dumps({"detail": "Only a signed-in editor can upload files."}).encode()
                await send({"type": "http.response.start", "status": 403,
                            "headers": [(b"content-type", b"application/json"),
                                        (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
