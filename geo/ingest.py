"""Reading uploaded files (CSV, XLSX, GeoJSON) into validated rows, or a row-level report.

Nothing here writes to the store: `prepare_upload` returns what a file would add or change,
and every problem with its row, column, value and a plain reason.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd
import shapely
import shapely.validation
from pydantic import BaseModel, ValidationError

from geo.claims import Claim
from geo.events import Event
from geo.names import AliasIndex, Suggestion
from geo.parsing import (
    ParseError,
    clean_text,
    header_key,
    parse_date,
    parse_device,
    parse_event_kind,
    parse_number,
    parse_qualifier,
    parse_quantity,
    parse_unit,
    synonym_parser,
    unsafe_text_reason,
)
from geo.places import CRS, NAME_COLUMNS, PLACE_COLUMNS, display_name, name_usage, place_id_for
from geo.seed import Tables
from geo.sources import Source
from geo.vocab import METRICS, PARTY_LABELS, STATUS_LABELS, Party, Status, Unit, unit_fits_metric

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 60
MAX_XLSX_UNPACKED = 50 * 1024 * 1024
REGION_OF_INTEREST = (43.5, 38.2, 51.0, 42.0)  # lon/lat box: Azerbaijan and its borders

KIND_CLAIMS = "figures"
KIND_EVENTS = "events"
KIND_PLACES = "places"

SOURCE_HEADERS = {
    "source_id": ["source_id", "source id", "source ref", "source code"],
    "originator": ["originator", "source", "publisher", "organisation", "organization", "issued by"],
    "party": ["party", "source party", "source type"],
    "outlet": ["outlet", "media", "publication", "channel"],
    "published": ["published", "publication date", "date published", "statement date", "issued"],
    "url": ["url", "link", "address", "web address"],
}
COMMON_HEADERS = {
    "place": ["place", "district", "rayon", "region", "village", "settlement", "location",
              "place name", "area name", "rayon name", "district name"],
    "level": ["level", "location_precision", "location precision", "place level"],
    "lat": ["lat", "latitude"],
    "lon": ["lon", "lng", "long", "longitude"],
    "status": ["status"],
    "note": ["note", "notes", "comment", "comments", "remarks"],
    **SOURCE_HEADERS,
}
CLAIM_HEADERS = {
    **COMMON_HEADERS,
    "claim_id": ["claim_id", "claim id", "figure id"],
    "metric": ["metric", "indicator", "measure"],
    "value": ["value", "figure", "amount"],
    "unit": ["unit", "units"],
    "qualifier": ["qualifier"],
    "period_start": ["period_start", "period start", "start", "from", "start date", "date from"],
    "period_end": ["period_end", "period end", "end", "to", "end date", "date to", "as of", "date"],
    "period_type": ["period_type", "period type", "type of figure", "figure type"],
    "scope": ["scope", "operator", "operators", "operator scope"],
}
EVENT_HEADERS = {
    **COMMON_HEADERS,
    "event_id": ["event_id", "event id", "id"],
    "kind": ["kind", "event", "event type", "type"],
    "date_start": ["date_start", "date start", "date", "start date", "from"],
    "date_end": ["date_end", "date end", "end date", "to"],
    "device_category": ["device_category", "device category", "device", "category",
                        "device type", "ordnance"],
    "device_model": ["device_model", "device model", "model"],
    "quantity": ["quantity", "qty", "number found", "count"],
    "killed": ["killed", "dead", "deaths"],
    "injured": ["injured", "wounded"],
}
WIDE_METRICS: dict[str, tuple[str, Unit]] = {
    "hectares": ("area_reported_cleared", Unit.HA), "ha": ("area_reported_cleared", Unit.HA),
    "area ha": ("area_reported_cleared", Unit.HA), "area_ha": ("area_reported_cleared", Unit.HA),
    "area reported cleared": ("area_reported_cleared", Unit.HA),
    "area reported cleared ha": ("area_reported_cleared", Unit.HA),
    "cleared ha": ("area_reported_cleared", Unit.HA), "area cleared ha": ("area_reported_cleared", Unit.HA),
    "area m2": ("area_reported_cleared", Unit.M2), "m2": ("area_reported_cleared", Unit.M2),
    "area km2": ("area_reported_cleared", Unit.KM2), "km2": ("area_reported_cleared", Unit.KM2),
    "ap mines": ("ap_mines_found", Unit.COUNT), "ap mines found": ("ap_mines_found", Unit.COUNT),
    "anti personnel mines": ("ap_mines_found", Unit.COUNT), "ap": ("ap_mines_found", Unit.COUNT),
    "at mines": ("at_mines_found", Unit.COUNT), "at mines found": ("at_mines_found", Unit.COUNT),
    "anti tank mines": ("at_mines_found", Unit.COUNT), "at": ("at_mines_found", Unit.COUNT),
    "uxo": ("uxo_found", Unit.COUNT), "uxo found": ("uxo_found", Unit.COUNT),
    "unexploded ordnance": ("uxo_found", Unit.COUNT),
    "casualties": ("casualties", Unit.COUNT), "killed": ("killed", Unit.COUNT),
    "injured": ("injured", Unit.COUNT),
}
METRIC_SYNONYMS = {
    **{key: metric for key, (metric, _) in WIDE_METRICS.items()},
    **{header_key(m): m for m in METRICS}, **{m: m for m in METRICS},
    **{header_key(info.label): m for m, info in METRICS.items()},
    "area cleared": "area_reported_cleared", "land released": "land_released",
}
SCOPE_SYNONYMS = {
    "all operators": "all_operators", "all_operators": "all_operators", "all": "all",
    "anama only": "ANAMA_only", "anama_only": "ANAMA_only", "anama": "ANAMA_only",
    "army": "MoD_only", "army only": "MoD_only", "mod": "MoD_only", "mod only": "MoD_only",
    "mod_only": "MoD_only", "ministry of defence": "MoD_only", "unknown": "unknown",
    "": "unknown", "not stated": "unknown", "civilians": "civilians", "n/a": "n/a",
    "all people": "all",
}
PERIOD_TYPE_SYNONYMS = {
    "cumulative": "cumulative", "running total": "cumulative", "total": "cumulative",
    "since": "cumulative", "period": "period", "for the period": "period", "weekly": "period",
    "monthly": "period", "annual": "period", "yearly": "period", "point": "point",
}
PARTY_SYNONYMS = {
    **{p.value: p.value for p in Party},
    **{header_key(label): code for code, label in PARTY_LABELS.items()},
    "government": "govt_azerbaijan", "azerbaijan": "govt_azerbaijan",
    "armenia": "govt_armenia", "ngo": "national_ngo", "international ngo": "international_ngo",
    "monitor": "independent_monitor", "independent": "independent_monitor",
}
LEVEL_SYNONYMS = {
    "country": "country", "district": "district", "rayon": "district", "region": "district",
    "settlement": "settlement", "village": "settlement", "town": "settlement",
    "city": "settlement", "named_feature": "named_feature", "feature": "named_feature",
    "height": "named_feature", "mountain": "named_feature",
}


@dataclass(frozen=True)
class Problem:
    """One reason a file cannot be stored, pinned to its row and column."""

    row: int | None
    column: str
    value: str
    reason: str
    suggestions: tuple[Suggestion, ...] = ()

    def message(self) -> str:
        """'Row 3, place "Tartr": unknown place (did you mean Tartar?)'."""
        where = f"Row {self.row}" if self.row is not None else "File"
        hint = ""
        if self.suggestions:
            hint = " (did you mean " + ", ".join(s.name for s in self.suggestions[:3]) + "?)"
        shown = f' "{self.value}"' if self.value else ""
        return f"{where}, {self.column}{shown}: {self.reason}{hint}"


@dataclass
class Prepared:
    """A parsed upload: its kind, rows ready to store, problems, and notes for the user."""

    file_name: str
    sha256: str
    kind: str
    tables: Tables
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    row_numbers: dict[str, list[int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the file may be committed."""
        return not self.problems

    def unknown_places(self) -> dict[str, tuple[Suggestion, ...]]:
        """Each unknown place name once, with its suggestions."""
        found: dict[str, tuple[Suggestion, ...]] = {}
        for problem in self.problems:
            if problem.reason.startswith("unknown place"):
                found.setdefault(problem.value, problem.suggestions)
        return found


