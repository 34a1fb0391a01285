"""Benchmark: a national finds file (250,000 rows, about 25 MB of CSV) read, validated,
previewed and committed, on an empty store and on one already holding 200,000 finds.

Each run happens in a fresh process so that its peak memory is its own. Run with `make bench`.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from geo.changes import plan_changes, preview_claims
from geo.seed import load_seed
from geo.store import Store
from geo.upload import prepare_upload

DEVICES = ("AP mine", "AT mine", "UXO", "booby trap")


def finds_csv(rows: int, seed: int) -> bytes:
    """Finds clustered around the gazetteer's places, as a field database would export them."""
    rng = np.random.default_rng(seed)
    places = load_seed().places
    centres = np.array([(g.centroid.y, g.centroid.x) for g in places.geometry
                        if places.loc[places.geometry == g, "level"].iloc[0] != "country"])
    picks = centres[rng.integers(0, len(centres), rows)]
    lats = picks[:, 0] + rng.normal(0, 0.03, rows)
    lons = picks[:, 1] + rng.normal(0, 0.03, rows)
    days = rng.integers(0, 1700, rows)
    dates = (np.datetime64("2021-01-01") + days).astype(str)
    devices = rng.choice(DEVICES, rows, p=(0.25, 0.1, 0.6, 0.05))
    quantities = rng.integers(1, 40, rows)
    lines = ["kind,date,lat,lon,device,model,quantity,originator,party,published"]
    lines += [f"find,{d},{la:.6f},{lo:.6f},{dev},,{q},ANAMA,govt_azerbaijan,2025-09-25"
              for d, la, lo, dev, q in zip(dates, lats, lons, devices, quantities, strict=True)]
    return ("\n".join(lines) + "\n").encode()


def run_once(url: str, rows: int, seed: int) -> dict[str, float]:
    """Read, validate, preview and commit one generated file; seconds per step and peak MB."""
    store = Store(url)
    data = finds_csv(rows, seed)
    stored = store.snapshot()
    start = time.perf_counter()
    prepared = prepare_upload(f"finds-{seed}.csv", data, stored)
    validated = time.perf_counter()
    changes = plan_changes(prepared.tables, stored)
    preview_claims(changes, stored)
    previewed = time.perf_counter()
    store.commit(changes.to_store, author="bench", file_name=prepared.file_name,
                 sha256=prepared.sha256, kind=prepared.kind)
    committed = time.perf_counter()
    assert prepared.ok and len(changes.added["events"]) == rows, prepared.problems[:3]
    return {"megabytes": len(data) / 1e6, "validate": validated - start,
            "preview": previewed - validated, "commit": committed - previewed,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    """Print one Markdown table (each measurement in its own process)."""
    if len(sys.argv) == 4:
        print(json.dumps(run_once(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))))
        return
    print("| store already holds | file | read + validate | preview | commit | total | peak memory |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'upload.sqlite'}"
        Store(url).seed_if_empty()
        for label, rows, seed in (("the seed", 250_000, 1), ("the seed + 200,000 finds", 250_000, 3)):
            if seed == 3:
                subprocess.run([sys.executable, "-m", "bench.upload_scale", url, "200000", "2"],
                               check=True, capture_output=True)
            output = subprocess.run([sys.executable, "-m", "bench.upload_scale", url, str(rows), str(seed)],
                                    check=True, capture_output=True, text=True).stdout
            r = json.loads(output.strip().splitlines()[-1])
            total = r["validate"] + r["preview"] + r["commit"]
            print(f"| {label} | {rows:,} finds, {r['megabytes']:.1f} MB CSV | {r['validate']:.1f} s | "
                  f"{r['preview']:.1f} s | {r['commit']:.1f} s | {total:.1f} s | {r['peak_mb']:.0f} MB |")


if __name__ == "__main__":
    main()
