"""Editor credentials: salted PBKDF2 hashes, compared in constant time.

Make a hash with `python -m geo.auth` and put it in `.streamlit/secrets.toml` under
[editors] or in MINEDASH_EDITORS ('name=hash' pairs separated by ';').
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import secrets
from collections.abc import Mapping

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


def main() -> None:
    """Print a hash for a password typed at the prompt."""
    password = getpass.getpass("Editor password: ")
    if len(password) < 10:
        raise SystemExit("use at least 10 characters")
    print(hash_password(password))


if __name__ == "__main__":
    main()
