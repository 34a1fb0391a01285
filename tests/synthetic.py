"""Synthetic located finds for scale tests and benchmarks."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from geo.seed import Tables, empty_tables
from geo.store import Store


def synthetic_finds(tables: Tables, count: int, seed: int = 7) -> Tables:
    """`count` located finds scattered over the districts' bounding box."""
    rng = np.random.default_rng(seed)
    districts = tables.places[tables.places["level"] == "district"]
    minx, miny, maxx, maxy = districts.total_bounds
    categories = np.array(["AP_mine", "AT_mine", "UXO", "IED_booby_trap"])
    extra = pd.DataFrame({
        "event_id": [f"B{i}" for i in range(count)], "source_id": "SEED", "kind": "find",
        "date_start": "2023-06-01", "date_end": None, "place": "", "place_id": None,
        "lat": rng.uniform(miny, maxy, count), "lon": rng.uniform(minx, maxx, count),
        "location_precision": "point", "device_category": rng.choice(categories, count),
        "device_model": "", "quantity": rng.integers(1, 500, count), "killed": None,
        "injured": None, "status": "reported", "note": "synthetic", "revision_id": 1,
    })
    return dataclasses.replace(tables, events=pd.concat([tables.events, extra], ignore_index=True))


def store_with_finds(db_path: Path, count: int) -> None:
    """A store holding the seed plus `count` located finds committed as revision 2."""
    store = Store(f"sqlite:///{db_path}")
    store.seed_if_empty()
    tables = store.snapshot()
    extra = synthetic_finds(tables, count).events.iloc[len(tables.events):]
    upload = empty_tables()
    upload.events = extra.drop(columns="revision_id")
    store.commit(upload, author="synthetic", file_name=f"{count}-finds.csv",
                 sha256=hashlib.sha256(str(count).encode()).hexdigest(), kind="events")
