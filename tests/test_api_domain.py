"""The read API's domain without a server: queries, byte-bounded pages, OGC's datetime, the
per-client throttle and the settings."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from geo.api.collections import COLLECTIONS, api_data
from geo.api.limits import ApiLimits, Throttle
from geo.api.ogc import datetime_period
from geo.api.query import ApiError, parse_query, selected
from geo.api.render import render_page
from geo.derive import claims_view, events_view, flag_claims
from geo.derive.hazards import hazards_view, releases_view
from geo.names import AliasIndex
from geo.seed import load_seed
from geo.store import Store


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('api') / 'app.sqlite'}")
    store.seed_if_empty()
    tables = load_seed()
    return api_data(tables, flag_claims(claims_view(tables)), events_view(tables),
                    hazards_view(tables), releases_view(tables), store.revisions(), None)


def query(data, code: str, **params: str):
    return parse_query({k: [v] for k, v in params.items()}, COLLECTIONS[code], data,
                       AliasIndex(data.tables.places, data.tables.names), 1000)


def test_a_district_in_any_script_selects_the_same_figures(data) -> None:
    ids = [set(data.frames["figures"].iloc[selected(data, COLLECTIONS["figures"],
                                                    query(data, "figures", district=name))]
               ["claim_id"]) for name in ("Tartar", "Тертер", "Tərtər rayonu", "Terter")]
    assert ids[0] and all(other == ids[0] for other in ids)


def test_a_page_over_the_byte_limit_returns_fewer_rows_and_continues_where_it_stopped(
        data) -> None:
    places = COLLECTIONS["places"]
    positions = np.arange(len(data.frames["places"]))
    seen: list[str] = []
    offset, pages = 0, 0
    while offset is not None:
        asked = query(data, "places", f="geojson", limit="1000", offset=str(offset))
        page = render_page(data, places, asked, positions, 60_000, lambda o: f"?offset={o}", {})
        assert len(page.body) <= 60_000
        seen += [f["id"] for f in json.loads(page.body)["features"]]
        offset, pages = page.next_offset, pages + 1
    assert pages > 1 and seen == list(data.frames["places"]["place_id"])


def test_one_row_over_the_byte_limit_is_refused_with_a_message(data) -> None:
    asked = query(data, "districts", f="geojson")
    with pytest.raises(ApiError, match="larger than the response limit") as refused:
        render_page(data, COLLECTIONS["districts"], asked, np.arange(3), 200, str, {})
    assert refused.value.status == 413


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-05-01", (dt.date(2024, 5, 1), dt.date(2024, 5, 1))),
    ("2024-05-01T10:00:00Z", (dt.date(2024, 5, 1), dt.date(2024, 5, 1))),
    ("2024-01-01/2024-12-31", (dt.date(2024, 1, 1), dt.date(2024, 12, 31))),
    ("../2024-12-31", (None, dt.date(2024, 12, 31))),
    ("2024-01-01/..", (dt.date(2024, 1, 1), None)),
    ("2024-01-01/", (dt.date(2024, 1, 1), None)),
])
def test_ogc_datetime_instants_and_open_intervals(text: str, expected: tuple) -> None:
    assert datetime_period(text) == expected


@pytest.mark.parametrize("text", ["yesterday", "2024-12-31/2024-01-01", "2024-02-30"])
def test_a_bad_ogc_datetime_is_refused(text: str) -> None:
    with pytest.raises(ApiError, match="datetime"):
        datetime_period(text)


def test_the_throttle_allows_a_burst_then_the_rate_and_keeps_clients_apart() -> None:
    now = [0.0]
    throttle = Throttle(rate=2.0, clock=lambda: now[0])
    assert [throttle.wait_for("a") for _ in range(6)] == [0.0] * 6  # three seconds' worth
    assert throttle.wait_for("a") == pytest.approx(0.5)
    assert throttle.wait_for("b") == 0.0
    now[0] += 0.5
    assert throttle.wait_for("a") == 0.0
    assert throttle.wait_for("a") > 0


def test_limits_come_from_the_settings_and_junk_falls_back() -> None:
    limits = ApiLimits.from_environ({"MINEDASH_API_MAX_PAGE": "50", "MINEDASH_API_MAX_MB": "1",
                                     "MINEDASH_API_RATE": "nan", "MINEDASH_API_WORKERS": "-3"})
    assert (limits.max_page, limits.max_bytes, limits.rate, limits.workers) == (
        50, 1024 * 1024, 20.0, 2)
