"""The upload's entry point: from bytes to validated rows (or a report), never touching the store."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath

import pandas as pd

from geo.hazards.geometry import OVERLAP_COLUMNS, overlaps
from geo.i18n import N_, _
from geo.model.kinds import UPLOADS
from geo.model.tables import Tables, empty_tables
from geo.names import AliasIndex, Suggestion
from geo.parsing import (
    DateOrder,
    DecimalMark,
    clean_text,
    date_order_evidence,
    decimal_mark_evidence,
    header_key,
    is_ambiguous_date,
)
from geo.store.fits import misfits
from geo.upload.build_events import build_events
from geo.upload.build_figures import build_figures
from geo.upload.build_hazards import build_hazards
from geo.upload.build_places import build_places
from geo.upload.build_releases import build_releases
from geo.upload.columns import Columns, shown
from geo.upload.context import Ambiguity, Context
from geo.upload.fields import (
    IGNORE,
    KIND_EVENTS,
    KIND_FIGURES,
    KIND_HAZARDS,
    KIND_PLACES,
    KIND_RELEASES,
    UNANSWERED,
    auto_mapping,
    field_label,
    fields_for,
    header_score,
    kind_scores,
    table_column,
    wide_fields,
)
from geo.upload.find_words import PLACEMARK_NAMES, file_says_finds
from geo.upload.geodata import read_geojson, read_ogr
from geo.upload.identity import Copy, Located, assign_ids
from geo.upload.limits import Limits, limits
from geo.upload.options import UploadOptions
from geo.upload.problems import Problem, UploadRefused
from geo.upload.raw import RawTable
from geo.upload.source_rows import SourceRows
from geo.upload.table import Table, locate_table
from geo.upload.tables import TABLE_OF, upload_tables
from geo.upload.text_files import read_csv
from geo.upload.workbooks import UNSAVED_FORMULA, read_xlsx
from geo.upload.worker import read_isolated

Progress = Callable[[str, float], None]
TABLE_SUFFIXES = (".csv", ".txt", ".tsv")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
GEODATA_SUFFIXES = (".geojson", ".json")
OGR_SUFFIXES = (".gpkg", ".zip", ".kml", ".kmz", ".fgb")
ACCEPTED_SUFFIXES = TABLE_SUFFIXES + WORKBOOK_SUFFIXES + GEODATA_SUFFIXES + OGR_SUFFIXES
SOURCE_LINE = re.compile(r"^\s*(source|publisher|issued by|prepared by|mənbə|источник)\s*[:\-–]\s*"
                         r"(?P<who>[^,;|]{2,120})", re.IGNORECASE)
REPEATED_HEADER = re.compile(r"^(?P<base>.+) \((?P<count>\d+)\)$")  # a header's second use, as named
NUMERIC_FIELDS = ("value", "quantity", "killed", "injured", "area_ha", "area_m2")
DATE_FIELDS = ("period_start", "period_end", "date_start", "date_end", "published", "recorded_date",
               "last_survey_date")
IGNORED_BY_CHOICE, IGNORED_EMPTY, IGNORED_TECHNICAL = "chosen", "empty", "technical"
# What GIS exports add beside the data (KML styles and drawing, database row ids, computed
# lengths and areas): not read, and said so.
TECHNICAL_COLUMNS = {
    "styleurl", "tessellate", "extrude", "visibility", "draworder", "draw order", "icon",
    "altitudemode", "altitude mode", "fid", "ogc fid", "objectid", "object id", "globalid",
    "shape length", "shape area", "shape leng", "shape len",
}
SUMMARY_SHEET = re.compile(r"\b(?:summary|pivot|overview|totals|dashboard|xülasə|xulase|yekun|ümumi|"
                           r"сводка|свод|итоги|итого|сводная)\b", re.IGNORECASE)
FEATURE_ID_COLUMNS = {"id", "gml id"}  # a KML placemark's or GML feature's own id
AREA_OR_POINT = {"Polygon", "MultiPolygon", "Point", "MultiPoint"}
# Each upload kind's row builder, as (records, notes for the preview, place-name rows).
BUILDERS: dict[str, Callable[[Columns, Context, Tables], tuple[list, list[str], list[dict]]]] = {
    KIND_FIGURES: lambda cols, context, stored: (build_figures(cols, context), [], []),
    KIND_EVENTS: lambda cols, context, stored: (build_events(cols, context), [], []),
    KIND_HAZARDS: lambda cols, context, stored: (*build_hazards(cols, context, stored.places), []),
    KIND_RELEASES: lambda cols, context, stored: (build_releases(cols, context, stored.hazards),
                                                  [], []),
    KIND_PLACES: lambda cols, context, stored: (
        (built := build_places(cols, context, stored.places))[0], [], built[1]),
}


@dataclass(frozen=True)
class ColumnInfo:
    """One column of the file as the mapping step shows it."""

    table: str
    name: str
    field: str
    samples: tuple[str, ...]


@dataclass
class Prepared:
    """A parsed upload: rows ready to store, problems, and what the editor may decide."""

    file_name: str
    sha256: str
    kind: str
    tables: Tables
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)
    chosen: list[str] = field(default_factory=list)
    columns: list[ColumnInfo] = field(default_factory=list)
    scores: dict[str, int] = field(default_factory=dict)
    ambiguities: list[Ambiguity] = field(default_factory=list)
    ambiguous_dates: list[str] = field(default_factory=list)
    decimal_mark: str = DecimalMark.POINT.value
    date_order: str = DateOrder.DAY_FIRST.value
    copies: list[Copy] = field(default_factory=list)
    ignored: list[tuple[str, str, str]] = field(default_factory=list)  # (table, column, why)
    signature: str = ""
    profile: str = ""
    data_rows: int = 0
    lines: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    overlaps: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=OVERLAP_COLUMNS))

    @property
    def ok(self) -> bool:
        """Whether the file may be committed."""
        return not self.problems and bool(self.kind)

    def unknown_places(self) -> dict[str, tuple[Suggestion, ...]]:
        """Each unknown place name once, with its suggestions."""
        found: dict[str, tuple[Suggestion, ...]] = {}
        for problem in self.problems:
            if problem.reason.startswith("unknown place"):
                found.setdefault(problem.value, problem.suggestions)
        return found

    def missing_whole_file(self) -> list[str]:
        """Fields the file lacks entirely (one problem each), for the 'whole file' inputs."""
        return [p.column for p in self.problems if p.row is None]


def header_signature(columns: list[str]) -> str:
    """A file shape's key: its folded headers, in order."""
    return hashlib.sha1("|".join(header_key(c) for c in columns).encode()).hexdigest()[:16]


