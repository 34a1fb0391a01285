"""A snapshot of the store as frames: one per kind of row (geo/model/kinds.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from geo.claims import Claim
from geo.events import Event
from geo.model.hazards import empty_breakdowns, empty_hazards, empty_releases
from geo.places import CRS, NAME_COLUMNS, PLACE_COLUMNS
from geo.sources import Source


@dataclass
class Tables:
    """The store's tables as frames (current rows only, no revision columns)."""

    sources: pd.DataFrame
    claims: pd.DataFrame
    events: pd.DataFrame
    placements: pd.DataFrame
    places: gpd.GeoDataFrame
    names: pd.DataFrame
    hazards: gpd.GeoDataFrame = field(default_factory=empty_hazards)
    releases: pd.DataFrame = field(default_factory=empty_releases)
    breakdowns: pd.DataFrame = field(default_factory=empty_breakdowns)


def empty_tables() -> Tables:
    """Tables with no rows (and the columns each table has)."""
    return Tables(
        sources=pd.DataFrame(columns=list(Source.model_fields)),
        claims=pd.DataFrame(columns=list(Claim.model_fields)),
        events=pd.DataFrame(columns=list(Event.model_fields)),
        placements=pd.DataFrame(columns=["placement_id", "source_id", "place", "place_id",
                                         "district", "district_id", "note"]),
        places=gpd.GeoDataFrame(columns=PLACE_COLUMNS, geometry="geometry", crs=CRS),
        names=pd.DataFrame(columns=NAME_COLUMNS),
    )
