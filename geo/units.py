"""Unit conversion for display, keeping the published value and unit intact."""

from __future__ import annotations

from geo.i18n import ENGLISH, N_, _, current_language, separators
from geo.vocab import QUALIFIER_PREFIX, UNIT_LABELS, Qualifier, Unit

AREA_IN_HA: dict[Unit, float] = {Unit.HA: 1.0, Unit.M2: 1e-4, Unit.KM2: 100.0}


def to_base(value: float, unit: Unit | str) -> float:
    """Value in the base unit of its dimension: hectares for areas, itself otherwise."""
    return value * AREA_IN_HA.get(Unit(unit), 1.0)


def convert_area(value: float, from_unit: Unit | str, to_unit: Unit | str) -> float:
    """Convert an area between ha, m² and km²."""
    return value * AREA_IN_HA[Unit(from_unit)] / AREA_IN_HA[Unit(to_unit)]


QUALIFIED = {  # the figure with its qualifier, in each language's word order
    Qualifier.MORE_THAN: N_("more than {figure}"), Qualifier.ABOUT: N_("about {figure}"),
    Qualifier.UP_TO: N_("up to {figure}"),
}
UNIT_NAMES = {Unit.HA: N_("ha"), Unit.M2: N_("m²"), Unit.KM2: N_("km²")}


def format_number(value: float) -> str:
    """Thousands-separated, without a trailing .0 on whole numbers, in the interface language
    (218,262.5 / 218.262,5 / 218 262,5: Babel's separators, formatted here for speed)."""
    text = f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    code = current_language()
    if code == ENGLISH:
        return text
    group, decimal = separators(code)
    return text.translate({ord(","): group, ord("."): decimal})


def format_published(value: float, unit: Unit | str, qualifier: Qualifier | str) -> str:
    """The figure as its source published it, e.g. 'more than 1,400' or '3.52 km²'."""
    shown = format_number(value)
    if current_language() == ENGLISH:
        label = UNIT_LABELS[Unit(unit)]
        text = f"{shown} {label}" if label and label != "%" else f"{shown}{label}"
        return QUALIFIER_PREFIX[Qualifier(qualifier)] + text
    name = UNIT_NAMES.get(Unit(unit))
    text = f"{shown} {_(name)}" if name else f"{shown}{UNIT_LABELS[Unit(unit)]}"
    template = QUALIFIED.get(Qualifier(qualifier))
    return _(template).format(figure=text) if template else text
