"""What a number in a statement counts: an area (cleared, contaminated or planned) by the unit
after it, a kind of device by the words beside it, people by their casualty words; and the
qualifier said with it ('more than', 'около', '-dan çox')."""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.statements import lexicon
from geo.statements.numbers import NumberToken
from geo.statements.people import OUTCOME_BEFORE, casualty_metric, casualty_soon, nearest

WINDOW = 160  # characters either side of a number that can say what it counts


NOUN_END = re.compile(r"(?:mines?|ordnance|\(uxo\)|uxos?|мин[а-я]*|боеприпас[а-я]*|\bmina\w*|sursat\w*|"
                      r"items?|objects?|devices?|предмет[а-я]*|\(phs\)|\(нвб\))")


DEVICES_ANYWHERE = [(metric, re.compile(pattern.pattern.removeprefix(r"^\s*(?:[\w-]+\s+){0,2}")))
                    for metric, pattern in lexicon.DEVICE_NOUNS]


HECTARES_TOO = re.compile(r"\s*\(\s*(?:about\s+|около\s+|təxminən\s+)?[\d\s.,]+\s*"
                          r"(?:ha|hektar\w*|hectares?|га|гектар\w*)\s*\)")


QUALIFIED_GAP = re.compile(r"-?(?:(?:dan|dən|tan|tən|nan|nən)\s+(?:çox|artıq|yuxarı)|(?:a|ə|ya|yə)\s+"
                           r"(?:yaxın|qədər)|(?:a|ə|ya|yə)?dək)\s+")


DONE = re.compile(r"təmizlənib|zərərsizləşdirilib|\b(?:were|was|been) (?:\w+ )?(?:cleared|demined)\b|"
                  r"очищен[оаы]?\b|разминирован[оаы]?\b")  # cleared already, whatever plan follows


def _area_metric(before: str, after: str) -> str:
    """Cleared, contaminated or planned: a plan named in the clause governs it; otherwise the
    nearest context word, after the number first."""
    clause = re.split(r"[.;]\s|,\s(?=\d)", after, maxsplit=1)[0][:100]
    planned = dict(lexicon.AREA_CONTEXT)["area_planned"]
    plan = planned.search(clause)
    done = DONE.search(clause)
    if plan and not (done and done.start() < plan.start()):  # '... təmizlənib, bu planın 12 faizidir'
        return "area_planned"
    lead = re.split(r"[.;:,]\s|\b(?:and|but|while|и|но|а|və|amma|lakin)\s", before[-80:])[-1]
    if planned.search(lead):  # 'будет разминировано 280 тыс га', 'will be cleared ...'
        return "area_planned"
    cleared = dict(lexicon.AREA_CONTEXT)["area_reported_cleared"]
    if LAND_THAT_WAS_MINED.match(after) and (cleared.search(clause) or cleared.search(lead)):
        return "area_reported_cleared"  # 'очистил свыше 240 тыс. гектаров заминированных территорий'
    for text, forward in ((after, True), (before, False)):
        scored = [(d, metric) for metric, pattern in lexicon.AREA_CONTEXT
                  if (d := nearest(pattern, text, forward)) is not None]
        if scored:
            return min(scored)[1]
    return "area_reported_cleared"


# the land cleared, said as the land that was mined: 'гектаров заминированных территорий',
# '240 min hektardan çox çirklənmiş ərazinin ... təmizlənib', 'hectares of contaminated land'
LAND_THAT_WAS_MINED = re.compile(r"^\W*(?:[\w.²]+\s+){0,3}?(?:заминированн\w*|загрязненн\w*|çirklənmiş|"
                                 r"minalanmış|contaminated|mined)\s")


def qualifier_of(before: str, after: str) -> tuple[str, int, int]:
    """The qualifier and how far it reaches before and after the number."""
    for name, pattern in lexicon.QUALIFIER_BEFORE:
        if match := pattern.search(before[-40:]):
            return name, len(before[-40:]) - match.start(), 0
    for name, pattern in lexicon.QUALIFIER_AFTER:
        if match := pattern.match(after):
            return name, 0, match.end()
    return "exact", 0, 0


@dataclass(frozen=True)
class Hit:
    metric: str
    unit: str
    evidence_start: int
    evidence_end: int


def _device_before(before: str) -> tuple[str, int] | None:
    """A device word standing right before the number, as Azerbaijani lists put it."""
    for metric, pattern in lexicon.DEVICE_NOUNS[1:4]:
        hits = list(pattern.finditer(before))
        if hits and len(before.rstrip(" :-—")) - hits[-1].end() <= 0:
            return metric, hits[-1].start()
    return None


