"""Finding the table in a sheet or CSV: the header row below titles and notes, two-row and
merged headers, and the totals and footnotes under the data, each skip told to the editor."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from string import ascii_uppercase

import shapely

from geo.i18n import _
from geo.parsing import clean_text
from geo.upload.fields import header_score
from geo.upload.problems import Problem
from geo.upload.raw import Cell, RawTable, is_blank

HEADER_SEARCH_ROWS = 30
TOTAL_WORDS = re.compile(
    r"^\s*(grand\s+total|sub-?total|totals?|sum|overall|all\s+districts|итого|всего|cəmi|cemi|"
    r"yekun|hamısı)\b", re.IGNORECASE)
NOTE_START = re.compile(
    r"^\s*(\*|†|note|notes|source|sources|qeyd|mənbə|menbe|примечание|источник|prepared by|"
    r"compiled by)\b", re.IGNORECASE)

HXL_TAG = re.compile(r"^#[a-z][a-z0-9_]*(?:\s*\+\s*[a-z][a-z0-9_]*)*$", re.IGNORECASE)
# HXL hashtags (hxlstandard.org) and the header that means the same here.
HXL_MEANINGS = {
    "#adm2+name": "district", "#adm2": "district", "#adm1+name": "region", "#adm3+name": "settlement",
    "#loc+name": "place", "#loc": "place", "#geo+lat": "latitude", "#geo+lon": "longitude",
    "#geo+wkt": "wkt", "#date": "date", "#date+start": "period start", "#date+end": "period end",
    "#date+reported": "publication date", "#date+published": "publication date",
    "#affected+killed": "killed", "#affected+injured": "injured", "#affected+dead": "killed",
    "#affected+wounded": "injured", "#affected+casualties": "casualties", "#inneed+casualties": "casualties",
    "#meta+source": "source", "#org+source": "source", "#org+impl": "operator", "#org+name": "operator",
    "#org": "operator", "#meta+url": "url", "#meta+notes": "note", "#description": "note",
    "#status": "status", "#event+id": "event id", "#event+type": "event type", "#item+type": "device type",
    "#item+code": "device model", "#indicator+value": "value", "#indicator+num": "value",
    "#indicator+name": "metric", "#indicator+unit": "unit", "#meta+id": "id",
}


def hxl_key(tag: str) -> str:
    """A hashtag with its attributes sorted: '#affected +killed' and '#AFFECTED+killed' alike."""
    base, *attributes = [part.strip().casefold() for part in str(tag).split("+")]
    return "+".join([base, *sorted(a for a in attributes if a)])


def hxl_hint(tag: str) -> str:
    """What a hashtag means here: the tag with all its attributes, else with one, else alone."""
    if not tag:
        return ""
    base, *attributes = hxl_key(tag).split("+")
    meanings = {hxl_key(k): v for k, v in HXL_MEANINGS.items()}
    for key in (hxl_key(tag), *(f"{base}+{a}" for a in attributes), base):
        if key in meanings:
            return meanings[key]
    return ""


def is_hxl_row(row: list[Cell]) -> bool:
    """Whether a row is an HXL hashtag row: every filled cell a hashtag, at least two (one in a
    one-column table), so that a lone '#tag' note is not taken for one."""
    filled = [clean_text(c) for c in row if clean_text(c)]
    return len(filled) >= min(2, len(row)) > 0 and all(HXL_TAG.match(c) for c in filled)


@dataclass
class Table:
    """The data of one sheet, CSV or layer: named columns and the rows under them."""

    label: str
    columns: list[str]
    rows: list[list[Cell]]
    lines: list[int]
    geometries: list[shapely.Geometry | None] | None = None
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    title_lines: list[str] = field(default_factory=list)
    hxl: list[str] = field(default_factory=list)  # the HXL hashtag of each column, if the file has them
    title: str = ""  # a layer's own name, as the file gives it

    def mapping_names(self) -> list[str]:
        """The names the columns are mapped by: each header, or where the header means nothing
        known, the meaning of its HXL hashtag ('#adm2+name' is a district)."""
        hints = [hxl_hint(tag) for tag in self.hxl] + [""] * (len(self.columns) - len(self.hxl))
        return [hint if hint and not header_score([column]) else column
                for column, hint in zip(self.columns, hints, strict=False)]

    def samples(self, limit: int = 200) -> list[list[Cell]]:
        """Up to `limit` values of each column, for recognising what it holds."""
        head = self.rows[:limit]
        return [[row[i] for row in head] for i in range(len(self.columns))]


def _letter(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = ascii_uppercase[rest] + letters
    return letters


def _unmerged(raw: RawTable) -> list[list[Cell]]:
    """Rows with each merged range's value copied into every cell it covers."""
    if not raw.merged:
        return raw.rows
    rows = [list(r) for r in raw.rows]
    position = {line: i for i, line in enumerate(raw.lines)}
    for first_row, first_col, last_row, last_col in raw.merged:
        origin = position.get(first_row)
        if origin is None or first_col - 1 >= len(rows[origin]):
            continue
        value = rows[origin][first_col - 1]
        for line in range(first_row, last_row + 1):
            index = position.get(line)
            if index is None:
                continue
            row = rows[index]
            row.extend([None] * (last_col - len(row)))
            for column in range(first_col - 1, last_col):
                if row[column] in (None, ""):
                    row[column] = value
    return rows


