"""Geodata as people send it: GeoJSON, GeoPackage (every layer), zipped Shapefile, KML/KMZ.

Every feature's structure is checked before any geometry is built, so a broken feature gets
a message naming it instead of a traceback; coordinates arrive in EPSG:4326 (reprojected
with a note when the file declares another CRS, refused when they cannot be lon/lat and no
CRS is declared).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyproj
import shapely
import shapely.geometry

from geo.i18n import _
from geo.upload.archives import extract_members, member_folder, open_archive
from geo.upload.kml_tables import description_attributes, description_columns
from geo.upload.limits import Limits
from geo.upload.problems import Problem, UploadRefused
from geo.upload.raw import Cell, RawTable
from geo.upload.shapefiles import check_shapefile, encoding_note
from geo.upload.sniff import (
    DRIVERS_OF,
    GPKG,
    SIDECAR_SUFFIXES,
    check_sidecar,
    checked_format,
    inspect_geopackage,
    not_the_format,
)
from geo.upload.text_files import decode_text

WGS84 = "EPSG:4326"
# pyogrio 0.13 fails with UnboundLocalError on a CRS GDAL cannot export (a damaged .prj).
UNREADABLE_CRS = (pyogrio.errors.CRSError, UnboundLocalError)
SERVER_FOLDERS = re.compile(r"(?:/[^/\s'\"]+)+/")
COORDINATE_DEPTH = {"Point": 1, "MultiPoint": 2, "LineString": 2, "MultiLineString": 3,
                    "Polygon": 3, "MultiPolygon": 4}
GEODATA_SUFFIXES = (".geojson", ".json", ".gpkg", ".zip", ".kml", ".kmz", ".fgb")
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
IN_ARCHIVE = "in-archive"  # the folder members of an uploaded archive are unpacked into
# Columns GDAL's KML drivers add to every layer whether the file has them or not.
KML_STANDARD_COLUMNS = ("id", "Name", "description", "Description", "timestamp", "begin", "end",
                        "altitudeMode", "tessellate", "extrude", "visibility", "drawOrder", "icon",
                        "snippet")
KML_DEFAULTS = {"tessellate": -1, "extrude": 0, "visibility": -1, "drawOrder": 0}


def _kind_of(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}
    return names.get(type(value), "a number" if isinstance(value, int | float) else type(value).__name__)


def _coordinates_problem(coordinates: object, depth: int) -> str | None:
    """Why nested coordinates are not `depth` levels of lists ending in [x, y], or None."""
    stack = [(coordinates, depth)]
    while stack:
        value, level = stack.pop()
        if not isinstance(value, list):
            return f"coordinates must be lists of numbers, found {_kind_of(value)}"
        if level == 1:
            if len(value) < 2 or len(value) > 4:
                return f"a position needs 2 numbers (longitude, latitude), found {len(value)}"
            if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
                       for v in value):
                return "a position must hold numbers, not text or null"
            continue
        if not value and level < depth:
            continue
        stack.extend((item, level - 1) for item in value)
    return None


def geometry_problem(geometry: object) -> str | None:
    """Why a GeoJSON geometry member cannot be read, or None."""
    if geometry is None:
        return "no geometry (null): every feature needs a location"
    if not isinstance(geometry, dict):
        return f"the geometry must be an object, found {_kind_of(geometry)}"
    kind = geometry.get("type")
    if not isinstance(kind, str):
        return f"the geometry's 'type' must be text such as \"Point\", found {_kind_of(kind)}"
    if kind == "GeometryCollection":
        return "a GeometryCollection cannot be drawn: send each part as its own feature"
    if kind not in COORDINATE_DEPTH:
        return f"unknown geometry type {str(kind)[:40]!r}"
    if "coordinates" not in geometry:
        return f"the {kind} has no coordinates"
    if _depth(geometry["coordinates"]) > COORDINATE_DEPTH[kind] + 1:
        return f"coordinates are nested too deeply for a {kind}"
    return _coordinates_problem(geometry["coordinates"], COORDINATE_DEPTH[kind])


def _depth(value: object) -> int:
    depth = 0
    while isinstance(value, list) and value:
        value, depth = value[0], depth + 1
    return depth


def _crs_of(collection: dict) -> pyproj.CRS | None:
    member = collection.get("crs")
    if member is None:
        return None
    if not isinstance(member, dict) or not isinstance(member.get("properties"), dict) \
            or not isinstance(member["properties"].get("name"), str):
        raise UploadRefused(_("the 'crs' member is malformed: it should be {example}").format(
            example='{"type": "name", "properties": {"name": "EPSG:32638"}}'))
    name = member["properties"]["name"]
    try:
        return pyproj.CRS.from_user_input(name)
    except pyproj.exceptions.CRSError as error:
        raise UploadRefused(_("the file declares a CRS this app does not know: {name}").format(
            name=repr(name[:60]))) from error


def read_geojson(data: bytes, limits: Limits) -> list[RawTable]:
    """A FeatureCollection (or one Feature) as one layer; broken features reported one by one."""
    text, note = decode_text(data)
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as error:
        raise UploadRefused(_("not valid JSON: {error} at line {line}").format(
            error=error.msg, line=error.lineno)) from error
    except RecursionError as error:
        raise UploadRefused(_("the JSON is nested too deeply to be GeoJSON")) from error
    if not isinstance(parsed, dict):
        raise UploadRefused(_("not GeoJSON: the file holds {kind}, not a FeatureCollection").format(
            kind=_kind_of(parsed)))
    kind = parsed.get("type")
    if not isinstance(kind, str):
        raise UploadRefused(_("not GeoJSON: its \"type\" member must be text such as "
                              "\"FeatureCollection\", found {kind}").format(kind=_kind_of(kind)))
    if kind == "Feature":
        features = [parsed]
    elif kind == "FeatureCollection":
        if "features" not in parsed:
            raise UploadRefused(_("the FeatureCollection has no 'features' list"))
        features = parsed["features"]
        if not isinstance(features, list):
            raise UploadRefused(_("'features' must be a list, found {kind}").format(kind=_kind_of(features)))
    elif kind in COORDINATE_DEPTH or kind == "GeometryCollection":
        raise UploadRefused(_("the file is a bare geometry without properties: send a "
                              "FeatureCollection whose features name each place or find"))
    else:
        raise UploadRefused(_("not a GeoJSON FeatureCollection (no \"type\": \"FeatureCollection\")"))
    if len(features) > limits.max_rows:
        raise UploadRefused(_("the file has {count} features; the limit is {limit}").format(
            count=f"{len(features):,}", limit=f"{limits.max_rows:,}"))
    crs = _crs_of(parsed)
    records, geometries, lines, problems = [], [], [], []
    for number, feature in enumerate(features, start=1):
        reason, properties, geometry = _feature_parts(feature)
        if reason:
            problems.append(Problem(number, "geometry" if "geometr" in reason or "coordinat" in reason
                                    or "position" in reason else "feature", "", reason))
        records.append(properties)
        geometries.append(geometry)
        lines.append(number)
    table = _layer_table("", records, geometries, lines, crs, explicit_crs=crs is not None)
    table.problems = problems + table.problems
    if note:
        table.notes.insert(0, note)
    return [table]


def _feature_parts(feature: object) -> tuple[str | None, dict, shapely.Geometry | None]:
    """(problem, properties, geometry) of one feature."""
    if not isinstance(feature, dict):
        return f"a feature must be an object, found {_kind_of(feature)}", {}, None
    properties = feature.get("properties")
    if properties is None:
        properties = {}
    if not isinstance(properties, dict):
        return f"'properties' must be an object, found {_kind_of(properties)}", {}, None
    if "geometry" not in feature:
        return "the feature has no 'geometry' member", properties, None
    reason = geometry_problem(feature["geometry"])
    if reason:
        return reason, properties, None
    try:
        return None, properties, shapely.geometry.shape(feature["geometry"])
    except (ValueError, TypeError, shapely.errors.ShapelyError) as error:
        return f"the geometry cannot be built ({error})", properties, None


def _plain(value: object) -> Cell | list:
    """A property value as a plain Python value (numpy and pandas types unwrapped)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.to_pydatetime()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str | int | float | dt.date | list | dict) or value is None:
        return value
    return str(value)


