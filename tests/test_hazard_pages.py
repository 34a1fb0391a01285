"""The hazard page, the hazard layer's legend and the upload of hazard areas and land release
under Streamlit's AppTest."""

from __future__ import annotations

import json

import shapely
from streamlit.testing.v1 import AppTest

from geo.store import Store
from tests.test_hazard_upload import LACHIN_E, LACHIN_N, _hazard, _utm_box
from tests.test_pages import _chart_rows as _rows
from tests.test_pages import run_app
from tests.test_upload_pages import _signed_in_upload_page
from tests.upload_files import feature_collection
from tools.demo import load_demonstration

PAGE = "pages/hazards.py"


def _hazard_page(state: dict | None = None) -> AppTest:
    app = run_app(state)
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    return app


def _chart(app: AppTest, title: str):
    return next(chart for chart in app.get("vega_lite_chart")
                if json.loads(chart.proto.spec).get("title", {}).get("text") == title)


def _spec(chart) -> dict:
    return json.loads(chart.proto.spec)


def _metrics(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def test_the_seed_shows_the_published_breakdowns_labelled_with_their_source(app_db) -> None:
    app = _hazard_page()
    operators = _rows(_chart(app, "Area by operator, 2023"))
    assert set(operators["kind"]) == {"published"}
    assert operators["series"].str.contains("Cabinet of Ministers").all()
    assert dict(zip(operators["category"], operators["figure"], strict=True))["Local companies"] == \
        "11,807.6 ha"
    uses = _rows(_chart(app, "Area by land use after release, 2023"))
    assert dict(zip(uses["category"], uses["value"], strict=True))["Agriculture"] == 29005.6
    assert _metrics(app)["Hazard areas open"] == "0"
    reliability = app.table[0].value
    assert set(reliability.index) == {"computed", "claimed"}
    assert set(reliability.loc["claimed", "Figure"]) == {"55 %", "25 %"}
    assert not app.warning


def test_a_demonstration_set_is_computed_labelled_synthetic_and_retractable(app_db) -> None:
    store = Store(f"sqlite:///{app_db}")
    revision = load_demonstration(store, per_district=10, finds=200, incidents=10)
    app = _hazard_page()
    assert any("synthetic demonstration data (not real)" in w.value for w in app.warning)
    assert any("synthetic demonstration data (not real)" in w.value for w in run_app().warning)
    assert int(_metrics(app)["Hazard areas open"]) + int(_metrics(app)["Hazard areas in progress"]) \
        + int(_metrics(app)["Hazard areas released"]) == 120
    operators = _rows(_chart(app, "Area by operator, 2023"))
    assert set(operators["kind"]) == {"published", "computed"}
    computed = operators[operators["kind"] == "computed"]
    assert computed["series"].str.contains("Synthetic demonstration data").all()
    reliability = app.table[0].value.loc["computed"]
    assert reliability["Figure"].str.endswith("%").all()
    assert "of 200 finds with coordinates" in " ".join(reliability["Basis"])
    remaining = _spec(_chart(app, "Remaining contamination by district"))
    assert "synthetic demonstration data" in " ".join(remaining["title"]["subtitle"])
    as_of_seed = _hazard_page({"as_of": 1})
    assert _metrics(as_of_seed)["Hazard areas open"] == "0"
    assert not any("synthetic" in w.value for w in as_of_seed.warning)
    store.retract(revision, by="test", note="demo over")
    after = _hazard_page()
    assert _metrics(after)["Land released"] == "0 ha" and not after.warning
    assert not any("synthetic" in w.value for w in run_app().warning)


def test_choosing_a_year_without_published_breakdowns_shows_only_computed_ones(app_db) -> None:
    load_demonstration(Store(f"sqlite:///{app_db}"), per_district=10, finds=0, incidents=0)
    app = _hazard_page()
    years = app.selectbox(key="hazard_year")
    assert {"2023", "2024"} <= set(years.options) and years.value == 2023
    app.selectbox(key="hazard_year").set_value(2024).run()
    assert not app.exception
    rows = _rows(_chart(app, "Items found by operator, 2024"))
    assert set(rows["kind"]) == {"computed"}


def test_the_overview_legend_names_the_hazard_layer_while_it_is_on(app_db) -> None:
    shown = " ".join(h.proto.body for h in run_app().get("html"))
    assert "Hazard areas</b>" in shown and "SHA, open" in shown
    hidden = " ".join(h.proto.body for h in run_app({"layer:hazards": False}).get("html"))
    assert "SHA, open" not in hidden
    component = next(c for c in run_app().get("component_instance") if "script" in str(c.proto))
    assert "md.HazardLayer = L.Layer.extend" in component.proto.json_args


def test_hazard_areas_and_their_land_release_are_uploaded_and_committed(app_db) -> None:
    shapes = {"UP-1": _utm_box(LACHIN_E, LACHIN_N, 100, 100),
              "UP-2": _utm_box(LACHIN_E + 50, LACHIN_N, 100, 100)}
    data = feature_collection([(_hazard(key, g)[0], shapely.geometry.mapping(g))
                               for key, g in shapes.items()])
    app = _signed_in_upload_page()
    app.file_uploader(key="upload_file").set_value(("survey.geojson", data, "application/geo+json")).run()
    assert not app.exception, app.exception
    text = " ".join(m.value for m in app.markdown)
    assert "adds 2 hazard areas" in text
    assert any("1 pair of hazard areas overlaps" in w.value for w in app.warning)
    overlaps = next(d.value for d in app.dataframe if "Overlaps" in d.value.columns)
    assert list(overlaps["Hazard area"]) == ["UP-1"] and list(overlaps["Overlaps"]) == ["UP-2"]
    app.button(key="commit_upload").click().run()
    assert any("Committed as revision 2" in s.value for s in app.success)
    releases = ("release id,hazard id,method,hectares,period end,land use,originator,party,published\n"
                "R1,UP-1,cleared,0.9,2025-04-30,agriculture,ANAMA,govt_azerbaijan,2025-05-02\n")
    app.file_uploader(key="upload_file").set_value(("release.csv", releases.encode(), "text/csv")).run()
    assert "adds 1 land-release record" in " ".join(m.value for m in app.markdown)
    app.button(key="commit_upload").click().run()
    assert any("Committed as revision 3" in s.value for s in app.success)
    stored = Store(f"sqlite:///{app_db}").snapshot()
    assert set(stored.hazards["hazard_id"]) == {"UP-1", "UP-2"}
    assert stored.releases.iloc[0]["district_id"] == "district:lachin"
