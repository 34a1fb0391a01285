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
import pyogrio
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
    def read(self) -> dict[str, pd.DataFrame]:
        """Every published layer by view name: GeoDataFrames in EPSG:4326, plain frames for
        the tables without geometry (land release)."""
        frames = {}
        with self.engine.connect() as conn:
            for name in LAYERS:
                frames[name] = pd.read_sql(sa.text(f"SELECT * FROM {name} ORDER BY row_id"), conn)
        layers: dict[str, pd.DataFrame] = {}
        for name, frame in frames.items():
            if "geometry" not in frame:
                layers[name] = frame
                continue
            frame = frame.assign(geometry=_geometry(frame["geometry"]))
            if name == "gis_events":
                frame = _complete_events(frame, self.spatial)
            layers[name] = gpd.GeoDataFrame(frame, geometry="geometry", crs=CRS)
        return layers

    def geopackage(self, path: Path) -> None:
        """Write every published layer into one GeoPackage (replacing the file); a table
        without geometry becomes an attribute table."""
        path.unlink(missing_ok=True)
        for name, frame in self.read().items():
            pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG")