def read_tables(file_name: str, data: bytes, limit: Limits, isolated: bool = True) -> list[RawTable]:
    """The raw tables of a file, by its type; unknown types refused. `isolated` reads it in the
    reading worker (geo.upload.worker: time and memory limited, no network, GDAL confined to
    the accepted formats), which calls this again with isolated=False."""
    suffix = PurePath(file_name.casefold()).suffix
    if suffix in TABLE_SUFFIXES and data[:4] == b"PK\x03\x04":
        raise UploadRefused(_("the file is a workbook or archive, not CSV text: upload it as .xlsx"))
    if isolated and suffix in ACCEPTED_SUFFIXES:
        return read_isolated(file_name, data, limit)
    if suffix in TABLE_SUFFIXES:
        return [read_csv(data, limit)]
    if suffix in WORKBOOK_SUFFIXES:
        return read_xlsx(data, limit)
    if suffix in GEODATA_SUFFIXES:
        return read_geojson(data, limit)
    if suffix in OGR_SUFFIXES:
        return read_ogr(file_name, data, limit)
    if suffix == ".xls":
        raise UploadRefused(_("old Excel files (.xls) are not read: save it as .xlsx"))
    if suffix == ".shp":
        raise UploadRefused(_("a Shapefile needs its .dbf, .shx and .prj: zip them together and "
                              "upload the .zip"))
    raise UploadRefused(_("unsupported file type: upload CSV, XLSX, GeoJSON, GeoPackage, a zipped "
                          "Shapefile or KML/KMZ"))


def _without_outside_formulas(table: Table) -> Table:
    """The table without the problems of unsaved formulas outside its data (a total row or a
    title skipped is not read, so its formula does not matter)."""
    data_lines = set(table.lines)
    table.problems = [p for p in table.problems if p.reason != UNSAVED_FORMULA or p.row in data_lines]
    return table


