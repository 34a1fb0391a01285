"""A viewer's browser session cannot push files into server memory."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import open_overview

pytestmark = pytest.mark.browser
UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def test_an_upload_from_a_viewer_session_is_refused(page: Page, server: str) -> None:
    seen: list[bytes] = []
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda frame: seen.append(frame if isinstance(frame, bytes) else frame.encode())))
    open_overview(page, server)
    session_ids = [m.group().decode() for frame in seen for m in UUID.finditer(frame)]
    assert session_ids, "no session id seen on the websocket"
    status = page.evaluate(
        """async ([url, ids]) => {
            const token = (document.cookie.match(/_streamlit_xsrf=([^;]+)/) || [])[1] || '';
            const statuses = [];
            for (const id of ids) {
                const body = new FormData();
                body.append('file', new Blob(['x'.repeat(1024 * 1024)]), 'big.csv');
                const response = await fetch(`${url}/_stcore/upload_file/${id}/probe`, {
                    method: 'PUT', body, headers: {'X-Xsrftoken': decodeURIComponent(token)}});
                statuses.push(response.status);
            }
            return statuses;
        }""", [server, list(dict.fromkeys(session_ids))])
    assert status and set(status) == {403}, status
