"""Hazard areas, land-release records and published breakdowns: one validated record each.

Hazard areas carry their polygon (EPSG:4326) and an area computed from it in an equal-area
projection (`geo.hazards.areas`); land-release records give the area an operator released,
how, when and for what use; published breakdowns are a source's own totals by operator or
land use, kept as published and never blended with totals computed from records.
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator

from geo.i18n import N_
from geo.vocab import Qualifier, Unit
from geo.vocab.hazards import (
    BREAKDOWN_METRICS,
    Breakdown,
    Contamination,
    HazardStatus,
    HazardType,
    LandUse,
    ReleaseMethod,
)

CRS = "EPSG:4326"
ID_PATTERN = r"^[A-Za-z0-9_.:-]+$"
MAX_COUNT = 2_147_483_647


class HazardArea(BaseModel):
    """A suspected or confirmed hazardous area (its polygon travels beside the record). Its last
    survey may be dated before it was recorded: the survey that found it often is."""

    model_config = ConfigDict(frozen=True)

    hazard_id: str = Field(min_length=1, max_length=64, pattern=ID_PATTERN)
    source_id: str = Field(min_length=1, max_length=64)
    hazard_type: HazardType
    hazard_status: HazardStatus
    contamination: Contamination | None = None
    area_m2: float = Field(gt=0)
    recorded_date: dt.date | None = None
    last_survey_date: dt.date | None = None
    operator: str = Field(default="", max_length=200)
    district_id: str | None = Field(default=None, max_length=120)
    name: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=2000)


class LandRelease(BaseModel):
    """Land released from a hazard area (or in a district) by one method over one period."""

    model_config = ConfigDict(frozen=True)

    release_id: str = Field(min_length=1, max_length=64, pattern=ID_PATTERN)
    source_id: str = Field(min_length=1, max_length=64)
    hazard_id: str | None = Field(default=None, max_length=64)
    method: ReleaseMethod
    area_m2: float = Field(gt=0)
    period_start: dt.date | None = None
    period_end: dt.date
    operator: str = Field(default="", max_length=200)
    ap_mines: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    at_mines: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    uxo: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    ied: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    land_use: LandUse | None = None
    district_id: str | None = Field(default=None, max_length=120)
    note: str = Field(default="", max_length=2000)

    @model_validator(mode="after")
    def _consistent(self) -> LandRelease:
        if self.period_start and self.period_start > self.period_end:
            raise ValueError(N_("period end is before period start"))
        return self


class PublishedBreakdown(BaseModel):
    """One published total for one operator or land use (e.g. ANAMA's hectares in 2023)."""

    model_config = ConfigDict(frozen=True)

    breakdown_id: str = Field(min_length=1, max_length=64, pattern=ID_PATTERN)
    source_id: str = Field(min_length=1, max_length=64)
    metric: str
    breakdown: Breakdown
    category: str = Field(min_length=1, max_length=200)
    value: float = Field(ge=0)
    unit: Unit
    qualifier: Qualifier = Qualifier.EXACT
    period_start: dt.date | None = None
    period_end: dt.date
    place_id: str = Field(min_length=1, max_length=120)
    note: str = Field(default="", max_length=2000)

    @model_validator(mode="after")
    def _consistent(self) -> PublishedBreakdown:
        if self.metric not in BREAKDOWN_METRICS:
            raise ValueError(f"unknown breakdown metric {self.metric!r}")
        if self.period_start and self.period_start > self.period_end:
            raise ValueError("period end is before period start")
        return self


HAZARD_COLUMNS = [*HazardArea.model_fields, "geometry"]
RELEASE_COLUMNS = list(LandRelease.model_fields)
BREAKDOWN_COLUMNS = list(PublishedBreakdown.model_fields)


def empty_hazards() -> gpd.GeoDataFrame:
    """A hazard-areas frame with no rows."""
    return gpd.GeoDataFrame(columns=HAZARD_COLUMNS, geometry="geometry", crs=CRS)


def empty_releases() -> pd.DataFrame:
    """A land-release frame with no rows."""
    return pd.DataFrame(columns=RELEASE_COLUMNS)


def empty_breakdowns() -> pd.DataFrame:
    """A published-breakdowns frame with no rows."""
    return pd.DataFrame(columns=BREAKDOWN_COLUMNS)
