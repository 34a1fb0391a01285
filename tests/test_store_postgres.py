"""What only PostgreSQL has: PostGIS columns and indexes, a store of WKB bytes converted in
place, the extension made by the app, spatial questions answered by the database, and no gap
in revision numbers after a failed commit. (The store, upload, retract and as-of tests run on
both backends through the `store` fixture.)"""

from __future__ import annotations

import pytest
import shapely

from geo.store import SCHEMA_VERSION, Store, core
from geo.upload import prepare_upload
from tests.conftest import DATA
from tests.postgres import Cluster

ZABUKH = (46.54333, 39.58972)  # a village in Lachin district


def _scalar(store: Store, sql: str) -> object:
    with store.engine.connect() as conn:
        return conn.exec_driver_sql(sql).scalar()


def _gist_indexes(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT tablename, indexdef FROM pg_indexes").all()
    return {table for table, definition in rows if "USING gist" in definition}


def test_geometries_are_postgis_columns_with_gist_indexes(postgis: Cluster) -> None:
    store = Store(postgis.new_database())
    store.seed_if_empty(DATA)
    assert _scalar(store, "SELECT type || ' ' || srid FROM geometry_columns WHERE "
                          "f_table_name = 'places'") == "GEOMETRY 4326"
    assert _scalar(store, "SELECT type FROM geometry_columns WHERE f_table_name = 'events' "
                          "AND f_geometry_column = 'location'") == "POINT"
    assert {"places", "events"} <= _gist_indexes(store)
    lon, lat = ZABUKH
    assert _scalar(store, "SELECT place_id FROM places WHERE level = 'district' AND ST_Contains("
                          f"geometry_wkb, ST_SetSRID(ST_MakePoint({lon}, {lat}), 4326))") == "district:lachin"


def test_a_store_of_wkb_bytes_is_converted_in_place(postgis: Cluster) -> None:
    url = postgis.new_database()
    store = Store(url)
    store.seed_if_empty(DATA)
    before = store.snapshot()
    with store.engine.begin() as conn:  # back to how schema 3 kept geometry: WKB bytes, no index
        for view in ("gis_places", "gis_events", "gis_figures", "current_places", "current_events"):
            conn.exec_driver_sql(f"DROP VIEW IF EXISTS {view} CASCADE")
        conn.exec_driver_sql("ALTER TABLE events DROP COLUMN location")
        conn.exec_driver_sql("DROP TABLE hazard_areas, land_releases, published_breakdowns CASCADE")
        conn.exec_driver_sql("DROP INDEX ix_places_geometry_wkb_gist")
        conn.exec_driver_sql("ALTER TABLE places ALTER COLUMN geometry_wkb TYPE bytea "
                             "USING ST_AsBinary(geometry_wkb)")
        conn.exec_driver_sql("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
        conn.exec_driver_sql("DELETE FROM meta WHERE key = 'views_digest'")
    store.engine.dispose()
    assert _scalar(store, "SELECT count(*) FROM geometry_columns") == 0

    upgraded = Store(url)
    assert upgraded.schema_version() == SCHEMA_VERSION
    assert _scalar(upgraded, "SELECT srid FROM geometry_columns WHERE f_table_name = 'places'") == 4326
    assert {"places", "events", "hazard_areas"} <= _gist_indexes(upgraded)
    after = upgraded.snapshot()
    assert list(after.places["place_id"]) == list(before.places["place_id"])
    assert all(shapely.equals_exact(after.places.geometry.values, before.places.geometry.values, 0))
    assert upgraded.seed_if_empty(DATA) is False


def test_the_app_creates_the_postgis_extension_in_an_empty_database(postgis: Cluster) -> None:
    postgis.sql("CREATE DATABASE bare")
    store = Store(postgis.url("bare"))
    assert _scalar(store, "SELECT extname FROM pg_extension WHERE extname = 'postgis'") == "postgis"
    assert store.seed_if_empty(DATA) is True


def test_a_failed_commit_leaves_no_gap_in_revision_numbers(postgis: Cluster, monkeypatch) -> None:
    store = Store(postgis.new_database())
    store.seed_if_empty(DATA)
    before = int(store.revisions()["revision_id"].max())
    good = prepare_upload("ok.csv", b"kind,date,place,device,source_id\nfind,2023-02-01,Sus,UXO,SEED\n",
                          store.snapshot())
    original = core._insert_rows

    def failing(conn, frame, table, revision_id):
        if table.name == "events":
            raise RuntimeError("the connection dropped")
        return original(conn, frame, table, revision_id)

    monkeypatch.setattr(core, "_insert_rows", failing)
    with pytest.raises(RuntimeError):
        store.commit(good.tables, author="t", file_name="ok.csv", sha256=good.sha256, kind=good.kind)
    monkeypatch.undo()
    revision = store.commit(good.tables, author="t", file_name="ok.csv", sha256=good.sha256,
                            kind=good.kind)
    assert revision == before + 1