class UploadRefused(ValueError):
    """A file refused as a whole (too big, not text, not a known format)."""


def empty_tables() -> Tables:
    """Tables with no rows."""
    return Tables(
        sources=pd.DataFrame(columns=list(Source.model_fields)),
        claims=pd.DataFrame(columns=list(Claim.model_fields)),
        events=pd.DataFrame(columns=list(Event.model_fields)),
        placements=pd.DataFrame(columns=["placement_id", "source_id", "place", "place_id",
                                         "district", "district_id", "note"]),
        places=gpd.GeoDataFrame(columns=PLACE_COLUMNS, geometry="geometry", crs=CRS),
        names=pd.DataFrame(columns=NAME_COLUMNS),
    )


# --- reading bytes into a table ---------------------------------------------------------

def decode_text(data: bytes) -> str:
    """UTF-8 text, with or without BOM; anything else is refused."""
    if b"\x00" in data[:4096]:
        raise UploadRefused("this is not a text file (binary content)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UploadRefused(
            f"the file is not UTF-8 text (byte {error.start}); save it as CSV UTF-8") from error


def read_csv_table(data: bytes) -> pd.DataFrame:
    """A CSV with comma, semicolon or tab separators, every cell as text."""
    text = decode_text(data)
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as error:
        raise UploadRefused(f"the CSV cannot be read: {error}") from error
    return _rows_to_frame(rows)