def _layer_table(label: str, records: list[dict], geometries: list, lines: list[int],
                 crs: pyproj.CRS | None, explicit_crs: bool) -> RawTable:
    """A layer as a RawTable: property names as the header row, geometries in EPSG:4326."""
    header: list[str] = []
    for record in records:
        header.extend(k for k in record if k not in header)
    rows = [list(header)] + [[_plain(r.get(k)) for k in header] for r in records]
    table = RawTable(label=label, rows=rows, lines=[0, *lines])
    table.geometries = _to_wgs84(geometries, crs, explicit_crs, table)
    return table


def _to_wgs84(geometries: list, crs: pyproj.CRS | None, explicit: bool, table: RawTable) -> list:
    present = [g for g in geometries if g is not None and not g.is_empty]
    if not present:
        return geometries
    if crs is None or pyproj.CRS.from_user_input("OGC:CRS84").equals(crs, ignore_axis_order=True):
        minx, miny, maxx, maxy = shapely.total_bounds(present)
        if min(minx, maxx) < -180 or max(minx, maxx) > 180 or min(miny, maxy) < -90 or max(miny, maxy) > 90:
            text = (_("coordinates such as ({x}, {y}) are not longitude/latitude: export the layer in "
                      "EPSG:4326, or include its CRS (a .prj file or a 'crs' member)") if explicit
                    else _("coordinates such as ({x}, {y}) are not longitude/latitude and the file "
                           "declares no CRS: export the layer in EPSG:4326, or include its CRS (a "
                           ".prj file or a 'crs' member)"))
            raise UploadRefused(text.format(x=f"{minx:.0f}", y=f"{miny:.0f}"))
        return geometries
    series = gpd.GeoSeries(geometries, crs=crs).to_crs(WGS84)
    name = crs.to_string() if crs.to_epsg() is None else f"EPSG:{crs.to_epsg()}"
    table.notes.append(f"Coordinates{' of ' + table.label if table.label else ''} were in {name}; "
                       "reprojected to EPSG:4326 (longitude/latitude).")
    return [None if g is None else g for g in series.tolist()]


