"""Browser benchmark of the map at national scale, side by side with folium's FastMarkerCluster.

For 1k to 200k synthetic located finds (fixed seed, plus the seed data) it starts the app
(`server.py`) on a SQLite store and on a PostGIS store (a throwaway cluster, as the tests
make), and the FastMarkerCluster page (`bench/fmc_app.py`) on the SQLite store, and
measures in Debian's Chromium: how long the app's server takes after starting to be ready (its
health check), bytes the map frame received, the map's own draw (frame start to every layer
painted), the whole page (navigation to map drawn, and to the Overview's four charts drawn
after it), cold (a fresh browser on a freshly started
server, once it is ready) and warm (the median of three more loads), the server time of a filter
rerun, the time to individual finds after zooming to a village, the server's memory with five
sessions open, and the browser's JS heap. Prints one Markdown table, writes
docs/map-scale.json and a plot of how each measure grows (docs/map-scale.svg).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Frame, Page, sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, start_server
from tests.conftest import ROOT
from tests.postgres import postgis_cluster
from tests.synthetic import store_with_finds

SIZES = tuple(int(n) for n in os.environ.get("MINEDASH_BENCH_SIZES", "1000,10000,50000,100000,200000")
              .split(","))
ON_POSTGIS = "app on PostGIS"
VARIANTS = ("app", ON_POSTGIS, "FastMarkerCluster")
SESSIONS = 5
WARM_LOADS = 3
CHART_SVG = "[data-testid='stVegaLiteChart'] svg"
OVERVIEW_CHARTS = 4
RERUN_OPTIONS = ("Anti-personnel mine", "Anti-tank mine", "UXO", "IED / booby trap")
DOCS = ROOT / "docs"
# Runs in every frame before its own scripts: counts the render arguments a map frame is sent.
PROBE = """
(() => {
  window.__bench = {argsBytes: 0, cluster: 0};
  window.addEventListener("message", (event) => {
    try { window.__bench.argsBytes += JSON.stringify(event.data).length; } catch (e) {}
  });
})();
"""
FRAME_BYTES = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const resources = performance.getEntriesByType("resource").reduce((s, r) => s + r.transferSize, 0);
  return (nav ? nav.transferSize : 0) + resources + window.__bench.argsBytes;
}"""
RUN_WATCH = """() => {
  window.__runs = [];
  const app = document.querySelector('[data-testid="stApp"]');
  const name = "data-test-script-state";
  // Every state the attribute went through, even several between two callbacks (a fast run).
  new MutationObserver((records) => {
    const now = performance.now();
    records.slice(1).map((r) => r.oldValue).concat([app.getAttribute(name)])
      .forEach((state) => window.__runs.push([state, now]));
  }).observe(app, {attributes: true, attributeOldValue: true, attributeFilter: [name]});
}"""


class Variant:
    """How to start one of the two pages and tell when its map has drawn."""

    def __init__(self, name: str, script: str, drawn: str, draw_time: str) -> None:
        self.name, self.script, self.drawn, self.draw_time = name, script, drawn, draw_time


# Every layer on by default: districts (with places and outlines), finds, incidents, hazard areas.
APP_LAYERS = "['districts', 'find', 'incident', 'hazards']"
APP = Variant(
    "app", "server.py",
    f"() => window.minedash && {APP_LAYERS}.every((k) => minedash.drawnAt[k])",
    f"() => Math.max(...{APP_LAYERS}.map((k) => minedash.drawnAt[k]))",
)
FMC = Variant(  # polled every 20 ms: notes when the first cluster icon is there
    "FastMarkerCluster", "bench/fmc_app.py",
    "() => Boolean(window.__bench.cluster = window.__bench.cluster"
    " || (document.querySelector('.marker-cluster') ? performance.now() : 0))",
    "() => window.__bench.cluster",
)


def _map_frame(page: Page) -> Frame:
    handle = page.locator(MAP_FRAME).last.element_handle(timeout=600_000)
    frame = handle.content_frame() if handle else None
    assert frame is not None
    return frame


