"""Synthetic figures (claims) at scale: many sources, districts, metrics and periods."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from geo.model.tables import Tables, empty_tables
from geo.store import Store

METRICS = {
    "area_reported_cleared": "ha", "ap_mines_found": "count", "at_mines_found": "count",
    "uxo_found": "count", "casualties": "count",
}
ORIGINATORS = ["ANAMA", "Ministry of Defence of Azerbaijan", "AzCBL", "Mine Action Review",
               "Regional office", "Press agency"]
PARTIES = ["govt_azerbaijan", "govt_azerbaijan", "national_ngo", "independent_monitor",
           "govt_azerbaijan", "media"]


def _periods(rng: np.random.Generator, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start, end and type: annual, monthly and weekly figures and running totals, 2021-2025."""
    kind = rng.choice(["year", "month", "week", "cumulative"], count, p=[0.2, 0.35, 0.3, 0.15])
    year = rng.integers(2021, 2026, count)
    month = rng.integers(1, 13, count)
    first = pd.to_datetime(pd.DataFrame({"year": year, "month": month, "day": 1}))
    week_start = first + pd.to_timedelta(rng.integers(0, 21, count), unit="D")
    month_end = first + pd.offsets.MonthEnd(0)
    start = np.where(kind == "year", pd.to_datetime(pd.DataFrame({"year": year, "month": 1, "day": 1})),
                     np.where(kind == "month", first,
                              np.where(kind == "week", week_start, pd.Timestamp("2020-11-10"))))
    end = np.where(kind == "year", pd.to_datetime(pd.DataFrame({"year": year, "month": 12, "day": 31})),
                   np.where(kind == "month", month_end,
                            np.where(kind == "week", week_start + pd.Timedelta(days=6), month_end)))
    period_type = np.where(kind == "cumulative", "cumulative", "period")
    return (pd.DatetimeIndex(start).strftime("%Y-%m-%d").to_numpy(),
            pd.DatetimeIndex(end).strftime("%Y-%m-%d").to_numpy(), period_type)


def synthetic_figures(tables: Tables, count: int, seed: int = 11) -> Tables:
    """`count` district-level figures from six synthetic sources, as one upload's tables."""
    rng = np.random.default_rng(seed)
    districts = tables.places.loc[tables.places["level"] == "district", ["place_id", "name"]]
    pick = rng.integers(0, len(districts), count)
    metric = rng.choice(list(METRICS), count)
    start, end, period_type = _periods(rng, count)
    source = rng.integers(0, len(ORIGINATORS), count)
    upload = empty_tables()
    upload.sources = pd.DataFrame({
        "source_id": [f"SYN{i}" for i in range(len(ORIGINATORS))], "originator": ORIGINATORS,
        "party": PARTIES, "outlet": "synthetic", "published": "2025-06-30", "url": "",
        "note": "synthetic",
    })
    upload.claims = pd.DataFrame({
        "claim_id": [f"S{i}" for i in range(count)],
        "source_id": [f"SYN{i}" for i in source],
        "metric": metric, "value": rng.integers(1, 5000, count).astype(float),
        "unit": [METRICS[m] for m in metric],
        "qualifier": rng.choice(["exact", "exact", "exact", "about", "more_than"], count),
        "period_start": start, "period_end": end, "period_type": period_type,
        "scope": rng.choice(["all_operators", "ANAMA_only", "unknown"], count),
        "place": districts["name"].to_numpy()[pick], "place_id": districts["place_id"].to_numpy()[pick],
        "location_precision": "district", "status": "reported", "note": "synthetic",
    })
    return upload


def store_with_figures(db_path: Path, count: int) -> Store:
    """A store holding the seed plus `count` synthetic figures committed as one revision."""
    store = Store(f"sqlite:///{db_path}")
    store.seed_if_empty()
    upload = synthetic_figures(store.snapshot(), count)
    store.commit(upload, author="synthetic", file_name=f"{count}-figures.csv",
                 sha256=hashlib.sha256(f"figures-{count}".encode()).hexdigest(), kind="figures")
    return store
