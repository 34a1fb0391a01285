"""Ids for uploaded rows: one record per row, copies found and shown, never merged silently."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from geo.i18n import _
from geo.upload.problems import Problem


@dataclass(frozen=True)
class Copy:
    """A row that repeats an earlier row of the same file exactly."""

    label: str
    line: int
    first_line: int


@dataclass(frozen=True)
class Located:
    """A record with where it came from in the file."""

    label: str
    line: int
    record: dict


def _content_hash(record: dict, id_field: str) -> str:
    """A stable digest of every field but the id (records of one kind share their key order)."""
    values = list(record.values())
    values[list(record).index(id_field)] = None
    return hashlib.blake2b(repr(values).encode(), digest_size=6).hexdigest().upper()


def assign_ids(rows: list[Located], id_field: str, drop_copies: bool,
               problems: list[Problem]) -> tuple[list[Located], list[Copy]]:
    """Give every record without an id a stable id of its content; report copies.

    Identical rows get ids with a running number (U…-2), so each stays its own record
    unless the editor chose to drop copies. An id given twice in the file is a problem.
    """
    seen_content: dict[str, tuple[int, Located]] = {}
    given: dict[str, Located] = {}
    kept: list[Located] = []
    copies: list[Copy] = []
    for row in rows:
        digest = _content_hash(row.record, id_field)
        count, first = seen_content.get(digest, (0, row))
        seen_content[digest] = (count + 1, first)
        if count:
            copies.append(Copy(row.label, row.line, first.line))
            if drop_copies:
                continue
        given_id = row.record.get(id_field)
        if given_id:
            if given_id in given and not count:
                problems.append(Problem(row.line, id_field, given_id, _(
                    "the same id is also given on row {row}").format(row=given[given_id].line),
                    sheet=row.label))
                continue
            given[given_id] = row
            record_id = given_id if not count else f"{given_id}-{count + 1}"
        else:
            record_id = f"U{digest}" + (f"-{count + 1}" if count else "")
        kept.append(Located(row.label, row.line, {**row.record, id_field: record_id}))
    return kept, copies
