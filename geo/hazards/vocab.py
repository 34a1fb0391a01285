"""Hazard-area and land-release vocabularies (IMAS 05.10 / 07.11 terms), with their labels."""

from __future__ import annotations

from enum import StrEnum

import pandas as pd


class HazardType(StrEnum):
    """Whether contamination is suspected (non-technical survey) or confirmed (evidence)."""

    SHA = "SHA"
    CHA = "CHA"


HAZARD_TYPE_LABELS: dict[str, str] = {
    HazardType.SHA: "Suspected hazardous area (SHA)",
    HazardType.CHA: "Confirmed hazardous area (CHA)",
}


class HazardStatus(StrEnum):
    """Where a hazard area stands: still contaminated, being worked on, or released."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RELEASED = "released"


HAZARD_STATUS_LABELS: dict[str, str] = {
    HazardStatus.OPEN: "Open",
    HazardStatus.IN_PROGRESS: "In progress",
    HazardStatus.RELEASED: "Released",
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
    Contamination.AP_MINES: "Anti-personnel mines",
    Contamination.AT_MINES: "Anti-tank mines",
    Contamination.UXO: "UXO",
    Contamination.MIXED: "Mixed (mines and UXO)",
    Contamination.CLUSTER: "Cluster munitions",
}


class ReleaseMethod(StrEnum):
    """How land was released (IMAS 07.11)."""

    CANCELLED = "cancelled"
    REDUCED = "reduced"
    CLEARED = "cleared"


RELEASE_METHOD_LABELS: dict[str, str] = {
    ReleaseMethod.CANCELLED: "Cancelled (non-technical survey)",
    ReleaseMethod.REDUCED: "Reduced (technical survey)",
    ReleaseMethod.CLEARED: "Cleared",
}


class LandUse(StrEnum):
    """What released land is used for afterwards."""

    AGRICULTURE = "agriculture"
    RESIDENTIAL = "residential"
    TRANSPORT = "transport"
    ENERGY = "energy"
    OTHER = "other"


LAND_USE_LABELS: dict[str, str] = {
    LandUse.AGRICULTURE: "Agriculture",
    LandUse.RESIDENTIAL: "Residential",
    LandUse.TRANSPORT: "Transport",
    LandUse.ENERGY: "Energy",
    LandUse.OTHER: "Other",
}

# Items found, by category, as land-release records give them (store column -> label).
ITEM_COLUMNS: dict[str, str] = {
    "ap_mines": "Anti-personnel mines", "at_mines": "Anti-tank mines", "uxo": "UXO",
    "ied": "IED / booby traps",
}


class Breakdown(StrEnum):
    """What a published breakdown divides its total by."""

    OPERATOR = "operator"
    LAND_USE = "land_use"


BREAKDOWN_LABELS: dict[str, str] = {Breakdown.OPERATOR: "by operator", Breakdown.LAND_USE: "by land use"}

# Metrics of published breakdowns, in their sources' own wording.
BREAKDOWN_METRICS: dict[str, str] = {
    "area_reported_cleared": "Area reported cleared of mines and UXO",
    "items_found": "Explosive items found",
}

# Sources whose id starts so hold made-up demonstration data, never real records.
SYNTHETIC_PREFIX = "SYNTHETIC"


def is_synthetic(source_id: object) -> bool:
    """Whether a source id names synthetic demonstration data."""
    return isinstance(source_id, str) and source_id.startswith(SYNTHETIC_PREFIX)


def has_synthetic(sources: pd.DataFrame) -> bool:
    """Whether the sources in force include synthetic demonstration data."""
    return bool(sources["source_id"].map(is_synthetic).any())
