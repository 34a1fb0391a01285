"""One page of a collection as JSON, CSV or GeoJSON, never over the byte limit.

A page that would be larger than the limit (districts drawn with many vertices, say) returns
fewer rows and a next link that starts where it stopped, so paging still returns every row
exactly once.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from geo.api.collections import ApiData, Collection
from geo.api.query import ApiError, ApiQuery
from geo.export import safe_for_spreadsheet

MEDIA_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8",
               "geojson": "application/geo+json"}


@dataclass(frozen=True)
class Page:
    """A page's body, its media type and where the next page starts (None: the last page)."""

    body: bytes
    media_type: str
    matched: int
    returned: int
    next_offset: int | None


def _rows(data: ApiData, collection: Collection, positions: np.ndarray) -> pd.DataFrame:
    frame = data.frames[collection.base or collection.code].iloc[positions]
    return collection.rows(frame, data)


def _records(rows: pd.DataFrame) -> list[dict]:
    plain = pd.DataFrame(rows.drop(columns="geometry", errors="ignore"))
    return json.loads(plain.to_json(orient="records", date_format="iso", force_ascii=False))


def _json(rows: pd.DataFrame, meta: dict, links: list[dict]) -> bytes:
    return json.dumps({**meta, "items": _records(rows), "links": links},
                      ensure_ascii=False).encode()


def _geojson(rows: pd.DataFrame, collection: Collection, meta: dict, links: list[dict]) -> bytes:
    properties = _records(rows)
    shapes = rows.geometry.to_numpy() if len(rows) else np.array([])
    geometries = [json.loads(shapely.to_geojson(g)) if g is not None and not shapely.is_empty(g)
                  else None for g in shapes]
    features = [{"type": "Feature", "id": row[collection.id_field], "geometry": geometry,
                 "properties": row} for row, geometry in zip(properties, geometries, strict=True)]
    return json.dumps({"type": "FeatureCollection", **meta, "features": features,
                       "links": links}, ensure_ascii=False).encode()


def _csv(rows: pd.DataFrame, collection: Collection) -> bytes:
    plain = pd.DataFrame(rows.drop(columns="geometry", errors="ignore"))
    if "geometry" in rows.columns and collection.code not in ("events", "finds", "incidents"):
        shapes = rows.geometry.to_numpy()
        plain["wkt"] = [shapely.to_wkt(g, rounding_precision=7) if g is not None else ""
                        for g in shapes]
    buffer = io.StringIO()
    safe_for_spreadsheet(plain).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def render_page(data: ApiData, collection: Collection, query: ApiQuery, positions: np.ndarray,
                max_bytes: int, link: Callable[[int], str], meta: dict) -> Page:
    """The rows at `positions[offset:offset+limit]` in the asked format, halved until the body
    fits in `max_bytes`; `link(offset)` is the address of the page starting at `offset`."""
    matched = len(positions)
    wanted = positions[query.offset:query.offset + query.limit]
    count = len(wanted)
    while True:
        rows = _rows(data, collection, wanted[:count])
        end = query.offset + count
        next_offset = end if end < matched else None
        links = [{"rel": "self", "type": MEDIA_TYPES[query.fmt], "href": link(query.offset)}]
        if next_offset is not None:
            links.append({"rel": "next", "type": MEDIA_TYPES[query.fmt], "href": link(next_offset)})
        page_meta = {**meta, "numberMatched": matched, "numberReturned": count,
                     "offset": query.offset}
        if query.fmt == "csv":
            body = _csv(rows, collection)
        elif query.fmt == "geojson":
            body = _geojson(rows, collection, page_meta, links)
        else:
            body = _json(rows, page_meta, links)
        if len(body) <= max_bytes:
            return Page(body, MEDIA_TYPES[query.fmt], matched, count, next_offset)
        if count <= 1:
            raise ApiError(f"one {collection.code} row is larger than the response limit "
                           f"({max_bytes:,} bytes)", status=413)
        count //= 2
