"""Links: a view's state survives the trip through the URL; bad parameters are only noticed."""

from __future__ import annotations

import datetime as dt
import threading

from starlette.requests import Request
from streamlit.testing.v1 import AppTest

from geo.links import (
    FirstDraws,
    LinkChoices,
    LinkDefaults,
    LinkState,
    MapReport,
    MapView,
    ViewBoard,
    link_params,
    read_link,
)
from geo.mapping import LAYERS
from tests.conftest import ROOT
from tests.test_pages import TIMEOUT
from ui.links import FIRST_DRAWS, first_draw_wait, report_drawn

BOUNDS = (dt.date(2020, 11, 10), dt.date(2025, 7, 31))
CHOICES = LinkChoices(
    bounds=BOUNDS, districts=frozenset({"district:lachin", "district:tartar"}),
    metrics=frozenset({"area_reported_cleared", "ap_mines_found"}),
    lengths=frozenset({"year", "month"}), devices=frozenset({"AP_mine", "UXO"}),
    parties=frozenset({"govt_azerbaijan", "independent_monitor"}), layers=frozenset(LAYERS),
    headline_modes=frozenset({"latest", "same_source"}), revisions=frozenset({1, 2, 12}),
    languages=frozenset({"en", "az", "ru"}), zoom_range=(5, 16))
DEFAULTS = LinkDefaults(bounds=BOUNDS, metric="area_reported_cleared", period_length="year",
                        layers=("districts", "hazards", "places", "finds", "incidents",
                                "countries"), headline="latest", language="en")


def _params(query: dict[str, str]) -> dict[str, list[str]]:
    return {name: [value] for name, value in query.items()}


def test_a_full_link_round_trips() -> None:
    state = LinkState(
        start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31), districts=("district:lachin",),
        metric="ap_mines_found", period_length="month", devices=("AP_mine", "UXO"),
        parties=("independent_monitor",), layers=("districts", "finds"),
        headline="same_source", as_of=12, language="ru", view=MapView(39.6374, 46.5498, 10))
    params = link_params(state, DEFAULTS)
    assert params["district"] == "lachin" and params["layers"] == "districts,finds"
    assert params["lat"] == "39.6374" and params["zoom"] == "10"
    back = read_link({name: [value] for name, value in params.items()}, CHOICES)
    assert back == state
    assert back.notices == ()


def test_defaults_are_left_out_so_links_stay_short() -> None:
    state = LinkState(start=BOUNDS[0], end=BOUNDS[1], metric="area_reported_cleared",
                      period_length="year", layers=DEFAULTS.layers, headline="latest",
                      language="en")
    assert link_params(state, DEFAULTS) == {}


def test_bad_values_are_ignored_each_with_a_notice_naming_it() -> None:
    state = read_link(_params({
        "from": "2023-13-01", "district": "lachin,atlantis", "metric": "<script>",
        "asof": "99", "zoom": "abc", "lat": "39", "lon": "46", "utm_source": "x", "lang": "fr",
        "layers": "districts,clouds",
    }), CHOICES)
    assert state.start is None and state.districts == ("district:lachin",)
    assert state.metric is None and state.as_of is None and state.view is None
    assert state.language is None and state.layers == ("districts",)
    text = " ".join(state.notices)
    for shown in ("from=2023-13-01", "district=atlantis", "metric=<script>", "asof=99",
                  "“utm_source”", "lang=fr", "layers=clouds", "zoom=abc"):
        assert shown in text
    assert len(state.notices) == 8


def test_period_is_kept_inside_the_data_and_in_order() -> None:
    state = read_link(_params({"from": "1999-01-01", "to": "2030-01-01"}), CHOICES)
    assert (state.start, state.end) == BOUNDS
    reversed_period = read_link(_params({"from": "2024-01-01", "to": "2023-01-01"}), CHOICES)
    assert reversed_period.start is None and reversed_period.end == dt.date(2023, 1, 1)
    assert "after “to”" in reversed_period.notices[0]


