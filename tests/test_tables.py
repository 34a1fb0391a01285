"""Readable tables: labels instead of codes, what retract and restore did, pages of rows."""

from __future__ import annotations

import pandas as pd

from geo.derive import implied_period_values
from geo.tables import (
    PAGE_SIZE,
    actions_table,
    claims_table,
    deltas_table,
    page_count,
    page_of,
    revision_outcome,
)
from geo.vocab import DEVICE_LABELS, METRICS, PARTY_LABELS, SCOPE_LABELS, STATUS_LABELS

CODES = {*METRICS, *PARTY_LABELS, *SCOPE_LABELS, *STATUS_LABELS, *DEVICE_LABELS} - {"UXO"}


def test_sources_table_shows_no_internal_codes(claims) -> None:
    table = claims_table(claims).drop(columns=["Claim", "Address", "Note"])
    cells = {str(value) for value in table.to_numpy().ravel()}
    assert not cells & CODES, cells & CODES
    assert not any(cell.startswith(("cumulative,", "period,")) for cell in cells)


def test_implied_values_table_says_what_a_flag_means(claims) -> None:
    table = deltas_table(implied_period_values(claims), claims)
    assert set(table["Flag"]) <= {"", "total fell", "implausible jump"}
    fell = table[table["Claims"] == "C056 → C057"].iloc[0]
    assert fell["Flag"] == "total fell" and fell["Earlier total"] == "341 on 2023-12-06"


def _revisions() -> pd.DataFrame:
    return pd.DataFrame([{"revision_id": 2, "file_name": "statement.csv", "rows_claims": 1,
                          "rows_events": 0, "rows_places": 0, "rows_sources": 3, "rows_hazards": 2,
                          "rows_releases": 0}])


def test_retract_and_restore_say_what_they_did() -> None:
    retracted = revision_outcome(_revisions(), 2, "retract")
    assert retracted.startswith("Revision 2 (statement.csv) is retracted: its 1 figure, 3 sources "
                                "and 2 hazard areas no longer count")
    assert "restore it to undo" in retracted
    assert "count again" in revision_outcome(_revisions(), 2, "restore")


def test_actions_are_told_in_words() -> None:
    actions = pd.DataFrame([{"action_id": 1, "revision_id": 2, "action": "retract",
                             "at": pd.Timestamp("2026-01-02 10:00"), "by": "editor", "note": "typo"}])
    table = actions_table(actions)
    assert list(table.columns) == ["Revision", "Action", "When (UTC)", "Who", "Why"]
    assert table.iloc[0]["Action"] == "retracted"


def test_pages_of_rows() -> None:
    rows = pd.DataFrame({"n": range(PAGE_SIZE * 2 + 5)})
    assert page_count(len(rows)) == 3 and page_count(0) == 1
    assert list(page_of(rows, 3)["n"]) == list(range(PAGE_SIZE * 2, PAGE_SIZE * 2 + 5))
    assert list(page_of(rows, 99)["n"]) == list(page_of(rows, 3)["n"])
