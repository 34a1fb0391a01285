"""Two processes committing at the same moment, round after round, on SQLite and PostgreSQL:
every revision complete, no reader ever sees half of one. And a commit killed with SIGKILL at
random moments leaves the store consistent: the revision is all there or absent."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.store import Store
from tests.conftest import DATA, ROOT

ROUNDS = int(os.environ.get("MINEDASH_CONCURRENCY_ROUNDS", "20"))
KILLS = int(os.environ.get("MINEDASH_KILLS", "10"))


@pytest.fixture
def url(store_url: str) -> str:
    """A seeded store on each backend."""
    Store(store_url).seed_if_empty(DATA)
    return store_url


def _worker(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.store_worker", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _half_revisions(store: Store) -> list[str]:
    """Revisions a single snapshot holds only part of (each upload adds new events only)."""
    snapshot = store.snapshot()
    recorded = store.revisions().set_index("revision_id")["rows_events"]
    seen = snapshot.events.groupby("revision_id").size()
    return [f"revision {r}: {n} of {recorded.get(r)}" for r, n in seen.items()
            if r in recorded.index and n != recorded[r]]


def test_two_processes_commit_together_and_nothing_is_lost(url: str, tmp_path: Path) -> None:
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    workers = [_worker("commit", url, name, str(ROUNDS), str(barrier), "2") for name in ("ann", "bob")]
    reader_store, stop, seen_half = Store(url), threading.Event(), []

    def read_all_along() -> None:
        while not stop.is_set():
            seen_half.extend(_half_revisions(reader_store))

    reader = threading.Thread(target=read_all_along)
    reader.start()
    outputs = [w.communicate(timeout=600) for w in workers]
    stop.set()
    reader.join()
    assert [w.returncode for w in workers] == [0, 0], [err[-2000:] for _, err in outputs]
    store = Store(url)
    revisions = store.revisions()
    assert list(revisions["revision_id"]) == list(range(1, 2 * ROUNDS + 2))
    assert sorted(revisions["author"].value_counts().items()) == [("ann", ROUNDS), ("bob", ROUNDS),
                                                                  ("seed", 1)]
    assert store.integrity_problems() == []
    assert seen_half == []
    assert len(store.snapshot().events) == 8 + 2 * ROUNDS * 300


def test_a_commit_killed_at_random_moments_leaves_the_store_whole(url: str, tmp_path: Path) -> None:
    generator = random.Random(20261126)
    landed = 0
    for kill in range(KILLS):
        ready = tmp_path / f"ready-{kill}"
        worker = _worker("big", url, f"kill{kill}", "20000", str(ready))
        deadline = time.monotonic() + 120
        while not ready.exists() and worker.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(generator.uniform(0.0, 1.2))
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
        store = Store(url)
        assert store.integrity_problems() == [], f"kill {kill}"
        authors = set(store.revisions()["author"])
        landed += f"kill{kill}" in authors
        events = store.snapshot().events
        assert len(events) == 8 + 20000 * landed
    assert Store(url).seed_if_empty(DATA) is False
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MINEDASH_DB_URL", url)
        app.run()
    assert not app.exception and not app.error
