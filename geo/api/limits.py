"""The read API's bounds: page size, bytes per response, requests per client, answers at once.

Settings (environment): MINEDASH_API_MAX_PAGE (rows per page, default 1000),
MINEDASH_API_MAX_MB (bytes per response, default 8), MINEDASH_API_RATE (requests per second
per client, default 20, with bursts of three seconds' worth) and MINEDASH_API_WORKERS (answers
built at once, default 2; the rest wait their turn for up to 30 s, then get 503).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass

from geo.settings import setting

MAX_CLIENTS = 10_000
BURST_SECONDS = 3.0


@dataclass(frozen=True)
class ApiLimits:
    """The bounds in force."""

    max_page: int = 1000
    max_bytes: int = 8 * 1024 * 1024
    rate: float = 20.0
    workers: int = 2
    queue_seconds: float = 30.0

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> ApiLimits:
        """The limits set by MINEDASH_API_* (geo/settings.py); junk falls back to defaults."""
        return cls(max_page=setting("MINEDASH_API_MAX_PAGE", environ),
                   max_bytes=int(setting("MINEDASH_API_MAX_MB", environ) * 1024 * 1024),
                   rate=setting("MINEDASH_API_RATE", environ),
                   workers=setting("MINEDASH_API_WORKERS", environ))


class Throttle:
    """A token bucket per client: `rate` requests a second, bursts of BURST_SECONDS' worth.

    Clients are keyed by their real address (forwarded ones only from trusted proxies); the
    table keeps the MAX_CLIENTS most recent, so a spray of addresses cannot grow it."""

    def __init__(self, rate: float, clock=time.monotonic) -> None:
        self.rate = rate
        self.burst = max(1.0, rate * BURST_SECONDS)
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def wait_for(self, client: str) -> float:
        """0 when this request may go ahead (a token is spent), else seconds until it may."""
        now = self._clock()
        with self._lock:
            tokens, then = self._buckets.pop(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - then) * self.rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
            self._buckets[client] = (tokens - 1 if wait == 0 else tokens, now)
            while len(self._buckets) > MAX_CLIENTS:
                self._buckets.popitem(last=False)
        return wait