def _uniquely_labelled(tables: list[Table]) -> list[Table]:
    """The tables with a label each of its own ('layer 'finds' (2)' for a second layer of that
    name), so every sheet's or layer's choices are kept apart."""
    seen: set[str] = set()
    for table in tables:
        label, count = table.label, 2
        while label in seen:
            label, count = f"{table.label} ({count})", count + 1
        table.label = label
        seen.add(label)
    return tables


def _says_finds(table: Table, file_name: str) -> bool:
    """Whether the file's name, the layer's name or most of its placemarks' names say finds."""
    samples = table.samples()
    name_columns = [i for i, c in enumerate(table.columns) if header_key(c) in PLACEMARK_NAMES]
    names = [cell for i in name_columns for cell in samples[i]]
    return file_says_finds(file_name, [table.title, table.label], names)


INCIDENT_WORDS = re.compile(r"\b(?:incidents?|accidents?|casualt\w*|victims?|hadise\w*|partlayis\w*|"
                            r"qurban\w*|подрыв\w*|инцидент\w*|жертв\w*|пострадав\w*)\b")


def _with_finds(table: Table, kind: str, file_name: str, mapping: dict[int, str],
                defaults: dict[str, str], notes: list[str]) -> dict[str, str]:
    """The whole-file values for a layer of finds: each placemark a find when its words say
    finds and nothing says which rows are finds or incidents (said in a note)."""
    if (kind != KIND_EVENTS or table.geometries is None or "kind" in mapping.values()
            or "kind" in defaults or not _says_finds(table, file_name)
            or INCIDENT_WORDS.search(header_key(f"{file_name} {table.title}"))):
        return defaults
    note = _("The names in the file say these are finds: each placemark is read as a find (set "
             "'Find or incident' below to change it).")
    if note not in notes:  # one note for every layer it applies to
        notes.append(note)
    return {**defaults, "kind": "find"}


def _kind_of(table: Table, file_name: str = "") -> tuple[str, dict[str, int]]:
    names = table.mapping_names()
    scores = kind_scores(names, table.samples())
    mapped = set(auto_mapping(names, table.samples(), KIND_HAZARDS).values())
    stated_area = bool(mapped & {"stated_area_m2", "stated_area_ha"})  # areas recorded as points
    if table.geometries is not None:
        geometry_types = {g.geom_type for g in table.geometries if g is not None}
        hazard_like = scores[KIND_HAZARDS] >= 3 and scores[KIND_HAZARDS] > scores[KIND_PLACES]
        if geometry_types and geometry_types <= {"Polygon", "MultiPolygon"}:
            return (KIND_HAZARDS if hazard_like else KIND_PLACES), scores
        if (geometry_types and geometry_types <= AREA_OR_POINT and stated_area and hazard_like
                and scores[KIND_HAZARDS] > scores[KIND_EVENTS]):
            return KIND_HAZARDS, scores
        finds = scores[KIND_EVENTS] >= 2 or (geometry_types <= {"Point", "MultiPoint"}
                                             and _says_finds(table, file_name))
        return (KIND_EVENTS if finds else KIND_PLACES), scores
    located = "geometry" in mapped or (stated_area and {"lat", "lon"} <= mapped)
    tabular = {k: v for k, v in scores.items()  # hazard areas in a table need WKT or stated points
               if k != KIND_PLACES and (k != KIND_HAZARDS or located)}
    best = max(tabular, key=lambda k: tabular[k])
    if tabular[best] >= 2:
        return best, scores
    has_points = {"lat", "lon"} <= set(auto_mapping(names, table.samples(), KIND_PLACES).values())
    if has_points and scores[KIND_PLACES] >= 1:
        return KIND_PLACES, scores
    return "", scores


def _holds_values(table: Table, position: int) -> bool:
    """Whether any data row has something in this column."""
    return any(cell is not None and not (isinstance(cell, str) and not cell.strip())
               for cell in (row[position] for row in table.rows))


def _unread(table: Table, mapping: dict[int, str], chosen_here: dict[int, str], asked: set[int],
            problems: list[Problem], ignored: list[tuple[str, str, str]]) -> set[int]:
    """Every column the mapping leaves unread: asked about when it holds values (never dropped
    in silence), else listed, with why it is not read."""
    for position, column in enumerate(table.columns):
        if position in mapping or position in asked:
            continue
        if position in chosen_here:
            ignored.append((table.label, column, IGNORED_BY_CHOICE))
        elif not _holds_values(table, position):
            ignored.append((table.label, column, IGNORED_EMPTY))
        elif header_key(column) in TECHNICAL_COLUMNS or (
                table.geometries is not None and header_key(column) in FEATURE_ID_COLUMNS):
            ignored.append((table.label, column, IGNORED_TECHNICAL))
        else:
            asked.add(position)
            problems.append(Problem(None, column, "", N_(
                "this column holds values but is not read: choose what it holds under 'How the file "
                "was read', or ignore it"), sheet=table.label))
    return asked


