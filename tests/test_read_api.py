"""The read API, OGC API - Features and the feed, against a running server (server.py) on a
store with the seed, the demonstration set, an upload of finds and its retraction."""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pandas as pd
import pyogrio
import pytest
from openapi_spec_validator import validate
from owslib.ogcapi.features import Features

from geo.api.collections import COLLECTIONS, OGC_COLLECTIONS
from geo.derive import claims_view, events_view
from geo.filters import Filters, filter_claims, filter_events
from geo.model.tables import empty_tables
from geo.store import Store
from tests.browser.conftest import start_server
from tests.synthetic import finds_frame
from tools.demo import load_demonstration
from ui.read_api import ROUTES

RETRACTED_NOTE = "wrong file <script>alert(1)</script>"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "app.sqlite"
    store = Store(f"sqlite:///{path}")
    load_demonstration(store, per_district=3, finds=40, incidents=6)  # revisions 1 and 2
    upload = empty_tables()
    upload.events = finds_frame(store.snapshot(), 25, seed=3)
    store.commit(upload, author="editor", file_name="finds.csv",
                 sha256=hashlib.sha256(b"api-finds").hexdigest(), kind="events")  # revision 3
    store.retract(3, by="editor", note=RETRACTED_NOTE)
    return path


@pytest.fixture(scope="module")
def api(store_path: Path) -> Iterator[str]:
    process, url = start_server(store_path)
    yield url
    process.terminate()
    process.wait(timeout=20)


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, \
                response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def every_page(url: str, key: str = "items") -> list[dict]:
    rows: list[dict] = []
    while url:
        status, _headers, body = get(url)
        assert status == 200, body
        page = json.loads(body)
        rows += page[key]
        url = next((link["href"] for link in page["links"] if link["rel"] == "next"), "")
    return rows


