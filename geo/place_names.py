"""Place names in the interface language: Laçın / Лачин / Lachin, where the gazetteer has them.

Azerbaijani uses the official name; Russian the gazetteer's Cyrillic name of the place (a
district: of its seat) that reads closest to the English name (Лачин, not the Soviet-era
Абдаляр); where the gazetteer has no such name the English one stands.
"""

from __future__ import annotations

import re

import pandas as pd
from rapidfuzz import fuzz

from geo.i18n import country_name

CYRILLIC = re.compile("[\u0400-\u04ff]")
RUSSIAN_USAGES = ("cyrillic_russian", "name_of_its_seat")
DIGRAPHS = {"kh": "х", "sh": "ш", "ch": "ч", "zh": "ж", "ts": "ц", "ya": "я", "yu": "ю",
            "gh": "г"}
LETTERS = dict(zip("abcdefghijklmnopqrstuvwxyz", ["а", "б", "к", "д", "е", "ф", "г", "х", "и",
                                                  "дж", "к", "л", "м", "н", "о", "п", "к", "р",
                                                  "с", "т", "у", "в", "в", "кс", "й", "з"],
                   strict=True))
MIN_LIKENESS = 60


def cyrillic_guess(name: str) -> str:
    """A rough Russian transliteration of an English name, only to rank the gazetteer's names."""
    text, out, i = name.lower(), [], 0
    while i < len(text):
        pair = text[i:i + 2]
        if pair in DIGRAPHS:
            out.append(DIGRAPHS[pair])
            i += 2
            continue
        out.append(LETTERS.get(text[i], text[i]))
        i += 1
    return "".join(out)


def _russian(english: str, candidates: list[str]) -> str:
    if not candidates:
        return english
    guess = cyrillic_guess(english)
    best = max(candidates, key=lambda name: (fuzz.ratio(guess, name.lower()), -candidates.index(name)))
    return best if fuzz.ratio(guess, best.lower()) >= MIN_LIKENESS else english


def localized_names(places: pd.DataFrame, names: pd.DataFrame, language: str) -> dict[str, str]:
    """Place id -> name in `language` ('en', 'az', 'ru'), the English name where none is known
    (a country the gazetteer names in English only: the CLDR's name)."""
    english = dict(zip(places["place_id"], places["name"], strict=True))
    if language not in ("az", "ru"):
        return english
    countries = places["level"] == "country"  # the gazetteer names most of them in English only
    known = {**english, **{place_id: country_name(name, language) for place_id, name in zip(
        places.loc[countries, "place_id"], places.loc[countries, "name"], strict=True)}}
    if language == "az":
        return {place_id: official if isinstance(official, str) and official else known[place_id]
                for place_id, official in zip(places["place_id"], places["name_az"], strict=True)}
    cyrillic: dict[str, list[str]] = {}
    rows = names[names["usage"].isin(RUSSIAN_USAGES) & names["name"].str.contains(CYRILLIC)]
    for place_id, name in zip(rows["place_id"], rows["name"], strict=True):
        cyrillic.setdefault(place_id, []).append(name)
    return {place_id: shown if (shown := _russian(name, cyrillic.get(place_id, []))) != name
            else known[place_id] for place_id, name in english.items()}
