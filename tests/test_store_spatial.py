"""The store's spatial questions give the same answers on SQLite and PostGIS, and the same as the
in-process joins they can replace: the district of located finds, and the finds of one view."""

from __future__ import annotations

import datetime as dt
import hashlib

import numpy as np
import pytest

from geo.derive import events_view
from geo.filters import Filters
from geo.mapping import BBox, EventIndex
from geo.model.tables import empty_tables
from geo.places import districts_for_points
from geo.store import Store
from tests.synthetic import finds_frame

START, END = dt.date(2021, 1, 1), dt.date(2025, 12, 31)
REGION = BBox(44.5, 38.5, 48.5, 41.0)
LACHIN_WEST = BBox(46.3, 39.4, 46.6, 39.7)


@pytest.fixture
def with_finds(store: Store) -> Store:
    """The seeded store plus 3,000 located synthetic finds as revision 2."""
    upload = empty_tables()
    upload.events = finds_frame(store.snapshot(), 3_000, seed=5)
    store.commit(upload, author="t", file_name="finds.csv", sha256="f" * 64, kind="events")
    return store


def _commit_events(store: Store, events, name: str) -> int:
    upload = empty_tables()
    upload.events = events
    return store.commit(upload, author="t", file_name=name,
                        sha256=hashlib.sha256(name.encode()).hexdigest(), kind="events")


def test_district_of_each_point_matches_the_polygon_join(with_finds: Store) -> None:
    tables = with_finds.snapshot()
    located = tables.events.dropna(subset=["lat", "lon"])
    expected = districts_for_points(located, tables.places).to_numpy(object)
    found = with_finds.spatial.district_ids(located["lon"].to_numpy(), located["lat"].to_numpy())
    assert len(located) >= 3_000 and (found == expected).all()
    assert set(found) >= {"district:lachin", "district:aghdam", "district:fuzuli"}
    outside = with_finds.spatial.district_ids(np.array([0.0, 46.54333]), np.array([0.0, 39.58972]))
    assert list(outside) == [None, "district:lachin"]


def test_district_join_of_a_snapshot_matches_the_polygon_join_now_and_as_of(store: Store) -> None:
    base = finds_frame(store.snapshot(), 400, seed=3)
    first = _commit_events(store, base, "first.csv")
    moved = base.head(20).assign(lon=46.54333, lat=39.58972)  # restated at a point in Lachin
    _commit_events(store, moved, "moved.csv")
    for as_of in (None, first):
        tables = store.snapshot(as_of)
        found = store.spatial.event_districts(tables.events, tables.places)
        expected = districts_for_points(tables.events, tables.places)
        assert found.index.equals(tables.events.index)
        assert found.fillna("-").tolist() == expected.fillna("-").tolist()
        assert found.notna().sum() >= 380
    now = store.snapshot()
    districts = store.spatial.event_districts(now.events, now.places).set_axis(now.events["event_id"])
    assert set(districts[moved["event_id"]]) == {"district:lachin"}
    view = events_view(now, store.spatial.event_districts(now.events, now.places))
    assert set(view.set_index("event_id").loc[moved["event_id"], "district_id"]) == {"district:lachin"}


@pytest.mark.parametrize(("box", "devices"), [(REGION, ()), (LACHIN_WEST, ("AP_mine", "AT_mine"))])
def test_finds_in_a_box_are_those_the_map_index_selects(with_finds: Store, box: BBox, devices) -> None:
    tables = with_finds.snapshot()
    events = events_view(tables)
    index = EventIndex(events, tables.places, tables.names)
    filters = Filters(start=dt.date(2022, 1, 1), end=dt.date(2023, 6, 30), devices=devices)
    ids = index.in_view("find", filters, box)
    by_coordinates = events["lat"].notna().to_numpy()[ids]
    expected = sorted(events["event_id"].to_numpy()[ids][by_coordinates])
    found = with_finds.spatial.events_in_box(box, "find", filters.start, filters.end, devices)
    assert len(expected) > 10 and list(found["event_id"]) == expected
    assert found["lon"].between(box.west, box.east).all()


def test_zoomed_in_views_asked_of_the_store_are_those_the_index_draws(with_finds: Store) -> None:
    tables = with_finds.snapshot()
    events = events_view(tables, with_finds.spatial.event_districts(tables.events, tables.places))
    in_process = EventIndex(events, tables.places, tables.names)
    stored = EventIndex(events, tables.places, tables.names, with_finds.spatial.events_in_box)
    assert len(stored.anchored) > 0  # seed events known by a place name, drawn at the place
    spots = [(46.45, 39.55)] + [(stored.lon[i], stored.lat[i]) for i in stored.anchored[:5]]
    filters = [Filters(start=START, end=END), Filters(start=START, end=END, devices=("AP_mine",)),
               Filters(start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31),
                       districts=("district:lachin",))]
    answers = 0
    for lon, lat in spots:
        box = BBox(lon - 0.15, lat - 0.1, lon + 0.15, lat + 0.1)
        for kind in ("find", "incident"):
            for chosen in filters:
                view = stored.view(kind, chosen, 12, box)
                assert view == in_process.view(kind, chosen, 12, box)
                answers += view["total"]
    assert answers > 100


def test_finds_in_a_box_follow_revisions_retractions_and_as_of(store: Store) -> None:
    base = finds_frame(store.snapshot(), 40, seed=9)
    first = _commit_events(store, base, "first.csv")
    moved = base.head(10).assign(lon=40.0, lat=40.0)  # the same finds, restated elsewhere
    second = _commit_events(store, moved, "moved.csv")

    def in_region(as_of: int | None = None) -> set[str]:
        found = store.spatial.events_in_box(REGION, "find", START, END, as_of=as_of)
        return set(found["event_id"]) & set(base["event_id"])

    assert in_region() == set(base["event_id"][10:])
    assert in_region(as_of=first) == set(base["event_id"])
    store.retract(second, by="t")
    assert in_region() == set(base["event_id"])
    assert in_region(as_of=second) == set(base["event_id"][10:])
    store.retract(first, by="t")
    assert in_region() == set()
