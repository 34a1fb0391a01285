"""Hazard areas and land release joined to their sources and districts, ready to show."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.derive import with_sources
from geo.hazards.areas import M2_PER_HA
from geo.hazards.vocab import (
    CONTAMINATION_LABELS,
    HAZARD_STATUS_LABELS,
    HAZARD_TYPE_LABELS,
    ITEM_COLUMNS,
    LAND_USE_LABELS,
    RELEASE_METHOD_LABELS,
    is_synthetic,
)
from geo.seed import Tables

NO_DISTRICT = "No mapped district"


def _district_names(tables: Tables) -> pd.Series:
    places = tables.places
    return places.set_index("place_id")["name"]


def hazards_view(tables: Tables) -> gpd.GeoDataFrame:
    """Hazard areas with source, attribution, district name, hectares and labels."""
    hazards = with_sources(pd.DataFrame(tables.hazards), tables.sources)
    names = _district_names(tables)
    hazards["district_name"] = hazards["district_id"].map(names).fillna(NO_DISTRICT)
    hazards["area_ha"] = hazards["area_m2"].astype(float) / M2_PER_HA
    hazards["type_label"] = hazards["hazard_type"].map(HAZARD_TYPE_LABELS).fillna(hazards["hazard_type"])
    hazards["status_label"] = hazards["hazard_status"].map(HAZARD_STATUS_LABELS).fillna(
        hazards["hazard_status"])
    hazards["contamination_label"] = hazards["contamination"].map(CONTAMINATION_LABELS).fillna(
        "not stated")
    hazards["synthetic"] = hazards["source_id"].map(is_synthetic).astype(bool)
    return gpd.GeoDataFrame(hazards, geometry="geometry", crs=tables.hazards.crs)


def releases_view(tables: Tables) -> pd.DataFrame:
    """Land-release records with source, district (from the hazard when it is known), hectares,
    dates, labels and the total of items found."""
    releases = with_sources(tables.releases, tables.sources)
    by_hazard = tables.hazards.set_index("hazard_id")["district_id"] if len(tables.hazards) else {}
    district = releases["hazard_id"].map(by_hazard)
    releases["district_id"] = district.where(district.notna(), releases["district_id"])
    releases["district_name"] = releases["district_id"].map(_district_names(tables)).fillna(NO_DISTRICT)
    releases["area_ha"] = releases["area_m2"].astype(float) / M2_PER_HA
    releases["period_end"] = pd.to_datetime(releases["period_end"], errors="coerce")
    releases["period_start"] = pd.to_datetime(releases["period_start"], errors="coerce")
    releases["year"] = releases["period_end"].dt.year.astype("Int64")
    releases["method_label"] = releases["method"].map(RELEASE_METHOD_LABELS).fillna(releases["method"])
    releases["land_use_label"] = releases["land_use"].map(LAND_USE_LABELS).fillna("Not stated")
    items = releases[list(ITEM_COLUMNS)].apply(pd.to_numeric, errors="coerce")
    releases["items"] = items.sum(axis=1, min_count=1)
    releases["operator"] = releases["operator"].fillna("").replace("", "Not stated")
    releases["synthetic"] = releases["source_id"].map(is_synthetic).astype(bool)
    return releases
