"""What the editor decided for one upload: kind, sheets, column mapping, whole-file values."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UploadOptions:
    """Choices that change how a file is read; hashable, so a parse can be cached by them.

    Empty values mean "decide from the file": the kind from its columns, every sheet or layer
    that holds a table, decimal mark and date order from the file's own unambiguous values.
    """

    kind: str = ""
    tables: tuple[str, ...] | None = None
    mapping: tuple[tuple[str, str], ...] = ()
    defaults: tuple[tuple[str, str], ...] = ()
    decimal_mark: str = ""
    date_order: str = ""
    drop_copies: bool = False

    def mapping_dict(self) -> dict[str, str]:
        """Column header -> field ('' to ignore the column)."""
        return dict(self.mapping)

    def defaults_dict(self) -> dict[str, str]:
        """Field -> value typed once for the whole file."""
        return {k: v for k, v in self.defaults if v.strip()}
