"""Revisions: which file brought which rows, and whether they still count."""

from __future__ import annotations

import datetime as dt
import hashlib

from pydantic import BaseModel, ConfigDict, Field

SEED_REVISION = 1


class Revision(BaseModel):
    """One committed change to the store."""

    model_config = ConfigDict(frozen=True)

    revision_id: int
    created_at: dt.datetime
    author: str = Field(max_length=200)
    file_name: str = Field(max_length=300)
    sha256: str = Field(min_length=64, max_length=64)
    kind: str
    rows_claims: int = 0
    rows_events: int = 0
    rows_places: int = 0
    rows_sources: int = 0
    note: str = Field(default="", max_length=2000)


def sha256_of(data: bytes) -> str:
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(data).hexdigest()
