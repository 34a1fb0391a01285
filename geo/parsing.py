"""Parsing values as people really type them: numbers, qualifiers, dates, units, headers.

Nothing is read quietly: a value is read exactly, or a ParseError says why in plain words.
Where text is ambiguous ("1,286" is 1286 or 1.286; "03/04/2023" is 3 April or 4 March) the
caller decides for the whole file (see `DecimalMark` and `DateOrder`).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import unicodedata
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import TypeVar

from geo.i18n import N_, _
from geo.vocab import DeviceCategory, EventKind, Qualifier, Unit

QUALIFIER_WORDS: list[tuple[str, Qualifier]] = [
    ("more than", Qualifier.MORE_THAN), ("over", Qualifier.MORE_THAN),
    ("above", Qualifier.MORE_THAN), ("at least", Qualifier.MORE_THAN),
    ("in excess of", Qualifier.MORE_THAN), ("более", Qualifier.MORE_THAN),
    ("свыше", Qualifier.MORE_THAN), ("больше", Qualifier.MORE_THAN),
    ("çox", Qualifier.MORE_THAN), (">=", Qualifier.MORE_THAN), (">", Qualifier.MORE_THAN),
    ("approximately", Qualifier.ABOUT), ("approx.", Qualifier.ABOUT), ("approx", Qualifier.ABOUT),
    ("about", Qualifier.ABOUT), ("around", Qualifier.ABOUT), ("some", Qualifier.ABOUT),
    ("nearly", Qualifier.ABOUT), ("almost", Qualifier.ABOUT), ("около", Qualifier.ABOUT),
    ("примерно", Qualifier.ABOUT), ("təxminən", Qualifier.ABOUT), ("~", Qualifier.ABOUT),
    ("≈", Qualifier.ABOUT), ("ca.", Qualifier.ABOUT), ("up to", Qualifier.UP_TO),
    ("less than", Qualifier.UP_TO), ("до", Qualifier.UP_TO), ("<=", Qualifier.UP_TO),
    ("<", Qualifier.UP_TO), ("exactly", Qualifier.EXACT),
]
QUALIFIER_CODES = {q.value: q for q in Qualifier} | {
    "more than": Qualifier.MORE_THAN, "about": Qualifier.ABOUT, "up to": Qualifier.UP_TO, "": Qualifier.EXACT,
}
UNIT_SYNONYMS = {
    "ha": Unit.HA, "hectare": Unit.HA, "hectares": Unit.HA, "hectar": Unit.HA, "га": Unit.HA,
    "hektar": Unit.HA, "гектар": Unit.HA, "гектаров": Unit.HA,
    "m2": Unit.M2, "m²": Unit.M2, "sq m": Unit.M2, "square metres": Unit.M2, "м2": Unit.M2,
    "square meters": Unit.M2, "sqm": Unit.M2, "km2": Unit.KM2, "km²": Unit.KM2, "км2": Unit.KM2,
    "sq km": Unit.KM2, "square kilometres": Unit.KM2, "square kilometers": Unit.KM2,
    "count": Unit.COUNT, "number": Unit.COUNT, "items": Unit.COUNT, "pcs": Unit.COUNT,
    "people": Unit.COUNT, "persons": Unit.COUNT, "%": Unit.PCT, "pct": Unit.PCT,
    "percent": Unit.PCT, "ədəd": Unit.COUNT, "шт": Unit.COUNT, "nəfər": Unit.COUNT,
}
DEVICE_SYNONYMS = {
    "ap_mine": DeviceCategory.AP_MINE, "ap mine": DeviceCategory.AP_MINE,
    "ap": DeviceCategory.AP_MINE, "anti-personnel mine": DeviceCategory.AP_MINE,
    "anti personnel mine": DeviceCategory.AP_MINE, "antipersonnel mine": DeviceCategory.AP_MINE,
    "anti-personnel": DeviceCategory.AP_MINE, "apm": DeviceCategory.AP_MINE,
    "piyada əleyhinə mina": DeviceCategory.AP_MINE, "противопехотная мина": DeviceCategory.AP_MINE,
    "at_mine": DeviceCategory.AT_MINE, "at mine": DeviceCategory.AT_MINE,
    "at": DeviceCategory.AT_MINE, "anti-tank mine": DeviceCategory.AT_MINE,
    "anti tank mine": DeviceCategory.AT_MINE, "antitank mine": DeviceCategory.AT_MINE,
    "anti-tank": DeviceCategory.AT_MINE, "atm": DeviceCategory.AT_MINE,
    "tank əleyhinə mina": DeviceCategory.AT_MINE, "противотанковая мина": DeviceCategory.AT_MINE,
    "uxo": DeviceCategory.UXO, "unexploded ordnance": DeviceCategory.UXO, "erw": DeviceCategory.UXO,
    "partlamamış hərbi sursat": DeviceCategory.UXO, "неразорвавшийся боеприпас": DeviceCategory.UXO,
    "ied_booby_trap": DeviceCategory.IED_BOOBY_TRAP, "ied": DeviceCategory.IED_BOOBY_TRAP,
    "booby trap": DeviceCategory.IED_BOOBY_TRAP, "booby-trap": DeviceCategory.IED_BOOBY_TRAP,
    "booby traps": DeviceCategory.IED_BOOBY_TRAP, "ied / booby trap": DeviceCategory.IED_BOOBY_TRAP,
    "improvised explosive device": DeviceCategory.IED_BOOBY_TRAP,
    "мина-ловушка": DeviceCategory.IED_BOOBY_TRAP,
}
EVENT_KIND_SYNONYMS = {
    "find": EventKind.FIND, "found": EventKind.FIND, "discovery": EventKind.FIND,
    "finding": EventKind.FIND, "item found": EventKind.FIND, "находка": EventKind.FIND,
    "incident": EventKind.INCIDENT, "accident": EventKind.INCIDENT,
    "explosion": EventKind.INCIDENT, "casualty": EventKind.INCIDENT,
    "mine incident": EventKind.INCIDENT, "mine accident": EventKind.INCIDENT,
    "подрыв": EventKind.INCIDENT, "partlayış": EventKind.INCIDENT, "hadisə": EventKind.INCIDENT,
}
T = TypeVar("T")
NUMBER_PATTERN = re.compile(r"^[+-]?[\d.,]*\d[\d.,]*$")
SIMPLE_NUMBER = re.compile(r"^\s*[+-]?\d{1,15}(\.\d{1,15})?\s*$")  # '39.62', '1400': read directly
SCIENTIFIC = re.compile(r"^\s*[+-]?\d+(\.\d+)?[eE][+-]?\d{1,3}\s*$")  # '1.5E+03' as spreadsheets write
DIGIT_SPACES = ("\u00a0", "\u202f", "\u2009", " ", "'", "’")
MAX_NUMBER = 1e15  # far above any count or area; guards against '1e400' and 400-digit values


class ParseError(ValueError):
    """A value that cannot be read; its message says why in plain words."""


def clean_text(value: object) -> str:
    """Cell text with Unicode normalised and outer whitespace removed."""
    if value is None:
        return ""
    if type(value) is str and value.isascii():
        return value.strip()
    if isinstance(value, float) and math.isnan(value):
        return ""
    return unicodedata.normalize("NFC", str(value)).strip().strip("\ufeff").strip()


HEADER_FOLDS = str.maketrans({"ə": "e", "ı": "i", "ş": "s", "ç": "c", "ğ": "g", "ö": "o",
                              "ü": "u", "²": "2", "ё": "е"})


def header_key(name: object) -> str:
    """Header folded for synonym lookup: 'Area (ha)' -> 'area ha', 'Sahə (ha)' -> 'sahe ha'."""
    text = clean_text(name).lstrip("\ufeff").casefold().translate(HEADER_FOLDS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9%а-я]+", " ", text).strip()


def split_qualifier(text: str) -> tuple[Qualifier, str]:
    """('more than', '1,400') from 'more than 1,400'; exact when there is no qualifier."""
    lowered = clean_text(text).casefold()
    for words, qualifier in QUALIFIER_WORDS:
        if lowered.startswith(words):
            return qualifier, lowered[len(words):].strip()
    return Qualifier.EXACT, lowered


class DecimalMark(StrEnum):
    """The file's decimal mark: with a point, ',' groups thousands ('1,286' is 1286); with a
    comma, '.' or a space does ('1.286' is 1286, '1,286' is 1.286)."""

    POINT = "point"
    COMMA = "comma"


def _compact(text: str) -> str:
    raw = clean_text(text)
    for space in DIGIT_SPACES:
        raw = raw.replace(space, "")
    return raw


def _groups(raw: str, separator: str) -> list[str]:
    return raw.lstrip("+-").split(separator)


def is_ambiguous_number(text: str) -> bool:
    """'1,286' or '3.141': one separator, then exactly three digits, 1-3 digits before it."""
    raw = _compact(text)
    if raw.count(",") + raw.count(".") != 1 or not NUMBER_PATTERN.match(raw):
        return False
    groups = _groups(raw, "," if "," in raw else ".")
    return len(groups[1]) == 3 and 1 <= len(groups[0]) <= 3 and groups[0] != "0"


def decimal_mark_evidence(text: str) -> DecimalMark | None:
    """The decimal mark an unambiguous number shows, if any.

    '3,52', '1.286,9' and '1.286.000' show a decimal comma; '3.52', '1,286.9' and '1,286,000'
    a decimal point; '1,286' and '1400' show nothing.
    """
    raw = _compact(text)
    if not NUMBER_PATTERN.match(raw) or is_ambiguous_number(raw):
        return None
    commas, dots = raw.count(","), raw.count(".")
    if commas and dots:
        return DecimalMark.COMMA if raw.rfind(",") > raw.rfind(".") else DecimalMark.POINT
    if not commas and not dots:
        return None
    separator = "," if commas else "."
    groups = _groups(raw, separator)
    grouping = len(groups) > 2 and all(len(g) == 3 for g in groups[1:])
    is_comma = separator == ","
    return DecimalMark.POINT if grouping == is_comma else DecimalMark.COMMA


def parse_number(text: object, mark: DecimalMark = DecimalMark.POINT, whole: bool = False) -> float:
    """A finite number from a cell: numbers as they are, text with separators read carefully.

    '54,841', '54 841' and '54.841,0' are 54841; '3,52' is 3.52; '1.234,5' is 1234.5;
    '1234.567' is 1234.567 (a thousands group never follows four digits). A lone separator
    before exactly three digits ('1,286') is read by the file's decimal `mark`, except for a
    count (`whole`), which has no fraction: '1,400' mines are 1400.
    """
    if isinstance(text, bool):
        raise ParseError(_("{value} is not a number").format(value=repr(text)))
    if isinstance(text, int | float):
        return _finite(float(text), text)
    if type(text) is str and SIMPLE_NUMBER.match(text):
        plain = text.strip()
        if not is_ambiguous_number(plain):
            return _finite(float(plain), text)
    if type(text) is str and SCIENTIFIC.match(text):
        return _finite(float(text), text)
    raw = _compact(str(text))
    if not raw or not NUMBER_PATTERN.match(raw) or len(raw) > 40:
        raise ParseError(_("{value} is not a number").format(value=repr(clean_text(text))))
    commas, dots = raw.count(","), raw.count(".")
    if commas and dots:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        if raw.count(decimal) > 1 or not _grouped(raw.split(decimal)[0], thousands):
            raise ParseError(_("{value} is not a number (mixed separators)").format(
                value=repr(clean_text(text))))
        raw = raw.replace(thousands, "").replace(decimal, ".")
    elif commas or dots:
        separator = "," if commas else "."
        groups = _groups(raw, separator)
        if len(groups) > 2:
            if not _grouped(raw, separator):
                raise ParseError(_("{value} is not a number").format(value=repr(clean_text(text))))
            raw = raw.replace(separator, "")
        elif is_ambiguous_number(raw):
            is_decimal = not whole and (separator == ",") == (mark == DecimalMark.COMMA)
            raw = raw.replace(separator, "." if is_decimal else "")
        else:
            raw = raw.replace(separator, ".")
    try:
        number = float(raw)
    except ValueError as error:
        raise ParseError(_("{value} is not a number").format(value=repr(clean_text(text)))) from error
    return _finite(number, text)


def _grouped(raw: str, separator: str) -> bool:
    """'1,286,000': a first group of 1-3 digits, then groups of exactly three."""
    groups = _groups(raw, separator)
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _finite(value: float, shown: object) -> float:
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        raise ParseError(_("{value} is too large to be a real figure").format(
            value=repr(clean_text(shown)[:40])))
    return value


def parse_quantity(text: object, mark: DecimalMark = DecimalMark.POINT,
                   whole: bool = False) -> tuple[float, Qualifier]:
    """Value and qualifier from text such as 'more than 1,400' or 'about 41 915'."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        return parse_number(text), Qualifier.EXACT
    qualifier, rest = split_qualifier(str(text))
    return parse_number(rest, mark, whole), qualifier


