"""Exports of the current (or as-of) data that describe themselves: CSV, XLSX, GeoJSON and
GeoPackage with source columns, labels beside codes, a data dictionary, the filters and
revision used, the export date, the citation line and licences, named after what they hold."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geo.about import ViewInfo, citation, describe, file_name, licences, readme_lines
from geo.dictionary import data_dictionary, hxl_row
from geo.i18n import N_, _, current_language, language, translated
from geo.places import CRS
from geo.vocab import (
    DEVICE_LABELS,
    METRICS,
    PARTY_LABELS,
    SCOPE_LABELS,
    STATUS_LABELS,
)

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
QUALIFIER_LABELS = {"exact": N_("exact"), "more_than": N_("more than"), "about": N_("about"),
                    "up_to": N_("up to")}
PERIOD_TYPE_LABELS = {"cumulative": N_("running total"), "period": N_("figure for the period"),
                      "point": N_("point in time")}
EVENT_KIND_LABELS = {"find": N_("find"), "incident": N_("incident")}
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
    "status", "status_code", "flag", "note", "quote", "source_id", "originator", "party", "party_code",
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
            out[column] = out[column].map(translated(names)).fillna(out[column])
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


def _csv(frame: pd.DataFrame, hxl: bool) -> bytes:
    """UTF-8 CSV with BOM (for spreadsheet programs); with `hxl`, HXL hashtags as row two."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(frame.columns)
    if hxl:
        writer.writerow(hxl_row(list(frame.columns)))
    frame.to_csv(buffer, index=False, header=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8-sig")


def claim_rows(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims as exported: labels beside their codes, dates as ISO text, with their sources."""
    return _plain(claims, CLAIM_EXPORT_COLUMNS, CLAIM_LABELS)


def event_rows(events: pd.DataFrame) -> pd.DataFrame:
    """Events as exported: labels beside their codes, dates as ISO text, with their sources."""
    return _plain(events, EVENT_EXPORT_COLUMNS, EVENT_LABELS)


def claims_csv(claims: pd.DataFrame, hxl: bool = False) -> bytes:
    """Claims with their sources as CSV."""
    return _csv(safe_for_spreadsheet(claim_rows(claims)), hxl)


def events_csv(events: pd.DataFrame, hxl: bool = False) -> bytes:
    """Events with their sources as CSV."""
    return _csv(safe_for_spreadsheet(event_rows(events)), hxl)


def claims_dictionary() -> pd.DataFrame:
    """The figures' data dictionary."""
    return data_dictionary(CLAIM_EXPORT_COLUMNS, CLAIM_LABELS)


def events_dictionary() -> pd.DataFrame:
    """The events' data dictionary."""
    return data_dictionary(EVENT_EXPORT_COLUMNS, EVENT_LABELS)


def _dictionaries() -> pd.DataFrame:
    return pd.concat([claims_dictionary().assign(**{_("table"): "figures"}),
                      events_dictionary().assign(**{_("table"): "events"})], ignore_index=True)


def about(what: str, info: ViewInfo, rows: dict[str, int]) -> dict:
    """What an export holds, as a JSON-ready mapping (GeoJSON's `metadata` member)."""
    return {"title": what, "settings": dict(describe(info)), "revision": info.revision,
            "as_of": info.as_of, "exported": info.produced.isoformat(), "rows": rows,
            "citation": citation(info), "licences": licences()}


def claims_geodataframe(claims: pd.DataFrame, places: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Claims placed on their place's geometry (country, district polygon or point)."""
    geometry = places.set_index("place_id")["geometry"]
    frame = claim_rows(claims)
    return gpd.GeoDataFrame(frame, geometry=list(claims["place_id"].map(geometry)), crs=CRS)


def events_geodataframe(events: pd.DataFrame, places: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Events at their coordinates, or their place's geometry when only a name is known."""
    by_place = places.set_index("place_id")["geometry"]
    points = gpd.points_from_xy(events["lon"].astype(float), events["lat"].astype(float))
    geometry = [
        point if pd.notna(lat) else by_place.get(place_id)
        for point, lat, place_id in zip(points, events["lat"], events["place_id"], strict=True)
    ]
    return gpd.GeoDataFrame(event_rows(events), geometry=geometry, crs=CRS)


def to_geojson(frame: gpd.GeoDataFrame, metadata: dict | None = None) -> bytes:
    """GeoJSON (RFC 7946, EPSG:4326); `metadata` goes in a foreign member of that name."""
    text = frame.to_json(ensure_ascii=False, drop_id=True)
    if metadata is not None:  # spliced in, so a 200,000-feature export is not parsed again
        text = '{"metadata": ' + json.dumps(metadata, ensure_ascii=False) + ", " + text[1:]
    return text.encode("utf-8")


def to_geopackage(layers: dict[str, gpd.GeoDataFrame],
                  tables: dict[str, pd.DataFrame] | None = None) -> bytes:
    """One GeoPackage holding each frame as a layer, and `tables` as attribute tables."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.gpkg"
        for name, frame in layers.items():
            if not frame.empty:
                frame.to_file(path, layer=name, driver="GPKG", engine="pyogrio")
        for name, table in (tables or {}).items():
            pyogrio.write_dataframe(table, path, layer=name, driver="GPKG")
        return path.read_bytes() if path.exists() else b""


def to_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An XLSX workbook, text cells neutralised against formulas."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            safe_for_spreadsheet(frame).to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


def figures_and_events_xlsx(claims: pd.DataFrame, events: pd.DataFrame,
                            readme: list[str] | None = None) -> bytes:
    """A README sheet, the data dictionary, then figures and events with their sources."""
    sheets = {} if readme is None else {"README": pd.DataFrame({"README": readme}),
                                        "dictionary": _dictionaries()}
    return to_xlsx({**sheets, "figures": claim_rows(claims),
                    "events": event_rows(events)})


def csv_bundle(claims: pd.DataFrame, events: pd.DataFrame, info: ViewInfo, hxl: bool) -> bytes:
    """A ZIP of the figures and events CSVs with their dictionaries and a README."""
    rows = {"figures": len(claims), "events": len(events)}
    readme = "\n".join(readme_lines(_("Figures and events (CSV)"), info, rows)) + "\n"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(file_name("figures", info, "csv"), claims_csv(claims, hxl))
        archive.writestr(file_name("events", info, "csv"), events_csv(events, hxl))
        archive.writestr("figures_dictionary.csv", _csv(claims_dictionary(), False))
        archive.writestr("events_dictionary.csv", _csv(events_dictionary(), False))
        archive.writestr("README.txt", readme.encode("utf-8"))
    return buffer.getvalue()


@dataclass(frozen=True)
class Download:
    """One export: its button label, file name, MIME type and a function that makes it, in the
    language in force when the export was offered."""

    label: str
    file_name: str
    mime: str
    make: Callable[[], bytes]
    language: str = field(default_factory=current_language)

    def build(self) -> bytes:
        """The file, worded in the offering run's language: Streamlit makes a deferred download
        in another thread, where the language of the run is not in force."""
        with language(self.language):
            return self.make()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def downloads(claims: pd.DataFrame, events: pd.DataFrame, places: gpd.GeoDataFrame,
              info: ViewInfo, hxl: bool = False) -> list[Download]:
    """Every export of the shown data, built only when asked for, each describing itself."""
    gazetteer = places.drop(columns=["revision_id"], errors="ignore")
    rows = {"figures": len(claims), "events": len(events)}

    def readme(what: str, counts: dict[str, int]) -> list[str]:
        return readme_lines(what, info, counts)

    def geo_layers() -> dict[str, gpd.GeoDataFrame]:
        return {"figures": claims_geodataframe(claims, places),
                "events": events_geodataframe(events, places), "places": gazetteer}

    def gpkg_tables() -> dict[str, pd.DataFrame]:
        text = readme(_("Figures, events and places (GeoPackage)"), {**rows, "places": len(places)})
        return {"readme": pd.DataFrame({"readme": text}), "dictionary": _dictionaries()}

    return [
        Download(_("Figures (CSV)"), file_name("figures", info, "csv"), "text/csv",
                 lambda: claims_csv(claims, hxl)),
        Download(_("Events (CSV)"), file_name("events", info, "csv"), "text/csv",
                 lambda: events_csv(events, hxl)),
        Download(_("CSV with data dictionary and README (ZIP)"),
                 file_name("figures-events", info, "zip"), "application/zip",
                 lambda: csv_bundle(claims, events, info, hxl)),
        Download(_("Figures and events (XLSX)"), file_name("figures-events", info, "xlsx"), XLSX,
                 lambda: figures_and_events_xlsx(claims, events, readme(
                     _("Figures and events (XLSX)"), rows))),
        Download(_("Figures (GeoJSON)"), file_name("figures", info, "geojson"), "application/geo+json",
                 lambda: to_geojson(claims_geodataframe(claims, places), {
                     **about(_("Figures (GeoJSON)"), info, {"figures": len(claims)}),
                     "dictionary": claims_dictionary().to_dict("records")})),
        Download(_("Events (GeoJSON)"), file_name("events", info, "geojson"), "application/geo+json",
                 lambda: to_geojson(events_geodataframe(events, places), {
                     **about(_("Events (GeoJSON)"), info, {"events": len(events)}),
                     "dictionary": events_dictionary().to_dict("records")})),
        Download(_("Figures, events and places (GeoPackage)"),
                 file_name("figures-events-places", info, "gpkg"), "application/geopackage+sqlite3",
                 lambda: to_geopackage(geo_layers(), gpkg_tables())),
    ]