def read_xlsx_table(data: bytes) -> pd.DataFrame:
    """The first sheet of an XLSX workbook, refusing zip bombs and formulas' hidden content."""
    import openpyxl

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise UploadRefused("this is not a valid XLSX workbook") from error
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_XLSX_UNPACKED:
        raise UploadRefused(f"the workbook unpacks to {unpacked / 1e6:.0f} MB; the limit is "
                            f"{MAX_XLSX_UNPACKED / 1e6:.0f} MB")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on broken files
        raise UploadRefused(f"the workbook cannot be read: {error}") from error
    sheet = book.worksheets[0]
    rows: list[list[str]] = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(["" if v is None else _xlsx_cell(v) for v in row])
        if len(rows) > MAX_ROWS + 1:
            break
    book.close()
    return _rows_to_frame(rows)


def _xlsx_cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


def _rows_to_frame(rows: list[list[str]]) -> pd.DataFrame:
    rows = [r for r in rows if any(clean_text(c) for c in r)]
    if not rows:
        raise UploadRefused("the file has no rows")
    header, body = rows[0], rows[1:]
    if len(header) > MAX_COLUMNS:
        raise UploadRefused(f"the file has {len(header)} columns; the limit is {MAX_COLUMNS}")
    if len(body) > MAX_ROWS:
        raise UploadRefused(f"the file has more than {MAX_ROWS:,} rows; split it")
    width = len(header)
    body = [(r + [""] * width)[:width] for r in body]
    frame = pd.DataFrame(body, columns=[clean_text(h) for h in header], dtype=str)
    frame.index = range(2, len(frame) + 2)  # spreadsheet line numbers
    return frame


def map_headers(frame: pd.DataFrame, synonyms: dict[str, list[str]]) -> dict[str, str]:
    """Canonical field -> the file's column, matched through header synonyms."""
    lookup = {header_key(s): canon for canon, words in synonyms.items() for s in words}
    found: dict[str, str] = {}
    for column in frame.columns:
        canon = lookup.get(header_key(column))
        if canon and canon not in found:
            found[canon] = column
    return found


