"""The map payload and folium map: escaping, no-figure districts, offline assets."""

from __future__ import annotations

import dataclasses
import json
import re

import pandas as pd

from geo.derive import events_view
from geo.figures import headline
from geo.filters import Filters, filter_claims
from geo.mapping import DEFAULT_LAYERS, LAYER_FINDS, NO_FIGURE_FILL, build_map, map_payload
from tests.synthetic import synthetic_finds


def _payload(tables, claims, events, metric="area_reported_cleared"):
    return map_payload(tables.places, tables.names, claims, events, metric)


def _features(collection: str) -> list[dict]:
    return json.loads(collection)["features"]


def test_districts_without_a_figure_are_drawn_distinctly(tables, claims, events) -> None:
    by_id = {f["properties"]["place_id"]: f["properties"]
             for f in _features(_payload(tables, claims, events).districts)}
    assert by_id["district:khankendi"]["fill"] == NO_FIGURE_FILL
    assert by_id["district:khankendi"]["dash"]
    assert "No published figure" in by_id["district:khankendi"]["popup"]
    assert by_id["district:jabrayil"]["fill"] != NO_FIGURE_FILL
    assert "14,016.7 ha" in by_id["district:jabrayil"]["popup"]
    assert "Cabinet of Ministers" in by_id["district:jabrayil"]["popup"]


def test_one_feature_per_district(tables, claims, events) -> None:
    districts = tables.places[tables.places["level"] == "district"]
    assert len(_features(_payload(tables, claims, events).districts)) == len(districts)


def test_district_level_finds_are_outlines_not_points(tables, claims, events) -> None:
    payload = _payload(tables, claims, events)
    point_ids = {f["properties"]["event_id"] for f in _features(payload.finds_points)}
    assert "E001" not in point_ids and "E007" not in point_ids  # Lachin district only
    assert {"E003", "E004", "E006"} <= point_ids  # Zabukh, Sus, Sarybaba
    outlines = {f["properties"]["district_id"] for f in _features(payload.finds_districts)}
    assert outlines == {"district:lachin"}
    incidents = {f["properties"]["district_id"] for f in _features(payload.incidents_districts)}
    assert incidents == {"district:tartar"}


def test_proxy_place_is_styled_as_approximate(tables, claims, events) -> None:
    places = {f["properties"]["place_id"]: f["properties"]
              for f in _features(_payload(tables, claims, events).places)}
    proxy = places["named_feature:saribaba-height"]
    assert proxy["dashArray"] and "approximate" in proxy["tooltip"]
    assert not places["settlement:zabukh"]["dashArray"]
    assert "Aghavno" in places["settlement:zabukh"]["popup"]


def test_text_from_files_is_escaped_in_popups(tables, claims, events) -> None:
    hostile = '<img src=x onerror="alert(1)">`${alert(2)}`'
    tampered = tables.events.assign(note=hostile)
    payload = _payload(tables, claims, events_view(dataclasses.replace(tables, events=tampered)))
    html = build_map(payload, DEFAULT_LAYERS).get_root().render()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in payload.finds_points


def test_map_loads_nothing_from_the_internet(tables, claims, events) -> None:
    html = build_map(_payload(tables, claims, events), DEFAULT_LAYERS).get_root().render()
    links = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert links and all(link.startswith("/app/static/vendor/") for link in links)
    map_options = re.search(r"L\.map\(\s*\"map_\w+\",\s*\{(.*?)\}\s*\);", html, re.DOTALL)
    assert map_options and '"maxZoom": 14' in map_options.group(1)


def test_many_located_finds_are_clustered(tables, claims) -> None:
    many = events_view(synthetic_finds(tables, 100))
    html = build_map(_payload(tables, claims, many), DEFAULT_LAYERS).get_root().render()
    assert "L.markerClusterGroup" in html
    few = build_map(_payload(tables, claims, events_view(tables)), DEFAULT_LAYERS).get_root().render()
    assert "L.markerClusterGroup" not in few


def test_hidden_layer_stays_in_the_control_but_starts_off(tables, claims, events) -> None:
    layers = {**DEFAULT_LAYERS, LAYER_FINDS: False}
    html = build_map(_payload(tables, claims, events), layers).get_root().render()
    assert '"Reported finds"' in html
    shown = build_map(_payload(tables, claims, events), DEFAULT_LAYERS).get_root().render()
    assert html.count(".addTo(map_") < shown.count(".addTo(map_")


def test_filters_change_headline_and_choropleth(tables, claims, events) -> None:
    lachin = Filters(start=pd.Timestamp("2020-01-01").date(), end=pd.Timestamp("2025-01-01").date(),
                     districts=("district:lachin",))
    filtered = filter_claims(claims, lachin)
    assert headline(filtered, "area_reported_cleared").figure == "1,454.2 ha"
    assert headline(claims, "area_reported_cleared").figure == "218,262 ha"
    features = _features(_payload(tables, filtered, events).districts)
    coloured = [f["properties"]["place_id"] for f in features if f["properties"]["has"]]
    assert coloured == ["district:lachin"]
