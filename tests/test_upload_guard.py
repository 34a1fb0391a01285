"""The upload endpoint takes files only from the browser an editor signed in with."""

from __future__ import annotations

import datetime as dt

from geo.auth import hash_password
from geo.signin_cookie import COOKIE_NAME, Grant, SignInTokens
from tests.own_loop import run_on_own_loop
from ui.session_cookie import cookie_from_headers
from ui.upload_guard import UploadGuard

EDITORS = {"editor": hash_password("correct horse battery", iterations=1000)}
TOKENS = SignInTokens("test secret", dt.timedelta(hours=1))
TOKEN, GRANT = TOKENS.issue("editor", EDITORS)
SESSIONS = {"editor-session": GRANT}


def _call(path: str, method: str, cookie: str | None = TOKEN,
          sessions: dict[str, Grant] = SESSIONS) -> tuple[int, list[str]]:
    reached: list[str] = []
    sent: list[dict] = []

    async def app(scope, receive, send) -> None:
        reached.append(scope["path"])
        await send({"type": "http.response.start", "status": 204, "headers": []})

    async def receive() -> dict:
        return {"type": "http.request", "body": b"x" * 100, "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    headers = [(b"cookie", f"other=1; {COOKIE_NAME}={cookie}".encode())] if cookie else []
    guard = UploadGuard(app, session=sessions.get,
                        cookie=lambda raw: TOKENS.verify(cookie_from_headers(raw), EDITORS))
    run_on_own_loop(guard({"type": "http", "method": method, "path": path, "headers": headers},
                          receive, send))
    return sent[0]["status"], reached


def test_a_viewer_session_cannot_put_a_file() -> None:
    status, reached = _call("/_stcore/upload_file/viewer-session/file1", "PUT")
    assert status == 403 and reached == []


def test_the_editors_browser_can_put_a_file_and_other_requests_pass() -> None:
    assert _call("/_stcore/upload_file/editor-session/file1", "PUT")[0] == 204
    assert _call("/_stcore/upload_file/viewer-session/file1", "DELETE", cookie=None)[0] == 204
    assert _call("/api/map/events", "GET", cookie=None)[0] == 204


def test_an_editors_session_id_from_another_browser_is_refused() -> None:
    """Without the cookie, with a cookie of another sign-in, or with a signed-out one."""
    assert _call("/_stcore/upload_file/editor-session/file1", "PUT", cookie=None)[0] == 403
    other, _ = TOKENS.issue("editor", EDITORS)
    assert _call("/_stcore/upload_file/editor-session/file1", "PUT", cookie=other)[0] == 403
    assert _call("/_stcore/upload_file/editor-session/file1", "PUT", cookie=TOKEN + "x")[0] == 403
    token, grant = TOKENS.issue("editor", EDITORS)
    TOKENS.revoke(grant.nonce)
    assert _call("/_stcore/upload_file/s2/file1", "PUT", cookie=token,
                 sessions={"s2": grant})[0] == 403
