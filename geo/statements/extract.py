"""Proposed figures from a statement's text: metric, value, unit, qualifier, period, place,
originator, outlet and the quote that states each, for an editor to confirm.

Rules, not a model: a number counts as a figure only when a mine-action word belongs to it (a
device or area unit right after it, a casualty word beside it), so dates, ages and distances
are passed over. Each figure takes the period, places and running-total words of its own
sentence, else the statement's first period; a headline that restates the body is one figure.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import asdict, dataclass, field

from geo.statements import lexicon
from geo.statements.attribution import language_of, originator_of, outlet_of
from geo.statements.numbers import NumberToken, find_numbers
from geo.statements.periods import (
    CUMULATIVE,
    PERIOD,
    Period,
    find_periods,
    is_running_total,
    lower_same_length,
)
from geo.statements.places import COUNTRY, COUNTRY_WORDS, PlaceFinder, places_of

SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»”']?\s+(?=[\"«“(]?[A-ZА-ЯЁƏÜÖĞİŞÇ\d])|\n+")
COMMA_PENALTY = 20
YEAR_WORD = re.compile(r"\s*(?:-?(?:ci|cı|cu|cü)\b|год|г\.|year)")
CASUALTY_WORD_PENALTY = 15  # 'killed' or 'injured' beside a number says more than 'victims'
NOUN_END = re.compile(r"(?:mines?|ordnance|\(uxo\)|uxos?|мин[а-я]*|боеприпас[а-я]*|\bmina\w*|sursat\w*|"
                      r"items?|objects?|devices?|предмет[а-я]*|\(phs\)|\(нвб\))")
AREA_METRICS = ("area_reported_cleared", "area_contaminated", "area_planned")


@dataclass
class Figure:
    """One figure a statement gives, as proposed for review."""

    metric: str
    value: float
    unit: str
    qualifier: str
    period_start: str | None
    period_end: str | None
    period_type: str | None
    place: str | list[str]
    originator: str
    outlet: str
    quote: str
    quote_start: int = field(default=0, repr=False)
    quote_end: int = field(default=0, repr=False)

    def as_json(self) -> dict:
        """The figure as the command line prints it (whole numbers without a fraction)."""
        row = asdict(self)
        row.pop("quote_start")
        row.pop("quote_end")
        if float(self.value).is_integer():
            row["value"] = int(self.value)
        return row


@dataclass(frozen=True)
class Statement:
    """A statement's text with what is known of it from outside the text."""

    text: str
    published: dt.date
    url: str = ""
    language: str = ""


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _nearest(pattern: re.Pattern[str], text: str, forward: bool) -> int | None:
    """Distance (in characters, commas costing more) from the number to the pattern's nearest hit."""
    hits = list(pattern.finditer(text))
    if not hits:
        return None
    hit = hits[0] if forward else hits[-1]
    between = text[:hit.start()] if forward else text[hit.end():]
    return len(between) + COMMA_PENALTY * (between.count(",") + between.count(";"))


def _casualty_metric(before: str, after: str) -> tuple[str, int, bool] | None:
    """killed / injured / casualties for a number from the words around it, nearest first."""
    scored: list[tuple[int, str, bool]] = []
    for metric, pattern in (("killed", lexicon.KILLED), ("injured", lexicon.INJURED),
                            ("casualties", lexicon.CASUALTIES)):
        for forward, text in ((True, after), (False, before)):
            distance = _nearest(pattern, text, forward)
            if distance is not None and distance <= (90 if forward else 45):
                general = CASUALTY_WORD_PENALTY if metric == "casualties" else 0
                scored.append((distance + general, metric, forward))
    if not scored:
        return None
    scored.sort()
    distance, metric, forward = scored[0]
    if forward and metric in ("killed", "injured"):
        other = "injured" if metric == "killed" else "killed"
        other_pattern = lexicon.INJURED if other == "injured" else lexicon.KILLED
        first = (lexicon.KILLED if metric == "killed" else lexicon.INJURED).search(after)
        rest = after[first.end():first.end() + 25] if first else ""
        if re.match(r"\s*(?:or|and|или|и|və|yaxud)\s", rest) and other_pattern.search(rest):
            metric = "casualties"
    return metric, distance, forward


