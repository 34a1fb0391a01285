"""Unit conversion keeps what was published."""

from __future__ import annotations

import pytest

from geo.units import convert_area, format_published, to_base


def test_area_conversions() -> None:
    assert convert_area(1, "ha", "m2") == 10_000
    assert convert_area(1, "km2", "ha") == 100
    assert convert_area(3.52, "km2", "ha") == pytest.approx(352)
    assert to_base(746, "km2") == pytest.approx(74_600)
    assert to_base(25, "pct") == 25


def test_published_wording_is_kept() -> None:
    assert format_published(1400, "count", "more_than") == "more than 1,400"
    assert format_published(3.52, "km2", "exact") == "3.52 km²"
    assert format_published(41915, "ha", "about") == "about 41,915 ha"
    assert format_published(25, "pct", "exact") == "25%"


def test_converted_value_does_not_replace_the_published_one(claims) -> None:
    row = claims.set_index("claim_id").loc["C040"]
    assert (row["value"], row["unit"]) == (3.52, "km2")
    assert row["value_base"] == pytest.approx(352)