def load(browser: Browser, url: str, variant: Variant) -> tuple[Page, dict]:
    """Open the page in a fresh context; seconds to map drawn, the map's own draw, bytes, heap."""
    context = browser.new_context(viewport={"width": 1500, "height": 1100})
    context.add_init_script(PROBE)
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    frame = _map_frame(page)
    frame.wait_for_function(variant.drawn, timeout=900_000, polling=20)
    page_seconds = time.perf_counter() - start
    charts_seconds = None
    if variant is APP:  # the Overview's four charts, which the page writes after the map
        page.locator(CHART_SVG).nth(OVERVIEW_CHARTS - 1).wait_for(timeout=900_000)
        charts_seconds = time.perf_counter() - start
    cdp = context.new_cdp_session(page)
    cdp.send("HeapProfiler.collectGarbage")
    heap = cdp.send("Runtime.getHeapUsage")["usedSize"]
    return page, {
        "page_s": page_seconds, "charts_s": charts_seconds,
        "draw_s": frame.evaluate(variant.draw_time) / 1000,
        "bytes": frame.evaluate(FRAME_BYTES), "heap_mb": heap / 1e6,
    }


def choose_device(page: Page, option: str) -> None:
    """Add a device category in the sidebar's filter (which reruns the page)."""
    page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(
        has_text="Device category").locator("input").click()  # the box, not a chosen item
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def logged_runs(run_log: Path) -> int:
    """How many runs the server has written to its run log."""
    return len(run_log.read_text().splitlines())


def next_run_seconds(run_log: Path, logged: int) -> float:
    """Server seconds of the first run written after `logged` runs (waiting for it)."""
    deadline = time.monotonic() + 600
    while (len(lines := run_log.read_text().splitlines()) <= logged) and time.monotonic() < deadline:
        time.sleep(0.05)
    return float(lines[logged].split("\t")[1])