def _mapping(table: Table, kind: str, overrides: dict[str, str], problems: list[Problem],
             ignored: list[tuple[str, str, str]]) -> tuple[dict[int, str], set[int]]:
    """Column position -> field, and the positions still to be answered by the editor."""
    mapping = auto_mapping(table.mapping_names(), table.samples(), kind)
    allowed = {f.name for f in fields_for(kind)} | (set(wide_fields()) if kind == KIND_FIGURES else set())
    chosen_here = {position: overrides.get(table_column(table.label, column), overrides.get(column))
                   for position, column in enumerate(table.columns)}
    chosen_here = {position: chosen for position, chosen in chosen_here.items()
                   if chosen is not None and chosen != UNANSWERED}
    for position, chosen in chosen_here.items():
        if chosen == IGNORE or chosen not in allowed:
            mapping.pop(position, None)
        else:
            for other, name in list(mapping.items()):
                if name == chosen and other != position and other not in chosen_here:
                    mapping.pop(other)
            mapping[position] = chosen
    asked: set[int] = set()
    for position, column in enumerate(table.columns):
        repeated = REPEATED_HEADER.match(column)
        first = repeated["base"] if repeated else None
        unread = position not in mapping and position not in chosen_here
        if unread and first in table.columns and table.columns.index(first) in mapping:
            asked.add(position)
            problems.append(Problem(None, column, "", N_(
                "a second column with the same header: choose what it holds under 'How the file "
                "was read', or ignore it"), sheet=table.label))
    asked = _unread(table, mapping, chosen_here, asked, problems, ignored)
    fields = list(mapping.values())
    for name in {f for f in fields if fields.count(f) > 1}:
        problems.append(Problem(None, field_label(name), "", N_("two columns are mapped to this field: "
                                "map one of them to another field or ignore it"), sheet=table.label))
    return mapping, asked


def _ignored_notes(ignored: list[tuple[str, str, str]]) -> list[str]:
    """One note per reason, naming every column not read."""
    texts = {IGNORED_BY_CHOICE: _("Columns not read, as you chose: {columns}."),
             IGNORED_EMPTY: _("Columns with no values, not read: {columns}."),
             IGNORED_TECHNICAL: _("Technical columns of the export (styles, drawing order, "
                                  "internal ids), not read: {columns}.")}
    notes = []
    for why, text in texts.items():
        columns = [f"{label}: {column}" if label else column for label, column, reason in ignored
                   if reason == why]
        if columns:
            notes.append(text.format(columns=", ".join(f"'{c}'" for c in columns)))
    return notes


def _decimal_mark(tables: list[tuple[Table, dict[int, str]]], chosen: str) -> DecimalMark:
    """The editor's choice, else what the file's unambiguous numbers show (a point by default)."""
    if chosen:
        return DecimalMark(chosen)
    votes = {DecimalMark.POINT: 0, DecimalMark.COMMA: 0}
    for table, mapping in tables:
        for position, name in mapping.items():
            if name in NUMERIC_FIELDS or name.startswith("figure:"):
                for row in table.rows:
                    words = row[position].split() if isinstance(row[position], str) else []
                    if words and (evidence := decimal_mark_evidence(words[-1])):
                        votes[evidence] += 1
    comma = votes[DecimalMark.COMMA] > votes[DecimalMark.POINT]
    return DecimalMark.COMMA if comma else DecimalMark.POINT


def _date_order(tables: list[tuple[Table, dict[int, str]]], chosen: str) -> tuple[DateOrder, list[str]]:
    votes = {DateOrder.DAY_FIRST: 0, DateOrder.MONTH_FIRST: 0}
    ambiguous: list[str] = []
    for table, mapping in tables:
        for position, name in mapping.items():
            if name in DATE_FIELDS:
                for row in table.rows:
                    if (evidence := date_order_evidence(row[position])) is not None:
                        votes[evidence] += 1
                    elif is_ambiguous_date(row[position]) and len(ambiguous) < 50:
                        ambiguous.append(clean_text(row[position]))
    if chosen:
        return DateOrder(chosen), ambiguous
    order = DateOrder.MONTH_FIRST if votes[DateOrder.MONTH_FIRST] > votes[DateOrder.DAY_FIRST] \
        else DateOrder.DAY_FIRST
    return order, ambiguous


