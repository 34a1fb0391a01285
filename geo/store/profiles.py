"""Saved column mappings: a named profile per file shape, applied to the next file like it."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pandas as pd
import sqlalchemy as sa

from geo.i18n import _
from geo.store.engine import translated, write_transaction
from geo.store.schema import mapping_profiles_table as profiles

NAME_LIMIT = 100  # characters, as the store's column holds them


class ProfileNameRefused(ValueError):
    """A mapping profile's name that cannot be saved, with the reason in plain words."""


def profile_name(name: str) -> str:
    """The name as it is saved (spaces at either end dropped); refused when it is empty, longer
    than the store holds, or holds invisible control or direction characters."""
    cleaned = name.strip()
    if not cleaned:
        raise ProfileNameRefused(_("give the mapping a name (it is empty or only spaces)"))
    if len(cleaned) > NAME_LIMIT:
        raise ProfileNameRefused(_("the name has {count} characters; the limit is {limit}").format(
            count=len(cleaned), limit=NAME_LIMIT))
    hidden = [char for char in cleaned if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn")]
    if hidden:
        raise ProfileNameRefused(_("the name holds an invisible control or text-direction character "
                                   "({code}): type it again without it").format(
            code=", ".join(dict.fromkeys(f"U+{ord(char):04X}" for char in hidden))))
    return cleaned


class Profiles:
    """Mapping profiles keyed by a file's header signature."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    @translated
    def save(self, name: str, signature: str, kind: str, options_json: str, by: str) -> None:
        """Save (or replace) the profile of this name; ProfileNameRefused for a name that
        cannot be saved as given."""
        name = profile_name(name)
        with write_transaction(self.engine) as conn:
            conn.execute(sa.delete(profiles).where(profiles.c.name == name))
            conn.execute(sa.insert(profiles).values(
                name=name, signature=signature, kind=kind, options_json=options_json,
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
