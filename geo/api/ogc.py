"""OGC API - Features, Part 1 (Core, GeoJSON, OpenAPI 3.0), over the registry's spatial
collections: the landing page, conformance, the collections and their extents, and the
mapping of `datetime` onto the API's period."""

from __future__ import annotations

import datetime as dt

import numpy as np

from geo.api.collections import COLLECTIONS, OGC_COLLECTIONS, ApiData
from geo.api.query import ApiError

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
GEOJSON = "application/geo+json"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
]
OPEN = ("", "..")


def landing(base: str) -> dict:
    """The landing page: where the API's description, conformance and collections are."""
    return {
        "title": "Mine-clearance dashboard: OGC API - Features",
        "description": "Finds, incidents, places, districts, hazard areas and land release as "
                       "published, each with its source.",
        "links": [
            {"rel": "self", "type": "application/json", "href": f"{base}/ogc"},
            {"rel": "service-desc", "type": OPENAPI, "href": f"{base}/api/v1/openapi.json"},
            {"rel": "conformance", "type": "application/json", "href": f"{base}/ogc/conformance"},
            {"rel": "data", "type": "application/json", "href": f"{base}/ogc/collections"},
        ],
    }


def conformance() -> dict:
    """The conformance classes this server meets."""
    return {"conformsTo": CONFORMANCE}


def _extent(data: ApiData, code: str) -> list[float]:
    frame = COLLECTIONS[code].frame(data)
    if code in ("finds", "incidents"):
        lon, lat = frame["lon"].astype(float).to_numpy(), frame["lat"].astype(float).to_numpy()
        places = data.tables.places.set_index("place_id").geometry.bounds.reindex(frame["place_id"])
        xs = np.concatenate([lon, places["minx"].to_numpy(), places["maxx"].to_numpy()])
        ys = np.concatenate([lat, places["miny"].to_numpy(), places["maxy"].to_numpy()])
    else:
        shapes = data.frames["hazard-areas"].set_index("hazard_id").geometry.reindex(
            frame["hazard_id"]) if code == "land-release" else frame.geometry
        bounds = shapes.bounds
        xs = np.concatenate([bounds["minx"].to_numpy(), bounds["maxx"].to_numpy()])
        ys = np.concatenate([bounds["miny"].to_numpy(), bounds["maxy"].to_numpy()])
    if not np.isfinite(xs).any():
        return [44.0, 38.3, 51.0, 42.0]  # Azerbaijan, when the collection is empty
    return [float(np.nanmin(xs)), float(np.nanmin(ys)), float(np.nanmax(xs)),
            float(np.nanmax(ys))]


def collection(data: ApiData, code: str, base: str) -> dict:
    """One collection's description, with its spatial extent in CRS84."""
    info = COLLECTIONS[code]
    items = f"{base}/ogc/collections/{code}/items"
    return {
        "id": code, "title": info.title, "description": info.description, "itemType": "feature",
        "crs": [CRS84],
        "extent": {"spatial": {"bbox": [_extent(data, code)], "crs": CRS84}},
        "links": [
            {"rel": "self", "type": "application/json", "href": f"{base}/ogc/collections/{code}"},
            {"rel": "items", "type": GEOJSON, "href": items},
            {"rel": "alternate", "type": "application/json",
             "href": f"{base}/api/v1/{code}"},
        ],
    }


def collections(data: ApiData, base: str) -> dict:
    """Every spatial collection."""
    return {"links": [{"rel": "self", "type": "application/json", "href": f"{base}/ogc/collections"}],
            "collections": [collection(data, code, base) for code in OGC_COLLECTIONS]}


def _instant(text: str) -> dt.date:
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError as error:
        raise ApiError("datetime must be a date or time (RFC 3339) or an interval of them, "
                       "such as 2024-01-01/2024-12-31 or 2024-01-01/..") from error


def datetime_period(text: str) -> tuple[dt.date | None, dt.date | None]:
    """OGC's `datetime` (an instant, or an interval with '..' for an open end) as from/to."""
    if not text:
        return None, None
    if "/" not in text:
        day = _instant(text)
        return day, day
    first, _, last = text.partition("/")
    start = None if first in OPEN else _instant(first)
    end = None if last in OPEN else _instant(last)
    if start and end and start > end:
        raise ApiError("datetime's interval must not end before it starts")
    return start, end
