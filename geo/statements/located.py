"""Where a statement's figures are: a place named beside a number, a list of places, a
bulletin's list of districts, a sentence's places or the whole country; and the dateline,
whose town is where a report was filed."""

from __future__ import annotations

import re
from itertools import pairwise

from geo.statements.periods import POINT, Period
from geo.statements.places import COUNTRY, COUNTRY_WORDS, PlaceFinder, PlaceMention, places_of

SCOPE_PLACES = 5  # a sentence naming this many districts lists where a bulletin's work was done


LOCATIVE = re.compile(r"(?:da|də|ta|tə)$")


LOCAL_REACH = 12  # a place this close to a number is that number's own ('8526,2-si Füzuli', '45 in Aghdam')


def local_place(mentions: list[PlaceMention], start: int, end: int, text: str) -> PlaceMention | None:
    """The place named right after (or right before) a figure's words; a place right before the
    number with nothing but a space between, in the locative ('Xocalıda 27993 ədəd, Xocavənddə 15003
    ədəd'), is its own."""
    adjacent = [m for m in mentions if 0 < start - m.end <= 3 and not text[m.end:start].strip()
                and LOCATIVE.search(text[m.start:m.end].casefold())
                and not _ends_a_list(m, mentions, text)]  # not '..., Cəbrayıl və Zəngilanda 60 piyada
    if adjacent:
        return adjacent[-1]
    after = [m for m in mentions if 0 <= m.start - end <= LOCAL_REACH]
    if after:
        return after[0]
    before = [m for m in mentions if 0 <= start - m.end <= 3 and not _ends_a_list(m, mentions, text)]
    return before[-1] if before else None


def _ends_a_list(mention: PlaceMention, mentions: list[PlaceMention], text: str) -> bool:
    """Whether a place is the last of a list ('in Tartar, ..., Jabrayil, and Zangilan, 437
    anti-personnel mines'): the list is where the figures were found, not the last place's."""
    earlier = [m for m in mentions if m.end <= mention.start]
    return bool(earlier) and bool(AND_NEXT.match(text[earlier[-1].end:mention.start]))


AND_NEXT = re.compile(r"\s*(?:,\s*(?:and\s+|və\s+|и\s+)?|and\s+|və\s+|и\s+|ilə\s+)$")


def joined(local: PlaceMention, mentions: list[PlaceMention], text: str) -> str | list[str]:
    """A figure's own place, or its own list of places ('62,000 hectares in Fuzuli and Jabrayil';
    not '45 in Aghdam, 6 in Aghdara', where a number stands between)."""
    names = [local.name]
    last = local
    for mention in (m for m in mentions if m.start >= local.end):
        if not AND_NEXT.match(text[last.end:mention.start]):
            break
        names.append(mention.name)
        last = mention
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else names


DATELINE = re.compile(r"\s*(?:[A-ZƏÜÖĞİŞÇА-ЯЁ][A-ZƏÜÖĞİŞÇА-ЯЁ'’-]{2,}(?:\s+[A-ZƏÜÖĞİŞÇА-ЯЁ]{2,})?"
                      r"(?:,\s*(?:Azerbaijan|Azərbaycan|Азербайджан))?,\s*(?:\d{1,2}\s+\w+|\w+\s+\d{1,2})\.?"
                      r"(?:\s*[/(–—-]\s*[\w.]+\s*[/)–—-]?)?\s*[.:–—-]?)")


def dateline_end(sentence: str) -> int:
    """Where a dateline ends ('AGHDAM, Azerbaijan, May 25.', 'АГДАМ, 25 мая /Trend/'): the town
    a report was filed from is not where its figures are."""
    match = DATELINE.match(sentence)
    return match.end() if match else 0


class Places:
    """Where a statement's figures are: each sentence's places, the list of districts the
    statement covers (a sentence naming three or more), and its country-wide words."""

    def __init__(self, text: str, sentences: list[tuple[int, int]], finder: PlaceFinder) -> None:
        self.mentions = [[PlaceMention(m.name, m.level, m.start + a, m.end + a)
                          for m in finder.find(text[a:b]) if m.start >= dateline_end(text[a:b])]
                         for a, b in sentences]
        self.country = [bool(COUNTRY_WORDS.search(text[a:b])) for a, b in sentences]
        lists = [(index, places_of(m)) for index, m in enumerate(self.mentions)
                 if len(places_of(m)) >= SCOPE_PLACES and _listed(m, text)
                 and not GOES_ON.search(text[sentences[index][0]:sentences[index][1]])]
        self.scope = lists[0][1] if lists else []
        self.scope_span = sentences[lists[0][0]] if lists else None
        districts = {m.name for mentions in self.mentions for m in mentions if m.level == "district"}
        self.only = next(iter(districts)) if len(districts) == 1 else COUNTRY

    def of_sentence(self, index: int, own_period: list[bool], incident: bool,
                    other_period: bool = False) -> str | list[str]:
        """A figure's place when nothing names one right beside it: its sentence's, the
        bulletin's list (unless the list is said for another period than the figure's: 'ötən ay
        Tərtər, Ağdam, ...' beside a running total), the whole country, or (a sentence that goes
        on from the one before, with no period of its own) the place of the sentence before, or,
        for an incident's figure (a single day), the one district the statement names."""
        own = places_of(self.mentions[index])
        if own:
            return own[0] if len(own) == 1 else own
        if self.scope and not other_period:
            return self.scope
        if self.country[index]:
            return COUNTRY
        if index == 0 or own_period[index]:
            return self.only if incident else COUNTRY
        return self.of_sentence(index - 1, own_period, incident, other_period)


GOES_ON = re.compile(r"\bcontinu\w*|продолжа\w*|davam (?:edir|etdirilir|edəcək)", re.IGNORECASE)  # where work
# goes on ('Работы ... продолжаются в Агдамском, ... районах') is not where the figures were found


def _listed(mentions: list[PlaceMention], text: str) -> bool:
    """Whether a sentence's places are a list ('in Tartar, Aghdam, ... and Zangilan'), not a
    breakdown with a number for each ('7956.1 hectares - Aghdam district, 14016.7 hectares -
    Jabrayil district', '45 in Aghdam, 6 in Aghdara'): a breakdown names no bulletin's scope."""
    between = [text[a.end:b.start] for a, b in pairwise(mentions)]
    return 2 * sum(bool(re.search(r"\d", gap)) for gap in between) <= len(between)


def other_period(period: Period | None, places: Places, periods: list[Period]) -> bool:
    """Whether the bulletin's list of districts is said for another period than a figure's: a
    running total beside last month's list ('ötən ay Tərtər, Ağdam, ...'), the year's totals
    after the week's list ('Meanwhile, in 2022 ANAMA has cleared ...')."""
    if period is None or places.scope_span is None:
        return False
    a, b = places.scope_span
    said = {(p.start, p.end) for p in periods if a <= p.position < b and p.kind != POINT}  # a date is no span
    return period.kind != POINT and bool(said) and (period.start, period.end) not in said
