"""History under AppTest: retract and restore say what they did; the log speaks in words; a
retraction names what it will remove, needs a reason and a second click, nothing is chosen for
the editor, and the seed is retracted only by typing its number."""

from __future__ import annotations

import hashlib

import pandas as pd
from streamlit.testing.v1 import AppTest

from geo.auth import hash_password
from geo.model.kinds import COUNTED
from geo.model.tables import empty_tables
from geo.revisions import refusal, rows_in_words, seed_refusal
from geo.store import Store
from tests.conftest import ROOT

PASSWORD = "correct horse battery"


def _store_with_upload(db) -> None:
    store = Store(f"sqlite:///{db}")
    store.seed_if_empty()
    upload = empty_tables()
    upload.claims = pd.DataFrame([{
        "claim_id": "H1", "source_id": "SEED", "metric": "killed", "value": 3.0, "unit": "count",
        "qualifier": "exact", "period_start": "2024-01-01", "period_end": "2024-12-31",
        "period_type": "period", "scope": "all", "place": "Lachin", "place_id": "district:lachin",
        "location_precision": "district", "status": "reported", "note": "",
    }])
    store.commit(upload, author="editor", file_name="lachin.csv", kind="figures",
                 sha256=hashlib.sha256(b"lachin").hexdigest())


def _editor_on_history() -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.secrets["editors"] = {"editor": hash_password(PASSWORD, iterations=1000)}
    app.session_state["editor"] = "editor"
    app.run()
    app.switch_page("pages/history.py").run()
    assert not app.exception
    return app


def _ask(app: AppTest, revision: int | None, reason: str, action: str = "retract") -> None:
    if revision is not None:
        app.selectbox(key="retract_choice").set_value(revision).run()
    app.text_input(key="retract_note").input(reason).run()
    app.button(key=action).click().run()
    assert not app.exception


def _logged(db) -> list[tuple[int, str, str]]:
    actions = Store(f"sqlite:///{db}").actions()
    return list(zip(actions["revision_id"], actions["action"], actions["note"], strict=True))


def test_retract_and_restore_say_what_they_did(app_db) -> None:
    _store_with_upload(app_db)
    app = _editor_on_history()
    assert list(app.dataframe[0].value["Kind"]) == ["Seed data", "Figures"]
    _ask(app, 2, "sent twice")
    app.button(key="history_confirm").click().run()
    assert [s.value for s in app.success] == [
        "Revision 2 \\(lachin\\.csv\\) is retracted\\: its 1 figure no longer counts on any page\\. "
        "Nothing was deleted; restore it to undo\\."]
    actions = app.dataframe[-1].value
    assert list(actions["Action"]) == ["retracted"]
    _ask(app, 2, "it was right after all", "restore")
    app.button(key="history_confirm").click().run()
    assert any("is restored" in s.value and "counts again" in s.value for s in app.success)
    assert list(app.dataframe[-1].value["Action"]) == ["retracted", "restored"]
    assert _logged(app_db) == [(2, "retract", "sent twice"), (2, "restore", "it was right after all")]


def test_nothing_is_chosen_for_the_editor_and_a_reason_is_needed(app_db) -> None:
    _store_with_upload(app_db)
    app = _editor_on_history()
    assert app.selectbox(key="retract_choice").value is None
    app.button(key="retract").click().run()
    assert [e.value for e in app.error] == ["Choose a revision first."]
    _ask(app, 2, "   ")
    assert [e.value for e in app.error] == [
        "Say why: the reason is kept in the log beside the change."]
    assert not _has(app, "history_confirm")
    assert _logged(app_db) == []


def _has(app: AppTest, key: str) -> bool:
    return any(getattr(b, "key", None) == key for b in app.button)


def test_a_retraction_names_what_it_removes_and_waits_for_a_second_click(app_db) -> None:
    _store_with_upload(app_db)
    app = _editor_on_history()
    _ask(app, 2, "wrong district")
    assert [w.value for w in app.warning] == [
        "Retracting revision 2 \\(lachin\\.csv\\) stops its 1 figure from counting on every page\\. "
        "Nothing is deleted, and it can be restored\\."]
    assert _has(app, "history_confirm") and _logged(app_db) == []
    app.button(key="history_cancel").click().run()
    assert not app.warning and not _has(app, "history_confirm")
    assert _logged(app_db) == []


def test_the_seed_is_retracted_only_by_typing_its_number(app_db) -> None:
    _store_with_upload(app_db)
    seed = Store(f"sqlite:///{app_db}").revisions().iloc[0]
    app = _editor_on_history()
    _ask(app, 1, "replaced by the 2027 figures")
    warning = app.warning[0].value
    assert warning.startswith("Retracting revision 1 \\(data/\\) stops its "
                              f"{seed['rows_claims']} figures, {seed['rows_events']} events, "
                              f"{seed['rows_places']} places and {seed['rows_sources']} sources")
    refused = ["Revision 1 is the seed data. Type its number, 1, to confirm retracting it."]
    app.button(key="history_confirm").click().run()
    assert [e.value for e in app.error] == refused
    app.text_input(key="retract_seed_number").input("2").run()
    app.button(key="history_confirm").click().run()
    assert [e.value for e in app.error] == refused
    assert _logged(app_db) == []
    app.text_input(key="retract_seed_number").input("1").run()
    app.button(key="history_confirm").click().run()
    assert not app.exception and not app.error
    assert _logged(app_db) == [(1, "retract", "replaced by the 2027 figures")]


def test_a_request_that_does_not_fit_the_revision_is_refused_in_words() -> None:
    revisions = pd.DataFrame([
        {"revision_id": 1, "kind": "seed", "file_name": "data/", "active": True,
         **{f"rows_{k}": 2 for k in COUNTED}},
        {"revision_id": 2, "kind": "figures", "file_name": "a.csv", "active": False,
         **{f"rows_{k}": 0 for k in COUNTED}, "rows_claims": 1},
    ])
    assert refusal(revisions, 2, "retract", "why") == "Revision 2 is already retracted."
    assert refusal(revisions, 1, "restore", "why") == (
        "Revision 1 counts already: there is nothing to restore.")
    assert refusal(revisions, 2, "restore", "back") is None
    assert seed_refusal(revisions, 1, "retract", " 1 ") is None
    assert seed_refusal(revisions, 2, "retract", "") is None
    assert rows_in_words(revisions, 1) == ("2 figures, 2 events, 2 places, 2 sources, 2 hazard areas "
                                           "and 2 land-release records")
