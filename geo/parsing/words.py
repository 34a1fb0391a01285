"""Vocabulary words as people type them: units, qualifiers, device categories, event kinds."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from geo.i18n import N_, _
from geo.parsing.numbers import split_qualifier
from geo.parsing.text import ParseError, clean_text, header_key
from geo.vocab import DeviceCategory, EventKind, Qualifier, Unit

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
