"""Reading mapped fields column by column: each distinct value parsed once, one problem per
bad cell, one problem per field missing from the whole file."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from geo.i18n import N_, _
from geo.names import Suggestion
from geo.parsing import ParseError, clean_text, unsafe_text_reason
from geo.upload.fields import field_label
from geo.upload.problems import Problem
from geo.upload.raw import Cell
from geo.upload.table import Table

UNHASHABLE = object()  # lists and dicts from geodata properties: parsed each time
MISSING_FROM_FILE = N_("not in the file: map a column to it, or set it once for the whole upload "
                        "below")


def shown(value: object) -> str:
    """A cell's value as a short text for messages."""
    if isinstance(value, list | dict):
        return str(value)[:80]
    return clean_text(value)[:80]


class Columns:
    """Typed access to the fields one table maps, recording problems as it reads.

    `defaults` are values the editor typed once for the whole file: they fill a field's empty
    cells (or the whole field when no column holds it). A bad default is one problem, not one
    per row.
    """

    def __init__(self, table: Table, mapping: dict[int, str], defaults: dict[str, str],
                 problems: list[Problem]) -> None:
        self.table = table
        self.positions = {field: position for position, field in mapping.items()}
        self.defaults = defaults
        self.problems = problems
        self.bad_rows: set[int] = set()
        self._reported_missing: set[str] = set()
        self._default_cache: dict[tuple[str, int], Any] = {}

    def __len__(self) -> int:
        return len(self.table.rows)

    def has(self, field: str) -> bool:
        """Whether a column or a whole-file value gives this field."""
        return field in self.positions or field in self.defaults

    def column_name(self, field: str) -> str:
        """The file's header for the field, or the field's label when set for the whole file."""
        if field in self.positions:
            return self.table.columns[self.positions[field]]
        return field_label(field)

    def raw(self, field: str, fill: bool = True) -> list[Cell]:
        """The field's cells (None where empty), empty cells filled from the whole-file value
        (unless `fill` is False: the file's own cells only)."""
        position = self.positions.get(field)
        default = self.defaults.get(field) if fill else None
        if position is None:
            return [default] * len(self)
        cells = [row[position] for row in self.table.rows]
        if default is None:
            return cells
        return [default if cell is None or (isinstance(cell, str) and not cell.strip()) else cell
                for cell in cells]

    def line(self, index: int) -> int:
        """The file line or row number of a table row."""
        return self.table.lines[index]

    def problem(self, index: int | None, field: str, value: object, reason: str,
                suggestions: tuple[Suggestion, ...] = ()) -> None:
        """Record a problem with one cell (index None: with the whole file)."""
        row = None if index is None else self.line(index)
        self.problems.append(Problem(row, self.column_name(field), shown(value), reason,
                                     suggestions, self.table.label))
        if index is not None:
            self.bad_rows.add(index)

    def missing_from_file(self, field: str, reason: str = MISSING_FROM_FILE) -> None:
        """One problem for a required field that no column and no whole-file value gives."""
        if field not in self._reported_missing:
            self._reported_missing.add(field)
            self.problems.append(Problem(None, field_label(field), "", reason, (), self.table.label))

    def parse(self, field: str, parser: Callable[[Cell], Any], required: bool = False,
              fill: bool = True) -> list[Any]:
        """Parsed values (None where empty or bad); each distinct value is parsed once. With
        `fill` False the whole-file value is left out (the caller weighs it itself)."""
        if not fill and field not in self.positions:
            return [None] * len(self)
        if not self.has(field):
            if required:
                self.missing_from_file(field)
            return [None] * len(self)
        memo: dict[object, tuple[bool, Any]] = {None: (True, None), "": (True, None)}
        default = self.defaults.get(field) if fill and self._default_problem(field, parser) else None
        out: list[Any] = []
        append = out.append
        for index, cell in enumerate(self.raw(field, fill)):
            key = cell if (cell is None or type(cell) is str) else (
                UNHASHABLE if isinstance(cell, list | dict) else (type(cell).__name__, cell))
            result = memo.get(key) if key is not UNHASHABLE else None
            if result is None:
                blank = isinstance(cell, str) and not cell.strip()
                result = (True, None) if blank else _try(parser, cell)
                if key is not UNHASHABLE:
                    memo[key] = result
            ok, value = result
            if value is None and ok and required:
                self.problem(index, field, "", N_("missing value"))
            if not ok:
                if default is not None and cell == default:
                    self.bad_rows.add(index)
                else:
                    self.problem(index, field, cell, value)
                value = None
            append(value)
        return out

    def _default_problem(self, field: str, parser: Callable[[Cell], Any]) -> bool:
        default = self.defaults.get(field)
        if default is None:
            return False
        ok, reason = _try(parser, default)
        if not ok:
            where = _("{field} (for the whole file)").format(field=field_label(field))
            self.problems.append(Problem(None, where, shown(default), reason, (), self.table.label))
        return not ok

    def text(self, field: str, required: bool = False) -> list[str]:
        """Text values ('' where empty), refusing markup, formulas and lists."""
        return [value or "" for value in self.parse(field, plain_text, required)]


def _try(parser: Callable[[Cell], Any], cell: Cell) -> tuple[bool, Any]:
    try:
        return True, parser(cell)
    except ParseError as error:
        reason = unsafe_text_reason(cell) if isinstance(cell, str) else None
        return False, reason or str(error)
    except (ValueError, TypeError, OverflowError) as error:
        return False, f"cannot be read ({error})"


def plain_text(cell: Cell) -> str:
    """A text cell as text; markup, formulas, control characters and lists are refused."""
    if isinstance(cell, list | dict):
        raise ParseError("must be a single text, not a list")
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = clean_text(cell)
    reason = unsafe_text_reason(text)
    if reason:
        raise ParseError(reason)
    return text
