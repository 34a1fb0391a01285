"""The sign-in cookie: set after a sign-in, read when a page opens, cleared at sign-out.

A script run cannot set a cookie, so it hands the page a one-time ticket (valid 60 s) and a
small script posts it to /api/signin/cookie, which answers with the HttpOnly, SameSite=Strict
cookie (or with one that expires it, at sign-out). Every page then reads the cookie from
the WebSocket's handshake (st.context.cookies); the upload guard reads it from the PUT.
Settings come from the environment, read here once (geo.auth.AuthSettings).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import secrets
import threading
import time

import streamlit as st
from starlette.requests import Request, cookie_parser
from starlette.responses import Response
from starlette.routing import Route

from geo.auth import AuthSettings
from geo.signin_cookie import COOKIE_NAME, SignInTokens

COOKIE_PATH = "/api/signin/cookie"
TICKET_SECONDS = 60.0
MAX_TICKETS = 10_000


@functools.cache
def settings() -> AuthSettings:
    """This deployment's sign-in settings."""
    return AuthSettings.from_environ()


@functools.cache
def tokens() -> SignInTokens:
    """The process's token signer: MINEDASH_SECRET_KEY, else Streamlit's server.cookieSecret
    (random per process unless set: set it on every instance behind one address)."""
    secret = settings().secret or str(st.get_option("server.cookieSecret"))
    return SignInTokens(secret, dt.timedelta(hours=settings().signin_hours))


class Tickets:
    """One-time tickets that turn into a Set-Cookie on the page that holds them."""

    def __init__(self) -> None:
        self._tickets: dict[str, tuple[float, str | None]] = {}
        self._redeemed: dict[str, float] = {}
        self._lock = threading.Lock()

    def issue(self, token: str | None) -> str:
        """A ticket that sets this token as the cookie (None: clears the cookie)."""
        ticket = secrets.token_urlsafe(24)
        now = time.monotonic()
        with self._lock:
            if len(self._tickets) + len(self._redeemed) >= MAX_TICKETS:
                self._tickets = {k: v for k, v in self._tickets.items() if v[0] > now}
                self._redeemed = {k: until for k, until in self._redeemed.items() if until > now}
            self._tickets[ticket] = (now + TICKET_SECONDS, token)
        return ticket

    def redeem(self, ticket: str) -> tuple[bool, str | None]:
        """(whether the ticket was valid, the token it sets or None to clear); once only."""
        now = time.monotonic()
        with self._lock:
            entry = self._tickets.pop(ticket, None)
            if entry is not None and entry[0] >= now:
                self._redeemed[ticket] = now + TICKET_SECONDS
        if entry is None or entry[0] < now:
            return False, None
        return True, entry[1]

    def state(self, ticket: str) -> str:
        """'pending' (the page has still to post it), 'redeemed', or 'expired'."""
        with self._lock:
            if ticket in self._redeemed:
                return "redeemed"
            entry = self._tickets.get(ticket)
        return "pending" if entry is not None and entry[0] >= time.monotonic() else "expired"


TICKETS = Tickets()


def cookie_from_headers(headers: list[tuple[bytes, bytes]]) -> str | None:
    """The sign-in cookie's value in raw ASGI headers."""
    for name, value in headers:
        if name == b"cookie" and (found := cookie_parser(value.decode("latin-1")).get(COOKIE_NAME)):
            return found
    return None


def base_path() -> str:
    """The app's path under its host (server.baseUrlPath), '' at the root."""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


async def redeem_ticket(request: Request) -> Response:
    """Set (or clear) the sign-in cookie for a valid one-time ticket (a ticket already used
    changes nothing); 403 otherwise."""
    ticket = (await request.body())[:200].decode("ascii", "replace")
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    if TICKETS.state(ticket) == "redeemed":
        return response  # the page ran its script again after a rerun: already done
    valid, token = TICKETS.redeem(ticket)
    if not valid:
        return Response(status_code=403)
    secure = request.url.scheme == "https"
    if token is None:
        response.delete_cookie(COOKIE_NAME, path=base_path() or "/", secure=secure,
                               httponly=True, samesite="strict")
    else:
        response.set_cookie(COOKIE_NAME, token, path=base_path() or "/", secure=secure,
                            httponly=True, samesite="strict",
                            max_age=int(tokens().lifetime.total_seconds()))
    return response


ROUTES = [Route(COOKIE_PATH, redeem_ticket, methods=["POST"])]

_SCRIPT = """
<script>
(function () {
  fetch(%s, {method: 'POST', body: %s, credentials: 'same-origin'}).then(function (response) {
    if (response.ok) { document.body.dataset.minedashSignin = %s; }
  });
})();
</script>
"""
PENDING_KEY = "_signin_cookie_pending"


def change_cookie(token: str | None) -> None:
    """From the next run on, have the page set the sign-in cookie to this token (None: clear it)."""
    st.session_state[PENDING_KEY] = (token, TICKETS.issue(token))


def send_pending_cookie() -> None:
    """Keep the page's script posting the pending ticket until the server has redeemed it
    (a rerun before the page ran the script would lose it); an expired one is renewed."""
    pending = st.session_state.get(PENDING_KEY)
    if pending is None:
        return
    token, ticket = pending
    state = TICKETS.state(ticket)
    if state == "redeemed":
        del st.session_state[PENDING_KEY]
        return
    if state == "expired":
        change_cookie(token)
        token, ticket = st.session_state[PENDING_KEY]
    done = "set" if token else "cleared"
    st.html(_SCRIPT % (json.dumps(base_path() + COOKIE_PATH), json.dumps(ticket), json.dumps(done)),
            unsafe_allow_javascript=True)
