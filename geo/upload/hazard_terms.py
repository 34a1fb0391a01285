"""How people write hazard types, statuses, contamination, release methods, land uses and
polygons as text (WKT) in hazard-area and land-release files."""

from __future__ import annotations

import re

import shapely
import shapely.errors

from geo.i18n import N_, _
from geo.parsing import ParseError, clean_text, header_key, synonym_parser
from geo.vocab.hazards import (
    CONTAMINATION_LABELS,
    HAZARD_STATUS_LABELS,
    LAND_USE_LABELS,
    RELEASE_METHOD_LABELS,
    Contamination,
    HazardStatus,
    HazardType,
    LandUse,
    ReleaseMethod,
)

HAZARD_TYPE_SYNONYMS = {
    "sha": HazardType.SHA, "suspected": HazardType.SHA, "suspected hazardous area": HazardType.SHA,
    "suspected hazard area": HazardType.SHA, "suspected area": HazardType.SHA,
    "şübhəli təhlükəli ərazi": HazardType.SHA, "подозрительный опасный район": HazardType.SHA,
    "cha": HazardType.CHA, "confirmed": HazardType.CHA, "confirmed hazardous area": HazardType.CHA,
    "confirmed hazard area": HazardType.CHA, "confirmed area": HazardType.CHA,
    "minefield": HazardType.CHA, "təsdiqlənmiş təhlükəli ərazi": HazardType.CHA,
    "подтвержденный опасный район": HazardType.CHA,
}
HAZARD_STATUS_SYNONYMS = {
    **{s.value: s for s in HazardStatus}, **{header_key(v): k for k, v in HAZARD_STATUS_LABELS.items()},
    "active": HazardStatus.OPEN, "not started": HazardStatus.OPEN, "new": HazardStatus.OPEN,
    "ongoing": HazardStatus.IN_PROGRESS, "in progress": HazardStatus.IN_PROGRESS,
    "working": HazardStatus.IN_PROGRESS, "suspended": HazardStatus.IN_PROGRESS,
    "completed": HazardStatus.RELEASED, "closed": HazardStatus.RELEASED,
    "cleared": HazardStatus.RELEASED, "cancelled": HazardStatus.RELEASED,
    "açıq": HazardStatus.OPEN, "открыт": HazardStatus.OPEN, "aktiv": HazardStatus.OPEN,
    "активный": HazardStatus.OPEN, "активна": HazardStatus.OPEN, "reduced": HazardStatus.IN_PROGRESS,
    "worked on": HazardStatus.IN_PROGRESS, "partially released": HazardStatus.IN_PROGRESS,
    "azaldılıb": HazardStatus.IN_PROGRESS, "üzərində iş aparılır": HazardStatus.IN_PROGRESS,
    "в работе": HazardStatus.IN_PROGRESS, "сокращен": HazardStatus.IN_PROGRESS,
    "ləğv edilib": HazardStatus.RELEASED, "təmizlənib": HazardStatus.RELEASED,
    "отменен": HazardStatus.RELEASED, "очищен": HazardStatus.RELEASED, "released": HazardStatus.RELEASED,
}
CONTAMINATION_SYNONYMS = {
    **{c.value: c for c in Contamination}, **{header_key(v): k for k, v in CONTAMINATION_LABELS.items()},
    "ap": Contamination.AP_MINES, "apm": Contamination.AP_MINES, "ap mines": Contamination.AP_MINES,
    "ap mine": Contamination.AP_MINES, "anti personnel": Contamination.AP_MINES,
    "anti personnel mine": Contamination.AP_MINES, "at": Contamination.AT_MINES,
    "atm": Contamination.AT_MINES, "at mines": Contamination.AT_MINES, "at mine": Contamination.AT_MINES,
    "anti tank": Contamination.AT_MINES, "anti tank mine": Contamination.AT_MINES,
    "erw": Contamination.UXO, "unexploded ordnance": Contamination.UXO, "mixed": Contamination.MIXED,
    "ap at": Contamination.MIXED, "mines and uxo": Contamination.MIXED, "mines uxo": Contamination.MIXED,
    "ap at uxo": Contamination.MIXED, "mines": Contamination.MIXED, "cluster": Contamination.CLUSTER,
    "cm": Contamination.CLUSTER, "cmr": Contamination.CLUSTER, "submunitions": Contamination.CLUSTER,
    "cluster munition remnants": Contamination.CLUSTER, "phs": Contamination.UXO,
    "partlamamış hərbi sursat": Contamination.UXO, "нвб": Contamination.UXO,
    "неразорвавшиеся боеприпасы": Contamination.UXO, "piyada əleyhinə mina": Contamination.AP_MINES,
    "tank əleyhinə mina": Contamination.AT_MINES, "противопехотные мины": Contamination.AP_MINES,
    "противотанковые мины": Contamination.AT_MINES, "пп мины": Contamination.AP_MINES,
    "пт мины": Contamination.AT_MINES,
}
METHOD_SYNONYMS = {
    **{m.value: m for m in ReleaseMethod}, **{header_key(v): k for k, v in RELEASE_METHOD_LABELS.items()},
    "cancellation": ReleaseMethod.CANCELLED, "canceled": ReleaseMethod.CANCELLED,
    "nts": ReleaseMethod.CANCELLED, "non technical survey": ReleaseMethod.CANCELLED,
    "cancelled through nts": ReleaseMethod.CANCELLED, "reduction": ReleaseMethod.REDUCED,
    "ts": ReleaseMethod.REDUCED, "technical survey": ReleaseMethod.REDUCED,
    "reduced through ts": ReleaseMethod.REDUCED, "clearance": ReleaseMethod.CLEARED,
    "clear": ReleaseMethod.CLEARED, "cleared by clearance": ReleaseMethod.CLEARED,
    "təmizlənib": ReleaseMethod.CLEARED, "очищено": ReleaseMethod.CLEARED,
}
LAND_USE_SYNONYMS = {
    **{u.value: u for u in LandUse}, **{header_key(v): k for k, v in LAND_USE_LABELS.items()},
    "agricultural": LandUse.AGRICULTURE, "farming": LandUse.AGRICULTURE, "farmland": LandUse.AGRICULTURE,
    "grazing": LandUse.AGRICULTURE, "pasture": LandUse.AGRICULTURE, "kənd təsərrüfatı": LandUse.AGRICULTURE,
    "сельское хозяйство": LandUse.AGRICULTURE, "housing": LandUse.RESIDENTIAL,
    "settlement": LandUse.RESIDENTIAL, "yaşayış": LandUse.RESIDENTIAL, "жилье": LandUse.RESIDENTIAL,
    "roads": LandUse.TRANSPORT, "road": LandUse.TRANSPORT, "railway": LandUse.TRANSPORT,
    "infrastructure transport": LandUse.TRANSPORT, "nəqliyyat": LandUse.TRANSPORT,
    "транспорт": LandUse.TRANSPORT, "power": LandUse.ENERGY, "power lines": LandUse.ENERGY,
    "enerji": LandUse.ENERGY, "энергетика": LandUse.ENERGY, "digər": LandUse.OTHER,
    "другое": LandUse.OTHER, "road transport": LandUse.TRANSPORT,
    "transport infrastructure": LandUse.TRANSPORT,
    "power line": LandUse.ENERGY, "power lines energy": LandUse.ENERGY, "electricity": LandUse.ENERGY,
    "elektrik xətti": LandUse.ENERGY, "лэп": LandUse.ENERGY, "линия электропередачи": LandUse.ENERGY,
    "yol": LandUse.TRANSPORT, "дорога": LandUse.TRANSPORT, "residential area": LandUse.RESIDENTIAL,
}
LIST_SEPARATORS = re.compile(r"\s*(?:[;,|/+]|\band\b|\bvə\b|\bи\b)\s*", re.IGNORECASE)

