"""The same store on PostgreSQL: a throwaway cluster, the seed, an upload, a retraction."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.changes import plan_changes
from geo.seed import read_csv_text
from geo.store import SCHEMA_VERSION, Store
from geo.upload import prepare_upload
from tests.conftest import DATA
from tests.test_ingest import WIDE_SEMICOLON


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.fail("PostgreSQL is missing: run `make test` (it installs Debian's postgresql)")
    return Path(found[-1]).parent


def _as_postgres(*command: str) -> None:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL cluster on a free loopback port, removed afterwards."""
    bin_dir = _pg_bin()
    folder = Path(tempfile.mkdtemp(prefix="minedash-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    _as_postgres(str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres")
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    _as_postgres(str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-w", "start",
                 "-l", str(folder / "log"))
    yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    _as_postgres(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
    shutil.rmtree(folder, ignore_errors=True)


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
