"""The upload endpoint takes files only from editors' sessions."""

from __future__ import annotations

from tests.own_loop import run_on_own_loop
from ui.upload_guard import UploadGuard


def _call(path: str, method: str, editors: set[str]) -> tuple[int, list[str]]:
    reached: list[str] = []
    sent: list[dict] = []

    async def app(scope, receive, send) -> None:
        reached.append(scope["path"])
        await send({"type": "http.response.start", "status": 204, "headers": []})

    async def receive() -> dict:
        return {"type": "http.request", "body": b"x" * 100, "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    guard = UploadGuard(app, is_editor=lambda session: session in editors)
    run_on_own_loop(guard({"type": "http", "method": method, "path": path}, receive, send))
    return sent[0]["status"], reached


def test_a_viewer_session_cannot_put_a_file() -> None:
    status, reached = _call("/_stcore/upload_file/viewer-session/file1", "PUT", {"editor-session"})
    assert status == 403 and reached == []


def test_an_editor_session_can_put_a_file_and_other_requests_pass() -> None:
    assert _call("/_stcore/upload_file/editor-session/file1", "PUT", {"editor-session"})[0] == 204
    assert _call("/_stcore/upload_file/viewer-session/file1", "DELETE", set())[0] == 204
    assert _call("/api/map/events", "GET", set())[0] == 204
