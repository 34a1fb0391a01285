"""The finds index answers what one view needs, exactly as the filters select."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import numpy as np
import pytest

from geo.changes import merged_tables
from geo.derive import events_view
from geo.filters import Filters, filter_events
from geo.i18n import language
from geo.mapping import BBox, EventIndex
from geo.mapping.common import DEFAULT_ZOOM
from geo.mapping.first import FIRST_VIEW_CHARACTERS
from geo.mapping.index import FEW_POINTS, POINT_LIMIT
from geo.place_names import localized_names
from tests.synthetic import synthetic_finds
from tools.demo import demonstration_tables

REGION = BBox.parse("44.5,38.5,48.5,41.0")
EVERYTHING = Filters(start=dt.date(1990, 1, 1), end=dt.date(2030, 1, 1))


@pytest.fixture(scope="module")
def scaled(tables):
    """The seed plus 6,000 synthetic finds, joined like the app's views."""
    return events_view(synthetic_finds(tables, 6_000, seed=11))


@pytest.fixture(scope="module")
def index(scaled, tables) -> EventIndex:
    return EventIndex(scaled, tables.places, tables.names)


FILTER_SETS = [
    EVERYTHING,
    Filters(start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31)),
    dataclasses.replace(EVERYTHING, districts=("district:lachin", "district:aghdam")),
    dataclasses.replace(EVERYTHING, devices=("AP_mine", "AT_mine")),
    dataclasses.replace(EVERYTHING, parties=("national_ngo",)),
    Filters(start=dt.date(2023, 3, 1), end=dt.date(2024, 2, 1), districts=("district:fuzuli",),
            devices=("UXO",), parties=("govt_azerbaijan",)),
]


@pytest.mark.parametrize("filters", FILTER_SETS)
@pytest.mark.parametrize("kind", ["find", "incident"])
def test_index_selects_what_the_filters_select(scaled, index, filters, kind) -> None:
    expected = filter_events(scaled, filters)
    expected = set(np.flatnonzero(scaled["event_id"].isin(expected.loc[expected["kind"] == kind,
                                                                       "event_id"])))
    assert set(np.flatnonzero(index.mask(kind, filters))) == expected


def test_many_finds_in_view_come_as_cells_that_add_up(index) -> None:
    view = index.view("find", EVERYTHING, 8, REGION)
    assert view["mode"] == "cells" and view["total"] > 6_000
    cells = np.array(view["cells"])
    assert cells[:, 2].sum() == view["total"]
    assert (cells[:, 4:].sum(axis=1) == cells[:, 2]).all()  # categories add up per cell
    coarser = index.view("find", EVERYTHING, 6, REGION)
    assert len(coarser["cells"]) < len(view["cells"])


def test_the_demonstration_set_opens_as_counted_cells(tables) -> None:
    """The README's demonstration set (50 areas per district, 3,000 finds, 60 incidents) is
    aggregated at the opening view: 3,000 dots there would hide each other and the names."""
    demo = events_view(merged_tables(demonstration_tables(tables, 50, 3000, 60), tables))
    index = EventIndex(demo, tables.places, tables.names)
    first = index.first_view("find", EVERYTHING, DEFAULT_ZOOM)["data"]
    assert first["mode"] == "cells" and first["total"] >= 3000
    assert 0 < len(first["cells"]) < 100 and sum(cell[2] for cell in first["cells"]) == first["total"]
    assert index.first_view("incident", EVERYTHING, DEFAULT_ZOOM)["data"]["mode"] == "points"  # 60


def test_crowded_points_become_cells_until_they_spread_out(index) -> None:
    """Fewer than POINT_LIMIT finds still come as cells while they pile up on screen, and one
    by one once zooming in spreads them over enough cells."""
    lachin = dataclasses.replace(EVERYTHING, districts=("district:lachin",))
    ids = index.in_view("find", lachin, REGION)
    assert FEW_POINTS < len(ids) <= POINT_LIMIT
    assert index.view("find", lachin, 8, REGION)["mode"] == "cells"
    deep = next(zoom for zoom in range(8, 17) if not index.crowded(ids, zoom))
    assert index.view("find", lachin, deep, REGION)["mode"] == "points"


def test_a_few_sparse_finds_come_one_by_one_at_the_opening_view(tables) -> None:
    seed = EventIndex(events_view(tables), tables.places, tables.names)
    assert seed.view("find", EVERYTHING, DEFAULT_ZOOM, REGION)["mode"] == "points"


