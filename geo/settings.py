"""Every setting of a deployment, declared once: its environment variable, default, how it is
read and what it means. This module is the only reader of the environment; the README's
configuration table is checked against SETTINGS by a test, and the server warns at start of
any MINEDASH_* variable that is not one of them (a misspelt setting does nothing otherwise).

A value that cannot be read either falls back to the default with a warning, or, for
settings where a wrong guess would be unsafe (which proxies to believe, how long a sign-in
lasts), stops the server with a message naming the variable.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import math
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from rapidfuzz import process

LOG = logging.getLogger("minedash.settings")
PREFIX = "MINEDASH_"


class SettingError(ValueError):
    """A setting whose value cannot be used; the message names the variable."""


@dataclass(frozen=True)
class Setting:
    """One environment variable: its default (as the README writes it), reader and meaning."""

    name: str
    default: str
    parse: Callable[[str], Any]
    help: str
    refuse_junk: bool = False  # stop rather than fall back to the default

    def read(self, environ: Mapping[str, str] | None = None) -> Any:
        """The value in force: the variable's, else the default's."""
        text = (os.environ if environ is None else environ).get(self.name, "").strip()
        if not text:
            return self.parse(self.default)
        try:
            return self.parse(text)
        except (ValueError, OverflowError) as error:
            if self.refuse_junk:
                raise SettingError(f"{self.name}: {error}") from error
            LOG.warning("%s=%r cannot be used (%s); using the default %r", self.name, text[:80],
                        error, self.default)
            return self.parse(self.default)


def text(value: str) -> str:
    """Any text (empty: unset)."""
    return value


def words(value: str) -> tuple[str, ...]:
    """Items separated by spaces, commas or semicolons."""
    return tuple(part for part in re.split(r"[\s,;]+", value) if part)


def _number(lowest: float, highest: float = math.inf, whole: bool = False,
            above: bool = False) -> Callable[[str], float]:
    def parse(value: str) -> float:
        number = float(value)
        if not math.isfinite(number) or number < lowest or (above and number == lowest) \
                or number > highest or (whole and not number.is_integer()):
            kind = "a whole number" if whole else "a number"
            limit = f"above {lowest:g}" if above else f"from {lowest:g}"
            raise ValueError(f"must be {kind} {limit}" + (
                f" to {highest:g}" if math.isfinite(highest) else ""))
        return int(number) if whole else number
    return parse


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _networks(value: str) -> tuple[str, ...]:
    found = words(value)
    for item in found:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError as error:
            raise ValueError(f"{item!r} is not an address or network") from error
    return found


SETTINGS: dict[str, Setting] = {s.name: s for s in (
    Setting("MINEDASH_DB_PATH", "var/minedash.sqlite", text,
            "SQLite file of the embedded store; created, migrated and seeded on first start"),
    Setting("MINEDASH_DB_URL", "", text,
            "any SQLAlchemy URL instead of the SQLite file, e.g. PostgreSQL with PostGIS"),
    Setting("MINEDASH_EDITORS", "", text,
            "editors as name=hash pairs separated by ';' (or .streamlit/secrets.toml)"),
    Setting("MINEDASH_SECRET_KEY", "", text,
            "signs the sign-in cookie (default: Streamlit's server.cookieSecret); the same on "
            "every instance"),
    Setting("MINEDASH_TRUSTED_PROXIES", "", _networks,
            "addresses or networks whose X-Forwarded-For is believed", refuse_junk=True),
    Setting("MINEDASH_SIGNIN_HOURS", "12", _number(0, above=True),
            "how long an editor stays signed in across reloads and tabs", refuse_junk=True),
    Setting("MINEDASH_SIGNIN_FAILURES_PER_MINUTE", "20", _number(1, whole=True),
            "failed sign-ins per minute from everyone together before further tries wait",
            refuse_junk=True),
    Setting("MINEDASH_UPLOAD_MAX_MB", "60", _number(1, whole=True),
            "largest upload (also Streamlit's server.maxUploadSize)"),
    Setting("MINEDASH_UPLOAD_MAX_ROWS", "300000", _number(1, whole=True), "most rows an upload may hold"),
    Setting("MINEDASH_UPLOAD_READ_SECONDS", "90", _number(0, 86_400, above=True),
            "time a file's reading worker may take before it is stopped"),
    Setting("MINEDASH_UPLOAD_READ_MB", "4096", _number(1, whole=True),
            "memory a file's reading worker may use before it is stopped"),
    Setting("MINEDASH_EARLIEST_DATE", "1988-01-01", _date,
            "the earliest date a figure or event may have"),
    Setting("MINEDASH_LATEST_DATE", "", _date,
            "the latest date a figure or event may have (default: a year after today)"),
    Setting("MINEDASH_FEEDS", "", words,
            "news feeds (RSS/Atom addresses) the Statements page reads into its inbox"),
    Setting("MINEDASH_MAP_FIRST_WAIT", "3", _number(0),
            "seconds the Overview holds its charts back for its map's first draw (0: never)"),
    Setting("MINEDASH_RUN_LOG", "", text,
            "a file each completed script run appends its page and server seconds to"),
    Setting("MINEDASH_INSTANCE", "", text,
            "this instance's name in the health check (default: host and process id)"),
    Setting("MINEDASH_API_MAX_PAGE", "1000", _number(1, whole=True), "rows per page of the read API"),
    Setting("MINEDASH_API_MAX_MB", "8", _number(0.01), "bytes per response of the read API"),
    Setting("MINEDASH_API_RATE", "20", _number(0.01),
            "read-API requests per second per client (bursts of 3 s' worth, then 429)"),
    Setting("MINEDASH_API_WORKERS", "2", _number(1, whole=True),
            "read-API answers built at once (the rest wait up to 30 s, then 503)"),
)}


def setting(name: str, environ: Mapping[str, str] | None = None) -> Any:
    """The value in force of a declared setting (KeyError for an undeclared name)."""
    return SETTINGS[name].read(environ)


def unknown_settings(environ: Mapping[str, str] | None = None) -> list[str]:
    """Warnings for MINEDASH_* variables that are not settings, with the likeliest meant."""
    found = []
    for name in sorted(os.environ if environ is None else environ):
        if name.startswith(PREFIX) and name not in SETTINGS:
            best = process.extractOne(name, list(SETTINGS))
            hint = f"; did you mean {best[0]}?" if best and best[1] >= 80 else ""
            found.append(f"{name} is not a setting of this app and does nothing{hint}")
    return found
