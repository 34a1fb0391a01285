"""The read API at national scale: 200,000 finds, on SQLite and on PostGIS (issue 24).

Targets: the first page of 200,000 finds in <= 200 ms; a full GeoJSON paging of them in
<= 30 s. Load: 50 concurrent clients, each from its own address (X-Forwarded-For from a trusted
proxy, as behind nginx), paging through the finds together in 1,000-row pages while the
health check is timed; then one client bursting 300 requests (the throttle's 429s counted).
Writes docs/api-scale.json; `python -m bench.api_scale`.
"""

from __future__ import annotations

import concurrent.futures
import json
import statistics
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.map_scale import rss_mb, wait_until_ready
from tests.browser.conftest import start_server
from tests.conftest import ROOT
from tests.postgres import postgis_cluster
from tests.synthetic import store_with_finds

FINDS = 200_000
CLIENTS = 50
PAGE = 1000
OUT = ROOT / "docs" / "api-scale.json"


def fetch(url: str, client: str = "") -> tuple[int, float, bytes]:
    """Status, seconds and body of one GET (from `client`'s address when given)."""
    headers = {"X-Forwarded-For": client} if client else {}
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers),
                                    timeout=120) as response:
            body = response.read()
            return response.status, time.perf_counter() - started, body
    except urllib.error.HTTPError as error:
        return error.code, time.perf_counter() - started, error.read()


def median_seconds(url: str, times: int = 10) -> float:
    """Median of `times` warm requests."""
    return statistics.median(fetch(url)[1] for _ in range(times))


def full_paging(url: str) -> dict:
    """Every page of a GeoJSON answer by its next links: seconds, pages, rows, distinct ids."""
    started, pages, ids = time.perf_counter(), 0, []
    while url:
        status, _seconds, body = fetch(url)
        assert status == 200, body[:200]
        page = json.loads(body)
        ids += [feature["id"] for feature in page["features"]]
        pages += 1
        url = next((link["href"] for link in page["links"] if link["rel"] == "next"), "")
    return {"seconds": round(time.perf_counter() - started, 2), "pages": pages,
            "rows": len(ids), "distinct": len(set(ids))}


def load(base: str, pid: int) -> dict:
    """CLIENTS clients paging through the finds together; the health check timed meanwhile."""
    pages = (FINDS + PAGE - 1) // PAGE
    shares = [list(range(i, pages, CLIENTS)) for i in range(CLIENTS)]
    health: list[float] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            health.append(fetch(f"{base}/api/health")[1])
            time.sleep(0.2)

    def client(number: int) -> list[tuple[int, float, int]]:
        address = f"10.0.{number // 250}.{number % 250 + 1}"
        results = []
        for page in shares[number]:
            status, seconds, body = fetch(
                f"{base}/api/v1/finds?f=geojson&limit={PAGE}&offset={page * PAGE}", address)
            results.append((status, seconds, len(json.loads(body).get("features", []))
                            if status == 200 else 0))
        return results

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
        results = [r for rs in pool.map(client, range(CLIENTS)) for r in rs]
    seconds = time.perf_counter() - started
    done.set()
    watcher.join()
    latencies = sorted(r[1] for r in results)
    statuses: dict[str, int] = {}
    for status, _seconds, _rows in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    return {"clients": CLIENTS, "requests": len(results), "seconds": round(seconds, 2),
            "rows": sum(r[2] for r in results), "statuses": statuses,
            "p50_s": round(latencies[len(latencies) // 2], 3),
            "p95_s": round(latencies[int(len(latencies) * 0.95)], 3),
            "max_s": round(latencies[-1], 3),
            "health_max_s": round(max(health), 3) if health else None,
            "rss_mb_peak": round(rss_mb(pid)[1])}


def burst(base: str) -> dict:
    """One client asking 300 times from 8 connections at once, as fast as it can, for the
    cheapest answer (the conformance classes): how many are answered (the throttle lets 60
    through at once, then 20 a second) and how many turned away."""
    def ask(_number: int) -> int:
        return fetch(f"{base}/ogc/conformance", "10.9.9.9")[0]

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(ask, range(300)))
    return {"requests": 300, "seconds": round(time.perf_counter() - started, 2),
            "answered": statuses.count(200), "throttled": statuses.count(429)}


def measure(db: Path | str) -> dict:
    """Ready time, first pages, a full paging, the load and the burst on one fresh server."""
    started = time.monotonic()
    process, base = start_server(db, {"MINEDASH_TRUSTED_PROXIES": "127.0.0.1"})
    try:
        ready = wait_until_ready(base, started)
        first = fetch(f"{base}/api/v1/finds?limit=100")[1]
        result = {
            "ready_s": round(ready, 2), "first_page_first_request_s": round(first, 3),
            "first_page_json_100_s": round(median_seconds(f"{base}/api/v1/finds?limit=100"), 3),
            "first_page_geojson_1000_s": round(median_seconds(
                f"{base}/ogc/collections/finds/items?limit=1000"), 3),
            "first_page_lachin_s": round(median_seconds(
                f"{base}/api/v1/finds?district=Lachin&limit=100"), 3),
            "full_geojson_paging": full_paging(f"{base}/ogc/collections/finds/items?limit=1000"),
        }
        result["load"] = load(base, process.pid)
        result["burst"] = burst(base)
        return result
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    """Both backends; prints and writes docs/api-scale.json."""
    results = {"measured": time.strftime("%Y-%m-%d"), "finds": FINDS}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "api.sqlite"
        store_with_finds(path, FINDS)
        results["sqlite"] = measure(path)
        print("SQLite", json.dumps(results["sqlite"], indent=1), flush=True)
    with postgis_cluster() as cluster:
        url = cluster.new_database()
        store_with_finds(url, FINDS)
        results["postgis"] = measure(url)
        print("PostGIS", json.dumps(results["postgis"], indent=1), flush=True)
    OUT.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
