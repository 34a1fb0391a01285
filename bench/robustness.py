"""Benchmark: the robustness tests at full counts, for SECURITY.md. Run with `make bench`.

Generated hostile files (property tests with the 'bench' profile), concurrent commits from two
processes, SIGKILLs during large commits (SQLite and PostgreSQL), and 20 browser sessions
changing filters for two minutes with the server's memory watched.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.browser.conftest import start_server
from tests.load import run_load
from tests.synthetic import store_with_finds

ROOT = Path(__file__).resolve().parent.parent
ROUNDS, KILLS, SESSIONS, SECONDS = 50, 30, 20, 120


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
        process, url = start_server(path, {"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": "10"})
        try:
            load = run_load(url, process.pid, SESSIONS, SECONDS, settle=30)
        finally:
            process.terminate()
            process.wait(timeout=30)
    rows.append((f"{SESSIONS} browser sessions changing filters for {SECONDS} s: actions, errors",
                 f"{load.actions:,} actions, {len(load.errors)} errors"))
    rows.append(("server memory before / peak / 30 s after the sessions closed",
                 f"{load.rss_start:.0f} / {load.rss_peak:.0f} / {load.rss_end:.0f} MB "
                 f"({load.rss_end / load.rss_start - 1:+.0%})"))
    print("| robustness measurement | result |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    for error in load.errors[:5]:
        print(f"\nsession error: {error}")


if __name__ == "__main__":
    main()
