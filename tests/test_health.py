"""The health check a load balancer polls: 200 with the store's revision, 503 when the store
does not answer."""

from __future__ import annotations

import json
import time

import pytest
from starlette.requests import Request

from tests.postgres import free_port
from ui.health import health


def _call(monkeypatch: pytest.MonkeyPatch, url: str) -> tuple[int, dict]:
    monkeypatch.setenv("MINEDASH_DB_URL", url)
    response = health(Request({"type": "http", "method": "GET", "path": "/api/health",
                               "headers": []}))
    return response.status_code, json.loads(response.body)


def _until_ready(monkeypatch: pytest.MonkeyPatch, url: str) -> dict:
    deadline = time.monotonic() + 120
    while not (body := _call(monkeypatch, url)[1])["ready"] and time.monotonic() < deadline:
        time.sleep(0.1)
    return body


def test_health_names_the_revision_or_says_the_store_fails(monkeypatch, tmp_path) -> None:
    status, body = _call(monkeypatch, f"sqlite:///{tmp_path / 'ok.sqlite'}")
    assert (status, body["status"], body["revision"]) == (200, "ok", 1)
    status, body = _call(monkeypatch, f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/none")
    assert (status, body["status"], body["error"]) == (503, "failing", "The data store cannot be opened")


def test_an_instance_is_ready_once_the_views_of_the_revision_in_force_are_built(
        monkeypatch, tmp_path) -> None:
    from ui.cache import get_store, views

    url = f"sqlite:///{tmp_path / 'ready.sqlite'}"
    assert _call(monkeypatch, url)[1]["ready"] is False  # nothing built yet: building starts
    assert _until_ready(monkeypatch, url)["revision"] == 1
    before = views()
    get_store().retract(1, by="test", note="another instance retracted the seed")
    assert _call(monkeypatch, url)[1]["ready"] is False  # a new revision: not built yet
    assert _until_ready(monkeypatch, url)["ready"] is True
    assert views() is not before and views().tables.claims.empty  # built for the retraction


def test_the_run_log_records_each_completed_run_with_its_page(tmp_path, monkeypatch) -> None:
    from ui import run_times

    log = tmp_path / "runs.tsv"
    monkeypatch.setattr(run_times, "RUN_LOG", str(log))
    started = run_times.run_started()
    run_times.run_finished(started, "")
    run_times.run_finished(started, "sources")
    pages = [line.split("\t") for line in log.read_text().splitlines()]
    assert [page for page, _ in pages] == ["overview", "sources"]
    assert all(0 <= float(seconds) < 60 for _, seconds in pages)
    monkeypatch.setattr(run_times, "RUN_LOG", "")
    run_times.run_finished(started, "history")  # unset: nothing written anywhere
    assert len(log.read_text().splitlines()) == 2
