"""Values as people type them."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.parsing import (
    ParseError,
    parse_date,
    parse_device,
    parse_number,
    parse_quantity,
    parse_unit,
    unsafe_text_reason,
)
from geo.vocab import DeviceCategory, Qualifier, Unit


@pytest.mark.parametrize(("text", "value"), [
    ("54,841", 54841), ("54 841", 54841), ("54\u00a0841", 54841), ("1,286.9", 1286.9),
    ("1 286,9", 1286.9), ("1.286,9", 1286.9), ("3,52", 3.52), ("0,125", 0.125),
    ("1,400,000", 1_400_000), ("12.5", 12.5), ("152619", 152619),
])
def test_numbers_with_separators_and_decimal_commas(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(("text", "value", "qualifier"), [
    ("more than 1,400", 1400, Qualifier.MORE_THAN), ("over 13 000", 13000, Qualifier.MORE_THAN),
    ("about 41,915", 41915, Qualifier.ABOUT), ("approx. 3,52", 3.52, Qualifier.ABOUT),
    ("up to 500", 500, Qualifier.UP_TO), ("991", 991, Qualifier.EXACT),
])
def test_qualifiers_are_split_from_values(text: str, value: float, qualifier: Qualifier) -> None:
    assert parse_quantity(text) == (pytest.approx(value), qualifier)


@pytest.mark.parametrize("text", ["", "n/a", "12 ha", "1,2,3,4x", "=1+1"])
def test_non_numbers_are_refused(text: str) -> None:
    with pytest.raises(ParseError):
        parse_number(text)


def test_dates_iso_and_european() -> None:
    assert parse_date("2022-10-06") == parse_date("06.10.2022") == dt.date(2022, 10, 6)
    assert parse_date("06/10/2022") == dt.date(2022, 10, 6)
    with pytest.raises(ParseError, match="not a real date"):
        parse_date("31.02.2023")


def test_units_and_devices_by_their_usual_names() -> None:
    assert parse_unit("hectares") == Unit.HA and parse_unit("km²") == Unit.KM2
    assert parse_device("anti-tank mines") == DeviceCategory.AT_MINE
    assert parse_device("Booby trap") == DeviceCategory.IED_BOOBY_TRAP
    with pytest.raises(ParseError):
        parse_unit("acres")


def test_markup_and_formulas_are_named() -> None:
    assert "HTML" in unsafe_text_reason("<b>x</b>")
    assert "formula" in unsafe_text_reason("=HYPERLINK(\"http://x\")")
    assert "formula" in unsafe_text_reason("@SUM(A1)")
    assert unsafe_text_reason("ANAMA data, 2022") is None
