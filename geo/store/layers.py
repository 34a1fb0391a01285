"""The published `gis_` views as GeoDataFrames, and a GeoPackage holding the same layers.

QGIS opens the views in PostGIS directly; everyone else gets the same layers, same names and
columns, in a GeoPackage. On SQLite the views cannot make points or run the district join,
so events get both here (through the store's spatial interface); on PostGIS the database
already did and the same rule gives the same values.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa

from geo.store.engine import translated
from geo.store.spatial import SpatialQueries
from geo.store.views import LAYERS

CRS = "EPSG:4326"


def _geometry(values: pd.Series) -> np.ndarray:
    """WKB bytes (SQLite) or hex EWKB text (PostGIS) as shapely geometries."""
    present = values.notna().to_numpy()
    out = np.full(len(values), None, dtype=object)
    if present.any():
        out[present] = shapely.from_wkb(values[present].tolist())
    return out


def _complete_events(frame: pd.DataFrame, spatial: SpatialQueries) -> pd.DataFrame:
    """Events at their coordinates, else at a point on their place; located events without a
    declared district get the district their point falls in."""
    lon = pd.to_numeric(frame["lon"], errors="coerce").to_numpy(float)
    lat = pd.to_numeric(frame["lat"], errors="coerce").to_numpy(float)
    located = np.isfinite(lon) & np.isfinite(lat) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
    geometry = frame["geometry"].to_numpy(object).copy()
    known = np.array([g is not None for g in geometry])
    geometry[known] = shapely.point_on_surface(geometry[known].tolist())
    geometry[located] = shapely.points(lon[located], lat[located])
    missing = located & frame["district_id"].isna().to_numpy()
    district = frame["district_id"].to_numpy(object).copy()
    if missing.any():
        district[missing] = spatial.district_ids(lon[missing], lat[missing])
    return frame.assign(district_id=district, geometry=geometry)


class Layers:
    """Reads the published layers of a store."""

    def __init__(self, engine: sa.Engine, spatial: SpatialQueries) -> None:
        self.engine, self.spatial = engine, spatial

    @translated
    def read(self) -> dict[str, gpd.GeoDataFrame]:
        """Every published layer by view name, in EPSG:4326."""
        frames = {}
        with self.engine.connect() as conn:
            for name in LAYERS:
                frame = pd.read_sql(sa.text(f"SELECT * FROM {name} ORDER BY row_id"), conn)
                frames[name] = frame.assign(geometry=_geometry(frame["geometry"]))
        frames["gis_events"] = _complete_events(frames["gis_events"], self.spatial)
        return {name: gpd.GeoDataFrame(frame, geometry="geometry", crs=CRS)
                for name, frame in frames.items()}

    def geopackage(self, path: Path) -> None:
        """Write every published layer into one GeoPackage (replacing the file)."""
        path.unlink(missing_ok=True)
        for name, frame in self.read().items():
            frame.to_file(path, layer=name, driver="GPKG", engine="pyogrio")
