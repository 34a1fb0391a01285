"""Benchmark: the geodata fuzz run, for SECURITY.md. Run with `make bench`.

Generates hostile and malformed geodata files (tests/hostile_geodata.py: other GDAL drivers'
content under every accepted suffix, VRT documents reading server files or calling an address,
GeoPackages with views, triggers and other tables, hostile archives and KML, byte damage to
valid GeoPackage, Shapefile, KML, KMZ and FlatGeobuf files) and puts each through the upload's
reading and validation as the Upload page does. Counts:

- crashes: any exception but a refusal, or the reader failing (ReaderFailed);
- hangs: a read stopped at the time limit (MINEDASH_UPLOAD_READ_SECONDS, 20 s here);
- stored wrong: a file read whose rows hold a server file's text, or more rows than it has.

MINEDASH_FUZZ_FILES sets how many files (2,000 by default). Also measures the reading
worker's overhead per upload: the same read in the worker and in-process, best of three.
"""

from __future__ import annotations

import collections
import gc
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import shapely

from geo.model.tables import Tables
from geo.store import Store
from geo.upload import UploadRefused, limits, prepare_upload
from geo.upload.prepare import read_tables
from geo.upload.worker import ReaderFailed, ReadStopped, warm_up
from tests.hostile_geodata import SECRET, Hostile, generated
from tests.upload_files import geo_frame, written

ROOT = Path(__file__).resolve().parent.parent
HANG_SECONDS = "20"


def _stored(tables: Tables) -> tuple[str, int]:
    frames = [tables.sources, tables.claims, tables.events, tables.placements, tables.places,
              tables.names, tables.hazards, tables.releases, tables.breakdowns]
    rows = sum(len(f) for f in (tables.events, tables.places, tables.claims, tables.hazards,
                                tables.releases))
    return "\n".join(frame.astype(str).to_csv() for frame in frames), rows


def fuzz(files: list[Hostile], stored: Tables) -> dict[str, list[str]]:
    """Each file's outcome: read, refused, crash, hang or stored wrong (with what it was)."""
    outcomes: dict[str, list[str]] = collections.defaultdict(list)
    for file in files:
        try:
            result = prepare_upload(file.name, file.data, stored)
        except ReadStopped as stopped:
            outcomes["hang" if "longer than" in str(stopped) else "refused"].append(file.what)
            continue
        except ReaderFailed as failure:
            outcomes["crash"].append(f"{file.what}: {failure}")
            continue
        except UploadRefused:
            outcomes["refused"].append(file.what)
            continue
        except Exception as error:  # a crash is what this run counts
            outcomes["crash"].append(f"{file.what}: {type(error).__name__}: {error}"[:300])
            continue
        text, rows = _stored(result.tables)
        if SECRET in text or "root:x:0" in text or (file.max_rows is not None and rows > file.max_rows):
            outcomes["stored wrong"].append(file.what)
        else:
            outcomes["read"].append(file.what)
    return outcomes


def _best(read: Callable[[], object], rounds: int = 3) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        read()
        times.append(time.perf_counter() - started)
    return min(times)


def worker_overhead(rows: int = 100_000) -> list[tuple[str, float, float]]:
    """(file, seconds in-process, seconds through the worker) for a small CSV, a CSV and a
    GeoPackage of `rows` finds; the cyclic GC paused as prepare_upload does."""
    lines = (f"find,2024-01-{i % 28 + 1:02d},Sus,{39 + i * 1e-6},46.5,UXO,{i % 5}\n" for i in range(rows))
    csv = ("kind,date,place,lat,lon,device,quantity\n" + "".join(lines)).encode()
    points = shapely.points(np.full(rows, 46.5), np.linspace(39, 40, rows))
    gpkg = written(geo_frame([({"kind": "find", "device": "UXO", "quantity": i}, p)
                              for i, p in enumerate(points)]), "GPKG", ".gpkg", layer="finds")
    limit = limits()
    warm_up(limit)
    read_tables("warm.csv", b"kind\nfind\n", limit)
    measured = []
    gc.disable()
    try:
        for name, data in [("2-line CSV", b"kind,date\nfind,2024-01-01\n"),
                           (f"{rows:,}-row CSV", csv), (f"{rows:,}-point GeoPackage", gpkg)]:
            suffix = ".gpkg" if "GeoPackage" in name else ".csv"
            here = _best(lambda s=suffix, d=data: read_tables(f"f{s}", d, limit, isolated=False))
            there = _best(lambda s=suffix, d=data: read_tables(f"f{s}", d, limit))
            measured.append((f"{name} ({len(data) / 1e6:.1f} MB)", here, there))
    finally:
        gc.enable()
    return measured


def main() -> None:
    """Print one Markdown table and the first few failures."""
    os.environ.setdefault("MINEDASH_UPLOAD_READ_SECONDS", HANG_SECONDS)
    count = int(os.environ.get("MINEDASH_FUZZ_FILES", "2000"))
    files = generated(count)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'store.sqlite'}")
        store.seed_if_empty(ROOT / "data")
        stored = store.snapshot()
        store.engine.dispose()
    started = time.perf_counter()
    outcomes = fuzz(files, stored)
    seconds = time.perf_counter() - started
    print("| geodata fuzz measurement | result |\n|---|---|")
    print(f"| generated hostile or malformed geodata files (GeoPackage, zipped Shapefile, KML, KMZ, "
          f"FlatGeobuf, other drivers' content as .gpkg .kml .kmz .zip .fgb .geojson .json) | "
          f"{len(files):,} in {seconds:.0f} s |")
    print(f"| read / refused with a message | {len(outcomes['read']):,} / {len(outcomes['refused']):,} |")
    print(f"| crashes / hangs / stored wrong | {len(outcomes['crash'])} / {len(outcomes['hang'])} / "
          f"{len(outcomes['stored wrong'])} |")
    for name, here, there in worker_overhead():
        print(f"| reading worker's overhead, {name}: in-process / in the worker | "
              f"{here * 1000:,.0f} / {there * 1000:,.0f} ms (+{(there - here) * 1000:,.0f} ms) |")
    for kind in ("crash", "hang", "stored wrong"):
        for what in outcomes[kind][:5]:
            print(f"\n{kind}: {what}")


if __name__ == "__main__":
    main()
