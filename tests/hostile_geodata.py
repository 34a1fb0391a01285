"""Hostile and malformed geodata files, shared by the hostile-geodata tests and the fuzz run
(bench/geodata_fuzz.py): documents of GDAL's other drivers under the app's accepted suffixes,
VRT documents that read a server file or call an address, GeoPackages with views, triggers
and other tables, and byte-level damage to valid files of every accepted GDAL format."""

from __future__ import annotations

import io
import random
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import shapely

from tests.upload_files import geo_frame, written

SECRET = "SECRET-MARKER-7f3a"
NAMES = ("Sus", "Zabux", "Laçın")
FEATURES = 3  # in each valid file
ACCEPTED = (".gpkg", ".kml", ".kmz", ".zip", ".fgb", ".geojson", ".json")
_folder = Path(tempfile.mkdtemp(prefix="minedash-hostile-"))
SECRET_CSV = _folder / "secret.csv"
SECRET_CSV.write_text(f"name,kind,device,date,lon,lat\n{SECRET},find,UXO,2024-05-02,46.5,39.6\n")
SECRET_SQLITE = _folder / "secret.sqlite"
with sqlite3.connect(SECRET_SQLITE) as _db:
    _db.execute("CREATE TABLE IF NOT EXISTS finds (name TEXT, lon REAL, lat REAL)")
    _db.execute("INSERT INTO finds VALUES (?, 46.5, 39.6)", (SECRET,))
_db.close()


def vrt(source: str, layer: str = "finds") -> bytes:
    """An OGR VRT document whose layer is read from `source` (a server file or an address)."""
    return (f'<OGRVRTDataSource><OGRVRTLayer name="{layer}"><SrcDataSource>{source}</SrcDataSource>'
            '<GeometryType>wkbPoint</GeometryType><LayerSRS>EPSG:4326</LayerSRS>'
            '<GeometryField encoding="PointFromColumns" x="lon" y="lat"/></OGRVRTLayer>'
            '</OGRVRTDataSource>').encode()


def finds_frame(count: int = FEATURES):
    """A small layer of finds with known names."""
    points = [shapely.Point(46.51 + i * 0.01, 39.62) for i in range(count)]
    rows = [({"kind": "find", "device": "UXO", "date": "2024-05-02", "name": NAMES[i % 3],
              "originator": "ANAMA", "published": "2024-06-01"}, p) for i, p in enumerate(points)]
    return geo_frame(rows)


def valid_files() -> dict[str, bytes]:
    """One valid upload per accepted GDAL format, keyed by its file name."""
    frame = finds_frame()
    kml = written(frame, "KML", ".kml")
    return {"finds.gpkg": written(frame, "GPKG", ".gpkg", layer="finds"),
            "finds.zip": written(frame, "ESRI Shapefile", ".zip"),
            "finds.kml": kml,
            "finds.kmz": zipped({"doc.kml": kml}),
            "finds.fgb": written(frame, "FlatGeobuf", ".fgb", layer="finds")}


def zipped(members: dict[str, bytes]) -> bytes:
    """A zip archive of the members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def sqlite_bytes(statements: list[str], application_id: int = 0) -> bytes:
    """An SQLite database made by the statements."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "db.sqlite"
        connection = sqlite3.connect(path)
        connection.execute(f"PRAGMA application_id = {application_id}")
        for statement in statements:
            connection.execute(statement)
        connection.commit()
        connection.close()
        return path.read_bytes()


