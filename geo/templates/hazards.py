"""Upload templates for hazard areas (every polygon format) and land release (CSV, XLSX)."""

from __future__ import annotations

import io
from collections.abc import Callable

import geopandas as gpd
import openpyxl
import shapely

from geo.i18n import N_

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Writer = Callable[..., bytes]
SOURCE = {"originator": "HALO Trust (example)", "party": "international_ngo", "published": "2025-03-01"}
HAZARD_ROWS = [
    ({"hazard_id": "EX-LAC-0001", "type": "CHA", "status": "open", "devices": "AP mines",
      "recorded": "2023-04-12", "surveyed": "2024-09-30", "operator": "ANAMA", **SOURCE},
     shapely.Polygon([(46.5105, 39.6250), (46.5160, 39.6252), (46.5163, 39.6288),
                      (46.5110, 39.6291), (46.5105, 39.6250)])),
    ({"hazard_id": "EX-LAC-0002", "type": "SHA", "status": "in progress", "devices": "mixed",
      "recorded": "2022-11-03", "surveyed": "2024-05-14", "operator": "Local companies", **SOURCE},
     shapely.Polygon([(46.5400, 39.5870), (46.5470, 39.5872), (46.5466, 39.5925),
                      (46.5402, 39.5921), (46.5400, 39.5870)])),
]
RELEASE_HEADER = ["release id", "hazard id", "district", "method", "hectares", "period start",
                  "period end", "operator", "AP mines", "AT mines", "UXO", "land use",
                  "originator", "party", "published"]
RELEASE_ROWS = [
    ["EX-R-001", "", "Lachin", "cleared", "12.5", "2024-06-01", "2024-06-30", "ANAMA", "14", "2",
     "31", "agriculture", *SOURCE.values()],
    ["EX-R-002", "", "Lachin", "cancelled", "40.25", "2024-07-01", "2024-07-31", "ANAMA", "", "",
     "", "residential", *SOURCE.values()],
]


def _hazards() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame([p for p, _ in HAZARD_ROWS], geometry=[g for _, g in HAZARD_ROWS],
                            crs="EPSG:4326")


def _wkt_csv() -> bytes:
    frame = _hazards()
    table = frame.drop(columns="geometry").assign(wkt=shapely.to_wkt(frame.geometry.values))
    return table.to_csv(index=False).encode()


def _releases_csv() -> bytes:
    lines = [",".join(RELEASE_HEADER)] + [",".join(row) for row in RELEASE_ROWS]
    return ("\n".join(lines) + "\n").encode()


def _releases_xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Land release"
    sheet.append(["Land released by task, 2024 (hectares); leave 'hazard id' empty when the "
                  "hazard area is not uploaded yet"])
    sheet.append([])
    sheet.append(RELEASE_HEADER)
    for row in RELEASE_ROWS:
        sheet.append([float(c) if c.replace(".", "").isdigit() and "." in c else c for c in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def hazard_templates(written: Writer) -> dict[str, tuple[str, bytes, str]]:
    """Button label -> (file name, content, MIME type); every one of them a valid upload."""
    frame = _hazards()
    return {
        N_("Hazard areas as polygons (GeoJSON)"): ("hazard-areas.geojson",
                                               frame.to_json(drop_id=True).encode(),
                                               "application/geo+json"),
        N_("Hazard areas (GeoPackage)"): ("hazard-areas.gpkg", written(frame, "GPKG", ".gpkg", "hazards"),
                                      "application/geopackage+sqlite3"),
        N_("Hazard areas (zipped Shapefile, UTM 38N)"): (
            "hazard-areas-shapefile.zip", written(frame, "ESRI Shapefile", ".shp", "hazards"),
            "application/zip"),
        N_("Hazard areas (KML)"): ("hazard-areas.kml", written(frame, "KML", ".kml", "hazards"),
                               "application/vnd.google-earth.kml+xml"),
        N_("Hazard areas as a table with WKT polygons (CSV)"): ("hazard-areas-wkt.csv", _wkt_csv(),
                                                            "text/csv"),
        N_("Land release (CSV)"): ("land-release.csv", _releases_csv(), "text/csv"),
        N_("Land release as a report (XLSX)"): ("land-release.xlsx", _releases_xlsx(), XLSX),
    }
