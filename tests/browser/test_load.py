"""Several sessions changing filters at once: no errors, and the server's memory comes back
down once they close (sessions and caches are bounded). `make bench` runs 20 for 2 minutes."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.browser.conftest import start_server
from tests.load import run_load
from tests.synthetic import store_with_finds

pytestmark = pytest.mark.browser
SESSIONS = int(os.environ.get("MINEDASH_LOAD_SESSIONS", "4"))
SECONDS = float(os.environ.get("MINEDASH_LOAD_SECONDS", "30"))


@pytest.fixture(scope="module")
def loaded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """The app over 10,000 finds, freeing closed sessions after 10 s."""
    path = tmp_path_factory.mktemp("load") / "app.sqlite"
    store_with_finds(path, 10_000)
    process, url = start_server(path, {"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": "10"})
    yield url, process.pid
    process.terminate()
    process.wait(timeout=20)


def test_sessions_changing_filters_see_no_errors_and_memory_comes_back(loaded_server) -> None:
    url, pid = loaded_server
    result = run_load(url, pid, SESSIONS, SECONDS, settle=20)
    assert result.errors == []
    assert result.actions >= SESSIONS
    assert result.rss_end <= 1.2 * result.rss_start, (result.rss_start, result.rss_peak, result.rss_end)