def views(store_path: Path, as_of: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    store = Store(f"sqlite:///{store_path}")
    tables = store.snapshot(as_of)
    return claims_view(tables), events_view(tables)


def test_the_openapi_document_validates_and_lists_exactly_the_routes(api: str) -> None:
    status, _headers, body = get(f"{api}/api/v1/openapi.json")
    spec = json.loads(body)
    validate(spec)
    listed = set(spec["paths"])
    templates = {route.path for route in ROUTES}
    assert all(route.methods <= {"GET", "HEAD"} for route in ROUTES)  # nothing writes
    expanded = {path.replace("{collection}", code) for path in templates for code in COLLECTIONS}
    assert listed == {p for p in expanded if "{collection}" not in p}
    for path in listed:  # every path the document lists answers
        concrete = path.replace("{collectionId}", "finds").replace("{featureId}", "none") \
            .replace("{id}", "none")
        status, _headers, body = get(f"{api}{concrete}")
        assert status == 200 or (status == 404 and b"none" in body), (path, status, body[:200])


def test_every_figure_carries_its_attribution_and_quote(api: str) -> None:
    figures = every_page(f"{api}/api/v1/figures?limit=50")
    assert len(figures) >= 80
    for figure in figures:
        assert {"originator", "outlet", "published", "source_url", "quote", "party"} <= set(figure)
        assert figure["originator"] and figure["published"]


def test_gdal_reads_every_ogc_collection_as_the_store_holds_it(api: str, store_path: Path) -> None:
    source = f"OAPIF:{api}/ogc"
    layers = {name for name, _kind in pyogrio.list_layers(source)}
    assert layers == set(OGC_COLLECTIONS)
    _claims, events = views(store_path)
    tables = Store(f"sqlite:///{store_path}").snapshot()
    expected = {
        "finds": set(events.loc[events["kind"] == "find", "event_id"]),
        "incidents": set(events.loc[events["kind"] == "incident", "event_id"]),
        "places": set(tables.places["place_id"]),
        "districts": set(tables.places.loc[tables.places["level"] == "district", "place_id"]),
        "hazard-areas": set(tables.hazards["hazard_id"]),
        "land-release": set(tables.releases["release_id"]),
    }
    for layer in OGC_COLLECTIONS:
        frame = pyogrio.read_dataframe(source, layer=layer)
        field = COLLECTIONS[layer].id_field
        assert set(frame[field]) == expected[layer], layer
        assert len(frame) == len(expected[layer]), layer
    finds = pyogrio.read_dataframe(source, layer="finds").set_index("event_id")
    stored = events.set_index("event_id")
    located = stored.index[stored["lat"].notna() & (stored["kind"] == "find")]
    assert len(located) >= 40
    assert (finds.loc[located].geometry.x.round(5) == stored.loc[located, "lon"].astype(float)
            .round(5)).all()


def test_owslib_reads_every_collection_with_bbox_and_datetime(api: str, store_path: Path) -> None:
    service = Features(f"{api}/ogc")
    assert {c["id"] for c in service.collections()["collections"]} == set(OGC_COLLECTIONS)
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in \
        service.conformance()["conformsTo"]
    for code in OGC_COLLECTIONS:
        page = service.collection_items(code, limit=1000)
        assert page["numberMatched"] == len(page["features"]), code
    _claims, events = views(store_path)
    finds = events[(events["kind"] == "find") & events["lat"].notna()]
    box = (46.3, 39.4, 46.9, 39.9)
    inside = finds[finds["lon"].astype(float).between(box[0], box[2])
                   & finds["lat"].astype(float).between(box[1], box[3])]
    page = service.collection_items("finds", bbox=list(box), limit=1000)
    got = {f["id"] for f in page["features"] if f["properties"]["location"] == "coordinates"}
    assert got == set(inside["event_id"])
    year = finds[finds["date_start"].dt.year == 2023]
    page = service.collection_items("finds", datetime_="2023-01-01/2023-12-31", limit=1000)
    got = {f["id"] for f in page["features"] if f["properties"]["location"] == "coordinates"}
    assert got == set(year["event_id"])


def test_as_of_answers_what_the_history_page_shows_for_that_revision(api: str,
                                                                     store_path: Path) -> None:
    now = {row["event_id"] for row in every_page(f"{api}/api/v1/events?limit=1000")}
    at_3 = {row["event_id"] for row in every_page(f"{api}/api/v1/events?limit=1000&as_of=3")}
    at_1 = {row["claim_id"] for row in every_page(f"{api}/api/v1/figures?limit=1000&as_of=1")}
    _claims, events_3 = views(store_path, 3)
    claims_1, _events = views(store_path, 1)
    _claims, events_now = views(store_path)
    assert at_3 == set(events_3["event_id"]) and len(at_3 - now) == 25  # the retracted upload
    assert now == set(events_now["event_id"])
    assert at_1 == set(claims_1["claim_id"])
    revisions = every_page(f"{api}/api/v1/revisions?as_of=2")
    assert [r["revision_id"] for r in revisions] == [1, 2]


def test_filters_give_the_rows_the_pages_show(api: str, store_path: Path) -> None:
    claims, events = views(store_path)
    lachin = Filters(start=pd.Timestamp("2021-01-01").date(), end=pd.Timestamp("2024-12-31").date(),
                     districts=("district:lachin",))
    query = urllib.parse.urlencode({"district": "Лачин", "from": "2021-01-01", "to": "2024-12-31",
                                    "limit": 1000})
    figures = {r["claim_id"] for r in every_page(f"{api}/api/v1/figures?{query}")}
    assert figures == set(filter_claims(claims, lachin)["claim_id"]) and figures
    finds = {r["event_id"] for r in every_page(f"{api}/api/v1/events?{query}&device=AP_mine")}
    chosen = filter_events(events, Filters(start=lachin.start, end=lachin.end,
                                           districts=lachin.districts, devices=("AP_mine",)))
    assert finds == set(chosen["event_id"])
    party = every_page(f"{api}/api/v1/figures?party=independent_monitor&limit=1000")
    assert party and {r["party_code"] for r in party} == {"independent_monitor"}


def test_paging_returns_every_row_once_in_a_stable_order(api: str) -> None:
    small = every_page(f"{api}/api/v1/events?limit=7")
    big = every_page(f"{api}/api/v1/events?limit=1000")
    assert [r["event_id"] for r in small] == [r["event_id"] for r in big]
    assert len({r["event_id"] for r in small}) == len(small)
    status, headers, body = get(f"{api}/api/v1/events?limit=7&f=csv")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert 'rel="next"' in headers["link"] and body.decode().count("\n") == 8


def test_caching_by_etag_and_a_not_modified_answer(api: str) -> None:
    status, headers, _body = get(f"{api}/api/v1/figures?limit=5")
    assert status == 200 and headers["etag"] and headers["last-modified"]
    assert headers["access-control-allow-origin"] == "*"
    status, _headers, body = get(f"{api}/api/v1/figures?limit=5",
                                 {"If-None-Match": headers["etag"]})
    assert status == 304 and body == b""
    _status, other, _body = get(f"{api}/api/v1/figures?limit=6")
    assert other["etag"] != headers["etag"]


@pytest.mark.parametrize(("path", "status", "words"), [
    ("/api/v1/figures?distict=lachin", 400, "distict"),
    ("/api/v1/figures?from=2024-13-01", 400, "from must be a date"),
    ("/api/v1/figures?district=Atlantis", 400, "Atlantis"),
    ("/api/v1/figures?metric=mines", 400, "metric 'mines' is not known"),
    ("/api/v1/figures?limit=100000", 400, "limit must be a whole number"),
    ("/api/v1/figures?as_of=999", 400, "as_of"),
    ("/api/v1/sources?f=geojson", 400, "f must be one of json, csv"),
    ("/api/v1/bombs", 404, "no collection 'bombs'"),
    ("/api/v1/figures/C999999", 404, "C999999"),
    ("/ogc/collections/finds/items?bbox=1,2,3", 400, "bbox"),
    ("/ogc/collections/finds/items?datetime=yesterday", 400, "datetime"),
    ("/ogc/collections/sources/items", 404, "no collection"),
])
def test_a_bad_request_gets_a_message_naming_what_is_wrong(api: str, path: str, status: int,
                                                           words: str) -> None:
    got, _headers, body = get(f"{api}{path}")
    assert got == status and words in json.loads(body)["error"], body


def test_one_row_by_its_id(api: str) -> None:
    status, _headers, body = get(f"{api}/api/v1/figures/C001")
    assert status == 200 and json.loads(body)["claim_id"] == "C001"
    status, _headers, body = get(f"{api}/ogc/collections/districts/items/district:lachin")
    feature = json.loads(body)
    assert status == 200 and feature["type"] == "Feature" and feature["id"] == "district:lachin"


def test_the_feed_is_atom_of_commits_and_retractions(api: str) -> None:
    status, headers, body = get(f"{api}/api/v1/feed.atom")
    assert status == 200 and headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(body)
    assert not feed.bozo and feed.version == "atom10"
    titles = [entry.title for entry in feed.entries]
    assert titles[0].startswith("Revision 3 retracted") and len(titles) == 4
    assert all(entry.id and entry.updated and entry.link for entry in feed.entries)
    assert feed.entries[0].link.endswith("/?asof=3")
    assert b"&lt;script&gt;" in body and b"<script>" not in body
    _status, _headers, lachin = get(f"{api}/api/v1/feed.atom?district=Lachin&metric=ap_mines_found")
    assert [e.title.split(":")[0] for e in feedparser.parse(lachin).entries] == ["Revision 1"]


def test_a_later_page_after_a_commit_is_refused_not_answered_from_other_data(
        api: str, store_path: Path) -> None:
    """Last in this module: it commits to the module's store."""
    status, _headers, body = get(f"{api}/api/v1/events?limit=5")
    first = json.loads(body)
    following = next(link["href"] for link in first["links"] if link["rel"] == "next")
    store = Store(f"sqlite:///{store_path}")
    store.restore(3, by="editor", note="right after all")
    status, _headers, body = get(following)
    assert status == 409 and "start again" in json.loads(body)["error"]
    status, _headers, body = get(f"{api}/api/v1/events?limit=5")
    assert status == 200 and json.loads(body)["numberMatched"] == first["numberMatched"] + 25
