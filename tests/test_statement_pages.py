"""The Statements page under AppTest: a pasted weekly bulletin and a Russian casualty statement
taken through review to commit, with the quote stored as evidence and restatements found."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from geo.store import Store
from tests.conftest import ROOT, SEED_CLAIMS
from tests.test_upload_pages import PASSWORD, _app

WEEKLY = (
    "ANAMA: 175 anti-personnel mines found last week\n"
    "BAKU, Azerbaijan, March 9. From March 2 through March 8, 175 anti-personnel mines, 28 anti-tank "
    "mines and 796 unexploded ordnance were found and neutralized in the liberated territories, Trend "
    "reports, citing the Mine Action Agency (ANAMA). Mine clearance operations covered 1,616 hectares."
)
RUSSIAN_CASUALTIES = (
    "В Тертерском районе при взрыве мины погибли два человека\n"
    "8 марта в Тертерском районе в результате взрыва противотанковой мины погибли 2 человека, ранены 3, "
    "сообщает Генеральная прокуратура."
)


def _signed_in_statements_page() -> AppTest:
    app = _app()
    app.switch_page("pages/statements.py").run()
    app.text_input(key="signin_user").input("editor")
    app.text_input(key="signin_password").input(PASSWORD)
    app.get("form_submit_button")[0].click().run()
    assert not app.exception
    return app


def _paste(app: AppTest, text: str, published: str) -> None:
    app.text_area(key="st_text").input(text).run()
    app.date_input(key="st_published").set_value(published).run()
    assert not app.exception, app.exception


def _stored(db) -> Store:
    return Store(f"sqlite:///{db}")


def test_a_viewer_cannot_review_statements(app_db) -> None:
    app = _app()
    app.switch_page("pages/statements.py").run()
    assert not app.exception
    assert not app.get("text_area") and app.text_input(key="signin_user")


def test_a_pasted_weekly_bulletin_is_reviewed_and_committed_with_its_quotes(app_db) -> None:
    app = _signed_in_statements_page()
    _paste(app, WEEKLY, "2026-03-09")
    marked = next(h.proto.body for h in app.get("html") if "mc-statement" in h.proto.body)
    assert "<mark" in marked and "175 anti-personnel mines" in marked
    assert app.selectbox(key="st_party").value == "govt_azerbaijan"  # ANAMA's party, as the store knows it
    shown = next(d.value for d in app.dataframe if "Figure as published" in d.value.columns)
    assert set(shown["Figure as published"]) == {"175", "28", "796", "1,616 ha"}
    app.button(key="st_commit").click().run()
    assert not app.exception
    assert any("Committed as revision 2" in s.value for s in app.success)
    stored = _stored(app_db).snapshot()
    assert len(stored.claims) == SEED_CLAIMS + 4
    new = stored.claims[stored.claims["revision_id"] == 2].set_index("metric")
    assert new.loc["ap_mines_found", "quote"] == "175 anti-personnel mines"
    assert (new["period_start"] == "2026-03-02").all() and (new["period_end"] == "2026-03-08").all()
    source = stored.sources.set_index("source_id").loc[new["source_id"].iloc[0]]
    assert source["originator"] == "ANAMA" and source["outlet"] == "Trend"
    assert source["statement_text"].startswith("ANAMA: 175") and source["language"] == "en"
    assert _stored(app_db).revisions().iloc[-1]["kind"] == "statement"


def test_a_russian_casualty_statement_is_placed_dated_and_committed(app_db) -> None:
    app = _signed_in_statements_page()
    _paste(app, RUSSIAN_CASUALTIES, "2026-03-09")
    app.selectbox(key="st_party").set_value("govt_azerbaijan").run()
    shown = next(d.value for d in app.dataframe if "Figure as published" in d.value.columns)
    assert set(shown["Place"]) == {"Tartar"}
    app.button(key="st_commit").click().run()
    assert not app.exception
    claims = _stored(app_db).snapshot().claims
    new = claims[claims["revision_id"] == 2].set_index("metric")
    assert new.loc["killed", "value"] == 2 and new.loc["injured", "value"] == 3
    assert new.loc["killed", "period_end"] == "2026-03-08"
    assert new.loc["killed", "place_id"] == "district:tartar"
    assert new.loc["killed", "quote"] == "погибли 2 человека"


def test_a_statement_already_stored_is_shown_as_a_restatement_not_added(app_db) -> None:
    restated = ("ANAMA weekly report\nFrom February 16 through February 22, 175 anti-personnel mines, 28 "
                "anti-tank mines and 796 unexploded ordnance were found and neutralized in the liberated "
                "territories. Mine clearance operations covered 1,616 hectares, ANAMA said.")
    app = _signed_in_statements_page()
    _paste(app, restated, "2026-02-23")
    app.selectbox(key="st_party").set_value("govt_azerbaijan").run()
    assert not app.exception
    texts = " ".join(i.value for i in app.info)
    assert "already stored" in texts
    stored_as = next(d.value for d in app.dataframe if "already stored as" in d.value.columns)
    assert set(stored_as["already stored as"]) == {"C081", "C082", "C083", "C084"}


def test_script_in_a_pasted_statement_is_shown_as_text(app_db) -> None:
    app = _signed_in_statements_page()
    _paste(app, "<script>alert(1)</script> Last week 28 anti-tank mines were found.", "2026-03-09")
    marked = next(h.proto.body for h in app.get("html") if "mc-statement" in h.proto.body)
    assert "<script>" not in marked and "&lt;script&gt;alert(1)" in marked


def test_the_page_is_in_the_navigation(app_db) -> None:
    assert "pages/statements.py" in (ROOT / "app.py").read_text()


def test_the_quote_of_a_committed_statement_is_in_the_sources_table(app_db) -> None:
    app = _signed_in_statements_page()
    _paste(app, RUSSIAN_CASUALTIES, "2026-03-09")
    app.selectbox(key="st_party").set_value("govt_azerbaijan").run()
    app.button(key="st_commit").click().run()
    assert not app.exception
    reader = _app()  # a reader's new session (AppTest reruns only the page, not the sidebar's filters)
    reader.switch_page("pages/sources.py").run()
    assert not reader.exception
    table = reader.dataframe[0].value
    rows = table[table["Words of the statement"] != ""]
    assert set(rows["Words of the statement"]) == {"погибли 2 человека", "ранены 3"}
    assert set(rows["Source"]) == {"Prosecutor General's Office"}
