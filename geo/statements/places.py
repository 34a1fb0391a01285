"""Place names in running text, in any spelling and grammatical form: 'Tərtər rayonunda',
'Füzulidə', 'Тертерский район', 'в Лачинском районе', 'Aghdam', 'Terter'."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz, process

from geo.names import normalise
from geo.statements.periods import lower_same_length
from geo.vocab import PlaceLevel

COUNTRY = "Azerbaijan"
# Russian stems (adjectival and case forms start with them) and names the gazetteer lacks.
CYRILLIC_STEMS = {
    "лачин": "Lachin", "лачын": "Lachin",
    "шуш": "Shusha", "тертер": "Tartar", "тэртэр": "Tartar", "агдам": "Aghdam",
    "агдер": "Aghdara", "джебраил": "Jabrayil", "джабраил": "Jabrayil", "физули": "Fuzuli",
    "кельбаджар": "Kalbajar", "кяльбаджар": "Kalbajar", "губадл": "Qubadli", "кубатл": "Qubadli",
    "зангилан": "Zangilan",
    "зангелан": "Zangilan", "ходжавенд": "Khojavend", "ходжал": "Khojaly", "ханкенд": "Khankendi",
    "степанакерт": "Khankendi", "забух": "Zabukh", "сарыбаба": "Sarıbaba height", "газах": "Gazakh",
    "казах": "Gazakh", "баганис": "Baganis Ayrim", "ескипара": "Ashagi Eskipara",
    "эскипара": "Ashagi Eskipara",
    "хейримли": "Xeyrimli", "хейрымл": "Xeyrimli", "кызылгаджил": "Gizilhajili", "гызылгаджыл": "Gizilhajili",
    "кызылгаджыл": "Gizilhajili",
}
EXTRA_PLACES = {  # named in statements, not in the gazetteer: Aghdara and the Gazakh villages of 2024
    "Aghdara": ("Aghdara", "Ağdərə", "Agdara", "Agdere", "Aghdere", "Mardakert"),
    "Gazakh": ("Gazakh", "Qazax", "Qazakh", "Gazax"),
    "Baganis Ayrim": ("Baganis", "Bağanıs", "Baghanis"),
    "Ashagi Eskipara": ("Eskipara", "Əskipara", "Askipara"),
    "Xeyrimli": ("Xeyrimli", "Xeyrımlı", "Kheyrimli", "Heyrimli"),
    "Gizilhajili": ("Gizilhajili", "Qızılhacılı", "Kizilhajili", "Gyzylhajyly"),
}
LATIN_SUFFIXES = ("", "da", "a", "dan", "nda", "ndan", "nin", "nun", "in", "un", "ya", "na", "daki",
                  "dakı", "li", "lilar", "ni", "nu", "i", "u", "ski", "skii", "skom", "skogo", "s")
COUNTRY_WORDS = re.compile(
    r"liberated (?:territor|area|land)|azad (?:edilmiş|olunmuş) (?:ərazi|torpaq|rayon)|"
    r"освобожд\w* (?:территор|район|земл)|karabakh|qarabağ|карабах|east zangezur|şərqi zəngəzur|"
    r"восточн\w* зангезур", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# 'Karabakh' alone is how statements say the liberated lands ('the Karabakh war', 'liberated
# Karabakh'); only 'Karabakh economic region' names the economic region.
REGION_WORD = re.compile(r"\W{0,3}(?:econom|iqtisadi|экономическ)", re.IGNORECASE)


@dataclass(frozen=True)
class PlaceMention:
    """A place named in the text: its English name, level and span."""

    name: str
    level: str
    start: int
    end: int


class PlaceFinder:
    """Finds the gazetteer's districts and places in text, whatever their form."""

    def __init__(self, places: pd.DataFrame, names: pd.DataFrame) -> None:
        english = dict(zip(places["place_id"], places["name"], strict=True))
        levels = dict(zip(places["place_id"], places["level"], strict=True))
        self._by_key: dict[str, tuple[str, str]] = {}
        for place_id, name in zip(names["place_id"], names["name"], strict=True):
            level = levels.get(place_id)
            if level is None or level == "country":
                continue
            key = normalise(name).key
            if key and " " not in key and (key not in self._by_key or level == "district"):
                self._by_key[key] = (english[place_id], level)
        for name, forms in EXTRA_PLACES.items():
            for form in forms:
                self._by_key.setdefault(normalise(form).key, (name, "district"))
        self._keys = sorted(self._by_key, key=len, reverse=True)
        self._long_keys = [k for k in self._keys if len(k) >= 6]
        self._seen: dict[str, tuple[str, str] | None] = {}

    def _latin(self, word: str) -> tuple[str, str] | None:
        if word not in self._seen:
            self._seen[word] = self._latin_uncached(word)
        return self._seen[word]

    def _latin_uncached(self, word: str) -> tuple[str, str] | None:
        key = normalise(word).key
        if not key:
            return None
        if key in self._by_key:
            return self._by_key[key]
        for suffix in LATIN_SUFFIXES:
            stem = key[:-len(suffix)] if suffix else key
            if suffix and key.endswith(suffix) and len(stem) >= 4 and stem in self._by_key:
                return self._by_key[stem]
        if word[:1].isupper() and len(key) >= 6:
            best = process.extractOne(key, self._long_keys, scorer=fuzz.ratio, score_cutoff=88)
            if best:
                return self._by_key[best[0]]
        return None

    def find(self, text: str) -> list[PlaceMention]:
        """Every place mention in text order."""
        found: list[PlaceMention] = []
        for match in WORD.finditer(text):
            word = match.group(0)
            hit: tuple[str, str] | None = None
            if re.match(r"[а-яё]", word, re.IGNORECASE):
                lowered = lower_same_length(word)
                hit = next(((name, "district") for stem, name in CYRILLIC_STEMS.items()
                            if lowered.startswith(stem)), None)
            elif len(word) >= 3:
                hit = self._latin(word)
            if hit and hit[1] == PlaceLevel.ECONOMIC_REGION.value \
                    and not REGION_WORD.match(text, match.end()):
                continue
            if hit:
                found.append(PlaceMention(hit[0], hit[1], match.start(), match.end()))
        return found


VILLAGES_OF = {"Gazakh": ("Baganis Ayrim", "Ashagi Eskipara", "Xeyrimli", "Gizilhajili")}


def places_of(mentions: list[PlaceMention]) -> list[str]:
    """The distinct English names, in the order first named; in a list of places, a district
    named only as the home of listed villages ('Qazax rayonunun ... Bağanıs Ayrım, Aşağı Əskipara
    kəndlərində', 'the villages of ... in the Gazakh region') gives way to its villages."""
    names = list(dict.fromkeys(m.name for m in mentions))
    if len(names) >= 3:
        names = [n for n in names if not set(VILLAGES_OF.get(n, ())) & set(names)]
    return names
