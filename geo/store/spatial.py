"""Spatial questions about the stored data, answered where the data is.

Three questions, the same answers on both backends:
- `event_districts(events, places)`: the district polygon each event of a snapshot falls in
  (the district join of located events, done once per data version);
- `district_ids(lon, lat)`: the district polygon each point falls in;
- `events_in_box(box, kind, start, end, devices)`: located events of a kind inside a
  bounding box that pass the date and device filters (the map's per-view query).
On PostGIS they run in the database over GiST-indexed columns; on SQLite over prepared
shapely polygons and numpy columns (built once per set of counting revisions, kept in memory).
Either way the data is as it stands now, or as of a revision.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from geo.bbox import BBox
from geo.places import districts_at, districts_for_points
from geo.store.engine import translated
from geo.store.schema import events_table, places_table

BOX_COLUMNS = ["event_id", "lon", "lat", "device_category", "quantity"]
INDEXED_EVENT_COLUMNS = [*BOX_COLUMNS, "kind", "date_start", "date_end"]
DISTRICT = "district"


class PostGISSpatial:
    """The questions as SQL over PostGIS columns with GiST indexes."""

    def district_ids(self, conn: Connection, revision_ids: list[int], lon: np.ndarray,
                     lat: np.ndarray) -> np.ndarray:
        """District place id of each point (None outside every district)."""
        query = sa.text(
            "WITH d AS (SELECT DISTINCT ON (place_id) place_id, level, geometry_wkb AS geometry "
            "FROM places WHERE revision_id = ANY(:revisions) ORDER BY place_id, revision_id DESC) "
            "SELECT p.i - 1, min(d.place_id) FROM unnest(CAST(:lon AS float8[]), "
            "CAST(:lat AS float8[])) WITH ORDINALITY AS p(lon, lat, i) JOIN d ON d.level = :district "
            "AND ST_Contains(d.geometry, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)) GROUP BY p.i")
        rows = conn.execute(query, {"revisions": revision_ids, "lon": lon.tolist(),
                                    "lat": lat.tolist(), "district": DISTRICT}).all()
        out = np.full(len(lon), None, dtype=object)
        for position, place_id in rows:
            out[position] = place_id
        return out

    def remember(self, revision_ids: list[int], events: pd.DataFrame,
                 places: gpd.GeoDataFrame) -> None:
        """Nothing to keep: the database answers from its own indexes."""

    def event_districts(self, conn: Connection, events: pd.DataFrame,
                        places: gpd.GeoDataFrame) -> np.ndarray:
        """District of each stored event row, joined in the database on the events' stored
        points (nothing crosses the wire but ids)."""
        districts = places[places["level"] == DISTRICT]
        query = sa.text(
            "WITH d AS (SELECT p.place_id, p.geometry_wkb AS geometry FROM places p JOIN "
            "unnest(CAST(:places AS text[]), CAST(:place_revisions AS int[])) AS k(place_id, "
            "revision_id) USING (place_id, revision_id)) "
            "SELECT e.event_id, e.revision_id, min(d.place_id) FROM events e "
            "JOIN d ON ST_Contains(d.geometry, e.location) "
            "WHERE e.revision_id = ANY(CAST(:revisions AS int[])) GROUP BY e.event_id, e.revision_id")
        rows = conn.execute(query, {
            "places": districts["place_id"].tolist(),
            "place_revisions": [int(r) for r in districts["revision_id"]],
            "revisions": sorted({int(r) for r in events["revision_id"]})}).all()
        found = {(event_id, revision): place_id for event_id, revision, place_id in rows}
        return np.array([found.get((e, int(r))) for e, r in
                         zip(events["event_id"], events["revision_id"], strict=True)], dtype=object)

    def events_in_box(self, conn: Connection, revision_ids: list[int], box: BBox, kind: str,
                      start: dt.date, end: dt.date, devices: Sequence[str]) -> pd.DataFrame:
        """Current located events of the kind in the box that pass the filters."""
        device_filter = "AND e.device_category = ANY(:devices) " if devices else ""
        query = sa.text(
            "SELECT e.event_id, e.lon, e.lat, e.device_category, e.quantity FROM events e "
            "WHERE e.location && ST_MakeEnvelope(:west, :south, :east, :north, 4326) "
            "AND e.revision_id = ANY(:revisions) AND e.kind = :kind AND e.date_start <= :end "
            f"AND COALESCE(e.date_end, e.date_start) >= :start {device_filter}"
            "AND NOT EXISTS (SELECT 1 FROM events n WHERE n.event_id = e.event_id "
            "AND n.revision_id = ANY(:revisions) AND n.revision_id > e.revision_id) "
            "ORDER BY e.event_id")
        result = conn.execute(query, {
            "west": box.west, "south": box.south, "east": box.east, "north": box.north,
            "revisions": revision_ids, "kind": kind, "start": start.isoformat(),
            "end": end.isoformat(), "devices": list(devices)})
        rows = [tuple(row) for row in result]  # plain tuples: a frame of Row objects is 15x slower
        return pd.DataFrame.from_records(rows, columns=BOX_COLUMNS)


@dataclass
class _Cached:
    """Current geometry of one data version, indexed in memory."""

    districts: gpd.GeoDataFrame
    events: pd.DataFrame
    by_lon: np.ndarray


class MemorySpatial:
    """The questions over prepared polygons and numpy columns, built once per data version."""

    def __init__(self) -> None:
        self._cache: dict[tuple, _Cached] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _read(conn: Connection, revision_ids: list[int]) -> tuple[pd.DataFrame, gpd.GeoDataFrame]:
        """Current events and places of the revisions, read from the database."""
        places = pd.read_sql(
            sa.select(places_table.c.place_id, places_table.c.level, places_table.c.geometry_wkb)
            .where(places_table.c.revision_id.in_(revision_ids))
            .order_by(places_table.c.revision_id, places_table.c.row_id), conn)
        places = places.drop_duplicates("place_id", keep="last")
        events = pd.read_sql(
            sa.select(*(events_table.c[name] for name in INDEXED_EVENT_COLUMNS))
            .where(events_table.c.revision_id.in_(revision_ids))
            .order_by(events_table.c.revision_id, events_table.c.row_id), conn)
        geometry = shapely.from_wkb(places["geometry_wkb"].tolist())
        return (events.drop_duplicates("event_id", keep="last"),
                gpd.GeoDataFrame(places[["place_id", "level"]], geometry=geometry))

    @staticmethod
    def _indexed(events: pd.DataFrame, places: gpd.GeoDataFrame) -> _Cached:
        """Current events (one row per event) sorted by longitude, and the district polygons."""
        events = events[events["lat"].between(-90, 90) & events["lon"].between(-180, 180)]
        events = events[INDEXED_EVENT_COLUMNS].assign(
            date_end=events["date_end"].fillna(events["date_start"]))
        events = events.sort_values("lon", kind="stable").reset_index(drop=True)
        districts = places[places["level"] == DISTRICT][["place_id", "level", "geometry"]]
        return _Cached(districts=districts, events=events, by_lon=events["lon"].to_numpy(float))

    def remember(self, revision_ids: list[int], events: pd.DataFrame,
                 places: gpd.GeoDataFrame) -> None:
        """Index a snapshot's current events and places for its set of counting revisions, so
        the first box query does not read them again."""
        with self._lock:
            if tuple(revision_ids) not in self._cache:
                self._keep(tuple(revision_ids), self._indexed(events, places))

    def _keep(self, key: tuple, cached: _Cached) -> None:
        if len(self._cache) >= 3:
            self._cache.pop(next(iter(self._cache)))
        self._cache[key] = cached

    def cached(self, conn: Connection, revision_ids: list[int]) -> _Cached:
        """The indexed geometry of a set of counting revisions (built on first use). Revisions
        never change once committed, so the set names the data exactly."""
        key = tuple(revision_ids)
        with self._lock:
            if key not in self._cache:
                self._keep(key, self._indexed(*self._read(conn, revision_ids)))
            return self._cache[key]

    def district_ids(self, conn: Connection, revision_ids: list[int], lon: np.ndarray,
                     lat: np.ndarray) -> np.ndarray:
        """District place id of each point (None outside every district)."""
        return districts_at(lon, lat, self.cached(conn, revision_ids).districts)

    @staticmethod
    def event_districts(conn: Connection, events: pd.DataFrame,
                        places: gpd.GeoDataFrame) -> np.ndarray:
        """District of each event row, over the snapshot's own district polygons."""
        return districts_for_points(events, places).to_numpy(object)

    def events_in_box(self, conn: Connection, revision_ids: list[int], box: BBox, kind: str,
                      start: dt.date, end: dt.date, devices: Sequence[str]) -> pd.DataFrame:
        """Current located events of the kind in the box that pass the filters."""
        cached = self.cached(conn, revision_ids)
        low = np.searchsorted(cached.by_lon, box.west, side="left")
        high = np.searchsorted(cached.by_lon, box.east, side="right")
        rows = cached.events.iloc[low:high]
        chosen = (rows["lat"].between(box.south, box.north) & (rows["kind"] == kind)
                  & (rows["date_start"] <= end.isoformat()) & (rows["date_end"] >= start.isoformat()))
        if devices:
            chosen &= rows["device_category"].isin(list(devices))
        return rows.loc[chosen, BOX_COLUMNS].sort_values("event_id").reset_index(drop=True)


