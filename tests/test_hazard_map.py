"""The hazard layer's index: what one view needs (dots when small, counted cells when those
dots crowd, simplified shapes when large), the popup of what lies under a click, escaped, and
styles by type and status."""

from __future__ import annotations

import dataclasses
import json
import math

import numpy as np
import pytest
import shapely

from geo.changes import merged_tables
from geo.derive.hazards import hazards_view, releases_view
from geo.mapping import BBox, HazardIndex
from geo.mapping.first import FIRST_VIEW_CHARACTERS
from geo.mapping.hazards import DOT_PIXELS, legend_html, styles
from geo.mapping.index import FEW_POINTS, counted_cells, crowded, drawn_singly, screen_cells
from tools.demo import demonstration_tables

REGION = BBox.parse("44.5,38.5,48.5,41.0")


@pytest.fixture(scope="module")
def demo(tables):
    """The seed with 40 synthetic hazard areas per district and their land release."""
    return merged_tables(demonstration_tables(tables, 40, 0, 0), tables)


@pytest.fixture(scope="module")
def index(demo) -> HazardIndex:
    return HazardIndex(hazards_view(demo), releases_view(demo))


def test_small_areas_that_do_not_crowd_come_as_dots(index: HazardIndex) -> None:
    view = index.view(10, REGION)  # 480 areas over the region: about two per screen cell
    assert view["total"] == index.size == 480 and view["cells"] == []
    assert len(view["dots"]["id"]) + len(view["shapes"]["id"]) == 480
    assert len(view["dots"]["id"]) > 400  # a few hundred metres across is under 5 pixels at zoom 10
    assert len(view["dots"]["lonlat"]) == 2 * len(view["dots"]["id"])
    assert len(json.dumps(view)) < 40_000
    lachin = index.view(8, REGION, districts=("district:lachin",))  # few: one by one, however close
    assert lachin["cells"] == [] and len(lachin["dots"]["id"]) == lachin["total"] <= FEW_POINTS


def test_a_national_view_counts_crowded_small_areas_in_cells_like_the_finds(
        index: HazardIndex, demo) -> None:
    view = index.view(8, REGION)  # 480 dots in a few dozen screen cells: they would pile up
    small = np.flatnonzero(index.extent * 256 * 2.0 ** 8 < DOT_PIXELS)
    cells = np.array(view["cells"])
    assert view["total"] == 480 and view["dots"]["id"] == [] and 0 < len(cells) < 100
    assert cells[:, 2].sum() + len(view["shapes"]["id"]) == 480  # every area counted once
    assert cells[:, 2].sum() == len(small)
    area = hazards_view(demo)["area_ha"].to_numpy()
    assert cells[:, 3].sum() == pytest.approx(area[small].sum(), abs=0.01 * len(cells))  # hectares
    assert (cells[:, 4:].sum(axis=1) == cells[:, 2]).all()  # areas per style code add up
    assert cells[:, 4:].sum(axis=0).tolist() == np.bincount(index.code[small], minlength=6).tolist()
    assert ((cells[:, 0] >= REGION.west) & (cells[:, 0] <= REGION.east)
            & (cells[:, 1] >= REGION.south) & (cells[:, 1] <= REGION.north)).all()
    assert len(json.dumps(view)) < 5_000
    assert index.view(16, REGION)["cells"] == []  # the deepest zoom: one by one


def test_every_dense_layer_counts_by_the_same_rule() -> None:
    keys = screen_cells(np.array([0.5, 0.5, 0.5, 0.5, 0.5, 0.7]), np.full(6, 0.5), 8)
    assert crowded(keys) is False and crowded(keys[:5]) is True  # 5 in one cell; 6 in two
    assert drawn_singly(FEW_POINTS, 8, lambda: pytest.fail("few: no need to look"))
    assert not drawn_singly(FEW_POINTS + 1, 8, lambda: np.zeros(FEW_POINTS + 1, dtype=np.int64))
    rows = counted_cells(keys, np.array([46.0, 46.2, 46.4, 46.6, 46.8, 47.0]), np.full(6, 40.0),
                         np.array([1.0, 2.0, 3.0, 4.0, 5.0, 0.5]), np.array([0, 0, 5, 5, 5, 2]), 6)
    assert rows == [[46.4, 40.0, 5, 15.0, 2, 0, 0, 0, 0, 3], [47.0, 40.0, 1, 0.5, 0, 0, 1, 0, 0, 0]]


