"""Revisions: which file brought which rows, and whether they still count."""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field


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
    rows_hazards: int = 0
    rows_releases: int = 0
    note: str = Field(default="", max_length=2000)


def sha256_of(data: bytes) -> str:
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def revision_log(revisions: pd.DataFrame) -> pd.DataFrame:
    """Revisions for reading: who, when, which file, how many rows, and whether they count."""
    return pd.DataFrame({
        "Revision": revisions["revision_id"],
        "When (UTC)": pd.to_datetime(revisions["created_at"]).dt.strftime("%Y-%m-%d %H:%M"),
        "Who": revisions["author"], "File": revisions["file_name"], "Kind": revisions["kind"],
        "Figures": revisions["rows_claims"], "Events": revisions["rows_events"],
        "Places": revisions["rows_places"], "Sources": revisions["rows_sources"],
        "Hazard areas": revisions["rows_hazards"], "Land release": revisions["rows_releases"],
        "sha256": revisions["sha256"].str[:12], "Note": revisions["note"],
        "Counts now": revisions["active"].map({True: "yes", False: "retracted"}),
    })