# --- dates --------------------------------------------------------------------------------

class DateOrder(StrEnum):
    """How a date such as 03/04/2023 is read: day first (3 April) or month first (4 March)."""

    DAY_FIRST = "day_first"
    MONTH_FIRST = "month_first"


EARLIEST_ENV = "MINEDASH_EARLIEST_DATE"
LATEST_ENV = "MINEDASH_LATEST_DATE"
DEFAULT_EARLIEST = dt.date(1988, 1, 1)  # before the first mine-action records of the conflict
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
NUMERIC_DATE = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})$")
SLASH_YEAR_FIRST = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
MONTHS = {
    **{m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june",
                                   "july", "august", "september", "october", "november",
                                   "december"], start=1)},
    **{m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                   "sep", "oct", "nov", "dec"], start=1)},
    "sept": 9,
    **{m: i for i, m in enumerate(["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul",
                                   "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr"], start=1)},
    **{m: i for i, m in enumerate(["января", "февраля", "марта", "апреля", "мая", "июня",
                                   "июля", "августа", "сентября", "октября", "ноября",
                                   "декабря"], start=1)},
    **{m: i for i, m in enumerate(["январь", "февраль", "март", "апрель", "май", "июнь",
                                   "июль", "август", "сентябрь", "октябрь", "ноябрь",
                                   "декабрь"], start=1)},
}
WORD_DATE = re.compile(r"^(\d{1,2})\s+([^\W\d_]+)\.?,?\s+(\d{4})$")
WORD_DATE_US = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")


