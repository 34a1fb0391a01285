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

from geo.publishers import originator_of, outlet_of
from geo.statements.attribution import language_of
from geo.statements.located import Places, dateline_end, joined, local_place, other_period
from geo.statements.metrics import Hit, metric_of, qualifier_of
from geo.statements.numbers import NumberToken, find_numbers
from geo.statements.people import (
    INCLUDING,
    SUB_COUNT,
    blanked,
    people_brackets,
    within,
    without_breakdowns,
)
from geo.statements.periods import (
    CUMULATIVE,
    PERIOD,
    POINT,
    Period,
    find_periods,
    is_running_total,
    lower_same_length,
)
from geo.statements.places import COUNTRY, PlaceFinder, PlaceMention, places_of

SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»”']?\s+(?=[\"«“(]?[A-ZА-ЯЁƏÜÖĞİŞÇ\d])|\n\s*\n|"
                          r"(?<=[.!?…:\"»”])[ \t]*\n")


# a sentence does not end after '5 тыс.' in '5 тыс. 264,14 га'
ABBREVIATION = re.compile(r"(?<!\w)(?:тыс|млн|млрд|mln|кв|г|min|bn|approx|ca)\.$", re.IGNORECASE)


HEADLINE_CHARS = 200  # a first line this short, on a line of its own, is a headline


COUNTER = re.compile(r"\s*(?:-?\w{0,3}\s+)?(?:ədəd|единиц\w*|шт\.?|pieces|units)\b")


# 'Since 2020, the number of', 'since the 2020 war', '(1998)': a year, not a figure
YEAR_BEFORE = re.compile(r"(?:(?:since|in|from|until|till|by|of|с|в|до|по|к)\s+(?:the\s+)?|born\s+|\()$")


YEAR_WORD = re.compile(r"\s*(?:-?(?:ci|cı|cu|cü)\b|год|г\.|year)")


CASUALTY_METRICS = ("casualties", "killed", "injured")


ONE_INCIDENT = re.compile(
    r"\bin an? (?:mine |landmine )?(?:blast|explosion)|\bhit an? (?:anti-\w+ )?(?:land)?mine|stepped on an? "
    r"(?:land)?mine|mina partlayışı nəticəsində|hadisə nəticəsində|minaya düş(?:üb|dü|ərək)|"
    r"в результате (?:взрыва|подрыва) (?:на )?мин[ыеу]\b|при (?:взрыве|подрыве) (?:на )?мин[ыеу]\b|"
    r"подорвал(?:ся|ась|ись) на мине|подорвавш\w* на мине")


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
    """Sentences and headings; lines wrapped inside a sentence are joined."""
    spans, start = [], 0
    first_break = text.find("\n")
    breaks = list(SENTENCE_END.finditer(text))
    wrapped = bool(re.match(r"\n[ \t]*[a-zа-яёəüöğışç]", text[first_break:first_break + 3]))  # not a headline
    if 0 < first_break < HEADLINE_CHARS and not wrapped \
            and not any(m.start() <= first_break < m.end() for m in breaks):
        breaks = sorted([*breaks, re.compile(r"\n").search(text, first_break)], key=lambda m: m.start())
    breaks = [m for m in breaks if not (ABBREVIATION.search(text, 0, m.start())
                                        and re.match(r"\s*[\d(]", text[m.end() - 1:m.end() + 1]))]
    for match in breaks:
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _is_age(number: NumberToken, lowered: str) -> bool:
    """A person's age in brackets after their name: 'Parvin Salahov (30)'."""
    return (number.value < 120 and lowered[number.start - 1:number.start] == "("
            and lowered[number.end:number.end + 1] == ")")


def _is_date_part(number: NumberToken, periods: list[Period], lowered: str) -> bool:
    if any(p.position <= number.start < p.position + p.length for p in periods):
        return True
    value = number.value
    year_like = 1900 <= value <= 2100 and value.is_integer() and not number.grouped
    return year_like and (bool(YEAR_WORD.match(lowered, number.end))
                          or bool(YEAR_BEFORE.search(lowered, max(0, number.start - 12), number.start)))


def _period_for(position: int, sentence: tuple[int, int], periods: list[Period],
                default: Period | None) -> Period | None:
    inside = [p for p in periods if sentence[0] <= p.position < sentence[1]]
    before = [p for p in inside if p.position < position]
    chosen = before[-1] if before else (inside[0] if inside else None)
    if chosen is None or (chosen.kind == "point" and default is not None and default.kind != "point"):
        return default if chosen is None else chosen
    return chosen


