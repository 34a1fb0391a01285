"""Several sessions changing filters at once: no errors, and the server's memory comes back
down once they close (sessions and caches are bounded). `make bench` runs 20 for 2 minutes.
A sign-in spray from rotating addresses is held by the global cap; large uploads wait on disk
and the server's memory comes back once their sessions close."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from geo.auth import hash_password
from tests.browser.conftest import start_server
from tests.load import run_load, run_signin_spray, run_upload_memory
from tests.synthetic import store_with_finds

pytestmark = pytest.mark.browser
SESSIONS = int(os.environ.get("MINEDASH_LOAD_SESSIONS", "4"))
SECONDS = float(os.environ.get("MINEDASH_LOAD_SECONDS", "30"))
PASSWORD = "correct horse battery"
EDITOR_HASH = hash_password(PASSWORD, iterations=1000)
CAP = 10


@pytest.fixture(scope="module")
def loaded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """The app over 10,000 finds, freeing closed sessions after 10 s."""
    path = tmp_path_factory.mktemp("load") / "app.sqlite"
    store_with_finds(path, 10_000)
    process, url = start_server(path, {"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": "10",
                                       "MINEDASH_EDITORS": f"editor={EDITOR_HASH}"})
    yield url, process.pid
    process.terminate()
    process.wait(timeout=20)


def test_sessions_changing_filters_see_no_errors_and_memory_comes_back(loaded_server) -> None:
    url, pid = loaded_server
    result = run_load(url, pid, SESSIONS, SECONDS, settle=20)
    assert result.errors == []
    assert result.actions >= SESSIONS
    assert result.rss_end <= 1.2 * result.rss_start, (result.rss_start, result.rss_peak, result.rss_end)


@pytest.fixture(scope="module")
def proxied_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app behind a (pretended) proxy on this machine, whose forwarded addresses count."""
    path = tmp_path_factory.mktemp("spray") / "app.sqlite"
    process, url = start_server(path, {"MINEDASH_TRUSTED_PROXIES": "127.0.0.1",
                                       "MINEDASH_SIGNIN_FAILURES_PER_MINUTE": str(CAP),
                                       "MINEDASH_EDITORS": f"editor={EDITOR_HASH}"})
    yield url, path
    process.terminate()
    process.wait(timeout=20)


def test_a_sign_in_spray_from_rotating_addresses_is_held_by_the_global_cap(proxied_server) -> None:
    """6 addresses x 4 new names, one guess each: no minute checks more than the cap, the rest
    are refused unchecked, and the log names the forwarded addresses (the proxy is trusted)."""
    url, path = proxied_server
    result = run_signin_spray(url, addresses=6, names_each=4)
    assert result.errors == [] and result.attempts == 24
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        rows = conn.execute(sa.text("select at, client from signin_attempts where ok = 0")).all()
    engine.dispose()
    times = sorted(dt.datetime.fromisoformat(str(at)) for at, _ in rows)
    busiest = max(sum(1 for t in times if first <= t < first + dt.timedelta(minutes=1))
                  for first in times)
    assert busiest <= CAP and result.refused > 0 and len(times) < result.attempts
    assert {client for _, client in rows} <= {f"203.0.113.{n}" for n in range(1, 7)}


def test_large_uploads_wait_on_disk_and_memory_comes_back(loaded_server, tmp_path: Path) -> None:
    """4 editors' sessions each upload 40 MB and stay open, then close."""
    url, pid = loaded_server
    result = run_upload_memory(url, pid, uploads=4, megabytes=40, password=PASSWORD,
                               folder=tmp_path, settle=20)
    assert result.errors == [] and result.statuses == [204] * 4
    assert result.rss_end <= result.rss_start + 60, (result.rss_start, result.rss_held,
                                                     result.rss_peak, result.rss_end)