def test_map_position_is_clamped_to_the_map_zoom_levels() -> None:
    state = read_link(_params({"lat": "39.5", "lon": "46.5", "zoom": "40"}), CHOICES)
    assert state.view == MapView(39.5, 46.5, 16)
    assert read_link(_params({"lat": "nan", "lon": "46", "zoom": "8"}), CHOICES).view is None


def test_view_board_keeps_the_latest_position_and_forgets_the_oldest_sessions() -> None:
    board = ViewBoard(limit=2)
    board.report("a" * 12, MapReport(MapView(1, 2, 8)))
    board.report("a" * 12, MapReport(MapView(3, 4, 9)))
    board.report("b" * 12, MapReport(MapView(5, 6, 10), ("districts",), "3"))
    board.report("c" * 12, MapReport(MapView(7, 8, 11)))
    assert board.latest("a" * 12) is None
    assert board.latest("b" * 12) == MapReport(MapView(5, 6, 10), ("districts",), "3")


def test_a_page_waiting_for_its_map_goes_on_when_the_map_says_it_is_drawn() -> None:
    draws = FirstDraws()
    draws.expect("session-a")
    threading.Timer(0.05, draws.report, args=("session-a",)).start()
    assert draws.wait("session-a", timeout=30) is True
    assert draws.report("session-a") is False  # forgotten once waited for


def test_a_page_whose_map_never_reports_goes_on_after_the_timeout() -> None:
    draws = FirstDraws()
    draws.expect("session-a")
    assert draws.wait("session-a", timeout=0.05) is False


def test_a_page_that_mounts_no_map_does_not_wait_and_unexpected_reports_are_dropped() -> None:
    draws = FirstDraws(limit=2)
    assert draws.report("nobody-waits") is False
    waited = threading.Thread(target=draws.wait, args=("nobody-waits", 600))
    waited.start()
    waited.join(timeout=5)
    assert not waited.is_alive()
    for token in ("a", "b", "c"):  # bounded: the oldest expectation goes first
        draws.expect(token)
    assert [draws.report(token) for token in ("a", "b", "c")] == [False, True, True]


def test_how_long_a_page_waits_for_its_map_is_a_deployment_setting(monkeypatch) -> None:
    monkeypatch.delenv("MINEDASH_MAP_FIRST_WAIT", raising=False)
    assert first_draw_wait() == 3.0
    for value, seconds in (("7.5", 7.5), ("0", 0.0), ("-2", 3.0), ("soon", 3.0), ("nan", 3.0)):
        monkeypatch.setenv("MINEDASH_MAP_FIRST_WAIT", value)
        assert first_draw_wait() == seconds


def _drawn_request(token: str) -> Request:
    return Request({"type": "http", "method": "POST", "path": "/api/view/drawn", "headers": [],
                    "query_string": f"token={token}".encode()})


def test_the_drawn_endpoint_releases_the_session_and_refuses_a_bad_token() -> None:
    FIRST_DRAWS.expect("abcdefgh1234")
    assert report_drawn(_drawn_request("abcdefgh1234")).status_code == 204
    assert FIRST_DRAWS.wait("abcdefgh1234", timeout=30) is True
    assert report_drawn(_drawn_request("<b>x</b>")).status_code == 400


def test_app_opens_a_link_and_writes_its_state_back(app_db) -> None:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.query_params.update({"district": "lachin", "metric": "ap_mines_found",
                             "from": "2022-01-01", "to": "2022-12-31", "nonsense": "1"})
    app.run()
    assert not app.exception
    filters = app.session_state["filters"]
    assert filters.districts == ("district:lachin",) and filters.metric == "ap_mines_found"
    assert (filters.start, filters.end) == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert any("nonsense" in warning.value for warning in app.warning)
    assert app.query_params["district"] in ("lachin", ["lachin"])
    assert "nonsense" not in app.query_params


def test_choices_the_data_in_force_does_not_offer_are_dropped(app_db) -> None:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.session_state["f_metric"] = "no_such_metric_in_this_revision"
    app.session_state["f_parties"] = ["govt_azerbaijan", "gone_party"]
    app.run()
    assert not app.exception
    assert app.session_state["filters"].metric == "area_reported_cleared"
    assert app.session_state["filters"].parties == ("govt_azerbaijan",)