def rerun_seconds(page: Page, option: str, run_log: Path) -> tuple[float, float]:
    """Seconds of the rerun after adding a device category in the sidebar: on the server (the
    script run, from the app's run log) and as seen in the browser (script state running to
    not running, which also holds the browser's handling of the run's messages)."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        state="attached", timeout=600_000)
    logged = logged_runs(run_log)
    page.evaluate(RUN_WATCH)
    choose_device(page, option)
    server = next_run_seconds(run_log, logged)
    page.wait_for_function("() => window.__runs.some(r => r[0] === 'notRunning')",
                           timeout=600_000, polling=20)
    runs = page.evaluate("() => window.__runs")
    started = next(t for state, t in runs if state == "running")
    ended = next(t for state, t in runs if state == "notRunning" and t >= started)
    return server, (ended - started) / 1000


def rerun_on_server(page: Page, option: str, run_log: Path) -> float:
    """Add a device category and wait for the server to finish the rerun (its seconds)."""
    logged = logged_runs(run_log)
    choose_device(page, option)
    return next_run_seconds(run_log, logged)


def village_seconds(page: Page, variant: Variant) -> float:
    """Seconds from the end of a zoom onto the busiest village until its finds are drawn."""
    frame = _map_frame(page)
    if variant is APP:
        return frame.evaluate("""async () => {
            const cells = minedash.ctx.finds.data.cells || [];
            const top = cells.reduce((a, c) => (c[2] > a[2] ? c : a), [46.54, 39.59, 0]);
            const before = minedash.drawnAt.find;
            let ended = 0;
            window.map.once("moveend", () => { ended = performance.now(); });
            window.map.setView([top[1], top[0]], 16, {animate: false});
            while (minedash.drawnAt.find === before) { await new Promise(r => setTimeout(r, 5)); }
            return (minedash.drawnAt.find - ended) / 1000;
        }""")
    return frame.evaluate("""async () => {
        let ended = 0;
        window.map.once("moveend", () => { ended = performance.now(); });
        window.map.setView([39.59, 46.54], 16, {animate: false});
        await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
        return (performance.now() - ended) / 1000;
    }""")


def rerun_medians(page: Page, run_log: Path, options: tuple[str, ...] = RERUN_OPTIONS
                  ) -> tuple[float, float]:
    """Median server and browser seconds over reruns, one per device category added."""
    server, seen = zip(*(rerun_seconds(page, option, run_log) for option in options), strict=True)
    return statistics.median(server), statistics.median(seen)


def started_with_run_log(db: Path | str, script: str) -> tuple[subprocess.Popen, str, Path]:
    """A server of the script on the store, writing its run log; (process, url, log path)."""
    run_log = Path(tempfile.mkdtemp()) / "runs.tsv"
    run_log.touch()
    process, url = start_server(db, {"MINEDASH_RUN_LOG": str(run_log)}, script=script)
    return process, url, run_log


def wait_until_ready(url: str, started: float) -> float:
    """Seconds from `started` (time.monotonic) until the app's health check says it is ready:
    the views of the data in force are built, as a load balancer would wait for."""
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{url}/api/health", timeout=30) as response:
            if json.load(response)["ready"]:
                return time.monotonic() - started
        time.sleep(0.1)
    raise RuntimeError("the app was not ready within 900 s")


def warm_loads(browser: Browser, url: str, variant: Variant) -> tuple[Page, dict]:
    """WARM_LOADS loads in fresh browser contexts: the last page (left open) and the medians of
    the page and draw seconds (bytes and heap of the last)."""
    loads = [load(browser, url, variant) for _ in range(WARM_LOADS)]
    for page, _ in loads[:-1]:
        page.context.close()
    page, last = loads[-1]
    return page, {**last, **{key: statistics.median(r[key] for _, r in loads)
                             for key in ("page_s", "draw_s", "charts_s") if last[key] is not None}}


def rss_mb(pid: int) -> tuple[float, float]:
    """Resident and peak resident memory of a process, in MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def measure(browser: Browser, db: Path | str, variant: Variant) -> dict:
    """Cold and warm loads, a rerun, a village zoom and five sessions on one fresh server, on a
    SQLite file or a store URL."""
    served = ROOT / Path(variant.script).parent / "static"
    if not served.exists():  # Streamlit serves static/ beside the script it runs
        served.symlink_to(ROOT / "static", target_is_directory=True)
    started = time.monotonic()
    process, url, run_log = started_with_run_log(db, variant.script)
    try:
        # The comparison page has no health check: its first load reads the store itself.
        ready = wait_until_ready(url, started) if variant is APP else None
        cold_page, cold = load(browser, url, variant)
        cold_page.context.close()
        page, warm = warm_loads(browser, url, variant)
        result = {
            "ready_s": ready,
            "bytes": warm["bytes"], "draw_cold_s": cold["draw_s"], "draw_warm_s": warm["draw_s"],
            "page_cold_s": cold["page_s"], "page_warm_s": warm["page_s"], "heap_mb": warm["heap_mb"],
            "charts_warm_s": warm["charts_s"],
            "village_s": village_seconds(page, variant),
        }
        # The app: the median of four reruns, one per device category added; the comparison
        # page rebuilds every marker on each run, so one rerun of it is measured.
        options = RERUN_OPTIONS if variant is APP else RERUN_OPTIONS[:1]
        result["rerun_s"], result["rerun_seen_s"] = rerun_medians(page, run_log, options)
        pages = [page] + [load(browser, url, variant)[0] for _ in range(SESSIONS - 1)]
        for other in pages[1:]:
            rerun_on_server(other, RERUN_OPTIONS[0], run_log)
        result["rss_mb"], result["peak_rss_mb"] = rss_mb(process.pid)
        for other in pages:
            other.context.close()
        return result
    finally:
        process.terminate()
        process.wait(timeout=60)


