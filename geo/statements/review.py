"""From proposed figures to the store's rows: the statement becomes the figures' source (its
text kept as their evidence), each accepted figure a claim with its quote.

Nothing here decides for the editor: a figure whose period the text does not settle takes
the period the editor gives for the whole statement, and a place the gazetteer does not know
is a problem to answer, not a guess.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import pandas as pd
from pydantic import ValidationError

from geo.claims import Claim
from geo.i18n import _
from geo.model.tables import Tables, empty_tables
from geo.names import AliasIndex
from geo.seed import models_frame
from geo.sources import Source
from geo.statements.extract import Figure
from geo.statements.places import COUNTRY
from geo.vocab import Party, PeriodType, PlaceLevel, Qualifier, Scope

QUALIFIER_OF = {"exact": Qualifier.EXACT, "more_than": Qualifier.MORE_THAN, "at_least": Qualifier.MORE_THAN,
                "about": Qualifier.ABOUT, "nearly": Qualifier.ABOUT, "up_to": Qualifier.UP_TO}
KIND = "statement"


@dataclass(frozen=True)
class StatementInfo:
    """What the editor settles once for the whole statement."""

    text: str
    published: dt.date
    originator: str
    party: str
    outlet: str = ""
    url: str = ""
    title: str = ""
    language: str = ""
    scope: str = Scope.UNKNOWN.value
    period_start: dt.date | None = None
    period_end: dt.date | None = None


@dataclass
class Reviewed:
    """The statement's rows ready to store, and what still needs an answer (row, field, why)."""

    tables: Tables
    problems: list[tuple[int, str, str]] = field(default_factory=list)


