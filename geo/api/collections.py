"""The collections the read API serves, each declared once: its path, id, filters, columns,
geometry and where its rows come from. Routes, the OpenAPI document, the OGC collections and
the tests all read this registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.derive import contradictions
from geo.export import claims_geodataframe, events_geodataframe
from geo.export.hazards import hazards_frame, releases_frame
from geo.model.tables import Tables
from geo.places import CRS
from geo.sources import party_label
from geo.vocab import PlaceLevel

# The filters a collection may take (query parameters; see geo/api/query.py).
DISTRICT, PERIOD, METRIC, DEVICE, ORIGINATOR, PARTY = (
    "district", "period", "metric", "device", "originator", "party")


@dataclass(frozen=True)
class ApiData:
    """The frames behind every collection for one revision (the newest or an as-of one), each
    sorted by its id so that paging has a stable order."""

    revision: int
    as_of: int | None
    tables: Tables
    frames: dict[str, pd.DataFrame]


@dataclass(frozen=True)
class Collection:
    """One kind of row the API serves."""

    code: str  # the path segment: /api/v1/<code>, /ogc/collections/<code>
    title: str
    description: str
    id_field: str
    filters: frozenset[str]
    rows: Callable[[pd.DataFrame, ApiData], gpd.GeoDataFrame | pd.DataFrame]
    spatial: bool = False  # has a geometry: GeoJSON, bbox, and an OGC API - Features collection
    period_field: str = ""  # the date OGC's `datetime` filters on
    base: str = ""  # another collection's frame, shared (not copied), of which it is a part
    only: tuple[str, str] = ("", "")  # (column, value): which rows of the base it is

    def frame(self, data: ApiData) -> pd.DataFrame:
        """Its frame: its own, or the rows of its base that are its (a copy, for small uses)."""
        frame = data.frames[self.base or self.code]
        column, value = self.only
        return frame[frame[column] == value] if column else frame


def _claims(frame: pd.DataFrame, data: ApiData) -> gpd.GeoDataFrame:
    return claims_geodataframe(frame, data.tables.places)


def _contradictions(frame: pd.DataFrame, data: ApiData) -> gpd.GeoDataFrame:
    rows = claims_geodataframe(frame, data.tables.places)
    rows.insert(0, "group", frame["group"].to_numpy())
    return rows


def _events(frame: pd.DataFrame, data: ApiData) -> gpd.GeoDataFrame:
    """Events as points: at their coordinates, else at a point inside the place they name
    (`location` says which), so a GIS layer of finds holds points only."""
    rows = events_geodataframe(frame, data.tables.places)
    located = frame["lat"].notna().to_numpy()
    rows["location"] = ["coordinates" if here else "place" for here in located]
    rows.geometry = rows.geometry.representative_point().where(~located, rows.geometry)
    return rows


SOURCE_COLUMNS = ["source_id", "originator", "party", "party_code", "outlet", "published", "url",
                  "language", "note"]


def _sources(frame: pd.DataFrame, _data: ApiData) -> pd.DataFrame:
    rows = frame.assign(party_code=frame["party"], party=frame["party"].map(party_label))
    return rows.reindex(columns=SOURCE_COLUMNS).fillna("")


PLACE_COLUMNS = ["place_id", "level", "name", "name_az", "district_id", "precision", "is_proxy",
                 "source", "license"]


def _places(frame: pd.DataFrame, _data: ApiData) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(frame.reindex(columns=PLACE_COLUMNS), geometry=list(frame.geometry),
                            crs=CRS)


def _hazards(frame: pd.DataFrame, _data: ApiData) -> gpd.GeoDataFrame:
    return hazards_frame(gpd.GeoDataFrame(frame, geometry="geometry", crs=CRS))


def _releases(frame: pd.DataFrame, data: ApiData) -> gpd.GeoDataFrame:
    return releases_frame(frame, data.frames["hazard-areas"])


REVISION_COLUMNS = ["revision_id", "created_at", "author", "file_name", "kind", "rows_claims",
                    "rows_events", "rows_places", "rows_sources", "rows_hazards", "rows_releases",
                    "note", "active"]


def _revisions(frame: pd.DataFrame, _data: ApiData) -> pd.DataFrame:
    rows = frame.reindex(columns=REVISION_COLUMNS)
    rows["created_at"] = pd.to_datetime(rows["created_at"]).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return rows


_CLAIM_FILTERS = frozenset({DISTRICT, PERIOD, METRIC, DEVICE, ORIGINATOR, PARTY})
_EVENT_FILTERS = frozenset({DISTRICT, PERIOD, DEVICE, ORIGINATOR, PARTY})
_AREA_FILTERS = frozenset({DISTRICT, ORIGINATOR, PARTY})

COLLECTIONS: dict[str, Collection] = {c.code: c for c in (
    Collection("figures", "Figures", "Published figures (claims): each with its metric as the "
               "source words it, value, qualifier, period, place, originator, outlet, date, address "
               "and, for figures taken from a statement, the words that state it.",
               "claim_id", _CLAIM_FILTERS, _claims, spatial=True, period_field="period_end"),
    Collection("sources", "Sources", "Publications and statements the figures and events come "
               "from: originator, party, outlet, date and address.",
               "source_id", frozenset({ORIGINATOR, PARTY}), _sources),
    Collection("events", "Finds and incidents", "Reported finds of mines and explosive "
               "remnants and mine incidents, each with its source.",
               "event_id", _EVENT_FILTERS | {"kind"}, _events, spatial=True, period_field="date_start"),
    Collection("finds", "Finds", "Reported finds of mines and explosive remnants of war, at their "
               "coordinates or, when only a place is named, on that place.",
               "event_id", _EVENT_FILTERS, _events, spatial=True, period_field="date_start",
               base="events", only=("kind", "find")),
    Collection("incidents", "Incidents", "Reported mine and ERW incidents with their casualties.",
               "event_id", _EVENT_FILTERS, _events, spatial=True, period_field="date_start",
               base="events", only=("kind", "incident")),
    Collection("places", "Places", "The gazetteer: country, economic regions, districts, towns, "
               "villages and named heights.", "place_id", frozenset({DISTRICT}), _places,
               spatial=True),
    Collection("districts", "Districts", "District boundaries.", "place_id", frozenset({DISTRICT}),
               _places, spatial=True, base="places", only=("level", PlaceLevel.DISTRICT.value)),
    Collection("hazard-areas", "Hazard areas", "Confirmed and suspected hazard areas as "
               "published or recorded, with their status, contamination and source.",
               "hazard_id", _AREA_FILTERS, _hazards, spatial=True, period_field="recorded_date"),
    Collection("land-release", "Land release", "Land released by survey or clearance, on the "
               "hazard area it belongs to.", "release_id", _AREA_FILTERS, _releases, spatial=True,
               period_field="period_end"),
    Collection("revisions", "Revisions", "Every revision of the data: who committed which file "
               "when, what it holds, and whether it counts now.", "revision_id", frozenset(),
               _revisions),
    Collection("contradictions", "Contradicting figures", "Figures for the same metric, place, "
               "scope and period whose values differ, side by side, numbered by group.",
               "claim_id", _CLAIM_FILTERS, _contradictions, spatial=True),
)}
OGC_COLLECTIONS = ("finds", "incidents", "places", "districts", "hazard-areas", "land-release")


def _by_id(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """The frame in id order: itself when it already is (200,000 events copied cost 40 MB)."""
    if frame[column].is_monotonic_increasing and isinstance(frame.index, pd.RangeIndex) \
            and frame.index.start == 0 and frame.index.step == 1:
        return frame
    return frame.sort_values(column, kind="stable").reset_index(drop=True)


def api_data(tables: Tables, claims: pd.DataFrame, events: pd.DataFrame,
             hazards: gpd.GeoDataFrame, releases: pd.DataFrame, revisions: pd.DataFrame,
             as_of: int | None) -> ApiData:
    """Every collection's frame, sorted by id, from the joined views of one revision."""
    revisions = revisions if as_of is None else revisions[revisions["revision_id"] <= as_of]
    frames = {
        "figures": _by_id(claims, "claim_id"),
        "sources": _by_id(tables.sources, "source_id"),
        "events": _by_id(events, "event_id"),  # finds and incidents are parts of it
        "places": _by_id(tables.places, "place_id"),  # districts are a part of it
        "hazard-areas": _by_id(hazards, "hazard_id"),
        "land-release": _by_id(releases, "release_id"),
        "revisions": _by_id(revisions, "revision_id"),
        "contradictions": contradictions(claims).sort_values(["group", "claim_id"])
        .reset_index(drop=True),
    }
    revision = int(revisions["revision_id"].max()) if len(revisions) else 0
    return ApiData(revision=revision, as_of=as_of, tables=tables, frames=frames)
