"""Editor credentials: salted PBKDF2 hashes, compared in constant time.

Make a hash with `python -m geo.auth` and put it in `.streamlit/secrets.toml` under
[editors] or in MINEDASH_EDITORS ('name=hash' pairs separated by ';').
"""

from __future__ import annotations

import base64
import datetime as dt
import getpass
import hashlib
import hmac
import logging
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 240_000
EDITORS_ENV = "MINEDASH_EDITORS"
_DUMMY = f"{ALGORITHM}${ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 43 + "="


def hash_password(password: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    """'pbkdf2_sha256$iterations$salt$hash' for storing instead of the password."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    return "$".join([ALGORITHM, str(iterations), base64.b64encode(salt).decode(),
                     base64.b64encode(digest).decode()])


def verify_password(password: str, stored: str) -> bool:
    """Whether the password matches the stored hash (constant-time comparison)."""
    try:
        algorithm, iterations, salt, expected = stored.split("$")
        if algorithm != ALGORITHM:
            return False
        digest = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(salt),
                                     int(iterations))
        return hmac.compare_digest(digest, base64.b64decode(expected))
    except (ValueError, TypeError):
        return False


def editors_from(secrets_editors: Mapping[str, str] | None, environ: Mapping[str, str]) -> dict[str, str]:
    """Editor name -> password hash, from secrets and the MINEDASH_EDITORS variable."""
    editors = {str(k): str(v) for k, v in (secrets_editors or {}).items()}
    for pair in environ.get(EDITORS_ENV, "").split(";"):
        name, _, stored = pair.partition("=")
        if name.strip() and stored.strip():
            editors[name.strip()] = stored.strip()
    return editors


def authenticate(username: str, password: str, editors: Mapping[str, str]) -> bool:
    """True only for a configured editor with the right password; unknown names cost the same."""
    stored = editors.get(username.strip())
    matched = verify_password(password, stored or _DUMMY)
    return stored is not None and matched


LOG = logging.getLogger("minedash.signin")


@dataclass(frozen=True)
class Backoff:
    """After `free` failures, each further attempt waits twice as long as the last (capped)."""

    free: int = 5
    window: dt.timedelta = dt.timedelta(hours=1)
    base_seconds: float = 2.0
    max_seconds: float = 900.0

    def wait_seconds(self, failures: list[dt.datetime], now: dt.datetime) -> float:
        """Seconds still to wait after these failures (0: an attempt may be checked now)."""
        if len(failures) < self.free:
            return 0.0
        delay = min(self.max_seconds, self.base_seconds * 2 ** (len(failures) - self.free))
        return max(0.0, (failures[-1] - now).total_seconds() + delay)


@dataclass(frozen=True)
class SignInResult:
    """Whether a sign-in worked, and if it was refused unchecked, how long to wait."""

    ok: bool
    wait_seconds: float = 0.0


FailureLookup = Callable[[str, str, dt.datetime], list[dt.datetime]]
Recorder = Callable[[str, str, bool], None]


def throttled_sign_in(username: str, password: str, client: str, editors: Mapping[str, str],
                      failures: FailureLookup, record: Recorder, backoff: Backoff = Backoff(),
                      now: dt.datetime | None = None) -> SignInResult:
    """Check a sign-in unless the user name or the client is backing off; log every attempt.

    While either must wait, the password is not even checked (the right one is refused too)
    and the attempt does not lengthen the wait, so "try again in N seconds" stays true.
    The log holds who, from where, when and whether it worked: never the password.
    """
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    name = username.strip()
    since = now - backoff.window
    wait = max(backoff.wait_seconds(failures("username", name, since), now),
               backoff.wait_seconds(failures("client", client, since), now))
    if wait > 0:
        LOG.warning("sign-in refused while backing off: user=%r client=%r wait=%.0fs", name, client, wait)
        return SignInResult(False, wait)
    ok = authenticate(name, password, editors)
    record(name, client, ok)
    if not ok:
        LOG.warning("failed sign-in: user=%r client=%r", name, client)
    return SignInResult(ok)


def main() -> None:
    """Print a hash for a password typed at the prompt."""
    password = getpass.getpass("Editor password: ")
    if len(password) < 10:
        raise SystemExit("use at least 10 characters")
    print(hash_password(password))


if __name__ == "__main__":
    main()
