"""Whether rows fit the store's columns: the same limits on SQLite (which would accept them)
and PostgreSQL (which would refuse them at commit)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import sqlalchemy as sa

from geo.model.tables import Tables
from geo.store.schema import VERSIONED

INT_RANGE = (-(2**31), 2**31 - 1)


@dataclass(frozen=True)
class Misfit:
    """A value a store column cannot hold."""

    table: str
    position: int
    column: str
    value: str
    reason: str


def _column_misfits(values: pd.Series, kind: sa.types.TypeEngine) -> tuple[np.ndarray, str] | None:
    """Positions of values the column type cannot hold, and why."""
    present = values.notna().to_numpy()
    if isinstance(kind, sa.String) and kind.length:
        lengths = values.astype(str).str.len().to_numpy()
        too_long = np.flatnonzero(present & (lengths > kind.length))
        return too_long, f"too long: at most {kind.length} characters"
    if isinstance(kind, sa.Integer | sa.Float):
        numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
        if isinstance(kind, sa.Integer):
            bad = present & ((numbers < INT_RANGE[0]) | (numbers > INT_RANGE[1]))
            return np.flatnonzero(bad), f"too large: at most {INT_RANGE[1]:,}"
        return np.flatnonzero(present & ~np.isfinite(numbers)), "not a finite number"
    return None


def misfits(tables: Tables) -> list[Misfit]:
    """Every value of the tables that a store column cannot hold."""
    found: list[Misfit] = []
    for name, (table, _) in VERSIONED.items():
        frame = getattr(tables, name)
        if not len(frame):
            continue
        for column in table.columns:
            if column.name not in frame.columns or column.name in ("row_id", "revision_id"):
                continue
            result = _column_misfits(frame[column.name], column.type)
            if result is None:
                continue
            positions, reason = result
            found += [Misfit(name, int(p), column.name, str(frame[column.name].iloc[p])[:80], reason)
                      for p in positions]
    return found
