"""Place-name matching: a normaliser for the many spellings, and an alias index."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd
from rapidfuzz import fuzz, process

from geo.i18n import N_
from geo.vocab import PlaceLevel

LETTER_FOLDS = {
    "ə": "a", "ı": "i", "ş": "sh", "ç": "ch", "ğ": "gh", "ö": "o", "ü": "u",
    "č": "ch", "š": "sh", "ž": "zh", "ʻ": "", "ʿ": "", "'": "", "’": "",
}
ADMIN_WORDS = {
    "rayon", "rayonu", "raion", "district", "region", "province", "r", "shahari", "sahari",
    "shaheri", "oblast", "rajon", "раион", "раиона", "раионе", "рн", "rayonunda", "rayonunun",
}
# Economic regions (iqtisadi rayonlar) group districts: a name of one is recognised as such,
# never taken for a look-alike village: the region itself where the gazetteer has it (a figure
# for Karabakh is stored against Karabakh), else answered with its districts.
ECONOMIC_REGIONS: dict[str, tuple[str, ...]] = {
    "karabakh": ("district:aghdam", "district:fuzuli", "district:khojaly", "district:khojavend",
                 "district:shusha", "district:tartar", "district:khankendi"),
    "east zangezur": ("district:jabrayil", "district:kalbajar", "district:lachin", "district:qubadli",
                      "district:zangilan"),
}
ECONOMIC_REGION_SPELLINGS: dict[str, tuple[str, ...]] = {
    "karabakh": ("Karabakh", "Garabagh", "Qarabağ", "Karabagh", "Карабах", "Карабахский"),
    "east zangezur": ("East Zangezur", "Eastern Zangezur", "East Zangazur", "Şərqi Zəngəzur",
                      "Восточный Зангезур", "Восточно-Зангезурский"),
}
ECONOMIC_REGION_NAMES: dict[str, tuple[str, str, tuple[str, ...]]] = {  # name, name_az, others
    "karabakh": ("Karabakh", "Qarabağ", ("Karabakh economic region", "Qarabağ iqtisadi rayonu",
                                         "Карабахский экономический район", "Карабах", "Garabagh",
                                         "Karabagh")),
    "east zangezur": ("East Zangezur", "Şərqi Zəngəzur", (
        "East Zangezur economic region", "Şərqi Zəngəzur iqtisadi rayonu",
        "Восточно-Зангезурский экономический район", "Восточный Зангезур", "Eastern Zangezur")),
}
ECONOMIC_WORDS = re.compile(r"\b(?:economic|igtisadi|экономическии)\b")
SETTLEMENT_WORDS = {"town", "city", "village", "settlement", "kandi", "qasabasi"}
FEATURE_WORDS = {"height", "mount", "hill", "heights", "yuksakliyi", "yukseklik"}
PHONETIC_FOLDS = (("x", "kh"), ("y", "i"), ("q", "g"))


@dataclass(frozen=True)
class NameKey:
    """A normalised name and the level its own words ask for, if any."""

    key: str
    level_hint: str | None


def normalise(name: str) -> NameKey:
    """Fold case, diacritics, Azerbaijani letters and transliteration variants to a key.

    'Tərtər', 'TARTAR district' and 'Tartar region' give the key 'tartar'; 'Lachin town'
    gives 'lachin' with a settlement hint; 'Şuşa rayonu' gives 'shusha' with a district hint.
    """
    text = unicodedata.normalize("NFKC", str(name)).casefold()
    text = re.sub(r"\(.*?\)", " ", text)
    text = "".join(LETTER_FOLDS.get(char, char) for char in text)
    text = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    words = re.split(r"[\W_]+", text)
    hint: str | None = None
    kept: list[str] = []
    for word in words:
        if not word:
            continue
        folded = _phonetic(word)
        if word in ADMIN_WORDS or folded in ADMIN_WORDS:
            hint = PlaceLevel.DISTRICT.value
        elif word in SETTLEMENT_WORDS or folded in SETTLEMENT_WORDS:
            hint = PlaceLevel.SETTLEMENT.value
        elif word in FEATURE_WORDS or folded in FEATURE_WORDS:
            hint = PlaceLevel.NAMED_FEATURE.value
        else:
            kept.append(folded)
    return NameKey(" ".join(kept), hint)


def economic_region(name: str) -> str:
    """The economic region a name means ('Karabakh', 'Qarabağ iqtisadi rayonu', 'Восточный
    Зангезур'), else ''."""
    key = " ".join(ECONOMIC_WORDS.sub(" ", normalise(name).key).split())
    return next((region for region, spellings in ECONOMIC_REGION_SPELLINGS.items()
                 if key in {normalise(s).key for s in spellings}), "")


def economic_region_id(region: str) -> str:
    """The gazetteer id of an economic region ('karabakh' -> 'economic_region:karabakh')."""
    return f"{PlaceLevel.ECONOMIC_REGION.value}:{region.replace(' ', '-')}"


def _phonetic(word: str) -> str:
    if not word.isascii():
        return word
    for old, new in PHONETIC_FOLDS:
        word = word.replace(old, new)
    return word


@dataclass(frozen=True)
class Suggestion:
    """A ranked guess for an unknown name."""

    place_id: str
    name: str
    score: float


@dataclass(frozen=True)
class Match:
    """Result of resolving a name: a place id, or none with the reason and suggestions."""

    query: str
    place_id: str | None
    reason: str = ""
    suggestions: tuple[Suggestion, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """Whether the name resolved to exactly one place."""
        return self.place_id is not None


class AliasIndex:
    """Every name of every place, keyed by its normalised form."""

    def __init__(self, places: pd.DataFrame, names: pd.DataFrame) -> None:
        self._names = dict(zip(places["place_id"], places["name"], strict=True))
        self._levels = dict(zip(places["place_id"], places["level"], strict=True))
        self._districts = dict(zip(places["place_id"], places["district_id"], strict=True))
        self._geometries = dict(zip(places["place_id"], places["geometry"], strict=True))
        self._memo: dict[tuple, Match] = {}
        self._by_key: dict[str, set[str]] = {}
        self._label_of_key: dict[str, str] = {}
        for place_id, name in zip(names["place_id"], names["name"], strict=True):
            if place_id not in self._levels:
                continue
            key = normalise(name).key
            if key:
                self._by_key.setdefault(key, set()).add(place_id)
                self._label_of_key.setdefault(key, name)

    def keys(self) -> list[str]:
        """All known normalised keys."""
        return sorted(self._by_key)

    def candidates(self, name: str) -> set[str]:
        """Place ids whose names normalise like this one."""
        return set(self._by_key.get(normalise(name).key, set()))

    def resolve(
        self,
        name: str,
        level: str | None = None,
        point: tuple[float, float] | None = None,
    ) -> Match:
        """Resolve a name to one place; never guesses an unknown name.

        A level (from a column or the name's own words such as 'town') or a (lat, lon)
        point picks between a district and its seat town; without either, the district wins.
        """
        memo_key = (name, level, point)
        if memo_key not in self._memo:
            self._memo[memo_key] = self._resolve(name, level, point)
        return self._memo[memo_key]

    def _resolve(self, name: str, level: str | None, point: tuple[float, float] | None) -> Match:
        parsed = normalise(name)
        candidates = self._by_key.get(parsed.key, set())
        if not candidates and (region := economic_region(name)):
            if (region_id := economic_region_id(region)) in self._names:
                return Match(name, region_id)
            districts = tuple(Suggestion(pid, f"{self._names[pid]} ({self.level_of(pid)})", 100.0)
                              for pid in ECONOMIC_REGIONS[region] if pid in self._names)
            return Match(name, None, N_("an economic region, not a district: give the district (or "
                                        "choose one below)"), districts)
        if not candidates:
            return Match(name, None, N_("unknown place"), tuple(self.suggest(name)))
        wanted = level or parsed.level_hint
        if wanted:
            narrowed = {pid for pid in candidates if self.level_of(pid) == wanted}
            if wanted == PlaceLevel.SETTLEMENT.value and not narrowed:
                narrowed = {
                    pid for pid in candidates if self.level_of(pid) == PlaceLevel.NAMED_FEATURE.value
                }
            candidates = narrowed or candidates
        if len(candidates) == 1:
            return Match(name, next(iter(candidates)))
        if point is not None:
            nearest = self._nearest_point_place(candidates, point)
            if nearest:
                return Match(name, nearest)
        district = self._district_over_its_towns(candidates)
        if district:
            return Match(name, district)
        labels = tuple(
            Suggestion(pid, str(self._names[pid]), 100.0) for pid in sorted(candidates)
        )
        return Match(name, None, N_("ambiguous: several places have this name"), labels)

    def suggest(self, name: str, limit: int = 5) -> list[Suggestion]:
        """Ranked guesses for a name the gazetteer does not know."""
        key = normalise(name).key
        if not key:
            return []
        ranked = process.extract(key, list(self._by_key), scorer=fuzz.WRatio, limit=limit * 3)
        seen: dict[str, Suggestion] = {}
        for matched_key, score, _ in ranked:
            if score < 60:
                continue
            for pid in sorted(self._by_key[matched_key]):
                if pid not in seen:
                    label = f"{self._names[pid]} ({self.level_of(pid)})"
                    seen[pid] = Suggestion(pid, label, round(float(score), 1))
        return sorted(seen.values(), key=lambda s: -s.score)[:limit]

    def level_of(self, place_id: str) -> str:
        """The gazetteer level of a place id."""
        return str(self._levels[place_id])

    def _district_over_its_towns(self, candidates: set[str]) -> str | None:
        districts = [pid for pid in candidates if self.level_of(pid) == PlaceLevel.DISTRICT.value]
        if len(districts) != 1:
            return None
        others = candidates - {districts[0]}
        if all(self._districts[pid] == districts[0] for pid in others):
            return districts[0]
        return None

    def _nearest_point_place(
        self, candidates: set[str], point: tuple[float, float], within_km: float = 5.0
    ) -> str | None:
        lat, lon = point
        best: tuple[float, str] | None = None
        for pid in candidates:
            geometry = self._geometries[pid]
            if geometry is None or geometry.geom_type != "Point":
                continue
            km = _haversine_km(lat, lon, geometry.y, geometry.x)
            if km <= within_km and (best is None or km < best[0]):
                best = (km, pid)
        return best[1] if best else None


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))
