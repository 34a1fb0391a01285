"""Guessing passwords is throttled per name and client, per client and for everyone together,
across sessions and app instances (the log is in the store); nobody can lock an editor out
from elsewhere; the log never holds a password; a sign-in cookie is accepted only as signed."""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path
from unittest import mock

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from geo.auth import AuthSettings, Backoff, Throttle, hash_password, throttled_sign_in
from geo.signin_cookie import SignInTokens
from geo.store import Store
from tests.conftest import ROOT

PASSWORD = "correct horse battery"
EDITORS = {"editor": hash_password(PASSWORD, iterations=1000)}
T0 = dt.datetime(2026, 1, 1, 12, 0, 0)
DEFAULT = Throttle()


def _attempt(store: Store, password: str, client: str = "10.0.0.1", at: dt.datetime = T0,
             name: str = "editor", throttle: Throttle = DEFAULT):
    return throttled_sign_in(name, password, client, EDITORS, store.signins, throttle, now=at)


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
    for second in range(5):
        _attempt(Store(url), "guess", at=T0 + dt.timedelta(seconds=second))
    assert _attempt(Store(url), PASSWORD, at=T0 + dt.timedelta(seconds=5)).wait_seconds > 0


def test_one_client_guessing_many_names_is_throttled(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    for number in range(10):
        _attempt(store, "guess", name=f"user{number}")
    assert _attempt(store, PASSWORD, name="editor").wait_seconds > 0
    assert _attempt(store, PASSWORD, client="10.9.9.9", at=T0 + dt.timedelta(seconds=1)).ok


def test_failures_from_elsewhere_never_lock_an_editor_out(tmp_path: Path) -> None:
    """30 wrong passwords for the editor's name from another client, then the right one."""
    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    for second in range(30):
        assert not _attempt(store, "guess", client="10.6.6.6",
                            at=T0 + dt.timedelta(seconds=2 * second)).ok
    assert _attempt(store, PASSWORD, client="10.0.0.1", at=T0 + dt.timedelta(seconds=61)).ok


def test_a_colleague_guessing_other_names_does_not_lock_out_a_known_editor(tmp_path: Path) -> None:
    """Behind one address: an editor who signed in from it before is held only by the back-off
    of their own name; new names from that address are held by the address's back-off."""
    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    assert _attempt(store, PASSWORD, at=T0 - dt.timedelta(days=1)).ok
    for second in range(30):
        _attempt(store, "guess", name=f"user{second}", at=T0 + dt.timedelta(seconds=3 * second))
    later = T0 + dt.timedelta(seconds=91)
    assert _attempt(store, PASSWORD, at=later).ok
    assert _attempt(store, "guess", name="someone-new", at=later).wait_seconds > 0


def test_a_spray_from_rotating_addresses_is_held_by_the_global_cap(tmp_path: Path) -> None:
    """40 names, one guess each, each from its own address: only the cap's number is checked
    in a minute; an editor's usual address still signs in meanwhile."""
    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    assert _attempt(store, PASSWORD, client="10.0.0.1", at=T0 - dt.timedelta(days=2)).ok
    throttle = Throttle(failures_per_minute=20)
    results = [_attempt(store, "guess", client=f"203.0.113.{n}", name=f"name{n}", throttle=throttle,
                        at=T0 + dt.timedelta(seconds=n)) for n in range(40)]
    assert sum(1 for r in results if r.wait_seconds > 0) == 20
    assert not any(r.wait_seconds for r in results[:20])
    assert _attempt(store, PASSWORD, client="10.0.0.1", throttle=throttle,
                    at=T0 + dt.timedelta(seconds=41)).ok
    assert _attempt(store, PASSWORD, client="198.51.100.7", throttle=throttle,
                    at=T0 + dt.timedelta(seconds=42)).wait_seconds > 0
    assert _attempt(store, PASSWORD, client="198.51.100.7", throttle=throttle,
                    at=T0 + dt.timedelta(seconds=100)).ok


def test_settings_come_from_the_environment() -> None:
    settings = AuthSettings.from_environ({"MINEDASH_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8",
                                          "MINEDASH_SIGNIN_FAILURES_PER_MINUTE": "5",
                                          "MINEDASH_SIGNIN_HOURS": "2"})
    assert settings.trusted_proxies == ("127.0.0.1", "10.0.0.0/8")
    assert (settings.failures_per_minute, settings.signin_hours) == (5, 2.0)
    assert AuthSettings.from_environ({}).trusted_proxies == ()
    with pytest.raises(ValueError, match="MINEDASH_TRUSTED_PROXIES"):
        AuthSettings.from_environ({"MINEDASH_TRUSTED_PROXIES": "proxy.example"})


def test_a_sign_in_token_is_accepted_only_as_signed_and_unexpired() -> None:
    tokens = SignInTokens("server secret", dt.timedelta(hours=12))
    token, grant = tokens.issue("editor", EDITORS)
    assert tokens.verify(token, EDITORS) == grant
    forged = SignInTokens("another secret", dt.timedelta(hours=12)).issue("editor", EDITORS)[0]
    assert tokens.verify(forged, EDITORS) is None
    payload, _, signed = token.partition(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    other = base64.urlsafe_b64encode(json.dumps({**claims, "e": "admin"}).encode()).rstrip(b"=")
    assert tokens.verify(f"{other.decode()}.{signed}", {**EDITORS, "admin": EDITORS["editor"]}) is None
    assert tokens.verify(token, {"editor": hash_password("a new password", iterations=1000)}) is None
    with mock.patch("itsdangerous.timed.time.time", return_value=dt.datetime.now().timestamp() - 13 * 3600):
        old, _ = tokens.issue("editor", EDITORS)
    assert tokens.verify(old, EDITORS) is None
    tokens.revoke(grant.nonce)
    assert tokens.verify(token, EDITORS) is None


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
    for _ in range(10):  # the wait doubles past any pause between runs on a busy machine
        app.text_input(key="signin_user").input("editor")
        app.text_input(key="signin_password").input("wrong")
        app.get("form_submit_button")[0].click().run()
    app.text_input(key="signin_user").input("editor")
    app.text_input(key="signin_password").input(PASSWORD)
    app.get("form_submit_button")[0].click().run()
    assert not app.exception
    assert not app.get("file_uploader")
    assert any("Too many failed sign-ins" in e.value for e in app.error)
