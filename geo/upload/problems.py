"""Problems with an upload, pinned to the row and column where a person can fix them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.i18n import _
from geo.names import Suggestion


class UploadRefused(ValueError):
    """A file refused as a whole (too big, not a table, broken), with the reason in plain words."""


@dataclass(frozen=True)
class Problem:
    """One reason a file cannot be stored: where (sheet, row, column), what, and why."""

    row: int | None
    column: str
    value: str
    reason: str
    suggestions: tuple[Suggestion, ...] = ()
    sheet: str = ""

    def message(self) -> str:
        """'Row 3, place "Tartr": unknown place (did you mean Tartar?)'."""
        where = (_("Row {row}").format(row=self.row) if self.row is not None else _("File"))
        if self.sheet:
            where = f"{self.sheet}, {where[0].lower()}{where[1:]}"
        hint = ""
        if self.suggestions:
            hint = " " + _("(did you mean {names}?)").format(
                names=", ".join(s.name for s in self.suggestions[:3]))
        shown = f' "{self.value}"' if self.value else ""
        return f"{where}, {self.column}{shown}: {_(self.reason)}{hint}"


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    """The validation report as a table: where, column, value, reason, suggestions."""
    columns = [_("Sheet or layer"), _("Row"), _("Column"), _("Value"), _("Problem"), _("Suggestions")]
    return pd.DataFrame([dict(zip(columns, (
        p.sheet, _("whole file") if p.row is None else str(p.row), p.column, p.value, _(p.reason),
        ", ".join(s.name for s in p.suggestions)), strict=True)) for p in problems], columns=columns)
