"""Attributes Google Earth keeps only in a placemark's description: an HTML table of
name/value rows ('<tr><td>Device</td><td>PMN-2</td></tr>'), read as the placemark's fields.

The description is text from the file: it is read with the standard library's HTML tokenizer
(no network, no entities beyond character references, nothing executed), within limits on its
length, rows and cell text, and only the text of the cells is kept."""

from __future__ import annotations

import html
from html.parser import HTMLParser

MAX_DESCRIPTION = 100_000  # characters read of one description
MAX_ROWS = 200  # table rows read of one description
MAX_CELL = 1_000  # characters kept of one cell
MAX_KEYS = 50  # attribute names taken from a whole layer
SKIPPED_ELEMENTS = {"script", "style", "head", "title"}


class _Cells(HTMLParser):
    """Collects the text of each table row's cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # references below, so stray '<' can be told
        self.rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_ELEMENTS:
            self._skipping += 1
        elif tag == "tr":
            self._close_row()
            if len(self.rows) < MAX_ROWS:
                self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._close_cell()
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_ELEMENTS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in ("td", "th"):
            self._close_cell()
        elif tag in ("tr", "table"):
            self._close_row()

    def handle_data(self, data: str) -> None:
        self._add(data.replace("<", ""))  # a '<' the tokenizer passes on is broken markup, not text

    def handle_entityref(self, name: str) -> None:
        self._add(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._add(html.unescape(f"&#{name};"))

    def _add(self, text: str) -> None:
        if self._cell is not None and not self._skipping and sum(map(len, self._cell)) < MAX_CELL:
            self._cell.append(text)

    def _close_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split())[:MAX_CELL])
        self._cell = None

    def _close_row(self) -> None:
        self._close_cell()
        if self._row is not None:
            self.rows.append(self._row)
        self._row = None

    def close(self) -> None:
        super().close()
        self._close_row()


def description_attributes(description: object) -> dict[str, str]:
    """Name -> value from the two-cell rows of a description's HTML table ({} when it has none).
    A header row of one cell (the placemark's title) and rows of other widths are not fields."""
    if not isinstance(description, str) or "<" not in description:
        return {}
    parser = _Cells()
    parser.feed(description[:MAX_DESCRIPTION])
    parser.close()
    found: dict[str, str] = {}
    for row in parser.rows:
        if len(row) == 2 and row[0] and row[0] not in found:
            found[row[0]] = row[1]
    return found


def description_columns(descriptions: list[object], taken: set[str]) -> dict[str, list[str | None]]:
    """The fields a layer's descriptions hold, one list per name (None where a placemark lacks
    it); names the layer already has as columns are left to those columns."""
    read = [description_attributes(d) for d in descriptions]
    names: list[str] = []
    for attributes in read:
        for name in attributes:
            if name not in names and name.casefold() not in taken and len(names) < MAX_KEYS:
                names.append(name)
    return {name: [attributes.get(name) for attributes in read] for name in names}
