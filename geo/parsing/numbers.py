"""Numbers as people type them: qualifiers, decimal marks, thousands separators, counts."""

from __future__ import annotations

import math
import re
from enum import StrEnum

from geo.i18n import _
from geo.parsing.text import ParseError, clean_text
from geo.vocab import Qualifier

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
NUMBER_PATTERN = re.compile(r"^[+-]?[\d.,]*\d[\d.,]*$")
SIMPLE_NUMBER = re.compile(r"^\s*[+-]?\d{1,15}(\.\d{1,15})?\s*$")  # '39.62', '1400': read directly
SCIENTIFIC = re.compile(r"^\s*[+-]?\d+(\.\d+)?[eE][+-]?\d{1,3}\s*$")  # '1.5E+03' as spreadsheets write
DIGIT_SPACES = ("\u00a0", "\u202f", "\u2009", " ", "'", "’")
MAX_NUMBER = 1e15  # far above any count or area; guards against '1e400' and 400-digit values


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
