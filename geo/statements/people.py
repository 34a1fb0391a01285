"""Numbers of people in statements: whether a number counts the killed, the injured or all
casualties, from the words around it in three languages, and which numbers only break a
figure down by population ('including 35 civilians', '(civilian: 49; military: 13)')."""

from __future__ import annotations

import re

from geo.statements import lexicon
from geo.statements.numbers import NumberToken

# a part of a number before it, unless it says who died or was hurt ('57 of whom died')
SUB_COUNT = re.compile(r"\s*(?:of whom|of which|из (?:них|которых))\b(?![^.,;]{0,30}(?:"
                       + lexicon.KILLED.pattern + "|" + lexicon.INJURED.pattern + "))")


INCLUDING = re.compile(r"(?:including|incl\.|among them|of them|в том числе|o cümlədən|onlardan)\s*$")


BREAKDOWN_BEFORE = re.compile(r"(?:\(|(?:среди|among(?: the)?|arasında)\s+\w+\s*[-–—]?)\s*$")


POPULATION = re.compile(r"\s*(?:[-–—]\s*)?(?:civilians?|children|women|servicem[ae]n|soldiers?|military|"
                        r"journalists?|"
                        r"мирн\w+|гражданск\w+|дет\w*|женщин\w*|военн\w+|журналист\w*|mülki|uşaq\w*|qadın\w*|"
                        r"hərbçi\w*|hərbi qulluqçu\w*|jurnalist\w*)\b")


COMMA_PENALTY = 20


OTHER_NUMBERS_PENALTY = 60


CASUALTY_WORD_PENALTY = 15  # 'killed' or 'injured' beside a number says more than 'victims'


def nearest(pattern: re.Pattern[str], text: str, forward: bool) -> int | None:
    """Distance (in characters, commas costing more) from the number to the pattern's nearest hit."""
    hits = list(pattern.finditer(text))
    if not hits:
        return None
    hit = hits[0] if forward else hits[-1]
    between = text[:hit.start()] if forward else text[hit.end():]
    return len(between) + COMMA_PENALTY * (between.count(",") + between.count(";"))


def _belongs_before(pattern: re.Pattern[str], before: str) -> bool:
    """Whether a casualty word before a number belongs to the number before it: nothing
    separates them ('44 Azerbaijanis have died and 213 ...'); a number of incidents has none
    ('в результате 86 случаев подрыва на минах погибло 53 человека')."""
    last = max(pattern.finditer(before), key=lambda m: m.start())
    return not re.search(r"[,;]|\b(?:and|while|и|а|və|isə)\b", before[:last.start()]) \
        and not re.match(r"\s*" + lexicon.INCIDENTS, before)


BOTH_BEFORE = re.compile("(?:" + "|".join(
    f"(?:{a.pattern})\\w*\\s+(?:or|and|или|и|və(?: ya)?|yaxud)\\s+(?:\\w+\\s+){{0,2}}?(?:{b.pattern})"
    for a, b in ((lexicon.KILLED, lexicon.INJURED), (lexicon.INJURED, lexicon.KILLED))) + ")")


def casualty_metric(before: str, after: str, follows_number: bool) -> tuple[str, int, bool] | None:
    """killed / injured / casualties for a number from the words around it, nearest first; a
    word right after the number before ('68 died and 293 ...') belongs to that one."""
    scored: list[tuple[int, str, bool]] = []
    for metric, pattern in (("killed", lexicon.KILLED), ("injured", lexicon.INJURED),
                            ("casualties", lexicon.CASUALTIES)):
        for forward, text in ((True, after), (False, before)):
            distance = nearest(pattern, text, forward)
            if distance is not None and distance <= (90 if forward else 45):
                general = CASUALTY_WORD_PENALTY if metric == "casualties" else 0
                if not forward and follows_number and _belongs_before(pattern, before):
                    general += OTHER_NUMBERS_PENALTY
                scored.append((distance + general, metric, forward))
    if not scored:
        return None
    scored.sort()
    distance, metric, forward = scored[0]
    if forward and metric == "casualties" and (outcome := _clause_outcome(after)):
        metric = outcome  # '36 nəfər ... minaya düşmələri nəticəsində ... bədən xəsarətləri alıblar'
    if forward and metric in ("killed", "injured"):
        other = "injured" if metric == "killed" else "killed"
        other_pattern = lexicon.INJURED if other == "injured" else lexicon.KILLED
        first = (lexicon.KILLED if metric == "killed" else lexicon.INJURED).search(after)
        rest = after[first.end():first.end() + 25] if first else ""
        joined = re.match(r"\s*(?:olub\s+)?(?:or|and|или|и|və(?: ya)?|yaxud|ya da)\s", rest)
        if joined and other_pattern.search(rest):
            metric = "casualties"  # 'həlak olub və ya yaralanıb'
    if not forward and metric in ("killed", "injured") and BOTH_BEFORE.search(before[-70:]):
        metric = "casualties"  # 'погибли или покалечены более 400 человек', 'deaths and injuries ... 257'
    return metric, distance, forward


