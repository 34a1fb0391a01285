"""Controlled vocabularies: metrics, units, qualifiers, scopes, statuses, parties."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from geo.i18n import N_


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
    Party.GOVT_AZERBAIJAN: N_("Government of Azerbaijan"),
    Party.GOVT_ARMENIA: N_("Government of Armenia"),
    Party.DE_FACTO_NK: N_("De facto authorities (Nagorno-Karabakh)"),
    Party.NATIONAL_NGO: N_("National NGO"),
    Party.INTERNATIONAL_NGO: N_("International NGO"),
    Party.INDEPENDENT_MONITOR: N_("Independent monitor"),
    Party.MEDIA: N_("Media"),
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
    "area_reported_cleared": MetricInfo(N_("Area reported cleared of mines and UXO"), Dimension.AREA),
    "land_released": MetricInfo(N_("Land released (IMAS)"), Dimension.AREA),
    "ap_mined_area_cleared": MetricInfo(N_("Anti-personnel mined area cleared (IMAS)"), Dimension.AREA),
    "ap_mines_found": MetricInfo(N_("Anti-personnel mines found"), Dimension.COUNT),
    "at_mines_found": MetricInfo(N_("Anti-tank mines found"), Dimension.COUNT),
    "uxo_found": MetricInfo(N_("Unexploded ordnance found"), Dimension.COUNT),
    "items_found": MetricInfo(N_("Mines and unexploded ordnance found (together)"), Dimension.COUNT),
    "area_contaminated": MetricInfo(N_("Area reported contaminated"), Dimension.AREA),
    "area_planned": MetricInfo(N_("Area planned for clearance"), Dimension.AREA),
    "casualties": MetricInfo(N_("Mine casualties (killed and injured)"), Dimension.COUNT),
    "killed": MetricInfo(N_("Killed by mines"), Dimension.COUNT),
    "injured": MetricInfo(N_("Injured by mines"), Dimension.COUNT),
    "casualties_women": MetricInfo(N_("Mine casualties: women"), Dimension.COUNT),
    "casualties_children": MetricInfo(N_("Mine casualties: children"), Dimension.COUNT),
    "minefield_map_accuracy": MetricInfo(N_("Minefield map accuracy, as claimed"), Dimension.SHARE),
    "incidents_outside_mapped_areas": MetricInfo(
        N_("Incidents outside mapped areas, as claimed"), Dimension.SHARE
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
    Scope.ALL_OPERATORS: N_("All operators"),
    Scope.ANAMA_ONLY: N_("ANAMA only"),
    Scope.MOD_ONLY: N_("Army (MoD) only"),
    Scope.UNKNOWN: N_("Scope not stated"),
    Scope.ALL: N_("All people"),
    Scope.CIVILIANS: N_("Civilians only"),
    Scope.NOT_APPLICABLE: N_("Not applicable"),
}


class Status(StrEnum):
    """Standing of a claim or event."""

    REPORTED = "reported"
    DISPUTED = "disputed"
    INCONSISTENT = "inconsistent_within_source"
    SUPERSEDED = "superseded"


STATUS_LABELS: dict[str, str] = {
    Status.REPORTED: N_("Reported"),
    Status.DISPUTED: N_("Disputed"),
    Status.INCONSISTENT: N_("Inconsistent within source"),
    Status.SUPERSEDED: N_("Superseded"),
}


class PlaceLevel(StrEnum):
    """Gazetteer levels, coarsest first."""

    COUNTRY = "country"
    ECONOMIC_REGION = "economic_region"  # an iqtisadi rayon: a group of districts
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
    DeviceCategory.AP_MINE: N_("Anti-personnel mine"),
    DeviceCategory.AT_MINE: N_("Anti-tank mine"),
    DeviceCategory.UXO: N_("UXO"),
    DeviceCategory.IED_BOOBY_TRAP: N_("IED / booby trap"),
}

DEVICE_METRICS: dict[str, str] = {
    DeviceCategory.AP_MINE: "ap_mines_found",
    DeviceCategory.AT_MINE: "at_mines_found",
    DeviceCategory.UXO: "uxo_found",
}


def metric_label(metric: str) -> str:
    """The metric's label in its sources' own wording (English; translate it with `_` to show
    it in the interface language, and keep this original on hover)."""
    info = METRICS.get(metric)
    return info.label if info else metric


def unit_fits_metric(unit: Unit, metric: str) -> bool:
    """Whether a unit measures what the metric measures (no hectares of casualties)."""
    info = METRICS.get(metric)
    return info is not None and UNIT_DIMENSION[unit] == info.dimension


REVISION_KIND_LABELS: dict[str, str] = {
    "seed": N_("Seed data"),
    "figures": N_("Figures"),
    "events": N_("Events"),
    "places": N_("Places"),
    "alias": N_("Name mapping"),
    "hazards": N_("Hazard areas"),
    "releases": N_("Land release"),
    "demo": N_("Synthetic demonstration data"),
    "statement": N_("Statement"),
}
