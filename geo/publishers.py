"""Who publishes a figure and who carries it, for statements and uploads alike.

Publisher identity works like place identity: 'ANAMA', 'Azərbaycan Respublikası
Minatəmizləmə Agentliyi (ANAMA)' and 'Агентство по разминированию Азербайджана' are one
originator; 'ANAMA via Trend', 'ANAMA / today.az', 'Cabinet of Ministers of Azerbaijan, 2023
report (Trend)' and 'ANAMA said, Trend reports' give an originator and an outlet. The
identity key (`publisher_key`) is what restatement matching compares.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlparse

import pandas as pd

from geo.names import normalise
from geo.vocab import Party

ORIGINATORS: list[tuple[str, re.Pattern[str]]] = [
    ("ANAMA", re.compile(r"\banama\b|\bанама\b|mine action agency|minatəmizləmə agentliyi|"
                         r"minatemizleme agentliyi|"
                         r"агентств\w* (?:по|национальной) \w*\s?разминир\w*|агентств\w* по разминированию",
                         re.IGNORECASE)),
    ("Prosecutor General's Office", re.compile(r"prosecutor general|baş prokurorlu|генеральн\w* прокуратур|"
                                               r"генпрокуратур", re.IGNORECASE)),
    ("Ministry of Defence", re.compile(r"ministry of defen[cs]e|defen[cs]e ministry|müdafiə nazirliyi|"
                                       r"министерств\w* обороны|минобороны", re.IGNORECASE)),
    ("Ministry of Foreign Affairs", re.compile(r"ministry of foreign affairs|foreign ministry|\bmfa\b|"
                                               r"xarici işlər nazirliyi|\bмид\b|"
                                               r"министерств\w* иностранных дел", re.IGNORECASE)),
    ("Ministry of Internal Affairs", re.compile(r"ministry of internal affairs|daxili işlər nazirliyi|"
                                                r"\bмвд\b|министерств\w* внутренних дел", re.IGNORECASE)),
    ("Ministry of Emergency Situations", re.compile(r"emergency situations|fövqəladə hallar nazirliyi|"
                                                    r"\bмчс\b|чрезвычайных ситуаций", re.IGNORECASE)),
    ("State Security Service", re.compile(r"state security service|dövlət təhlükəsizlik xidməti|"
                                          r"служб\w* государственной безопасности", re.IGNORECASE)),
    ("Cabinet of Ministers", re.compile(r"cabinet of ministers|nazirlər kabineti|кабинет\w* министров",
                                        re.IGNORECASE)),
    ("Presidential Administration", re.compile(r"presidential administration|prezident administrasiyası|"
                                               r"администраци\w* президента", re.IGNORECASE)),
    ("President Ilham Aliyev", re.compile(r"ilham aliyev|i̇lham əliyev|ilham əliyev|ильхам\w* алиев",
                                          re.IGNORECASE)),
    ("Hikmet Hajiyev", re.compile(r"hikmat hajiyev|hikmət hacıyev|хикмет\w* гаджиев", re.IGNORECASE)),
    ("ICRC", re.compile(r"\bicrc\b|red cross|qırmızı xaç|красн\w* крест", re.IGNORECASE)),
    ("HALO Trust", re.compile(r"halo trust", re.IGNORECASE)),
    ("Landmine Monitor", re.compile(r"landmine monitor", re.IGNORECASE)),
    ("Mine Action Review", re.compile(r"mine action review", re.IGNORECASE)),
    ("AzCBL", re.compile(r"azcbl|campaign to ban landmines|minaların qadağan edilməsi uğrunda|"
                         r"кампани\w* за запрещение мин", re.IGNORECASE)),
    ("UNDP", re.compile(r"\bundp\b|\bпроон\b|bmt-nin inkişaf proqramı", re.IGNORECASE)),
]
OUTLETS: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    ("Trend", re.compile(r"\btrend\b|\bтренд\b", re.IGNORECASE), ("trend.az",)),
    ("APA", re.compile(r"\bapa\b", re.IGNORECASE), ("apa.az",)),
    ("Report.az", re.compile(r"\breport\.az|(?<=сообщает )report\b|(?<=передает )report\b|"
                             r"\breport\b(?= xəbər| informs| сообща| передает|\))", re.IGNORECASE),
     ("report.az",)),
    ("AZERTAC", re.compile(r"azertac|azərtac|азертадж", re.IGNORECASE), ("azertag.az", "azertac.az")),
    ("AzerNews", re.compile(r"azernews", re.IGNORECASE), ("azernews.az",)),
    ("today.az", re.compile(r"today\.az", re.IGNORECASE), ("today.az",)),
    ("News.az", re.compile(r"news\.az", re.IGNORECASE), ("news.az",)),
    ("MENAFN", re.compile(r"menafn", re.IGNORECASE), ("menafn.com",)),
    ("Sputnik Azerbaijan", re.compile(r"sputnik", re.IGNORECASE), ("sputnik.az",)),
    ("1news.az", re.compile(r"1news", re.IGNORECASE), ("1news.az",)),
    ("Vesti.az", re.compile(r"vesti\.az", re.IGNORECASE), ("vesti.az",)),
    ("Oxu.az", re.compile(r"oxu\.az", re.IGNORECASE), ("oxu.az",)),
    ("Qafqazinfo", re.compile(r"qafqazinfo", re.IGNORECASE), ("qafqazinfo.az",)),
    ("Interfax", re.compile(r"interfax|интерфакс", re.IGNORECASE), ("interfax.az", "interfax.ru")),
    ("Turan", re.compile(r"\bturan\b|\bтуран\b", re.IGNORECASE), ("turan.az",)),
]
CREDIT = re.compile(r"сообща\w*|переда[её]т|пишет|xəbər verir|\breports?\b|\binforms?\b|"
                    r"according to|по данным", re.IGNORECASE)
KNOWN_PARTIES: dict[str, str] = {
    "ANAMA": Party.GOVT_AZERBAIJAN, "Prosecutor General's Office": Party.GOVT_AZERBAIJAN,
    "Ministry of Defence": Party.GOVT_AZERBAIJAN, "Ministry of Foreign Affairs": Party.GOVT_AZERBAIJAN,
    "Ministry of Internal Affairs": Party.GOVT_AZERBAIJAN,
    "Ministry of Emergency Situations": Party.GOVT_AZERBAIJAN,
    "State Security Service": Party.GOVT_AZERBAIJAN, "Cabinet of Ministers": Party.GOVT_AZERBAIJAN,
    "Presidential Administration": Party.GOVT_AZERBAIJAN,
    "President Ilham Aliyev": Party.GOVT_AZERBAIJAN, "Hikmet Hajiyev": Party.GOVT_AZERBAIJAN,
    "AzCBL": Party.NATIONAL_NGO, "Mine Action Review": Party.INDEPENDENT_MONITOR,
    "Landmine Monitor": Party.INDEPENDENT_MONITOR, "HALO Trust": Party.INTERNATIONAL_NGO,
    "ICRC": Party.INTERNATIONAL_NGO, "UNDP": Party.INTERNATIONAL_NGO,
    "danish refugee council": Party.INTERNATIONAL_NGO, "mag": Party.INTERNATIONAL_NGO,
    "icbl cmc": Party.INDEPENDENT_MONITOR,
    **{name: Party.MEDIA for name, _pattern, _domains in OUTLETS},
}
VIA = re.compile(r"^(?P<who>.+?)[\s,]+(?:via|through|через|vasitəsilə)\s+(?P<outlet>.+)$", re.IGNORECASE)
SLASH = re.compile(r"^(?P<left>[^/]+?)\s*/\s*(?P<right>[^/]+)$")
REPORTS_AFTER = re.compile(r"^(?:(?P<who>.*)[\s,:;–-]+)?(?P<outlet>\S+)\s+(?:reports?|informs?|"
                           r"сообщает|передает|передаёт|пишет|xəbər verir)\.?$", re.IGNORECASE)
REPORTS_BEFORE = re.compile(r"^(?P<outlet>[\w.]+(?: [\w.]+)?)\s+(?:reports?|сообщает|передает|передаёт)"
                            r"\s*[:,–-]?\s*(?P<who>.*)$", re.IGNORECASE)
BRACKETED = re.compile(r"\(([^()]*)\)")
PARTS = re.compile(r"\s*(?:;|&|\+|\band\b|\bvə\b|\bи\b)\s*", re.IGNORECASE)
DOCUMENT_WORDS = re.compile(r"\b(?:\d{4}|report|bulletin|press release|statement|hesabat|bülleten|"
                            r"məlumat|отч[её]т|доклад|бюллетень|сообщение)\b", re.IGNORECASE)
COUNTRY_WORDS = re.compile(r"\b(?:of )?(?:the )?(?:republic of )?azerbaijan\b|\bazerbaijani?\b")


@dataclass(frozen=True)
class Publisher:
    """A publisher cell read: who states it, who carries it, and what was left over (a report's
    title, a person's name) for the source's note."""

    originator: str
    outlet: str = ""
    rest: str = ""


def originator_of(text: str) -> str:
    """The first known originator the text names ('' when none)."""
    hits = [(pattern.search(text), name) for name, pattern in ORIGINATORS]
    found = sorted((m.start(), name) for m, name in hits if m)
    return found[0][1] if found else ""


def known_outlet(text: str) -> str:
    """The known outlet a short text names in full ('Trend', 'today.az', 'Тренд'), else ''."""
    stripped = text.strip(" .,:;()")
    for name, pattern, domains in OUTLETS:
        match = pattern.search(stripped)
        whole = match is not None and len(stripped) - (match.end() - match.start()) <= 4
        if whole or stripped.casefold() in domains or stripped.casefold() == name.casefold():
            return name
    return ""


def outlet_of(text: str, url: str = "") -> str:
    """The outlet: the one the address belongs to, else the one the text says carries it."""
    host = urlparse(url).hostname or ""
    for name, _pattern, domains in OUTLETS:
        if any(host == d or host.endswith("." + d) for d in domains):
            return name
    credits = [m.start() for m in CREDIT.finditer(text)]
    hits = [(pattern.search(text), name) for name, pattern, _domains in OUTLETS]
    found = sorted((min((abs(m.start() - c) for c in credits), default=10_000), m.start(), name)
                   for m, name in hits if m)
    if found:
        return found[0][2]
    return host.removeprefix("www.")


def _outlet_name(text: str) -> str:
    return known_outlet(text) or text.strip(" .,:;")


def read_publisher(text: str) -> Publisher:
    """Originator and outlet of a publisher cell as the news writes it.

    'ANAMA via Trend', 'ANAMA / today.az', 'ANAMA (Trend)', 'ANAMA, Trend reports', 'Trend
    reports: ANAMA' and 'Trend reports' all split; a known originator is given its one name
    ('Агентство по разминированию' is ANAMA), an unknown one stays as written.
    """
    text = re.sub(r"\s+", " ", str(text)).strip()
    outlet = ""
    if match := VIA.match(text):
        text, outlet = match["who"], _outlet_name(match["outlet"])
    elif (match := SLASH.match(text)) and (known_outlet(match["right"]) or known_outlet(match["left"])):
        left, right = match["left"], match["right"]
        text, outlet = (left, _outlet_name(right)) if known_outlet(right) else (right, _outlet_name(left))
    elif (match := REPORTS_AFTER.match(text)) and known_outlet(match["outlet"]):
        text, outlet = match["who"] or "", known_outlet(match["outlet"])
    elif (match := REPORTS_BEFORE.match(text)) and known_outlet(match["outlet"]):
        text, outlet = match["who"], known_outlet(match["outlet"])
    for inner in BRACKETED.findall(text):
        if not outlet and known_outlet(inner):
            outlet = known_outlet(inner)
            text = text.replace(f"({inner})", " ")
    text = re.sub(r"\s+", " ", text).strip(" ,;:–-")
    if not text:
        return Publisher(outlet, outlet)
    if not outlet and (alone := known_outlet(text)):
        return Publisher(alone, alone)
    head, _comma, tail = text.partition(",")
    rest = tail.strip() if tail and DOCUMENT_WORDS.search(tail) else ""
    who = head.strip() if rest else text
    known = [originator_of(part) for part in PARTS.split(who) if part.strip()]
    if known and all(known):
        return Publisher("; ".join(dict.fromkeys(known)), outlet, rest)
    return Publisher(who, outlet, rest)


def _part_key(part: str) -> str:
    known = originator_of(part)
    if known:
        return normalise(known).key
    key = normalise(part).key
    return COUNTRY_WORDS.sub(" ", key).strip() or key


def publisher_key(originator: str) -> str:
    """One key per publisher, whatever its spelling or language: each named originator's key,
    sorted ('MFA Azerbaijan; ANAMA' and 'ANAMA and the Foreign Ministry' alike)."""
    who = read_publisher(originator).originator
    keys = {_part_key(part) for part in PARTS.split(who) if part.strip()}
    keys.discard("")
    return "+".join(sorted(keys)) or normalise(originator).key


def known_parties(sources: pd.DataFrame) -> dict[str, str]:
    """Publisher key -> party: the built-in list, then what every stored source of that
    publisher agrees on."""
    seen: dict[str, set[str]] = {}
    for originator, party in zip(sources["originator"], sources["party"], strict=True):
        seen.setdefault(publisher_key(str(originator)), set()).add(str(party))
    found = {publisher_key(name): str(party) for name, party in KNOWN_PARTIES.items()}
    found.update({key: next(iter(parties)) for key, parties in seen.items() if len(parties) == 1})
    return found


def party_of(originator: str, parties: dict[str, str]) -> str | None:
    """The party of a publisher the store or the built-in list knows, else None. A joint
    statement has a party when all its originators share one."""
    whole = publisher_key(originator)
    if whole in parties:
        return parties[whole]
    candidates = {parties.get(k) for k in whole.split("+")}
    return next(iter(candidates)) if len(candidates) == 1 and None not in candidates else None


def stored_names(sources: pd.DataFrame) -> dict[str, str]:
    """Publisher key -> the name the store most often gives that publisher."""
    counts: dict[str, Counter[str]] = {}
    for originator in sources["originator"]:
        counts.setdefault(publisher_key(str(originator)), Counter())[str(originator)] += 1
    return {key: names.most_common(1)[0][0] for key, names in counts.items()}