def _clause_outcome(after: str) -> str | None:
    """Killed or injured, when the clause after a number ends by saying which (the verb comes
    last in Azerbaijani), though a word for being hit by a mine comes first."""
    clause = re.split(r"[.,;:!?]", after[:160], maxsplit=1)[0]
    outcomes = [name for name, pattern in (("killed", lexicon.KILLED), ("injured", lexicon.INJURED))
                if pattern.search(clause)]
    return outcomes[0] if len(outcomes) == 1 else None


# a word for dying or being hurt right before a number word: 'Скончался один'
OUTCOME_BEFORE = re.compile(r"(?:" + lexicon.KILLED.pattern + "|" + lexicon.INJURED.pattern + r")\s*$")


def casualty_soon(after: str) -> bool:
    """Whether a casualty word follows the number closely, before any device word."""
    window = after[:30]
    hits = [m.start() for p in (lexicon.KILLED, lexicon.INJURED, lexicon.CASUALTIES)
            if (m := p.search(window))]
    if not hits:
        return False
    devices = [m.start() for _metric, p in lexicon.DEVICE_NOUNS if (m := p.search(window))]
    return min(hits) < min(devices, default=len(window))


PEOPLE_ARE = re.compile(r"\s*(?:человек|people|persons|nəfər)\s+(?:это|—|-|–|are|were|idi)\b")


def without_breakdowns(numbers: list[NumberToken], lowered: str) -> list[NumberToken]:
    """The numbers without a figure's breakdown by population: 'including 35 civilians', '(126
    гражданских лиц, 165 военнослужащих)', 'среди раненных - 143 гражданских и 169 военных'."""
    kept: list[NumberToken] = []
    last_end: int | None = None  # where the last breakdown's part ended
    for number in numbers:
        people = PEOPLE_ARE.match(lowered, number.end)  # 'Среди погибших 55 человек это гражданские лица'
        population = POPULATION.match(lowered, people.end() if people else number.end)
        opened = (INCLUDING.search(lowered, max(0, number.start - 20), number.start)
                  or BREAKDOWN_BEFORE.search(lowered, max(0, number.start - 25), number.start)
                  or re.match(r"\s*[-–—]", lowered[number.end:number.end + 3]))
        goes_on = last_end is not None and 0 <= number.start - last_end <= 30 \
            and not re.search(r"[.;:]", lowered[last_end:number.start])
        if population and (opened or goes_on):
            last_end = population.end()
            continue
        if _in_population_bracket(number, lowered):
            continue
        kept.append(number)
    return kept


def _in_population_bracket(number: NumberToken, lowered: str) -> bool:
    """A number inside a bracket that breaks a figure down by population: '62 people (civilian:
    49; military: 13) were killed', '(mülki: 49, hərbçi: 13)'."""
    opened = lowered.rfind("(", max(0, number.start - 60), number.start)
    if opened < 0 or ")" in lowered[opened:number.start]:
        return False
    closed = lowered.find(")", number.end, number.end + 60)
    inside = lowered[opened + 1:closed] if closed > 0 else ""
    population = re.search(r"(?:^|[;,]\s*)" + POPULATION.pattern.removeprefix(r"\s*"), inside)
    return bool(population) and bool(re.match(r"[^()]*?:\s*$", lowered[opened + 1:number.start]))


PEOPLE_BRACKET = re.compile(r"\((?P<inside>[^()]{1,120})\)")


def within(number: NumberToken, spans: list[tuple[int, int]]) -> bool:
    """Whether a number stands inside one of the spans."""
    return any(a <= number.start < b for a, b in spans)


def people_brackets(lowered: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans inside brackets that break a number of people down ('(65 killed, 271 injured)',
    '(civilian: 49; military: 13)'): the words after the bracket are the number's before it."""
    spans = []
    for match in PEOPLE_BRACKET.finditer(lowered, start, end):
        inside = match.group("inside")
        if re.search(r"\d", inside) and (casualty_soon(inside) or POPULATION.search(inside)):
            spans.append(match.span("inside"))
    return spans


def blanked(text: str, start: int, end: int) -> str:
    """The text with a span blanked out (same length, so positions stay those of the text)."""
    return text[:start] + " " * (end - start) + text[end:]
