"""Every page under Streamlit's AppTest: runs clean, shows sourced figures, follows filters."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

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


def _metric_values(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


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
    assert "Area reported cleared of mines and UXO" not in values
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
    assert set(placements["district"]) == {"Shusha", "Lachin"}


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
        assert {m.label for m in app.metric} == {"No figure"}
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
