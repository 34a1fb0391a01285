"""An upload's records as the store's tables: each kind in its own table, with the sources its
rows name."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from geo.model.kinds import UPLOADS
from geo.model.tables import Tables, empty_tables
from geo.places import CRS, NAME_COLUMNS, PLACE_COLUMNS
from geo.upload.fields import KIND_HAZARDS, KIND_PLACES

TABLE_OF = {code: kind.table for code, kind in UPLOADS.items()}


def upload_tables(kind: str, rows: list[dict], name_rows: list[dict],
                  sources: dict[str, dict]) -> Tables:
    """The records of one kind (hazard polygons arrive as WKB) and the new sources they use."""
    result = empty_tables()
    if kind == KIND_PLACES:
        result.places = gpd.GeoDataFrame(rows, columns=PLACE_COLUMNS, geometry="geometry", crs=CRS)
        result.names = pd.DataFrame(name_rows, columns=NAME_COLUMNS).drop_duplicates(["place_id", "name"])
        return result
    table = TABLE_OF[kind]
    if kind == KIND_HAZARDS:
        frame = pd.DataFrame(rows, columns=result.hazards.columns)
        geometry = shapely.from_wkb(frame["geometry"].tolist()) if len(frame) else []
        result.hazards = gpd.GeoDataFrame(frame.drop(columns="geometry"), geometry=list(geometry),
                                          crs=CRS)[result.hazards.columns]
    else:
        setattr(result, table, pd.DataFrame(rows, columns=getattr(result, table).columns))
    used = set(getattr(result, table)["source_id"])
    result.sources = pd.DataFrame([s for sid, s in sources.items() if sid in used],
                                  columns=result.sources.columns)
    return result
