"""Unit conversion for display, keeping the published value and unit intact."""

from __future__ import annotations

from geo.vocab import QUALIFIER_PREFIX, UNIT_LABELS, Qualifier, Unit

AREA_IN_HA: dict[Unit, float] = {Unit.HA: 1.0, Unit.M2: 1e-4, Unit.KM2: 100.0}


def to_base(value: float, unit: Unit | str) -> float:
    """Value in the base unit of its dimension: hectares for areas, itself otherwise."""
    return value * AREA_IN_HA.get(Unit(unit), 1.0)


def convert_area(value: float, from_unit: Unit | str, to_unit: Unit | str) -> float:
    """Convert an area between ha, m² and km²."""
    return value * AREA_IN_HA[Unit(from_unit)] / AREA_IN_HA[Unit(to_unit)]


def format_number(value: float) -> str:
    """Thousands-separated, without a trailing .0 on whole numbers."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_published(value: float, unit: Unit | str, qualifier: Qualifier | str) -> str:
    """The figure as its source published it, e.g. 'more than 1,400' or '3.52 km²'."""
    label = UNIT_LABELS[Unit(unit)]
    number = format_number(value)
    text = f"{number} {label}" if label and label != "%" else f"{number}{label}"
    return QUALIFIER_PREFIX[Qualifier(qualifier)] + text
