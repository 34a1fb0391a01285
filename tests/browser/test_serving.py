"""The server asks no outside service for its address at start, and pages opened by their own
address make no failing requests (Streamlit's frontend probed /<page>/_stcore/... first)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import _free_port, wait_until_idle
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
PAGES = ("history", "upload", "sources", "hazards", "brief")


def test_pages_opened_by_address_make_no_failing_requests(page: Page, server: str) -> None:
    failed: list[tuple[int, str]] = []
    page.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400 else None)
    for name in PAGES:
        page.goto(f"{server}/{name}")
        wait_until_idle(page, 90_000)
        page.wait_for_timeout(500)
    assert failed == []


class _Listener:
    """A TCP listener standing in for every outside address: it counts who connects."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self.stop = True
        self.thread.join(timeout=5)
        self.sock.close()


def test_a_headless_start_asks_no_outside_service_for_its_address(tmp_path: Path) -> None:
    """Started as `make run` does (no --server.address), with every HTTP request sent to a
    local listener as its proxy: nothing connects to it and the log has no external-IP line."""
    listener = _Listener()
    proxy = f"http://127.0.0.1:{listener.port}"
    port = _free_port()
    log = tmp_path / "server.log"
    env = {**os.environ, "MINEDASH_DB_PATH": str(tmp_path / "app.sqlite"),
           "HTTP_PROXY": proxy, "HTTPS_PROXY": proxy, "http_proxy": proxy, "https_proxy": proxy,
           "NO_PROXY": "", "no_proxy": ""}
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "server.py"), "--server.port",
             str(port), "--server.headless", "true"], cwd=ROOT, env=env, stdout=output,
            stderr=subprocess.STDOUT)
    try:
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.monotonic() + 180
        answered = False
        while time.monotonic() < deadline and not answered:
            try:
                with direct.open(f"http://127.0.0.1:{port}/_stcore/health", timeout=10) as response:
                    answered = response.status == 200
            except OSError:
                time.sleep(0.5)
        assert answered
        time.sleep(3)
    finally:
        process.terminate()
        process.wait(timeout=20)
        listener.close()
    text = log.read_text()
    assert "URL:" in text, text[-2000:]
    assert "external IP" not in text and listener.connections == 0, (listener.connections, text[-2000:])
