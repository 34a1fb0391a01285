"""Upload and History pages under AppTest: editors only, bad files store nothing, commits show."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.auth import hash_password
from geo.store import Store
from tests.conftest import ROOT, SEED_CLAIMS
from tests.test_ingest import WIDE_SEMICOLON

PASSWORD = "correct horse battery"


def _app(secrets: bool = True) -> AppTest:
    """A first run of the app (AppTest 1.67 runs app.py only then; later runs run the page)."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if secrets:
        app.secrets["editors"] = {"editor": hash_password(PASSWORD, iterations=1000)}
    app.run()
    assert not app.exception
    return app


def _signed_in_upload_page() -> AppTest:
    app = _app()
    app.switch_page("pages/upload.py").run()
    app.text_input(key="signin_user").input("editor")
    app.text_input(key="signin_password").input(PASSWORD)
    app.get("form_submit_button")[0].click().run()
    assert not app.exception
    assert app.get("file_uploader"), "editor should see the upload control"
    return app


def _claims_in_store(db) -> int:
    return len(Store(f"sqlite:///{db}").snapshot().claims)


def test_viewer_sees_no_upload_control(app_db) -> None:
    app = _app()
    app.switch_page("pages/upload.py").run()
    assert not app.exception
    assert not app.get("file_uploader")
    app.switch_page("pages/history.py").run()
    assert not app.exception
    assert not [b for b in app.button if b.key in ("retract", "restore")]


def test_wrong_password_is_refused(app_db) -> None:
    app = _app()
    app.switch_page("pages/upload.py").run()
    app.text_input(key="signin_user").input("editor")
    app.text_input(key="signin_password").input("guess")
    app.get("form_submit_button")[0].click().run()
    assert not app.get("file_uploader")
    assert any("Wrong name or password" in e.value for e in app.error)


def test_no_editors_configured_means_no_upload(app_db) -> None:
    app = _app(secrets=False)
    app.switch_page("pages/upload.py").run()
    assert not app.get("file_uploader")
    assert any("No editors are configured" in i.value for i in app.info)


def test_tampered_session_name_is_not_an_editor(app_db) -> None:
    app = _app()
    app.session_state["editor"] = "mallory"
    app.switch_page("pages/upload.py").run()
    assert not app.get("file_uploader")


def test_bad_file_shows_its_errors_and_stores_nothing(app_db) -> None:
    app = _signed_in_upload_page()
    before = _claims_in_store(app_db)
    bad = ("place,metric,value,unit,period_end,source_id\n"
           "Tartr,casualties,3,count,2023-01-01,SEED\n"
           "Lachin,area_reported_cleared,-5,ha,2023-01-01,SEED\n")
    app.file_uploader(key="upload_file").set_value(("bad.csv", bad.encode(), "text/csv")).run()
    assert not app.exception
    assert any("2 problems. Nothing was stored" in e.value for e in app.error)
    report = app.dataframe[0].value
    assert list(report["Row"]) == ["2", "3"]
    assert list(report["Column"]) == ["place", "value"]
    assert "Tartar" in report["Suggestions"].iloc[0]
    assert not [b for b in app.button if b.key == "commit_upload"]
    assert _claims_in_store(app_db) == before


def test_good_file_previews_commits_and_appears_in_history(app_db) -> None:
    app = _signed_in_upload_page()
    upload = ("statement.csv", WIDE_SEMICOLON.encode("utf-8"), "text/csv")
    app.file_uploader(key="upload_file").set_value(upload).run()
    assert not app.exception
    preview = " ".join(m.value for m in app.markdown)
    assert "adds 6 figures" in preview and "adds 1 source;" in preview
    figures = next(d.value for d in app.dataframe if "Figure as published" in d.value.columns)
    assert set(figures["Figure as published"]) >= {"1,999.5 ha", "2,454.2 ha", "more than 1,400"}
    assert set(figures["Place"]) == {"Tartar", "Lachin", "Shusha"}
    assert _claims_in_store(app_db) == SEED_CLAIMS
    app.text_input(key="upload_note").input("ANAMA 2025 by district")
    app.button(key="commit_upload").click().run()
    assert not app.exception
    assert any("Committed as revision 2" in s.value for s in app.success)
    assert _claims_in_store(app_db) == SEED_CLAIMS + 6
    app.switch_page("pages/history.py").run()
    history = app.dataframe[0].value
    assert list(history["File"]) == ["data/", "statement.csv"]
    assert history.iloc[1]["Who"] == "editor" and history.iloc[1]["Note"] == "ANAMA 2025 by district"


