"""XLSX workbooks: every visible sheet, every row that holds data, cells kept as typed."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError as XMLParseError
from xml.sax.saxutils import unescape

from geo.i18n import N_, _
from geo.upload.archives import check_members
from geo.upload.limits import Limits
from geo.upload.problems import Problem, UploadRefused
from geo.upload.raw import Cell, RawTable, is_blank

MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
SHEET_PATH = re.compile(r"^xl/worksheets/sheet\d+\.xml$")
CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
CELL_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.DOTALL)
SAVED_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]")
UNSAVED_FORMULA = N_("formula without a saved value: open and save the file in Excel (or LibreOffice) "
                     "so that its result is stored")


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters.decode():
        number = number * 26 + ord(char) - 64
    return number


def check_archive(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """The workbook's zip archive, refused if broken or if it unpacks to far more than it is."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, OSError, EOFError) as error:
        raise UploadRefused(_("this is not a valid XLSX workbook (not a zip archive)")) from error
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > limits.max_unpacked_megabytes * 1024 * 1024 or (
            unpacked > 10 * 1024 * 1024 and unpacked > limits.max_unpack_ratio * len(data)):
        raise UploadRefused(_("the workbook unpacks to {size} MB; the limit is {limit} MB").format(
            size=f"{unpacked / 1e6:.0f}", limit=limits.max_unpacked_megabytes))
    check_members(archive, limits)  # damaged, encrypted or forged members, by their real bytes
    return archive


@dataclass(frozen=True)
class SheetMarks:
    """What a sheet's XML says that openpyxl's values do not: merged ranges, and formula cells
    whose result was never saved (a file written by a program, not by a spreadsheet)."""

    merged: list[tuple[int, int, int, int]]
    unsaved_formulas: list[tuple[int, str, str]]  # (row, cell reference, formula)


def _unsaved_formulas(content: bytes) -> list[tuple[int, str, str]]:
    """Formula cells with no saved value (an empty string saved as text counts as saved)."""
    if b"<f" not in content and b":f" not in content:
        return []
    found: list[tuple[int, str, str]] = []
    for attributes, inner in CELL.findall(content):
        formula = FORMULA.search(inner)
        if formula is None or SAVED_VALUE.search(inner) or b't="str"' in attributes:
            continue
        reference = CELL_REF.search(attributes)
        if reference is not None:
            text = unescape((formula[1] or b"").decode(errors="replace"))
            found.append((int(reference[2]), (reference[1] + reference[2]).decode(), text))
    return found


def _sheet_marks(archive: zipfile.ZipFile) -> dict[str, SheetMarks]:
    """Each sheet part's marks, read from the XML without loading the sheet."""
    found: dict[str, SheetMarks] = {}
    for name in archive.namelist():
        if SHEET_PATH.match(name):
            with archive.open(name) as part:
                content = part.read()
            merged = [(int(r1), _column_number(c1), int(r2), _column_number(c2))
                      for c1, r1, c2, r2 in MERGE_REF.findall(content)]
            found[name] = SheetMarks(merged, _unsaved_formulas(content))
    return found


def read_xlsx(data: bytes, limits: Limits) -> list[RawTable]:
    """Each visible worksheet that holds data, with merged ranges and a note per hidden sheet."""
    import openpyxl

    archive = check_archive(data, limits)
    marks = _sheet_marks(archive)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (KeyError, ValueError, TypeError, AttributeError, OSError, XMLParseError,
            zipfile.BadZipFile) as error:
        raise UploadRefused(_("the workbook cannot be read ({error}); save it again as .xlsx from a "
                              "spreadsheet program").format(error=type(error).__name__)) from error
    tables: list[RawTable] = []
    hidden: list[str] = []
    try:
        parts = _sheet_parts(archive)
        for sheet in book.worksheets:
            if sheet.sheet_state != "visible":
                hidden.append(sheet.title)
                continue
            table = _read_sheet(sheet, limits)
            sheet_marks = marks.get(parts.get(sheet.title, ""), SheetMarks([], []))
            table.merged = sheet_marks.merged
            table.problems += [Problem(row, _("cell {cell}").format(cell=cell), formula and f"={formula}",
                                       UNSAVED_FORMULA, sheet=table.label)
                               for row, cell, formula in sheet_marks.unsaved_formulas]
            if table.rows:
                tables.append(table)
    finally:
        book.close()
    if not tables:
        raise UploadRefused(_("the workbook has no visible sheet with data") if book.worksheets
                            else _("the workbook has no visible sheet with data (it holds only charts)"))
    if hidden:
        tables[0].notes.append(_("Hidden sheets were not read: {sheets}.").format(
            sheets=", ".join(f"'{h}'" for h in hidden)))
    return tables


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> its XML part, from the workbook's relationships."""
    from defusedxml import ElementTree

    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, XMLParseError):
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    parts: dict[str, str] = {}
    for element in workbook.iter():
        if element.tag.endswith("}sheet"):
            rel_id = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
            target = targets.get(rel_id, "").lstrip("/")
            parts[element.get("name", "")] = target if target.startswith("xl/") else f"xl/{target}"
    return parts


def _read_sheet(sheet, limits: Limits) -> RawTable:
    """Every row that holds data, whatever the stored dimension says; refused past the limit."""
    sheet.reset_dimensions()  # a stale <dimension> tag would otherwise cut the sheet short
    rows: list[list[Cell]] = []
    lines: list[int] = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [_cell(value) for value in row]
        if is_blank(cells):
            continue
        if len(cells) > limits.max_columns:
            while cells and cells[-1] is None:
                cells.pop()
            if len(cells) > limits.max_columns:
                raise UploadRefused(_("sheet '{sheet}' row {row} has {count} columns; the limit is "
                                      "{limit}").format(sheet=sheet.title, row=number, count=len(cells),
                                                        limit=limits.max_columns))
        if len(rows) > limits.max_rows:
            raise UploadRefused(_("sheet '{sheet}' has more than {limit} rows with data; split the "
                                  "file").format(sheet=sheet.title, limit=f"{limits.max_rows:,}"))
        rows.append(cells)
        lines.append(number)
    return RawTable(label=f"sheet '{sheet.title}'", rows=rows, lines=lines)


def _cell(value: object) -> Cell:
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) or value is None:
        return value
    if hasattr(value, "isoformat") and hasattr(value, "year"):
        return value  # date or datetime
    return str(value)  # times, durations and anything else: as text
