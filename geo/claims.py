"""Claims: one published figure each, never blended with another source's."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from geo.vocab import METRICS, PeriodType, PlaceLevel, Qualifier, Scope, Status, Unit, unit_fits_metric


class Claim(BaseModel):
    """A figure as published: metric, value, unit, qualifier, period, scope and place."""

    model_config = ConfigDict(frozen=True)

    claim_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
    source_id: str = Field(min_length=1, max_length=64)
    metric: str
    value: float = Field(ge=0)
    unit: Unit
    qualifier: Qualifier = Qualifier.EXACT
    period_start: dt.date | None = None
    period_end: dt.date
    period_type: PeriodType
    scope: Scope = Scope.UNKNOWN
    place: str = Field(min_length=1, max_length=200)
    place_id: str | None = None
    location_precision: PlaceLevel | None = None
    status: Status = Status.REPORTED
    note: str = Field(default="", max_length=2000)
    quote: str = Field(default="", max_length=2000)  # the statement's words that state the figure

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, metric: str) -> str:
        if metric not in METRICS:
            raise ValueError(f"unknown metric {metric!r}; known: {', '.join(sorted(METRICS))}")
        return metric

    @model_validator(mode="after")
    def _consistent(self) -> Claim:
        if not unit_fits_metric(self.unit, self.metric):
            raise ValueError(f"unit {self.unit.value!r} does not fit metric {self.metric!r}")
        if self.period_start and self.period_start > self.period_end:
            raise ValueError("period end is before period start")
        if self.unit == Unit.PCT and self.value > 100:
            raise ValueError("a percentage cannot exceed 100")
        return self
