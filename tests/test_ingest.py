"""Uploads: each file kind, real-world quirks, every validation error, and commits."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
import sqlalchemy as sa

from geo.changes import plan_changes
from geo.derive import claims_view
from geo.store import DuplicateUpload, RevisionStateError, Store, core
from geo.templates import templates
from geo.upload import KIND_EVENTS, KIND_FIGURES, KIND_PLACES, UploadRefused, limits, prepare_upload
from geo.upload.limits import Limits
from tests.conftest import SEED_CLAIMS

SOURCE = "originator;party;outlet;published"
ANAMA = "ANAMA;govt_azerbaijan;Trend;15.01.2026"

WIDE_SEMICOLON = (
    "\ufeffRayon;Period start;Period end;Hectares;AP mines;AT mines;UXO;Scope;" + SOURCE + "\n"
    f"Tərtər;01.01.2025;31.12.2025;1 999,5;12;3;more than 1,400;all operators;{ANAMA}\n"
    f"Laçın;01.01.2025;31.12.2025;2.454,2;;;;all operators;{ANAMA}\n"
    f"Şuşa rayonu;01.01.2025;31.12.2025;585,4;;;;all operators;{ANAMA}\n"
)


def _prepare(tables, name: str, text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return prepare_upload(name, data, tables)


def _messages(prepared) -> list[str]:
    return [p.message() for p in prepared.problems]


def test_wide_semicolon_csv_with_bom_decimal_comma_and_spellings(tables) -> None:
    prepared = _prepare(tables, "statement.csv", WIDE_SEMICOLON)
    assert prepared.ok, _messages(prepared)
    assert prepared.kind == KIND_FIGURES
    claims = prepared.tables.claims.set_index(["place_id", "metric"])
    assert claims.at[("district:tartar", "area_reported_cleared"), "value"] == 1999.5
    assert claims.at[("district:lachin", "area_reported_cleared"), "value"] == 2454.2
    assert claims.at[("district:shusha", "area_reported_cleared"), "value"] == 585.4
    uxo = claims.loc[("district:tartar", "uxo_found")]
    assert (uxo["value"], uxo["qualifier"]) == (1400, "more_than")
    assert set(prepared.tables.claims["period_type"]) == {"period"}
    assert list(prepared.tables.sources["originator"]) == ["ANAMA"]


def test_long_comma_csv_with_thousands_and_existing_source(tables) -> None:
    text = ("place,metric,value,unit,period_start,period_end,period_type,scope,source_id\n"
            'Terter,area_reported_cleared,"54,841",hectares,2020-11-10,2025-06-30,cumulative,'
            "all operators,SEED\n"
            'Zabux,ap_mines_found,"more than 1,400",count,2022-08-01,2022-10-25,period,unknown,SEED\n')
    prepared = _prepare(tables, "long.csv", text)
    assert prepared.ok, _messages(prepared)
    claims = prepared.tables.claims.set_index("place_id")
    assert claims.at["district:tartar", "value"] == 54841
    assert claims.at["settlement:zabukh", "qualifier"] == "more_than"
    assert prepared.tables.sources.empty


def test_xlsx_upload(tables) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["District", "From", "To", "ha", "Originator", "Party", "Outlet", "Published"])
    sheet.append(["Lacin", "2025-01-01", "2025-03-31", 321.5, "ANAMA", "govt_azerbaijan",
                  "AzerNews", "2025-04-02"])
    buffer = io.BytesIO()
    book.save(buffer)
    prepared = _prepare(tables, "q1.xlsx", buffer.getvalue())
    assert prepared.ok, _messages(prepared)
    row = prepared.tables.claims.iloc[0]
    assert (row["place_id"], row["value"], row["unit"]) == ("district:lachin", 321.5, "ha")


def test_events_by_name_and_by_coordinates(tables) -> None:
    text = ("kind,date,place,lat,lon,device category,quantity,killed,injured,source_id\n"
            "find,03.10.2022,Aghavno,,,booby trap,4,,,SEED\n"
            "incident,2023-05-01,,40.30,46.85,,,1,2,SEED\n")
    prepared = _prepare(tables, "events.csv", text)
    assert prepared.ok, _messages(prepared)
    assert prepared.kind == KIND_EVENTS
    events = prepared.tables.events
    assert events.iloc[0]["place_id"] == "settlement:zabukh"
    assert events.iloc[0]["device_category"] == "IED_booby_trap"
    assert (events.iloc[1]["lat"], events.iloc[1]["killed"]) == (40.30, 1)


def _feature(props: dict, geometry: dict) -> dict:
    return {"type": "Feature", "properties": props, "geometry": geometry}


def test_geojson_place_in_utm_is_reprojected_and_user_told(tables) -> None:
    collection = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32638"}},
        "features": [_feature({"name": "Mock village", "alt_names": "Mok; Мок",
                               "district": "Laçın", "level": "village"},
                              {"type": "Point", "coordinates": [630000.0, 4385000.0]})],
    }
    prepared = _prepare(tables, "villages.geojson", json.dumps(collection))
    assert prepared.ok, _messages(prepared)
    assert prepared.kind == KIND_PLACES
    assert any("EPSG:32638" in note for note in prepared.notes)
    place = prepared.tables.places.iloc[0]
    assert 46.4 < place.geometry.x < 46.6 and 39.5 < place.geometry.y < 39.7
    assert place["district_id"] == "district:lachin"
    assert {"Mok", "Мок"} <= set(prepared.tables.names["name"])


def test_geojson_corrected_polygon_changes_the_existing_district(tables) -> None:
    square = {"type": "Polygon", "coordinates": [[[46.3, 39.5], [46.7, 39.5], [46.7, 39.9],
                                                  [46.3, 39.9], [46.3, 39.5]]]}
    text = json.dumps({"type": "FeatureCollection",
                       "features": [_feature({"name": "Berdzor"}, square)]})
    prepared = _prepare(tables, "lachin.geojson", text)
    assert prepared.ok, _messages(prepared)
    changes = plan_changes(prepared.tables, tables)
    assert list(changes.changed["places"]["place_id"]) == ["district:lachin"]
    assert changes.added["places"].empty


@pytest.mark.parametrize(("text", "expected"), [
    ("place,metric,value,unit,period_end,source_id\nTartr,casualties,3,count,2023-01-01,SEED\n",
     'Row 2, place "Tartr": unknown place (did you mean Tartar'),
    ("place,metric,value,unit,period_end,source_id\nLachin,area_reported_cleared,-5,ha,2023-01-01,SEED\n",
     'Row 2, value "-5": negative value'),
    ("place,metric,value,unit,period_start,period_end,source_id\n"
     "Lachin,killed,3,count,2023-12-31,2023-01-01,SEED\n",
     'Row 2, period_end "2023-01-01": end date is before the start date'),
    ("place,metric,value,unit,period_end,source_id\nLachin,mines_eaten,3,count,2023-01-01,SEED\n",
     'Row 2, metric "mines_eaten": unknown metric'),
    ("place,metric,value,unit,period_end,source_id\nLachin,casualties,3,ha,2023-01-01,SEED\n",
     'Row 2, unit "ha": the unit ha does not fit the metric'),
    ("place,metric,value,unit,period_end,source_id\nLachin,casualties,3,count,31.02.2023,SEED\n",
     'Row 2, period_end "31.02.2023": \'31.02.2023\' is not a real date'),
    ("place,metric,value,unit,period_end,source_id,note\n"
     "Lachin,casualties,3,count,2023-01-01,SEED,<img src=x onerror=alert(1)>\n",
     "Row 2, note \"<img src=x onerror=alert(1)>\": contains HTML"),
    ("place,metric,value,unit,period_end,source_id,note\n"
     "Lachin,casualties,3,count,2023-01-01,SEED,=HYPERLINK(\"http://evil\")\n",
     "Row 2, note \"=HYPERLINK(\"http://evil\")\": starts like a spreadsheet formula"),
    ("place,metric,value,unit,period_end,source_id\nLachin,casualties,3,count,2023-01-01,NOPE\n",
     'Row 2, source_id "NOPE": unknown source'),
    ("place,metric,value,unit,period_end,originator,published\n"
     "Lachin,casualties,3,count,2023-01-01,Some Group,2023-01-02\n",
     'File, Publisher\'s party "Some Group": this publisher\'s party is not known'),
    ("kind,date,lat,lon,device,quantity,source_id\nfind,2023-01-01,51.5,-0.1,UXO,3,SEED\n",
     'Row 2, lat "51.5, -0.1": point outside the region of interest'),
    ("kind,date,place,device,quantity,source_id\nfind,2023-01-01,Sus,UXO,2.5,SEED\n",
     'Row 2, quantity "2.5": must be a whole number'),
])
def test_each_validation_error_names_row_and_field(tables, text: str, expected: str) -> None:
    messages = _messages(_prepare(tables, "bad.csv", text))
    assert any(m.startswith(expected) for m in messages), messages


def test_markup_in_geojson_names_is_reported(tables) -> None:
    point = {"type": "Point", "coordinates": [46.5, 39.6]}
    text = json.dumps({"type": "FeatureCollection", "features": [
        _feature({"name": "New hamlet", "district": "Lachin",
                  "alt_names": ["<script>alert(1)</script>"]}, point)]})
    prepared = _prepare(tables, "names.geojson", text)
    assert any(m.startswith('Row 1, alt_names "[\'<script>') and "contains HTML" in m
               for m in _messages(prepared))
    assert prepared.tables.places.empty


def test_invalid_geometry_is_reported(tables) -> None:
    bowtie = {"type": "Polygon", "coordinates": [[[46.3, 39.5], [46.7, 39.9], [46.7, 39.5],
                                                  [46.3, 39.9], [46.3, 39.5]]]}
    text = json.dumps({"type": "FeatureCollection",
                       "features": [_feature({"name": "Lachin"}, bowtie)]})
    messages = _messages(_prepare(tables, "bad.geojson", text))
    assert any(m.startswith("Row 1, geometry") and "invalid geometry" in m for m in messages)


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("huge.csv", b"place,value\n" + b"x" * (limits().max_bytes + 1), "limit"),
    ("binary.csv", b"\x00\x01\x02PK", "not a text file"),
    ("bomb.xlsx", b"PK\x03\x04not really a zip", "not a valid XLSX"),
    ("notes.pdf", b"%PDF-1.4", "unsupported file type"),
    ("empty.csv", b"   ", "empty"),
    ("deep.geojson", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("wide.csv", b"place,metric\n\"" + b"x" * 200_000 + b"\",y\n", "cannot be read"),
])
def test_bad_files_are_refused_whole(tables, name: str, data: bytes, reason: str) -> None:
    with pytest.raises(UploadRefused, match=reason):
        prepare_upload(name, data, tables)


def test_zip_bomb_workbook_is_refused(tables, monkeypatch) -> None:
    book = openpyxl.Workbook()
    book.active.append(["district", "hectares"])
    buffer = io.BytesIO()
    book.save(buffer)
    small = Limits(max_megabytes=60, max_rows=1000, max_unpacked_megabytes=0)
    monkeypatch.setattr("geo.upload.prepare.limits", lambda: small)
    with pytest.raises(UploadRefused, match="unpacks to"):
        prepare_upload("bomb.xlsx", buffer.getvalue(), tables)


def _commit(store: Store, name: str, text: str) -> int:
    current = store.snapshot()
    prepared = prepare_upload(name, text.encode(), current)
    assert prepared.ok, _messages(prepared)
    changes = plan_changes(prepared.tables, current)
    return store.commit(changes.to_store, author="tester", file_name=name,
                        sha256=prepared.sha256, kind=prepared.kind, note="test")


def test_commit_adds_a_revision_and_the_figures(store: Store) -> None:
    revision = _commit(store, "statement.csv", WIDE_SEMICOLON)
    assert revision == 2
    claims = claims_view(store.snapshot())
    tartar = claims[(claims["place_id"] == "district:tartar")
                    & (claims["metric"] == "area_reported_cleared")]
    assert 1999.5 in set(tartar["value"])
    row = store.revisions().set_index("revision_id").loc[2]
    assert (row["author"], row["file_name"], row["rows_claims"]) == ("tester", "statement.csv", 6)


def test_same_file_twice_is_detected(store: Store) -> None:
    _commit(store, "statement.csv", WIDE_SEMICOLON)
    prepared = prepare_upload("statement.csv", WIDE_SEMICOLON.encode(), store.snapshot())
    assert store.revision_with_sha(prepared.sha256) == 2
    assert plan_changes(prepared.tables, store.snapshot()).is_empty()
    with pytest.raises(DuplicateUpload, match="revision 2"):
        store.commit(prepared.tables, author="x", file_name="again.csv",
                     sha256=prepared.sha256, kind=prepared.kind)


def test_failed_commit_leaves_the_store_unchanged(store: Store, monkeypatch) -> None:
    before = store.snapshot()
    prepared = prepare_upload("statement.csv", WIDE_SEMICOLON.encode(), before)
    changes = plan_changes(prepared.tables, before)
    original = core._insert_rows
    calls = {"n": 0}

    def failing(conn, frame, table, revision_id):
        if table.name == "claims":  # after the revision and its sources are written
            calls["n"] += 1
            raise RuntimeError("power cut")
        return original(conn, frame, table, revision_id)

    monkeypatch.setattr(core, "_insert_rows", failing)
    with pytest.raises(RuntimeError, match="power cut"):
        store.commit(changes.to_store, author="x", file_name="s.csv", sha256=prepared.sha256,
                     kind=prepared.kind)
    monkeypatch.undo()
    assert calls["n"] == 1
    after = store.snapshot()
    assert len(store.revisions()) == 1
    assert len(after.claims) == len(before.claims) and len(after.sources) == len(before.sources)


def test_retract_and_undo(store: Store) -> None:
    _commit(store, "statement.csv", WIDE_SEMICOLON)
    with_upload = len(store.snapshot().claims)
    store.retract(2, by="tester", note="wrong file")
    assert len(store.snapshot().claims) == with_upload - 6
    assert not store.revisions().set_index("revision_id").at[2, "active"]
    with pytest.raises(RevisionStateError):
        store.retract(2, by="tester")
    store.restore(2, by="tester", note="it was right")
    assert len(store.snapshot().claims) == with_upload
    assert list(store.actions()["action"]) == ["retract", "restore"]
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from claims where revision_id=2")).scalar() == 6


def test_changed_figure_supersedes_but_earlier_revision_is_kept(store: Store) -> None:
    text = ("place,metric,value,unit,period_start,period_end,period_type,scope,source_id,claim_id\n"
            "Lachin,area_reported_cleared,1500,ha,2023-01-01,2023-12-31,period,all_operators,"
            "TREND3870489,C049\n")
    _commit(store, "correction.csv", text)
    current = store.snapshot().claims.set_index("claim_id")
    assert current.at["C049", "value"] == 1500 and current.at["C049", "revision_id"] == 2
    as_of_seed = store.snapshot(as_of=1).claims.set_index("claim_id")
    assert as_of_seed.at["C049", "value"] == 1454.2


def test_as_of_view_follows_retractions_made_later(store: Store) -> None:
    _commit(store, "statement.csv", WIDE_SEMICOLON)
    store.retract(2, by="tester")
    _commit(store, "events.csv", "kind,date,place,device,quantity,source_id\n"
                                 "find,2023-01-01,Sus,UXO,2,SEED\n")
    assert len(store.snapshot(as_of=1).claims) == SEED_CLAIMS
    assert len(store.snapshot(as_of=2).claims) == SEED_CLAIMS + 6  # before the retraction
    assert len(store.snapshot(as_of=3).claims) == SEED_CLAIMS  # after it
    assert len(store.snapshot(as_of=3).events) == 9


def test_editor_alias_is_kept_for_next_time(store: Store) -> None:
    text = "place,metric,value,unit,period_end,source_id\nMirbashir-2,killed,1,count,2023-01-01,SEED\n"
    assert not prepare_upload("a.csv", text.encode(), store.snapshot()).ok
    store.add_alias("Mirbashir-2", "district:tartar", "tester")
    prepared = prepare_upload("a.csv", text.encode(), store.snapshot())
    assert prepared.ok and prepared.tables.claims.iloc[0]["place_id"] == "district:tartar"


def test_preview_reports_contradictions_with_stored_figures(store: Store) -> None:
    text = ("place,metric,value,unit,period_start,period_end,period_type,scope,"
            "originator,party,outlet,published\n"
            "Lachin,area_reported_cleared,1600,ha,2023-01-01,2023-12-31,period,all operators,"
            "HALO Trust,international_ngo,report,2024-03-01\n")
    current = store.snapshot()
    changes = plan_changes(prepare_upload("halo.csv", text.encode(), current).tables, current)
    assert sorted(changes.contradictions["value"]) == [1454.2, 1600.0]


@pytest.mark.parametrize("label", list(templates()))
def test_every_template_is_a_valid_upload(tables, label: str) -> None:
    file_name, content, _ = templates()[label]
    prepared = prepare_upload(file_name, content, tables)
    assert prepared.ok, _messages(prepared)
    stored = prepared.tables
    assert sum(len(frame) for frame in (stored.claims, stored.events, stored.places, stored.hazards,
                                        stored.releases)) >= 1


def test_restating_stored_figures_under_new_ids_adds_nothing(tables) -> None:
    _, content, _ = templates()["Figures, one figure per row (CSV)"]  # restates C001 and C011
    prepared = prepare_upload("again.csv", content, tables)
    assert all(claim_id.startswith("U") for claim_id in prepared.tables.claims["claim_id"])
    changes = plan_changes(prepared.tables, tables)
    assert changes.added["claims"].empty and changes.unchanged["claims"] == 2
    assert changes.is_empty()