def detect_kind(frame: pd.DataFrame) -> str:
    """Figures or events, from the columns present."""
    keys = {header_key(c) for c in frame.columns}
    event_markers = {"kind", "event", "event type", "device", "device category", "device_category",
                     "category", "quantity", "device type", "ordnance"}
    if keys & {header_key(k) for k in event_markers}:
        return KIND_EVENTS
    if {"metric", "value"} <= keys or keys & set(WIDE_METRICS):
        return KIND_CLAIMS
    raise UploadRefused(
        "cannot tell what this file holds: figures need 'metric' and 'value' columns (or "
        "columns such as 'hectares', 'AP mines', 'AT mines', 'UXO'); events need 'kind' or "
        "'device category'. Download a template from this page.")


# --- row parsing ----------------------------------------------------------------------

class RowReader:
    """Reads canonical fields from one row, collecting problems instead of raising."""

    def __init__(self, row: Mapping[str, object], columns: dict[str, str], line: int) -> None:
        self.row, self.columns, self.line = row, columns, line
        self.problems: list[Problem] = []

    def text(self, field_name: str) -> str:
        """Cell text, refused if it holds markup or a formula."""
        column = self.columns.get(field_name)
        if column is None:
            return ""
        value = clean_text(self.row[column])
        reason = unsafe_text_reason(value)
        if reason:
            self.problems.append(Problem(self.line, column, value[:80], reason))
            return ""
        return value

    def parsed(self, field_name: str, parser: Callable[[str], object], required: bool = False):
        """Parsed cell, or None with a problem recorded when it is missing or unreadable."""
        column = self.columns.get(field_name, field_name)
        value = clean_text(self.row[column]) if field_name in self.columns else ""
        if not value:
            if required:
                self.problems.append(Problem(self.line, column, "", "missing value"))
            return None
        try:
            return parser(value)
        except ParseError as error:
            reason = unsafe_text_reason(value) or str(error)
            self.problems.append(Problem(self.line, column, value[:80], reason))
            return None

    def problem(self, field_name: str, value: object, reason: str,
                suggestions: tuple[Suggestion, ...] = ()) -> None:
        """Record a problem against a field of this row."""
        column = self.columns.get(field_name, field_name)
        self.problems.append(Problem(self.line, column, str(value)[:80], reason, suggestions))


parse_scope = synonym_parser(SCOPE_SYNONYMS, "scope")
parse_period_type = synonym_parser(PERIOD_TYPE_SYNONYMS, "period type (use cumulative, period or point)")
parse_party = synonym_parser(PARTY_SYNONYMS, "party")
parse_level = synonym_parser(LEVEL_SYNONYMS, "place level (use district, settlement or named feature)")
parse_metric = synonym_parser(METRIC_SYNONYMS, "metric")
parse_status = synonym_parser(
    {**{s.value: s.value for s in Status}, **{header_key(v): k for k, v in STATUS_LABELS.items()}},
    "status (use reported, disputed, inconsistent within source or superseded)")


def short_hash(*parts: object) -> str:
    """Ten hex characters identifying the parts."""
    return hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:10].upper()


def _validate(model: type[BaseModel], values: dict, reader: RowReader) -> BaseModel | None:
    try:
        return model.model_validate({k: v for k, v in values.items() if v not in (None, "")})
    except ValidationError as error:
        for item in error.errors():
            name = str(item["loc"][0]) if item["loc"] else "row"
            reason = item["msg"].removeprefix("Value error, ")
            reader.problem(name, values.get(name, ""), reason)
        return None


def _keep_valid(model: type[BaseModel], values: dict, reader: RowReader,
                rows: list[dict], problems: list[Problem]) -> None:
    """Append the validated row, or the row's problems."""
    validated = _validate(model, values, reader)
    if validated is None:
        problems += reader.problems
    else:
        rows.append(validated.model_dump(mode="json"))


