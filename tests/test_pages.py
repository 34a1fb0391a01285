"""Every page under Streamlit's AppTest: runs clean, shows sourced figures, follows filters."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.vocab import metric_label
from tests.conftest import ROOT, SEED_CLAIMS

TIMEOUT = 120


def run_app(state: dict | None = None) -> AppTest:
    """The app's first run with sidebar state preset.

    AppTest (1.67) runs the entry script (app.py: sidebar, navigation) only on the first run
    and the page alone on later runs, so sidebar choices are set in session state before the
    first run, as a returning user has them. Browser tests cover the sidebar live.
    """
    test = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for key, value in (state or {}).items():
        test.session_state[key] = value
    test.run()
    assert not test.exception, test.exception
    return test


@pytest.fixture
def app(app_db) -> AppTest:
    """The app on a fresh store, first run done."""
    return run_app()


FIGURE = re.compile(r'<p class="headline-figure" data-metric="([^"]+)"[^>]*>(.*?)</p>')


def _metric_values(app: AppTest) -> dict[str, str]:
    """Headline card figures by metric label ('–' when a card has no figure)."""
    found = (FIGURE.search(m.value) for m in app.markdown)
    return {metric_label(m.group(1)): html.unescape(m.group(2)) for m in found if m}


def _text(app: AppTest) -> str:
    return " ".join(str(c.value) for c in app.caption) + " ".join(str(m.value) for m in app.markdown)


def test_overview_shows_headline_figures_with_sources(app: AppTest) -> None:
    values = _metric_values(app)
    assert values["Area reported cleared of mines and UXO"] == "218,262 ha"
    assert values["Anti-personnel mines found"] == "32,940"
    assert "Azerbaijan Campaign to Ban Landmines" in _text(app)


def test_overview_sends_a_local_only_map(app: AppTest) -> None:
    maps = [c for c in app.get("component_instance") if "script" in str(c.proto)]
    assert maps, "no map component"
    proto = str(maps[0].proto)
    assert "/app/static/vendor/leaflet/leaflet.js" in proto
    assert "cdn.jsdelivr" not in proto and "cdnjs" not in proto


def test_district_filter_changes_headline(app_db) -> None:
    app = run_app({"f_districts": ["district:lachin"]})
    assert _metric_values(app)["Area reported cleared of mines and UXO"] == "1,454.2 ha"


def test_party_filter_changes_headline(app_db) -> None:
    app = run_app({"f_parties": ["independent_monitor"]})
    values = _metric_values(app)
    assert values["Area reported cleared of mines and UXO"] == "–"
    assert values["Mine casualties (killed and injured)"] == "2,440"


def test_period_filter_changes_charts_and_headline(app_db) -> None:
    import datetime as dt
    app = run_app({"f_period": (dt.date(2021, 1, 1), dt.date(2021, 12, 31))})
    values = _metric_values(app)
    assert values["Area reported cleared of mines and UXO"] == "5,537 ha"  # ANAMA-only, to 2021-10


def test_sources_page_lists_every_claim_and_searches(app: AppTest) -> None:
    app.switch_page("pages/sources.py").run()
    assert not app.exception
    table = app.dataframe[0].value
    assert len(table) == SEED_CLAIMS
    app.text_input(key="sources_search").input("Vestnik").run()
    table = app.dataframe[0].value
    assert list(table["Claim"]) == ["C006"]


def test_sources_page_shows_the_contradictions(app: AppTest) -> None:
    app.switch_page("pages/sources.py").run()
    contradicting = app.dataframe[1].value
    assert sorted(contradicting["Figure as published"]) == ["45", "48"]
    falling = app.dataframe[2].value
    assert list(falling["Claims"]) == ["C056 → C057"]
    assert list(falling["Implied change"]) == [-19]
    placements = app.dataframe[3].value
    assert set(placements["District given"]) == {"Shusha", "Lachin"}


def test_sources_page_follows_the_district_filter(app_db) -> None:
    app = run_app({"f_districts": ["district:lachin"]})
    app.switch_page("pages/sources.py").run()
    assert not app.exception
    table = app.dataframe[0].value
    assert set(table["Place"]) == {"Lachin"}
    assert {"C049", "C065", "C011"} <= set(table["Claim"])


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/sources.py"])
def test_filters_that_match_nothing_show_empty_states(app_db, page: str) -> None:
    app = run_app({"f_parties": ["govt_armenia"]})
    app.switch_page(page).run()
    assert not app.exception
    if page == "pages/overview.py":
        assert set(_metric_values(app).values()) == {"–"}
    else:
        assert app.dataframe[0].value.empty


def test_rerun_sends_the_same_map_so_the_browser_does_not_remount(app: AppTest) -> None:
    import json

    def map_key() -> str:
        component = next(c for c in app.get("component_instance") if "script" in str(c.proto))
        return json.loads(component.proto.json_args)["key"]

    first = map_key()
    app.run()
    assert map_key() == first
    assert json.loads(next(c for c in app.get("component_instance")).proto.json_args)[
        "returned_objects"] == []


def test_app_still_runs_when_every_revision_is_retracted(app_db) -> None:
    from geo.store import Store
    store = Store(f"sqlite:///{app_db}")
    store.seed_if_empty()
    store.retract(1, by="test", note="empty the dashboard")
    for page in ("pages/overview.py", "pages/sources.py", "pages/history.py"):
        app = run_app()
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)


def _chart_titled(app: AppTest, title: str):
    import json
    return next(chart for chart in app.get("vega_lite_chart")
                if json.loads(chart.proto.spec).get("title", {}).get("text") == title)


def _subtitle(chart) -> str:
    import json
    spec = json.loads(chart.proto.spec)
    return " ".join(spec["title"].get("subtitle", [])) + spec.get("description", "")


def _chart_rows(chart) -> pd.DataFrame:
    import pyarrow as pa
    return pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_pandas()


def test_cards_name_source_and_date_and_warn_when_they_differ(app: AppTest) -> None:
    shown = " ".join(m.value for m in app.markdown)
    assert r"**Azerbaijan Campaign to Ban Landmines \(AzCBL\)**, as of **2024-07-31**" in shown
    assert "**ANAMA**, as of **2023-11-28**" in shown
    assert any("Not one consistent set" in w.value for w in app.warning)


def test_same_statement_cards_all_come_from_one_source(app: AppTest) -> None:
    app.radio(key="headline_mode").set_value("same_source").run()
    assert not app.exception
    values = _metric_values(app)
    assert values["Area reported cleared of mines and UXO"] == "53,081.8 ha"
    assert values["Mine casualties (killed and injured)"] == "322"
    assert any("one statement" in i.value and "via Turan" in i.value for i in app.info)
    assert not any("Not one consistent set" in w.value for w in app.warning)


def test_two_districts_show_one_named_figure_each(app_db) -> None:
    app = run_app({"f_districts": ["district:aghdam", "district:lachin"]})
    assert _metric_values(app) == {}  # no single unnamed figure
    area = app.table[0].value
    assert dict(zip(area.index, area["Figure as published"], strict=True)) == {
        "Aghdam": "7,956.1 ha", "Lachin": "1,454.2 ha"}
    assert set(_chart_rows(_chart_titled(app, "By district"))["district_name"]) == {
        "Aghdam", "Lachin"}


def test_period_length_choice_reaches_the_district_chart(app_db) -> None:
    assert "Annual figures" in _subtitle(_chart_titled(run_app(), "By district"))
    weekly = _chart_titled(run_app({"f_period_length": "week"}), "By district")
    assert "No weekly figures (7 days)" in _subtitle(weekly)


def test_as_of_view_shows_a_banner_in_the_main_area(app_db) -> None:
    app = run_app({"as_of": 1})
    assert any("as it stood after revision 1" in w.value for w in app.main.warning)


def test_sources_search_takes_any_spelling_and_bare_numbers(app: AppTest) -> None:
    app.switch_page("pages/sources.py").run()
    app.text_input(key="sources_search").input("Berdzor").run()
    assert {"C011", "C049", "C065"} <= set(app.dataframe[0].value["Claim"])
    assert set(app.dataframe[0].value["Place"]) == {"Lachin"}
    app.text_input(key="sources_search").input("54841").run()
    assert list(app.dataframe[0].value["Claim"]) == ["C001"]


ODD_DATES = [("3023-12-31", "3023-12-31"), ("0001-01-01", "2023-12-31"), ("2023-01-01", "9999-12-31")]


def _commit_odd_dates(db) -> None:
    import hashlib

    from geo.model.tables import empty_tables
    from geo.store import Store
    store = Store(f"sqlite:///{db}")
    store.seed_if_empty()
    upload = empty_tables()
    upload.claims = pd.DataFrame([{
        "claim_id": f"ODD{i}", "source_id": "SEED", "metric": "area_reported_cleared",
        "value": 10.0, "unit": "ha", "qualifier": "exact", "period_start": start,
        "period_end": end, "period_type": "period", "scope": "all_operators", "place": "Lachin",
        "place_id": "district:lachin", "location_precision": "district", "status": "reported",
        "note": "typo in the year",
    } for i, (start, end) in enumerate(ODD_DATES)])
    upload.events = pd.DataFrame([{
        "event_id": f"ODDE{i}", "source_id": "SEED", "kind": "find", "date_start": start,
        "date_end": end, "place": "Lachin", "place_id": "district:lachin", "lat": None,
        "lon": None, "location_precision": "district", "device_category": "UXO",
        "device_model": "", "quantity": 1, "killed": None, "injured": None,
        "status": "reported", "note": "",
    } for i, (start, end) in enumerate(ODD_DATES)])
    store.commit(upload, author="test", file_name="odd.csv", kind="figures",
                 sha256=hashlib.sha256(b"odd dates").hexdigest())


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/sources.py", "pages/upload.py",
                                  "pages/history.py"])
def test_every_page_survives_implausible_dates_in_the_store(app_db, page: str) -> None:
    _commit_odd_dates(app_db)
    app = run_app()
    start, end = app.session_state["f_period"]
    assert start.year >= 1988 and end.year <= 2100
    app.switch_page(page).run()
    assert not app.exception, app.exception


def test_sources_lists_the_rows_with_implausible_dates(app_db) -> None:
    _commit_odd_dates(app_db)
    app = run_app()
    app.switch_page("pages/sources.py").run()
    odd = next(d.value for d in app.dataframe if "Dates as stored" in d.value.columns)
    assert set(odd["Id"]) == {"ODD0", "ODD1", "ODD2", "ODDE0", "ODDE1", "ODDE2"}
    assert "3023-12-31 to 3023-12-31" in set(odd["Dates as stored"])


def test_district_filter_state_with_a_spelling_is_read_as_its_district(app_db) -> None:
    app = run_app({"f_districts": ["Berdzor"]})
    assert _metric_values(app)["Area reported cleared of mines and UXO"] == "1,454.2 ha"
    unknown = run_app({"f_districts": ["Atlantis"]})
    assert any("No district is known by the name" in w.value for w in unknown.sidebar.warning)


def test_the_whole_region_travels_with_the_map_only_when_it_is_mounted(app: AppTest) -> None:
    import json

    def first_views() -> dict:
        component = next(c for c in app.get("component_instance") if "script" in str(c.proto))
        group = json.loads(component.proto.json_args)["feature_group"]
        state = re.search(r"minedash\.update\(window\.map, (\{.*\})\);", group, re.DOTALL)
        assert state, group[:200]
        return json.loads(state.group(1))["first"]

    mounting = first_views()  # the session's first run mounts the map
    assert mounting["find"]["zoom"] == 8 and mounting["find"]["data"]["total"] > 0
    assert {"incident", "hazards"} <= set(mounting)
    app.run()  # the map stays mounted: its later states carry no answers
    assert first_views() == {}