parse_hazard_type = synonym_parser(HAZARD_TYPE_SYNONYMS, N_("hazard type (use SHA or CHA)"))
parse_hazard_status = synonym_parser(HAZARD_STATUS_SYNONYMS, N_("hazard status (use open, in progress "
                                                                "or released)"))
_one_contamination = synonym_parser(CONTAMINATION_SYNONYMS, N_("contamination (use AP mines, AT "
                                                               "mines, UXO, mixed or cluster munitions)"))
parse_method = synonym_parser(METHOD_SYNONYMS, N_("release method (use cancelled, reduced or cleared)"))
parse_land_use = synonym_parser(LAND_USE_SYNONYMS, N_("land use (use agriculture, residential, "
                                                      "transport, energy or other)"))


def parse_contamination(cell: object) -> Contamination:
    """Contamination as written, a list included ('AP Mine; AT Mine' is mixed; 'AP mine, AP
    mine' is AP mines)."""
    try:
        return _one_contamination(cell)
    except ParseError:
        parts = [p for p in LIST_SEPARATORS.split(clean_text(cell)) if p]
        if len(parts) < 2:
            raise
        found = {_one_contamination(p) for p in parts}
        return found.pop() if len(found) == 1 else Contamination.MIXED


def parse_wkt(cell: object) -> shapely.Geometry:
    """A geometry written as WKT text (as GIS programs export to CSV)."""
    text = clean_text(cell)
    if not text.upper().startswith(("POLYGON", "MULTIPOLYGON", "POINT", "LINESTRING", "MULTI",
                                    "GEOMETRYCOLLECTION")):
        raise ParseError(_("not a geometry: give the polygon as WKT, e.g. POLYGON ((46.5 39.6, …))"))
    try:
        return shapely.from_wkt(text)
    except shapely.errors.ShapelyError as error:
        raise ParseError(_("the WKT cannot be read ({error})").format(
            error=str(error).splitlines()[0][:80])) from error
