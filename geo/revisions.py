"""Revisions: which file brought which rows, and whether they still count."""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from geo.i18n import N_


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
        N_("Revision"): revisions["revision_id"],
        N_("When (UTC)"): pd.to_datetime(revisions["created_at"]).dt.strftime("%Y-%m-%d %H:%M"),
        N_("Who"): revisions["author"], N_("File"): revisions["file_name"], N_("Kind"): revisions["kind"],
        N_("Figures"): revisions["rows_claims"], N_("Events"): revisions["rows_events"],
        N_("Places"): revisions["rows_places"], N_("Sources"): revisions["rows_sources"],
        N_("Hazard areas"): revisions["rows_hazards"], N_("Land release"): revisions["rows_releases"],
        "sha256": revisions["sha256"].str[:12], N_("Note"): revisions["note"],
        N_("Counts now"): revisions["active"].map({True: N_("yes"), False: N_("retracted")}),
    })
