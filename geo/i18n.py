"""Interface languages: gettext catalogs, the language in force, numbers and dates per locale.

One translation function, `_`, for every string a person reads; `n_` when the wording
depends on a count (Russian has three plural forms); `N_` marks a string kept in a constant
and translated where it is shown. The language in force is a context variable: app.py sets
it at the start of each run (each Streamlit session runs in its own thread), the map's
endpoint for each request. Catalogs are `locales/<lang>/LC_MESSAGES/minedash.po`, compiled
to `.mo` by `make i18n`, or in memory at start when the `.mo` is missing or older.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "minedash"
ENGLISH = "en"
LANGUAGES: dict[str, str] = {"en": "English", "az": "Azərbaycan dili", "ru": "Русский"}
TRANSLATED = ("az", "ru")  # English is the source language of every message

_language: ContextVar[str] = ContextVar("minedash_language", default=ENGLISH)


def current_language() -> str:
    """The language in force ('en', 'az' or 'ru')."""
    return _language.get()


def set_language(code: str) -> None:
    """Make `code` the language in force for this thread's context (unknown codes: English)."""
    _language.set(code if code in LANGUAGES else ENGLISH)


@contextmanager
def language(code: str) -> Iterator[None]:
    """The language in force inside a `with` block (the map's endpoint, tests)."""
    token = _language.set(code if code in LANGUAGES else ENGLISH)
    try:
        yield
    finally:
        _language.reset(token)


def language_from_locale(locale: str | None) -> str:
    """The interface language for a browser locale ('ru-RU' -> 'ru'); English otherwise."""
    code = (locale or "").replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else ENGLISH


def po_path(code: str) -> Path:
    """Where a language's catalog lives in the repository."""
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=len(LANGUAGES))
def catalog(code: str) -> gettext.NullTranslations:
    """The compiled catalog of a language: its `.mo`, or the `.po` compiled in memory."""
    source = po_path(code)
    if code == ENGLISH or not source.exists():
        return gettext.NullTranslations()
    compiled = source.with_suffix(".mo")
    if compiled.exists() and compiled.stat().st_mtime >= source.stat().st_mtime:
        return gettext.GNUTranslations(io.BytesIO(compiled.read_bytes()))
    with source.open("rb") as handle:
        messages = read_po(handle, locale=code, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, messages)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _(message: str) -> str:
    """The message in the language in force (the English text when it has no translation)."""
    return catalog(current_language()).gettext(message) if message else message


def n_(singular: str, plural: str, count: int) -> str:
    """The singular or (language-specific) plural form for `count`."""
    return catalog(current_language()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a message for the catalogs where it is defined; translate it with `_` where shown."""
    return message


def translated(labels: Mapping[str, str]) -> dict[str, str]:
    """A code -> label mapping with every label in the language in force."""
    return {code: _(label) for code, label in labels.items()}


def babel_locale() -> str:
    """The Babel locale for the language in force."""
    return current_language()


@lru_cache(maxsize=len(LANGUAGES))
def separators(code: str) -> tuple[str, str]:
    """(thousands separator, decimal mark) of a language: (',', '.'), ('.', ','), ('\xa0', ',')."""
    symbols = Locale.parse(code).number_symbols["latn"]
    return symbols["group"], symbols["decimal"]


def number(value: float, decimals: int | None = None) -> str:
    """A number written for the language in force: 218,262 / 218.262 / 218 262."""
    if decimals is None:
        return format_decimal(value, locale=babel_locale())
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=babel_locale())


def long_date(value: dt.date) -> str:
    """A date written out for the language in force: 31 July 2025 / 31 iyul 2025 / 31 июля 2025 г."""
    return format_date(value, format="long", locale=babel_locale())


def short_date(value: dt.date) -> str:
    """A date in tables: ISO in English (2020-11-10), day.month.year in Azerbaijani and Russian."""
    if current_language() == ENGLISH:
        return value.isoformat()
    return format_date(value, format="dd.MM.yyyy", locale=babel_locale())


def month_year(value: dt.date) -> str:
    """'February 2025' / 'fevral 2025' / 'февраль 2025'."""
    return format_date(value, format="LLLL y", locale=babel_locale())


def d3_locale() -> dict | None:
    """Number and date conventions for Vega charts (d3-format and d3-time-format locales), or
    None for English (Vega's own default)."""
    code = current_language()
    if code == ENGLISH:
        return None
    data = Locale.parse(code)
    symbols = data.number_symbols["latn"]
    months, days = data.months["stand-alone"], data.days["stand-alone"]
    sunday_first = [6, 0, 1, 2, 3, 4, 5]  # Babel counts days from Monday, d3 from Sunday
    return {
        "number": {"decimal": symbols["decimal"], "thousands": symbols["group"], "grouping": [3],
                   "currency": ["", ""]},
        "time": {
            "dateTime": "%x %X", "date": "%d.%m.%Y", "time": "%H:%M:%S", "periods": ["AM", "PM"],
            "days": [days["wide"][d] for d in sunday_first],
            "shortDays": [days["abbreviated"][d] for d in sunday_first],
            "months": [months["wide"][m] for m in range(1, 13)],
            "shortMonths": [months["abbreviated"][m] for m in range(1, 13)],
        },
    }


CLDR_REGIONS = {"Turkey": "TR"}  # English names the CLDR no longer uses (it says Türkiye)


@lru_cache(maxsize=1)
def _region_codes() -> dict[str, str]:
    """English country name -> CLDR region code ('Azerbaijan' -> 'AZ')."""
    english = Locale.parse(ENGLISH).territories
    return {**{name: code for code, name in english.items() if code.isalpha()}, **CLDR_REGIONS}


def country_name(english: str, code: str) -> str:
    """A country's name in a language from the CLDR (Азербайджан, Ermənistan), for countries the
    gazetteer names in English only; the English name when the CLDR does not know it."""
    region = _region_codes().get(english)
    return Locale.parse(code).territories.get(region, english) if region else english


def in_sentence(label: str) -> str:
    """A label as it reads inside a sentence: its first letter in lower case unless its first
    word is an abbreviation (UXO, SHA); the rest as written ('area … of mines and UXO')."""
    first = label.split(" ", 1)[0]
    if not label or (len(first) > 1 and first.isupper()):
        return label
    return label[0].lower() + label[1:]