def _suggested_defaults(tables: list[Table], mapping_fields: set[str], defaults: dict[str, str],
                        notes: list[str]) -> dict[str, str]:
    """The publisher named in a title or footnote line ('Source: ANAMA'), when nothing else gives it."""
    if {"originator", "source_id"} & (mapping_fields | set(defaults)):
        return defaults
    for table in tables:
        for line in table.title_lines:
            if match := SOURCE_LINE.match(line):
                who = match.group("who").strip()
                notes.append(f"Publisher taken from the line above the table: '{line[:80]}'.")
                return {**defaults, "originator": who}
    return defaults


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of small objects are made (it would
    otherwise scan the growing heap again and again); reference counting still frees memory."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def prepare_upload(file_name: str, data: bytes, stored: Tables, options: UploadOptions | None = None,
                   profiles: Mapping[str, tuple[str, UploadOptions]] | None = None,
                   progress: Progress | None = None) -> Prepared:
    """Parse and validate an upload against the stored data; raises UploadRefused for a file
    that cannot be read as a whole. Never writes anything."""
    with _no_cyclic_gc():
        return _prepare(file_name, data, stored, options, profiles, progress)


def _prepare(file_name: str, data: bytes, stored: Tables, options: UploadOptions | None,
             profiles: Mapping[str, tuple[str, UploadOptions]] | None,
             progress: Progress | None) -> Prepared:
    options = options or UploadOptions()
    report = progress or (lambda stage, fraction: None)
    limit = limits()
    if len(data) > limit.max_bytes:
        raise UploadRefused(_("the file is {size} MB; the limit is {limit} MB").format(
            size=f"{len(data) / 1e6:.1f}", limit=limit.max_megabytes))
    if not data.strip():
        raise UploadRefused(_("the file is empty"))
    sha256 = hashlib.sha256(data).hexdigest()
    report(N_("Reading the file"), 0.05)
    located = _uniquely_labelled([_without_outside_formulas(locate_table(raw))
                                  for raw in read_tables(file_name, data, limit)])
    with_rows = [t for t in located if t.rows]
    if not with_rows:
        raise UploadRefused(_("the file has a header but no rows of data") if any(t.columns for t in located)
                            else _("the file has no rows"))
    if sum(len(t.rows) for t in with_rows) > limit.max_rows:
        raise UploadRefused(_("the file has more than {rows} rows of data; split it").format(
            rows=f"{limit.max_rows:,}"))
    candidates = [t for t in with_rows
                  if t.geometries is not None or header_score(t.mapping_names()) >= 2] or with_rows
    summaries = [t for t in candidates if SUMMARY_SHEET.search(t.label)]
    if summaries and len(summaries) < len(candidates) and options.tables is None:
        candidates = [t for t in candidates if t not in summaries]
    prepared = Prepared(file_name, sha256, "", empty_tables(), candidates=[t.label for t in candidates])
    if summaries and summaries[0] not in candidates:
        prepared.notes.append(_("Skipped summary sheets (they restate the data sheets' figures): "
                                "{sheets}.").format(sheets=", ".join(f"'{t.label}'" for t in summaries)))
    for table in located:
        prepared.notes += table.notes
    signature = header_signature(candidates[0].columns)
    prepared.signature = signature
    if profiles and signature in profiles and not options.mapping and not options.kind:
        name, profile = profiles[signature]
        prepared.profile = name
        options = UploadOptions(kind=profile.kind, tables=options.tables, mapping=profile.mapping,
                                defaults=profile.defaults + options.defaults,
                                decimal_mark=options.decimal_mark, date_order=options.date_order,
                                drop_copies=options.drop_copies)
        prepared.notes.append(f"Applied the saved column mapping '{name}'.")
    chosen = [t for t in candidates if options.tables is None or t.label in options.tables] or candidates[:1]
    kind, scores = (options.kind, {}) if options.kind else _kind_of(chosen[0], file_name)
    if not options.kind and len(chosen) > 1 and options.tables is None:
        chosen = [t for t in chosen if _kind_of(t, file_name)[0] == kind]
    prepared.chosen, prepared.scores = [t.label for t in chosen], scores
    if len(chosen) > 1 or len(candidates) > 1:
        prepared.notes.append("Read " + ", ".join(t.label or "the table" for t in chosen) + ".")
    overrides = options.mapping_dict()
    problems: list[Problem] = []
    ignored: list[tuple[str, str, str]] = []
    read = [(t, *(_mapping(t, kind, overrides, problems, ignored) if kind else ({}, set())))
            for t in chosen]
    mapped = [(t, mapping) for t, mapping, _asked in read]
    prepared.ignored = ignored
    prepared.notes += _ignored_notes(ignored)
    prepared.columns = [
        ColumnInfo(t.label, name, UNANSWERED if position in asked else mapping.get(position, IGNORE),
                   tuple(dict.fromkeys(shown(r[position]) for r in t.rows[:30] if shown(r[position])))[:3])
        for t, mapping, asked in read for position, name in enumerate(t.columns)]
    prepared.data_rows = sum(len(t.rows) for t in chosen)
    if not kind:
        prepared.problems = [Problem(None, "kind", "", N_(
            "cannot tell what this file holds: choose below whether it holds figures, finds and "
            "incidents, places, hazard areas or land release, and which column is which"))]
        return prepared
    prepared.kind = kind
    defaults = _suggested_defaults(chosen, {f for _, m in mapped for f in m.values()},
                                   options.defaults_dict(), prepared.notes)
    mark = _decimal_mark(mapped, options.decimal_mark)
    order, prepared.ambiguous_dates = _date_order(mapped, options.date_order)
    prepared.decimal_mark, prepared.date_order = mark.value, order.value
    context = Context(AliasIndex(stored.places, stored.names), SourceRows(stored.sources), mark, order)
    report(N_("Checking every row"), 0.25)
    records: list[Located] = []
    name_rows: list[dict] = []
    for table, mapping in mapped:
        problems += table.problems
        skip = {p.row for p in table.problems if p.row is not None}
        if skip:  # rows already refused as a whole (cut off, too many cells, broken features)
            table.rows = [r for r, line in zip(table.rows, table.lines, strict=True) if line not in skip]
            if table.geometries is not None:
                table.geometries = [g for g, line in zip(table.geometries, table.lines, strict=True)
                                    if line not in skip]
            table.lines = [line for line in table.lines if line not in skip]
        cols = Columns(table, mapping, _with_finds(table, kind, file_name, mapping, defaults,
                                                   prepared.notes), problems)
        built, notes, names = BUILDERS[kind](cols, context, stored)
        prepared.notes += notes
        name_rows += names
        records += [Located(table.label, table.lines[index], record) for index, record in built]
        table.rows = []  # read: free the cells before the next table
    report(N_("Checking every row"), 0.6)
    prepared.ambiguities = context.ambiguities
    if UPLOADS[kind].sourced:  # rows with ids of their own, which may repeat
        records, prepared.copies = assign_ids(records, UPLOADS[kind].id_field, options.drop_copies,
                                              problems)
        if prepared.copies and options.drop_copies:
            prepared.notes.append(f"Dropped {len({(c.label, c.line) for c in prepared.copies})} "
                                  "row(s) that repeat an earlier row exactly.")
    prepared.lines = {TABLE_OF[kind]: [(r.label, r.line) for r in records]}
    prepared.tables = upload_tables(kind, [r.record for r in records], name_rows,
                                    context.sources.new_sources)
    del records
    problems += _misfit_problems(prepared)
    prepared.problems = list(dict.fromkeys(problems))
    if kind == KIND_HAZARDS:
        prepared.overlaps = overlaps(prepared.tables.hazards, stored.hazards)
    report(N_("Checking every row"), 1.0)
    return prepared


def _misfit_problems(prepared: Prepared) -> list[Problem]:
    """Values the store's columns could not hold, reported where they came from."""
    found: list[Problem] = []
    for misfit in misfits(prepared.tables):
        where = prepared.lines.get(misfit.table, [])
        label, line = where[misfit.position] if misfit.position < len(where) else ("", None)
        found.append(Problem(line, misfit.column, misfit.value, misfit.reason, sheet=label))
    return found
