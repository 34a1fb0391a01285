"""An editor stays signed in across reloads and tabs until signing out; a tampered or expired
cookie signs no one in; an editor's session id is of no use to another browser."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, BrowserContext, Page

from geo.auth import hash_password
from geo.signin_cookie import COOKIE_NAME, SignInTokens
from tests.browser.conftest import start_server, wait_until_idle

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
SECRET = "browser-test secret"
EDITORS = {"editor": hash_password(PASSWORD, iterations=1000)}
UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("signin") / "app.sqlite"


@pytest.fixture(scope="module")
def signin_server(store_path: Path) -> Iterator[str]:
    """The app with one editor and a known cookie secret, reached directly (no proxy)."""
    process, url = start_server(store_path, {
        "MINEDASH_EDITORS": f"editor={EDITORS['editor']}", "MINEDASH_SECRET_KEY": SECRET,
        "MINEDASH_SIGNIN_HOURS": "12"})
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield context
    context.close()


def _open(page: Page, url: str) -> None:
    page.goto(url)
    wait_until_idle(page, 90_000)


def _signed_in(page: Page) -> bool:
    page.get_by_role("heading", name=re.compile("Upload|Editors only")).first.wait_for(timeout=60_000)
    return page.get_by_text("Signed in as").count() > 0


def _sign_in(page: Page, url: str) -> None:
    _open(page, url + "/upload")
    page.get_by_label("Editor name").fill("editor")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as").wait_for(timeout=60_000)
    page.locator("body[data-minedash-signin='set']").wait_for(state="attached", timeout=30_000)


def test_a_sign_in_lasts_across_reloads_and_tabs_until_sign_out(context: BrowserContext,
                                                                 signin_server: str) -> None:
    page = context.new_page()
    _sign_in(page, signin_server)
    cookie = next(c for c in context.cookies() if c["name"] == COOKIE_NAME)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"

    page.reload()
    wait_until_idle(page, 90_000)
    assert _signed_in(page)

    history = context.new_page()
    _open(history, signin_server + "/history")
    history.get_by_role("heading", name="Retract or restore a revision").wait_for(timeout=60_000)

    page.bring_to_front()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("Editors sign in to upload").wait_for(timeout=60_000)
    page.locator("body[data-minedash-signin='cleared']").wait_for(state="attached", timeout=30_000)
    assert not any(c["name"] == COOKIE_NAME for c in context.cookies())
    page.reload()
    wait_until_idle(page, 90_000)
    assert not _signed_in(page)
    history.reload()
    wait_until_idle(history, 90_000)
    history.get_by_role("heading", name="History").first.wait_for(timeout=60_000)
    assert history.get_by_role("heading", name="Retract or restore a revision").count() == 0


def _with_cookie(context: BrowserContext, url: str, value: str) -> Page:
    context.add_cookies([{"name": COOKIE_NAME, "value": value, "url": url}])
    page = context.new_page()
    _open(page, url + "/upload")
    return page


def test_a_tampered_or_expired_cookie_signs_no_one_in(context: BrowserContext,
                                                      signin_server: str) -> None:
    tokens = SignInTokens(SECRET, dt.timedelta(hours=12))
    good, _ = tokens.issue("editor", EDITORS)
    assert _signed_in(_with_cookie(context, signin_server, good))
    context.clear_cookies()
    payload, _, signature = good.partition(".")
    tampered = payload[:-3] + ("abc" if payload[-3:] != "abc" else "xyz") + "." + signature
    assert not _signed_in(_with_cookie(context, signin_server, tampered))
    context.clear_cookies()
    forged, _ = SignInTokens("a guessed secret", dt.timedelta(hours=12)).issue("editor", EDITORS)
    assert not _signed_in(_with_cookie(context, signin_server, forged))
    context.clear_cookies()
    thirteen_hours_ago = dt.datetime.now().timestamp() - 13 * 3600
    with mock.patch("itsdangerous.timed.time.time", return_value=thirteen_hours_ago):
        expired, _ = tokens.issue("editor", EDITORS)
    assert not _signed_in(_with_cookie(context, signin_server, expired))


def test_an_editors_session_id_is_refused_from_another_browser(browser: Browser,
                                                               signin_server: str) -> None:
    """The editor's own upload is accepted; the same session id from a browser that never
    signed in gets 403 (it got 204 before uploads were bound to the sign-in cookie)."""
    editor = browser.new_context()
    stranger = browser.new_context()
    try:
        seen: list[bytes] = []
        page = editor.new_page()
        page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: seen.append(
            frame if isinstance(frame, bytes) else frame.encode())))
        _sign_in(page, signin_server)
        session_ids = list(dict.fromkeys(m.group().decode() for f in seen for m in UUID.finditer(f)))
        assert session_ids
        probe = """async ([url, ids]) => {
            const token = (document.cookie.match(/_streamlit_xsrf=([^;]+)/) || [])[1] || '';
            const statuses = [];
            for (const id of ids) {
                const body = new FormData();
                body.append('file', new Blob(['x'.repeat(1024)]), 'small.csv');
                const response = await fetch(`${url}/_stcore/upload_file/${id}/probe`, {
                    method: 'PUT', body, headers: {'X-Xsrftoken': decodeURIComponent(token)}});
                statuses.push(response.status);
            }
            return statuses;
        }"""
        assert 204 in page.evaluate(probe, [signin_server, session_ids])
        other = stranger.new_page()
        _open(other, signin_server + "/upload")
        assert set(other.evaluate(probe, [signin_server, session_ids])) == {403}
    finally:
        editor.close()
        stranger.close()


def test_a_forged_forwarded_address_is_not_believed(browser: Browser, signin_server: str,
                                                    store_path: Path) -> None:
    """Reached without a configured proxy, the sign-in log names this machine, not the
    address the browser claims (uvicorn alone believed it from 127.0.0.1)."""
    claimed = "203.0.113.50"
    context = browser.new_context(extra_http_headers={"X-Forwarded-For": claimed})
    try:
        page = context.new_page()
        _open(page, signin_server + "/upload")
        page.get_by_label("Editor name").fill("forger")
        page.get_by_role("textbox", name="Password").fill("a guess")
        page.get_by_role("button", name="Sign in").click()
        page.get_by_text("Wrong name or password").wait_for(timeout=60_000)
    finally:
        context.close()
    engine = sa.create_engine(f"sqlite:///{store_path}")
    with engine.connect() as conn:
        clients = conn.execute(sa.text(
            "select client from signin_attempts where username = 'forger'")).scalars().all()
    engine.dispose()
    assert clients == ["local"]
