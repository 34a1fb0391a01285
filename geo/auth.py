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
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from geo.settings import setting

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 240_000
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


def editors_from(secrets_editors: Mapping[str, str] | None,
                 environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Editor name -> password hash, from secrets and the MINEDASH_EDITORS setting."""
    editors = {str(k): str(v) for k, v in (secrets_editors or {}).items()}
    for pair in setting("MINEDASH_EDITORS", environ).split(";"):
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
class AuthSettings:
    """The deployment's sign-in settings (declared in geo/settings.py)."""

    trusted_proxies: tuple[str, ...] = ()
    failures_per_minute: int = 20
    signin_hours: float = 12.0
    secret: str = ""

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> AuthSettings:
        """MINEDASH_TRUSTED_PROXIES, MINEDASH_SIGNIN_FAILURES_PER_MINUTE, MINEDASH_SIGNIN_HOURS
        and MINEDASH_SECRET_KEY from `environ` (default: the process's environment); a value
        that cannot be used raises SettingError naming it."""
        return cls(trusted_proxies=setting("MINEDASH_TRUSTED_PROXIES", environ),
                   failures_per_minute=setting("MINEDASH_SIGNIN_FAILURES_PER_MINUTE", environ),
                   signin_hours=setting("MINEDASH_SIGNIN_HOURS", environ),
                   secret=setting("MINEDASH_SECRET_KEY", environ))


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
class Throttle:
    """How guessing is slowed, in three layers (see throttled_sign_in).

    pair: one name from one client. client: one client, whatever names it tries.
    failures_per_minute: failed attempts from everyone together. known_for: how long a
    client that signed a name in stays known for it (and known to the global cap).
    """

    pair: Backoff = Backoff(free=5)
    client: Backoff = Backoff(free=10)
    failures_per_minute: int = 20
    known_for: dt.timedelta = dt.timedelta(days=30)


@dataclass(frozen=True)
class SignInResult:
    """Whether a sign-in worked, and if it was refused unchecked, how long to wait."""

    ok: bool
    wait_seconds: float = 0.0


class AttemptLog(Protocol):
    """Where attempts are recorded and read back (geo.store.SignInLog)."""

    def record(self, username: str, client: str, ok: bool, at: dt.datetime | None = None) -> None:
        """Log one attempt."""

    def pair_failures_since_success(self, username: str, client: str,
                                    since: dt.datetime) -> list[dt.datetime]:
        """Failures of a name from a client after that pair's last success."""

    def failures_since(self, since: dt.datetime, client: str | None = None) -> list[dt.datetime]:
        """Failures after `since`, from one client or from anyone."""

    def succeeded_since(self, client: str, since: dt.datetime, username: str | None = None) -> bool:
        """Whether anyone (or this name) signed in from this client after `since`."""


def throttled_sign_in(username: str, password: str, client: str, editors: Mapping[str, str],
                      log: AttemptLog, throttle: Throttle = Throttle(),
                      now: dt.datetime | None = None) -> SignInResult:
    """Check a sign-in unless it must wait; log every attempt that is checked.

    Three layers, so that guessing is slow but nobody can lock an editor out from elsewhere:
    - one name from one client backs off after a few failures (`throttle.pair`);
    - one client backs off after more failures across all names (`throttle.client`), except
      for a name it has signed in before: a colleague behind the same address guessing other
      names does not lock that editor out (the pair's own back-off still holds);
    - at most `throttle.failures_per_minute` failures are checked each minute from everyone
      together, so many names tried once each from rotating addresses stay slow; a client
      that signed someone in recently is not held by this cap, so a spray from elsewhere
      cannot lock the usual editors out.
    Failures of one name from other clients never lock that name's editor out.
    While an attempt must wait, the password is not even checked (the right one is refused
    too) and the attempt does not lengthen the wait, so "try again in N seconds" stays true.
    The log holds who, from where, when and whether it worked: never the password.
    """
    with _CHECKING:  # check and record as one step, so simultaneous attempts cannot pass the cap
        return _throttled(username, password, client, editors, log, throttle, now)


_CHECKING = threading.Lock()


def _throttled(username: str, password: str, client: str, editors: Mapping[str, str],
               log: AttemptLog, throttle: Throttle, now: dt.datetime | None) -> SignInResult:
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    name = username.strip()
    recent = now - throttle.pair.window
    known_since = now - throttle.known_for
    waits = [throttle.pair.wait_seconds(log.pair_failures_since_success(name, client, recent), now)]
    if not log.succeeded_since(client, known_since, username=name):
        waits.append(throttle.client.wait_seconds(
            log.failures_since(now - throttle.client.window, client), now))
    if not log.succeeded_since(client, known_since):
        last_minute = log.failures_since(now - dt.timedelta(minutes=1))
        if len(last_minute) >= throttle.failures_per_minute:
            oldest_counted = last_minute[len(last_minute) - throttle.failures_per_minute]
            waits.append(max(1.0, (oldest_counted - now).total_seconds() + 60))
    wait = max(waits)
    if wait > 0:
        LOG.warning("sign-in refused while backing off: user=%r client=%r wait=%.0fs", name, client, wait)
        return SignInResult(False, wait)
    ok = authenticate(name, password, editors)
    log.record(name, client, ok, now)
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