def read_ogr(file_name: str, data: bytes, limits: Limits) -> list[RawTable]:
    """GeoPackage layers, a zipped Shapefile, KML/KMZ or FlatGeobuf through GDAL (pyogrio).

    Every file GDAL is to open is first checked to be what its name says (geo.upload.sniff),
    and then must be opened by that format's driver; run it in the reading worker
    (geo.upload.worker), whose GDAL has every other driver and the network switched off."""
    suffix = Path(file_name).suffix.casefold()
    with tempfile.TemporaryDirectory() as folder:
        paths = _unpacked(suffix, data, Path(folder), limits)
        formats = _checked_formats(file_name, paths, Path(folder))
        tables: list[RawTable] = []
        for path in paths:
            name = file_name if path.parent == Path(folder) else member_label(path)
            allowed = inspect_geopackage(name, path) if formats[path] == GPKG else None
            try:
                layers = [str(layer) for layer, _ in pyogrio.list_layers(path)]
                driver = pyogrio.read_info(path, layer=layers[0])["driver"] if layers else None
            except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as error:
                raise UploadRefused(_("{name} cannot be read as geodata ({error})").format(
                    name=name, error=_short(error))) from error
            except UNREADABLE_CRS as error:
                raise UploadRefused(_("{name}: its coordinate reference system (the .prj file or "
                                      "the layer's CRS) cannot be read").format(name=name)) from error
            if driver is not None and driver not in DRIVERS_OF[formats[path]]:
                raise not_the_format(name, formats[path])
            if allowed is not None and (extra := [layer for layer in layers if layer not in allowed]):
                raise UploadRefused(_("{name} lists {table}, which is not one of its feature "
                                      "tables").format(name=name, table=repr(extra[0][:80])))
            for layer in layers:
                tables.append(_read_layer(path, layer, len(layers) > 1 or len(paths) > 1, limits))
    if not tables:
        raise UploadRefused(_("the file holds no layers"))
    return tables


