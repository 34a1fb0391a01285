"""Benchmark (run by `make bench`): every page's server time with 100,000 figures in the store.

Commits 100,000 synthetic figures (six sources, every district, five metrics, annual,
monthly and weekly figures and running totals) as one revision on top of the seed, then
times each page's script run under Streamlit's AppTest, cold (caches being filled) and warm
(the same page again), and the domain functions the pages call. Numbers are measurements on
this machine, not test assertions.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from geo.charts import (
    area_over_time,
    by_district,
    casualties_over_time,
    finds_by_category,
    vega_lite,
)
from geo.derive import claims_view, contradictions, events_view, flag_claims, implied_period_values
from geo.figures import district_figures, headlines
from geo.filters import Filters, filter_claims, period_bounds
from geo.model.tables import Tables
from geo.names import AliasIndex
from geo.search import search, search_text
from tests.synthetic_figures import store_with_figures

ROOT = Path(__file__).resolve().parent.parent
FIGURES = 100_000
PAGES = ("pages/overview.py", "pages/sources.py", "pages/upload.py", "pages/history.py")
TWO_DISTRICTS = ["district:lachin", "district:aghdam"]


def seconds(action: Callable[[], object], repeat: int = 1) -> float:
    """Median wall-clock seconds of `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _checked(app: AppTest) -> AppTest:
    if app.exception:
        raise RuntimeError(f"page failed: {app.exception}")
    return app


def page_times(state: dict | None = None) -> list[tuple[str, str]]:
    """Cold and warm server time of each page, in one AppTest session (caches shared).

    AppTest runs app.py (sidebar) only on its first run and the page alone afterwards, so
    'warm' is the page's own script; the sidebar's share shows in the first run's numbers.
    """
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    for key, value in (state or {}).items():
        app.session_state[key] = value
    rows = []
    cold = seconds(lambda: _checked(app.run()))
    warm = seconds(lambda: _checked(app.run()), repeat=3)
    rows.append(("Overview (first run: sidebar + page)", f"cold {cold:.2f} s, warm {warm:.2f} s"))
    for page in PAGES:
        app.switch_page(page)
        cold = seconds(lambda: _checked(app.run()))
        warm = seconds(lambda: _checked(app.run()), repeat=3)
        rows.append((page, f"first visit {cold:.2f} s, warm {warm:.2f} s"))
    app.switch_page("pages/sources.py").run()
    app.text_input(key="sources_search").set_value("Berdzor")
    cold = seconds(lambda: _checked(app.run()))
    warm = seconds(lambda: _checked(app.run()), repeat=3)
    rows.append(("pages/sources.py searching 'Berdzor' (first search builds the index)",
                 f"first {cold:.2f} s, warm {warm:.2f} s"))
    return rows


def domain_times(tables: Tables) -> list[tuple[str, str]]:
    """The derivations the pages call, timed on the whole store."""
    rows = [("claims view (join, labels, periods)", f"{seconds(lambda: claims_view(tables)):.2f} s")]
    view = claims_view(tables)
    rows.append(("flag claims (contradictions + falling totals)",
                 f"{seconds(lambda: flag_claims(view)):.2f} s"))
    claims = flag_claims(view)
    first, last = period_bounds(claims, events_view(tables))
    everything = filter_claims(claims, Filters(first, last))
    two = filter_claims(claims, Filters(first, last, districts=tuple(TWO_DISTRICTS)))
    text = search_text(claims)
    index = AliasIndex(tables.places, tables.names)
    for label, action in (
        ("filter claims", lambda: filter_claims(claims, Filters(first, last))),
        ("headlines", lambda: headlines(everything)),
        ("district figures (annual)", lambda: district_figures(everything, "area_reported_cleared")),
        ("contradictions", lambda: contradictions(everything)),
        ("implied values between running totals", lambda: implied_period_values(everything)),
        ("search text for every claim", lambda: search_text(claims)),
        ("search 'Berdzor'", lambda: search(everything, text, "Berdzor", index)),
        ("search '54841'", lambda: search(everything, text, "54841", index)),
        ("four charts to Vega-Lite", lambda: [vega_lite(c) for c in (
            area_over_time(everything), casualties_over_time(everything),
            finds_by_category(everything),
            by_district(district_figures(everything, "area_reported_cleared"),
                        "area_reported_cleared"))]),
        ("area chart, two districts", lambda: vega_lite(area_over_time(two))),
    ):
        rows.append((label, f"{seconds(action, repeat=3) * 1000:.0f} ms"))
    return rows


def main() -> None:
    """Print one Markdown table of measurements."""
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "figures.sqlite"
        start = time.perf_counter()
        store = store_with_figures(db_path, FIGURES)
        rows = [(f"commit {FIGURES:,} figures (setup)", f"{time.perf_counter() - start:.1f} s")]
        tables = store.snapshot()
        rows.append(("figures in the store", f"{len(tables.claims):,}"))
        rows += domain_times(tables)
        os.environ["MINEDASH_DB_PATH"] = str(db_path)
        os.environ.pop("MINEDASH_DB_URL", None)
        rows += page_times()
        rows += [(f"{name}, two districts chosen", value)
                 for name, value in page_times({"f_districts": TWO_DISTRICTS})[:2]]
    print(f"\n### Pages and derivations with {FIGURES:,} figures\n")
    print("| measurement | result |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