ActiveRevisions = Callable[[Connection, int | None], list[int]]


class SpatialQueries:
    """The store's spatial interface; callers never learn which backend answers."""

    def __init__(self, engine: Engine, active: ActiveRevisions) -> None:
        self.engine, self._active = engine, active
        postgis = engine.dialect.name == "postgresql"
        self._backend: PostGISSpatial | MemorySpatial = PostGISSpatial() if postgis else MemorySpatial()

    @translated
    def district_ids(self, lon: np.ndarray, lat: np.ndarray, as_of: int | None = None) -> np.ndarray:
        """The district (place id) each point falls in, None outside every district; districts
        as they stand now or as of a revision."""
        lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
        with self.engine.connect() as conn:
            return self._backend.district_ids(conn, self._active(conn, as_of), lon, lat)

    def remember(self, revision_ids: list[int], events: pd.DataFrame,
                 places: gpd.GeoDataFrame) -> None:
        """A snapshot of these counting revisions was just read: keep what the backend needs."""
        self._backend.remember(revision_ids, events, places)

    @translated
    def event_districts(self, events: pd.DataFrame, places: gpd.GeoDataFrame) -> pd.Series:
        """The district (place id) each event of a snapshot falls in by its coordinates, None
        without coordinates or outside every district; against the snapshot's districts.
        On PostGIS the join runs in the database on the stored points."""
        if events.empty:
            return pd.Series(index=events.index, dtype=object)
        with self.engine.connect() as conn:
            found = self._backend.event_districts(conn, events, places)
        return pd.Series(found, index=events.index, dtype=object)

    @translated
    def events_in_box(self, box: BBox, kind: str, start: dt.date, end: dt.date,
                      devices: Sequence[str] = (), as_of: int | None = None) -> pd.DataFrame:
        """Located events of the kind inside the box, dated within start..end and of the
        device categories (any when empty), ordered by event id: event_id, lon, lat,
        device_category, quantity."""
        with self.engine.connect() as conn:
            return self._backend.events_in_box(conn, self._active(conn, as_of), box, kind, start,
                                               end, devices)
