"""The source of each row: a stored source by id, or a new one from publisher, party, outlet,
publication date and address (given per row or once for the whole file).

A publisher cell is read as the news names it (geo.publishers): 'ANAMA via Trend' is ANAMA,
carried by Trend, under the name the store already gives ANAMA. A party or outlet typed once
for the whole file fills gaps only: a row's own cell comes first, then the party the app
knows for that publisher."""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
from pydantic import ValidationError

from geo.parsing import ParseError, parse_date, synonym_parser
from geo.publishers import known_parties, party_of, publisher_key, read_publisher, stored_names
from geo.sources import Source
from geo.upload.columns import Columns, plain_text
from geo.upload.validation import plain_reason
from geo.upload.vocabularies import PARTY_SYNONYMS

parse_party = synonym_parser(PARTY_SYNONYMS, "party (use Government of Azerbaijan, Government "
                                             "of Armenia, national NGO, international NGO, "
                                             "independent monitor or media)")


def short_hash(*parts: object) -> str:
    """Ten hex characters identifying the parts."""
    return hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:10].upper()


def parse_url(cell: object) -> str:
    """A web address: http or https only."""
    text = plain_text(cell)
    if text and not text.casefold().startswith(("http://", "https://")):
        raise ParseError("a web address must start with http:// or https://")
    return text


class SourceRows:
    """Resolves each row's source, collecting the new sources an upload brings."""

    def __init__(self, stored: pd.DataFrame) -> None:
        self.stored_ids = set(stored["source_id"])
        self.stored_notes = dict(zip(stored["source_id"], stored["note"].fillna(""), strict=True))
        self.stored_published = dict(zip(stored["source_id"], stored["published"], strict=True))
        self.parties = known_parties(stored)
        self.names = stored_names(stored)
        self.by_content = {
            (o, p, out or "", str(pub)[:10], u or ""): sid for sid, o, p, out, pub, u in zip(
                stored["source_id"], stored["originator"], stored["party"], stored["outlet"],
                stored["published"], stored["url"], strict=True)}
        self.new_sources: dict[str, dict] = {}
        self._unknown_party_reported: set[str] = set()

    def published(self, source_id: str | None) -> dt.date | None:
        """When a row's source (new or stored) was published, if known."""
        if source_id is None:
            return None
        new = self.new_sources.get(source_id) or {}
        value = new.get("published") or self.stored_published.get(source_id)
        try:
            return pd.Timestamp(value).date() if value is not None and pd.notna(value) else None
        except (TypeError, ValueError):
            return None

    def resolve(self, cols: Columns) -> list[str | None]:
        """Source id per row (None where the row's source has a problem)."""
        if not cols.has("source_id") and not cols.has("originator"):
            cols.missing_from_file("originator", "who published these figures is not in the file: "
                                   "set 'Publisher' once for the whole upload below (or map a column)")
            cols.bad_rows.update(range(len(cols)))
            return [None] * len(cols)
        ids, originators = cols.text("source_id"), cols.text("originator")
        parties = cols.parse("party", parse_party, fill=False)
        outlets, urls = cols.parse("outlet", plain_text, fill=False), cols.parse("url", parse_url)
        whole_party = cols.parse("party", parse_party)[0] if "party" in cols.defaults else None
        whole_outlet = cols.defaults.get("outlet", "")
        published = cols.parse("published", parse_date)
        out: list[str | None] = []
        memo: dict[tuple, str | None] = {}
        for index in range(len(cols)):
            key = (ids[index], originators[index], parties[index], outlets[index] or "",
                   published[index], urls[index], whole_party, whole_outlet)
            if key not in memo:
                memo[key] = self._one(cols, index, *key)
            elif memo[key] is None:
                cols.bad_rows.add(index)
            out.append(memo[key])
        return out

    def _one(self, cols: Columns, index: int, source_id: str, originator: str, party: str | None,
             outlet: str, published, url: str | None, whole_party: str | None,
             whole_outlet: str) -> str | None:
        if source_id and not originator:
            if source_id in self.stored_ids or source_id in self.new_sources:
                return source_id
            cols.problem(index, "source_id", source_id, "unknown source: give the publisher, "
                         "party and publication date for a new source")
            return None
        if not originator:
            cols.problem(index, "originator", "", "missing: who published this")
            return None
        named = read_publisher(originator)
        as_written = originator
        originator = self.names.get(publisher_key(named.originator), named.originator)
        outlet = outlet or named.outlet or whole_outlet
        party = party or party_of(originator, self.parties) or whole_party
        if party is None:
            if originator not in self._unknown_party_reported:
                self._unknown_party_reported.add(originator)
                cols.problem(None, "party", originator, "this publisher's party is not known: set "
                             "'Publisher's party' once for the whole upload below")
            cols.bad_rows.add(index)
            return None
        if published is None:
            if not cols.has("published"):
                cols.missing_from_file("published")
                cols.bad_rows.add(index)
            elif index not in cols.bad_rows:
                cols.problem(index, "published", "", "missing: when the source published it")
            return None
        note = f"Named in the file as '{as_written}'." if as_written != originator else ""
        values = {"originator": originator, "party": party, "outlet": outlet,
                  "published": published, "url": url or "", "note": note}
        content = (originator, party, outlet, published.isoformat(), url or "")
        source_id = source_id or self.by_content.get(content) or f"U{short_hash(*content)}"
        if source_id in self.stored_notes:  # a stored source keeps its note
            values["note"] = self.stored_notes[source_id]
        try:
            validated = Source.model_validate({"source_id": source_id, **values})
        except ValidationError as error:
            for item in error.errors():
                field = str(item["loc"][0]) if item["loc"] else "originator"
                cols.problem(index, field if cols.has(field) else "originator",
                             values.get(field, ""), plain_reason(item))
            return None
        self.new_sources[source_id] = validated.model_dump(mode="json")
        return source_id
