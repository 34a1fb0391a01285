"""Events: reported finds of explosive ordnance and mine incidents."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, model_validator

from geo.vocab import DeviceCategory, EventKind, PlaceLevel, Status


class Event(BaseModel):
    """A find (device category, model, quantity) or an incident (killed, injured)."""

    model_config = ConfigDict(frozen=True)

    event_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
    source_id: str = Field(min_length=1, max_length=64)
    kind: EventKind
    date_start: dt.date
    date_end: dt.date | None = None
    place: str = Field(default="", max_length=200)
    place_id: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    location_precision: PlaceLevel | str | None = None
    device_category: DeviceCategory | None = None
    device_model: str = Field(default="", max_length=100)
    quantity: int | None = Field(default=None, ge=0)
    killed: int | None = Field(default=None, ge=0)
    injured: int | None = Field(default=None, ge=0)
    status: Status = Status.REPORTED
    note: str = Field(default="", max_length=2000)

    @model_validator(mode="after")
    def _consistent(self) -> Event:
        if self.date_end and self.date_end < self.date_start:
            raise ValueError("end date is before start date")
        if self.kind == EventKind.FIND and self.device_category is None:
            raise ValueError("a find needs a device category")
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both latitude and longitude, or neither")
        if not self.place and self.lat is None:
            raise ValueError("give a place name or coordinates")
        return self
