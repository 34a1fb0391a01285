"""PostgreSQL's faults, as tests/test_store_faults.py does for SQLite: the server stopped in the
middle of a session, a read-only database (default_transaction_read_only = on), a full disk (a
tablespace on a small tmpfs filled to 100%), and a connection the server killed. Viewers keep
seeing the data wherever the database can still be read; everyone gets a clear page, never a
traceback; nothing stored is lost."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from geo.store import Store, StoreFull, StoreReadOnly, StoreUnavailable
from geo.store.engine import translated
from geo.upload import prepare_upload
from tests.conftest import DATA
from tests.mounts import fill, small_disk
from tests.page_walk import PAGES_WITH_DATA, editor_retracts_the_seed, open_app, walk_every_page
from tests.postgres import Cluster, postgis_cluster

SHOWS_HEADLINE = PAGES_WITH_DATA["pages/overview.py"]


@pytest.fixture(scope="module")
def own_cluster() -> Iterator[Cluster]:
    """A cluster of this module's own, which its tests may stop and fill."""
    with postgis_cluster() as running:
        yield running


def _seeded(cluster: Cluster) -> str:
    url = cluster.new_database()
    store = Store(url)
    store.seed_if_empty(DATA)
    store.engine.dispose()
    return url


def _big_upload(store: Store):
    text = "kind,date,place,device,quantity,note,source_id\n" + "".join(
        f"find,2023-03-01,Sus,UXO,{i},{'x' * 900},SEED\n" for i in range(3000))
    return prepare_upload("big.csv", text.encode(), store.snapshot())


def test_a_stopped_server_gives_a_clear_page_and_the_app_recovers_when_it_returns(
        own_cluster: Cluster, monkeypatch) -> None:
    url = _seeded(own_cluster)
    store = Store(url)
    assert SHOWS_HEADLINE(open_app(monkeypatch, url=url))
    own_cluster.stop()
    try:
        with pytest.raises(StoreUnavailable, match="database server is down"):
            store.snapshot()
        app = open_app(monkeypatch, url=url)
        assert not app.exception
        assert [e.value.split("**")[1] for e in app.error] == ["The data store cannot be opened."]
    finally:
        own_cluster.start()
    app = open_app(monkeypatch, url=url)  # the same process, the server back: data again
    assert not app.exception and not app.error and SHOWS_HEADLINE(app)
    assert len(store.snapshot().claims) == 84
    store.engine.dispose()


def test_a_read_only_database_is_viewed_on_every_page_and_refuses_writes_clearly(
        postgis: Cluster, monkeypatch) -> None:
    url = _seeded(postgis)
    name = sa.make_url(url).database
    postgis.sql(f"ALTER DATABASE {name} SET default_transaction_read_only = on")
    store = Store(url)
    prepared = _big_upload(store)
    with pytest.raises(StoreReadOnly, match="can be read but not written: nothing was stored"):
        store.commit(prepared.tables, author="t", file_name="big.csv", sha256=prepared.sha256,
                     kind=prepared.kind)
    app = open_app(monkeypatch, url=url)
    walk_every_page(app)
    [refused] = editor_retracts_the_seed(app)
    assert refused.startswith("**The data store is read-only.**")
    assert list(store.revisions()["revision_id"]) == [1] and len(store.actions()) == 0
    store.engine.dispose()


@contextlib.contextmanager
def _tablespace_on(cluster: Cluster, disk: Path, template: str) -> Iterator[str]:
    """A copy of `template` in a tablespace on `disk`; dropped afterwards."""
    shutil.chown(disk, "postgres", "postgres")
    cluster.sql(f"CREATE TABLESPACE small_disk LOCATION '{disk}'")
    try:
        cluster.sql(f"CREATE DATABASE on_small_disk TEMPLATE {template} TABLESPACE small_disk")
        yield cluster.url("on_small_disk")
    finally:
        cluster.sql("DROP DATABASE IF EXISTS on_small_disk WITH (FORCE)")
        cluster.sql("DROP TABLESPACE small_disk")


def test_a_full_disk_still_shows_the_data_and_refuses_a_commit_clearly(
        own_cluster: Cluster, monkeypatch) -> None:
    template = sa.make_url(_seeded(own_cluster)).database
    with small_disk(own_cluster.folder / "small-disk", "64m") as disk, \
            _tablespace_on(own_cluster, disk, template) as url:
        store = Store(url)
        before = len(store.snapshot().events)  # the server has read the database once
        prepared = _big_upload(store)
        filler = fill(disk)
        with pytest.raises(StoreFull, match="is full: nothing was stored and nothing already "
                                            "stored was lost"):
            store.commit(prepared.tables, author="t", file_name="big.csv",
                         sha256=prepared.sha256, kind=prepared.kind)
        assert len(store.snapshot().events) == before
        walk_every_page(open_app(monkeypatch, url=url))
        filler.unlink()
        assert store.commit(prepared.tables, author="t", file_name="big.csv",
                            sha256=prepared.sha256, kind=prepared.kind) == 2
        assert store.integrity_problems() == []
        store.engine.dispose()


class _Session:
    """One store call whose connection the server ends halfway."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    @translated
    def ended_by_the_server(self) -> None:
        with self.engine.connect() as conn:
            conn.exec_driver_sql("SELECT pg_terminate_backend(pg_backend_pid())").all()


def test_a_killed_connection_is_explained_and_then_replaced(postgis: Cluster, monkeypatch) -> None:
    url = _seeded(postgis)
    store = Store(url)
    with pytest.raises(StoreUnavailable, match=r"connection to the store .* was lost"):
        _Session(store.engine).ended_by_the_server()
    assert len(store.snapshot().claims) == 84  # the next call gets a new connection
    assert SHOWS_HEADLINE(open_app(monkeypatch, url=url))
    name = sa.make_url(url).database
    postgis.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                f"WHERE datname = '{name}' AND pid <> pg_backend_pid()")
    app = open_app(monkeypatch, url=url)  # every pooled connection of the app was killed
    assert not app.exception and not app.error and SHOWS_HEADLINE(app)
    store.engine.dispose()
