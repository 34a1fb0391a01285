"""Hazard areas, land release and published breakdowns to and from the store's rows.

Hazard polygons are stored as WKB bytes in `hazard_areas.geometry_wkb`, like the gazetteer's.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from geo.model.hazards import CRS, HAZARD_COLUMNS
from geo.model.tables import Tables


def hazard_rows(hazards: gpd.GeoDataFrame) -> pd.DataFrame:
    """Hazard areas as rows to insert: the geometry as WKB."""
    frame = pd.DataFrame(hazards.drop(columns="geometry"))
    return frame.assign(geometry_wkb=shapely.to_wkb(hazards.geometry.values))


def hazard_frames(tables: Tables) -> dict[str, pd.DataFrame]:
    """The hazard tables as frames to insert, by versioned-table name."""
    return {"hazards": hazard_rows(tables.hazards), "releases": tables.releases,
            "breakdowns": tables.breakdowns}


def hazards_from_rows(rows: pd.DataFrame) -> gpd.GeoDataFrame:
    """Stored hazard rows (with revision ids) as a GeoDataFrame in EPSG:4326."""
    geometry = shapely.from_wkb(rows["geometry_wkb"].tolist()) if len(rows) else []
    frame = gpd.GeoDataFrame(rows.drop(columns="geometry_wkb"), geometry=list(geometry), crs=CRS)
    return frame[[*HAZARD_COLUMNS, "revision_id"]]


def hazard_tables(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The snapshot's hazard tables as `Tables` keyword arguments."""
    return {"hazards": hazards_from_rows(frames["hazards"]), "releases": frames["releases"],
            "breakdowns": frames["breakdowns"]}
