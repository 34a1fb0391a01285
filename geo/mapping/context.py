"""The context layer (towns, rivers, lakes): openly licensed data shipped in data/context/."""

from __future__ import annotations

import json
from pathlib import Path

CONTEXT_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "context"


def load_context(folder: Path = CONTEXT_DIR) -> dict:
    """Towns as points with a rank and water as GeoJSON; empty parts when a file is absent."""
    towns_file, water_file = folder / "towns.json", folder / "water.geojson"
    towns = json.loads(towns_file.read_text(encoding="utf-8")) if towns_file.is_file() else []
    water = json.loads(water_file.read_text(encoding="utf-8")) if water_file.is_file() else None
    return {"towns": towns, "water": water}
