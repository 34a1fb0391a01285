"""History under AppTest: retract and restore say what they did; the log speaks in words."""

from __future__ import annotations

import hashlib

import pandas as pd
from streamlit.testing.v1 import AppTest

from geo.auth import hash_password
from geo.seed import empty_tables
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


def test_retract_and_restore_say_what_they_did(app_db) -> None:
    _store_with_upload(app_db)
    app = _editor_on_history()
    assert list(app.dataframe[0].value["Kind"]) == ["Seed data", "Figures"]
    app.selectbox(key="retract_choice").set_value(2).run()
    app.button(key="retract").click().run()
    assert [s.value for s in app.success] == [
        "Revision 2 \\(lachin\\.csv\\) is retracted\\: its 1 figure no longer counts on any page\\. "
        "Nothing was deleted; restore it to undo\\."]
    actions = app.dataframe[-1].value
    assert list(actions["Action"]) == ["retracted"]
    app.selectbox(key="retract_choice").set_value(2).run()
    app.button(key="restore").click().run()
    assert any("is restored" in s.value and "counts again" in s.value for s in app.success)
    assert list(app.dataframe[-1].value["Action"]) == ["retracted", "restored"]
