"""Builders of upload files in the shapes people send: workbooks with titles and merged
headers, geodata in other CRSs and formats. Shared by the upload tests and the benchmark."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import openpyxl
import shapely

from geo.model.tables import Tables
from geo.upload import Prepared, UploadOptions, prepare_upload


def workbook(sheets: dict[str, Sequence[Sequence[object]]], hidden: Sequence[str] = (),
             merged: dict[str, Sequence[str]] | None = None) -> bytes:
    """An XLSX with the given sheets (rows as lists), some hidden, some cells merged."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
        for cell_range in (merged or {}).get(title, []):
            sheet.merge_cells(cell_range)
        if title in hidden:
            sheet.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def feature_collection(rows: Sequence[tuple[dict, dict | None]], crs: str | None = None) -> bytes:
    """GeoJSON from (properties, geometry) pairs, with a legacy 'crs' member if given."""
    collection: dict = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": geometry} for props, geometry in rows]}
    if crs:
        collection["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")


def geo_frame(rows: Sequence[tuple[dict, shapely.Geometry]], crs: str = "EPSG:4326") -> gpd.GeoDataFrame:
    """A GeoDataFrame from (properties, lon/lat geometry) pairs, reprojected to `crs`."""
    frame = gpd.GeoDataFrame([p for p, _ in rows], geometry=[g for _, g in rows], crs="EPSG:4326")
    return frame.to_crs(crs)


def written(frame: gpd.GeoDataFrame, driver: str, suffix: str, layer: str = "layer") -> bytes:
    """The frame written by GDAL in a format (GPKG, KML, ESRI Shapefile zipped)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"data{suffix}"
        if driver == "ESRI Shapefile":
            frame.to_file(path.with_suffix(".shp"), driver=driver, engine="pyogrio")
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as archive:
                for part in Path(folder).iterdir():
                    if part.suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
                        archive.write(part, f"finds/{part.name}")
            return buffer.getvalue()
        frame.to_file(path, driver=driver, layer=layer, engine="pyogrio")
        return path.read_bytes()


def prepared(stored: Tables, name: str, data: bytes | str, **options: object) -> Prepared:
    """prepare_upload with keyword options."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return prepare_upload(name, raw, stored, UploadOptions(**options))  # type: ignore[arg-type]


def messages(result: Prepared) -> list[str]:
    """The problems as the editor reads them."""
    return [p.message() for p in result.problems]
