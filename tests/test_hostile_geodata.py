"""No uploaded geodata file may read a server file, call out to the network or hang the server
(issue 19, items 1-3): each vector found by the probe, the class (every GDAL driver's content
under every accepted suffix) and generated hostile variants of every accepted GDAL format."""

from __future__ import annotations

import http.server
import io
import os
import random
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.model.tables import Tables
from geo.upload import Prepared, UploadRefused, prepare_upload
from geo.upload.sniff import ACCEPTED_DRIVERS
from geo.upload.worker import ReaderFailed, ReadStopped, stop_workers, worker_environment
from tests.hostile_geodata import (
    ACCEPTED,
    FEATURES,
    GEOPACKAGE_ALTERATIONS,
    SECRET,
    SECRET_CSV,
    SECRET_SQLITE,
    SIGNATURES,
    altered_geopackage,
    archive_variant,
    damaged,
    geopackage_variant,
    kml_variant,
    sqlite_bytes,
    under_suffix,
    valid_files,
    vrt,
    zipped,
)
from tests.upload_files import feature_collection

EXAMPLES = int(os.environ.get("MINEDASH_HOSTILE_EXAMPLES", "20"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
VALID = valid_files()


def stored_text(result: Prepared) -> str:
    """Every value the upload would store, as one text."""
    tables = result.tables
    frames = [tables.sources, tables.claims, tables.events, tables.placements, tables.places,
              tables.names, tables.hazards, tables.releases, tables.breakdowns]
    return "\n".join(frame.astype(str).to_csv() for frame in frames)


def stored_rows(result: Prepared) -> int:
    """The rows the upload would store (events, places, figures, hazard areas, releases)."""
    tables = result.tables
    return sum(len(f) for f in (tables.events, tables.places, tables.claims, tables.hazards,
                                tables.releases))


def outcome(tables: Tables, name: str, data: bytes) -> Prepared | None:
    """The parse, or None for a clear refusal; a reader failure or any other exception fails."""
    try:
        result = prepare_upload(name, data, tables)
    except ReaderFailed as failure:
        raise AssertionError(f"the reader failed on {name}: {failure}") from failure
    except UploadRefused as refusal:
        assert str(refusal), "a refusal must say why"
        assert "Traceback" not in str(refusal) and "/tmp/" not in str(refusal)
        return None
    text = stored_text(result)
    assert SECRET not in text and "root:x:0" not in text, "a server file was read"
    return result


def refusal(tables: Tables, name: str, data: bytes) -> str:
    """The refusal's message (the test fails if the file is read)."""
    with pytest.raises(UploadRefused) as refused:
        prepare_upload(name, data, tables)
    assert not isinstance(refused.value, ReaderFailed), str(refused.value)
    return str(refused.value)


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.requests.append(f"GET {self.path}")
        self.send_response(200)
        self.end_headers()
        self.wfile.write(SECRET_CSV.read_bytes())

    def do_HEAD(self) -> None:
        self.requests.append(f"HEAD {self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server on 127.0.0.1 that records every request it gets."""
    requests: ClassVar[list[str]] = []
    handler = type("Recorder", (_Recorder,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


# --- item 1: a VRT document under a geodata name reads no server file ------------------------

@pytest.mark.parametrize("suffix", [".gpkg", ".kml", ".fgb", ".kmz", ".zip"])
@pytest.mark.parametrize("source", [f"CSV:{SECRET_CSV}", "CSV:/etc/passwd", str(SECRET_SQLITE)],
                         ids=["temp-csv", "etc-passwd", "temp-sqlite"])  # stable across xdist workers
def test_a_vrt_under_a_geodata_name_is_refused_and_reads_nothing(tables, suffix: str, source: str) -> None:
    name, data = under_suffix(vrt(source), suffix)
    message = refusal(tables, name, data)
    if suffix != ".zip":  # in a zip the Shapefile parts' own checks may speak first
        assert "is not a" in message and "content is something else" in message, message
    assert SECRET not in message and "root:" not in message


# --- item 2: no file makes the server call an address ----------------------------------------

@pytest.mark.parametrize("suffix", [".gpkg", ".kml", ".fgb", ".kmz", ".zip"])
def test_a_vrt_calling_an_address_is_refused_and_nothing_is_requested(tables, listener, suffix) -> None:
    url, requests = listener
    name, data = under_suffix(vrt(f"CSV:/vsicurl/{url}/finds.csv"), suffix)
    refusal(tables, name, data)
    assert requests == []


def test_kml_network_links_and_remote_styles_are_never_fetched(tables, listener) -> None:
    url, requests = listener
    kml = VALID["finds.kml"].decode()
    links = (f"<NetworkLink><Link><href>{url}/more.kml</href></Link></NetworkLink>"
             f"<NetworkLink><Link><href>/vsicurl/{url}/x.kml</href></Link></NetworkLink>")
    kml = kml.replace("<Folder>", "<Folder>" + links, 1).replace(
        "<name>", f"<styleUrl>{url}/style.kml#s</styleUrl><name>", 1)
    for name, data in [("links.kml", kml.encode()), ("links.kmz", zipped({"doc.kml": kml.encode()}))]:
        outcome(tables, name, data)
    assert requests == []


def test_the_reading_worker_s_gdal_has_only_the_accepted_drivers_and_no_network(listener) -> None:
    url, requests = listener
    probe = ("import pyogrio, sys\n"
             "print(','.join(sorted(pyogrio.list_drivers())))\n"
             "for path in (sys.argv[1], sys.argv[2]):\n"
             "    try:\n"
             "        pyogrio.read_info(path)\n"
             "    except Exception as error:\n"
             "        print(type(error).__name__)\n")
    vrt_path = SECRET_CSV.with_suffix(".vrt")
    vrt_path.write_bytes(vrt(f"CSV:{SECRET_CSV}"))
    done = subprocess.run([sys.executable, "-c", probe, str(vrt_path), f"/vsicurl/{url}/finds.gpkg"],
                          env=worker_environment(), capture_output=True, text=True, timeout=120)
    drivers, *errors = done.stdout.splitlines()
    assert set(drivers.split(",")) == set(ACCEPTED_DRIVERS)
    assert errors == ["DataSourceError", "DataSourceError"], done.stdout + done.stderr
    assert requests == []


# --- item 3: GeoPackages GDAL must not run -----------------------------------------------------

def test_a_recursive_view_geopackage_is_refused_naming_the_view(tables) -> None:
    data = altered_geopackage(VALID["finds.gpkg"], GEOPACKAGE_ALTERATIONS["recursive view"])
    message = refusal(tables, "spin.gpkg", data)
    assert "view ('spin')" in message, message


@pytest.mark.parametrize(("what", "named"), [
    ("plain view", "finds_too"), ("trigger", "sneaky"), ("virtual table", "words"),
    ("rtree under another name", "odd"), ("attributes table", "lookup"), ("tiles entry", "tiles"),
    ("missing table", "ghost"), ("computed column", "calc")])
def test_geopackage_objects_beyond_feature_tables_are_refused_by_name(tables, what, named) -> None:
    data = altered_geopackage(VALID["finds.gpkg"], GEOPACKAGE_ALTERATIONS[what])
    assert f"'{named}'" in refusal(tables, "odd.gpkg", data)


def test_an_sqlite_database_that_is_not_a_geopackage_is_refused(tables) -> None:
    for application_id in (0, 0x47504B47):
        data = sqlite_bytes(["CREATE TABLE finds (name TEXT, lon REAL, lat REAL)"], application_id)
        assert "not a GeoPackage" in refusal(tables, "db.gpkg", data)


def test_a_geopackage_written_by_gdal_is_still_read(tables) -> None:
    result = outcome(tables, "finds.gpkg", VALID["finds.gpkg"])
    assert result is not None and result.ok and len(result.tables.events) == FEATURES


def test_a_shapefile_whose_prj_cannot_be_read_is_refused_plainly(tables) -> None:
    archive = zipfile.ZipFile(io.BytesIO(VALID["finds.zip"]))
    members = {info.filename: archive.read(info) for info in archive.infolist()}
    prj = next(name for name in members if name.endswith(".prj"))
    members[prj] = b'GEOGCS["GCS_WGS_19\xf1\xf00T\xf8b",DATUM["D_WGS_1984",SPHEROID["WGS_1984",' \
                   b'6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
    assert "coordinate reference system" in refusal(tables, "finds.zip", zipped(members))


# --- the worker's limits -----------------------------------------------------------------------

def test_a_read_over_the_time_limit_is_stopped_and_the_editor_told(tables, monkeypatch) -> None:
    points = [({"kind": "find", "device": "UXO", "date": "2024-05-02", "name": f"n{i}"},
               {"type": "Point", "coordinates": [46.5, 39.6]}) for i in range(120_000)]
    monkeypatch.setenv("MINEDASH_UPLOAD_READ_SECONDS", "0.05")
    with pytest.raises(ReadStopped, match=r"took longer than 0\.05 s to read and was stopped"):
        prepare_upload("slow.geojson", feature_collection(points), tables)
    monkeypatch.delenv("MINEDASH_UPLOAD_READ_SECONDS")
    result = outcome(tables, "finds.gpkg", VALID["finds.gpkg"])  # the next upload gets a new worker
    assert result is not None and result.ok


def test_a_read_over_the_memory_limit_is_stopped_and_the_editor_told(tables, monkeypatch) -> None:
    lists = b",".join([b"[]"] * 4_000_000)  # 12 MB of text, each [] a list object in memory
    data = (b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"note": ['
            + lists + b']}, "geometry": {"type": "Point", "coordinates": [46.5, 39.6]}}]}')
    monkeypatch.setenv("MINEDASH_UPLOAD_READ_MB", "600")
    try:
        with pytest.raises(ReadStopped, match="more than 600 MB of memory"):
            prepare_upload("big.geojson", data, tables)
    finally:
        stop_workers()


# --- the class: every GDAL driver's content under every accepted suffix -------------------------

@pytest.mark.parametrize("suffix", ACCEPTED)
@pytest.mark.parametrize("signature", list(SIGNATURES))
def test_other_drivers_content_under_every_accepted_suffix_is_refused(tables, signature, suffix) -> None:
    name, data = under_suffix(SIGNATURES[signature], suffix)
    message = refusal(tables, name, data)
    assert SECRET not in message


# --- generated hostile variants of every accepted GDAL format -----------------------------------

def _checked(tables: Tables, name: str, data: bytes, max_rows: int | None) -> None:
    result = outcome(tables, name, data)
    if result is not None and max_rows is not None:
        assert stored_rows(result) <= max_rows


@PROPERTY
@given(st.randoms(use_true_random=False), st.sampled_from(sorted(VALID)))
def test_damaged_files_of_every_format_are_read_or_refused_clearly(tables, rng: random.Random,
                                                                    name: str) -> None:
    data, _what = damaged(VALID[name], rng)
    _checked(tables, name, data, None)


@PROPERTY
@given(st.randoms(use_true_random=False), st.sampled_from(["finds.zip", "finds.kmz"]))
def test_hostile_archives_are_read_or_refused_clearly(tables, rng: random.Random, name: str) -> None:
    data, _what = archive_variant(name, VALID[name], rng)
    _checked(tables, name, data, FEATURES)


@PROPERTY
@given(st.randoms(use_true_random=False))
def test_hostile_geopackages_are_refused_clearly(tables, rng: random.Random) -> None:
    data, _what = geopackage_variant(VALID["finds.gpkg"], rng)
    assert outcome(tables, "finds.gpkg", data) is None


@PROPERTY
@given(st.randoms(use_true_random=False))
def test_hostile_kml_is_read_or_refused_clearly(tables, rng: random.Random) -> None:
    data, _what = kml_variant(VALID["finds.kml"], rng)
    _checked(tables, "finds.kml", data, FEATURES)


@PROPERTY
@given(st.sampled_from(sorted(VALID)), st.sampled_from(list(SIGNATURES)), st.integers(0, 400))
def test_another_driver_s_header_spliced_into_a_valid_file_is_handled(tables, name, signature,
                                                                       keep) -> None:
    data = SIGNATURES[signature] + VALID[name][keep:]
    _checked(tables, name, data, None)
