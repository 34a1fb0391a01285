"""Exports of hazard areas and land release: GeoPackage and GeoJSON (EPSG:4326, QGIS-ready,
areas in hectares) and CSV/XLSX, each row with its source columns and a synthetic flag.

Labels beside the codes (`type_label`, `method_label`...) come from the views, which word them in
the interface language; the buttons are labelled in it too."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from geo.export import Download, safe_for_spreadsheet, to_geojson, to_geopackage, to_xlsx
from geo.i18n import _
from geo.model.hazards import CRS

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SOURCE_COLUMNS = ["source_id", "originator", "party", "outlet", "published", "source_url"]
HAZARD_EXPORT_COLUMNS = [
    "hazard_id", "name", "hazard_type", "type_label", "hazard_status", "status_label",
    "contamination", "contamination_label", "area_ha", "district_id", "district_name",
    "recorded_date", "last_survey_date", "operator", "note", *SOURCE_COLUMNS, "synthetic",
    "revision_id",
]
RELEASE_EXPORT_COLUMNS = [
    "release_id", "hazard_id", "method", "method_label", "area_ha", "period_start", "period_end",
    "operator", "ap_mines", "at_mines", "uxo", "ied", "land_use", "land_use_label", "district_id",
    "district_name", "note", *SOURCE_COLUMNS, "synthetic", "revision_id",
]


def _plain(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    out = pd.DataFrame(frame).reindex(columns=columns)
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    if "area_ha" in out.columns:
        out["area_ha"] = out["area_ha"].astype(float).round(4)
    return out.reset_index(drop=True)


def hazards_frame(hazards: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Hazard areas with labels beside their codes, hectares and source, in EPSG:4326."""
    return gpd.GeoDataFrame(_plain(hazards, HAZARD_EXPORT_COLUMNS),
                            geometry=list(hazards.geometry.values), crs=CRS)


def releases_frame(releases: pd.DataFrame, hazards: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Land-release records, each on its hazard area's polygon when the hazard is known."""
    shapes = hazards.set_index("hazard_id").geometry if len(hazards) else pd.Series(dtype=object)
    geometry = [shapes.get(h) if isinstance(h, str) else None for h in releases["hazard_id"]]
    return gpd.GeoDataFrame(_plain(releases, RELEASE_EXPORT_COLUMNS), geometry=geometry, crs=CRS)


def _csv(frame: pd.DataFrame) -> bytes:
    return safe_for_spreadsheet(frame).to_csv(index=False).encode("utf-8-sig")


def hazards_csv(hazards: gpd.GeoDataFrame) -> bytes:
    """Hazard areas as CSV with the polygon as WKT (QGIS reads it as a delimited-text layer)."""
    frame = pd.DataFrame(hazards_frame(hazards).drop(columns="geometry"))
    frame["wkt"] = shapely.to_wkt(hazards.geometry.values, rounding_precision=7)
    return _csv(frame)


def releases_csv(releases: pd.DataFrame) -> bytes:
    """Land-release records as CSV."""
    return _csv(_plain(releases, RELEASE_EXPORT_COLUMNS))


def hazard_downloads(hazards: gpd.GeoDataFrame, releases: pd.DataFrame) -> list[Download]:
    """Every export of the shown hazard areas and land release, built only when asked for."""
    return [
        Download(_("Hazard areas (CSV, polygons as WKT)"), "hazard-areas.csv", "text/csv",
                 lambda: hazards_csv(hazards)),
        Download(_("Land release (CSV)"), "land-release.csv", "text/csv", lambda: releases_csv(releases)),
        Download(_("Hazard areas and land release (XLSX)"), "hazards-and-land-release.xlsx", XLSX_MIME,
                 lambda: to_xlsx({"hazard areas": pd.DataFrame(hazards_frame(hazards).drop(
                     columns="geometry")), "land release": _plain(releases, RELEASE_EXPORT_COLUMNS)})),
        Download(_("Hazard areas (GeoJSON)"), "hazard-areas.geojson", "application/geo+json",
                 lambda: to_geojson(hazards_frame(hazards))),
        Download(_("Land release (GeoJSON, on its hazard polygon)"), "land-release.geojson",
                 "application/geo+json", lambda: to_geojson(releases_frame(releases, hazards))),
        Download(_("Hazard areas and land release (GeoPackage)"), "hazards-and-land-release.gpkg",
                 "application/geopackage+sqlite3",
                 lambda: to_geopackage({"hazard_areas": hazards_frame(hazards),
                                        "land_release": releases_frame(releases, hazards)})),
    ]
