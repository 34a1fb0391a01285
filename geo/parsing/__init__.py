"""Parsing values as people really type them: numbers, qualifiers, dates, units, headers.

Nothing is read quietly: a value is read exactly, or a ParseError says why in plain words.
Where text is ambiguous ("1,286" is 1286 or 1.286; "03/04/2023" is 3 April or 4 March) the
caller decides for the whole file (see `DecimalMark` and `DateOrder`).
"""


from __future__ import annotations

from geo.parsing.dates import (
    ISO_DATE,
    ISO_DATETIME,
    MONTHS,
    NUMERIC_DATE,
    SLASH_YEAR_FIRST,
    WORD_DATE,
    WORD_DATE_US,
    DateOrder,
    date_order_evidence,
    is_ambiguous_date,
    parse_date,
    plausible_dates,
)
from geo.parsing.numbers import (
    DIGIT_SPACES,
    MAX_NUMBER,
    NUMBER_PATTERN,
    QUALIFIER_WORDS,
    SCIENTIFIC,
    SIMPLE_NUMBER,
    DecimalMark,
    decimal_mark_evidence,
    is_ambiguous_number,
    parse_number,
    parse_quantity,
    split_qualifier,
)
from geo.parsing.text import (
    FORMULA_START,
    HEADER_FOLDS,
    MARKUP,
    ParseError,
    clean_text,
    header_key,
    unsafe_text_reason,
)
from geo.parsing.words import (
    DEVICE_SYNONYMS,
    EVENT_KIND_SYNONYMS,
    QUALIFIER_CODES,
    UNIT_SYNONYMS,
    parse_device,
    parse_event_kind,
    parse_qualifier,
    parse_unit,
    synonym_parser,
)

__all__ = [
    "DEVICE_SYNONYMS",
    "DIGIT_SPACES",
    "EVENT_KIND_SYNONYMS",
    "FORMULA_START",
    "HEADER_FOLDS",
    "ISO_DATE",
    "ISO_DATETIME",
    "MARKUP",
    "MAX_NUMBER",
    "MONTHS",
    "NUMBER_PATTERN",
    "NUMERIC_DATE",
    "QUALIFIER_CODES",
    "QUALIFIER_WORDS",
    "SCIENTIFIC",
    "SIMPLE_NUMBER",
    "SLASH_YEAR_FIRST",
    "UNIT_SYNONYMS",
    "WORD_DATE",
    "WORD_DATE_US",
    "DateOrder",
    "DecimalMark",
    "ParseError",
    "clean_text",
    "date_order_evidence",
    "decimal_mark_evidence",
    "header_key",
    "is_ambiguous_date",
    "is_ambiguous_number",
    "parse_date",
    "parse_device",
    "parse_event_kind",
    "parse_number",
    "parse_qualifier",
    "parse_quantity",
    "parse_unit",
    "plausible_dates",
    "split_qualifier",
    "synonym_parser",
    "unsafe_text_reason",
]
