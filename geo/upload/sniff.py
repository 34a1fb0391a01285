"""Which geodata format a file really is, decided from its bytes, never from GDAL's guess.

GDAL opens whatever driver recognises the content: an OGR VRT document named `x.gpkg` reads any
server file it names, or an address on the network. Each file GDAL is to open (the upload, or
each member of a .zip/.kmz) is checked here against the format its name claims; only then is
it opened, with the one driver that format calls for. A GeoPackage is also inspected with
Python's own sqlite3, read-only, before GDAL sees it: views (a recursive one pins a core),
virtual tables and triggers other than the GeoPackage spatial index's own, and contents that
are not feature tables are refused, naming the table.
"""

from __future__ import annotations

import json
import re
import sqlite3
import struct
from pathlib import Path

from geo.i18n import _
from geo.upload.problems import UploadRefused

GPKG, SHAPEFILE, KML, FLATGEOBUF, GEOJSON = "GPKG", "ESRI Shapefile", "KML", "FlatGeobuf", "GeoJSON"
DRIVERS_OF = {GPKG: ("GPKG",), SHAPEFILE: ("ESRI Shapefile",), KML: ("LIBKML", "KML"),
              FLATGEOBUF: ("FlatGeobuf",), GEOJSON: ("GeoJSON",)}
ACCEPTED_DRIVERS = tuple(name for names in DRIVERS_OF.values() for name in names)
FORMAT_OF_SUFFIX = {".gpkg": GPKG, ".shp": SHAPEFILE, ".kml": KML, ".fgb": FLATGEOBUF,
                    ".geojson": GEOJSON}
SIDECAR_SUFFIXES = (".shx", ".dbf", ".prj", ".cpg")
NAMES = {GPKG: "GeoPackage", SHAPEFILE: "Shapefile", KML: "KML", FLATGEOBUF: "FlatGeobuf",
         GEOJSON: "GeoJSON"}

SQLITE_MAGIC = b"SQLite format 3\x00"
GPKG_APPLICATION_IDS = (b"GPKG", b"GP10", b"GP11")
SHAPE_MAGIC = struct.pack(">i", 9994)
DBF_VERSIONS = frozenset({0x02, 0x03, 0x04, 0x05, 0x30, 0x31, 0x32, 0x43, 0x63, 0x83, 0x8B, 0x8E,
                          0xCB, 0xE5, 0xF5, 0xFB})
XML_PROLOGUE = re.compile(rb"\A(?:\s+|<\?[^>]*\?>|<!--.*?-->)*"
                          rb"<(?:[A-Za-z_][\w.-]*:)?(?P<root>[A-Za-z_][\w.-]*)", re.DOTALL)
XML_DECLARATIONS = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
RTREE_TABLE = re.compile(r'CREATE VIRTUAL TABLE\s+"?rtree_[^"\s]+"?\s+USING\s+rtree\s*\(\s*id\s*,\s*minx\s*,'
                         r'\s*maxx\s*,\s*miny\s*,\s*maxy\s*\)\s*\Z', re.IGNORECASE)
STANDARD_TRIGGER = re.compile(r"\A(rtree_.+_(insert\d?|update\d|delete)|trigger_(insert|delete)_feature_"
                              r"count_.+|gpkg_(tile_matrix|metadata|metadata_reference)_\w+)\Z")
MAX_TEXT_SIDECAR = 64 * 1024
SQLITE_STEPS = 5_000_000


def not_the_format(name: str, fmt: str) -> UploadRefused:
    """The refusal of a file whose content is not the format its name says."""
    return UploadRefused(_("{name} is not a {format} file: its content is something else (only "
                           "GeoPackage, Shapefile, KML, FlatGeobuf and GeoJSON content is read)").format(
        name=name, format=NAMES[fmt]))


def checked_format(name: str, path: Path) -> str:
    """The format of the file at `path`, when its content is what its name's suffix says;
    UploadRefused otherwise. `name` is how the editor knows the file. A GeoPackage must then
    pass `inspect_geopackage` too."""
    fmt = FORMAT_OF_SUFFIX.get(path.suffix.casefold())
    if fmt is None:
        raise UploadRefused(_("{name}: this kind of file is not read").format(name=name))
    data = path.read_bytes()
    checks = {GPKG: _is_geopackage, SHAPEFILE: _is_shape, KML: _is_kml, FLATGEOBUF: _is_flatgeobuf,
              GEOJSON: _is_geojson}
    if not checks[fmt](data):
        raise not_the_format(name, fmt)
    return fmt


def check_sidecar(name: str, path: Path) -> None:
    """Refuse a Shapefile part (.shx, .dbf, .prj, .cpg) whose content is not that part."""
    data = path.read_bytes()
    suffix = path.suffix.casefold()
    if suffix == ".shx":
        fine = _is_shape(data)
    elif suffix == ".dbf":
        fine = _is_dbf(data)
    else:
        fine = _is_short_text(data)
    if not fine:
        raise UploadRefused(_("{name} is not a Shapefile part: its content is something else").format(
            name=name))


