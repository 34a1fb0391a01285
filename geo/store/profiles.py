"""Saved column mappings: a named profile per file shape, applied to the next file like it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from geo.store.engine import translated, write_transaction
from geo.store.schema import mapping_profiles_table as profiles


class Profiles:
    """Mapping profiles keyed by a file's header signature."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    @translated
    def save(self, name: str, signature: str, kind: str, options_json: str, by: str) -> None:
        """Save (or replace) the profile of this name."""
        with write_transaction(self.engine) as conn:
            conn.execute(sa.delete(profiles).where(profiles.c.name == name))
            conn.execute(sa.insert(profiles).values(
                name=name[:100], signature=signature, kind=kind, options_json=options_json,
                created_by=by, created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None)))

    @translated
    def all(self) -> pd.DataFrame:
        """Every profile, newest first."""
        with self.engine.connect() as conn:
            return pd.read_sql(sa.select(profiles).order_by(profiles.c.created_at.desc()), conn)

    @translated
    def delete(self, name: str) -> None:
        """Forget a profile."""
        with write_transaction(self.engine) as conn:
            conn.execute(sa.delete(profiles).where(profiles.c.name == name))