def test_few_finds_in_view_come_one_by_one(index) -> None:
    view = index.view("find", EVERYTHING, 8, REGION)
    lon, lat = view["cells"][0][:2]
    small = BBox(lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01)
    points = index.view("find", EVERYTHING, 15, small)
    assert points["mode"] == "points" and 0 < points["total"] == len(points["id"])
    assert all(small.west <= x <= small.east for x in points["lon"])
    assert all(small.south <= y <= small.north for y in points["lat"])
    assert "Source:" in index.popups("find", points["id"][:1], "find")


def test_filters_narrow_the_view(index) -> None:
    everything = index.view("find", EVERYTHING, 8, REGION)["total"]
    ap_ids = index.in_view("find", dataclasses.replace(EVERYTHING, devices=("AP_mine",)), REGION)
    assert 0 < len(ap_ids) < everything
    cells = np.array(index.cells(ap_ids, 8)["cells"])
    assert (cells[:, 4] == cells[:, 2]).all()  # every find in every cell is an AP mine


def test_district_level_finds_are_outlines_not_points(tables, index) -> None:
    located = index.in_view("find", EVERYTHING, BBox.parse("-180,-90,180,90"))
    seed_ids = {tables.events["event_id"].iat[i] for i in located if i < len(tables.events)}
    assert {"E003", "E004", "E006"} <= seed_ids  # Zabukh, Sus, Sarybaba: drawn at their place
    assert not {"E001", "E007"} & seed_ids  # known to Lachin district only
    outlines = index.district_outlines("find", EVERYTHING)
    assert [o["district_id"] for o in outlines] == ["district:lachin"]
    assert "1,400" in outlines[0]["popup"] and "2 finds" in outlines[0]["tooltip"]
    incidents = index.district_outlines("incident", EVERYTHING)
    assert [o["district_id"] for o in incidents] == ["district:tartar"]


def test_popup_lists_everything_at_a_spot_and_counts_the_rest(tables, index) -> None:
    zabukh = [i for i in range(len(tables.events)) if tables.events["place_id"].iat[i]
              == "settlement:zabukh"]
    html = index.popups("find", zabukh, "find")
    assert html.count("Zabukh</b>") == len(zabukh) == 2
    assert "and 70 more finds here" in index.popups("find", list(range(8, 108)), "find")
    assert index.popups("find", [10**9, -1], "find") == ""


def test_bbox_parsing_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        BBox.parse("1,2,3")
    with pytest.raises(ValueError):
        BBox.parse("nan,1,2,3")
    assert BBox.parse("50,41,44,38") == BBox(44.0, 38.0, 50.0, 41.0)


def test_a_popup_names_places_in_the_page_language(tables, index) -> None:
    zabukh = [i for i in range(len(tables.events)) if tables.events["place_id"].iat[i]
              == "settlement:zabukh"]
    russian = localized_names(tables.places, tables.names, "ru")
    with language("ru"):
        html = index.popups("find", zabukh, "find", place_names=russian)
    assert f"{russian['settlement:zabukh']}</b>" in html and "Zabukh</b>" not in html


@pytest.mark.parametrize(("filters", "mode"), [(FILTER_SETS[0], "cells"), (FILTER_SETS[5], "points")])
def test_the_first_view_sent_with_the_map_is_what_the_endpoint_answers_for_the_region(
        index, filters, mode) -> None:
    first = index.first_view("find", filters, 8)
    west, south, east, north = first["extent"]
    assert REGION.west <= west <= east <= REGION.east and REGION.south <= south <= north <= REGION.north
    assert first["zoom"] == 8 and first["data"] == index.view("find", filters, 8, REGION)
    assert first["data"]["mode"] == mode
    assert first["data"]["total"] == len(index.in_view("find", filters, REGION)) > 0


def test_no_first_view_from_the_detail_zoom_in_or_when_too_large(index, monkeypatch) -> None:
    assert index.first_view("find", EVERYTHING, 14) is None  # villages: the store answers
    in_2022 = FILTER_SETS[1]  # about 1,000 finds
    answer = index.view("find", in_2022, 8, REGION)
    assert len(json.dumps(answer)) < FIRST_VIEW_CHARACTERS
    monkeypatch.setattr("geo.mapping.first.FIRST_VIEW_CHARACTERS", len(json.dumps(answer)) - 1)
    assert index.first_view("find", in_2022, 8) is None  # over the limit: left to the endpoint
    assert index.covering_box("incident") is None  # none located: every view is empty
    assert index.first_view("incident", EVERYTHING, 8) == {
        "zoom": 8, "extent": None, "data": index.view("incident", EVERYTHING, 8, REGION)}
