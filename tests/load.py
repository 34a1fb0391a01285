"""Many browser sessions changing filters at once against one server, with its memory watched.

Shared by the CI load test (a few sessions, briefly) and `make bench` (20 sessions, 2 minutes).
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import Page, async_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.own_loop import run_on_own_loop

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
LAYERS = ("Reported finds", "Incidents", "Places", "Districts")
RAMP_SECONDS = 3.0


def rss_megabytes(pid: int) -> float:
    """Resident memory of a process."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class LoadResult:
    """What the sessions saw and what the server used."""

    sessions: int
    seconds: float
    actions: int = 0
    errors: list[str] = field(default_factory=list)
    rss_start: float = 0.0
    rss_peak: float = 0.0
    rss_end: float = 0.0


async def _idle(page: Page) -> None:
    await page.locator(IDLE).wait_for(state="attached", timeout=120_000)


async def _session(browser, url: str, until: float, seed: int, result: LoadResult, pid: int) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.on("pageerror", lambda error: result.errors.append(f"page error: {error}"))
    generator = random.Random(seed)
    try:
        await asyncio.sleep(RAMP_SECONDS * seed)  # people arrive over a minute, not at one instant
        await page.goto(url, timeout=120_000)
        await _idle(page)
        while time.monotonic() < until:
            sidebar = page.get_by_test_id("stSidebar")
            choice = generator.random()
            if choice < 0.6:
                await sidebar.get_by_text(generator.choice(LAYERS), exact=True).click()
            elif choice < 0.8:
                await page.get_by_role("link", name="Sources and contradictions").click()
            else:
                await page.get_by_role("link", name="Overview").click()
            await page.wait_for_timeout(100)
            await _idle(page)
            result.actions += 1
            result.rss_peak = max(result.rss_peak, rss_megabytes(pid))
            if await page.get_by_test_id("stException").count():
                result.errors.append(await page.get_by_test_id("stException").first.inner_text())
    except Exception as error:
        result.errors.append(f"{type(error).__name__}: {str(error)[:200]}")
    finally:
        await context.close()


async def _run(url: str, pid: int, sessions: int, seconds: float, settle: float) -> LoadResult:
    result = LoadResult(sessions, seconds)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        warm = LoadResult(1, 10)
        await _session(browser, url, time.monotonic() + 10, 0, warm, pid)
        await asyncio.sleep(settle)
        result.rss_start = rss_megabytes(pid)
        until = time.monotonic() + seconds
        await asyncio.gather(*(_session(browser, url, until, n + 1, result, pid)
                               for n in range(sessions)))
        await browser.close()
    await asyncio.sleep(settle)
    result.rss_end = rss_megabytes(pid)
    return result


def run_load(url: str, pid: int, sessions: int, seconds: float, settle: float) -> LoadResult:
    """Drive `sessions` browser sessions for `seconds`; memory measured `settle` s after each phase."""
    return run_on_own_loop(_run(url, pid, sessions, seconds, settle))
