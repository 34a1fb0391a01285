"""Run a coroutine on its own event loop, even when the test thread already runs one."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

Result = TypeVar("Result")


def run_on_own_loop(coroutine: Coroutine[Any, Any, Result]) -> Result:
    """Run `coroutine` to completion in a fresh thread with a fresh loop.

    Playwright's sync API leaves an event loop running in the worker's thread once a browser
    test has run there, and `asyncio.run` refuses to start inside it.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