def _result(table: str, rows: list[dict], new_sources: dict[str, dict]) -> Tables:
    result = empty_tables()
    setattr(result, table, pd.DataFrame(rows, columns=getattr(result, table).columns))
    result.sources = pd.DataFrame(list(new_sources.values()), columns=result.sources.columns)
    return result


def _resolve_place(reader: RowReader, index: AliasIndex) -> tuple[str, str | None]:
    name = reader.text("place")
    level = reader.parsed("level", parse_level)
    lat = reader.parsed("lat", parse_number)
    lon = reader.parsed("lon", parse_number)
    point = (lat, lon) if lat is not None and lon is not None else None
    if not name:
        return "", None
    match = index.resolve(name, level=level, point=point)
    if not match.ok:
        reader.problem("place", name, match.reason, match.suggestions)
        return name, None
    return name, match.place_id


def _source_for_row(reader: RowReader, known: set[str],
                    new_sources: dict[str, dict]) -> str | None:
    source_id = reader.text("source_id")
    if source_id and source_id in known and not reader.text("originator"):
        return source_id
    originator = reader.text("originator")
    published = reader.parsed("published", parse_date)
    if not originator:
        if source_id:
            reader.problem("source_id", source_id, "unknown source; give originator, party, "
                           "outlet and publication date for a new source")
        else:
            reader.problem("originator", "", "missing: who published this figure")
        return None
    party = reader.parsed("party", parse_party, required=True)
    if published is None:
        if "published" in reader.columns:
            return None
        reader.problem("published", "", "missing: when the source published it")
        return None
    outlet, url = reader.text("outlet"), reader.text("url")
    source_id = source_id or f"U{short_hash(originator, outlet, published, url)}"
    values = {"source_id": source_id, "originator": originator, "party": party,
              "outlet": outlet, "published": published, "url": url}
    validated = _validate(Source, values, reader)
    if validated is not None:
        new_sources[source_id] = validated.model_dump(mode="json")
    return source_id if validated is not None else None


def _records(frame: pd.DataFrame) -> list[tuple[int, dict]]:
    """(line number, row as a dict) for every row: much faster than iterrows."""
    return list(zip(frame.index, frame.to_dict("records"), strict=True))


def _claim_rows(frame: pd.DataFrame, columns: dict[str, str]) -> list[tuple[int, dict, dict]]:
    """(line, row, {metric, unit, raw value}) per figure: long rows, or wide rows melted."""
    if "metric" in columns and "value" in columns:
        return [(line, row, {}) for line, row in _records(frame)]
    wide = [(c, WIDE_METRICS[header_key(c)]) for c in frame.columns if header_key(c) in WIDE_METRICS]
    out = []
    for line, row in _records(frame):
        for column, (metric, unit) in wide:
            if clean_text(row[column]):
                out.append((line, row, {"metric": metric, "unit": unit, "value_column": column}))
    return out