def plausible_dates() -> tuple[dt.date, dt.date]:
    """Dates a figure or event can have: 1988 to a year after today, or as configured."""
    earliest = _env_date(EARLIEST_ENV) or DEFAULT_EARLIEST
    latest = _env_date(LATEST_ENV) or dt.date.today() + dt.timedelta(days=366)
    return earliest, latest


def _env_date(name: str) -> dt.date | None:
    value = os.environ.get(name, "").strip()
    return dt.date.fromisoformat(value) if value else None


def is_ambiguous_date(text: object) -> bool:
    """'03/04/2023': both parts could be the month."""
    if not isinstance(text, str) or "/" not in text:
        return False
    match = NUMERIC_DATE.match(clean_text(text))
    return bool(match) and match.group(2) == "/" and int(match.group(1)) <= 12 and int(match.group(3)) <= 12 \
        and match.group(1) != match.group(3)


def date_order_evidence(text: object) -> DateOrder | None:
    """'25/10/2022' shows day-first dates, '10/25/2022' month-first; others say nothing."""
    if not isinstance(text, str) or "/" not in text:
        return None
    match = NUMERIC_DATE.match(clean_text(text))
    if not match or match.group(2) != "/":
        return None
    first, second = int(match.group(1)), int(match.group(3))
    if first > 12 >= second:
        return DateOrder.DAY_FIRST
    if second > 12 >= first:
        return DateOrder.MONTH_FIRST
    return None


