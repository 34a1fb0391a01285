"""Benchmark of hazard areas at national scale: 5,000 synthetic hazard polygons with their land
release and 200,000 synthetic finds, against the national-scale targets (issue 10).

In process: the upload of a 5,000-polygon GeoPackage (read, repair, areas, districts, overlap
report), its commit, the snapshot and views, the hazard layer's index and its answers per
zoom (time and bytes), a popup, the map-reliability check and the hazard page's figures.
In Chromium (the app's `server.py`): how long the server takes after starting to be ready (its
health check), then the Overview with the hazard layer on, cold and warm (median of three loads)
(bytes the map frame received, the map's own draw until finds, districts and hazard areas
are drawn, navigation to drawn, JS heap), a filter rerun, a zoom onto a village until its
finds and hazard polygons are drawn, the hazard page, and the server's memory with five
sessions; beside the same Overview with 1,000 finds and no hazard areas, in the same run.
Prints two Markdown tables and writes docs/hazards-scale.json.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import time
from pathlib import Path

import numpy as np
import shapely
from playwright.sync_api import Browser, Page, sync_playwright

from bench.map_scale import (
    APP,
    RERUN_OPTIONS,
    load,
    rerun_medians,
    rerun_on_server,
    rss_mb,
    started_with_run_log,
    wait_until_ready,
    warm_loads,
)
from bench.run import timed
from geo.changes import plan_changes
from geo.derive import claims_view, events_view, flag_claims
from geo.derive.hazards import hazards_view, releases_view
from geo.export import to_geopackage
from geo.figures.hazards import Selection
from geo.filters import Filters
from geo.hazards.reliability import outside_shares
from geo.hazards.synthetic import SOURCE, synthetic_hazards, synthetic_releases
from geo.mapping import BBox, HazardIndex
from geo.overview.hazards import hazard_figures
from geo.store import Store
from geo.upload import UploadOptions, prepare_upload
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, MAP_FRAME
from tests.conftest import ROOT
from tests.synthetic import store_with_finds

PER_DISTRICT = 417  # 12 district polygons: 5,004 hazard areas, spread by district area
FINDS = 200_000
SESSIONS = 5
DEFAULTS = tuple((k, v) for k, v in SOURCE.items() if k != "source_id")
ZOOMS = {"whole region, zoom 8": 8, "a district, zoom 11": 11, "a village, zoom 15": 15}
VIEW_PIXELS = (1000, 560)  # the Overview's map at 1500 px wide
VILLAGE = """async ([lat, lon]) => {
    const wait = () => new Promise(r => setTimeout(r, 5));
    let before = [minedash.drawnAt.find, minedash.drawnAt.hazards];
    window.map.setView([39.7, 46.6], 8, {animate: false});  // from the whole region...
    while (minedash.drawnAt.find === before[0] || minedash.drawnAt.hazards === before[1]) {
        await wait();
    }
    await new Promise(r => setTimeout(r, 300));
    before = [minedash.drawnAt.find, minedash.drawnAt.hazards];
    let ended = 0;
    window.map.once("moveend", () => { ended = performance.now(); });
    window.map.setView([lat, lon], 15, {animate: false});  // ...to the village
    while (minedash.drawnAt.find === before[0] || minedash.drawnAt.hazards === before[1]) {
        await wait();
    }
    return (Math.max(minedash.drawnAt.find, minedash.drawnAt.hazards) - ended) / 1000;
}"""
# The hazard layer alone: switched off and on at a view, until it is drawn; the bytes it fetched.
TOGGLE = """async ([lat, lon, zoom]) => {
    const map = window.map, layer = minedash.ctx.hazards;
    const wait = () => new Promise(r => setTimeout(r, 5));
    let before = minedash.drawnAt.hazards;
    map.setView([lat, lon], zoom, {animate: false});
    while (minedash.drawnAt.hazards === before) { await wait(); }
    before = minedash.drawnAt.hazards;
    map.removeLayer(layer);
    while (minedash.drawnAt.hazards === before) { await wait(); }  // "off" is painted
    performance.clearResourceTimings();
    before = minedash.drawnAt.hazards;
    const start = performance.now();
    map.addLayer(layer);
    while (minedash.drawnAt.hazards === before) { await wait(); }
    const fetched = performance.getEntriesByType("resource").filter(
        r => r.name.includes("/api/map/hazards?"));
    const el = map.getContainer();
    return {seconds: (minedash.drawnAt.hazards - start) / 1000,
            bytes: fetched.reduce((s, r) => s + r.encodedBodySize, 0),
            shapes: Number(el.dataset.hazardShapes), dots: Number(el.dataset.hazardDots),
            cells: Number(el.dataset.hazardCells)};
}"""


def busiest(hazards) -> tuple[float, float]:
    """(lon, lat) of the hazard area with the most others within 1 km: a busy village."""
    centres = shapely.get_coordinates(shapely.centroid(hazards.geometry.values))
    tree = shapely.STRtree(shapely.points(centres))
    near = tree.query(shapely.points(centres), predicate="dwithin", distance=0.01)
    counts = np.bincount(near[0], minlength=len(centres))
    return tuple(float(v) for v in centres[int(np.argmax(counts))])


def view_box(lon: float, lat: float, zoom: int) -> BBox:
    """The box a 1000 × 560 px map shows around a point at a zoom (padded like the map's)."""
    degrees = 360.0 / (256 * 2.0 ** zoom) * 1.5
    half_w, half_h = VIEW_PIXELS[0] * degrees / 2, VIEW_PIXELS[1] * degrees / 2 * np.cos(np.radians(lat))
    if zoom <= 8:
        return BBox.parse("44.5,38.5,48.5,41.0")
    return BBox(lon - half_w, lat - half_h, lon + half_w, lat + half_h)


def upload_hazards(store: Store) -> tuple[list[tuple[str, str]], int]:
    """Upload, preview and commit 5,000 polygons and their land release; the timings."""
    current = store.snapshot()
    layer = synthetic_hazards(current.places, PER_DISTRICT, seed=21, repairable_share=0.01)
    package = to_geopackage({"hazards": layer})
    options = UploadOptions(kind="hazards", defaults=DEFAULTS)
    seconds, prepared = timed(lambda: prepare_upload("hazards.gpkg", package, current, options), 1)
    rows = [(f"validate a GeoPackage of {len(layer):,} hazard polygons ({len(package) / 1e6:.1f} MB): "
             f"repair, equal-area areas, districts, {len(prepared.overlaps):,} overlaps found",
             f"{seconds:.2f} s")]
    seconds, changes = timed(lambda: plan_changes(prepared.tables, current), 1)
    rows.append(("preview of those hazard areas", f"{seconds:.2f} s"))
    seconds, _ = timed(lambda: store.commit(changes.to_store, author="bench", file_name="hazards.gpkg",
                                            sha256=prepared.sha256, kind="hazards"), 1)
    rows.append(("commit them as one revision", f"{seconds:.2f} s"))
    releases = synthetic_releases(layer, seed=22).to_csv(index=False).encode()
    current = store.snapshot()
    seconds, result = timed(lambda: prepare_upload("releases.csv", releases, current, UploadOptions(
        kind="releases", defaults=DEFAULTS)), 1)
    rows.append((f"validate {len(result.tables.releases):,} land-release records (CSV)", f"{seconds:.2f} s"))
    store.commit(plan_changes(result.tables, current).to_store, author="bench", file_name="releases.csv",
                 sha256=result.sha256, kind="releases")
    return rows, len(layer)


def in_process(db_path: Path) -> tuple[list[tuple[str, str]], tuple[float, float]]:
    """Everything the server does for the hazard layer and page, timed."""
    store = Store(f"sqlite:///{db_path}")
    rows, count = upload_hazards(store)
    seconds, tables = timed(store.snapshot, 1)
    rows.append((f"snapshot with {FINDS:,} finds and {count:,} hazard areas", f"{seconds:.2f} s"))
    seconds, (hazards, releases) = timed(lambda: (hazards_view(tables), releases_view(tables)), 3)
    rows.append(("hazard and land-release views (once per data version)", f"{seconds * 1000:.0f} ms"))
    seconds, index = timed(lambda: HazardIndex(hazards, releases), 3)
    rows.append(("hazard layer index (once per data version)", f"{seconds * 1000:.0f} ms"))
    lon, lat = busiest(hazards)
    for what, zoom in ZOOMS.items():
        bbox = view_box(lon, lat, zoom)
        first, _ = timed(lambda z=zoom, b=bbox: index.view(z, b), 1)
        seconds, view = timed(lambda z=zoom, b=bbox: index.view(z, b), 5)
        size = len(json.dumps(view, separators=(",", ":")))
        rows.append((f"hazard areas for one view, {what}",
                     f"{seconds * 1000:.0f} ms ({first * 1000:.0f} ms the first time at this zoom); "
                     f"{len(view['dots']['id']):,} dots, {len(view['shapes']['id']):,} shapes, "
                     f"{len(view['cells']):,} counted cells, {size / 1000:.0f} kB"))
    point = hazards.geometry.iloc[0].representative_point()
    seconds, _ = timed(lambda: index.popup(index.at(point.x, point.y, 14)), 5)
    rows.append(("popup of the hazard areas under a click", f"{seconds * 1000:.1f} ms"))
    events = events_view(tables)
    seconds, shares = timed(lambda: outside_shares(events, hazards), 3)
    rows.append((f"map-reliability check ({shares[1].located:,} finds, {count:,} hazard areas)",
                 f"{seconds:.2f} s"))
    claims = flag_claims(claims_view(tables))
    everything = Filters(start=dt.date(1990, 1, 1), end=dt.date(2030, 1, 1))
    seconds, _ = timed(lambda: hazard_figures(hazards, releases, tables.breakdowns, tables.sources,
                                              claims, events, Selection.of(everything), 2023,
                                              "bench"), 3)
    rows.append(("hazard page: summary, six charts, tables and the reliability check",
                 f"{seconds:.2f} s"))
    return rows, (lon, lat)


def hazard_page_seconds(page: Page, url: str) -> float:
    """Navigation to the hazard page until its six charts and the reliability table are drawn."""
    start = time.perf_counter()
    page.goto(f"{url}/hazards")
    page.get_by_text("How reliable are the recorded hazard maps?").wait_for(timeout=600_000)
    page.locator("[data-testid='stVegaLiteChart'] svg").nth(5).wait_for(timeout=600_000)
    return time.perf_counter() - start


def browser_run(browser: Browser, db_path: Path, place: tuple[float, float] | None) -> dict:
    """Cold and warm Overview, the hazard layer on its own, a rerun, a village, the hazard page
    (cold and warm) and five sessions' memory. `place` is a busy village, when there are
    hazard areas."""
    variant = APP  # every layer, the hazard areas too, is on by default
    started = time.monotonic()
    process, url, run_log = started_with_run_log(db_path, "server.py")
    try:
        ready = wait_until_ready(url, started)
        cold_page, cold = load(browser, url, variant)
        cold_page.context.close()
        page, warm = warm_loads(browser, url, variant)
        frame = page.locator(MAP_FRAME).last.element_handle().content_frame()
        result = {"ready_s": ready, "bytes": warm["bytes"],
                  "draw_cold_s": cold["draw_s"], "draw_warm_s": warm["draw_s"],
                  "page_cold_s": cold["page_s"], "page_warm_s": warm["page_s"],
                  "charts_warm_s": warm["charts_s"],
                  "heap_mb": warm["heap_mb"], "village_s": None, "layer": {}}
        if place:
            lon, lat = place
            result["layer"] = {what: frame.evaluate(TOGGLE, [lat, lon, zoom]) for what, zoom in ZOOMS.items()}
            result["village_s"] = frame.evaluate(VILLAGE, [lat, lon])
        result["rerun_s"], result["rerun_seen_s"] = rerun_medians(page, run_log)
        result["hazard_page_cold_s"] = hazard_page_seconds(page, url)
        result["hazard_page_warm_s"] = hazard_page_seconds(page, url)
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


def table(runs: dict[str, dict]) -> str:
    """One Markdown row per store, then the hazard layer on its own at three zooms."""
    lines = ["| store | server ready after start | map bytes | map draw, cold / warm "
             "| Overview, cold / warm | Overview with its charts, warm | filter rerun, "
             "server / seen in the browser | village finds and hazard polygons drawn | "
             "hazard page, cold / warm | server RSS, 5 sessions (peak) | browser JS heap |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, r in runs.items():
        village = f"{r['village_s']:.2f} s" if r["village_s"] is not None else "–"
        lines.append(
            f"| {name} | {r['ready_s']:.2f} s | {r['bytes'] / 1e6:.2f} MB "
            f"| {r['draw_cold_s']:.2f} s / {r['draw_warm_s']:.2f} s "
            f"| {r['page_cold_s']:.2f} s / {r['page_warm_s']:.2f} s | {r['charts_warm_s']:.2f} s "
            f"| {r['rerun_s']:.2f} s / {r['rerun_seen_s']:.2f} s | {village} "
            f"| {r['hazard_page_cold_s']:.2f} s / {r['hazard_page_warm_s']:.2f} s "
            f"| {r['rss_mb']:.0f} ({r['peak_rss_mb']:.0f}) MB | {r['heap_mb']:.0f} MB |")
    lines += ["", "| hazard layer switched on at | fetched (compressed) | drawn in | shapes | dots "
              "| counted cells |", "|---|---|---|---|---|---|"]
    for r in runs.values():
        for what, layer in r["layer"].items():
            lines.append(f"| {what} | {layer['bytes'] / 1000:.0f} kB | {layer['seconds']:.2f} s "
                         f"| {layer['shapes']:,} | {layer['dots']:,} | {layer['cells']:,} |")
    return "\n".join(lines)


def main() -> None:
    """Build the stores, measure in process and in Chromium, print and save the numbers."""
    with tempfile.TemporaryDirectory() as folder:
        small, plain, large = (Path(folder) / f"{n}.sqlite" for n in ("small", "plain", "large"))
        store_with_finds(small, 1_000)
        store_with_finds(plain, FINDS)
        store_with_finds(large, FINDS)
        rows, place = in_process(large)
        print("| measurement | result |\n|---|---|")
        for name, value in rows:
            print(f"| {name} | {value} |", flush=True)
        runs: dict[str, dict] = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            runs["1,000 finds, no hazard areas"] = browser_run(browser, small, None)
            runs[f"{FINDS:,} finds, no hazard areas"] = browser_run(browser, plain, None)
            runs[f"{FINDS:,} finds, {PER_DISTRICT * 12:,} hazard areas"] = browser_run(browser, large, place)
            browser.close()
    print(table(runs))
    (ROOT / "docs" / "hazards-scale.json").write_text(
        json.dumps({"in_process": rows, "browser": runs}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
