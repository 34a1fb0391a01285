"""Opening a store brings it up to date: schema migrations, PostGIS columns and the views."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from geo.store.engine import StoreError, write_transaction
from geo.store.geometry import upgrade_geometry_columns
from geo.store.schema import MIGRATIONS, SCHEMA_VERSION, metadata, schema_version, write_meta
from geo.store.views import replace_views, views_are_current


class SchemaTooNew(StoreError):
    """The store was written by a newer version of the app."""


def migrate(engine: Engine, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema up to `target` in place, one recorded step at a time.

    Reads the version first, so a store that is current is never written to (a read-only
    store still opens). Migrating holds the store's write lock, so app instances starting
    together on one database migrate it once. On PostgreSQL every geometry column is then a
    PostGIS column with a GiST index (tables added by any migration included); the read-only
    views (see views.py) are remade whenever their definitions changed.
    """
    with engine.connect() as conn:
        current = schema_version(conn)
        views_stale = target == SCHEMA_VERSION and not views_are_current(conn)
    if current > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"store schema {current} is newer than this app ({SCHEMA_VERSION}); upgrade the app")
    if current >= target and not views_stale:
        return current
    with write_transaction(engine) as conn:
        current = schema_version(conn)
        for version in range(current + 1, target + 1):
            MIGRATIONS[version - 1](conn)
            write_meta(conn, "schema_version", str(version))
        upgrade_geometry_columns(conn, list(metadata.tables.values()))
        if target == SCHEMA_VERSION and not views_are_current(conn):
            replace_views(conn)
    return max(current, target)
