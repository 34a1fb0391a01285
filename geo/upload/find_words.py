"""What a file of finds says about itself in words: its name, its layer's name and its
placemarks' names ('Finds May 2024', 'TM-62', 'PHS', 'Мина'), in English, Azerbaijani and
Russian. A point layer whose words say finds is read as finds, never as new places; a
placemark's name that names a device gives the find its category (and model, where it is one)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePath

from geo.parsing import ParseError, clean_text, header_key, parse_device
from geo.vocab import DeviceCategory

PLACEMARK_NAMES = {"name", "title", "label", "placemark", "ad", "название", "description"}
MAX_NAME = 200  # characters of a name looked at
# Words (header-folded: lower case, Azerbaijani letters and accents folded) that say a text is
# about explosive ordnance or its finds.
FIND_WORDS = re.compile(
    r"\b(?:finds?|found|mines?|landmines?|minefields?|uxo|erw|ordnance|munitions?|explosives?|"
    r"unexploded|ied|booby|grenades?|shells?|mortars?|rockets?|submunitions?|"
    r"mina|minalar\w*|phs|sursat\w*|partlamamis|tapinti\w*|askar\w*|qumbara\w*|mermi\w*|"
    r"мина|мины|мин|минами|нвб|воп|боеприпас\w*|находк\w*|наиден\w*|обнаружен\w*|взрывоопасн\w*|"
    r"снаряд\w*|гранат\w*)\b")
# Mine models and their category: the Soviet-designed mines found in the region.
MODEL = re.compile(r"(?<![0-9a-zа-я])(pmn|pmd|ozm|mon|pomz|pfm|tmn|tmk|tmd|tm|"
                   r"пмн|пмд|озм|мон|помз|пфм|тмн|тмк|тмд|тм)\s?(\d{1,3}[a-zа-я]?)?(?![0-9a-zа-я])")
AT_MODELS = {"tm", "tmn", "tmk", "tmd", "тм", "тмн", "тмк", "тмд"}
NEEDS_NUMBER = {"tm", "тм", "mon", "мон"}  # 'TM' or 'MON' alone is not a mine
WORDS = (  # (words in the folded text, category), the more specific first
    (("ied", "booby", "improvised", "мина ловушка", "сву"), DeviceCategory.IED_BOOBY_TRAP),
    (("anti personnel", "ap mine", "apm", "piyada eleyhine", "противопехотн"), DeviceCategory.AP_MINE),
    (("anti tank", "at mine", "atm", "tank eleyhine", "противотанков"), DeviceCategory.AT_MINE),
    (("uxo", "erw", "unexploded", "phs", "partlamamis", "нвб", "неразорвав", "shell", "mortar",
      "grenade", "rocket", "projectile", "submunition", "cluster", "mermi", "qumbara", "kasetli",
      "снаряд", "граната", "ракета", "кассетн"), DeviceCategory.UXO),
)
_LATIN = str.maketrans({"м": "m", "т": "t", "н": "n", "к": "k", "д": "d", "п": "p", "о": "o",
                        "з": "z", "ф": "f"})


MINE_ACTION = re.compile(r"\bmine action\b")  # the sector's name, not a find


def says_finds(text: object) -> bool:
    """Whether a text (a file, layer or placemark name) speaks of ordnance or its finds."""
    folded = MINE_ACTION.sub(" ", header_key(str(text)[:MAX_NAME]))
    return bool(folded) and (FIND_WORDS.search(folded) is not None or device_of_name(folded)[0] is not None)


def file_says_finds(file_name: str, titles: Iterable[str], names: Iterable[object]) -> bool:
    """Whether a file's name or its layer's name says finds, or most of its placemarks' names do."""
    if says_finds(PurePath(file_name).stem.replace("_", " ")) or any(says_finds(t) for t in titles):
        return True
    given = [n for n in names if isinstance(n, str) and n.strip()]
    return bool(given) and sum(says_finds(n) for n in given) * 2 >= len(given)


def device_of_name(text: object) -> tuple[DeviceCategory | None, str]:
    """The device a name names, and its model where it is one: 'TM-62M' is an AT mine of model
    TM-62M, 'PHS' is UXO, 'Mina' alone names no category (an AP or an AT mine)."""
    raw = clean_text(text)[:MAX_NAME]
    try:
        return parse_device(raw), ""
    except ParseError:
        pass
    folded = header_key(raw)
    if match := MODEL.search(folded):
        prefix, number = match.group(1), match.group(2) or ""
        if number or prefix not in NEEDS_NUMBER:
            category = DeviceCategory.AT_MINE if prefix in AT_MODELS else DeviceCategory.AP_MINE
            model = prefix.translate(_LATIN).upper() + (f"-{number.translate(_LATIN).upper()}"
                                                        if number else "")
            return category, model
    for words, category in WORDS:
        if any(re.search(rf"(?<![0-9a-zа-я]){re.escape(w)}", folded) for w in words):
            return category, ""
    return None, ""
