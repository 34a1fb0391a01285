"""Geodata as it arrives broken or odd: damaged or forged archives, Shapefiles in legacy code
pages or with the wrong .dbf, folders of same-named layers, GDAL's own KML columns. Each is
refused in plain words naming the member, or read right with a note; never a traceback."""

from __future__ import annotations

import io
import json
import struct
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely
import shapely.affinity
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.model.tables import Tables
from geo.upload import UploadOptions, UploadRefused, prepare_upload
from geo.upload.fields import IGNORE
from geo.upload.geodata import read_ogr
from geo.upload.limits import Limits
from tests.test_hazard_upload import LACHIN_E, LACHIN_N, _hazard, _utm_box
from tests.upload_files import geo_frame, messages, workbook, written

PUBLISHER = {"kind": "find", "device": "AP mine", "date": "2024-05-02", "quantity": 1,
             "originator": "ANAMA", "published": "2024-06-01"}
CYRILLIC = ["Лачин", "Тертер", "Шуша"]


def _finds(count: int, **extra: object) -> gpd.GeoDataFrame:
    points = [shapely.Point(46.51 + i / 100, 39.62 + i / 100) for i in range(count)]
    return geo_frame([({**PUBLISHER, "village": CYRILLIC[i % 3], **extra}, p) for i, p in enumerate(points)])


