"""Each script run's server time, appended to the file `MINEDASH_RUN_LOG` names (unset: off).

For benchmarks and for finding slow pages: one tab-separated line per completed run (the page,
seconds from the start of app.py to the end of the page). Runs that Streamlit stops or
restarts midway are not written.
"""

from __future__ import annotations

import time

from geo.settings import setting

RUN_LOG = setting("MINEDASH_RUN_LOG")


def run_started() -> float:
    """The moment this script run started."""
    return time.perf_counter()


def run_finished(started: float, page: str) -> None:
    """Append the page and this run's seconds to the run log, when one is configured."""
    if RUN_LOG:
        with open(RUN_LOG, "a", encoding="utf-8") as log:
            log.write(f"{page or 'overview'}\t{time.perf_counter() - started:.4f}\n")
