"""Exports of the current (or as-of) data: CSV, GeoJSON and GeoPackage, with source columns."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.places import CRS
from geo.vocab import (
    DEVICE_LABELS,
    METRICS,
    PARTY_LABELS,
    QUALIFIER_PREFIX,
    SCOPE_LABELS,
    STATUS_LABELS,
)

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
QUALIFIER_LABELS = {q.value: prefix.strip() or "exact" for q, prefix in QUALIFIER_PREFIX.items()}
PERIOD_TYPE_LABELS = {"cumulative": "running total", "period": "figure for the period",
                      "point": "point in time"}
EVENT_KIND_LABELS = {"find": "find", "incident": "incident"}
# Columns people read hold labels; each keeps its code in a `<column>_code` column beside it.
CLAIM_LABELS: dict[str, dict[str, str]] = {
    "metric": {m: info.label for m, info in METRICS.items()}, "qualifier": QUALIFIER_LABELS,
    "period_type": PERIOD_TYPE_LABELS, "scope": SCOPE_LABELS, "status": STATUS_LABELS,
    "party": PARTY_LABELS,
}
EVENT_LABELS: dict[str, dict[str, str]] = {
    "kind": EVENT_KIND_LABELS, "device_category": DEVICE_LABELS, "status": STATUS_LABELS,
    "party": PARTY_LABELS,
}
CLAIM_EXPORT_COLUMNS = [
    "claim_id", "metric", "metric_code", "value", "unit", "qualifier", "qualifier_code",
    "published_figure", "period", "period_start", "period_end", "period_type", "period_type_code",
    "scope", "scope_code", "place", "place_id", "place_name", "district_id", "district_name",
    "status", "status_code", "flag", "note", "source_id", "originator", "party", "party_code",
    "outlet", "published", "source_url", "revision_id",
]
EVENT_EXPORT_COLUMNS = [
    "event_id", "kind", "kind_code", "date_start", "date_end", "place", "place_id", "place_name",
    "district_id", "district_name", "lat", "lon", "device_category", "device_category_code",
    "device_model", "quantity", "killed", "injured", "status", "status_code", "note",
    "source_id", "originator", "party", "party_code", "outlet", "published", "source_url",
    "revision_id",
]


def neutralise_formula(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _labelled(frame: pd.DataFrame, labels: dict[str, dict[str, str]]) -> pd.DataFrame:
    """Codes replaced by their labels, each code kept in a `<column>_code` column."""
    out = frame.copy()
    for column, names in labels.items():
        if column in out.columns:
            out[f"{column}_code"] = out[column]
            out[column] = out[column].map(names).fillna(out[column])
    if "period_label" in out.columns:
        out["period"] = out["period_label"]
    return out


def _plain(frame: pd.DataFrame, columns: list[str], labels: dict[str, dict[str, str]]) -> pd.DataFrame:
    out = _labelled(frame, labels).reindex(columns=columns)
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out


def safe_for_spreadsheet(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell neutralised against formula injection."""
    return frame.map(neutralise_formula)


def claims_csv(claims: pd.DataFrame) -> bytes:
    """Claims with their sources as UTF-8 CSV (with BOM for spreadsheet programs)."""
    frame = safe_for_spreadsheet(_plain(claims, CLAIM_EXPORT_COLUMNS, CLAIM_LABELS))
    return frame.to_csv(index=False).encode("utf-8-sig")


def events_csv(events: pd.DataFrame) -> bytes:
    """Events with their sources as UTF-8 CSV."""
    frame = safe_for_spreadsheet(_plain(events, EVENT_EXPORT_COLUMNS, EVENT_LABELS))
    return frame.to_csv(index=False).encode("utf-8-sig")


def claims_geodataframe(claims: pd.DataFrame, places: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Claims placed on their place's geometry (country, district polygon or point)."""
    geometry = places.set_index("place_id")["geometry"]
    frame = _plain(claims, CLAIM_EXPORT_COLUMNS, CLAIM_LABELS)
    return gpd.GeoDataFrame(frame, geometry=list(claims["place_id"].map(geometry)), crs=CRS)


def events_geodataframe(events: pd.DataFrame, places: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Events at their coordinates, or their place's geometry when only a name is known."""
    by_place = places.set_index("place_id")["geometry"]
    points = gpd.points_from_xy(events["lon"].astype(float), events["lat"].astype(float))
    geometry = [
        point if pd.notna(lat) else by_place.get(place_id)
        for point, lat, place_id in zip(points, events["lat"], events["place_id"], strict=True)
    ]
    return gpd.GeoDataFrame(_plain(events, EVENT_EXPORT_COLUMNS, EVENT_LABELS), geometry=geometry, crs=CRS)


def to_geojson(frame: gpd.GeoDataFrame) -> bytes:
    """GeoJSON (RFC 7946, EPSG:4326)."""
    return frame.to_json(ensure_ascii=False, drop_id=True).encode("utf-8")


def to_geopackage(layers: dict[str, gpd.GeoDataFrame]) -> bytes:
    """One GeoPackage holding each frame as a layer."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.gpkg"
        for name, frame in layers.items():
            if not frame.empty:
                frame.to_file(path, layer=name, driver="GPKG", engine="pyogrio")
        return path.read_bytes() if path.exists() else b""


def to_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An XLSX workbook, text cells neutralised against formulas."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            safe_for_spreadsheet(frame).to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


def figures_and_events_xlsx(claims: pd.DataFrame, events: pd.DataFrame) -> bytes:
    """Figures and events, with their sources, as two sheets of one workbook."""
    return to_xlsx({"figures": _plain(claims, CLAIM_EXPORT_COLUMNS, CLAIM_LABELS),
                    "events": _plain(events, EVENT_EXPORT_COLUMNS, EVENT_LABELS)})


@dataclass(frozen=True)
class Download:
    """One export: its button label, file name, MIME type and a function that makes it."""

    label: str
    file_name: str
    mime: str
    make: Callable[[], bytes]


def downloads(claims: pd.DataFrame, events: pd.DataFrame, places: gpd.GeoDataFrame) -> list[Download]:
    """Every export of the shown data, built only when asked for."""
    gazetteer = places.drop(columns=["revision_id"], errors="ignore")
    return [
        Download("Figures (CSV)", "figures.csv", "text/csv", lambda: claims_csv(claims)),
        Download("Events (CSV)", "events.csv", "text/csv", lambda: events_csv(events)),
        Download("Figures and events (XLSX)", "minedash.xlsx",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 lambda: figures_and_events_xlsx(claims, events)),
        Download("Figures (GeoJSON)", "figures.geojson", "application/geo+json",
                 lambda: to_geojson(claims_geodataframe(claims, places))),
        Download("Events (GeoJSON)", "events.geojson", "application/geo+json",
                 lambda: to_geojson(events_geodataframe(events, places))),
        Download("Figures, events and places (GeoPackage)", "minedash.gpkg",
                 "application/geopackage+sqlite3",
                 lambda: to_geopackage({"figures": claims_geodataframe(claims, places),
                                        "events": events_geodataframe(events, places),
                                        "places": gazetteer})),
    ]
