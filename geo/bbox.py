"""A bounding box in degrees (EPSG:4326): what the map asks for and the store answers."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class BBox:
    """West, south, east, north in degrees."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, text: str) -> BBox:
        """'w,s,e,n' -> BBox, clamped to the world; ValueError for anything else."""
        parts = [float(p) for p in text.split(",")]
        if len(parts) != 4 or not all(math.isfinite(p) for p in parts):
            raise ValueError("bbox needs four finite numbers: west,south,east,north")
        west, south, east, north = parts
        west, east = max(min(west, east), -180.0), min(max(west, east), 180.0)
        south, north = max(min(south, north), -90.0), min(max(south, north), 90.0)
        return cls(west, south, east, north)
