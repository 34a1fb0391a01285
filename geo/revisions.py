"""Revisions: which file brought which rows, and whether they still count."""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from geo.i18n import N_, _
from geo.model.kinds import COUNTED, counted


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




def _row(revisions: pd.DataFrame, revision_id: int) -> pd.Series:
    return revisions.set_index("revision_id").loc[revision_id]


def is_seed(revisions: pd.DataFrame, revision_id: int) -> bool:
    """Whether a revision is the seed data every other figure stands beside."""
    return _row(revisions, revision_id)["kind"] == "seed"


def rows_in_words(revisions: pd.DataFrame, revision_id: int) -> str:
    """A revision's rows per kind: '80 figures, 8 events, 24 places and 33 sources'."""
    row = _row(revisions, revision_id)
    parts = [counted(int(row[f"rows_{kind}"]), kind) for kind in COUNTED if int(row[f"rows_{kind}"])]
    if not parts:
        return _("no rows")
    if len(parts) == 1:
        return parts[0]
    return _("{items} and {last}").format(items=", ".join(parts[:-1]), last=parts[-1])


def confirmation(revisions: pd.DataFrame, revision_id: int, action: str) -> str:
    """What confirming a retraction or restoration will do, in words, before it is done."""
    row = _row(revisions, revision_id)
    values = {"revision": revision_id, "file": row["file_name"],
              "rows": rows_in_words(revisions, revision_id)}
    if action == "retract":
        return _("Retracting revision {revision} ({file}) stops its {rows} from counting on every "
                 "page. Nothing is deleted, and it can be restored.").format(**values)
    return _("Restoring revision {revision} ({file}) makes its {rows} count again.").format(**values)


def refusal(revisions: pd.DataFrame, revision_id: int | None, action: str, reason: str) -> str | None:
    """Why a retraction or restoration cannot be asked for, or None when it can: a revision must
    be chosen, fit the action (a retracted one is not retracted twice) and a reason be given."""
    if revision_id is None:
        return _("Choose a revision first.")
    active = bool(_row(revisions, revision_id)["active"])
    if action == "retract" and not active:
        return _("Revision {revision} is already retracted.").format(revision=revision_id)
    if action == "restore" and active:
        return _("Revision {revision} counts already: there is nothing to restore.").format(
            revision=revision_id)
    if not reason.strip():
        return _("Say why: the reason is kept in the log beside the change.")
    return None


def seed_refusal(revisions: pd.DataFrame, revision_id: int, action: str, typed_number: str) -> str | None:
    """The seed data is retracted only when its revision number is typed; None once it is."""
    if action != "retract" or not is_seed(revisions, revision_id):
        return None
    if typed_number.strip() == str(revision_id):
        return None
    return _("Revision {revision} is the seed data. Type its number, {revision}, to confirm "
             "retracting it.").format(revision=revision_id)
