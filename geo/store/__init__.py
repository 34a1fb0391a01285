"""The store: SQLite by default (any SQLAlchemy URL instead), migrated on open, seeded once."""

from geo.store.accounts import SignInLog
from geo.store.core import DuplicateUpload, RevisionStateError, Store, seed_digest
from geo.store.engine import (
    StoreBusy,
    StoreDamaged,
    StoreError,
    StoreFull,
    StoreReadOnly,
    StoreUnavailable,
    database_url,
)
from geo.store.fits import Misfit, misfits
from geo.store.profiles import Profiles
from geo.store.schema import SCHEMA_VERSION, meta_table
from geo.store.upgrade import SchemaTooNew, migrate

__all__ = [
    "SCHEMA_VERSION",
    "DuplicateUpload",
    "Misfit",
    "Profiles",
    "RevisionStateError",
    "SchemaTooNew",
    "SignInLog",
    "Store",
    "StoreBusy",
    "StoreDamaged",
    "StoreError",
    "StoreFull",
    "StoreReadOnly",
    "StoreUnavailable",
    "database_url",
    "meta_table",
    "migrate",
    "misfits",
    "seed_digest",
]
