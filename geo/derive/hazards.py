"""Hazard areas and land release joined to their sources and districts, ready to show.

Labels, attributions and district names are worded in the language in force: the views are
built once per language (`ui/cache.py`), codes beside every label stay the same in each.
"""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import pandas as pd

from geo.derive import with_sources
from geo.hazards.areas import M2_PER_HA
from geo.i18n import N_, _, translated
from geo.model.tables import Tables
from geo.vocab.hazards import (
    CONTAMINATION_LABELS,
    HAZARD_STATUS_LABELS,
    HAZARD_TYPE_LABELS,
    ITEM_COLUMNS,
    LAND_USE_LABELS,
    NOT_STATED,
    RELEASE_METHOD_LABELS,
    is_synthetic,
)

NO_DISTRICT = N_("No mapped district")


def _district_names(tables: Tables, names: Mapping[str, str] | None) -> Mapping[str, str]:
    """Place id -> name: the given names (in the interface language), else the gazetteer's."""
    return names if names is not None else tables.places.set_index("place_id")["name"]


def _labelled(codes: pd.Series, labels: Mapping[str, str]) -> pd.Series:
    """Codes as their labels in the language in force (a code without a label stays as it is)."""
    return codes.map(translated(labels)).fillna(codes)


def hazards_view(tables: Tables, names: Mapping[str, str] | None = None) -> gpd.GeoDataFrame:
    """Hazard areas with source, attribution, district name, hectares and labels.

    `names` gives the districts' names in the interface language (default: the gazetteer's).
    """
    hazards = with_sources(pd.DataFrame(tables.hazards), tables.sources)
    hazards["district_name"] = hazards["district_id"].map(_district_names(tables, names)).fillna(
        _(NO_DISTRICT))
    hazards["area_ha"] = hazards["area_m2"].astype(float) / M2_PER_HA
    hazards["type_label"] = _labelled(hazards["hazard_type"], HAZARD_TYPE_LABELS)
    hazards["status_label"] = _labelled(hazards["hazard_status"], HAZARD_STATUS_LABELS)
    hazards["contamination_label"] = hazards["contamination"].map(
        translated(CONTAMINATION_LABELS)).fillna(_("not stated"))
    hazards["synthetic"] = hazards["source_id"].map(is_synthetic).astype(bool)
    return gpd.GeoDataFrame(hazards, geometry="geometry", crs=tables.hazards.crs)


def releases_view(tables: Tables, names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Land-release records with source, district (from the hazard when it is known), hectares,
    dates, labels and the total of items found."""
    releases = with_sources(tables.releases, tables.sources)
    by_hazard = tables.hazards.set_index("hazard_id")["district_id"] if len(tables.hazards) else {}
    district = releases["hazard_id"].map(by_hazard)
    releases["district_id"] = district.where(district.notna(), releases["district_id"])
    releases["district_name"] = releases["district_id"].map(_district_names(tables, names)).fillna(
        _(NO_DISTRICT))
    releases["area_ha"] = releases["area_m2"].astype(float) / M2_PER_HA
    releases["period_end"] = pd.to_datetime(releases["period_end"], errors="coerce")
    releases["period_start"] = pd.to_datetime(releases["period_start"], errors="coerce")
    releases["year"] = releases["period_end"].dt.year.astype("Int64")
    releases["method_label"] = _labelled(releases["method"], RELEASE_METHOD_LABELS)
    releases["land_use_label"] = releases["land_use"].map(translated(LAND_USE_LABELS)).fillna(
        _(NOT_STATED))
    items = releases[list(ITEM_COLUMNS)].apply(pd.to_numeric, errors="coerce")
    releases["items"] = items.sum(axis=1, min_count=1)
    releases["operator"] = releases["operator"].fillna("").replace("", _(NOT_STATED))
    releases["synthetic"] = releases["source_id"].map(is_synthetic).astype(bool)
    return releases
