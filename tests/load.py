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


@dataclass
class SprayResult:
    """A sign-in spray: names tried once each from rotating addresses."""

    attempts: int = 0
    refused: int = 0
    wrong: int = 0
    errors: list[str] = field(default_factory=list)


async def _spray_from(browser, url: str, address: str, names: list[str], result: SprayResult) -> None:
    context = await browser.new_context(extra_http_headers={"X-Forwarded-For": address})
    page = await context.new_page()
    try:
        await page.goto(f"{url}/upload", timeout=120_000)
        await _idle(page)
        for name in names:
            await page.get_by_label("Editor name").fill(name)
            await page.get_by_role("textbox", name="Password").fill("a guess")
            await page.get_by_role("button", name="Sign in").click()
            outcome = page.get_by_text("Too many failed sign-ins").or_(
                page.get_by_text("Wrong name or password"))
            await outcome.first.wait_for(timeout=120_000)
            result.attempts += 1
            if await page.get_by_text("Too many failed sign-ins").count():
                result.refused += 1
            else:
                result.wrong += 1
    except Exception as error:
        result.errors.append(f"{type(error).__name__}: {str(error)[:200]}")
    finally:
        await context.close()


async def _spray(url: str, addresses: int, names_each: int, parallel: int) -> SprayResult:
    result = SprayResult()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for start in range(0, addresses, parallel):
            await asyncio.gather(*(
                _spray_from(browser, url, f"203.0.113.{n + 1}",
                            [f"name{n}-{k}" for k in range(names_each)], result)
                for n in range(start, min(addresses, start + parallel))))
        await browser.close()
    return result


def run_signin_spray(url: str, addresses: int, names_each: int, parallel: int = 4) -> SprayResult:
    """Try `names_each` new names once each from each of `addresses` forged addresses
    (203.0.113.x in X-Forwarded-For), `parallel` browsers at a time."""
    return run_on_own_loop(_spray(url, addresses, names_each, parallel))


@dataclass
class UploadMemory:
    """Server memory around large uploads from several signed-in editors' sessions."""

    uploads: int
    megabytes: int
    statuses: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rss_start: float = 0.0
    rss_held: float = 0.0
    rss_peak: float = 0.0
    rss_end: float = 0.0


async def _upload_once(browser, url: str, file: Path, password: str, result: UploadMemory,
                       pid: int) -> object:
    context = await browser.new_context()
    page = await context.new_page()
    page.on("response", lambda r: result.statuses.append(r.status)
            if "/_stcore/upload_file/" in r.url and r.request.method == "PUT" else None)
    cookie_answers: list[int] = []
    page.on("response", lambda r: cookie_answers.append(r.status) if "/api/signin/" in r.url else None)
    try:
        await page.goto(f"{url}/upload", timeout=120_000)
        await _idle(page)
        await page.get_by_label("Editor name").fill("editor")
        await page.get_by_role("textbox", name="Password").fill(password)
        await page.get_by_role("button", name="Sign in").click()
        await page.get_by_text("Signed in as").wait_for(timeout=120_000)
        await page.locator("body[data-minedash-signin='set']").wait_for(state="attached",
                                                                         timeout=60_000)
        before = len(result.statuses)
        await page.locator("input[type=file]").set_input_files(str(file))
        deadline = time.monotonic() + 300
        while len(result.statuses) == before and time.monotonic() < deadline:
            await page.wait_for_timeout(250)
        await page.wait_for_timeout(500)
        await _idle(page)
        result.rss_peak = max(result.rss_peak, rss_megabytes(pid))
    except Exception as error:
        result.errors.append(f"{type(error).__name__}: {str(error)[:200]} (cookie answers "
                             f"{cookie_answers})")
    return context


async def _uploads(url: str, pid: int, uploads: int, megabytes: int, password: str,
                   folder: Path, settle: float) -> UploadMemory:
    result = UploadMemory(uploads, megabytes)
    file = folder / "large.xlsx"  # not a workbook: read and refused quickly, held like any file
    file.write_bytes(bytes(range(256)) * (megabytes * 4096))
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        warm = await _upload_once(browser, url, file, password, UploadMemory(1, megabytes), pid)
        await warm.close()
        await asyncio.sleep(settle)
        result.rss_start = rss_megabytes(pid)
        contexts = []
        for _ in range(uploads):
            contexts.append(await _upload_once(browser, url, file, password, result, pid))
        result.rss_held = rss_megabytes(pid)
        for context in contexts:
            await context.close()
        await browser.close()
    await asyncio.sleep(settle)
    result.rss_end = rss_megabytes(pid)
    return result


def run_upload_memory(url: str, pid: int, uploads: int, megabytes: int, password: str,
                      folder: Path, settle: float) -> UploadMemory:
    """One editor's session after another uploads a `megabytes` file and stays open; then all
    close. Memory measured `settle` s after a warm-up upload, with all open, and after."""
    return run_on_own_loop(_uploads(url, pid, uploads, megabytes, password, folder, settle))
