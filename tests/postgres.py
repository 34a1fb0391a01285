"""A throwaway PostgreSQL + PostGIS cluster on a free loopback port (Debian's postgresql and
postgresql-15-postgis-3), for tests and benchmarks: one cluster, a fresh database per store."""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa

TEMPLATE = "minedash_template"


def pg_bin() -> Path:
    """The folder of Debian's PostgreSQL programs (fails the test when PostGIS is missing)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.fail("PostgreSQL is missing: run `make test` (it installs Debian's postgresql)")
    version = Path(found[-1]).parent.parent.name
    if not glob.glob(f"/usr/share/postgresql/{version}/extension/postgis.control"):
        pytest.fail(f"PostGIS is missing: run `make test` (it installs postgresql-{version}-postgis-3)")
    return Path(found[-1]).parent


def as_postgres(*command: str) -> None:
    """Run a PostgreSQL program as the postgres user when we are root."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=120)


def free_port() -> int:
    """A free TCP port on the loopback address."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Cluster:
    """A running throwaway cluster: its address, and fresh PostGIS databases on demand."""

    def __init__(self, port: int, folder: Path) -> None:
        self.port, self.folder = port, folder
        self._numbers = itertools.count(1)
        self._seeded = ""

    def _pg_ctl(self, *arguments: str) -> None:
        as_postgres(str(pg_bin() / "pg_ctl"), "-D", str(self.folder / "data"), *arguments)

    def start(self) -> None:
        """Start (or start again) the server, waiting until it accepts connections."""
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off")
        self._pg_ctl("-o", options, "-w", "start", "-l", str(self.folder / "log"))

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (`fast` ends every session; `immediate` as if the power went)."""
        self._pg_ctl("-m", mode, "-w", "stop")

    def url(self, database: str = "postgres", user: str = "postgres") -> str:
        """SQLAlchemy URL of a database of this cluster."""
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        """Run one statement outside a transaction (CREATE DATABASE, roles)."""
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname={database}",
                             autocommit=True) as conn:
            conn.execute(statement)

    def new_database(self, template: str = TEMPLATE) -> str:
        """URL of a new database copied from a template: empty with PostGIS by default."""
        name = f"store_{next(self._numbers)}"
        self.sql(f"CREATE DATABASE {name} TEMPLATE {template}")
        return self.url(name)

    def seeded_database(self, seed: Callable[[str], None]) -> str:
        """URL of a new database copied from one that `seed` filled the first time (a store
        migrated and seeded once per cluster instead of once per test)."""
        if not self._seeded:
            url = self.new_database()
            seed(url)
            self._seeded = sa.make_url(url).database or ""
        return self.new_database(self._seeded)


@contextlib.contextmanager
def postgis_cluster() -> Iterator[Cluster]:
    """A fresh cluster with a PostGIS template database; removed afterwards."""
    bin_dir = pg_bin()
    folder = Path(tempfile.mkdtemp(prefix="minedash-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    as_postgres(str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres")
    running = Cluster(free_port(), folder)
    running.start()
    try:
        running.sql(f"CREATE DATABASE {TEMPLATE}")
        running.sql("CREATE EXTENSION postgis", TEMPLATE)
        yield running
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):  # a test may have stopped it
            running.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def cluster() -> Iterator[str]:
    """A fresh cluster; yields the URL of an empty PostGIS database and removes it afterwards."""
    with postgis_cluster() as running:
        yield running.new_database()
