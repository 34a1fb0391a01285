"""Sources: who published a figure, where and when."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from geo.i18n import _, short_date
from geo.vocab import PARTY_LABELS, Party


class Source(BaseModel):
    """One publication or statement."""

    model_config = ConfigDict(frozen=True)

    source_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
    originator: str = Field(min_length=1, max_length=300)
    party: Party
    outlet: str = Field(default="", max_length=500)
    published: dt.date
    url: str = Field(default="", max_length=1000)
    note: str = Field(default="", max_length=2000)
    language: str = Field(default="", max_length=5)  # of the statement's text, when it is stored
    statement_text: str = Field(default="", max_length=200_000)  # the statement, as evidence


def attribution(originator: str, outlet: str, published: object) -> str:
    """One-line attribution: 'ANAMA, via Trend, 2023-01-02' (in the interface language)."""
    parts = [originator]
    if outlet:
        parts.append(_("via {outlet}").format(outlet=outlet))
    if published is not None and str(published) not in ("", "NaT", "None"):
        text = str(published)[:10]
        try:
            parts.append(short_date(dt.date.fromisoformat(text)))
        except ValueError:
            parts.append(text)
    return ", ".join(parts)


def party_label(party: str) -> str:
    """Human label of a party code, in the interface language."""
    label = PARTY_LABELS.get(party)
    return _(label) if label else party