def _header_names(cells: list[Cell]) -> list[str]:
    names: list[str] = []
    for position, cell in enumerate(cells):
        name = clean_text(cell) or f"(column {_letter(position)})"
        base, count = name, 2
        while name in names:
            name, count = f"{base} ({count})", count + 1
        names.append(name)
    return names


def _combined(above: list[Cell], header: list[Cell]) -> list[Cell]:
    width = max(len(above), len(header))
    above = above + [None] * (width - len(above))
    header = header + [None] * (width - len(header))
    out: list[Cell] = []
    for top, cell in zip(above, header, strict=True):
        top_text, cell_text = clean_text(top), clean_text(cell)
        if top_text and cell_text and top_text != cell_text:
            out.append(f"{top_text} {cell_text}")
        else:
            out.append(cell_text or top_text or None)
    return out


def _choose_header(rows: list[list[Cell]]) -> tuple[int, list[Cell]]:
    """Index of the header row and its cells (merged with the row above when that scores more)."""
    best_index, best_score = 0, -1
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = header_score(row)
        if score > best_score:
            best_index, best_score = index, score
    header = rows[best_index]
    if best_index > 0:
        combined = _combined(rows[best_index - 1], header)
        if header_score(combined) > best_score:
            return best_index, combined
    return best_index, header


def _row_text(row: list[Cell]) -> str:
    return " | ".join(clean_text(c) for c in row if clean_text(c))


def _is_total(row: list[Cell]) -> bool:
    for cell in row[:3]:
        if isinstance(cell, str) and cell.strip():
            return bool(TOTAL_WORDS.match(cell))
    return False


def _is_note(row: list[Cell], width: int) -> bool:
    filled = [c for c in row if clean_text(c)]
    if not filled:
        return True
    first = clean_text(filled[0])
    if NOTE_START.match(first):
        return True
    return width > 2 and len(filled) == 1 and isinstance(filled[0], str) and len(first) > 25


def locate_table(raw: RawTable) -> Table:
    """The table in a raw sheet: header found, rows aligned to it, titles and totals skipped."""
    if raw.is_geodata:
        columns = _header_names(raw.rows[0]) if raw.rows else []
        return Table(raw.label, columns, [list(r) for r in raw.rows[1:]], raw.lines[1:],
                     raw.geometries, list(raw.notes), list(raw.problems))
    rows = _unmerged(raw)
    if not rows:
        return Table(raw.label, [], [], [], None, list(raw.notes), list(raw.problems))
    hxl_index = next((i for i, r in enumerate(rows[:HEADER_SEARCH_ROWS]) if is_hxl_row(r)), None)
    if hxl_index is not None:
        tags = [clean_text(c) for c in rows[hxl_index]]
        header_index = max(hxl_index - 1, 0)
        header = rows[header_index] if hxl_index else tags
        rows = rows[:hxl_index] + rows[hxl_index + 1:] if hxl_index else rows
        lines = [line for i, line in enumerate(raw.lines) if i != hxl_index] if hxl_index else raw.lines
    else:
        header_index, header = _choose_header(rows)
        lines, tags = raw.lines, []
    table = Table(raw.label, _header_names(header), [], [], None, list(raw.notes), list(raw.problems),
                  hxl=tags, title=raw.title)
    if tags:
        table.notes.append(_("Read the HXL hashtag row under the header as hints to what each column "
                             "holds: {tags}.").format(tags=", ".join(t for t in tags if t)[:300]))
    skipped_above = [_row_text(r) for r in rows[:header_index] if not is_blank(r)]
    table.title_lines = skipped_above
    if skipped_above:
        shown = "; ".join(f"'{t[:60]}'" for t in skipped_above[:3])
        where = _(" of {sheet}").format(sheet=raw.label) if raw.label else ""
        table.notes.append(_("Skipped {count} row(s) above the header{where} (titles or notes): "
                             "{rows}.").format(count=len(skipped_above), where=where, rows=shown))
    width = len(table.columns)
    body = list(zip(lines[header_index + 1:], rows[header_index + 1:], strict=True))
    trailing: list[str] = []
    while body and (_is_note(body[-1][1], width) or _is_total(body[-1][1])):
        line, row = body.pop()
        if not is_blank(row):
            trailing.insert(0, f"row {line} '{_row_text(row)[:60]}'")
    totals, kept = [], []
    for line, row in body:
        if _is_total(row):
            totals.append((line, row))
        elif not is_blank(row):
            kept.append((line, row))
    body = kept
    if trailing or totals:
        dropped = [f"row {line} '{_row_text(row)[:40]}'" for line, row in totals] + trailing
        table.notes.append(_("Skipped {count} total or footnote row(s): {rows}.").format(
            count=len(dropped), rows="; ".join(dropped[:5]) + ("…" if len(dropped) > 5 else "")))
    for line, row in body:
        extra = [c for c in row[width:] if clean_text(c)] if len(row) > width else []
        if extra:
            table.problems.append(Problem(
                line, "whole row", _row_text(row)[:80],
                _("the row has {cells} filled cells but the header has {columns} columns (an unquoted "
                  "comma inside a number or text?)").format(cells=width + len(extra), columns=width),
                sheet=raw.label))
        table.rows.append(row if len(row) == width else (row + [None] * width)[:width])
        table.lines.append(line)
    return table
