"""Backups as docs/deploy.md runs them: pg_dump, drop the database, create it, pg_restore; the
restored store has the same revisions, retractions, rows, views and health check."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from geo.model.tables import empty_tables
from geo.store import Store
from tests.conftest import DATA, ROOT
from tests.postgres import Cluster
from tests.synthetic import finds_frame


def _libpq(url: str) -> str:
    """The libpq form of the store's URL, as the PostgreSQL tools take it."""
    return sa.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _state(store: Store) -> tuple:
    snapshot = store.snapshot()
    with store.engine.connect() as conn:
        in_view = conn.exec_driver_sql("SELECT count(*) FROM gis_events").scalar()
    revisions = store.revisions()[["revision_id", "sha256", "file_name", "active"]]
    return (revisions.to_dict("records"), store.actions()[["revision_id", "action"]].to_dict("records"),
            sorted(snapshot.claims["claim_id"]), sorted(snapshot.events["event_id"]),
            snapshot.places.geometry.to_wkb().tolist(), in_view)


def test_dump_drop_restore_gives_the_same_store(postgis: Cluster, tmp_path: Path) -> None:
    url = postgis.new_database()
    store = Store(url)
    store.seed_if_empty(DATA)
    for seed in (1, 2):
        upload = empty_tables()
        upload.events = finds_frame(store.snapshot(), 500, seed=seed)
        store.commit(upload, author="t", file_name=f"{seed}.csv",
                     sha256=hashlib.sha256(bytes([seed])).hexdigest(), kind="events")
    store.retract(2, by="t", note="wrong file")
    before = _state(store)
    store.engine.dispose()

    dump = tmp_path / "minedash.dump"
    database = sa.make_url(url).database
    admin = _libpq(postgis.url())
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", _libpq(url)], check=True)
    subprocess.run(["psql", "-X", "-q", admin, "-c", f"DROP DATABASE {database}"], check=True)
    subprocess.run(["psql", "-X", "-q", admin, "-c", f"CREATE DATABASE {database}"], check=True)
    subprocess.run(["pg_restore", "--exit-on-error", f"--dbname={_libpq(url)}", str(dump)], check=True)

    restored = Store(url)
    assert _state(restored) == before
    environment = {**os.environ, "MINEDASH_DB_URL": url}
    check = subprocess.run([sys.executable, "-m", "geo.store", "check"], cwd=ROOT, env=environment,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "latest revision 3" in check.stdout and "no problems found" in check.stdout
