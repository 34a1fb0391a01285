"""Controlled vocabularies: metrics, units, qualifiers, scopes, statuses, parties."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Party(StrEnum):
    """Who a source speaks for."""

    GOVT_AZERBAIJAN = "govt_azerbaijan"
    GOVT_ARMENIA = "govt_armenia"
    DE_FACTO_NK = "de_facto_nk_authorities"
    NATIONAL_NGO = "national_ngo"
    INTERNATIONAL_NGO = "international_ngo"
    INDEPENDENT_MONITOR = "independent_monitor"
    MEDIA = "media"


PARTY_LABELS: dict[str, str] = {
    Party.GOVT_AZERBAIJAN: "Government of Azerbaijan",
    Party.GOVT_ARMENIA: "Government of Armenia",
    Party.DE_FACTO_NK: "De facto authorities (Nagorno-Karabakh)",
    Party.NATIONAL_NGO: "National NGO",
    Party.INTERNATIONAL_NGO: "International NGO",
    Party.INDEPENDENT_MONITOR: "Independent monitor",
    Party.MEDIA: "Media",
}


class Dimension(StrEnum):
    """What kind of quantity a unit measures."""

    AREA = "area"
    COUNT = "count"
    SHARE = "share"


class Unit(StrEnum):
    """Units as published."""

    HA = "ha"
    M2 = "m2"
    KM2 = "km2"
    COUNT = "count"
    PCT = "pct"


UNIT_DIMENSION: dict[Unit, Dimension] = {
    Unit.HA: Dimension.AREA,
    Unit.M2: Dimension.AREA,
    Unit.KM2: Dimension.AREA,
    Unit.COUNT: Dimension.COUNT,
    Unit.PCT: Dimension.SHARE,
}

UNIT_LABELS: dict[Unit, str] = {
    Unit.HA: "ha",
    Unit.M2: "m²",
    Unit.KM2: "km²",
    Unit.COUNT: "",
    Unit.PCT: "%",
}


@dataclass(frozen=True)
class MetricInfo:
    """A metric's wording as its sources use it, and what it measures."""

    label: str
    dimension: Dimension


METRICS: dict[str, MetricInfo] = {
    "area_reported_cleared": MetricInfo("Area reported cleared of mines and UXO", Dimension.AREA),
    "land_released": MetricInfo("Land released (IMAS)", Dimension.AREA),
    "ap_mined_area_cleared": MetricInfo("Anti-personnel mined area cleared (IMAS)", Dimension.AREA),
    "ap_mines_found": MetricInfo("Anti-personnel mines found", Dimension.COUNT),
    "at_mines_found": MetricInfo("Anti-tank mines found", Dimension.COUNT),
    "uxo_found": MetricInfo("Unexploded ordnance found", Dimension.COUNT),
    "casualties": MetricInfo("Mine casualties (killed and injured)", Dimension.COUNT),
    "killed": MetricInfo("Killed by mines", Dimension.COUNT),
    "injured": MetricInfo("Injured by mines", Dimension.COUNT),
    "casualties_women": MetricInfo("Mine casualties: women", Dimension.COUNT),
    "casualties_children": MetricInfo("Mine casualties: children", Dimension.COUNT),
    "minefield_map_accuracy": MetricInfo("Minefield map accuracy, as claimed", Dimension.SHARE),
    "incidents_outside_mapped_areas": MetricInfo(
        "Incidents outside mapped areas, as claimed", Dimension.SHARE
    ),
}


class Qualifier(StrEnum):
    """How exact a published figure is."""

    EXACT = "exact"
    MORE_THAN = "more_than"
    ABOUT = "about"
    UP_TO = "up_to"


QUALIFIER_PREFIX: dict[Qualifier, str] = {
    Qualifier.EXACT: "",
    Qualifier.MORE_THAN: "more than ",
    Qualifier.ABOUT: "about ",
    Qualifier.UP_TO: "up to ",
}


class PeriodType(StrEnum):
    """Whether a figure is a running total, a figure for its period, or a point-in-time share."""

    CUMULATIVE = "cumulative"
    PERIOD = "period"
    POINT = "point"


class Scope(StrEnum):
    """Which operators or people a figure covers."""

    ALL_OPERATORS = "all_operators"
    ANAMA_ONLY = "ANAMA_only"
    MOD_ONLY = "MoD_only"
    UNKNOWN = "unknown"
    ALL = "all"
    CIVILIANS = "civilians"
    NOT_APPLICABLE = "n/a"


SCOPE_LABELS: dict[str, str] = {
    Scope.ALL_OPERATORS: "All operators",
    Scope.ANAMA_ONLY: "ANAMA only",
    Scope.MOD_ONLY: "Army (MoD) only",
    Scope.UNKNOWN: "Scope not stated",
    Scope.ALL: "All people",
    Scope.CIVILIANS: "Civilians only",
    Scope.NOT_APPLICABLE: "Not applicable",
}


class Status(StrEnum):
    """Standing of a claim or event."""

    REPORTED = "reported"
    DISPUTED = "disputed"
    INCONSISTENT = "inconsistent_within_source"
    SUPERSEDED = "superseded"


STATUS_LABELS: dict[str, str] = {
    Status.REPORTED: "Reported",
    Status.DISPUTED: "Disputed",
    Status.INCONSISTENT: "Inconsistent within source",
    Status.SUPERSEDED: "Superseded",
}


class PlaceLevel(StrEnum):
    """Gazetteer levels, coarsest first."""

    COUNTRY = "country"
    DISTRICT = "district"
    SETTLEMENT = "settlement"
    NAMED_FEATURE = "named_feature"


class EventKind(StrEnum):
    """A reported find of explosive ordnance, or a mine incident."""

    FIND = "find"
    INCIDENT = "incident"


class DeviceCategory(StrEnum):
    """Device categories of reported finds."""

    AP_MINE = "AP_mine"
    AT_MINE = "AT_mine"
    UXO = "UXO"
    IED_BOOBY_TRAP = "IED_booby_trap"


DEVICE_LABELS: dict[str, str] = {
    DeviceCategory.AP_MINE: "Anti-personnel mine",
    DeviceCategory.AT_MINE: "Anti-tank mine",
    DeviceCategory.UXO: "UXO",
    DeviceCategory.IED_BOOBY_TRAP: "IED / booby trap",
}

DEVICE_METRICS: dict[str, str] = {
    DeviceCategory.AP_MINE: "ap_mines_found",
    DeviceCategory.AT_MINE: "at_mines_found",
    DeviceCategory.UXO: "uxo_found",
}


def metric_label(metric: str) -> str:
    """The metric's label in its sources' own wording."""
    info = METRICS.get(metric)
    return info.label if info else metric


def unit_fits_metric(unit: Unit, metric: str) -> bool:
    """Whether a unit measures what the metric measures (no hectares of casualties)."""
    info = METRICS.get(metric)
    return info is not None and UNIT_DIMENSION[unit] == info.dimension


REVISION_KIND_LABELS: dict[str, str] = {
    "seed": "Seed data",
    "figures": "Figures",
    "events": "Events",
    "places": "Places",
    "alias": "Name mapping",
    "hazards": "Hazard areas",
    "releases": "Land release",
    "demo": "Synthetic demonstration data",
}