def test_a_close_view_sends_shapes_simplified_for_the_zoom(demo) -> None:
    hazards = demo.hazards.copy()
    circle = shapely.Point(46.55, 39.60).buffer(0.006, quad_segs=64)  # about 500 m, 256 corners
    hazards.loc[0, "geometry"] = circle
    index = HazardIndex(hazards_view(dataclasses.replace(demo, hazards=hazards)), releases_view(demo))
    box = BBox(46.53, 39.58, 46.57, 39.62)
    counts = []
    for zoom in (16, 13, 11):
        view = index.view(zoom, box)
        flat = view["shapes"]["rings"][view["shapes"]["id"].index(0)][0][0]
        drawn = shapely.Polygon(np.asarray(flat).reshape(-1, 2))
        pixel = 360.0 / (256 * 2.0 ** zoom)
        assert drawn.is_valid
        assert shapely.hausdorff_distance(drawn.exterior, circle.exterior) < pixel  # looks the same
        decimals = math.ceil(-math.log10(pixel)) + 1  # steps of a tenth of a pixel, no finer
        assert all(round(v, decimals) == v for v in flat)
        counts.append(len(flat) // 2)
    assert 256 > counts[0] > counts[1] > counts[2] >= 8  # fewer corners the further out


def test_each_area_is_a_dot_or_a_shape_by_its_size_on_screen(index: HazardIndex) -> None:
    for zoom in (8, 11, 14):
        view = index.view(zoom, REGION)
        pixels = index.extent * 256 * 2.0 ** zoom
        small = set(np.flatnonzero(pixels < DOT_PIXELS))
        assert set(view["shapes"]["id"]) == set(np.flatnonzero(pixels >= DOT_PIXELS))
        if view["cells"]:  # the dots crowd: counted instead
            assert view["dots"]["id"] == [] and sum(c[2] for c in view["cells"]) == len(small)
        else:
            assert set(view["dots"]["id"]) == small


def test_the_district_and_party_filters_apply(index: HazardIndex, demo) -> None:
    lachin = index.view(8, REGION, districts=("district:lachin",))
    expected = set(np.flatnonzero(demo.hazards["district_id"].to_numpy() == "district:lachin"))
    assert set(lachin["dots"]["id"]) | set(lachin["shapes"]["id"]) == expected
    assert index.view(8, REGION, parties=("govt_armenia",))["total"] == 0


def test_styles_tell_types_and_statuses_apart_and_released_land_is_distinct(index: HazardIndex) -> None:
    codes = styles()  # by type (SHA, CHA) and status (open, in progress, released)
    unreleased = [json.dumps(s, sort_keys=True) for s in codes if not s["label"].startswith("Released")]
    assert len(codes) == 6 and len(set(unreleased)) == 4
    released = {s["fillColor"] for s in codes if s["label"].startswith("Released")}
    assert len(released) == 1 and not released & {s["fillColor"] for s in codes
                                                   if not s["label"].startswith("Released")}
    sha = next(s for s in codes if s["label"] == "SHA, open")
    cha = next(s for s in codes if s["label"] == "CHA, open")
    assert sha["dashArray"] and not cha["dashArray"] and sha["fillColor"] != cha["fillColor"]
    view = index.view(10, REGION)
    assert view["dots"]["id"]
    for code, hazard in zip(view["dots"]["code"], view["dots"]["id"], strict=True):
        row = index.rows.iloc[hazard]
        assert codes[code]["label"].split(",")[0] in (row["hazard_type"], "Released (cancelled")
    assert "SHA, in progress" in legend_html() and "Released (cancelled, reduced or cleared)" in legend_html()


def test_a_click_inside_an_area_opens_its_popup(index: HazardIndex, demo) -> None:
    row = int(np.argmax(index.extent))
    point = index.geometries[row].representative_point()
    ids = index.at(point.x, point.y, 16)
    assert row in ids
    html = index.popup(ids)
    hazard = index.rows.iloc[row]
    for text in (hazard["hazard_id"], hazard["type_label"], hazard["status_label"],
                 hazard["contamination_label"], hazard["operator"], hazard["last_survey_date"],
                 "Synthetic demonstration data, not a real record", "Synthetic demonstration data "
                 "(not real)", f"{hazard['area_ha']:,.2f}".rstrip("0").rstrip(".")):
        assert text in html
    assert index.at(point.x + 1.5, point.y + 1.5, 16) == []


def test_a_dot_is_clicked_within_a_few_pixels(index: HazardIndex) -> None:
    smallest = int(np.argmin(index.extent))
    x, y = index.centre[smallest]
    assert smallest in index.at(x + 0.005, y, 8)  # about 4 pixels away at zoom 8
    assert smallest not in index.at(x + 0.005, y, 16)  # far from it at zoom 16


def test_popup_text_from_files_is_escaped(demo) -> None:
    hazards = demo.hazards.copy()
    hazards.loc[0, "name"] = "<img src=x onerror=alert(1)>"
    hazards.loc[0, "operator"] = "<b>Team</b>"
    index = HazardIndex(hazards_view(dataclasses.replace(demo, hazards=hazards)), releases_view(demo))
    html = index.popup([0])
    assert "<img" not in html and "&lt;img src=x" in html and "&lt;b&gt;Team" in html


def test_an_empty_store_has_an_empty_layer(tables) -> None:
    index = HazardIndex(hazards_view(tables), releases_view(tables))
    assert index.view(8, REGION)["total"] == 0 and index.at(46.5, 39.6, 10) == []
    assert index.popup([]) == ""
    assert shapely.STRtree(index.geometries).query(shapely.box(0, 0, 1, 1)).size == 0


def test_the_first_view_sent_with_the_map_is_what_the_endpoint_answers_for_the_region(
        index: HazardIndex, demo, monkeypatch) -> None:
    lachin = ("district:lachin",)
    first = index.first_view(8, lachin)
    west, south, east, north = first["extent"]
    assert REGION.west <= west <= east <= REGION.east and REGION.south <= south <= north <= REGION.north
    assert first["zoom"] == 8 and first["data"] == index.view(8, REGION, lachin)
    assert 0 < first["data"]["total"] < index.size
    every_shape = len(json.dumps(index.view(11, REGION)))
    assert every_shape < FIRST_VIEW_CHARACTERS
    monkeypatch.setattr("geo.mapping.first.FIRST_VIEW_CHARACTERS", every_shape - 1)
    assert index.first_view(11) is None  # over the limit: left to the endpoint
    empty = HazardIndex(hazards_view(dataclasses.replace(demo, hazards=demo.hazards.iloc[:0])),
                        releases_view(demo))
    assert empty.first_view(8) == {"zoom": 8, "extent": None, "data": empty.view(8, REGION)}
