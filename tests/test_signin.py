"""Guessing passwords is throttled per editor name and per client, across sessions and app
instances (the log is in the store), and the log never holds a password."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from geo.auth import Backoff, hash_password, throttled_sign_in
from geo.store import Store
from tests.conftest import ROOT

PASSWORD = "correct horse battery"
EDITORS = {"editor": hash_password(PASSWORD, iterations=1000)}
T0 = dt.datetime(2026, 1, 1, 12, 0, 0)


def _attempt(store: Store, password: str, client: str = "10.0.0.1", at: dt.datetime = T0,
             name: str = "editor"):
    log = store.signins
    return throttled_sign_in(name, password, client, EDITORS, log.failures_since_success,
                             lambda user, who, ok: log.record(user, who, ok, at), now=at)


def test_backoff_doubles_after_the_free_attempts() -> None:
    backoff = Backoff(free=3, base_seconds=2, max_seconds=60)
    failures = [T0 + dt.timedelta(seconds=i) for i in range(3)]
    assert backoff.wait_seconds(failures[:2], T0 + dt.timedelta(seconds=2)) == 0
    assert backoff.wait_seconds(failures, T0 + dt.timedelta(seconds=2)) == 2
    assert backoff.wait_seconds(failures * 3, failures[-1]) == 60


def test_the_right_password_is_refused_while_backing_off(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    for _ in range(5):
        assert not _attempt(store, "guess").ok
    refused = _attempt(store, PASSWORD)
    assert not refused.ok and refused.wait_seconds > 0
    later = T0 + dt.timedelta(seconds=refused.wait_seconds + 1)
    assert _attempt(store, PASSWORD, at=later).ok


def test_the_back_off_holds_across_sessions_and_instances(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    for client in ("a", "b", "c", "d", "e"):
        _attempt(Store(url), "guess", client=client)
    assert _attempt(Store(url), PASSWORD, client="f").wait_seconds > 0


def test_one_client_guessing_many_names_is_throttled(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    for number in range(5):
        _attempt(store, "guess", name=f"user{number}")
    assert _attempt(store, PASSWORD, name="editor").wait_seconds > 0
    assert _attempt(store, PASSWORD, client="10.9.9.9", at=T0 + dt.timedelta(seconds=1)).ok


def test_the_log_never_holds_a_password(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    _attempt(store, "hunter2-secret")
    _attempt(store, PASSWORD)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("select * from signin_attempts")).all()
    dumped = repr(rows) + (tmp_path / "s.sqlite").read_bytes().decode("latin-1")
    assert len(rows) == 2 and "hunter2-secret" not in dumped and PASSWORD not in dumped
    assert [r.ok for r in rows] == [False, True]


def test_the_sign_in_page_backs_off_after_repeated_failures(app_db) -> None:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.secrets["editors"] = EDITORS
    app.run()
    app.switch_page("pages/upload.py").run()
    for _ in range(5):
        app.text_input(key="signin_user").input("editor")
        app.text_input(key="signin_password").input("wrong")
        app.get("form_submit_button")[0].click().run()
    app.text_input(key="signin_user").input("editor")
    app.text_input(key="signin_password").input(PASSWORD)
    app.get("form_submit_button")[0].click().run()
    assert not app.exception
    assert not app.get("file_uploader")
    assert any("Too many failed sign-ins" in e.value for e in app.error)