def _area_metric(before: str, after: str) -> str:
    """Cleared, contaminated or planned: the nearest context word, after the number first."""
    for text, forward in ((after, True), (before, False)):
        scored = [(d, metric) for metric, pattern in lexicon.AREA_CONTEXT
                  if (d := _nearest(pattern, text, forward)) is not None]
        if scored:
            return min(scored)[1]
    return "area_reported_cleared"


def _qualifier(before: str, after: str) -> tuple[str, int, int]:
    """The qualifier and how far it reaches before and after the number."""
    for name, pattern in lexicon.QUALIFIER_BEFORE:
        if match := pattern.search(before[-40:]):
            return name, len(before[-40:]) - match.start(), 0
    for name, pattern in lexicon.QUALIFIER_AFTER:
        if match := pattern.match(after):
            return name, 0, match.end()
    return "exact", 0, 0


@dataclass(frozen=True)
class _Hit:
    metric: str
    unit: str
    evidence_start: int
    evidence_end: int


def _metric_of(number: NumberToken, lowered: str, low: int, high: int) -> _Hit | None:
    """What a number counts, from the words between its neighbours (None: not a figure)."""
    after = lowered[number.end:high]
    before = lowered[low:number.start]
    if lexicon.NOT_A_FIGURE_AFTER.match(after):
        return None
    person = lexicon.PERSON_NOUNS.match(after)
    if not person and not number.word:
        for unit, pattern in lexicon.AREA_UNITS:
            match = pattern.match(after.lstrip(" -"))
            if match and len(after) - len(after.lstrip(" -")) <= 2:
                metric = _area_metric(before, after)
                offset = number.end + len(after) - len(after.lstrip(" -"))
                context = _evidence(metric, lowered, low, high, number)
                return _Hit(metric, unit, min(context[0], offset), max(context[1], offset + match.end()))
        window = after[:45]
        cut = re.search(r"[.;:]\s", window)
        window = window[:cut.start()] if cut else window
        for metric, pattern in lexicon.DEVICE_NOUNS:
            if (match := pattern.search(window)) and match.start() <= 30:
                noun = NOUN_END.search(after, match.end(), match.end() + 30)
                end = noun.end() if noun else match.end()
                return _Hit(metric, "count", number.start, number.end + end)
    if number.word and not person:
        return None
    casualty = _casualty_metric(before, after)
    if casualty is None:
        return None
    metric, distance, forward = casualty
    if forward:
        pattern = {"killed": lexicon.KILLED, "injured": lexicon.INJURED}.get(metric, lexicon.CASUALTIES)
        found = [m for p in (pattern, lexicon.KILLED, lexicon.INJURED, lexicon.CASUALTIES)
                 if (m := p.search(after))]
        end = number.end + min(m.end() for m in found) if metric != "casualties" else \
            number.end + max(m.end() for m in found if m.start() <= distance + 40)
        return _Hit(metric, "count", number.start, end)
    pattern = {"killed": lexicon.KILLED, "injured": lexicon.INJURED}.get(metric, lexicon.CASUALTIES)
    last = list(pattern.finditer(before))[-1]
    end = number.end + (person.end() if person else 0)
    return _Hit(metric, "count", low + last.start(), end)


def _evidence(metric: str, lowered: str, low: int, high: int, number: NumberToken) -> tuple[int, int]:
    """The span of the word that says what an area is (cleared, contaminated, planned)."""
    pattern = dict(lexicon.AREA_CONTEXT)[metric]
    after = pattern.search(lowered, number.end, high)
    if after and after.start() - number.end <= 60:
        return number.start, after.end()
    befores = list(pattern.finditer(lowered, low, number.start))
    if befores and number.start - befores[-1].start() <= 80:
        return befores[-1].start(), number.end
    return number.start, number.end


def _is_date_part(number: NumberToken, periods: list[Period], lowered: str) -> bool:
    if any(p.position <= number.start < p.position + p.length for p in periods):
        return True
    value = number.value
    return (1900 <= value <= 2100 and value.is_integer() and not number.grouped
            and bool(YEAR_WORD.match(lowered, number.end)))


def _period_for(position: int, sentence: tuple[int, int], periods: list[Period],
                default: Period | None) -> Period | None:
    inside = [p for p in periods if sentence[0] <= p.position < sentence[1]]
    before = [p for p in inside if p.position < position]
    chosen = before[-1] if before else (inside[0] if inside else None)
    if chosen is None or (chosen.kind == "point" and default is not None and default.kind != "point"):
        return default if chosen is None else chosen
    return chosen


