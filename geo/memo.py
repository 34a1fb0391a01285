"""Bounded memos shared by threads: the Overview's charts and cards, the map indexes' answers
per filter set."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol, TypeVar

T = TypeVar("T")


class Memo(Protocol):
    """Get a value by key, building it on a miss (the app passes a bounded shared memo)."""

    def __call__(self, key: tuple, build: Callable[[], T]) -> T: ...


class BoundedMemo:
    """Values by key, the least recently used dropped past `size`; shared by threads."""

    def __init__(self, size: int) -> None:
        self.size, self._values, self._lock = size, OrderedDict(), threading.Lock()

    def __call__(self, key: tuple, build: Callable[[], T]) -> T:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = build()  # outside the lock: sessions do not wait on each other's builds
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value


def no_memo(key: tuple, build: Callable[[], T]) -> T:
    """Build every time (tests, the brief)."""
    return build()