def _checked_formats(file_name: str, paths: list[Path], folder: Path) -> dict[Path, str]:
    """Each dataset's checked format; every unpacked file (Shapefile parts too) must be what
    its name says, or the upload is refused before GDAL opens anything."""
    formats: dict[Path, str] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = file_name if path.parent == folder else member_label(path)
        if path.suffix.casefold() in SIDECAR_SUFFIXES:
            check_sidecar(name, path)
        else:
            formats[path] = checked_format(name, path)
    missing = [p for p in paths if p not in formats]
    if missing:
        raise UploadRefused(_("{name}: this kind of file is not read").format(name=member_label(missing[0])))
    return formats


def _short(error: Exception) -> str:
    """GDAL's message, first line, without the server's folders (GDAL names the temp file)."""
    return SERVER_FOLDERS.sub("", (str(error).splitlines() or [""])[0])[:160]


def _unpacked(suffix: str, data: bytes, folder: Path, limits: Limits) -> list[Path]:
    """The file(s) GDAL should open: the upload itself, or what a .zip/.kmz holds.

    Each member is unpacked under IN_ARCHIVE in a folder of its own (the parts of one Shapefile
    share one), so that members of different archive folders never overwrite each other and
    each layer can be named by its path in the archive (see `member_label`).
    """
    if suffix not in (".zip", ".kmz"):
        path = folder / f"upload{suffix}"
        path.write_bytes(data)
        return [path]
    archive = open_archive(data, suffix[1:].upper())
    if sum(i.file_size for i in archive.infolist()) > limits.max_unpacked_megabytes * 1024 * 1024:
        raise UploadRefused(_("the archive unpacks to more than {limit} MB").format(
            limit=limits.max_unpacked_megabytes))
    wanted = (".kml",) if suffix == ".kmz" else (".shp", ".shx", ".dbf", ".prj", ".cpg", ".gpkg",
                                                  ".geojson", ".kml")
    datasets: dict[tuple[str, str], Path] = {}  # (archive folder, stem or member) -> own folder
    written: set[Path] = set()
    paths: list[Path] = []

    def target_of(info: zipfile.ZipInfo) -> Path | None:
        name = PurePosixPath(info.filename.replace("\\", "/")).name
        if not name.casefold().endswith(wanted) or name.startswith("."):
            return None
        stem, ext = PurePosixPath(name).stem, PurePosixPath(name).suffix.casefold()
        inside = member_folder(info)
        key = (inside, stem.casefold()) if ext in SHAPEFILE_PARTS else (inside, name)
        own = datasets.setdefault(key, folder / IN_ARCHIVE / str(len(datasets)) / inside)
        target = own / f"{stem.casefold() if ext in SHAPEFILE_PARTS else stem}{ext}"
        if target in written:
            raise UploadRefused(_("the archive holds {member} twice: keep one").format(
                member=f"{inside}/{name}".lstrip("/")[:120]))
        written.add(target)
        if ext in (".shp", ".gpkg", ".geojson", ".kml"):
            paths.append(target)
        return target

    extract_members(archive, target_of, limits)
    if not paths:
        raise UploadRefused(_("the archive holds no .shp, .gpkg or .kml file"))
    for shp in (p for p in paths if p.suffix == ".shp"):
        if not shp.with_suffix(".dbf").exists() or not shp.with_suffix(".shx").exists():
            raise UploadRefused(_("the Shapefile {name} comes without its .dbf and .shx files: zip all "
                                  "its parts together").format(name=member_label(shp)))
        check_shapefile(shp, member_label(shp))
    return sorted(paths, key=member_label)


def member_label(path: Path) -> str:
    """A file's path inside the uploaded archive ('a/finds.shp'), or its name if not archived."""
    parts = path.parts
    if IN_ARCHIVE not in parts:
        return path.name
    return "/".join(parts[parts.index(IN_ARCHIVE) + 2:])