def _place_for(sentence_text: str, finder: PlaceFinder, heading: list[str]) -> str | list[str]:
    names = places_of(finder.find(sentence_text))
    if not names and COUNTRY_WORDS.search(sentence_text):
        return COUNTRY
    if not names:
        names = heading
    if not names:
        return COUNTRY
    return names[0] if len(names) == 1 else names


def normalised_text(text: str) -> str:
    """The text as extracted from: NFC, ordinary spaces and hyphens (same figures, same words)."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("\u2011", "-").replace("\u00ad", "").replace("\r\n", "\n")


def extract(statement: Statement, finder: PlaceFinder) -> list[Figure]:
    """Every mine-action figure the statement gives, in text order, restatements merged."""
    text = normalised_text(statement.text)
    language = statement.language or language_of(text)
    lowered = lower_same_length(text)
    periods = find_periods(text, statement.published)
    bounded = [p for p in periods if p.kind in (PERIOD, CUMULATIVE)]
    default = bounded[0] if bounded else None
    originator = originator_of(text)
    outlet = outlet_of(text, statement.url)
    sentences = _sentences(text)
    first_places = places_of(finder.find(text[sentences[0][0]:sentences[0][1]])) if sentences else []
    figures: list[Figure] = []
    for start, end in sentences:
        numbers = [n for n in find_numbers(text[start:end], language)]
        numbers = [NumberToken(n.value, n.start + start, n.end + start, n.text, n.grouped, n.word)
                   for n in numbers]
        numbers = [n for n in numbers if not _is_date_part(n, periods, lowered)]
        sentence_text = text[start:end]
        place = _place_for(sentence_text, finder, first_places if len(first_places) > 1 else [])
        for index, number in enumerate(numbers):
            low = numbers[index - 1].end if index else start
            high = numbers[index + 1].start if index + 1 < len(numbers) else end
            hit = _metric_of(number, lowered, low, high)
            if hit is None or number.value <= 0:
                continue
            qualifier, reach_before, reach_after = _qualifier(lowered[low:number.start],
                                                              lowered[number.end:high])
            quote_start = min(hit.evidence_start, number.start - reach_before)
            quote_end = max(hit.evidence_end, number.end + reach_after)
            period = _period_for(number.start, (start, end), periods, default)
            own = period is not None and start <= period.position < end
            if not own and is_running_total(lowered[start:end]):
                period = Period(None, statement.published, CUMULATIVE, number.start)
            elif own and period.kind == PERIOD and period.end == statement.published \
                    and is_running_total(lowered[max(start, low - 60):high]):
                period = Period(period.start, period.end, CUMULATIVE, period.position)
            kind = period.kind if period else None
            figures.append(Figure(
                metric=hit.metric, value=number.value, unit=hit.unit, qualifier=qualifier,
                period_start=period.start.isoformat() if period and period.start else None,
                period_end=(period.end.isoformat() if period and period.end else
                            statement.published.isoformat() if kind == CUMULATIVE else None),
                period_type=kind, place=place, originator=originator, outlet=outlet,
                quote=text[quote_start:quote_end].strip(" ,;"), quote_start=quote_start,
                quote_end=quote_end))
    return _merge_restatements(figures)


def _merge_restatements(figures: list[Figure]) -> list[Figure]:
    """A figure given twice (a headline and its body) is one figure: the later wording is kept."""
    kept: dict[tuple, Figure] = {}
    for figure in figures:
        place = tuple(figure.place) if isinstance(figure.place, list) else (figure.place,)
        key = (figure.metric, figure.value, figure.unit)
        earlier = kept.get(key)
        if earlier is not None:
            earlier_place = tuple(earlier.place) if isinstance(earlier.place, list) else (earlier.place,)
            if earlier_place != place and COUNTRY not in (earlier_place[0], place[0]):
                kept[(*key, place)] = figure
                continue
            if place == (COUNTRY,) and earlier_place != (COUNTRY,):
                figure.place = earlier.place
            if figure.period_start is None:
                figure.period_start, figure.period_end, figure.period_type = (
                    earlier.period_start, earlier.period_end, earlier.period_type)
            del kept[key]
        kept[key] = figure
    return sorted(kept.values(), key=lambda f: f.quote_start)
