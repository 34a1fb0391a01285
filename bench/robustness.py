"""Benchmark: the robustness tests at full counts, for SECURITY.md. Run with `make bench`.

Generated hostile files (property tests with the 'bench' profile), concurrent commits from two
processes, SIGKILLs during large commits (SQLite and PostgreSQL), 20 browser sessions
changing filters for two minutes with the server's memory watched, a sign-in spray (40 names
once each from 10 rotating forwarded addresses behind a trusted proxy) and 10 editors' sessions
each uploading a 55 MB file.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from geo.auth import hash_password
from tests.browser.conftest import start_server
from tests.load import run_load, run_signin_spray, run_upload_memory
from tests.synthetic import store_with_finds

ROOT = Path(__file__).resolve().parent.parent
ROUNDS, KILLS, SESSIONS, SECONDS = 50, 30, 20, 120
SPRAY_ADDRESSES, SPRAY_NAMES, SPRAY_CAP, UPLOADS, UPLOAD_MB = 10, 4, 20, 10, 55
PASSWORD = "correct horse battery"


def _pytest(paths: list[str], env: dict[str, str], *extra: str) -> str:
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *extra, *paths]
    done = subprocess.run(command, cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stdout[-3000:] + done.stderr[-3000:])
    return done.stdout


def generated_files() -> int:
    """How many generated files the property tests tried (all read or clearly refused)."""
    output = _pytest(["tests/test_upload_properties.py"], {"HYPOTHESIS_PROFILE": "bench"},
                     "--hypothesis-show-statistics")
    return sum(int(n) for n in re.findall(r"(\d+) passing", output))


def main() -> None:
    """Print one Markdown table."""
    rows: list[tuple[str, str]] = []
    files = generated_files()
    rows.append(("generated CSV, XLSX, GeoJSON and byte files read or refused clearly "
                 "(no other exception, numbers exact or reported, rows stored or reported)",
                 f"{files:,}"))
    _pytest(["tests/test_concurrency_and_kills.py"],
            {"MINEDASH_CONCURRENCY_ROUNDS": str(ROUNDS), "MINEDASH_KILLS": str(KILLS)})
    rows.append(("rounds of two processes committing at the same moment, per backend "
                 "(SQLite, PostgreSQL): revisions complete, none half-seen", f"{ROUNDS} + {ROUNDS}"))
    rows.append(("SIGKILLs at random moments of a 20,000-row commit, per backend: store "
                 "consistent, revision whole or absent, app starts", f"{KILLS} + {KILLS}"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "load.sqlite"
        store_with_finds(path, 10_000)
        editors = f"editor={hash_password(PASSWORD, iterations=1000)}"
        process, url = start_server(path, {"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": "10",
                                           "MINEDASH_EDITORS": editors})
        try:
            load = run_load(url, process.pid, SESSIONS, SECONDS, settle=30)
            uploads = run_upload_memory(url, process.pid, UPLOADS, UPLOAD_MB, PASSWORD,
                                        Path(folder), settle=30)
        finally:
            process.terminate()
            process.wait(timeout=30)
        process, url = start_server(Path(folder) / "spray.sqlite", {
            "MINEDASH_TRUSTED_PROXIES": "127.0.0.1", "MINEDASH_EDITORS": editors,
            "MINEDASH_SIGNIN_FAILURES_PER_MINUTE": str(SPRAY_CAP)})
        try:
            spray = run_signin_spray(url, SPRAY_ADDRESSES, SPRAY_NAMES)
        finally:
            process.terminate()
            process.wait(timeout=30)
    rows.append((f"{SESSIONS} browser sessions changing filters for {SECONDS} s: actions, errors",
                 f"{load.actions:,} actions, {len(load.errors)} errors"))
    rows.append(("server memory before / peak / 30 s after the sessions closed",
                 f"{load.rss_start:.0f} / {load.rss_peak:.0f} / {load.rss_end:.0f} MB "
                 f"({load.rss_end / load.rss_start - 1:+.0%})"))
    rows.append((f"sign-in spray: {SPRAY_ADDRESSES * SPRAY_NAMES} names once each from "
                 f"{SPRAY_ADDRESSES} rotating addresses (cap {SPRAY_CAP} failures a minute): "
                 "checked / refused unchecked", f"{spray.wrong} / {spray.refused}"))
    rows.append((f"{UPLOADS} editors' sessions uploading {UPLOAD_MB} MB each: server memory "
                 "before / all open / 30 s after they closed",
                 f"{uploads.rss_start:.0f} / {uploads.rss_held:.0f} / {uploads.rss_end:.0f} MB "
                 f"({uploads.statuses.count(204)} of {UPLOADS} accepted)"))
    print("| robustness measurement | result |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    for error in [*load.errors[:5], *spray.errors[:5], *uploads.errors[:5]]:
        print(f"\nsession error: {error}")


if __name__ == "__main__":
    main()