def test_editor_maps_unknown_name_then_file_validates(app_db) -> None:
    app = _signed_in_upload_page()
    text = "place,metric,value,unit,period_end,source_id\nMirbashir-2,killed,1,count,2023-01-01,SEED\n"
    app.file_uploader(key="upload_file").set_value(("a.csv", text.encode(), "text/csv")).run()
    alias = next(s for s in app.selectbox if s.key and s.key.endswith("alias:1:0"))
    alias.set_value("district:tartar").run()
    next(b for b in app.button if b.key and b.key.endswith("alias_save:1:0")).click().run()
    assert not app.exception
    assert not app.error, [e.value for e in app.error]
    assert "adds 1 figure" in " ".join(m.value for m in app.markdown)


@pytest.mark.parametrize("action", ["retract", "restore"])
def test_editor_retracts_and_restores_from_history(app_db, action: str) -> None:
    app = _signed_in_upload_page()
    app.file_uploader(key="upload_file").set_value(
        ("statement.csv", WIDE_SEMICOLON.encode(), "text/csv")).run()
    app.button(key="commit_upload").click().run()
    app.switch_page("pages/history.py").run()
    app.selectbox(key="retract_choice").set_value(2).run()
    app.text_input(key="retract_note").input("test").run()
    app.button(key="retract").click().run()
    app.button(key="history_confirm").click().run()
    assert not app.exception
    assert _claims_in_store(app_db) == SEED_CLAIMS
    if action == "restore":
        app.selectbox(key="retract_choice").set_value(2).run()
        app.text_input(key="retract_note").input("test").run()
        app.button(key="restore").click().run()
        app.button(key="history_confirm").click().run()
        assert _claims_in_store(app_db) == SEED_CLAIMS + 6
    history = app.dataframe[0].value
    assert history.iloc[1]["Counts now"] == ("retracted" if action == "retract" else "yes")


def test_as_of_choice_changes_what_the_dashboard_shows(app_db) -> None:
    app = _signed_in_upload_page()
    correction = ("place,metric,value,unit,period_start,period_end,period_type,scope,source_id,"
                  "claim_id\nLachin,area_reported_cleared,1500,ha,2023-01-01,2023-12-31,period,"
                  "all_operators,TREND3870489,C049\n")
    app.file_uploader(key="upload_file").set_value(("c.csv", correction.encode(), "text/csv")).run()
    app.button(key="commit_upload").click().run()
    app.switch_page("pages/sources.py").run()
    figures = app.dataframe[0].value.set_index("Claim")
    assert figures.at["C049", "Figure as published"] == "1,500 ha"
    app.switch_page("pages/history.py").run()
    app.selectbox(key="as_of_choice").set_value(1).run()
    app.switch_page("pages/sources.py").run()
    figures = app.dataframe[0].value.set_index("Claim")
    assert figures.at["C049", "Figure as published"] == "1,454.2 ha"


def test_markdown_in_a_source_name_is_shown_literally(app_db) -> None:
    app = _signed_in_upload_page()
    text = ("place,metric,value,unit,period_start,period_end,period_type,scope,"
            "originator,party,outlet,published\n"
            "Azerbaijan,area_reported_cleared,999999,ha,2020-11-10,2025-12-31,cumulative,"
            "all operators,[click](http://evil.example),media,**Daily**,2026-01-01\n")
    app.file_uploader(key="upload_file").set_value(("md.csv", text.encode(), "text/csv")).run()
    app.button(key="commit_upload").click().run()
    overview = _app()  # AppTest runs app.py (sidebar, filters) only on a first run
    captions = " ".join(c.value for c in overview.caption)
    assert r"\[click\]\(http\://evil\.example\)" in captions
    assert "[click](http" not in captions
