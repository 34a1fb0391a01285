"""The Overview's map under AppTest: what the server sends, whatever the store holds."""

from __future__ import annotations

import hashlib
import json

import geopandas as gpd
import pytest
import shapely
from streamlit.testing.v1 import AppTest

from geo.model.tables import empty_tables
from geo.store import Store
from tests.test_pages import run_app


def _map_args(app: AppTest) -> dict:
    component = next(c for c in app.get("component_instance") if "script" in str(c.proto))
    return json.loads(component.proto.json_args)


def _state(app: AppTest) -> dict:
    """The state minedash.update receives (the feature group streamlit-folium swaps in)."""
    script = _map_args(app)["feature_group"]
    return json.JSONDecoder().raw_decode(script.split("minedash.update(window.map, ", 1)[1])[0]


def _base(app: AppTest) -> dict:
    script = _map_args(app)["script"]
    return json.JSONDecoder().raw_decode(script.split("minedash.init(map_div, ", 1)[1])[0]


def test_hidden_layer_is_sent_switched_off_and_survives_page_switch(app_db) -> None:
    app = run_app({"layer:finds": False})
    assert _state(app)["layers"]["finds"] is False
    assert _state(run_app())["layers"]["finds"] is True
    app.switch_page("pages/sources.py").run()
    assert not app.exception
    app.switch_page("pages/overview.py").run()
    assert app.session_state["layer:finds"] is False


def test_district_filter_mutes_the_others_without_remounting(app_db) -> None:
    everything = run_app()
    lachin = run_app({"f_districts": ["district:lachin"]})
    assert _map_args(everything)["script"] == _map_args(lachin)["script"]
    states = {d: s["state"] for d, s in _state(lachin)["districts"].items()}
    assert states["district:lachin"] == "figure"
    assert states["district:tartar"] == "not-selected"
    assert {s["state"] for s in _state(everything)["districts"].values()} <= {"figure", "no-figure"}
    legend = " ".join(h.proto.body for h in lachin.get("html"))
    assert "Not selected (District filter)" in legend and "(ha)" in legend


def test_map_sends_names_to_label_and_no_finds_inline(app_db) -> None:
    base = _base(run_app())
    assert {d["name"] for d in base["districts"]} >= {"Lachin", "Tartar", "Shusha"}
    assert all(d["label"] for d in base["districts"])
    assert {p["name"] for p in base["places"]} >= {"Zabukh", "Sus"}
    assert "finds" not in base  # finds are fetched for the view from the map's endpoint


def _commit_odd_places(db_path) -> None:
    store = Store(f"sqlite:///{db_path}")
    store.seed_if_empty()
    upload = empty_tables()
    shapes = {
        "settlement:odd-collection": shapely.GeometryCollection([shapely.Point(46.5, 39.6)]),
        "settlement:odd-line": shapely.LineString([(46.3, 39.5), (46.4, 39.6)]),
        "settlement:odd-empty": shapely.Point(),
        "district:odd-collection": shapely.GeometryCollection([shapely.box(46.0, 39.0, 46.1, 39.1)]),
    }
    upload.places = gpd.GeoDataFrame([
        {"place_id": pid, "level": pid.split(":")[0], "name": pid.split(":")[1], "name_az": None,
         "district_id": "district:lachin", "precision": None, "is_proxy": False,
         "source": "test", "license": None, "geometry": geometry}
        for pid, geometry in shapes.items()
    ], geometry="geometry", crs="EPSG:4326")
    events = store.snapshot().events.drop(columns="revision_id").iloc[:2].copy()
    events["event_id"] = ["ODD1", "ODD2"]
    events["place_id"] = ["settlement:odd-collection", None]
    events["lat"], events["lon"] = [None, 61.0], [None, 10.0]  # the second one is in Norway
    upload.events = events
    store.commit(upload, author="test", file_name="odd.geojson",
                 sha256=hashlib.sha256(b"odd").hexdigest(), kind="places")


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/sources.py", "pages/history.py"])
def test_every_page_runs_whatever_geometry_the_store_holds(app_db, page) -> None:
    _commit_odd_places(app_db)
    app = run_app()
    app.switch_page(page).run()
    assert not app.exception, app.exception
    if page == "pages/overview.py":
        drawn = {p["id"] for p in _base(app)["places"]}
        assert {"settlement:odd-collection", "settlement:odd-line"} <= drawn
        assert "settlement:odd-empty" not in drawn