def altered_geopackage(valid: bytes, statements: list[str]) -> bytes:
    """A valid GeoPackage with the SQL statements run on it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.gpkg"
        path.write_bytes(valid)
        connection = sqlite3.connect(path)
        for statement in statements:
            connection.execute(statement)
        connection.commit()
        connection.close()
        return path.read_bytes()


RECURSIVE_VIEW = ["CREATE VIEW spin AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                  "SELECT x AS fid, NULL AS geom FROM c",
                  "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
                  "VALUES ('spin', 'features', 'spin', 4326)",
                  "INSERT INTO gpkg_geometry_columns VALUES ('spin', 'geom', 'POINT', 4326, 0, 0)"]
GEOPACKAGE_ALTERATIONS: dict[str, list[str]] = {
    "recursive view": RECURSIVE_VIEW,
    "plain view": ["CREATE VIEW finds_too AS SELECT * FROM finds"],
    "trigger": ["CREATE TRIGGER sneaky AFTER INSERT ON finds BEGIN SELECT 1; END"],
    "virtual table": ["CREATE VIRTUAL TABLE words USING fts5(text)"],
    "rtree under another name": ["CREATE VIRTUAL TABLE odd USING rtree(id, a, b)"],
    "attributes table": ["CREATE TABLE lookup (id INTEGER PRIMARY KEY, label TEXT)",
                         "INSERT INTO gpkg_contents (table_name, data_type, identifier) "
                         "VALUES ('lookup', 'attributes', 'lookup')"],
    "tiles entry": ["INSERT INTO gpkg_contents (table_name, data_type, identifier) "
                    "VALUES ('tiles', 'tiles', 'tiles')"],
    "missing table": ["INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
                      "VALUES ('ghost', 'features', 'ghost', 4326)"],
    "computed column": ["CREATE TABLE calc (fid INTEGER PRIMARY KEY, geom BLOB, "
                        "n TEXT GENERATED ALWAYS AS (printf('%.*c', 100000000, 'x')) VIRTUAL)",
                        "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
                        "VALUES ('calc', 'features', 'calc', 4326)"],
}

# The content other GDAL drivers recognise: none of it may be read under an accepted suffix.
SIGNATURES: dict[str, bytes] = {
    "OGR VRT reading a server file": vrt(f"CSV:{SECRET_CSV}"),
    "OGR VRT reading /etc/passwd": vrt("CSV:/etc/passwd"),
    "OGR VRT reading an SQLite database": vrt(str(SECRET_SQLITE)),
    "OGR VRT calling an address": vrt("/vsicurl/http://127.0.0.1:9/finds.csv"),
    "CSV": SECRET_CSV.read_bytes(),
    "SQLite (not a GeoPackage)": sqlite_bytes(["CREATE TABLE finds (name TEXT)"]),
    "SQLite claiming GPKG without gpkg tables": sqlite_bytes(["CREATE TABLE finds (name TEXT)"],
                                                             0x47504B47),
    "GML": b'<?xml version="1.0"?><ogr:FeatureCollection xmlns:ogr="http://ogr.maptools.org/" '
           b'xmlns:gml="http://www.opengis.net/gml"><gml:featureMember><ogr:f><ogr:geometryProperty>'
           b'<gml:Point><gml:coordinates>46.5,39.6</gml:coordinates></gml:Point></ogr:geometryProperty>'
           b'</ogr:f></gml:featureMember></ogr:FeatureCollection>',
    "GPX": b'<?xml version="1.0"?><gpx version="1.1" creator="x"><wpt lat="39.6" lon="46.5">'
           b'<name>x</name></wpt></gpx>',
    "GeoRSS": b'<?xml version="1.0"?><rss version="2.0" xmlns:georss="http://www.georss.org/georss">'
              b'<channel><item><title>x</title><georss:point>39.6 46.5</georss:point></item></channel></rss>',
    "OSM XML": b'<?xml version="1.0"?><osm version="0.6"><node id="1" lat="39.6" lon="46.5"/></osm>',
    "OSM PBF": b"\x00\x00\x00\x0e\n\tOSMHeader\x18\x10" + b"\x00" * 64,
    "MapInfo MIF": b'Version 300\nCharset "WindowsLatin1"\nDelimiter ","\nColumns 1\n  name Char(10)\n'
                   b"Data\n\nPoint 46.5 39.6\n",
    "MapInfo TAB": b"!table\n!version 300\n!charset WindowsLatin1\n\nDefinition Table\n  Type NATIVE\n",
    "DXF": b"0\nSECTION\n2\nHEADER\n0\nENDSEC\n0\nSECTION\n2\nENTITIES\n0\nPOINT\n8\n0\n10\n46.5\n20\n39.6\n"
           b"0\nENDSEC\n0\nEOF\n",
    "PDF": b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    "netCDF": b"CDF\x01" + b"\x00" * 60,
    "HDF5": b"\x89HDF\r\n\x1a\n" + b"\x00" * 60,
    "PostgreSQL connection": b"PG:dbname=postgres host=127.0.0.1 port=9",
    "OGC API address": b"OAPIF:http://127.0.0.1:9/ogc",
    "WFS address": b"WFS:http://127.0.0.1:9/wfs",
    "HTTP address": b"http://127.0.0.1:9/finds.geojson",
    "vsicurl path": b"/vsicurl/http://127.0.0.1:9/finds.gpkg",
    "GDAL algorithm (GDALG)": b'{"type": "gdal_streamed_alg", "command_line": "gdal vector read '
                              b'/etc/passwd", "gdal_version": "3.12"}',
    "GPSBabel": b"GPSBabel:gpx:/etc/passwd",
    "ESRI JSON": b'{"geometryType": "esriGeometryPoint", "features": [{"attributes": {"name": "x"}, '
                 b'"geometry": {"x": 46.5, "y": 39.6}}]}',
    "TopoJSON": b'{"type": "Topology", "objects": {"x": {"type": "GeometryCollection", "geometries": '
                b'[{"type": "Point", "coordinates": [46.5, 39.6]}]}}, "arcs": []}',
    "GeoJSON sequence": b'\x1e{"type": "Feature", "properties": {}, "geometry": {"type": "Point", '
                        b'"coordinates": [46.5, 39.6]}}\n',
    "S-57 / ISO 8211": b"001582LE1 0900073   6604" + b"0" * 64,
    "DGN": b"\x08\x09\xfe\x02" + b"\x00" * 60,
    "PMTiles": b"PMTiles\x03" + b"\x00" * 120,
    "Parquet (ADBC)": b"PAR1" + b"\x00" * 60 + b"PAR1",
    "PCIDSK": b"PCIDSK  " + b" " * 60,
    "XLSX workbook": zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
    "JML": b'<?xml version="1.0"?><JCSDataFile><JCSGMLInputTemplate/></JCSDataFile>',
    "OGR GMT": b"# @VGMT1.0 @GPOINT\n46.5 39.6\n",
    "PDS label": b"PDS_VERSION_ID = PDS3\nEND\n",
    "VICAR": b"LBLSIZE=100 FORMAT='BYTE' TYPE='IMAGE'",
    "AVC E00": b"EXP  0 /X.E00\nARC  2\n",
    "KML with an external entity": b'<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                   b'<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&x;</name>'
                                   b"<Point><coordinates>46.5,39.6</coordinates></Point></Placemark></kml>",
}


def under_suffix(data: bytes, suffix: str) -> tuple[str, bytes]:
    """The file name and bytes that put `data` under an accepted suffix: as the file itself,
    or as a member of a .zip (as each kind of member) or .kmz."""
    if suffix == ".kmz":
        return "x.kmz", zipped({"doc.kml": data})
    if suffix == ".zip":
        return "x.zip", zipped({"a/finds.gpkg": data, "b/finds.kml": data, "c/finds.geojson": data,
                                "d/finds.shp": data, "d/finds.shx": data, "d/finds.dbf": data})
    return f"x{suffix}", data


@dataclass(frozen=True)
class Hostile:
    """One generated file, and how many rows it may legitimately yield (None: not known)."""

    name: str
    data: bytes
    what: str
    max_rows: int | None = None


def damaged(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """The file with bytes overwritten, cut, inserted, zeroed or its header replaced."""
    damage = rng.choice(["overwrite", "truncate", "insert", "header", "zero"])
    size = len(data)
    at = rng.randrange(max(size, 1))
    if damage == "overwrite":
        span = rng.randint(1, 64)
        return data[:at] + bytes(rng.randrange(256) for _ in range(span)) + data[at + span:], damage
    if damage == "truncate":
        return data[:at], damage
    if damage == "insert":
        return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 256))) + data[at:], damage
    if damage == "zero":
        span = rng.randint(1, 512)
        return data[:at] + b"\x00" * span + data[at + span:], damage
    return rng.choice(list(SIGNATURES.values()))[:64] + data[64:], damage


def archive_variant(name: str, data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """A .zip/.kmz whose members are renamed, swapped for another driver's content, doubled,
    damaged or declared with a wrong size."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    members = {info.filename: archive.read(info) for info in archive.infolist()}
    choice = rng.choice(["signature member", "traversal names", "damaged member", "extra members",
                         "swapped suffixes"])
    target = rng.choice(list(members))
    if choice == "signature member":
        members[target] = rng.choice(list(SIGNATURES.values()))
    elif choice == "traversal names":
        members = {rng.choice(["../../", "/", "a/../../", "./", "..\\"]) + k: v for k, v in members.items()}
    elif choice == "damaged member":
        members[target] = damaged(members[target], rng)[0]
    elif choice == "extra members":
        members["x/evil.kml"] = SIGNATURES["OGR VRT reading a server file"]
        members["x/evil.gpkg"] = SIGNATURES["SQLite (not a GeoPackage)"]
    else:
        suffixes = [".shp", ".dbf", ".shx", ".kml", ".gpkg", ".geojson", ".prj"]
        members = {str(Path(k).with_suffix(rng.choice(suffixes))): v for k, v in members.items()}
    return zipped(members), choice