def parse_date(value: object, order: DateOrder = DateOrder.DAY_FIRST) -> dt.date:
    """A date from a cell: a spreadsheet date, ISO text, dd.mm.yyyy, or '31 December 2023'.

    Text after the date, impossible days or times, and dates outside the plausible range
    (`plausible_dates`) are refused, never trimmed.
    """
    if isinstance(value, dt.datetime):
        return _plausible(value.date(), value)
    if isinstance(value, dt.date):
        return _plausible(value, value)
    raw = re.sub(r"\s+", " ", clean_text(value))
    if not raw or isinstance(value, bool | int | float):
        raise ParseError(_("{value} is not a date (use 2023-12-31 or 31.12.2023)").format(value=repr(raw)))
    return _plausible(_date_from_text(raw, order), raw)


def _date_from_text(raw: str, order: DateOrder) -> dt.date:
    try:
        if ISO_DATETIME.match(raw):
            return dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
        if match := ISO_DATE.match(raw):
            return dt.date(*(int(g) for g in match.groups()))
        if match := SLASH_YEAR_FIRST.match(raw):
            return dt.date(*(int(g) for g in match.groups()))
        if match := NUMERIC_DATE.match(raw):
            first, separator, second, year = match.groups()
            day, month = int(first), int(second)
            if separator == "/" and order == DateOrder.MONTH_FIRST:
                day, month = month, day
            full_year = int(year) if len(year) == 4 else 2000 + int(year)
            return dt.date(full_year, month, day)
        if match := WORD_DATE.match(raw.casefold()):
            day, month_word, year = match.groups()
            return dt.date(int(year), _month(month_word, raw), int(day))
        if match := WORD_DATE_US.match(raw.casefold()):
            month_word, day, year = match.groups()
            return dt.date(int(year), _month(month_word, raw), int(day))
    except ValueError as error:
        raise ParseError(_("{value} is not a real date ({error})").format(
            value=repr(raw), error=error)) from error
    leading = re.match(r"^(\d{4}-\d{2}-\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})\S*\s*(.+)$", raw)
    if leading:
        raise ParseError(_("{value}: text after the date ({text}); put remarks in a note column").format(
            value=repr(raw), text=repr(leading.group(2))))
    raise ParseError(_("{value} is not a date (use 2023-12-31 or 31.12.2023)").format(value=repr(raw)))


