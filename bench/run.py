"""Benchmarks (run with `make bench`): the store on SQLite and on PostGIS side by side (start-up,
snapshots, commits, spatial questions at 200,000 finds), then what runs in the app's process
whatever the backend (views, map index and rerun share, name matching).

Numbers are wall-clock medians on this machine; they are measurements, not test assertions.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from geo.changes import plan_changes
from geo.derive import claims_view, events_view, flag_claims
from geo.figures import district_figures
from geo.filters import Filters
from geo.mapping import DEFAULT_LAYERS, BBox, EventIndex, build_map, map_base, map_state, state_layer
from geo.model.tables import Tables, empty_tables
from geo.names import AliasIndex
from geo.places import districts_for_points
from geo.store import Store
from geo.upload import prepare_upload
from tests.postgres import postgis_cluster
from tests.synthetic import finds_frame, synthetic_finds


def timed(action: Callable[[], object], repeat: int = 3) -> tuple[float, object]:
    """Median seconds over `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def resolve_all(tables: Tables, names: list[str]) -> list:
    """Resolve every name with a freshly built index (no memo carried over)."""
    index = AliasIndex(tables.places, tables.names)
    return [index.resolve(name) for name in names]


def map_rows(tables: Tables, claims, count: int) -> list[tuple[str, str]]:
    """Index build, one view's query and the map's share of a rerun at `count` finds."""
    import streamlit_folium

    events = events_view(synthetic_finds(tables, count))
    seconds, index = timed(lambda: EventIndex(events, tables.places, tables.names), repeat=1)
    rows = [(f"finds index, {count:,} finds (once per data version)", f"{seconds:.2f} s")]
    filters = Filters(start=dt.date(2021, 1, 1), end=dt.date(2025, 12, 31), devices=("AP_mine",))
    region, village = BBox.parse("44.9,38.6,48.3,40.8"), BBox.parse("46.52,39.57,46.57,39.61")
    for zoom, bbox, what in ((8, region, "whole region, zoom 8"), (15, village, "a village, zoom 15")):
        index.mask("find", filters)  # the first view of a filter set also builds its mask
        seconds, view = timed(lambda z=zoom, b=bbox: index.view("find", filters, z, b), repeat=5)
        rows.append((f"finds for one view, {what}, {count:,} finds",
                     f"{seconds * 1000:.0f} ms ({view['mode']}, {view['total']:,} finds)"))
    base = map_base(tables.places, index.names)

    def rerun_share() -> None:
        state, _ = map_state(tables.places, index, district_figures(claims, "area_reported_cleared"),
                             filters, DEFAULT_LAYERS, "0")
        fmap = build_map(base, "1.0")
        fmap.get_root().render()
        script = streamlit_folium._get_map_string(fmap)
        streamlit_folium.generate_js_hash(script, "overview_map")
        streamlit_folium._get_feature_group_string(state_layer(state), fmap)

    seconds, _ = timed(rerun_share, repeat=5)
    rows.append((f"map's share of a rerun (state, folium map, streamlit-folium), {count:,} finds",
                 f"{seconds * 1000:.0f} ms"))
    return rows


def wide_csv() -> bytes:
    """A 10,000-row wide statement in the spellings and number formats of real files."""
    spellings = ["Tərtər", "Laçın", "Şuşa rayonu", "Terter", "Berdzor", "Qubadlı", "Füzuli"]
    lines = ["Rayon;Period start;Period end;Hectares;AP mines;UXO;Originator;Party;Published"]
    lines += [f"{spellings[i % len(spellings)]};01.01.2025;{(i % 28) + 1:02d}.02.2025;"
              f"{i % 900 + 1} {i % 1000:03d},5;{i % 50};more than {i % 70};ANAMA;"
              f"govt_azerbaijan;{(i % 28) + 1:02d}.03.2025" for i in range(10_000)]
    return "\n".join(lines).encode("utf-8")


def store_rows(url: str, finds: int = 200_000) -> list[tuple[str, str]]:
    """What depends on the store's backend: start, snapshots, commits and spatial questions."""
    rows: list[tuple[str, str]] = []
    start = time.perf_counter()
    store = Store(url)
    store.seed_if_empty()
    rows.append(("first start: migrate + seed store", f"{time.perf_counter() - start:.3f} s"))
    seconds, tables = timed(store.snapshot)
    rows.append(("snapshot of current data (seed)", f"{seconds * 1000:.0f} ms"))
    data = wide_csv()
    seconds, prepared = timed(lambda: prepare_upload("bench.csv", data, tables), repeat=1)
    rows.append((f"validate a 10,000-row wide CSV ({len(data) / 1e6:.1f} MB, "
                 f"{len(prepared.tables.claims):,} figures)", f"{seconds:.2f} s"))
    seconds, changes = timed(lambda: plan_changes(prepared.tables, tables), repeat=1)
    rows.append(("preview (adds, changes, contradictions) of those figures", f"{seconds:.2f} s"))
    seconds, _ = timed(lambda: store.commit(changes.to_store, author="bench", file_name="bench.csv",
                                            sha256=prepared.sha256, kind=prepared.kind), repeat=1)
    rows.append(("commit them as one revision", f"{seconds:.2f} s"))
    upload = empty_tables()
    upload.events = finds_frame(tables, finds)
    seconds, _ = timed(lambda: store.commit(upload, author="bench", file_name="finds.csv",
                                            sha256="f" * 64, kind="events"), repeat=1)
    rows.append((f"commit {finds:,} located finds as one revision", f"{seconds:.2f} s"))
    seconds, tables = timed(store.snapshot, repeat=1)
    rows.append((f"snapshot with {finds:,} finds (each data version, each instance)", f"{seconds:.2f} s"))
    located = tables.events.dropna(subset=["lat", "lon"])
    lon, lat = located["lon"].to_numpy(float), located["lat"].to_numpy(float)
    seconds, _ = timed(lambda: districts_for_points(tables.events, tables.places), repeat=1)
    rows.append((f"district of {finds:,} finds: in-process polygon join", f"{seconds:.2f} s"))
    seconds, _ = timed(lambda: store.spatial.event_districts(tables.events, tables.places), repeat=3)
    rows.append((f"district of {finds:,} finds: the store's join on stored points "
                 "(what the app uses, once per data version)", f"{seconds:.2f} s"))
    seconds, _ = timed(lambda: store.spatial.district_ids(lon, lat), repeat=3)
    rows.append((f"district of {finds:,} given points: the store's spatial query", f"{seconds:.2f} s"))
    events = events_view(tables)
    index = EventIndex(events, tables.places, tables.names)
    filters = Filters(start=dt.date(2021, 1, 1), end=dt.date(2025, 12, 31), devices=("AP_mine",))
    index.mask("find", filters)
    uses = {"whole region": (" (what the map uses below zoom 14)", ""),
            "a village": ("", " (what the map uses from zoom 14)")}
    for what, box in (("whole region", BBox(44.9, 38.6, 48.3, 40.8)),
                      ("a village", BBox(46.52, 39.57, 46.57, 39.61))):
        seconds, ids = timed(lambda b=box: index.in_view("find", filters, b), repeat=5)
        rows.append((f"finds in one view, {what}: the map's in-process index{uses[what][0]}",
                     f"{seconds * 1000:.1f} ms ({len(ids):,} finds)"))
        seconds, found = timed(lambda b=box: store.spatial.events_in_box(
            b, "find", filters.start, filters.end, filters.devices), repeat=5)
        rows.append((f"finds in one view, {what}: the store's spatial query{uses[what][1]}",
                     f"{seconds * 1000:.1f} ms ({len(found):,} finds)"))
    store.engine.dispose()
    return rows


def in_process_rows() -> list[tuple[str, str]]:
    """What runs in the app's process whatever the backend: views, map index, names."""
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
        store.seed_if_empty()
        tables = store.snapshot()
    seconds, _ = timed(lambda: flag_claims(claims_view(tables)))
    rows.append(("claims view with flags (66 claims)", f"{seconds * 1000:.0f} ms"))
    claims = flag_claims(claims_view(tables))
    for count in (10_000, 200_000):
        rows.extend(map_rows(tables, claims, count))
    names = list(dict.fromkeys(tables.names["name"]))
    seconds, _ = timed(lambda: resolve_all(tables, names), repeat=3)
    rows.append((f"build the alias index and resolve {len(names):,} distinct names",
                 f"{seconds * 1000:.0f} ms"))
    unknown = [f"Tartr{i}" for i in range(150)]
    seconds, _ = timed(lambda: resolve_all(tables, unknown), repeat=1)
    rows.append(("unknown name with ranked suggestions", f"{seconds / 150 * 1000:.2f} ms each"))
    return rows


def main() -> None:
    """Print two Markdown tables: the store on SQLite and PostGIS side by side, then the rest."""
    with tempfile.TemporaryDirectory() as folder:
        sqlite = store_rows(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
    with postgis_cluster() as cluster:
        postgis = store_rows(cluster.new_database())
    print("| store measurement | SQLite | PostGIS |\n|---|---|---|")
    for (name, on_sqlite), (_, on_postgis) in zip(sqlite, postgis, strict=True):
        print(f"| {name} | {on_sqlite} | {on_postgis} |")
    print("\n| in-process measurement (either backend) | result |\n|---|---|")
    for name, value in in_process_rows():
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
