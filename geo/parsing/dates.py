"""Dates as people type them, kept inside a plausible range."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

from geo.i18n import _
from geo.parsing.text import ParseError, clean_text
from geo.settings import setting


class DateOrder(StrEnum):
    """How a date such as 03/04/2023 is read: day first (3 April) or month first (4 March)."""

    DAY_FIRST = "day_first"
    MONTH_FIRST = "month_first"


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
    earliest = setting("MINEDASH_EARLIEST_DATE")  # before the conflict's first records
    latest = setting("MINEDASH_LATEST_DATE") or dt.date.today() + dt.timedelta(days=366)
    return earliest, latest


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
