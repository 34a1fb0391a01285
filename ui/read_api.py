"""The read-only HTTP API beside the app: /api/v1 (JSON, CSV, GeoJSON), OGC API - Features
under /ogc, and an Atom feed of revisions. Same server, same store, same as-of rules as the
pages; nothing here writes, and no sign-in is needed.

Every answer is bounded (geo/api/limits.py): rows per page, bytes per response, requests per
second per client (429 with Retry-After), and answers built at once (503 after a wait).
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import hashlib
import json
import logging
from collections.abc import Awaitable, Callable
from email.utils import format_datetime
from urllib.parse import urlencode

import pandas as pd
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from geo.api import ogc
from geo.api.collections import COLLECTIONS, OGC_COLLECTIONS, Collection
from geo.api.feed import MAX_ENTRIES, revisions_feed, touching
from geo.api.limits import ApiLimits, Throttle
from geo.api.query import ApiError, ApiQuery, parse_query, whole_number
from geo.api.render import render_page
from geo.api.spec import API, FEED_PATH, SPEC_PATH, openapi
from geo.filters import resolve_districts
from geo.i18n import ENGLISH, language
from geo.store import StoreError
from geo.vocab import METRICS
from ui.cache import ApiState, alias_index_of, api_selection, api_state, data_version

LOG = logging.getLogger("minedash.api")
LIMITS = ApiLimits.from_environ()
THROTTLE = Throttle(LIMITS.rate)


def _error(message: str, status: int = 400, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status,
                        headers={"Cache-Control": "no-store", **(headers or {})})


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _params(request: Request) -> dict[str, list[str]]:
    return {name: request.query_params.getlist(name) for name in request.query_params}


def _as_of(params: dict[str, list[str]], latest: int) -> int | None:
    values = params.get("as_of", [])
    if not values or not values[0]:
        return None
    return whole_number(values[0].strip(), "as_of", 1, max(latest, 1))


def _version_text(version: tuple[int, int]) -> str:
    return "-".join(map(str, version))


def _state(params: dict[str, list[str]]) -> ApiState:
    """The data a request reads (the store is asked its version once). A later page of an
    answer about the data as it stands now carries the data version (`v`) of its first page:
    when a commit, retraction or restore came in between, it is refused rather than answered
    from other data."""
    version = data_version()
    pinned = (params.get("v") or [""])[0]
    if pinned and pinned != _version_text(version):
        raise ApiError("the data changed after the first page of this answer: start again, or "
                       "page with as_of to read one revision", status=409)
    return api_state(_as_of(params, version[0]), version)


def _caching(request: Request, state: ApiState, extra: str = "") -> tuple[str, dict[str, str]]:
    """An ETag for this address and the data it reads (an as-of answer never changes), and
    the headers that go with it."""
    data = state.data
    stamp = f"as-of-{data.as_of}" if data.as_of else _version_text(state.version)
    digest = hashlib.sha256(f"{request.url.path}?{request.url.query}{extra}".encode()).hexdigest()
    etag = f'"{stamp}-{digest[:16]}"'
    changed = state.changed_at.tz_localize("UTC") if state.changed_at.tzinfo is None \
        else state.changed_at
    headers = {"ETag": etag, "Last-Modified": format_datetime(changed.to_pydatetime(), usegmt=True),
               "Cache-Control": "public, max-age=86400" if data.as_of else "public, max-age=30",
               "X-Revision": str(data.revision)}
    return etag, headers


def _not_modified(request: Request, etag: str, headers: dict[str, str]) -> Response | None:
    asked = request.headers.get("if-none-match", "")
    if etag in [tag.strip() for tag in asked.split(",")] or asked.strip() == "*":
        return Response(status_code=304, headers=headers)
    return None


def _bounded(handler: Callable[[Request], Response]) -> Callable[[Request], Awaitable[Response]]:
    """Throttle per client, build at most LIMITS.workers answers at once (requests waiting
    their turn wait in the event loop, holding no thread the pages and the map need), let
    pages of any origin read the answers (the data is public), and turn refusals into short
    JSON messages (never a traceback)."""
    async def answer(request: Request) -> Response:
        client = request.client.host if request.client else "unknown"
        wait = THROTTLE.wait_for(client)
        if wait > 0:
            return _error(f"too many requests: at most {LIMITS.rate:g} a second per client",
                          429, {"Retry-After": str(max(1, round(wait + 0.5)))})
        try:
            await asyncio.wait_for(_building().acquire(), LIMITS.queue_seconds)
        except TimeoutError:
            return _error("the server is busy: try again shortly", 503, {"Retry-After": "5"})
        try:
            response = await run_in_threadpool(_answer, handler, request)
        finally:
            _building().release()
        response.headers["Access-Control-Allow-Origin"] = "*"  # public, read-only data
        return response
    return answer


def _answer(handler: Callable[[Request], Response], request: Request) -> Response:
    try:
        with language(ENGLISH):
            return handler(request)
    except ApiError as error:
        return _error(str(error), error.status)
    except StoreError as error:
        return _error(error.title, 503)
    except Exception:  # logged with its traceback; the client gets no server paths
        LOG.exception("read API failed on %s", request.url.path)
        return _error("the server could not answer this request", 500)


@functools.cache
def _building() -> asyncio.Semaphore:
    """Answers being built at once (made on first use, inside the server's event loop)."""
    return asyncio.Semaphore(LIMITS.workers)


def _collection(code: str, ogc_only: bool = False) -> Collection:
    if code not in COLLECTIONS or (ogc_only and code not in OGC_COLLECTIONS):
        known = ", ".join(OGC_COLLECTIONS if ogc_only else COLLECTIONS)
        raise ApiError(f"no collection {code[:60]!r}; there are {known}", status=404)
    return COLLECTIONS[code]


def _page(request: Request, collection: Collection, query: ApiQuery, state: ApiState,
          path: str, meta: dict) -> Response:
    etag, headers = _caching(request, state)
    unchanged = _not_modified(request, etag, headers)
    if unchanged:
        return unchanged
    params = _params(request)

    def link(offset: int) -> str:
        pinned = {**params, "offset": [str(offset)], "limit": [str(query.limit)]}
        if state.data.as_of is None:  # later pages must read the data the first one read
            pinned["v"] = [_version_text(state.version)]
        return f"{_base(request)}{path}?{urlencode(pinned, doseq=True)}"

    positions = api_selection(state, collection, query)
    page = render_page(state.data, collection, query, positions, LIMITS.max_bytes, link, meta)
    if page.next_offset is not None:
        headers["Link"] = f'<{link(page.next_offset)}>; rel="next"'
    headers["X-Total-Count"] = str(page.matched)
    return Response(page.body, media_type=page.media_type, headers=headers)


def api_list(request: Request) -> Response:
    """/api/v1/{collection}: a page of rows, filtered as the sidebar filters."""
    collection = _collection(request.path_params["collection"])
    params = _params(request)
    state = _state(params)
    query = parse_query(params, collection, state.data, alias_index_of(state),
                        LIMITS.max_page)
    meta = {"collection": collection.code, "revision": state.data.revision,
            "as_of": state.data.as_of, "timeStamp": pd.Timestamp.now("UTC").isoformat()}
    return _page(request, collection, query, state, request.url.path, meta)


def _one_row(request: Request, collection: Collection, state: ApiState, row_id: str,
             geojson: bool) -> Response:
    frame = collection.frame(state.data)
    found = frame.index[frame[collection.id_field].astype(str) == row_id]
    if not len(found):
        raise ApiError(f"no {collection.code} row {row_id[:60]!r} at revision "
                       f"{state.data.revision}", status=404)
    etag, headers = _caching(request, state)
    unchanged = _not_modified(request, etag, headers)
    if unchanged:
        return unchanged
    query = ApiQuery(limit=1, fmt="geojson" if geojson else "json")
    page = render_page(state.data, collection, query, found.to_numpy()[:1], LIMITS.max_bytes,
                       lambda _offset: str(request.url), {})
    body = json.loads(page.body)
    one = body["features"][0] if geojson else body["items"][0]
    return JSONResponse(one, media_type=page.media_type, headers=headers)


def api_item(request: Request) -> Response:
    """/api/v1/{collection}/{id}: one row by its id."""
    collection = _collection(request.path_params["collection"])
    params = _params(request)
    fmt = (params.get("f") or ["json"])[0]
    if fmt not in ("json", "geojson") or (fmt == "geojson" and not collection.spatial):
        raise ApiError("f must be json" + (" or geojson" if collection.spatial else ""))
    return _one_row(request, collection, _state(params), request.path_params["id"],
                    fmt == "geojson")


def feed(request: Request) -> Response:
    """/api/v1/feed.atom: revisions as Atom, optionally only those about a district or metric."""
    params = _params(request)
    unknown = sorted(set(params) - {"district", "metric", "limit"})
    if unknown:
        raise ApiError(f"the feed does not take {unknown[0][:40]!r}; it takes district, metric "
                       "and limit")
    state = _state({})
    typed = [v for value in params.get("district", []) for v in value.split(",") if v.strip()]
    districts, unknown_districts = resolve_districts(typed, state.data.tables.places,
                                                     alias_index_of(state))
    if unknown_districts:
        raise ApiError(f"district {unknown_districts[0][:60]!r} is not a known district")
    metrics = tuple(v for value in params.get("metric", []) for v in value.split(",") if v)
    if set(metrics) - set(METRICS):
        raise ApiError(f"metric {sorted(set(metrics) - set(METRICS))[0][:60]!r} is not known")
    limit = whole_number((params.get("limit") or [str(MAX_ENTRIES)])[0], "limit", 1, MAX_ENTRIES)
    etag, headers = _caching(request, state)
    unchanged = _not_modified(request, etag, headers)
    if unchanged:
        return unchanged
    only = touching(state.footprint, districts, metrics)
    body = revisions_feed(state.revisions, state.actions, _base(request), str(request.url),
                          only, limit)
    return Response(body, media_type="application/atom+xml", headers=headers)


def index(request: Request) -> Response:
    """/api/v1: what there is to read, with links."""
    base = _base(request)
    return JSONResponse({
        "title": "Mine-clearance dashboard read API",
        "collections": [{"id": code, "title": c.title, "description": c.description,
                         "href": f"{base}{API}/{code}"} for code, c in COLLECTIONS.items()],
        "links": [{"rel": "service-desc", "href": f"{base}{SPEC_PATH}"},
                  {"rel": "alternate", "type": "application/atom+xml", "href": f"{base}{FEED_PATH}"},
                  {"rel": "ogc-features", "href": f"{base}/ogc"}],
    })


def spec(_request: Request) -> Response:
    """/api/v1/openapi.json."""
    return JSONResponse(openapi(LIMITS), headers={"Cache-Control": "public, max-age=300"})


def ogc_landing(request: Request) -> Response:
    """/ogc: the OGC API - Features landing page."""
    return JSONResponse(ogc.landing(_base(request)))


def ogc_conformance(_request: Request) -> Response:
    """/ogc/conformance."""
    return JSONResponse(ogc.conformance())


def ogc_collections(request: Request) -> Response:
    """/ogc/collections: the spatial collections and their extents."""
    return JSONResponse(ogc.collections(_state({}).data, _base(request)))


def ogc_collection(request: Request) -> Response:
    """/ogc/collections/{collectionId}."""
    collection = _collection(request.path_params["collectionId"], ogc_only=True)
    return JSONResponse(ogc.collection(_state({}).data, collection.code, _base(request)))


def ogc_items(request: Request) -> Response:
    """/ogc/collections/{collectionId}/items: GeoJSON features, by bbox and datetime."""
    collection = _collection(request.path_params["collectionId"], ogc_only=True)
    params = _params(request)
    if (params.get("f") or ["geojson"])[0] in ("json", "geojson"):
        params.pop("f", None)
    text = (params.pop("datetime", None) or [""])[0]
    start, end = ogc.datetime_period(text)
    state = _state(params)
    query = parse_query(params, collection, state.data, alias_index_of(state),
                        LIMITS.max_page, allowed=frozenset({"bbox"}))
    if start or end:
        query = dataclasses.replace(query, start=start or query.start, end=end or query.end)
    query = dataclasses.replace(query, fmt="geojson")
    meta = {"timeStamp": pd.Timestamp.now("UTC").strftime("%Y-%m-%dT%H:%M:%SZ")}
    return _page(request, collection, query, state, request.url.path, meta)


def ogc_feature(request: Request) -> Response:
    """/ogc/collections/{collectionId}/items/{featureId}."""
    collection = _collection(request.path_params["collectionId"], ogc_only=True)
    return _one_row(request, collection, _state({}), request.path_params["featureId"], True)


ROUTES = [
    Route(API, _bounded(index), methods=["GET"]),
    Route(FEED_PATH, _bounded(feed), methods=["GET"]),
    Route(SPEC_PATH, _bounded(spec), methods=["GET"]),
    Route(f"{API}/{{collection}}", _bounded(api_list), methods=["GET"]),
    Route(f"{API}/{{collection}}/{{id}}", _bounded(api_item), methods=["GET"]),
    Route("/ogc", _bounded(ogc_landing), methods=["GET"]),
    Route("/ogc/conformance", _bounded(ogc_conformance), methods=["GET"]),
    Route("/ogc/collections", _bounded(ogc_collections), methods=["GET"]),
    Route("/ogc/collections/{collectionId}", _bounded(ogc_collection), methods=["GET"]),
    Route("/ogc/collections/{collectionId}/items", _bounded(ogc_items), methods=["GET"]),
    Route("/ogc/collections/{collectionId}/items/{featureId}", _bounded(ogc_feature),
          methods=["GET"]),
]