def parse_claims(frame: pd.DataFrame, tables: Tables, index: AliasIndex) -> tuple[Tables, list[Problem]]:
    """Figures from a long (metric, value) or wide (a column per metric) table."""
    columns = map_headers(frame, CLAIM_HEADERS)
    problems: list[Problem] = []
    for needed in ("place", "period_end"):
        if needed not in columns:
            problems.append(Problem(None, needed, "", f"missing column '{needed}' (see template)"))
    if "source_id" not in columns and "originator" not in columns:
        problems.append(Problem(None, "source", "", "missing column 'source_id' or 'originator'"))
    if problems:
        return empty_tables(), problems
    claims, new_sources = [], {}
    known_sources = set(tables.sources["source_id"])
    for line, row, wide in _claim_rows(frame, columns):
        reader = RowReader(row, columns, int(line))
        value_column = wide.get("value_column", columns.get("value"))
        metric = wide.get("metric") or reader.parsed("metric", parse_metric, required=True)
        raw_value = clean_text(row[value_column]) if value_column else ""
        value = qualifier = None
        try:
            value, qualifier = parse_quantity(raw_value)
        except ParseError as error:
            reader.problem(value_column, raw_value, unsafe_text_reason(raw_value) or str(error))
        explicit_qualifier = reader.parsed("qualifier", parse_qualifier)
        if explicit_qualifier is not None and qualifier is not None and qualifier.value == "exact":
            qualifier = explicit_qualifier
        unit = wide.get("unit") or reader.parsed("unit", parse_unit, required=True)
        if value is not None and value < 0:
            reader.problem(value_column, raw_value, "negative value: a figure cannot be below zero")
        if metric and unit and not unit_fits_metric(Unit(unit), metric):
            reader.problem("unit", unit, f"unit does not fit the metric {metric!r}")
        if unit == Unit.PCT and value is not None and value > 100:
            reader.problem(value_column, raw_value, "a percentage cannot exceed 100")
        start = reader.parsed("period_start", parse_date)
        end = reader.parsed("period_end", parse_date, required=True)
        if start and end and end < start:
            reader.problem("period_end", end, f"end date is before the start date ({start})")
        status = reader.parsed("status", parse_status) or "reported"
        note, given_id = reader.text("note"), reader.text("claim_id")
        period_type = reader.parsed("period_type", parse_period_type) or (
            "period" if start else "cumulative")
        scope = reader.parsed("scope", parse_scope) or "unknown"
        place, place_id = _resolve_place(reader, index)
        if not place:
            reader.problem("place", "", "missing value")
        source_id = _source_for_row(reader, known_sources, new_sources)
        level = None
        if place_id:
            level = index.level_of(place_id)
        if reader.problems:
            problems += reader.problems
            continue
        claim_id = given_id or (
            f"U{short_hash(source_id, metric, place_id, start, end, scope, period_type)}")
        values = {
            "claim_id": claim_id, "source_id": source_id, "metric": metric, "value": value,
            "unit": unit, "qualifier": qualifier, "period_start": start, "period_end": end,
            "period_type": period_type, "scope": scope, "place": place, "place_id": place_id,
            "location_precision": level, "status": status, "note": note,
        }
        _keep_valid(Claim, values, reader, claims, problems)
    return _result("claims", claims, new_sources), problems


def parse_events(frame: pd.DataFrame, tables: Tables, index: AliasIndex) -> tuple[Tables, list[Problem]]:
    """Reported finds and incidents, located by place name or by coordinates."""
    columns = map_headers(frame, EVENT_HEADERS)
    problems: list[Problem] = []
    if "date_start" not in columns:
        problems.append(Problem(None, "date", "", "missing column 'date' (see template)"))
    if "place" not in columns and not {"lat", "lon"} <= set(columns):
        problems.append(Problem(None, "place", "", "missing column 'place' or 'lat'/'lon'"))
    if problems:
        return empty_tables(), problems
    events, new_sources = [], {}
    known_sources = set(tables.sources["source_id"])
    for line, row in _records(frame):
        reader = RowReader(row, columns, int(line))
        device = reader.parsed("device_category", parse_device)
        kind = reader.parsed("kind", parse_event_kind) or ("find" if device else "incident")
        start = reader.parsed("date_start", parse_date, required=True)
        end = reader.parsed("date_end", parse_date)
        quantity = reader.parsed("quantity", lambda t: parse_quantity(t)[0])
        killed = reader.parsed("killed", parse_number)
        injured = reader.parsed("injured", parse_number)
        lat = reader.parsed("lat", parse_number)
        lon = reader.parsed("lon", parse_number)
        place, place_id = _resolve_place(reader, index)
        if lat is not None and lon is not None and not _in_region(lon, lat):
            reader.problem("lat", f"{lat}, {lon}", "point outside the region of interest "
                           "(Azerbaijan and its borders)")
        for name, number in (("quantity", quantity), ("killed", killed), ("injured", injured)):
            if number is not None and (number < 0 or not float(number).is_integer()):
                reader.problem(name, number, "must be a whole number, zero or more")
        if start and end and end < start:
            reader.problem("date_end", end, f"end date is before the start date ({start})")
        if kind == "find" and device is None and "device_category" in columns:
            reader.problem("device_category", "", "a find needs a device category")
        status = reader.parsed("status", parse_status) or "reported"
        note, model, given_id = reader.text("note"), reader.text("device_model"), reader.text("event_id")
        source_id = _source_for_row(reader, known_sources, new_sources)
        if reader.problems:
            problems += reader.problems
            continue
        event_id = given_id or f"U{short_hash(source_id, kind, start, place_id, lat, lon, device)}"
        level = None
        if place_id:
            level = index.level_of(place_id)
        values = {
            "event_id": event_id, "source_id": source_id, "kind": kind, "date_start": start,
            "date_end": end, "place": place, "place_id": place_id, "lat": lat, "lon": lon,
            "location_precision": level or ("point" if lat is not None else None),
            "device_category": device, "device_model": model,
            "quantity": int(quantity) if quantity is not None else None,
            "killed": int(killed) if killed is not None else None,
            "injured": int(injured) if injured is not None else None,
            "status": status, "note": note,
        }
        _keep_valid(Event, values, reader, events, problems)
    return _result("events", events, new_sources), problems


