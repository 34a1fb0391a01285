"""The map's own small endpoint: finds and incidents for a view, and popups for a spot.

The Leaflet layers fetch these on every pan and zoom, so moving the map never reruns the
Streamlit script. Answers are compact JSON from the shared index; anything malformed gets
a 400 with a short message, a map drawn from older data a 409 (the page then asks for a
reload).
"""

from __future__ import annotations

import datetime as dt
import math

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from geo.filters import Filters
from geo.i18n import ENGLISH, current_language, language
from geo.mapping import API_PATH, BBox
from geo.mapping.index import KINDS
from ui.cache import event_index, hazard_index, map_data_key, popup_place_names

MAX_LIST = 200
MAX_IDS = 500
NO_STORE = {"Cache-Control": "no-store"}


class BadRequest(ValueError):
    """A query the endpoint cannot answer."""


def _list(request: Request, name: str, limit: int = MAX_LIST) -> tuple[str, ...]:
    values = tuple(v for v in request.query_params.get(name, "").split(",") if v)
    if len(values) > limit:
        raise BadRequest(f"too many values for {name}")
    return values


def _date(request: Request, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(request.query_params.get(name, ""))
    except ValueError as error:
        raise BadRequest(f"{name} must be a date (YYYY-MM-DD)") from error


def _kind(request: Request) -> str:
    kind = request.query_params.get("kind", "")
    if kind not in KINDS:
        raise BadRequest("kind must be find or incident")
    return kind


def _as_of(request: Request) -> int | None:
    text = request.query_params.get("as_of", "")
    if not text:
        return None
    if not text.isdigit():
        raise BadRequest("as_of must be a revision number")
    return int(text)


def _answer(request: Request, build) -> JSONResponse:
    try:
        if request.query_params.get("v") != map_data_key():
            return JSONResponse({"error": "the data changed: reload"}, status_code=409,
                                headers=NO_STORE)
        return JSONResponse(build(), headers=NO_STORE)
    except BadRequest as error:
        return JSONResponse({"error": str(error)}, status_code=400, headers=NO_STORE)


def events(request: Request) -> JSONResponse:
    """Cells or points of one kind of event for a bounding box, zoom and filter set."""
    def build() -> dict:
        filters = Filters(start=_date(request, "start"), end=_date(request, "end"),
                          districts=_list(request, "districts"), devices=_list(request, "devices"),
                          parties=_list(request, "parties"))
        try:
            zoom = int(request.query_params.get("z", ""))
            bbox = BBox.parse(request.query_params.get("bbox", ""))
        except ValueError as error:
            raise BadRequest("z must be a whole number and bbox four numbers") from error
        index = event_index(_as_of(request), session=False)
        return index.view(_kind(request), filters, max(0, min(zoom, 30)), bbox)
    return _answer(request, build)


def popup(request: Request) -> JSONResponse:
    """Popup text of the chosen events (everything at one spot)."""
    def build() -> dict:
        kind = _kind(request)
        parts = _list(request, "ids", MAX_IDS)
        total = request.query_params.get("total", "0")
        if not all(p.isdigit() for p in (*parts, total)):
            raise BadRequest(f"ids must be up to {MAX_IDS} whole numbers, total a whole number")
        as_of = _as_of(request)
        index = event_index(as_of, session=False)
        noun = "find" if kind == "find" else "incident"
        with language(request.query_params.get("lang", ENGLISH)):
            names = popup_place_names(as_of, current_language())
            return {"html": index.popups(kind, [int(p) for p in parts], noun, int(total), names)}
    return _answer(request, build)


def _zoom(request: Request) -> int:
    try:
        return max(0, min(int(request.query_params.get("z", "")), 30))
    except ValueError as error:
        raise BadRequest("z must be a whole number") from error


def hazards(request: Request) -> JSONResponse:
    """Hazard areas in a bounding box at a zoom: dots and simplified polygons."""
    def build() -> dict:
        try:
            bbox = BBox.parse(request.query_params.get("bbox", ""))
        except ValueError as error:
            raise BadRequest("bbox must be four numbers") from error
        index = hazard_index(_as_of(request), session=False)
        return index.view(_zoom(request), bbox, _list(request, "districts"), _list(request, "parties"))
    return _answer(request, build)


def hazards_popup(request: Request) -> JSONResponse:
    """Popup text of the hazard areas under a point, in the page's language (`lang`)."""
    def build() -> dict:
        try:
            lon = float(request.query_params.get("lon", ""))
            lat = float(request.query_params.get("lat", ""))
        except ValueError as error:
            raise BadRequest("lon and lat must be numbers") from error
        if not (math.isfinite(lon) and math.isfinite(lat)):
            raise BadRequest("lon and lat must be finite numbers")
        as_of = _as_of(request)
        index = hazard_index(as_of, session=False)
        ids = index.at(lon, lat, _zoom(request), _list(request, "districts"), _list(request, "parties"))
        with language(request.query_params.get("lang", ENGLISH)):  # unknown codes: English
            names = popup_place_names(as_of, current_language()) if ids else None
            return {"html": index.popup(ids, names)}
    return _answer(request, build)


ROUTES = [
    Route(f"{API_PATH}/events", events, methods=["GET"]),
    Route(f"{API_PATH}/popup", popup, methods=["GET"]),
    Route(f"{API_PATH}/hazards", hazards, methods=["GET"]),
    Route(f"{API_PATH}/hazards/popup", hazards_popup, methods=["GET"]),
]
