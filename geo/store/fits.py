"""Whether rows fit the store's columns: the same limits on SQLite (which would accept them)
and PostgreSQL (which would refuse them at commit)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from geo.seed import Tables
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


def _misfits(frame: pd.DataFrame, table: sa.Table, name: str) -> list[Misfit]:
    found: list[Misfit] = []
    for column in table.columns:
        if column.name not in frame.columns or column.name in ("row_id", "revision_id"):
            continue
        values = frame[column.name].tolist()
        kind = column.type
        for position, value in enumerate(values):
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            reason = None
            if isinstance(kind, sa.String) and kind.length and len(str(value)) > kind.length:
                reason = f"too long: at most {kind.length} characters"
            elif isinstance(kind, sa.Integer) and isinstance(value, int | float) \
                    and not isinstance(value, bool) and not INT_RANGE[0] <= value <= INT_RANGE[1]:
                reason = f"too large: at most {INT_RANGE[1]:,}"
            elif isinstance(kind, sa.Float) and isinstance(value, float) and not math.isfinite(value):
                reason = "not a finite number"
            if reason:
                found.append(Misfit(name, position, column.name, str(value)[:80], reason))
    return found


def misfits(tables: Tables) -> list[Misfit]:
    """Every value of the tables that a store column cannot hold."""
    found: list[Misfit] = []
    for name, (table, _) in VERSIONED.items():
        frame = getattr(tables, name)
        if name == "places":
            frame = pd.DataFrame(frame.drop(columns="geometry", errors="ignore"))
        if len(frame):
            found += _misfits(frame, table, name)
    return found
