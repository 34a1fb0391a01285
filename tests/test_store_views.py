"""The views QGIS opens hold the current data (latest non-retracted revision), the same layers
come out as a GeoPackage on both backends, and the documented reader role can read the views
and nothing else."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pyogrio
import pytest
import sqlalchemy as sa
from sqlalchemy import exc

from geo.model.tables import empty_tables
from geo.store import Store
from geo.store.views import LAYERS
from tests.conftest import DATA, ROOT
from tests.postgres import Cluster
from tests.synthetic import finds_frame
from tests.test_hazards_store import SQUARE, _commit, _hazard, _release, _upload


def _commit_finds(store: Store, count: int, seed: int) -> int:
    upload = empty_tables()
    upload.events = finds_frame(store.snapshot(), count, seed=seed)
    return store.commit(upload, author="t", file_name=f"{seed}.csv",
                        sha256=hashlib.sha256(str(seed).encode()).hexdigest(), kind="events")


def test_layers_hold_the_current_rows_with_sources_districts_and_points(store: Store) -> None:
    kept = _commit_finds(store, 30, seed=1)
    retracted = _commit_finds(store, 20, seed=2)
    store.retract(retracted, by="t")
    layers = store.layers.read()
    snapshot = store.snapshot()
    assert list(layers) == list(LAYERS)
    figures, events, places = (layers[name] for name in ("gis_figures", "gis_events", "gis_places"))
    assert sorted(figures["claim_id"]) == sorted(snapshot.claims["claim_id"])
    assert sorted(events["event_id"]) == sorted(snapshot.events["event_id"])
    assert sorted(places["place_id"]) == sorted(snapshot.places["place_id"])
    assert set(events["revision_id"]) == {1, kept}
    assert figures["originator"].notna().all() and figures.crs.to_epsg() == 4326
    lachin = figures.loc[figures["place_id"] == "district:lachin"].iloc[0]
    assert lachin.geometry.geom_type in ("Polygon", "MultiPolygon")
    synthetic = events[events["note"] == "synthetic"]
    assert (synthetic.geometry.x.round(5) == synthetic["lon"]).all()
    assert synthetic["district_id"].str.startswith("district:").all()
    assert (events.geometry.geom_type == "Point").all()


def test_hazard_areas_and_land_release_are_published_with_their_source(store: Store) -> None:
    first = _commit(store, _upload([(_hazard(), SQUARE)], [_release()]), "hazards.gpkg")
    _commit(store, _upload([(_hazard(hazard_status="released"), SQUARE)], []), "later.gpkg")
    layers = store.layers.read()
    hazards, releases = layers["gis_hazard_areas"], layers["gis_land_release"]
    assert list(hazards["hazard_status"]) == ["released"]  # the latest revision only
    assert hazards.geometry.iloc[0].equals(SQUARE) and hazards.crs.to_epsg() == 4326
    assert list(releases["release_id"]) == ["R-1"] and releases["revision_id"].tolist() == [first]
    assert hazards["originator"].notna().all() and releases["originator"].notna().all()
    store.retract(first, by="t")
    assert store.layers.read()["gis_land_release"].empty


def test_the_geopackage_holds_the_same_layers(store: Store, tmp_path: Path) -> None:
    _commit_finds(store, 25, seed=3)
    _commit(store, _upload([(_hazard(), SQUARE)], [_release()]), "hazards.gpkg")
    layers = store.layers.read()
    path = tmp_path / "layers.gpkg"
    store.layers.geopackage(path)
    listed = {name: kind for name, kind in pyogrio.list_layers(path)}
    assert set(listed) == set(LAYERS) and listed["gis_events"] == "Point"
    assert listed["gis_land_release"] is None  # an attribute table
    for name, frame in layers.items():
        written = pyogrio.read_dataframe(path, layer=name)
        assert len(written) == len(frame)
        assert list(written.columns) == list(frame.columns)


def test_a_retraction_shows_in_the_views_at_once(store: Store) -> None:
    revision = _commit_finds(store, 10, seed=4)
    with store.engine.connect() as conn:
        count = conn.exec_driver_sql("SELECT count(*) FROM gis_events").scalar()
    store.retract(revision, by="t")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM gis_events").scalar() == count - 10


def _reader_url(postgis: Cluster, database: str) -> str:
    return postgis.url(database, user="qgis").replace("qgis@", "qgis:reader-secret@")


def test_the_reader_role_reads_the_views_and_nothing_else(postgis: Cluster) -> None:
    url = postgis.new_database()
    store = Store(url)
    store.seed_if_empty(DATA)
    database = sa.make_url(url).database
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
                    str(postgis.port), "-U", "postgres", "-d", database, "-v", "reader=qgis",
                    "-v", "password=reader-secret", "-f", str(ROOT / "deploy" / "qgis-reader.sql")],
                   check=True, capture_output=True)
    environment = {**os.environ, "MINEDASH_DB_URL": url}
    subprocess.run([sys.executable, "-m", "geo.store", "grant-reader"], cwd=ROOT, env=environment,
                   check=True, capture_output=True)
    reader = sa.create_engine(_reader_url(postgis, database))
    with reader.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM gis_events").scalar() == len(
            store.snapshot().events)
        layers = dict(conn.exec_driver_sql(
            "SELECT f_table_name, type FROM geometry_columns WHERE f_table_name LIKE 'gis_%%'").all())
        assert layers == {"gis_events": "POINT", "gis_figures": "GEOMETRY", "gis_places": "GEOMETRY",
                          "gis_hazard_areas": "GEOMETRY"}
    for statement in ("SELECT count(*) FROM claims", "DELETE FROM revisions",
                      "CREATE TABLE mine (x int)"):
        with reader.connect() as conn, pytest.raises(exc.DBAPIError):
            conn.exec_driver_sql(statement)
    reader.dispose()