def _shapefile_parts(frame: gpd.GeoDataFrame, encoding: str | None = None) -> dict[str, bytes]:
    """The parts of a Shapefile GDAL writes for the frame ({'.shp': ..., '.dbf': ...})."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "finds.shp"
        frame.to_file(path, driver="ESRI Shapefile", engine="pyogrio", encoding=encoding)
        return {part.suffix: part.read_bytes() for part in Path(folder).iterdir()}


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _shapefile_zip(frame: gpd.GeoDataFrame, encoding: str | None = None, cpg: bytes | None = None,
                   folder: str = "finds") -> bytes:
    parts = _shapefile_parts(frame, encoding)
    parts.pop(".cpg", None)
    if cpg is not None:
        parts[".cpg"] = cpg
    return _zip({f"{folder}/finds{suffix}": content for suffix, content in parts.items()})


def _forged(data: bytes, member: str, **fields: int) -> bytes:
    """The archive with header fields of one member overwritten in both its local and its central
    directory header: flags, method, crc, compressed, size."""
    local_at = {"flags": 6, "method": 8, "crc": 14, "compressed": 18, "size": 22}
    central_at = {"flags": 8, "method": 10, "crc": 16, "compressed": 20, "size": 24}
    raw = bytearray(data)
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(member)
    position = archive.start_dir
    while raw[position:position + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", raw, position + 28)
        if raw[position + 46:position + 46 + name_length].decode() == member:
            for field, value in fields.items():
                width = "<H" if field in ("flags", "method") else "<I"
                struct.pack_into(width, raw, position + central_at[field], value)
                struct.pack_into(width, raw, info.header_offset + local_at[field], value)
        position += 46 + name_length + extra_length + comment_length
    return bytes(raw)


def _refusal(tables: Tables, name: str, data: bytes) -> str:
    with pytest.raises(UploadRefused) as refused:
        prepare_upload(name, data, tables)
    text = str(refused.value)
    assert "/tmp/" not in text and "Traceback" not in text and "/work/" not in text
    return text


def _kml(placemarks: list[tuple[dict, shapely.Polygon]], folders: tuple[str, ...] = ("hazards",)) -> bytes:
    """A KML as Google Earth users make it: no Placemark ids, values in ExtendedData."""
    def placemark(properties: dict, polygon: shapely.Polygon) -> str:
        data = "".join(f'<Data name="{k}"><value>{v}</value></Data>' for k, v in properties.items())
        ring = " ".join(f"{x},{y}" for x, y in polygon.exterior.coords)
        return (f"<Placemark><ExtendedData>{data}</ExtendedData><Polygon><outerBoundaryIs><LinearRing>"
                f"<coordinates>{ring}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>")
    share = len(placemarks) // len(folders)
    body = "".join(f"<Folder><name>{name}</name>"
                   + "".join(placemark(*p) for p in placemarks[i * share:(i + 1) * share]) + "</Folder>"
                   for i, name in enumerate(folders))
    return ('<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2">'
            f"<Document>{body}</Document></kml>").encode()


HAZARDS = [_hazard("LAC-1", _utm_box(LACHIN_E, LACHIN_N, 200, 300)),
           _hazard("LAC-2", _utm_box(LACHIN_E + 1_000, LACHIN_N, 100, 100))]


# --- damaged and forged archives: refused naming the member -------------------------------------

def test_a_member_with_a_wrong_checksum_is_refused_by_name(tables: Tables) -> None:
    data = _shapefile_zip(_finds(2))
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("finds/finds.dbf")
    text = _refusal(tables, "finds.zip", _forged(data, "finds/finds.dbf", crc=info.CRC ^ 0xFFFF))
    assert "finds/finds.dbf" in text and "checksum" in text


@pytest.mark.parametrize(("name", "member"), [("finds.zip", "finds/finds.shp"), ("finds.kmz", "doc.kml")])
def test_forged_small_declared_sizes_are_refused_by_name(tables: Tables, name: str, member: str) -> None:
    data = (_shapefile_zip(_finds(2)) if name.endswith(".zip")
            else _zip({"doc.kml": written(_finds(2), "KML", ".kml")}))
    text = _refusal(tables, name, _forged(data, member, size=10))
    assert member in text


def test_unpacked_bytes_are_counted_not_taken_from_the_declared_size() -> None:
    kml = written(_finds(2), "KML", ".kml")
    padded = kml.replace(b"</kml>", b"<!--" + b" " * 3_000_000 + b"--></kml>")
    data = _forged(_zip({"doc.kml": padded}), "doc.kml", size=len(kml))
    with pytest.raises(UploadRefused, match=r"more than 1 MB \(at doc.kml\)"):
        read_ogr("big.kmz", data, Limits(max_megabytes=60, max_rows=1000, max_unpacked_megabytes=1))


def test_an_encrypted_member_is_refused_by_name(tables: Tables) -> None:
    data = _shapefile_zip(_finds(2))
    text = _refusal(tables, "finds.zip", _forged(data, "finds/finds.shx", flags=0x1))
    assert "finds/finds.shx" in text and "encrypted" in text


def test_an_unknown_compression_method_is_refused_by_name(tables: Tables) -> None:
    data = _zip({"doc.kml": written(_finds(2), "KML", ".kml")})
    text = _refusal(tables, "finds.kmz", _forged(data, "doc.kml", method=99))
    assert "doc.kml" in text and "method 99" in text


def test_a_workbook_with_a_forged_member_size_is_refused_by_name(tables: Tables) -> None:
    data = workbook({"Finds": [["District", "Hectares"], ["Lachin", 12.5]] * 200})
    text = _refusal(tables, "finds.xlsx", _forged(data, "xl/worksheets/sheet1.xml", size=10))
    assert "xl/worksheets/sheet1.xml" in text


def test_a_table_without_geometry_in_a_geopackage_is_refused(tables: Tables) -> None:
    import pandas as pd

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plain.gpkg"
        pyogrio.write_dataframe(pd.DataFrame({"district": ["Lachin"], "hectares": [1.5]}), path,
                                layer="plain", driver="GPKG")
        data = path.read_bytes()
    _refusal(tables, "plain.gpkg", data)


@pytest.mark.parametrize("where", ["collection", "geometry"])
def test_a_geojson_type_that_is_an_object_is_refused_plainly(tables: Tables, where: str) -> None:
    odd = {"x": 1}
    feature = {"type": "Feature", "properties": PUBLISHER,
               "geometry": {"type": odd if where == "geometry" else "Point", "coordinates": [46.5, 39.6]}}
    collection = {"type": odd if where == "collection" else "FeatureCollection", "features": [feature]}
    data = json.dumps(collection).encode()
    if where == "collection":
        assert "must be text" in _refusal(tables, "odd.geojson", data)
    else:
        result = prepare_upload("odd.geojson", data, tables)
        assert any("'type' must be text" in m for m in messages(result)), messages(result)


# --- Shapefile text in legacy code pages: read right, with a note ---------------------------------

@pytest.mark.parametrize("cpg", [None, b"UTF-8", b"nonsense-42", b"1252"])
def test_cp1251_shapefile_text_is_read_right_whatever_the_cpg_says(tables: Tables, cpg: bytes | None) -> None:
    data = _shapefile_zip(_finds(4, **{"Заметка": "мина у дороги"}), encoding="cp1251", cpg=cpg)
    result = prepare_upload("finds.zip", data, tables, UploadOptions(kind="events"))
    assert result.ok, messages(result)
    assert ("Заметка", ("мина у дороги",)) in {(c.name, c.samples) for c in result.columns}
    assert set(result.tables.events["place"]) <= set(CYRILLIC) and len(result.tables.events) == 4
    assert any("Windows-1251" in note and "finds/finds.shp" in note for note in result.notes), result.notes


def test_a_dos_code_page_named_by_the_dbf_itself_is_kept(tables: Tables) -> None:
    parts = _shapefile_parts(_finds(3), encoding="cp866")
    parts.pop(".cpg", None)
    parts[".dbf"] = parts[".dbf"][:29] + bytes([0x26]) + parts[".dbf"][30:]  # language driver: CP866
    result = prepare_upload("finds.zip", _zip({f"finds/finds{s}": c for s, c in parts.items()}), tables,
                            UploadOptions(kind="events"))
    assert result.ok, messages(result)
    assert sorted(result.tables.events["place"]) == sorted(CYRILLIC)


def test_a_utf8_cpg_that_is_right_gives_no_note(tables: Tables) -> None:
    data = _shapefile_zip(_finds(4), encoding="UTF-8", cpg=b"UTF-8")
    result = prepare_upload("finds.zip", data, tables, UploadOptions(kind="events"))
    assert result.ok, messages(result)
    assert not any("encoding" in note or "read as" in note for note in result.notes), result.notes


# --- archives of several layers: every one kept, each named apart ----------------------------------

def test_same_named_shapefiles_in_two_folders_are_two_layers(tables: Tables) -> None:
    a = _shapefile_parts(_finds(2))
    b = _shapefile_parts(_finds(3))
    data = _zip({**{f"a/finds{s}": c for s, c in a.items()}, **{f"b/finds{s}": c for s, c in b.items()}})
    both = prepare_upload("two.zip", data, tables)
    assert both.candidates == ["a/finds.shp", "b/finds.shp"]
    assert len(both.tables.events) == 5, messages(both)
    only_a = prepare_upload("two.zip", data, tables, UploadOptions(tables=("a/finds.shp",)))
    assert len(only_a.tables.events) == 2


def test_a_dbf_of_another_shapefile_is_refused(tables: Tables) -> None:
    parts = _shapefile_parts(_finds(4))
    parts[".dbf"] = _shapefile_parts(_finds(1))[".dbf"]
    text = _refusal(tables, "finds.zip", _zip({f"finds/finds{s}": c for s, c in parts.items()}))
    assert "finds/finds.shp" in text and "4 shapes" in text and "1 record" in text


def test_every_layer_of_a_zip_of_geopackages_is_labelled_apart(tables: Tables) -> None:
    one, two = written(_finds(2), "GPKG", ".gpkg", "finds"), written(_finds(3), "GPKG", ".gpkg", "finds")
    result = prepare_upload("packages.zip", _zip({"north/finds.gpkg": one, "south/finds.gpkg": two,
                                                  "south/more.gpkg": one}), tables)
    assert len(set(result.candidates)) == 3, result.candidates
    assert len(result.tables.events) == 7, messages(result)


def test_every_folder_of_a_kml_is_kept_and_labelled_apart(tables: Tables) -> None:
    placemarks = [({**p, "hazard_id": f"{p['hazard_id']}{n}"}, shapely.affinity.translate(g, shift / 100))
                  for shift, n in enumerate("ab") for p, g in HAZARDS]
    result = prepare_upload("hazards.kml", _kml(placemarks, folders=("hazards", "hazards")), tables)
    assert len(result.candidates) == 2 and len(set(result.candidates)) == 2, result.candidates
    assert sorted(result.tables.hazards["hazard_id"]) == ["LAC-1a", "LAC-1b", "LAC-2a", "LAC-2b"]


# --- GDAL's own KML columns never take a field --------------------------------------------------

def test_the_hazard_id_of_a_kml_comes_from_its_own_column(tables: Tables) -> None:
    for name, data in [("gdal.kml", written(geo_frame(HAZARDS), "KML", ".kml")),
                       ("earth.kml", _kml(HAZARDS)),
                       ("earth.kmz", _zip({"doc.kml": _kml(HAZARDS)}))]:
        result = prepare_upload(name, data, tables)
        assert result.kind == "hazards" and result.ok, (name, messages(result))
        assert sorted(result.tables.hazards["hazard_id"]) == ["LAC-1", "LAC-2"], name
        mapped = {c.name for c in result.columns if c.field != IGNORE}
        assert not mapped & {"id", "Name", "description", "tessellate", "extrude", "visibility"}, name


# --- generated hostile archives: read or refused in plain words, never anything else -------------

ARCHIVES = {"finds.zip": lambda: _shapefile_zip(_finds(3), encoding="cp1251"),
            "finds.kmz": lambda: _zip({"doc.kml": written(_finds(3), "KML", ".kml")}),
            "finds.xlsx": lambda: workbook({"Finds": [["District", "Hectares"], ["Lachin", 12.5]]})}
BUILT: dict[str, bytes] = {}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(sorted(ARCHIVES)), st.integers(0, 50),
       st.sampled_from(["flags", "method", "crc", "compressed", "size", "bytes"]),
       st.integers(0, 2**32 - 1))
def test_forged_archive_headers_and_bytes_are_read_or_refused_plainly(
        tables: Tables, name: str, pick: int, field: str, value: int) -> None:
    data = BUILT.setdefault(name, ARCHIVES[name]())
    members = [i.filename for i in zipfile.ZipFile(io.BytesIO(data)).infolist()]
    member = members[pick % len(members)]
    if field == "bytes":
        at = zipfile.ZipFile(io.BytesIO(data)).getinfo(member).header_offset + 30 + value % 200
        forged = data[:at] + bytes([value % 256]) + data[at + 1:]
    else:
        forged = _forged(data, member, **{field: value % 2**16 if field in ("flags", "method") else value})
    try:
        prepare_upload(name, forged, tables)
    except UploadRefused as refusal:
        assert str(refusal) and "/tmp/" not in str(refusal) and "Traceback" not in str(refusal)
