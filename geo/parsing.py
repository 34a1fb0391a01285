"""Parsing values as people really type them: numbers, qualifiers, dates, units, headers."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import TypeVar

from geo.vocab import DeviceCategory, EventKind, Qualifier, Unit

QUALIFIER_WORDS: list[tuple[str, Qualifier]] = [
    ("more than", Qualifier.MORE_THAN), ("over", Qualifier.MORE_THAN),
    ("above", Qualifier.MORE_THAN), ("at least", Qualifier.MORE_THAN),
    ("in excess of", Qualifier.MORE_THAN), (">=", Qualifier.MORE_THAN), (">", Qualifier.MORE_THAN),
    ("approximately", Qualifier.ABOUT), ("approx.", Qualifier.ABOUT), ("approx", Qualifier.ABOUT),
    ("about", Qualifier.ABOUT), ("around", Qualifier.ABOUT), ("some", Qualifier.ABOUT),
    ("nearly", Qualifier.ABOUT), ("almost", Qualifier.ABOUT), ("~", Qualifier.ABOUT),
    ("≈", Qualifier.ABOUT), ("ca.", Qualifier.ABOUT), ("up to", Qualifier.UP_TO),
    ("less than", Qualifier.UP_TO), ("<=", Qualifier.UP_TO), ("<", Qualifier.UP_TO),
    ("exactly", Qualifier.EXACT),
]
QUALIFIER_CODES = {q.value: q for q in Qualifier} | {
    "more than": Qualifier.MORE_THAN, "about": Qualifier.ABOUT, "up to": Qualifier.UP_TO, "": Qualifier.EXACT,
}
UNIT_SYNONYMS = {
    "ha": Unit.HA, "hectare": Unit.HA, "hectares": Unit.HA, "hectar": Unit.HA, "га": Unit.HA,
    "m2": Unit.M2, "m²": Unit.M2, "sq m": Unit.M2, "square metres": Unit.M2,
    "square meters": Unit.M2, "sqm": Unit.M2, "km2": Unit.KM2, "km²": Unit.KM2,
    "sq km": Unit.KM2, "square kilometres": Unit.KM2, "square kilometers": Unit.KM2,
    "count": Unit.COUNT, "number": Unit.COUNT, "items": Unit.COUNT, "pcs": Unit.COUNT,
    "people": Unit.COUNT, "persons": Unit.COUNT, "%": Unit.PCT, "pct": Unit.PCT,
    "percent": Unit.PCT,
}
DEVICE_SYNONYMS = {
    "ap_mine": DeviceCategory.AP_MINE, "ap mine": DeviceCategory.AP_MINE,
    "ap": DeviceCategory.AP_MINE, "anti-personnel mine": DeviceCategory.AP_MINE,
    "anti personnel mine": DeviceCategory.AP_MINE, "antipersonnel mine": DeviceCategory.AP_MINE,
    "at_mine": DeviceCategory.AT_MINE, "at mine": DeviceCategory.AT_MINE,
    "at": DeviceCategory.AT_MINE, "anti-tank mine": DeviceCategory.AT_MINE,
    "anti tank mine": DeviceCategory.AT_MINE, "antitank mine": DeviceCategory.AT_MINE,
    "uxo": DeviceCategory.UXO, "unexploded ordnance": DeviceCategory.UXO,
    "ied_booby_trap": DeviceCategory.IED_BOOBY_TRAP, "ied": DeviceCategory.IED_BOOBY_TRAP,
    "booby trap": DeviceCategory.IED_BOOBY_TRAP, "booby-trap": DeviceCategory.IED_BOOBY_TRAP,
    "booby traps": DeviceCategory.IED_BOOBY_TRAP, "ied / booby trap": DeviceCategory.IED_BOOBY_TRAP,
}
EVENT_KIND_SYNONYMS = {
    "find": EventKind.FIND, "found": EventKind.FIND, "discovery": EventKind.FIND,
    "incident": EventKind.INCIDENT, "accident": EventKind.INCIDENT,
    "explosion": EventKind.INCIDENT, "casualty": EventKind.INCIDENT,
}
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d", "%d.%m.%y")
T = TypeVar("T")
NUMBER_PATTERN = re.compile(r"^[+-]?[\d\s.,'\u00a0\u202f]*\d[\d\s.,'\u00a0\u202f]*$")


class ParseError(ValueError):
    """A value that cannot be read; its message says why in plain words."""


def clean_text(value: object) -> str:
    """Cell text with Unicode normalised and outer whitespace removed."""
    if value is None:
        return ""
    return unicodedata.normalize("NFC", str(value)).strip()


def header_key(name: str) -> str:
    """Header folded for synonym lookup: 'Area (ha)' -> 'area ha'."""
    text = clean_text(name).lstrip("\ufeff").casefold()
    text = text.replace("²", "2")
    return re.sub(r"[^a-z0-9%а-я]+", " ", text).strip()


def split_qualifier(text: str) -> tuple[Qualifier, str]:
    """('more than', '1,400') from 'more than 1,400'; exact when there is no qualifier."""
    lowered = clean_text(text).casefold()
    for words, qualifier in QUALIFIER_WORDS:
        if lowered.startswith(words):
            return qualifier, lowered[len(words):].strip()
    return Qualifier.EXACT, lowered


def parse_number(text: str) -> float:
    """A number with thousands separators or a decimal comma.

    '54,841', '54 841' and '54.841,0' are 54841; '3,52' is 3.52; '1.234,5' is 1234.5.
    A single comma or dot followed by exactly three digits is a thousands separator.
    """
    raw = clean_text(text)
    for space in ("\u00a0", "\u202f", " ", "'"):
        raw = raw.replace(space, "")
    if not raw or not NUMBER_PATTERN.match(raw):
        raise ParseError(f"{text!r} is not a number")
    commas, dots = raw.count(","), raw.count(".")
    if commas and dots:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        raw = raw.replace(thousands, "").replace(decimal, ".")
    elif commas or dots:
        separator = "," if commas else "."
        groups = raw.lstrip("+-").split(separator)
        is_thousands = (len(groups) > 2 or len(groups[-1]) == 3) and all(
            len(g) == 3 for g in groups[1:]) and groups[0] not in ("", "0")
        raw = raw.replace(separator, "") if is_thousands else raw.replace(separator, ".")
    try:
        return float(raw)
    except ValueError as error:
        raise ParseError(f"{text!r} is not a number") from error


def parse_quantity(text: str) -> tuple[float, Qualifier]:
    """Value and qualifier from text such as 'more than 1,400' or 'about 41 915'."""
    qualifier, rest = split_qualifier(text)
    return parse_number(rest), qualifier


def parse_date(text: str) -> dt.date:
    """ISO (2023-12-31), dd.mm.yyyy (31.12.2023) or dd/mm/yyyy dates."""
    raw = clean_text(text)
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    raw = raw.split(" ")[0].split("T")[0]
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise ParseError(f"{text!r} is not a date (use 2023-12-31 or 31.12.2023)")


def synonym_parser(table: Mapping[str, T], what: str) -> Callable[[str], T]:
    """A parser that looks text up in a table of spellings (as typed, then header-folded)."""
    def parse(text: str) -> T:
        key = clean_text(text).casefold()
        for candidate in (key, header_key(key)):
            if candidate in table:
                return table[candidate]
        raise ParseError(f"unknown {what} {text!r}")
    return parse


parse_unit = synonym_parser(UNIT_SYNONYMS, "unit (use ha, m2, km2, count or %)")
parse_event_kind = synonym_parser(EVENT_KIND_SYNONYMS, "event kind (use find or incident)")


def parse_qualifier(text: str) -> Qualifier:
    """Qualifier code from 'more than', 'more_than', 'about', 'up to' or ''."""
    key = clean_text(text).casefold()
    if key in QUALIFIER_CODES:
        return QUALIFIER_CODES[key]
    qualifier, rest = split_qualifier(key)
    if not rest:
        return qualifier
    raise ParseError(f"unknown qualifier {text!r} (use exact, more than, about or up to)")


def parse_device(text: str) -> DeviceCategory:
    """Device category from 'AP mine', 'anti-tank mine', 'UXO', 'booby trap'…"""
    key = re.sub(r"\s+", " ", clean_text(text).casefold())
    if key in DEVICE_SYNONYMS:
        return DEVICE_SYNONYMS[key]
    if key.endswith("s") and key[:-1] in DEVICE_SYNONYMS:
        return DEVICE_SYNONYMS[key[:-1]]
    raise ParseError(f"unknown device category {text!r} (use AP mine, AT mine, UXO or booby trap)")


FORMULA_START = ("=", "+", "-", "@")
MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|javascript:", re.IGNORECASE)


def unsafe_text_reason(text: str) -> str | None:
    """Why a text cell is refused (markup or a spreadsheet formula), or None if it is fine."""
    if MARKUP.search(text):
        return "contains HTML or script markup"
    if text.startswith(FORMULA_START) and len(text) > 1:
        return "starts like a spreadsheet formula (=, +, -, @)"
    if any(ord(c) < 32 and c not in "\t\n\r" for c in text):
        return "contains control characters"
    return None
