"""Synthetic located finds for scale tests and benchmarks: realistic and reproducible.

Finds cluster around villages that lie inside the district polygons (the seed's named places
and generated village sites), carry device categories in plausible shares, dates from 2021
to 2025, quantities that are mostly small, and several real sources. A fixed seed gives the
same finds every time.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from geo.model.tables import Tables, empty_tables
from geo.store import Store

CATEGORIES = np.array(["UXO", "AP_mine", "AT_mine", "IED_booby_trap"])
CATEGORY_SHARES = np.array([0.55, 0.30, 0.12, 0.03])
MODELS = {
    "UXO": ["", "", "122 mm shell", "BM-21 rocket", "hand grenade"],
    "AP_mine": ["", "PMN-2", "PMN-E", "OZM-72", "POMZ-2M"],
    "AT_mine": ["", "TM-62M", "TM-57"],
    "IED_booby_trap": ["", "grenade trap"],
}
SOURCES = np.array(["TREND3690344", "TURAN775882", "TREND3764400", "AZERNEWS247940",
                    "TREND3628239", "REPORTAZ2024"])
SOURCE_SHARES = np.array([0.25, 0.2, 0.2, 0.2, 0.1, 0.05])
FIRST_DAY = np.datetime64("2021-01-01")
DAYS = int((np.datetime64("2025-12-31") - FIRST_DAY).astype(int)) + 1
VILLAGES_PER_DISTRICT = 40
SPREAD_DEGREES = 0.008  # about 0.7 km around a village


def village_sites(tables: Tables, rng: np.random.Generator) -> np.ndarray:
    """(lon, lat) of the seed's settlements plus generated village sites inside each district."""
    places = tables.places
    named = places[places["level"].isin(["settlement", "named_feature"])]
    sites = [np.column_stack([shapely.get_x(named.geometry.values),
                              shapely.get_y(named.geometry.values)])]
    for polygon in places.loc[places["level"] == "district", "geometry"]:
        minx, miny, maxx, maxy = polygon.bounds
        found = np.empty((0, 2))
        while len(found) < VILLAGES_PER_DISTRICT:
            candidates = rng.uniform((minx, miny), (maxx, maxy), (4 * VILLAGES_PER_DISTRICT, 2))
            inside = shapely.contains_xy(polygon, candidates[:, 0], candidates[:, 1])
            found = np.vstack([found, candidates[inside]])
        sites.append(found[:VILLAGES_PER_DISTRICT])
    return np.vstack(sites)


def _located_points(tables: Tables, count: int, rng: np.random.Generator) -> np.ndarray:
    """`count` points clustered around village sites, every one inside some district."""
    sites = village_sites(tables, rng)
    weights = rng.pareto(1.2, len(sites)) + 0.05  # a few villages hold most finds
    weights /= weights.sum()
    districts = shapely.union_all(
        tables.places.loc[tables.places["level"] == "district", "geometry"].values)
    shapely.prepare(districts)
    points = np.empty((0, 2))
    while len(points) < count:
        wanted = int((count - len(points)) * 1.2) + 16
        centres = sites[rng.choice(len(sites), wanted, p=weights)]
        candidates = centres + rng.normal(0.0, SPREAD_DEGREES, (wanted, 2))
        inside = shapely.contains_xy(districts, candidates[:, 0], candidates[:, 1])
        points = np.vstack([points, candidates[inside]])
    return points[:count]


def finds_frame(tables: Tables, count: int, seed: int = 7) -> pd.DataFrame:
    """`count` located finds as event rows (no revision column)."""
    rng = np.random.default_rng(seed)
    points = _located_points(tables, count, rng)
    categories = rng.choice(CATEGORIES, count, p=CATEGORY_SHARES)
    models = np.empty(count, dtype=object)
    for category, options in MODELS.items():
        chosen = categories == category
        models[chosen] = rng.choice(np.array(options, dtype=object), int(chosen.sum()))
    quantity = np.minimum(rng.geometric(0.45, count), 400)
    days = FIRST_DAY + rng.integers(0, DAYS, count).astype("timedelta64[D]")
    return pd.DataFrame({
        "event_id": [f"S{seed}-{i:06d}" for i in range(count)],
        "source_id": rng.choice(SOURCES, count, p=SOURCE_SHARES), "kind": "find",
        "date_start": np.datetime_as_string(days, unit="D"), "date_end": None, "place": "",
        "place_id": None, "lat": points[:, 1].round(5), "lon": points[:, 0].round(5),
        "location_precision": "point", "device_category": categories, "device_model": models,
        "quantity": quantity, "killed": None, "injured": None, "status": "reported",
        "note": "synthetic",
    })


def synthetic_finds(tables: Tables, count: int, seed: int = 7) -> Tables:
    """The tables with `count` synthetic located finds added to the events."""
    extra = finds_frame(tables, count, seed).assign(revision_id=1)
    return dataclasses.replace(tables, events=pd.concat([tables.events, extra], ignore_index=True))


def store_with_finds(db: Path | str, count: int, seed: int = 7) -> None:
    """A store (a SQLite file, or any store URL) holding the seed plus `count` located finds
    committed as revision 2."""
    store = Store(db if isinstance(db, str) else f"sqlite:///{db}")
    store.seed_if_empty()
    upload = empty_tables()
    upload.events = finds_frame(store.snapshot(), count, seed)
    store.commit(upload, author="synthetic", file_name=f"{count}-finds.csv",
                 sha256=hashlib.sha256(f"{count}/{seed}".encode()).hexdigest(), kind="events")
