"""Each kind of stored row is declared once (geo/model/kinds.py) and every list of kinds
agrees with it: the snapshot's tables, the store's versioned tables, the upload kinds and the
revisions' counts."""

from __future__ import annotations

import dataclasses

from geo.model.kinds import COUNTED, KINDS, UPLOADS, counted
from geo.model.tables import Tables, empty_tables
from geo.store.schema import VERSIONED, revisions_table
from geo.upload.fields import ALL_KINDS, KIND_LABELS
from geo.upload.tables import TABLE_OF


def test_every_table_of_a_snapshot_is_a_declared_kind_and_the_store_versions_each() -> None:
    assert [f.name for f in dataclasses.fields(Tables)] == [
        "sources", "claims", "events", "placements", "places", "names", "hazards", "releases",
        "breakdowns"]
    assert set(KINDS) == {f.name for f in dataclasses.fields(Tables)} == set(VERSIONED)
    for name, (_table, keys) in VERSIONED.items():
        assert keys == list(KINDS[name].keys)
        assert set(keys) <= set(getattr(empty_tables(), name).columns), name


def test_upload_kinds_revision_counts_and_wording_come_from_the_registry() -> None:
    assert ALL_KINDS == tuple(UPLOADS) == ("figures", "events", "places", "hazards", "releases")
    assert TABLE_OF["figures"] == "claims" and set(KIND_LABELS) == set(ALL_KINDS)
    columns = {c.name for c in revisions_table.columns}
    assert {f"rows_{name}" for name in COUNTED} <= columns
    assert counted(1, "claims") == "1 figure" and counted(2, "hazards") == "2 hazard areas"
    assert counted(1200, "releases") == "1,200 land-release records"
