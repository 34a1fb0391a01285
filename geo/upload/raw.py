"""What a reader hands on: the rows of one CSV, sheet or layer, with cells kept as typed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import shapely

from geo.upload.problems import Problem

Cell = str | int | float | dt.date | dt.datetime | None


@dataclass
class RawTable:
    """One CSV, worksheet or geodata layer as read, before its header row is found.

    `lines` holds each row's line (CSV) or row number (sheet), or feature number (layer),
    so that problems point where a person can look. Geodata layers carry their property
    names as the first row and one geometry per feature in `geometries`.
    """

    label: str
    rows: list[list[Cell]]
    lines: list[int]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    geometries: list[shapely.Geometry | None] | None = None
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    title: str = ""  # a layer's own name (a KML document's or folder's), as the file gives it

    @property
    def is_geodata(self) -> bool:
        """Whether the rows came with geometries (a layer, not a table)."""
        return self.geometries is not None


def is_blank(row: list[Cell]) -> bool:
    """A row with no value in any cell."""
    return all(cell is None or (type(cell) is str and not cell.strip()) for cell in row)
