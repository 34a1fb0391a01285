"""The same store on PostgreSQL: a throwaway cluster, the seed, an upload, a retraction."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from geo.changes import plan_changes
from geo.seed import read_csv_text
from geo.store import SCHEMA_VERSION, Store
from geo.upload import prepare_upload
from tests.conftest import DATA
from tests.postgres import cluster
from tests.test_ingest import WIDE_SEMICOLON


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL cluster for this module."""
    with cluster() as url:
        yield url


def test_store_runs_on_postgresql(pg_url: str) -> None:
    store = Store(pg_url)
    assert store.schema_version() == SCHEMA_VERSION
    assert store.seed_if_empty(DATA) is True
    assert Store(pg_url).seed_if_empty(DATA) is False
    seeded = store.snapshot()
    in_files = len(read_csv_text(DATA / "claims.csv"))
    assert len(seeded.claims) == in_files and seeded.places.crs.to_epsg() == 4326
    assert seeded.places.set_index("place_id").at["district:lachin", "geometry"].is_valid

    prepared = prepare_upload("statement.csv", WIDE_SEMICOLON.encode(), seeded)
    revision = store.commit(plan_changes(prepared.tables, seeded).to_store, author="pg",
                            file_name="statement.csv", sha256=prepared.sha256, kind=prepared.kind)
    assert revision == 2 and len(store.snapshot().claims) == in_files + 6
    store.retract(revision, by="pg")
    assert len(store.snapshot().claims) == in_files
    assert len(store.snapshot(as_of=2).claims) == in_files + 6


def test_a_failed_commit_leaves_no_gap_in_revision_numbers(pg_url: str) -> None:
    import sqlalchemy as sa

    store = Store(pg_url)
    store.seed_if_empty(DATA)
    before = int(store.revisions()["revision_id"].max())
    good = prepare_upload("ok.csv", b"kind,date,place,device,source_id\nfind,2023-02-01,Sus,UXO,SEED\n",
                          store.snapshot())
    original = sa.engine.Connection.exec_driver_sql

    def failing(self, statement, *args, **kwargs):
        if statement.startswith("INSERT INTO events"):
            raise RuntimeError("the connection dropped")
        return original(self, statement, *args, **kwargs)

    sa.engine.Connection.exec_driver_sql = failing
    try:
        with pytest.raises(RuntimeError):
            store.commit(good.tables, author="t", file_name="ok.csv", sha256=good.sha256, kind=good.kind)
    finally:
        sa.engine.Connection.exec_driver_sql = original
    revision = store.commit(good.tables, author="t", file_name="ok.csv", sha256=good.sha256,
                            kind=good.kind)
    assert revision == before + 1
