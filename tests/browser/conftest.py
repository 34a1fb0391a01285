"""A real `streamlit run` server on a free port and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Frame, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    db: Path | str, extra_env: dict[str, str] | None = None, script: str = "server.py",
) -> tuple[subprocess.Popen, str]:
    """Start the app (server.py: app.py plus the map's endpoint) with `streamlit run` on a free
    port, on a SQLite file or a store URL; returns the process and its URL. Benchmarks start
    other scripts the same way."""
    port = _free_port()
    env = {**os.environ, **(extra_env or {})}
    if isinstance(db, str):
        env["MINEDASH_DB_URL"] = db
    else:
        env["MINEDASH_DB_PATH"] = str(db)
        env.pop("MINEDASH_DB_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / script),
         "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("streamlit did not start within 120 s")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a fresh store, for one test module. The Overview holds its charts for its
    map for up to a minute (not 3 s): a busy test machine must not decide the order."""
    process, url = start_server(tmp_path_factory.mktemp("browser") / "app.sqlite",
                                {"MINEDASH_MAP_FIRST_WAIT": "60"})
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def requests_seen() -> list[str]:
    """Every URL any page of the module requested."""
    return []


@pytest.fixture
def page(browser: Browser, requests_seen: list[str]) -> Iterator[Page]:
    """A fresh page whose requests are recorded."""
    context = browser.new_context(viewport={"width": 1500, "height": 1100})
    page = context.new_page()
    page.on("request", lambda request: requests_seen.append(request.url))
    yield page
    context.close()


def count_in_map(page: Page, selector: str) -> int:
    """Elements matching the selector in the newest map iframe."""
    frames = page.locator(MAP_FRAME)
    if frames.count() == 0:
        return -1
    return page.frame_locator(MAP_FRAME).last.locator(selector).count()


def wait_for_count(page: Page, selector: str, predicate, timeout_s: float = 30.0) -> int:
    """Poll the map until the count of `selector` satisfies `predicate`."""
    deadline = time.monotonic() + timeout_s
    count = -1
    while time.monotonic() < deadline:
        count = count_in_map(page, selector)
        if count >= 0 and predicate(count):
            return count
        page.wait_for_timeout(250)
    raise AssertionError(f"{selector}: count stayed {count}")


def open_overview(page: Page, url: str) -> None:
    """Load the overview and wait until Leaflet has drawn the districts."""
    page.goto(url)
    page.frame_locator(MAP_FRAME).last.locator(".leaflet-districts-pane path").first.wait_for(
        state="attached", timeout=60_000
    )


def map_frame(page: Page) -> Frame:
    """The newest map iframe as a Playwright frame (for evaluating script in it)."""
    handle = page.locator(MAP_FRAME).last.element_handle(timeout=60_000)
    frame = handle.content_frame() if handle else None
    if frame is None:
        raise AssertionError("no map frame")
    return frame


def finds_status(page: Page, kind: str = "find") -> tuple[str, int]:
    """How the map last drew finds (or incidents): 'cells', 'points' or 'off', and how many."""
    element = page.frame_locator(MAP_FRAME).last.locator(".md-map")
    mode = element.get_attribute(f"data-{kind}-mode", timeout=60_000) or ""
    return mode, int(element.get_attribute(f"data-{kind}-drawn") or 0)


def wait_for_finds(page: Page, predicate, kind: str = "find", timeout_s: float = 30.0) -> tuple[str, int]:
    """Poll until the finds layer's (mode, drawn) satisfies `predicate`."""
    deadline = time.monotonic() + timeout_s
    status = ("", 0)
    while time.monotonic() < deadline:
        try:
            status = finds_status(page, kind)
        except PlaywrightError:
            status = ("", 0)
        if predicate(*status):
            return status
        page.wait_for_timeout(200)
    raise AssertionError(f"{kind} layer stayed {status}")


def wait_until_idle(page: Page, timeout_ms: int = 60_000) -> None:
    """Wait until the app's script run has finished (widgets are then wired to this run)."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        state="attached", timeout=timeout_ms)


def pick_option(page: Page, box, option: str, several: bool = False) -> None:
    """Open a select box and choose an option (again if a rerun closed the list first)."""
    choice = page.get_by_role("option", name=option, exact=True)
    for _attempt in range(3):
        box.click()
        try:
            choice.click(timeout=15_000)
            break
        except PlaywrightError:
            wait_until_idle(page, 90_000)
    else:
        raise AssertionError(f"no option {option}")
    if several:
        page.keyboard.press("Escape")  # a multiselect's list stays open after a choice
    page.wait_for_timeout(500)
    wait_until_idle(page, 90_000)


def wait_for_settled_labels(page: Page, quiet_ms: int = 1_000, timeout_s: float = 30.0) -> None:
    """Wait until the map's names have been placed and stay placed: no placement and no zoom or
    pan animation for a while (a late fit of the view re-places them; mid-animation, names that
    were placed apart can pass over each other)."""
    page.frame_locator(MAP_FRAME).last.locator(".md-map[data-labels-placed]").wait_for(
        state="attached", timeout=int(timeout_s * 1000))
    frame = map_frame(page)
    deadline = time.monotonic() + timeout_s
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        state = frame.evaluate("""() => [document.querySelector('.md-map').getAttribute('data-labels-placed'),
            Boolean(window.map._animatingZoom || window.map._panAnim && window.map._panAnim._inProgress)]""")
        if state != last or state[1]:
            last, since = state, time.monotonic()
        elif time.monotonic() - since >= quiet_ms / 1000:
            return
        page.wait_for_timeout(100)
    raise AssertionError("the map's names kept moving")
