"""The store on SQLite and on PostGIS: seeded once from data/, migrated in place, round trips its
rows."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from geo.seed import read_csv_text
from geo.store import SCHEMA_VERSION, Store, meta_table, migrate
from tests.conftest import DATA


def _file_rows(name: str) -> pd.DataFrame:
    return read_csv_text(DATA / name)


@pytest.mark.parametrize(("file_name", "table", "key"), [
    ("sources.csv", "sources", "source_id"),
    ("claims.csv", "claims", "claim_id"),
    ("events.csv", "events", "event_id"),
    ("placements.csv", "placements", "placement_id"),
])
def test_every_seed_row_is_in_the_store(store: Store, file_name: str, table: str, key: str) -> None:
    stored = getattr(store.snapshot(), table)
    expected = _file_rows(file_name)
    assert sorted(stored[key]) == sorted(expected[key])


def test_seed_claim_values_match_the_file(store: Store) -> None:
    stored = store.snapshot().claims.set_index("claim_id")
    for row in _file_rows("claims.csv").itertuples():
        assert stored.at[row.claim_id, "value"] == float(row.value)
        assert stored.at[row.claim_id, "unit"] == row.unit
        assert stored.at[row.claim_id, "period_end"] == row.period_end
        assert stored.at[row.claim_id, "source_id"] == row.source_id


def test_every_geojson_feature_is_a_place(store: Store) -> None:
    places = store.snapshot().places
    for file_name, level in (("country.geojson", "country"), ("regions.geojson", "district")):
        names = {f["properties"]["name"]
                 for f in json.loads((DATA / "geo" / file_name).read_text())["features"]}
        assert names == set(places.loc[places["level"] == level, "name"])
    points = json.loads((DATA / "geo" / "places.geojson").read_text())["features"]
    assert len(places[places["level"].isin(["settlement", "named_feature"])]) == len(points)


def test_second_start_duplicates_nothing(store_url: str) -> None:
    url = store_url
    first = Store(url)
    assert first.seed_if_empty(DATA) is True
    second = Store(url)
    assert second.seed_if_empty(DATA) is False
    with second.engine.connect() as conn:
        stored = conn.execute(sa.text("select count(*) from claims")).scalar()
        revisions = conn.execute(sa.text("select count(*) from revisions")).scalar()
    assert stored == len(_file_rows("claims.csv"))
    assert revisions == 1


def test_every_row_knows_its_revision(store: Store) -> None:
    snapshot = store.snapshot()
    for frame in (snapshot.claims, snapshot.events, snapshot.sources, snapshot.places):
        assert set(frame["revision_id"]) == {1}
    revision = store.revisions().iloc[0]
    assert revision["rows_claims"] == len(_file_rows("claims.csv"))
    assert len(revision["sha256"]) == 64


def test_round_trip_keeps_geometry_and_types(store: Store) -> None:
    places = store.snapshot().places.set_index("place_id")
    assert places.crs.to_epsg() == 4326
    zabukh = places.at["settlement:zabukh", "geometry"]
    assert (round(zabukh.y, 5), round(zabukh.x, 5)) == (39.58972, 46.54333)
    assert places.at["named_feature:saribaba-height", "is_proxy"]
    assert places.at["district:lachin", "geometry"].geom_type == "Polygon"


def test_store_path_comes_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "elsewhere" / "db.sqlite"
    monkeypatch.setenv("MINEDASH_DB_PATH", str(path))
    monkeypatch.delenv("MINEDASH_DB_URL", raising=False)
    Store().seed_if_empty(DATA)
    assert path.exists()


def test_older_schema_file_is_upgraded_in_place(store_url: str) -> None:
    url = store_url
    engine = sa.create_engine(url)
    migrate(engine, target=1)
    with engine.begin() as conn:
        conn.execute(sa.text(
            "insert into revisions (revision_id, created_at, author, file_name, sha256, kind,"
            " rows_claims, rows_events, rows_places, rows_sources, note) values"
            " (1, '2025-01-01 00:00:00', 'old app', 'data/', :sha, 'seed', 0, 0, 0, 1, '')"
        ), {"sha": "0" * 64})
        conn.execute(sa.text(
            "insert into sources (revision_id, source_id, originator, party, outlet, published)"
            " values (1, 'OLD1', 'ANAMA', 'govt_azerbaijan', 'Trend', '2021-01-01')"
        ))
        assert not sa.inspect(conn).has_table("placements")
    upgraded = Store(url)
    assert upgraded.schema_version() == SCHEMA_VERSION
    with upgraded.engine.connect() as conn:
        assert sa.inspect(conn).has_table("placements")
        assert sa.inspect(conn).has_table("revision_actions")
    assert list(upgraded.snapshot().sources["source_id"]) == ["OLD1"]


def test_newer_schema_is_refused(store_url: str) -> None:
    url = store_url
    Store(url)
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.update(meta_table).values(value=str(SCHEMA_VERSION + 1)))
    with pytest.raises(RuntimeError, match="newer than this app"):
        Store(url)