def _counted_before(before: str) -> tuple[str, int] | None:
    """What a number counts when the thing is named before it with a word for 'the number of':
    'tapıntıların sayı 237 min ədəd', 'количество ... мин и неразорвавшихся боеприпасов составляет
    319 431', 'the number of unexploded ordnance found reached 2,000'."""
    match = lexicon.COUNT_BEFORE.search(before[-120:])
    if not match:
        return None
    noun = next(group for group in ("noun", "noun2", "noun3") if match.group(group) is not None)
    phrase = match.group(noun)
    for metric, pattern in DEVICES_ANYWHERE:
        if pattern.search(phrase):
            return metric, len(before) - len(before[-120:]) + match.start(noun)
    return None


BRACKETED_TOTAL = re.compile(r"\((?:\s*(?:cəmi|всего|итого|total|in total|altogether)\s*:?)?\s*$")


TOTAL_AFTER = re.compile(r"\s*(?:-?\w{0,3}\s+)?(?:ədəd\s*)?(?:in total|total|altogether|всего|итого|cəmi|"
                         r"в общей сложности)?\s*\)")


def _bracketed_total(lowered: str, number: NumberToken) -> tuple[int, int] | None:
    """A total in brackets after a list of devices: '1,541 UXO and one anti-tank mine (1,542 in
    total)', '(cəmi: 116 574 ədəd)', '(всего 1 542)'."""
    before = BRACKETED_TOTAL.search(lowered, max(0, number.start - 14), number.start)
    after = TOTAL_AFTER.match(lowered, number.end)
    if not before or not after:
        return None
    said = lowered[before.start():after.end()]
    if not re.search(r"cəmi|всего|итого|total|altogether|в общей сложности", said):
        return None
    return before.start(), after.end()


# the number of victims, told before the number ('the total number of landmine victims in
# Azerbaijan since 10 November 2020 has reached 308', 'число жертв мин достигло 376',
# 'qurbanların ümumi sayı 417-yə çatıb')
VICTIMS_COUNTED = re.compile(
    r"(?:(?:total )?number of (?:\w+\s+){0,2}(?:victims|casualties)|(?:общ\w+ )?числ\w* (?:\w+\s+){0,2}?"
    r"(?:жертв|пострадавш)\w*|qurbanların (?:ümumi )?sayı)[^.;!?]{0,90}?(?:has |have )?"
    r"(?:reached|rose to|stands? at|stood at|is|was|amounted to|totall?ed|достигл\w*|составля\w*|"
    r"составил\w*|превысил\w*|выросл\w* до|увеличил\w* до|)\s*$")


