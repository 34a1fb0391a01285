"""Cell text as people type it: normalised, folded for header lookup, refused when unsafe."""

from __future__ import annotations

import math
import re
import unicodedata

from geo.i18n import N_


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