def _is_shape(data: bytes) -> bool:
    return len(data) >= 100 and data[:4] == SHAPE_MAGIC and struct.unpack("<i", data[28:32])[0] == 1000


def _is_dbf(data: bytes) -> bool:
    if len(data) < 33 or data[0] not in DBF_VERSIONS:
        return False
    header, record = struct.unpack("<HH", data[8:12])
    return 33 <= header <= len(data) and record >= 1


def _is_short_text(data: bytes) -> bool:
    return len(data) <= MAX_TEXT_SIDECAR and b"\x00" not in data


def _is_flatgeobuf(data: bytes) -> bool:
    if len(data) < 12 or data[:3] != b"fgb" or data[4:7] != b"fgb":
        return False
    return struct.unpack("<I", data[8:12])[0] <= len(data) - 12


def _is_kml(data: bytes) -> bool:
    text = data.removeprefix(b"\xef\xbb\xbf")
    match = XML_PROLOGUE.match(text[:65536])
    return bool(match) and match.group("root").decode("ascii", "replace") == "kml" \
        and not XML_DECLARATIONS.search(text)


def _is_geojson(data: bytes) -> bool:
    try:
        parsed = json.loads(data.removeprefix(b"\xef\xbb\xbf"))
    except (ValueError, RecursionError):
        return False
    return isinstance(parsed, dict) and parsed.get("type") in ("FeatureCollection", "Feature")


def _is_geopackage(data: bytes) -> bool:
    return len(data) >= 100 and data[:16] == SQLITE_MAGIC and data[68:72] in GPKG_APPLICATION_IDS


def inspect_geopackage(name: str, path: Path) -> list[str]:
    """The feature tables of a GeoPackage, after refusing what GDAL must never run or read:
    views, virtual tables and triggers other than the spatial index's, generated columns, and
    contents that are not feature tables. Read with sqlite3 read-only, extensions off."""
    steps = {"left": SQLITE_STEPS}

    def budget() -> int:
        steps["left"] -= 1000
        return 1 if steps["left"] < 0 else 0

    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise UploadRefused(_("{name} cannot be opened as a GeoPackage").format(name=name)) from error
    try:
        if hasattr(connection, "enable_load_extension"):  # off by default: keep it so
            connection.enable_load_extension(False)
        connection.text_factory = lambda raw: raw.decode("utf-8", "replace")
        connection.set_progress_handler(budget, 1000)
        connection.execute("PRAGMA query_only = ON")
        connection.execute("PRAGMA trusted_schema = OFF")
        return _feature_tables(name, connection)
    except (sqlite3.Error, UnicodeDecodeError) as error:  # a damaged schema's message may not decode
        raise UploadRefused(_("{name} is not a readable GeoPackage ({error})").format(
            name=name, error=str(error)[:120])) from error
    finally:
        connection.close()


def _feature_tables(name: str, connection: sqlite3.Connection) -> list[str]:
    schema = connection.execute("SELECT type, name, tbl_name, COALESCE(sql, '') "
                                "FROM sqlite_master").fetchall()
    tables = {row[1] for row in schema if row[0] == "table"}
    for kind, entry, _table, sql in schema:
        if kind == "view":
            raise UploadRefused(_("{name} holds a view ({table}): views are not read, export the "
                                  "layer as a table").format(name=name, table=repr(entry[:80])))
        if kind == "trigger" and not STANDARD_TRIGGER.match(entry):
            raise UploadRefused(_("{name} holds a trigger ({table}) that a GeoPackage does not "
                                  "need: it is refused").format(name=name, table=repr(entry[:80])))
        if kind == "table" and sql.lstrip().upper().startswith("CREATE VIRTUAL") \
                and not RTREE_TABLE.match(sql.strip()):
            raise UploadRefused(_("{name} holds a virtual table ({table}): it is refused").format(
                name=name, table=repr(entry[:80])))
    if "gpkg_contents" not in tables:
        raise UploadRefused(_("{name} is an SQLite database but not a GeoPackage (no gpkg_contents "
                              "table)").format(name=name))
    contents = connection.execute("SELECT table_name, data_type FROM gpkg_contents").fetchall()
    features: list[str] = []
    for table, data_type in contents:
        label = repr(str(table)[:80])
        if str(data_type).casefold() != "features":
            raise UploadRefused(_("table {table} of {name} holds {kind}, not features: only feature "
                                  "layers are read").format(table=label, name=name,
                                                            kind=repr(str(data_type)[:40])))
        if table not in tables:
            raise UploadRefused(_("layer {table} of {name} is not a table of the file").format(
                table=label, name=name))
        columns = connection.execute("SELECT hidden FROM pragma_table_xinfo(?)", (table,)).fetchall()
        if any(hidden in (2, 3) for (hidden,) in columns):
            raise UploadRefused(_("layer {table} of {name} has computed columns: they are "
                                  "refused").format(table=label, name=name))
        features.append(str(table))
    return features