BY_WHOM = re.compile(r"(?:-?\w{0,3})?\s*(?:by (?:the |local |private )?[a-z]\w+|[-–—]\s*(?:министерств\w*|"
                     r"силами|мчс|гпс|agentlik\w*)|\S*\s*(?:\w+\s+){0,3}?tərəfindən)")


def normalised_text(text: str) -> str:
    """The text as extracted from: NFC, ordinary spaces and hyphens (same figures, same words)."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("\u2011", "-").replace("\u00ad", "").replace("\r\n", "\n")


@dataclass(frozen=True)
class _Context:
    """What every figure of one statement shares."""

    text: str
    lowered: str
    statement: Statement
    periods: list[Period]
    default: Period | None
    originator: str
    outlet: str
    datelines: list[tuple[int, int]] = field(default_factory=list)


def _figure(context: _Context, hit: Hit, number: NumberToken, span: tuple[int, int], place: str | list[str],
            qualifier: str, period: Period | None) -> Figure:
    start, end = span
    return Figure(
        metric=hit.metric, value=number.value, unit=hit.unit, qualifier=qualifier,
        period_start=period.start.isoformat() if period and period.start else None,
        period_end=period.end.isoformat() if period and period.end else None,
        period_type=period.kind if period else None, place=place, originator=context.originator,
        outlet=context.outlet, quote=context.text[start:end].strip(" ,;"), quote_start=start, quote_end=end)


def extract(statement: Statement, finder: PlaceFinder) -> list[Figure]:
    """Every mine-action figure the statement gives, in text order, restatements merged."""
    text = normalised_text(statement.text)
    language = statement.language or language_of(text)
    lowered = lower_same_length(text)
    sentences = _sentences(text)
    datelines = [(a, a + dateline_end(text[a:b])) for a, b in sentences]
    periods = [p for p in find_periods(text, statement.published)
               if not any(a <= p.position < b for a, b in datelines)]  # 'BAKU, May 25.' dates the report
    context = _Context(text, lowered, statement, periods, _default_period(text, periods),
                       originator_of(text), outlet_of(text, statement.url), datelines)
    places = Places(text, sentences, finder)
    own_period = [any(a <= p.position < b for p in periods) for a, b in sentences]
    figures: list[tuple[int, Figure]] = []
    last: tuple[int, Period | None] | None = None  # the last sentence with figures and their period
    for index, sentence in enumerate(sentences):
        carried = _carried(text, sentences, index, last, own_period, periods)
        found = _sentence_figures(context, index, sentence, places, own_period, language, carried)
        figures += [(index, f) for f in found]
        if found:
            last = (index, _period_back(found[-1]))
    return _merge_restatements(figures, headline=len(sentences) > 1)


SUBSET_START = re.compile(r"\s*[\"«“]?(?:bunlardan|onlardan|həmin şəxslərdən|of (?:them|these|which|those)|"
                          r"among them|из (?:них|этого числа|которых)|в том числе)\b", re.IGNORECASE)


RESULT_START = re.compile(r"\s*(?:a total of|nəticədə|bunun nəticəsində|таким образом|в результате|в итоге|"
                          r"as a result|thus|consequently|in total|всего|ümumilikdə)\b", re.IGNORECASE)


def _carried(text: str, sentences: list[tuple[int, int]], index: int, last: tuple[int, Period | None] | None,
             own_period: list[bool], periods: list[Period]) -> Period | None:
    """The period a sentence with none of its own carries from the sentence before: a part of
    the figures before it ('Bunlardan ...', 'Из них ...', 'Of them ...'), or the next sentence of
    one paragraph after a sentence with its own span ('с 6 по 12 октября ... обезврежено ...
    Разминированы 1497,5 гектара земли.')."""
    start = sentences[index][0]
    if not own_period[index] and SUBSET_START.match(text, start):
        for a, b in reversed(sentences[max(0, index - 3):index]):
            said = [p for p in periods if a <= p.position < b and p.kind != POINT]
            if said:  # the span of the total they are part of: '2020-ci ildə ..., 2024-cü ildə ... 56460'
                return _union(said)
    if last is None or own_period[index] or last[1] is None or last[1].kind == POINT:
        return None
    if SUBSET_START.match(text, start) or (last[0] == index - 1 and RESULT_START.match(text, start)):
        return last[1]  # 'Nəticədə 115,8 hektar ...', 'Таким образом, ... очищено 3326 гектаров'

    previous = sentences[index - 1] if index else None
    if last[0] == index - 1 and own_period[index - 1] and previous is not None \
            and "\n\n" not in text[previous[1]:start] \
            and (last[1].kind == PERIOD or (last[1].kind == CUMULATIVE and last[1].start is None)):
        return last[1]
    return None


SPEECH = re.compile(r"\b(?:said|says|stated|noted|told|address\w*|speak\w*|spoke|speech|remarks)\b|"
                    r"заявил\w*|сказал\w*|отметил\w*|выступ\w*|сообщил\w*|"
                    r"bildirib|deyib|söyləyib|qeyd edib|vurğulayıb|çıxış\w*")


QUOTE_OPENS = re.compile(r"[“«„\"]")


SPEECH_REACH = 700


def _said_on(period: Period | None, number: NumberToken, context: _Context) -> Period | None:
    """A running total 'to date' inside a speech quoted with its day ('Addressing the Council on
    December 2, 2022, ... said ... “... 268 persons have become mine victims'): it runs to the
    day of the speech, not to the day the article about it appeared."""
    if period is None or period.kind != CUMULATIVE or period.end != context.statement.published:
        return period
    for day in reversed([p for p in context.periods if p.kind == POINT and p.end is not None
                         and number.start - SPEECH_REACH < p.position < number.start]):
        around = context.lowered[max(0, day.position - 150):day.position + day.length + 150]
        between = context.text[day.position:number.start]
        if SPEECH.search(around) and QUOTE_OPENS.search(between) and day.end < period.end:
            return Period(period.start, day.end, CUMULATIVE, period.position, period.length)
    return period


def _union(periods: list[Period]) -> Period:
    """One span for a sentence's periods: the years a total is given for, from first to last."""
    if len(periods) == 1 or any(p.kind != PERIOD or p.start is None or p.end is None for p in periods):
        return periods[-1]
    return Period(min(p.start for p in periods), max(p.end for p in periods), PERIOD, periods[0].position)


def _period_back(figure: Figure) -> Period | None:
    if figure.period_type is None:
        return None
    return Period(dt.date.fromisoformat(figure.period_start) if figure.period_start else None,
                  dt.date.fromisoformat(figure.period_end) if figure.period_end else None,
                  figure.period_type, figure.quote_start)


def _default_period(text: str, periods: list[Period]) -> Period | None:
    """The period of figures whose sentence names none: the body's first bounded one (a
    headline's shorthand, 'XİN: 2020-ci ildən ...', gives way to the body's own words)."""
    first_break = text.find("\n")
    headline = 0 < first_break < HEADLINE_CHARS and not re.search(r"[.!?…][\"»”']?\s*$", text[:first_break])
    body_start = first_break if headline else 0  # a first line that ends a sentence is the body's
    body = [p for p in periods if p.position >= body_start]
    for chosen in (body, periods):
        bounded = [p for p in chosen if p.kind in (PERIOD, CUMULATIVE)]
        if bounded:  # a headline's running total before the body's date of a press conference
            return bounded[0]
    return (body or periods or [None])[0]


def _sentence_figures(context: _Context, index: int, sentence: tuple[int, int], places: Places,
                      own_period: list[bool], language: str, carried: Period | None = None) -> list[Figure]:
    """The figures of one sentence; a list of places with counts before its noun ('Xocalıda
    27993 ədəd, Xocavənddə 15003 ədəd ... partlayıcı sursatlar') shares the noun's metric."""
    start, end = sentence
    lowered = context.lowered
    numbers = [NumberToken(n.value, n.start + start, n.end + start, n.text, n.grouped, n.word)
               for n in find_numbers(context.text[start:end], language)]
    numbers = [n for n in without_breakdowns(numbers, lowered)
               if not _is_date_part(n, context.periods, lowered) and not within(n, context.datelines)
               and not SUB_COUNT.match(lowered, n.end) and not _is_age(n, lowered)]
    several = len(places_of(places.mentions[index])) > 1
    brackets = people_brackets(lowered, start, end)
    plain = lowered
    for a, b in brackets:
        plain = blanked(plain, a, b)
    found: list[Figure] = []
    last: Hit | None = None
    waiting: list[tuple[NumberToken, PlaceMention]] = []
    unplaced: list[Figure] = []
    parts: set[str] = set()
    for position, number in enumerate(numbers):
        low = numbers[position - 1].end if position else start
        high = numbers[position + 1].start if position + 1 < len(numbers) else end
        outside = not within(number, brackets)
        if outside and brackets:  # '336 people (65 killed, 271 injured) became victims': the words around
            low = max([n.end for n in numbers[:position] if not within(n, brackets)], default=start)
            high = min([n.start for n in numbers[position + 1:] if not within(n, brackets)], default=end)
        hit = metric_of(number, plain if outside else lowered, low, high, follows_number=position > 0)
        local = local_place(places.mentions[index], number.start, hit.evidence_end if hit else number.end,
                             context.text)
        if hit is None and last is not None and local is not None:  # '..., including 45 in Aghdam'
            hit = Hit(last.metric, last.unit, number.start, local.end)
        if hit is None and last is not None and (by := BY_WHOM.match(lowered, number.end)):
            hit = Hit(last.metric, last.unit, number.start, by.end())  # '... by the agency, 2,400 by ...'
        if hit is None and local is not None and COUNTER.match(lowered, number.end):
            waiting.append((number, local))
            continue
        if hit is None or number.value <= 0:
            continue
        qualifier, reach_before, reach_after = qualifier_of(lowered[low:number.start],
                                                            lowered[number.end:high])
        span = (min(hit.evidence_start, number.start - reach_before),
                max(hit.evidence_end, number.end + reach_after))
        period = _said_on(_period_of(number, sentence, context, hit.metric, carried), number, context)
        if period is None and hit.metric not in CASUALTY_METRICS:  # no span said: what was done so far
            period = Period(None, context.statement.published, CUMULATIVE, number.start)
        if last is None:
            for earlier, place in waiting:
                found.append(_figure(context, hit, earlier, (min(earlier.start, place.start),
                                                            max(earlier.end, place.end)), place.name,
                                     "exact", period))
        waiting = []
        last = hit
        incident = period is not None and period.kind == POINT
        place = (joined(local, places.mentions[index], context.text) if local and several
                 else places.of_sentence(index, own_period, incident=incident,
                                         other_period=other_period(period, places, context.periods)))
        found.append(_planned_to_year_end(_figure(context, hit, number, span, place, qualifier, period)))
        if local is None:
            unplaced.append(found[-1])
        elif INCLUDING.search(lowered, max(0, min(number.start, local.start) - 25),
                              min(number.start, local.start)):
            parts.add(local.name)
    for figure in unplaced:  # '1 616 hectares were cleared, including 300 ha in Aghdam': not Aghdam's
        if isinstance(figure.place, str) and figure.place in parts:
            figure.place = places.scope or COUNTRY
    return _total_of_breakdown(found, places.mentions[index])


def _total_of_breakdown(figures: list[Figure], mentions: list[PlaceMention]) -> list[Figure]:
    """A total given with its breakdown by district ('662 ..., including 45 in Aghdam, 6 in
    Aghdara') is not placed in those districts: it is the whole area's."""
    broken_down = {f.place for f in figures if isinstance(f.place, str)}
    whole = [name for name in places_of(mentions) if name not in broken_down]
    for figure in figures:
        if isinstance(figure.place, list) and len(broken_down) > 1 and set(figure.place) <= broken_down:
            figure.place = whole[0] if len(whole) == 1 else (whole or COUNTRY)
    return figures


def _period_of(number: NumberToken, sentence: tuple[int, int], context: _Context,
               metric: str = "", carried: Period | None = None) -> Period | None:
    """The figure's own period, or the statement's; a running total runs to the publication (or
    is the statement's running total); the people hit in one blast, told before its date ('Two
    civilians were killed in a mine blast ... On March 16 ...'), take the day of the incident; a
    sentence that goes on from the one before ('Разминированы 1497,5 гектара земли.', 'Bunlardan
    21122-si ...') takes the period carried from it."""
    start, end = sentence
    period = _period_for(number.start, sentence, context.periods, context.default)
    own = period is not None and start <= period.position < end
    bare = own and period.kind == CUMULATIVE and period.start is None \
        and period.end == context.statement.published  # 'indiyədək', 'so far', 'на сегодня'
    if bare or (not own and is_running_total(context.lowered[start:end])):
        lead = _lead_span(context)
        if lead is not None and lead is not period and not SINCE.search(context.lowered, start, end):
            return lead  # 'indiyədək' after the lead's 'Keçən il noyabrın 11-dən cari il noyabrın 22-dək'
        return period if bare else Period(None, context.statement.published, CUMULATIVE, number.start)
    if not own and metric in CASUALTY_METRICS and ONE_INCIDENT.search(context.lowered, start, end):
        days = [p for p in context.periods if p.kind == POINT]
        if days:
            return days[0]
    if not own and carried is not None:
        return carried
    if own and _told_on(period, context):  # '..., a source told Trend on May 19': the day it was said
        return Period(None, context.statement.published, CUMULATIVE, number.start)
    said_end = period.position + period.length if period else 0
    if own and period.kind == PERIOD and period.position < number.start \
            and (total := TOTAL_CLAUSE.search(context.lowered, said_end, number.start)) \
            and re.search(r"\d", context.lowered[said_end:total.start()]):
        return Period(None, context.statement.published, CUMULATIVE, number.start)  # '2024-cü ildə 62 min
    return period  # hektar, ümumilikdə isə ... 180 min hektar': the year's figure, then the total


TOTAL_CLAUSE = re.compile(r"[,;]\s*(?:ümumilikdə|in total|overall|altogether|всего|в общей сложности|"
                          r"в целом)\b")


def _told_on(period: Period, context: _Context) -> bool:
    """Whether a day is only when the figure was told ('told Trend on May 19', 'сообщил 19 мая')."""
    if period.kind != POINT or period.end is None or abs((context.statement.published - period.end).days) > 1:
        return False
    before = context.lowered[max(0, period.position - 30):period.position]
    return bool(re.search(r"\b(?:told|said|reported|informed|stated|announced)\b[^.;]*?(?:on\s+)?$|"
                          r"(?:сообщил\w*|заявил\w*|bildirib|deyib)\s*$", before))


SINCE = re.compile(r"\bsince\b|\bс\s+(?:момента|начала|\d)|начиная|bəri|etibarən")  # a start of its own


def _lead_span(context: _Context) -> Period | None:
    """The lead's span up to a stated day just before the publication ('Keçən il noyabrın
    11-dən cari il noyabrın 22-dək'), which a later 'indiyədək' / 'so far' restates; a lead's
    'to date' does not (a later 'на сегодня' gives no start of its own)."""
    default = context.default
    if default is None or default.start is None or default.end is None or default.kind != CUMULATIVE:
        return None  # a week's bulletin ends the day before it is published, and is no running total
    return default if 0 < (context.statement.published - default.end).days <= 3 else None


def _planned_to_year_end(figure: Figure) -> Figure:
    """A plan 'for this year' runs to the year's end, not to the day it was announced."""
    if figure.metric == "area_planned" and figure.period_start and figure.period_start.endswith("-01-01") \
            and figure.period_end and figure.period_end[:4] == figure.period_start[:4]:
        figure.period_end = f"{figure.period_start[:4]}-12-31"
    return figure


def _close(headline: Figure, body: Figure) -> bool:
    """Whether a headline's figure restates a body's: rounded, or with 'more than' / 'about'."""
    share = 0.01 if headline.qualifier == "exact" else 0.1
    return abs(headline.value - body.value) <= max(1.0, share * abs(body.value))


def _rounded(figure: Figure) -> bool:
    """A qualified round number ('more than 500', '1600-dən çox'): how leads restate a figure."""
    value = figure.value
    return figure.qualifier != "exact" and value >= 100 and float(value).is_integer() and value % 100 == 0


def _finer(figure: Figure, rounded: Figure) -> bool:
    """Whether a figure says more exactly what a rounded one says: exact, or with more digits."""
    if figure.qualifier == "exact":
        return not _rounded(figure)
    return _digits(figure.value) > _digits(rounded.value)


def _digits(value: float) -> int:
    """Significant digits of a number as said: 2900 has two, 3000 one."""
    return len(f"{value:.6g}".replace(".", "").replace("-", "").strip("0"))


def _merge_restatements(figures: list[tuple[int, Figure]], headline: bool) -> list[Figure]:
    """A figure given twice is one figure: a headline's (even rounded: '1,198 hectares' for
    1,198.7) gives way to the body's, and a figure repeated with the same place once."""
    body = [f for index, f in figures if index > 0 or not headline]
    kept: list[Figure] = []
    for index, figure in figures:
        if headline and index == 0 and any(
                b.metric == figure.metric and _close(figure, b) for b in body):
            continue
        if _rounded(figure) and any(b is not figure and b.metric == figure.metric and b.unit == figure.unit
                                    and _finer(b, figure) and _close(figure, b) for b in body):
            continue  # 'более 500 га' in a lead, '508 га' in the body; 'почти 3 тыс га', 'более 2,9 тыс га'
        if any(k.metric == figure.metric and k.value == figure.value and k.unit == figure.unit
               and k.place == figure.place for k in kept):
            continue
        kept.append(figure)
    return sorted(kept, key=lambda f: f.quote_start)