def _month(word: str, raw: str) -> int:
    if word not in MONTHS:
        raise ParseError(_("{value} is not a date (unknown month {month})").format(
            value=repr(raw), month=repr(word)))
    return MONTHS[word]


def _plausible(date: dt.date, shown: object) -> dt.date:
    earliest, latest = plausible_dates()
    if not earliest <= date <= latest:
        raise ParseError(_("{value} is outside the plausible range {start} to {end} (a typo?)").format(
            value=repr(clean_text(shown)[:30]), start=earliest.isoformat(), end=latest.isoformat()))
    return date


# --- words --------------------------------------------------------------------------------

def synonym_parser(table: Mapping[str, T], what: str) -> Callable[[object], T]:
    """A parser that looks text up in a table of spellings (as typed, then header-folded)."""
    folded = {header_key(k): v for k, v in table.items()}

    def parse(text: object) -> T:
        key = clean_text(text).casefold()
        if key in table:
            return table[key]
        if header_key(key) in folded:
            return folded[header_key(key)]
        raise ParseError(_("unknown {what}: {value}").format(what=_(what), value=repr(clean_text(text)[:60])))
    return parse


parse_unit = synonym_parser(UNIT_SYNONYMS, N_("unit (use ha, m2, km2, count or %)"))
parse_event_kind = synonym_parser(EVENT_KIND_SYNONYMS, N_("event kind (use find or incident)"))


def parse_qualifier(text: object) -> Qualifier:
    """Qualifier code from 'more than', 'more_than', 'about', 'up to' or ''."""
    key = clean_text(text).casefold()
    if key in QUALIFIER_CODES:
        return QUALIFIER_CODES[key]
    qualifier, rest = split_qualifier(key)
    if not rest:
        return qualifier
    raise ParseError(_("unknown qualifier {value} (use exact, more than, about or up to)").format(
        value=repr(clean_text(text))))


_DEVICES_FOLDED = {header_key(k): v for k, v in DEVICE_SYNONYMS.items()}


def parse_device(text: object) -> DeviceCategory:
    """Device category from 'AP mine', 'anti-tank mines', 'UXO', 'booby trap'…"""
    key = header_key(text)
    for candidate in (key, key[:-1] if key.endswith("s") else key, key.removesuffix("es")):
        if candidate in _DEVICES_FOLDED:
            return _DEVICES_FOLDED[candidate]
    raise ParseError(_("unknown device category {value} (use AP mine, AT mine, UXO or booby trap)").format(
        value=repr(clean_text(text)[:60])))


FORMULA_START = ("=", "+", "-", "@")
MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|javascript:", re.IGNORECASE)


def unsafe_text_reason(text: str) -> str | None:
    """Why a text cell is refused (markup or a spreadsheet formula), or None if it is fine."""
    if MARKUP.search(text):
        return N_("contains HTML or script markup")
    if text.startswith(FORMULA_START) and len(text) > 1:
        return N_("starts like a spreadsheet formula (=, +, -, @)")
    if any(ord(c) < 32 and c not in "\t\n\r" for c in text):
        return N_("contains control characters")
    if any(unicodedata.category(c) in ("Cf", "Co", "Cs") and c not in "\u200c\u200d" for c in text):
        return N_("contains invisible or private-use characters")
    return None
