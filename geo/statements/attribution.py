"""Who states a figure and who carries it: 'ANAMA said', 'according to the Prosecutor General's
Office', '..., Trend reports', 'сообщает Report', 'APA xəbər verir', or the page's address."""

from __future__ import annotations

import re
from urllib.parse import urlparse

ORIGINATORS: list[tuple[str, re.Pattern[str]]] = [
    ("ANAMA", re.compile(r"\banama\b|\bанама\b|mine action agency|minatəmizləmə agentliyi|"
                         r"агентств\w* (?:по|национальной) \w*\s?разминир\w*|агентств\w* по разминированию",
                         re.IGNORECASE)),
    ("Prosecutor General's Office", re.compile(r"prosecutor general|baş prokurorlu|генеральн\w* прокуратур|"
                                               r"генпрокуратур", re.IGNORECASE)),
    ("Ministry of Defence", re.compile(r"ministry of defen[cs]e|defen[cs]e ministry|müdafiə nazirliyi|"
                                       r"министерств\w* обороны|минобороны", re.IGNORECASE)),
    ("Ministry of Internal Affairs", re.compile(r"ministry of internal affairs|daxili işlər nazirliyi|"
                                                r"\bмвд\b|министерств\w* внутренних дел", re.IGNORECASE)),
    ("Ministry of Emergency Situations", re.compile(r"emergency situations|fövqəladə hallar nazirliyi|"
                                                    r"\bмчс\b|чрезвычайных ситуаций", re.IGNORECASE)),
    ("State Security Service", re.compile(r"state security service|dövlət təhlükəsizlik xidməti|"
                                          r"служб\w* государственной безопасности", re.IGNORECASE)),
    ("Cabinet of Ministers", re.compile(r"cabinet of ministers|nazirlər kabineti|кабинет\w* министров",
                                        re.IGNORECASE)),
    ("President Ilham Aliyev", re.compile(r"ilham aliyev|i̇lham əliyev|ilham əliyev|ильхам\w* алиев",
                                          re.IGNORECASE)),
    ("Hikmet Hajiyev", re.compile(r"hikmat hajiyev|hikmət hacıyev|хикмет\w* гаджиев", re.IGNORECASE)),
    ("ICRC", re.compile(r"\bicrc\b|red cross|qırmızı xaç|красн\w* крест", re.IGNORECASE)),
    ("HALO Trust", re.compile(r"halo trust", re.IGNORECASE)),
    ("Landmine Monitor", re.compile(r"landmine monitor", re.IGNORECASE)),
    ("Mine Action Review", re.compile(r"mine action review", re.IGNORECASE)),
    ("AzCBL", re.compile(r"azcbl|campaign to ban landmines", re.IGNORECASE)),
    ("UNDP", re.compile(r"\bundp\b|\bпроон\b|bmt-nin inkişaf proqramı", re.IGNORECASE)),
]
OUTLETS: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    ("Trend", re.compile(r"\btrend\b", re.IGNORECASE), ("trend.az",)),
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


def originator_of(text: str) -> str:
    """The first known originator the text names ('' when none)."""
    hits = [(pattern.search(text), name) for name, pattern in ORIGINATORS]
    found = sorted((m.start(), name) for m, name in hits if m)
    return found[0][1] if found else ""


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


def language_of(text: str) -> str:
    """'ru' for Cyrillic text, 'az' where Azerbaijani letters or words show, else 'en'."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "en"
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    if cyrillic / len(letters) > 0.3:
        return "ru"
    lowered = text.casefold()
    azerbaijani = sum(lowered.count(c) for c in "əğış") + 3 * len(re.findall(
        r"\b(?:və|ilə|üçün|ərazi\w*|rayon\w*|olunub|edilib|bildirilib)\b", lowered))
    return "az" if azerbaijani / len(letters) > 0.01 else "en"
