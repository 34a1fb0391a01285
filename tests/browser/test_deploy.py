"""Two app instances on one PostGIS store behind nginx on one loopback address, set up exactly
as docs/deploy.md says: an upload committed through one instance shows on a page served by the
other within one rerun, commits through both at once lose nothing, and killing one instance
leaves the other serving everyone."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from geo.auth import hash_password
from geo.store import Store
from tests.browser.conftest import wait_until_idle
from tests.conftest import ROOT
from tests.postgres import Cluster, free_port

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
COOKIE = "minedash_affinity"


def statement(year: int, hectares: str) -> bytes:
    """A small ANAMA statement for one year (a different file for each year)."""
    return (
        "Rayon;Period start;Period end;Hectares;Originator;Party;Outlet;Published;Scope\n"
        f"Tərtər;01.01.{year};31.12.{year};{hectares};ANAMA;govt_azerbaijan;Trend;15.01.{year + 1};"
        "all operators\n"
        f"Laçın;01.01.{year};31.12.{year};2 454,2;ANAMA;govt_azerbaijan;Trend;15.01.{year + 1};"
        "all operators\n"
    ).encode()


@dataclass
class Stack:
    """The running deployment: nginx's address and each instance's process."""

    url: str
    db_url: str
    instances: dict[str, subprocess.Popen]


def _wait_for(url: str, cookie: str = "") -> dict:
    deadline = time.monotonic() + 90
    while True:
        try:
            request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
            with urllib.request.urlopen(request, timeout=5) as response:
                return json.loads(response.read())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _instance(name: str, port: int, environment: dict[str, str]) -> subprocess.Popen:
    """`streamlit run server.py` as docs/deploy.md starts each instance."""
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "server.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env={**environment, "MINEDASH_INSTANCE": name},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def stack(postgis: Cluster) -> Iterator[Stack]:
    """Migrate the store, start two instances and nginx in front of them."""
    runtime = Path(tempfile.mkdtemp(prefix="minedash-nginx-"))
    runtime.chmod(0o755)
    db_url = postgis.new_database()
    environment = {
        **os.environ, "MINEDASH_DB_URL": db_url,
        "MINEDASH_EDITORS": f"editor={hash_password(PASSWORD, iterations=1000)}",
        "STREAMLIT_SERVER_COOKIE_SECRET": "one secret shared by every instance",
    }
    subprocess.run([sys.executable, "-m", "geo.store", "migrate"], cwd=ROOT, env=environment,
                   check=True, capture_output=True)
    ports = {"a": free_port(), "b": free_port()}
    instances = {name: _instance(name, port, environment) for name, port in ports.items()}
    listen = f"127.0.0.1:{free_port()}"
    template = {"MINEDASH_LISTEN": listen, "MINEDASH_APP_A": f"127.0.0.1:{ports['a']}",
                "MINEDASH_APP_B": f"127.0.0.1:{ports['b']}", "MINEDASH_RUNTIME": str(runtime)}
    rendered = subprocess.run(
        ["envsubst", "$MINEDASH_LISTEN $MINEDASH_APP_A $MINEDASH_APP_B $MINEDASH_RUNTIME"],
        input=(ROOT / "deploy" / "nginx.conf").read_text(), env={**os.environ, **template},
        capture_output=True, text=True, check=True).stdout
    (runtime / "nginx.conf").write_text(rendered)
    nginx = subprocess.Popen(["nginx", "-c", str(runtime / "nginx.conf"), "-g", "daemon off;"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for port in ports.values():
            _wait_for(f"http://127.0.0.1:{port}/api/health")
        yield Stack(f"http://{listen}", db_url, instances)
    finally:
        nginx.terminate()
        nginx.wait(timeout=20)
        for process in instances.values():
            process.kill()
            process.wait(timeout=20)
        shutil.rmtree(runtime, ignore_errors=True)


def _keys_for_each_instance(url: str) -> dict[str, str]:
    """An affinity cookie value that nginx routes to each instance. nginx takes an instance
    out for 10 s after one failed answer (max_fails=1), which a loaded machine can cause while
    it starts, so the search goes on for a minute before it calls the routing wrong."""
    keys: dict[str, str] = {}
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for number in range(64):
            key = f"visitor-{number}"
            keys.setdefault(_wait_for(f"{url}/api/health", f"{COOKIE}={key}")["instance"], key)
            if len(keys) == 2:
                return keys
        time.sleep(1)
    raise AssertionError(f"nginx sent every visitor to {list(keys)}")


def _page(browser: Browser, url: str, key: str) -> Page:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_cookies([{"name": COOKIE, "value": key, "url": url}])
    return context.new_page()


def _sign_in_and_prepare(page: Page, url: str, folder: Path, name: str, data: bytes) -> None:
    page.goto(f"{url}/upload")
    page.get_by_role("heading", name="Upload updated figures").wait_for(timeout=60_000)
    if page.get_by_text("Signed in as").count() == 0:
        page.get_by_label("Editor name").fill("editor")
        page.get_by_role("textbox", name="Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_text("Signed in as").wait_for(timeout=30_000)
    (folder / name).write_bytes(data)
    page.locator("input[type=file]").set_input_files(str(folder / name))
    page.get_by_text("adds 2 figures").wait_for(timeout=60_000)
    wait_until_idle(page)


def _as_of_options(page: Page) -> list[str]:
    page.get_by_test_id("stSelectbox").filter(has_text="As of").click()
    options = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    return options


def test_two_instances_share_one_store_behind_nginx(stack: Stack, browser: Browser,
                                                     tmp_path: Path) -> None:
    keys = _keys_for_each_instance(stack.url)
    first, second = _page(browser, stack.url, keys["a"]), _page(browser, stack.url, keys["b"])

    second.goto(f"{stack.url}/history")
    second.get_by_role("heading", name="History").wait_for(timeout=60_000)
    wait_until_idle(second)
    assert _as_of_options(second) == ["Now (all current revisions)", "Revision 1"]
    _sign_in_and_prepare(first, stack.url, tmp_path, "anama-2025.csv", statement(2025, "1 999,5"))
    first.get_by_role("button", name="Commit this upload").click()
    first.get_by_text("Committed as revision 2").wait_for(timeout=60_000)
    second.get_by_test_id("stSelectbox").filter(has_text="As of").click()  # one rerun there
    second.get_by_role("option", name="Revision 1").click()
    second.get_by_text("as it stood after revision 1").first.wait_for(timeout=60_000)
    wait_until_idle(second)
    assert "Revision 2" in _as_of_options(second)

    _sign_in_and_prepare(first, stack.url, tmp_path, "anama-2023.csv", statement(2023, "1 200,0"))
    _sign_in_and_prepare(second, stack.url, tmp_path, "anama-2024.csv", statement(2024, "1 500,0"))
    for page in (first, second):  # both commits start before either ends
        page.get_by_role("button", name="Commit this upload").click(no_wait_after=True)
    for page in (first, second):
        page.get_by_text("Committed as revision").wait_for(timeout=60_000)
    store = Store(stack.db_url)
    revisions = store.revisions()
    assert list(revisions["revision_id"]) == [1, 2, 3, 4]
    assert set(revisions["file_name"][2:]) == {"anama-2023.csv", "anama-2024.csv"}
    assert store.integrity_problems() == []

    stack.instances["a"].kill()
    stack.instances["a"].wait(timeout=20)
    assert _wait_for(f"{stack.url}/api/health", f"{COOKIE}={keys['a']}")["instance"] == "b"
    first.goto(f"{stack.url}/history")
    first.get_by_role("heading", name="History").wait_for(timeout=60_000)
    wait_until_idle(first)
    assert _as_of_options(first)[-1] == "Revision 4"
