"""Shared fixtures: a seeded store in a temporary folder and its views."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.derive import claims_view, events_view, flag_claims
from geo.names import AliasIndex
from geo.seed import Tables, read_csv_text
from geo.store import Store

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED_CLAIMS = len(read_csv_text(DATA / "claims.csv"))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A store on a fresh SQLite file, seeded from data/ (for tests that write)."""
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    store.seed_if_empty(DATA)
    return store


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
