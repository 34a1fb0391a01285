"""The map's layers, district styles, state and folium map: escaping, offline, robustness."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.derive import events_view
from geo.figures import district_figures, headline
from geo.filters import Filters, filter_claims
from geo.mapping import (
    DEFAULT_LAYERS,
    LAYER_FINDS,
    NO_FIGURE_FILL,
    NOT_SELECTED_FILL,
    BBox,
    EventIndex,
    build_map,
    district_styles,
    legend_html,
    legend_title,
    map_base,
    map_state,
)
from geo.mapping.common import NameLookup

ALL_TIME = Filters(start=dt.date(1990, 1, 1), end=dt.date(2030, 1, 1))


def _styles(tables, claims, selected=(), metric="area_reported_cleared"):
    figures = district_figures(claims, metric)
    return district_styles(tables.places, NameLookup(tables.names), figures, metric, selected)


def _base(tables):
    return map_base(tables.places, NameLookup(tables.names))


def test_districts_without_a_figure_are_drawn_distinctly(tables, claims) -> None:
    styles, _ = _styles(tables, claims)
    assert styles["district:khankendi"]["fill"] == NO_FIGURE_FILL
    assert styles["district:khankendi"]["dash"]
    assert "No published figure" in styles["district:khankendi"]["popup"]
    assert styles["district:jabrayil"]["fill"] != NO_FIGURE_FILL
    assert "14,016.7 ha" in styles["district:jabrayil"]["popup"]
    assert "Cabinet of Ministers" in styles["district:jabrayil"]["popup"]


def test_one_style_and_one_shape_per_district(tables, claims) -> None:
    districts = tables.places[tables.places["level"] == "district"]
    styles, _ = _styles(tables, claims)
    assert set(styles) == set(districts["place_id"])
    assert {d["id"] for d in _base(tables).layers["districts"]} == set(districts["place_id"])


def test_filtered_out_districts_are_not_selected_not_missing(tables, claims) -> None:
    lachin = Filters(start=dt.date(2020, 1, 1), end=dt.date(2026, 1, 1), districts=("district:lachin",))
    styles, legend = _styles(tables, filter_claims(claims, lachin), selected=lachin.districts)
    assert styles["district:lachin"]["state"] == "figure"
    assert styles["district:tartar"]["state"] == "not-selected"
    assert styles["district:tartar"]["fill"] == NOT_SELECTED_FILL != NO_FIGURE_FILL
    assert "no figure" not in styles["district:tartar"]["tooltip"]
    labels = [entry.label for entry in legend]
    assert "Not selected (District filter)" in labels and "No figure published" in labels
    _, unfiltered_legend = _styles(tables, claims)
    assert "Not selected (District filter)" not in [e.label for e in unfiltered_legend]


def test_choropleth_follows_the_figures_the_caller_passes(tables, claims) -> None:
    only_lachin = district_figures(claims, "area_reported_cleared")
    only_lachin = only_lachin[only_lachin["district_id"] == "district:lachin"]
    styles, _ = district_styles(tables.places, NameLookup(tables.names), only_lachin,
                                "area_reported_cleared")
    shaded = [d for d, s in styles.items() if s["state"] == "figure"]
    assert shaded == ["district:lachin"]


def test_legend_states_units(tables, claims) -> None:
    _, legend = _styles(tables, claims)
    assert legend_title("area_reported_cleared") == "Area reported cleared of mines and UXO (ha)"
    assert all(entry.label.endswith(" ha") for entry in legend if entry.label.startswith("up to"))
    html = legend_html(legend, legend_title("ap_mines_found"))
    assert "Anti-personnel mines found (number)" in html and "Anti-tank mine" in html


def test_districts_have_accessible_names_with_their_figure(tables, claims) -> None:
    styles, _ = _styles(tables, claims)
    assert styles["district:jabrayil"]["aria"].startswith("Jabrayil: 14,016.7 ha")
    assert styles["district:khankendi"]["aria"] == "Khankendi: no figure published"


def test_district_labels_sit_inside_their_district(tables) -> None:
    shapes = tables.places.set_index("place_id")["geometry"]
    for district in _base(tables).layers["districts"]:
        lon, lat = district["label"]
        assert shapes[district["id"]].contains(shapely.Point(lon, lat)), district["name"]


def test_proxy_place_is_marked_as_approximate(tables) -> None:
    places = {p["id"]: p for p in _base(tables).layers["places"]}
    proxy = places["named_feature:saribaba-height"]
    assert proxy["proxy"] and "approximate" in proxy["tooltip"]
    assert not places["settlement:zabukh"]["proxy"]
    assert "Aghavno" in places["settlement:zabukh"]["popup"]


def test_text_from_files_is_escaped_in_popups(tables) -> None:
    hostile = '<img src=x onerror="alert(1)">`${alert(2)}`'
    tampered = events_view(dataclasses.replace(tables, events=tables.events.assign(note=hostile)))
    index = EventIndex(tampered, tables.places, tables.names)
    html = index.popups("find", list(range(len(tampered))), "find")
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_map_json_cannot_close_its_script_element(tables, claims, events) -> None:
    places = tables.places.copy()
    places.loc[places["place_id"] == "settlement:zabukh", "name"] = "</script><b>x"
    base = map_base(places, NameLookup(tables.names))
    html = build_map(base, "1.0").get_root().render()
    assert "</script><b>x" not in html and "\\u003c/script\\u003e" in html


def test_map_loads_nothing_from_the_internet(tables) -> None:
    html = build_map(_base(tables), "1.0").get_root().render()
    links = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert links and all(link.startswith("/app/static/") for link in links)
    assert "minedash.init(" in html and "md.HazardLayer = L.Layer.extend" in html  # its own code inline
    map_options = re.search(r"L\.map\(\s*\"map_\w+\",\s*\{(.*?)\}\s*\);", html, re.DOTALL)
    assert map_options and '"maxZoom": 16' in map_options.group(1)


def test_map_script_is_the_same_for_every_filter_set(tables, claims) -> None:
    """Only the state layer changes with the filters, so the mounted map is kept."""
    base, index = _base(tables), EventIndex(events_view(tables), tables.places, tables.names)
    scripts, states = set(), set()
    for districts in ((), ("district:lachin",)):
        filters = dataclasses.replace(ALL_TIME, districts=districts)
        state, _ = map_state(tables.places, index, district_figures(
            filter_claims(claims, filters), "area_reported_cleared"), filters, DEFAULT_LAYERS, "0")
        script = build_map(base, "1.0").get_root().render()
        scripts.add(re.sub(r"_[0-9a-f]{32}", "", script))
        states.add(json.dumps(state, sort_keys=True))
    assert len(scripts) == 1 and len(states) == 2


def test_hidden_layer_is_part_of_the_state(tables, claims) -> None:
    index = EventIndex(events_view(tables), tables.places, tables.names)
    layers = {**DEFAULT_LAYERS, LAYER_FINDS: False}
    state, _ = map_state(tables.places, index, district_figures(claims, "area_reported_cleared"),
                         ALL_TIME, layers, "3")
    assert state["layers"][LAYER_FINDS] is False and state["token"] == "3"


def test_filters_change_headline_and_choropleth(tables, claims) -> None:
    lachin = Filters(start=pd.Timestamp("2020-01-01").date(), end=pd.Timestamp("2025-01-01").date(),
                     districts=("district:lachin",))
    filtered = filter_claims(claims, lachin)
    assert headline(filtered, "area_reported_cleared").figure == "1,454.2 ha"
    assert headline(claims, "area_reported_cleared").figure == "218,262 ha"
    styles, _ = _styles(tables, filtered, selected=lachin.districts)
    assert [d for d, s in styles.items() if s["state"] == "figure"] == ["district:lachin"]


def _odd_places(tables) -> gpd.GeoDataFrame:
    """The gazetteer plus places whose stored geometry the map cannot draw as a point."""
    odd = {
        "settlement:collection": shapely.GeometryCollection([shapely.Point(46.5, 39.6),
                                                             shapely.LineString([(46, 39), (46.1, 39.1)])]),
        "settlement:line": shapely.LineString([(46.3, 39.5), (46.4, 39.6)]),
        "settlement:empty": shapely.Point(),
        "settlement:missing": None,
        "district:collection": shapely.GeometryCollection([shapely.box(46.0, 39.0, 46.1, 39.1)]),
    }
    rows = [{"place_id": pid, "level": pid.split(":")[0], "name": pid.split(":")[1],
             "name_az": "", "district_id": "district:lachin", "precision": "", "is_proxy": False,
             "source": "test", "license": "", "geometry": geometry} for pid, geometry in odd.items()]
    extra = gpd.GeoDataFrame(rows, geometry="geometry", crs=tables.places.crs)
    return pd.concat([tables.places, extra], ignore_index=True)


def test_places_with_any_geometry_are_drawn_or_skipped(tables, claims) -> None:
    places = _odd_places(tables)
    base = map_base(places, NameLookup(tables.names))
    drawn = {p["id"]: (p["lon"], p["lat"]) for p in base.layers["places"]}
    assert "settlement:empty" not in drawn and "settlement:missing" not in drawn
    assert drawn["settlement:line"] != drawn["settlement:collection"]
    assert "district:collection" in {d["id"] for d in base.layers["districts"]}
    json.dumps(base.layers)  # everything is plain JSON
    figures = district_figures(claims, "area_reported_cleared")
    styles, _ = district_styles(places, NameLookup(tables.names), figures, "area_reported_cleared")
    assert styles["district:collection"]["state"] == "no-figure"


@pytest.mark.parametrize("lat, lon", [(95.0, 46.5), (39.6, float("nan")), (-33.9, 151.2)])
def test_events_outside_the_region_or_unplaceable_never_break_the_index(tables, lat, lon) -> None:
    odd = tables.events.iloc[:1].assign(event_id="X1", lat=lat, lon=lon, place_id=None,
                                        place="", location_precision="point")
    at_odd_place = tables.events.iloc[:1].assign(event_id="X2", place_id="settlement:empty",
                                                 lat=None, lon=None)
    places = _odd_places(tables)
    scaled = dataclasses.replace(tables, events=pd.concat([tables.events, odd, at_odd_place]),
                                 places=places)
    view = events_view(scaled)
    index = EventIndex(view, places, tables.names)
    world = index.view("find", ALL_TIME, 3, BBox.parse("-180,-90,180,90"))
    odd_row = list(view["event_id"]).index("X1")
    assert (odd_row in world["id"]) == (lat <= 90 and lon == lon)
    assert list(view["event_id"]).index("X2") not in world["id"]  # its place has no geometry
    assert index.popups("find", list(range(len(view))), "find")