def geopackage_variant(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    what = rng.choice(list(GEOPACKAGE_ALTERATIONS))
    return altered_geopackage(data, GEOPACKAGE_ALTERATIONS[what]), what


def kml_variant(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    text = data.decode()
    choice = rng.choice(["entity", "network link", "root renamed", "deep folders", "style url"])
    if choice == "entity":
        return SIGNATURES["KML with an external entity"], choice
    if choice == "network link":
        link = ("<NetworkLink><Link><href>http://127.0.0.1:9/more.kml</href></Link></NetworkLink>"
                "<NetworkLink><Link><href>/vsicurl/http://127.0.0.1:9/x.kml</href></Link></NetworkLink>")
        return text.replace("<Folder>", "<Folder>" + link, 1).encode(), choice
    if choice == "root renamed":
        renamed = text.replace("<kml ", "<OGRVRTDataSource ").replace("</kml>", "</OGRVRTDataSource>")
        return renamed.encode(), choice
    if choice == "style url":
        style = "<styleUrl>http://127.0.0.1:9/s.kml#x</styleUrl>"
        return text.replace("<name>", style + "<name>", 1).encode(), choice
    depth = rng.randint(50, 2000)
    return text.replace("<Folder>", "<Folder>" * depth, 1).replace("</Folder>", "</Folder>" * depth, 1)\
        .encode(), choice


def generated(count: int, seed: int = 0) -> list[Hostile]:
    """`count` hostile files across the formats: other drivers' content under each suffix,
    structural variants per format, and byte damage to valid files."""
    rng = random.Random(seed)
    valid = valid_files()
    variants: dict[str, Callable[[str, bytes], tuple[bytes, str]]] = {
        "finds.gpkg": lambda n, d: geopackage_variant(d, rng),
        "finds.zip": lambda n, d: archive_variant(n, d, rng),
        "finds.kmz": lambda n, d: archive_variant(n, d, rng),
        "finds.kml": lambda n, d: kml_variant(d, rng),
    }
    files: list[Hostile] = []
    for signature, data in SIGNATURES.items():
        for suffix in ACCEPTED:
            name, wrapped = under_suffix(data, suffix)
            files.append(Hostile(name, wrapped, f"{signature} as {suffix}", 0))
    while len(files) < count:
        name = rng.choice(list(valid))
        if name in variants and rng.random() < 0.5:
            data, what = variants[name](name, valid[name])
            files.append(Hostile(name, data, f"{what} ({name})", FEATURES))
        else:
            data, what = damaged(valid[name], rng)
            files.append(Hostile(name, data, f"{what} ({name})"))
    return files[:max(count, len(SIGNATURES) * len(ACCEPTED))]
