"""Shared fixtures: a seeded store in a temporary folder and its views."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from geo.derive import claims_view, events_view, flag_claims
from geo.model.tables import Tables
from geo.names import AliasIndex
from geo.seed import read_csv_text
from geo.store import Store
from tests.postgres import Cluster, postgis_cluster

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED_CLAIMS = len(read_csv_text(DATA / "claims.csv"))


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgis() -> Iterator[Cluster]:
    """One throwaway PostgreSQL + PostGIS cluster per test process, started when first needed."""
    with postgis_cluster() as running:
        yield running


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store on each backend: a new SQLite file, a new PostGIS database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return request.getfixturevalue("postgis").new_database()


def _seed(url: str) -> None:
    store = Store(url)
    store.seed_if_empty(DATA)
    store.engine.dispose()


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    """A store seeded from data/ on each backend (for tests that write); on PostgreSQL a copy
    of a database seeded once."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.sqlite'}"
        _seed(url)
    else:
        url = request.getfixturevalue("postgis").seeded_database(_seed)
    return Store(url)


@pytest.fixture(scope="session")
def tables(tmp_path_factory: pytest.TempPathFactory) -> Tables:
    """The seeded store's current tables (read-only, shared)."""
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('ro') / 'store.sqlite'}")
    store.seed_if_empty(DATA)
    return store.snapshot()


@pytest.fixture(scope="session")
def claims(tables: Tables) -> pd.DataFrame:
    """Claims joined to sources and places, with flags."""
    return flag_claims(claims_view(tables))


@pytest.fixture(scope="session")
def events(tables: Tables) -> pd.DataFrame:
    """Events joined to sources and districts."""
    return events_view(tables)


@pytest.fixture(scope="session")
def index(tables: Tables) -> AliasIndex:
    """The alias index over the seeded gazetteer."""
    return AliasIndex(tables.places, tables.names)


@pytest.fixture
def app_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app at a fresh SQLite file for AppTest runs."""
    path = tmp_path / "app.sqlite"
    monkeypatch.setenv("MINEDASH_DB_PATH", str(path))
    monkeypatch.delenv("MINEDASH_DB_URL", raising=False)
    return path
