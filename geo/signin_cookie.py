"""The token an editor's browser keeps so a sign-in lasts across reloads and tabs.

A token names the editor and a random nonce, is signed with the server's secret (itsdangerous,
HMAC-SHA1 over the payload and the time it was made) and expires after the configured hours.
It also carries a digest of the editor's password hash, so changing a password or removing
the editor ends every sign-in made before. Sign-out revokes the nonce in this process and
the browser forgets the cookie.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE_NAME = "minedash_signin"
_SALT = "minedash-signin"


@dataclass(frozen=True)
class Grant:
    """Who a valid token signs in, and the nonce that ties uploads to this browser."""

    editor: str
    nonce: str


def _digest(stored_hash: str) -> str:
    return hashlib.sha256(stored_hash.encode()).hexdigest()[:16]


class SignInTokens:
    """Issue, check and revoke sign-in tokens (thread-safe)."""

    def __init__(self, secret: str, lifetime: dt.timedelta) -> None:
        if not secret:
            raise ValueError("a sign-in token needs a secret")
        self.lifetime = lifetime
        self._serializer = URLSafeTimedSerializer(secret, salt=_SALT)
        self._revoked: dict[str, float] = {}
        self._lock = threading.Lock()

    def issue(self, editor: str, editors: Mapping[str, str]) -> tuple[str, Grant]:
        """A signed token for this configured editor, and what it grants."""
        grant = Grant(editor, secrets.token_urlsafe(16))
        token = self._serializer.dumps({"e": editor, "n": grant.nonce, "h": _digest(editors[editor])})
        return token, grant

    def verify(self, token: str | None, editors: Mapping[str, str]) -> Grant | None:
        """The grant of a well-signed, unexpired, unrevoked token whose editor and password
        are unchanged; otherwise None."""
        if not token or len(token) > 4096:
            return None
        try:
            payload = self._serializer.loads(token, max_age=int(self.lifetime.total_seconds()))
        except BadSignature:
            return None
        if not isinstance(payload, dict):
            return None
        editor, nonce = payload.get("e"), payload.get("n")
        if not isinstance(editor, str) or not isinstance(nonce, str) or editor not in editors:
            return None
        if payload.get("h") != _digest(editors[editor]) or self.revoked(nonce):
            return None
        return Grant(editor, nonce)

    def revoke(self, nonce: str) -> None:
        """End the sign-in of this nonce (kept until every token it could be in has expired)."""
        now = time.monotonic()
        with self._lock:
            self._revoked = {n: until for n, until in self._revoked.items() if until > now}
            self._revoked[nonce] = now + self.lifetime.total_seconds()

    def revoked(self, nonce: str) -> bool:
        """Whether this nonce was signed out."""
        with self._lock:
            return self._revoked.get(nonce, 0.0) > time.monotonic()
