"""The OpenAPI 3.0 document of the read API and the OGC API, written from the registry, so
every collection and filter it lists is one the server answers (a test checks the routes)."""

from __future__ import annotations

from geo.api.collections import COLLECTIONS, OGC_COLLECTIONS, Collection
from geo.api.limits import ApiLimits
from geo.api.query import PARAMETERS
from geo.vocab import DEVICE_LABELS, METRICS, Party

API = "/api/v1"
FEED_PATH = f"{API}/feed.atom"
SPEC_PATH = f"{API}/openapi.json"


def _parameter(name: str, description: str, schema: dict, where: str = "query",
               explode: bool | None = None) -> dict:
    parameter = {"name": name, "in": where, "description": description, "schema": schema,
                 "required": where == "path"}
    if explode is not None:
        parameter.update(style="form", explode=explode)
    return parameter


def _parameters(limits: ApiLimits) -> dict[str, dict]:
    text, date = {"type": "string"}, {"type": "string", "format": "date"}
    listed = {"type": "array", "items": {"type": "string"}}
    return {
        "district": _parameter("district", "District in any spelling or script ('Tartar', "
                               "'Тертер', 'Tərtər rayonu'); several as a list.", listed, explode=False),
        "from": _parameter("from", "Rows whose period or date reaches this day or later.", date),
        "to": _parameter("to", "Rows whose period or date starts on this day or earlier.", date),
        "metric": _parameter("metric", "Metric codes.", {"type": "array", "items": {
            "type": "string", "enum": list(METRICS)}}, explode=False),
        "device": _parameter("device", "Device categories of finds.", {"type": "array", "items": {
            "type": "string", "enum": [str(d) for d in DEVICE_LABELS]}}, explode=False),
        "originator": _parameter("originator", "Originator's name contains this text "
                                 "(letter case ignored).", text),
        "party": _parameter("party", "Party codes.", {"type": "array", "items": {
            "type": "string", "enum": [p.value for p in Party]}}, explode=False),
        "kind": _parameter("kind", "find or incident.", {"type": "string",
                                                         "enum": ["find", "incident"]}),
        "bbox": _parameter("bbox", "min lon,min lat,max lon,max lat (CRS84).", {
            "type": "array", "items": {"type": "number"}, "minItems": 4, "maxItems": 6},
            explode=False),
        "datetime": _parameter("datetime", "An instant or interval (RFC 3339, '..' for an "
                               "open end).", text),
        "limit": _parameter("limit", f"Rows per page (1 to {limits.max_page}).", {
            "type": "integer", "minimum": 1, "maximum": limits.max_page, "default": 100}),
        "offset": _parameter("offset", "Rows to skip; next links give it.", {
            "type": "integer", "minimum": 0, "default": 0}),
        "f": _parameter("f", "Format.", {"type": "string", "enum": ["json", "csv", "geojson"]}),
        "as_of": _parameter("as_of", "The data as it stood right after this revision (as the "
                            "History page shows it); next links pin it.", {
                                "type": "integer", "minimum": 1}),
    }


def _responses(media: list[str]) -> dict:
    return {
        "200": {"description": "A page of rows; `next` links (and a Link header) continue it.",
                "headers": {"ETag": {"schema": {"type": "string"}},
                            "Last-Modified": {"schema": {"type": "string"}}},
                "content": {m: {"schema": {"type": "object"} if "json" in m else {"type": "string"}}
                            for m in media}},
        "304": {"description": "Not modified since the ETag given in If-None-Match."},
        "400": {"description": "A parameter is malformed or unknown; the message names it.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
        "429": {"description": "Too many requests from this client; Retry-After says when."},
        "503": {"description": "The server is busy or its store does not answer."},
    }


def _refs(names: list[str]) -> list[dict]:
    return [{"$ref": f"#/components/parameters/{name}"} for name in names]


def _collection_path(collection: Collection) -> dict:
    filters = [name for name, kind in PARAMETERS.items() if kind in collection.filters]
    media = ["application/json", "text/csv"] + (
        ["application/geo+json"] if collection.spatial else [])
    names = filters + (["bbox"] if collection.spatial else []) + ["limit", "offset", "f", "as_of"]
    return {"get": {"summary": collection.title, "description": collection.description,
                    "operationId": f"list_{collection.code.replace('-', '_')}",
                    "parameters": _refs(names), "responses": _responses(media)}}


def _item_path(collection: Collection) -> dict:
    return {"get": {"summary": f"One of the {collection.title.lower()} by {collection.id_field}",
                    "operationId": f"get_{collection.code.replace('-', '_')}",
                    "parameters": [_parameter("id", collection.id_field, {"type": "string"},
                                              "path"), *_refs(["f", "as_of"])],
                    "responses": {"200": {"description": "The row.", "content": {
                        "application/json": {"schema": {"type": "object"}}}},
                        "404": {"description": "No such row (in force at that revision)."}}}}


def _plain(summary: str, operation: str, media: str, parameters: list | None = None) -> dict:
    return {"get": {"summary": summary, "operationId": operation,
                    "parameters": parameters or [],
                    "responses": {"200": {"description": summary, "content": {
                        media: {"schema": {"type": "object"} if "json" in media
                                else {"type": "string"}}}}}}}


def openapi(limits: ApiLimits) -> dict:
    """The OpenAPI document of /api/v1 and /ogc."""
    paths: dict[str, dict] = {}
    for code, collection in COLLECTIONS.items():
        paths[f"{API}/{code}"] = _collection_path(collection)
        paths[f"{API}/{code}/{{id}}"] = _item_path(collection)
    paths[FEED_PATH] = _plain("Revisions as an Atom feed", "feed", "application/atom+xml",
                              _refs(["district", "metric", "limit"]))
    paths[SPEC_PATH] = _plain("This document", "openapi", "application/json")
    paths[API] = _plain("The collections, this document, the feed and OGC API - Features",
                        "index", "application/json")
    paths["/ogc"] = _plain("OGC API - Features landing page", "ogc_landing", "application/json")
    paths["/ogc/conformance"] = _plain("Conformance classes", "ogc_conformance",
                                       "application/json")
    paths["/ogc/collections"] = _plain("Feature collections", "ogc_collections",
                                       "application/json")
    collection_id = _parameter("collectionId", "One of: " + ", ".join(OGC_COLLECTIONS), {
        "type": "string", "enum": list(OGC_COLLECTIONS)}, "path")
    feature_id = _parameter("featureId", "The feature's id.", {"type": "string"}, "path")
    paths["/ogc/collections/{collectionId}"] = _plain(
        "One collection", "ogc_collection", "application/json", [collection_id])
    paths["/ogc/collections/{collectionId}/items"] = {"get": {
        "summary": "Features of a collection", "operationId": "ogc_items",
        "parameters": [collection_id, *_refs(["bbox", "datetime", "limit", "offset"])],
        "responses": _responses(["application/geo+json"])}}
    paths["/ogc/collections/{collectionId}/items/{featureId}"] = _plain(
        "One feature", "ogc_feature", "application/geo+json", [collection_id, feature_id])
    return {
        "openapi": "3.0.3",
        "info": {"title": "Mine-clearance dashboard read API", "version": "1",
                 "description": "Read-only. Every figure carries its attribution; no sign-in; "
                                "bounded pages and a per-client rate (SECURITY.md).",
                 "license": {"name": "MIT (code); data under the licences in data/README.md"}},
        "paths": paths,
        "components": {
            "parameters": _parameters(limits),
            "schemas": {"Error": {"type": "object", "required": ["error"],
                                  "properties": {"error": {"type": "string"}}}},
        },
    }