def metric_of(number: NumberToken, lowered: str, low: int, high: int, follows_number: bool) -> Hit | None:
    """What a number counts, from the words between its neighbours (None: not a figure)."""
    low = max(low, number.start - WINDOW)
    after = lowered[number.end:min(high, number.end + WINDOW)]
    before = lowered[low:number.start]
    if lexicon.NOT_A_FIGURE_AFTER.match(after) or lexicon.LAID.match(after):
        return None
    counted = VICTIMS_COUNTED.search(before[-160:])
    if counted and not number.word and not re.match(r"\W{0,3}(?:" + "|".join(
            p.pattern for _unit, p in lexicon.AREA_UNITS) + ")", after):
        return Hit("casualties", "count", number.start - len(before[-160:]) + counted.start(), number.end)
    person = lexicon.PERSON_NOUNS.match(after)
    casualty_first = casualty_soon(after) or (number.word and bool(OUTCOME_BEFORE.search(before[-14:])))
    if number.word and not person and not casualty_first:
        return _word_device(number, after, before)
    if not person and not number.word and not casualty_first:
        gap = QUALIFIED_GAP.match(after)  # '1 600-dən çox hektar', '1600-ə yaxın hektar'
        unit_text = after[gap.end():] if gap else after.lstrip(" -\n")  # a line wrapped before the unit
        if lowered[number.start - 1:number.start] == "(" and not gap:  # 'over 53,000 (53,081) ha'
            unit_text = unit_text.removeprefix(")").lstrip(" ")
        skipped = len(after) - len(unit_text)
        for unit, pattern in lexicon.AREA_UNITS:
            match = pattern.match(unit_text)
            unit_end = number.end + skipped + (match.end() if match else 0)
            if match and unit != "ha" and HECTARES_TOO.match(lowered, unit_end):
                return None  # '62 855 782 kv.m (6286 ha)': the figure is given in hectares
            if match and (skipped <= 2 or gap):
                metric = _area_metric(before, after)
                offset = number.end + skipped
                context = _evidence(metric, lowered, low, high, number)
                return Hit(metric, unit, min(context[0], offset), max(context[1], offset + match.end()))
        window = after[:45]
        cut = re.search(r"[.;:]\s", window)
        window = window[:cut.start()] if cut else window
        forward = min(((metric, match) for metric, pattern in lexicon.DEVICE_NOUNS
                       if (match := pattern.search(window)) and match.start() <= 30),
                      key=lambda hit: hit[1].start(), default=None)  # the nearest device word
        backward = _device_before(before)
        if backward and (forward is None or forward[1].start() > 1):  # 'piyada əleyhinə 14, tank ...'
            return Hit(backward[0], "count", low + backward[1], number.end)
        if forward:
            noun = NOUN_END.search(after, forward[1].end(), forward[1].end() + 30)
            end = noun.end() if noun else forward[1].end()
            return Hit(forward[0], "count", number.start, number.end + end)
        counted = _counted_before(before)
        if counted:
            return Hit(counted[0], "count", low + counted[1], number.end)
        total = _bracketed_total(lowered, number)
        if total is not None:
            return Hit("items_found", "count", *total)
    if number.word and not (person or casualty_first):
        return None
    casualty = casualty_metric(before, after, follows_number)
    suffered = lexicon.PERSON_CASUALTY.match(after) if person else None  # '102 civilians suffered'
    if casualty is None and suffered:
        return Hit("casualties", "count", number.start, number.end + suffered.end())
    if casualty is None:
        return None
    metric, _distance, forward = casualty
    patterns = {"killed": [lexicon.KILLED], "injured": [lexicon.INJURED],
                "casualties": [lexicon.CASUALTIES, lexicon.KILLED, lexicon.INJURED]}[metric]
    if forward:
        ends = [m.end() for p in patterns if (m := p.search(after))]
        return Hit(metric, "count", number.start, number.end + (max(ends) if metric == "casualties"
                                                                 else min(ends)))
    last = max((m for p in patterns for m in p.finditer(before)), key=lambda m: m.start())
    return Hit(metric, "count", low + last.start(), number.end + (person.end() if person else 0))


EXPLODED = re.compile(r"(?<!un)explod|detonat|blast|went off|взорва|сработа|детонир|partla(?!mamış|mayan)")


def _word_device(number: NumberToken, after: str, before: str = "") -> Hit | None:
    """A number word right before a device ('one anti-tank mine', 'одна противопехотная мина',
    'iki tank əleyhinə mina', 'Qırx partlamamış hərbi sursat') or between its kind and its noun
    ('tank əleyhinə beş mina'); not 'bir', which is also Azerbaijani's 'a', nor a device that
    went off ('one anti-tank mine exploded')."""
    if number.text.casefold() == "bir" or EXPLODED.search(after[:60]):
        return None
    kind = _device_before(before)
    if kind and re.match(r"\s*(?:mina|мин|mines?\b)", after):
        return Hit(kind[0], "count", number.start - len(before) + kind[1],
                    number.end + re.match(r"\s*\w+", after).end())
    for metric, pattern in lexicon.DEVICE_NOUNS:
        match = pattern.search(after[:40])
        if match and not after[:match.start()].strip():
            noun = NOUN_END.search(after, match.end(), match.end() + 30)
            return Hit(metric, "count", number.start, number.end + (noun.end() if noun else match.end()))
    return None


def _evidence(metric: str, lowered: str, low: int, high: int, number: NumberToken) -> tuple[int, int]:
    """The span of the word that says what an area is (cleared, contaminated, planned)."""
    pattern = dict(lexicon.AREA_CONTEXT)[metric]
    after = pattern.search(lowered, number.end, high)
    befores = list(pattern.finditer(lowered, low, number.start))
    reach_after = after.start() - number.end if after else None
    reach_before = number.start - befores[-1].end() if befores else None
    closer_before = reach_after is None or (reach_before is not None and reach_before < reach_after)
    if reach_before is not None and reach_before <= 40 and closer_before:
        return befores[-1].start(), number.end
    if reach_after is not None and reach_after <= 60:
        return number.start, after.end()
    return number.start, number.end