def _in_region(lon: float, lat: float) -> bool:
    minx, miny, maxx, maxy = REGION_OF_INTEREST
    return minx <= lon <= maxx and miny <= lat <= maxy


# --- GeoJSON places and boundaries ------------------------------------------------------

def read_geojson(data: bytes) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Features in EPSG:4326, reprojected if the file declares another CRS (with a note)."""
    text = decode_text(data)
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as error:
        raise UploadRefused(f"not valid JSON: {error.msg} at line {error.lineno}") from error
    except RecursionError as error:
        raise UploadRefused("the JSON is nested too deeply to be GeoJSON") from error
    if not isinstance(parsed, dict) or parsed.get("type") not in ("FeatureCollection", "Feature"):
        raise UploadRefused("not a GeoJSON FeatureCollection")
    features = parsed["features"] if parsed["type"] == "FeatureCollection" else [parsed]
    if len(features) > MAX_ROWS:
        raise UploadRefused(f"more than {MAX_ROWS:,} features")
    crs = (parsed.get("crs") or {}).get("properties", {}).get("name")
    notes: list[str] = []
    frame = gpd.GeoDataFrame.from_features(features, crs=crs or CRS)
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        notes.append(f"Coordinates were in {frame.crs.to_string()}; reprojected to EPSG:4326 "
                     "(longitude/latitude).")
        frame = frame.to_crs(CRS)
    frame.index = range(1, len(frame) + 1)
    return frame, notes


def parse_places(frame: gpd.GeoDataFrame, tables: Tables, index: AliasIndex) -> tuple[Tables, list[Problem]]:
    """New or corrected district polygons and named points, with their names."""
    problems: list[Problem] = []
    places, names = [], []
    columns = {c: c for c in frame.columns if c != "geometry"}
    for number, row in frame.iterrows():
        reader = RowReader({k: v for k, v in row.items() if k != "geometry"}, columns, int(number))
        name = reader.text("name")
        geometry = row.geometry
        if not name:
            reader.problem("name", "", "missing: every feature needs a name")
        if geometry is None or geometry.is_empty:
            reader.problem("geometry", "", "missing or empty geometry")
        elif not geometry.is_valid:
            reader.problem("geometry", geometry.geom_type,
                           f"invalid geometry: {shapely.validation.explain_validity(geometry)}")
        elif not _in_region(*geometry.centroid.coords[0]) or not all(
                _in_region(x, y) for x, y in (geometry.bounds[:2], geometry.bounds[2:])):
            reader.problem("geometry", f"{geometry.centroid.x:.3f}, {geometry.centroid.y:.3f}",
                           "outside the region of interest (Azerbaijan and its borders); "
                           "if the file is projected, declare its CRS")
        is_area = geometry is not None and geometry.geom_type in ("Polygon", "MultiPolygon")
        level = reader.parsed("level", parse_level) or ("district" if is_area else "settlement")
        if level == "district" and not is_area:
            reader.problem("geometry", "Point", "a district needs a polygon")
        district_id = None
        if level != "district":
            district = reader.text("district")
            match = index.resolve(district, level="district") if district else None
            if match is None or not match.ok:
                reader.problem("district", district, "a place needs its district (a known one)",
                               match.suggestions if match else ())
            else:
                district_id = match.place_id
        if reader.problems:
            problems += reader.problems
            continue
        existing = index.resolve(name, level=level)
        place_id = existing.place_id if existing.ok else place_id_for(level, display_name(name))
        if level == "district":
            district_id = place_id
        alt_names = _alt_names(row.get("alt_names"))
        name_az, precision = reader.text("name_az"), reader.text("precision")
        source, licence = reader.text("source"), reader.text("license")
        all_names = [(name, "english"), (name_az, "azerbaijani_official")]
        for alt in alt_names:
            if unsafe_text_reason(alt):
                reader.problem("alt_names", alt, unsafe_text_reason(alt) or "")
            else:
                all_names.append((alt, name_usage(alt)))
        if reader.problems:
            problems += reader.problems
            continue
        places.append({
            "place_id": place_id, "level": level, "name": display_name(name),
            "name_az": name_az, "district_id": district_id,
            "precision": precision or ("uploaded polygon" if is_area else "point"),
            "is_proxy": str(row.get("is_proxy", "")).casefold() in ("true", "1", "yes"),
            "source": source, "license": licence,
            "geometry": geometry,
        })
        names += [{"place_id": place_id, "name": n, "usage": u} for n, u in all_names if n]
    result = empty_tables()
    result.places = gpd.GeoDataFrame(places, columns=PLACE_COLUMNS, geometry="geometry", crs=CRS)
    result.names = pd.DataFrame(names, columns=NAME_COLUMNS).drop_duplicates(["place_id", "name"])
    return result, problems


def _alt_names(value: object) -> list[str]:
    if isinstance(value, list):
        return [clean_text(v) for v in value if clean_text(v)]
    if isinstance(value, str):
        return [clean_text(v) for v in value.replace(";", "|").split("|") if clean_text(v)]
    return []


# --- the entry point --------------------------------------------------------------------

def prepare_upload(file_name: str, data: bytes, tables: Tables) -> Prepared:
    """Parse and validate an upload against the current data; never touches the store."""
    sha256 = hashlib.sha256(data).hexdigest()
    if len(data) > MAX_BYTES:
        raise UploadRefused(f"the file is {len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB")
    if not data.strip():
        raise UploadRefused("the file is empty")
    index = AliasIndex(tables.places, tables.names)
    lowered = file_name.casefold()
    notes: list[str] = []
    if lowered.endswith((".geojson", ".json")):
        frame, notes = read_geojson(data)
        kind = KIND_PLACES
        parsed, problems = parse_places(frame, tables, index)
    else:
        if lowered.endswith(".xlsx"):
            frame = read_xlsx_table(data)
        elif lowered.endswith((".csv", ".txt")):
            frame = read_csv_table(data)
        else:
            raise UploadRefused("unsupported file type: upload CSV, XLSX or GeoJSON")
        kind = detect_kind(frame)
        parser = parse_claims if kind == KIND_CLAIMS else parse_events
        parsed, problems = parser(frame, tables, index)
    unique = list(dict.fromkeys(problems))
    return Prepared(file_name=file_name, sha256=sha256, kind=kind, tables=parsed,
                    problems=unique, notes=notes)


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    """The validation report as a table: row, column, value, reason, suggestions."""
    return pd.DataFrame([{
        "Row": p.row if p.row is not None else "file", "Column": p.column, "Value": p.value,
        "Problem": p.reason, "Suggestions": ", ".join(s.name for s in p.suggestions),
    } for p in problems], columns=["Row", "Column", "Value", "Problem", "Suggestions"])