def _cell(r: dict, key: str, fmt: Callable[[float], str]) -> str:
    return " / ".join(fmt(r[variant][key]) for variant in VARIANTS)


def table(results: dict[int, dict]) -> str:
    """One Markdown row per size: app on SQLite / app on PostGIS / FastMarkerCluster in every
    cell."""
    def mb(x: float) -> str:
        return f"{x / 1e6:.2f} MB"

    def s(x: float) -> str:
        return f"{x:.2f} s"

    def ready(x: float | None) -> str:
        return "–" if x is None else s(x)

    lines = [
        "| located finds | server ready after start | map bytes | map draw, cold | map draw, warm "
        "| Overview, cold | Overview, warm | Overview with its charts, warm | filter rerun, server "
        "| filter rerun, seen in the browser | village finds drawn | server RSS, 5 sessions (peak) "
        "| browser JS heap |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]

    def rss(x: dict) -> str:
        return f"{x['rss_mb']:.0f} ({x['peak_rss_mb']:.0f}) MB"

    for size, r in results.items():
        lines.append(
            f"| {size:,} | {_cell(r, 'ready_s', ready)} | {_cell(r, 'bytes', mb)} "
            f"| {_cell(r, 'draw_cold_s', s)} "
            f"| {_cell(r, 'draw_warm_s', s)} | {_cell(r, 'page_cold_s', s)} "
            f"| {_cell(r, 'page_warm_s', s)} | {_cell(r, 'charts_warm_s', ready)} "
            f"| {_cell(r, 'rerun_s', s)} | {_cell(r, 'rerun_seen_s', s)} "
            f"| {_cell(r, 'village_s', s)} "
            f"| {' / '.join(rss(r[v]) for v in VARIANTS)} "
            f"| {_cell(r, 'heap_mb', lambda x: f'{x:.0f} MB')} |"
        )
    return "\n".join(lines)


def plot(results: dict[int, dict], path: Path) -> None:
    """Small multiples: each measure against the number of finds, for every variant."""
    import altair as alt
    import pandas as pd
    import vl_convert

    measures = {"bytes": "map bytes (MB)", "draw_warm_s": "map draw, warm (s)",
                "page_warm_s": "Overview, warm (s)", "rerun_s": "filter rerun (s)",
                "peak_rss_mb": "server peak RSS (MB)", "heap_mb": "browser JS heap (MB)"}
    rows = [{"finds": size, "variant": variant, "measure": label,
             "value": r[variant][key] / (1e6 if key == "bytes" else 1)}
            for size, r in results.items() for variant in VARIANTS
            for key, label in measures.items()]
    chart = alt.Chart(pd.DataFrame(rows)).mark_line(point=True).encode(
        x=alt.X("finds:Q", scale=alt.Scale(type="log"), title="located finds"),
        y=alt.Y("value:Q", title=None), color=alt.Color("variant:N", title=None),
    ).properties(width=190, height=120).facet(facet="measure:N", columns=3).resolve_scale(y="independent")
    path.write_text(vl_convert.vegalite_to_svg(chart.to_json()), encoding="utf-8")


def main() -> None:
    """Run every size, print the table, save the numbers and the plot in docs/."""
    results: dict[int, dict] = {}
    with sync_playwright() as playwright, postgis_cluster() as cluster:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size in SIZES:
            with tempfile.TemporaryDirectory() as folder:
                db_path = Path(folder) / "bench.sqlite"
                store_with_finds(db_path, size)
                results[size] = {v.name: measure(browser, db_path, v) for v in (APP, FMC)}
            db_url = cluster.new_database()
            store_with_finds(db_url, size)
            results[size][ON_POSTGIS] = measure(browser, db_url, APP)
            print(f"{size:,} finds: {json.dumps(results[size])}", flush=True)
        browser.close()
    print(table(results))
    (DOCS / "map-scale.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    plot(results, DOCS / "map-scale.svg")


if __name__ == "__main__":
    main()
