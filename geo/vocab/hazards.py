"""Hazard-area and land-release vocabularies (IMAS 05.10 / 07.11 terms), with their labels
(marked with `N_`, translated with `_` where they are shown)."""

from __future__ import annotations

from enum import StrEnum

import pandas as pd

from geo.i18n import N_


class HazardType(StrEnum):
    """Whether contamination is suspected (non-technical survey) or confirmed (evidence)."""

    SHA = "SHA"
    CHA = "CHA"


HAZARD_TYPE_LABELS: dict[str, str] = {
    HazardType.SHA: N_("Suspected hazardous area (SHA)"),
    HazardType.CHA: N_("Confirmed hazardous area (CHA)"),
}


class HazardStatus(StrEnum):
    """Where a hazard area stands: still contaminated, being worked on, or released."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RELEASED = "released"


HAZARD_STATUS_LABELS: dict[str, str] = {
    HazardStatus.OPEN: N_("Open"),
    HazardStatus.IN_PROGRESS: N_("In progress"),
    HazardStatus.RELEASED: N_("Released"),
}
REMAINING_STATUSES = (HazardStatus.OPEN.value, HazardStatus.IN_PROGRESS.value)


class Contamination(StrEnum):
    """What a hazard area holds (suspected or found)."""

    AP_MINES = "AP_mines"
    AT_MINES = "AT_mines"
    UXO = "UXO"
    MIXED = "mixed"
    CLUSTER = "cluster_munitions"


CONTAMINATION_LABELS: dict[str, str] = {
    Contamination.AP_MINES: N_("Anti-personnel mines"),
    Contamination.AT_MINES: N_("Anti-tank mines"),
    Contamination.UXO: N_("UXO"),
    Contamination.MIXED: N_("Mixed (mines and UXO)"),
    Contamination.CLUSTER: N_("Cluster munitions"),
}


class ReleaseMethod(StrEnum):
    """How land was released (IMAS 07.11)."""

    CANCELLED = "cancelled"
    REDUCED = "reduced"
    CLEARED = "cleared"


RELEASE_METHOD_LABELS: dict[str, str] = {
    ReleaseMethod.CANCELLED: N_("Cancelled (non-technical survey)"),
    ReleaseMethod.REDUCED: N_("Reduced (technical survey)"),
    ReleaseMethod.CLEARED: N_("Cleared"),
}


class LandUse(StrEnum):
    """What released land is used for afterwards."""

    AGRICULTURE = "agriculture"
    RESIDENTIAL = "residential"
    TRANSPORT = "transport"
    ENERGY = "energy"
    OTHER = "other"


LAND_USE_LABELS: dict[str, str] = {
    LandUse.AGRICULTURE: N_("Agriculture"),
    LandUse.RESIDENTIAL: N_("Residential"),
    LandUse.TRANSPORT: N_("Transport"),
    LandUse.ENERGY: N_("Energy"),
    LandUse.OTHER: N_("Other"),
}

# Items found, by category, as land-release records give them (store column -> label).
ITEM_COLUMNS: dict[str, str] = {
    "ap_mines": N_("Anti-personnel mines"), "at_mines": N_("Anti-tank mines"), "uxo": N_("UXO"),
    "ied": N_("IED / booby traps"),
}


class Breakdown(StrEnum):
    """What a published breakdown divides its total by."""

    OPERATOR = "operator"
    LAND_USE = "land_use"


BREAKDOWN_LABELS: dict[str, str] = {Breakdown.OPERATOR: N_("by operator"),
                                    Breakdown.LAND_USE: N_("by land use")}

# Metrics of published breakdowns, in their sources' own wording.
BREAKDOWN_METRICS: dict[str, str] = {
    "area_reported_cleared": N_("Area reported cleared of mines and UXO"),
    "items_found": N_("Explosive items found"),
}

NOT_STATED = N_("Not stated")  # an operator or land use a record leaves empty

# Sources whose id starts so hold made-up demonstration data, never real records.
SYNTHETIC_PREFIX = "SYNTHETIC"


def is_synthetic(source_id: object) -> bool:
    """Whether a source id names synthetic demonstration data."""
    return isinstance(source_id, str) and source_id.startswith(SYNTHETIC_PREFIX)


def has_synthetic(sources: pd.DataFrame) -> bool:
    """Whether the sources in force include synthetic demonstration data."""
    return bool(sources["source_id"].map(is_synthetic).any())

# Whether a hazard figure was computed from records or taken as its source published it.
COMPUTED, PUBLISHED = "computed", "published"