def _read_layer(path: Path, layer: str, name_it: bool, limits: Limits) -> RawTable:
    label = _layer_label(path, layer, name_it)
    note_on_text = encoding_note(path) if path.suffix == ".shp" else None
    try:
        info = pyogrio.read_info(path, layer=layer)
        if info["features"] > limits.max_rows:
            raise UploadRefused(f"layer '{layer}' has {info['features']:,} features; the limit is "
                                f"{limits.max_rows:,}")
        frame = pyogrio.read_dataframe(path, layer=layer)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError,
            pyogrio.errors.FieldError, pyogrio.errors.GeometryError) as error:
        raise UploadRefused(f"layer '{layer}' cannot be read ({_short(error)})") from error
    except UNREADABLE_CRS as error:
        raise UploadRefused(_("{name}: its coordinate reference system (the .prj file or the "
                              "layer's CRS) cannot be read").format(
            name=label or member_label(path))) from error
    except UnicodeDecodeError as error:
        raise UploadRefused(_("the text of {layer} is not in the encoding the file declares; save "
                              "it again as UTF-8").format(layer=label or member_label(path))) from error
    if not isinstance(frame, gpd.GeoDataFrame):
        raise UploadRefused(_("{layer} has no geometry: send a layer of points, lines or "
                              "polygons").format(layer=label or member_label(path)))
    description_note = None
    if path.suffix == ".kml":
        frame = _without_empty_kml_columns(frame)
        frame, description_note = _with_description_tables(frame)
    crs = pyproj.CRS.from_user_input(frame.crs) if frame.crs is not None else None
    if crs is None and path.suffix == ".shp":
        note = "The Shapefile has no .prj file: its coordinates are taken as longitude/latitude."
    else:
        note = None
    properties = pd.DataFrame(frame.drop(columns="geometry"))
    records = properties.to_dict("records")
    geometries = [None if g is None or g.is_empty else g for g in frame.geometry]
    lines = list(range(1, len(frame) + 1))
    table = _layer_table(label, records, geometries, lines, crs, explicit_crs=crs is not None)
    table.title = str(layer)[:200]
    if note:
        table.notes.append(note)
    if description_note:
        table.notes.append(description_note)
    if note_on_text:
        table.notes.insert(0, note_on_text)
    return table


def _layer_label(path: Path, layer: str, name_it: bool) -> str:
    """How the page names a layer: '' for the only one, else by its archive member and layer."""
    if not name_it:
        return ""
    if IN_ARCHIVE not in path.parts:
        return f"layer '{layer}'"
    member = member_label(path)
    return member if path.suffix == ".shp" else f"{member}, layer '{layer}'"


def _with_description_tables(frame: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, str | None]:
    """The layer with the attribute tables of its descriptions as columns (as Google Earth
    exports them); the description itself is dropped only when every one was such a table."""
    column = next((c for c in frame.columns if str(c).casefold() == "description"), None)
    if column is None:
        return frame, None
    descriptions = list(frame[column])
    found = description_columns(descriptions, {str(c).casefold() for c in frame.columns})
    if not found:
        return frame, None
    geometry = frame.geometry.name
    extra = pd.DataFrame(found, index=frame.index)
    read_all = all(description_attributes(d) for d in descriptions
                   if isinstance(d, str) and d.strip())
    own = [c for c in frame.columns if c != geometry and not (read_all and c == column)]
    merged = gpd.GeoDataFrame(pd.concat([frame[own], extra], axis=1), geometry=frame.geometry,
                              crs=frame.crs)
    return merged, _("Read the attribute tables in the placemarks' descriptions: {names}.").format(
        names=", ".join(f"'{name}'" for name in found)[:300])


def _without_empty_kml_columns(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The layer without the columns GDAL adds to KML that hold nothing (or only GDAL's
    defaults); those with values are put after the file's own, which take fields first."""
    standard = [c for c in frame.columns if c in KML_STANDARD_COLUMNS]
    empty = [c for c in standard if _holds_nothing(frame[c], KML_DEFAULTS.get(c))]
    kept = [c for c in standard if c not in empty]
    own = [c for c in frame.columns if c not in standard]
    return frame[[c for c in own if c != frame.geometry.name] + kept + [frame.geometry.name]]


def _holds_nothing(values: pd.Series, default: int | None) -> bool:
    """Whether a column holds no value but blanks (or the default GDAL fills in)."""
    return all(v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT
               or (isinstance(v, str) and not v.strip()) or (default is not None and v == default)
               for v in values)