def statement_digest(text: str) -> str:
    """The statement's identity: the same text is the same statement, committed once."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def source_id_of(info: StatementInfo) -> str:
    """A stable source id: from the address when there is one, else from the text."""
    basis = info.url.strip() or statement_digest(info.text)
    return "ST" + hashlib.blake2b(basis.encode(), digest_size=6).hexdigest().upper()


def _source(info: StatementInfo) -> Source:
    note = info.title[:300]
    return Source(source_id=source_id_of(info), originator=info.originator.strip()[:300],
                  party=Party(info.party), outlet=info.outlet.strip()[:500], published=info.published,
                  url=info.url.strip()[:1000], note=note, language=info.language[:5],
                  statement_text=info.text[:200_000])


def _place(figure: Figure, index: AliasIndex) -> tuple[str, str | None, str, str]:
    """(place, place_id, level, note) of a figure; several districts together are the country's
    figure with the districts named in its note."""
    if isinstance(figure.place, list):
        names = ", ".join(figure.place)
        match = index.resolve(COUNTRY, level=PlaceLevel.COUNTRY.value)
        return COUNTRY, match.place_id, PlaceLevel.COUNTRY.value, _("covers together: {places}").format(
            places=names)
    level = PlaceLevel.COUNTRY.value if figure.place == COUNTRY else None
    match = index.resolve(figure.place, level=level)
    return figure.place, match.place_id, index.level_of(match.place_id) if match.ok else "", ""


def _store_period_type(kind: str | None) -> str:
    """The store's period type: an incident's day is a one-day period (the store's 'point' is a
    share at a moment, such as a map's accuracy)."""
    return PeriodType.CUMULATIVE.value if kind == PeriodType.CUMULATIVE.value else PeriodType.PERIOD.value


def _claim_id(source_id: str, figure: Figure) -> str:
    basis = repr((source_id, figure.metric, figure.value, figure.unit, figure.period_start,
                  figure.period_end, figure.place))
    return "S" + hashlib.blake2b(basis.encode(), digest_size=6).hexdigest().upper()


def reviewed_tables(figures: list[Figure], info: StatementInfo, index: AliasIndex) -> Reviewed:
    """The accepted figures and their statement as store tables, or the problems that stop it."""
    result = empty_tables()
    problems: list[tuple[int, str, str]] = []
    try:
        source = _source(info)
    except ValidationError as error:
        first = error.errors()[0]
        return Reviewed(result, [(0, ".".join(map(str, first["loc"])), first["msg"])])
    claims: list[Claim] = []
    for number, figure in enumerate(figures, start=1):
        place, place_id, level, note = _place(figure, index)
        if place_id is None:
            problems.append((number, "place", _("{place} is not in the gazetteer: choose a place "
                                                "it knows").format(place=place)))
            continue
        start = figure.period_start or (info.period_start.isoformat() if info.period_start else None)
        end = figure.period_end or (info.period_end.isoformat() if info.period_end else None)
        kind = _store_period_type(figure.period_type)
        if end is None:
            problems.append((number, "period", _("the text does not say which period this figure "
                                                 "covers: give the statement's period")))
            continue
        try:
            claims.append(Claim(
                claim_id=_claim_id(source.source_id, figure), source_id=source.source_id,
                metric=figure.metric, value=figure.value, unit=figure.unit,
                qualifier=QUALIFIER_OF.get(figure.qualifier, Qualifier.EXACT), period_start=start,
                period_end=end, period_type=kind, scope=info.scope, place=place, place_id=place_id,
                location_precision=level or None, note=note, quote=figure.quote[:2000]))
        except ValidationError as error:
            first = error.errors()[0]
            problems.append((number, ".".join(map(str, first["loc"])) or "figure", first["msg"]))
    if claims:
        result.claims = models_frame(claims)
        result.sources = models_frame([source])
    return Reviewed(result, problems)


def current_party(originator: str, parties: dict[str, str]) -> str:
    """The party the store already knows for this originator ('' when it knows none)."""
    from geo.publishers import party_of

    return party_of(originator, parties) or ""


EDITABLE = ["accept", "metric", "value", "unit", "qualifier", "period_start", "period_end", "period_type",
            "place", "quote"]


def frame_of(figures: list[Figure]) -> pd.DataFrame:
    """The proposed figures as rows an editor can change: places as text (a list joined by
    commas), qualifiers in the store's words, dates as dates, every row accepted."""
    rows = [{**f.as_json(), "accept": True,
             "place": ", ".join(f.place) if isinstance(f.place, list) else f.place,
             "qualifier": QUALIFIER_OF.get(f.qualifier, Qualifier.EXACT).value,
             "period_start": dt.date.fromisoformat(f.period_start) if f.period_start else None,
             "period_end": dt.date.fromisoformat(f.period_end) if f.period_end else None,
             "period_type": _store_period_type(f.period_type)}
            for f in figures]
    return pd.DataFrame(rows, columns=EDITABLE)


def figures_of(frame: pd.DataFrame, proposed: list[Figure]) -> list[Figure]:
    """The accepted rows of an edited frame as figures (each keeps its quote's place in the text)."""
    figures = []
    for position, row in enumerate(frame.to_dict("records")):
        if not row.get("accept"):
            continue
        original = proposed[position] if position < len(proposed) else None
        place = str(row.get("place") or "").strip()
        names = [p.strip() for p in place.split(",") if p.strip()]
        figures.append(Figure(
            metric=str(row["metric"]), value=float(row["value"]) if pd.notna(row["value"]) else -1.0,
            unit=str(row["unit"]), qualifier=str(row["qualifier"]),
            period_start=_iso(row.get("period_start")), period_end=_iso(row.get("period_end")),
            period_type=str(row["period_type"]) if pd.notna(row.get("period_type")) else None,
            place=names[0] if len(names) == 1 else (names or COUNTRY),
            originator=original.originator if original else "", outlet=original.outlet if original else "",
            quote=str(row.get("quote") or ""), quote_start=original.quote_start if original else 0,
            quote_end=original.quote_end if original else 0))
    return figures


def _iso(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.isoformat()[:10] if hasattr(value, "isoformat") else str(value)[:10]


def highlighted_html(text: str, figures: list[Figure]) -> str:
    """The statement's text, escaped, with each proposed figure's quote marked and numbered."""
    from html import escape

    from geo.statements.extract import normalised_text

    text = normalised_text(text)
    parts, at = [], 0
    for number, figure in sorted(enumerate(figures, start=1), key=lambda item: item[1].quote_start):
        if figure.quote_start < at:
            continue
        parts.append(escape(text[at:figure.quote_start]))
        quote = escape(text[figure.quote_start:figure.quote_end])
        parts.append(f'<mark class="mc-quote" title="{number}">{quote}<sup>{number}</sup></mark>')
        at = figure.quote_end
    parts.append(escape(text[at:]))
    body = "".join(parts).replace("\n", "<br>")
    return f'<div class="mc-statement" lang="">{body}</div>'
