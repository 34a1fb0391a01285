"""Downloadable templates for each kind of upload and each accepted format, with real rows."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from functools import cache
from pathlib import Path

import geopandas as gpd
import openpyxl
import shapely

from geo.i18n import N_
from geo.templates.hazards import hazard_templates

FIGURES_WIDE = (
    "district;period_start;period_end;hectares;AP mines;AT mines;UXO;scope;originator;party;"
    "outlet;published;url\n"
    "Tərtər;01.01.2023;31.12.2023;1 286,9;;;;all operators;Cabinet of Ministers of Azerbaijan;"
    "govt_azerbaijan;Trend;05.03.2024;https://en.trend.az/azerbaijan/society/3870489.html\n"
)
FIGURES_LONG = (
    "place,metric,value,unit,qualifier,period_start,period_end,period_type,scope,source_id,"
    "originator,party,outlet,published,url,note\n"
    "Azerbaijan,area_reported_cleared,\"54,841\",ha,exact,2020-11-20,2022-10-06,cumulative,"
    "unknown,SEED,,,,,,\n"
    "Lachin,ap_mines_found,\"more than 1,400\",count,,2022-08-01,2022-10-25,period,unknown,"
    "SEED,,,,,,Model E-001M\n"
)
EVENTS = (
    "kind,date_start,date_end,place,lat,lon,device_category,device_model,quantity,killed,"
    "injured,source_id,originator,party,outlet,published,note\n"
    "find,2022-08-15,2022-08-15,Sarybaba height,,,AP mine,PMN-E,991,,,TREND3633489,,,,,\n"
    "incident,2022-10-22,2022-10-23,Tartar,,,,,,0,1,SEED,,,,,Civilian injured\n"
)
PLACES = json.dumps({
    "type": "FeatureCollection",
    "features": [{
        "type": "Feature",
        "properties": {"name": "Sus", "name_az": "Sus", "alt_names": ["Սուս", "Сус"],
                       "level": "settlement", "district": "Lachin",
                       "source": "where the coordinates come from", "license": "CC BY 4.0"},
        "geometry": {"type": "Point", "coordinates": [46.51278, 39.62694]},
    }],
}, ensure_ascii=False, indent=2)
FIND_ROWS = [
    ({"kind": "find", "date": "2024-05-02", "device": "AP mine", "model": "PMN-2", "quantity": 3,
      "village": "Sus", "originator": "field team (example)", "party": "national_ngo",
      "published": "2024-05-03"}, shapely.Point(46.5128, 39.6269)),
    ({"kind": "incident", "date": "2024-05-04", "device": None, "model": None, "quantity": None,
      "village": "Zabukh", "originator": "field team (example)", "party": "national_ngo",
      "published": "2024-05-05"}, shapely.Point(46.5433, 39.5897)),
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _finds_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame([p for p, _ in FIND_ROWS], geometry=[g for _, g in FIND_ROWS],
                            crs="EPSG:4326")


def _report_workbook() -> bytes:
    """A report as ministries send it: a title, a blank line, the table, a total and a note."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2023"
    for row in (["Area cleared of mines and UXO by district, 2023 (ha)"], [],
                ["District", "Period start", "Period end", "Hectares", "Source", "Published"],
                ["Tərtər", "2023-01-01", "2023-12-31", 1286.9, "Cabinet of Ministers of Azerbaijan",
                 "2024-03-05"],
                ["Laçın", "2023-01-01", "2023-12-31", 1454.2, "Cabinet of Ministers of Azerbaijan",
                 "2024-03-05"],
                ["Total", None, None, 2741.1],
                ["Note: figures as published; the party is known for this publisher."]):
        sheet.append(row)
    sheet.merge_cells("A1:F1")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def written(frame: gpd.GeoDataFrame, driver: str, suffix: str, layer: str = "finds") -> bytes:
    """The frame as a file in a GDAL format (a Shapefile zipped with its parts, in UTM 38N)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{layer}{suffix}"
        if driver != "ESRI Shapefile":
            frame.to_file(path, driver=driver, layer=layer, engine="pyogrio")
            return path.read_bytes()
        frame.to_crs("EPSG:32638").to_file(path.with_suffix(".shp"), driver=driver, engine="pyogrio")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for part in sorted(Path(folder).iterdir()):
                archive.write(part, part.name)
        return buffer.getvalue()


def _boundary() -> str:
    square = shapely.geometry.mapping(shapely.box(46.30, 39.40, 46.75, 39.90))
    return json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"district": "Lachin", "source": "your survey"},
        "geometry": square}]}, indent=2)


@cache
def templates() -> dict[str, tuple[str, bytes, str]]:
    """Button label -> (file name, content, MIME type); every one of them a valid upload."""
    finds = _finds_frame()
    return {
        N_("Figures, one row per place and period (CSV)"): ("figures-wide.csv", FIGURES_WIDE.encode(),
                                                        "text/csv"),
        N_("Figures, one figure per row (CSV)"): ("figures-long.csv", FIGURES_LONG.encode(), "text/csv"),
        N_("Figures as a report with a title and totals (XLSX)"): ("figures-report.xlsx",
                                                               _report_workbook(), XLSX),
        N_("Finds and incidents (CSV)"): ("events.csv", EVENTS.encode(), "text/csv"),
        N_("Finds and incidents as points (GeoJSON)"): ("finds.geojson",
                                                    finds.to_json(drop_id=True).encode(),
                                                    "application/geo+json"),
        N_("Finds and incidents (GeoPackage)"): ("finds.gpkg", written(finds, "GPKG", ".gpkg"),
                                             "application/geopackage+sqlite3"),
        N_("Finds and incidents (zipped Shapefile, UTM 38N)"): ("finds-shapefile.zip",
                                                            written(finds, "ESRI Shapefile", ".shp"),
                                                            "application/zip"),
        N_("Finds and incidents (KML)"): ("finds.kml", written(finds, "KML", ".kml"),
                                      "application/vnd.google-earth.kml+xml"),
        N_("Places (GeoJSON)"): ("places.geojson", PLACES.encode(), "application/geo+json"),
        N_("District boundary keyed by district (GeoJSON)"): ("boundary.geojson", _boundary().encode(),
                                                          "application/geo+json"),
        **hazard_templates(written),
    }
