"""Switching language in the middle of an interaction keeps every choice, on every page.

Choice widgets send the browser their options' labels; these tests change the language after
choices are made and check that each choice survives as its code, now shown in the new
language, and that no page fails.
"""

from __future__ import annotations

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from geo.auth import hash_password
from tests.conftest import ROOT

PASSWORD = "correct horse battery"
CHOSEN = {
    "f_districts": ["district:lachin", "district:shusha"],
    "f_metric": "ap_mines_found",
    "f_devices": ["AP_mine", "UXO"],
    "f_parties": ["govt_azerbaijan"],
}


@pytest.fixture
def whole_runs(app_db, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every AppTest run runs app.py (sidebar and navigation), as the server does.

    AppTest 1.67 puts Streamlit back into its old-style multipage mode before each run, in
    which later runs execute the page file alone; the app itself leaves that mode on its first
    run (ui/entry.py), so here it is left at once too.
    """
    start = PagesManager.__init__

    def navigation_mode(self: PagesManager, *args: object, **kwargs: object) -> None:
        start(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", navigation_mode)


def _app() -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.secrets["editors"] = {"editor": hash_password(PASSWORD, iterations=1000)}
    app.run()
    assert not app.exception, app.exception
    return app


def _choose_filters(app: AppTest) -> None:
    """Set every sidebar filter through its widget, as a user does."""
    app.multiselect(key="f_districts").set_value(CHOSEN["f_districts"]).run()
    app.selectbox(key="f_metric").set_value(CHOSEN["f_metric"]).run()
    app.multiselect(key="f_devices").set_value(CHOSEN["f_devices"]).run()
    app.multiselect(key="f_parties").set_value(CHOSEN["f_parties"]).run()
    assert not app.exception, app.exception


def _choices(app: AppTest) -> list:
    """Every radio, selectbox and multiselect on screen but the language box."""
    return [widget for kind in ("radio", "selectbox", "multiselect") for widget in app.get(kind)
            if widget.key != "lang"]


def _labels(widget) -> list[str]:
    """The labels a choice widget shows for its value."""
    value = widget.value
    values = value if isinstance(value, list) else [] if value is None else [value]
    return [str(widget.format_func(item)) for item in values]


def _sent(widget) -> list[str]:
    """The labels the run sent the browser to show in place of its own."""
    proto = widget.proto
    return list(proto.raw_values) if widget.type == "multiselect" else [proto.raw_value]


def _switch_language(app: AppTest, code: str) -> None:
    """Choose a language; every choice whose label changed must reach the browser again.

    The browser keeps showing (and sends back) the label it holds until a run tells it
    another: a choice left at its old-language label matches no option on the next run.
    """
    before = {widget.id: _labels(widget) for widget in _choices(app)}
    app.selectbox(key="lang").set_value(code).run()
    assert not app.exception, app.exception
    assert app.selectbox(key="lang").value == code
    for widget in _choices(app):
        if before.get(widget.id, _labels(widget)) != _labels(widget):
            assert widget.proto.set_value and _sent(widget) == _labels(widget), widget.key


def _filters_kept(app: AppTest) -> None:
    for key, value in CHOSEN.items():
        widget = app.selectbox(key=key) if key == "f_metric" else app.multiselect(key=key)
        assert widget.value == value, key


@pytest.mark.parametrize("first, other", [("ru", "en"), ("az", "en"), ("ru", "az")])
def test_overview_keeps_filters_and_headline_mode_across_a_language_switch(
        whole_runs, first: str, other: str) -> None:
    app = _app()
    _choose_filters(app)
    app.radio(key="headline_mode").set_value("same_source").run()
    english_metric = app.selectbox(key="f_metric").format_func("ap_mines_found")
    for code in (first, other, first):
        _switch_language(app, code)
        _filters_kept(app)
        assert app.radio(key="headline_mode").value == "same_source"
        # the choices are shown under their labels in the language in force
        shown = app.selectbox(key="f_metric").format_func("ap_mines_found")
        assert (shown == english_metric) == (code == "en")
    # the steps: after the switch, type a district's Russian spelling and press Enter
    app.multiselect(key="f_districts").set_value(["Лачин"]).run()
    assert not app.exception, app.exception
    assert app.radio(key="headline_mode").value == "same_source"


@pytest.mark.parametrize("page", ["pages/sources.py", "pages/hazards.py", "pages/brief.py",
                                  "pages/history.py", "pages/upload.py"])
def test_every_page_keeps_its_choices_across_a_language_switch(whole_runs, page: str) -> None:
    app = _app()
    _choose_filters(app)
    app.switch_page(page).run()
    assert not app.exception, app.exception
    if page == "pages/sources.py":
        app.text_input(key="sources_search").input("Lachin").run()
    if page == "pages/history.py":
        app.selectbox(key="as_of_choice").set_value(1).run()
    for code in ("ru", "en", "az", "en"):
        _switch_language(app, code)
        _filters_kept(app)
        if page == "pages/sources.py":
            assert app.text_input(key="sources_search").value == "Lachin"
        if page == "pages/history.py":
            assert app.selectbox(key="as_of_choice").value == 1


def test_the_upload_choices_survive_a_language_switch(whole_runs) -> None:
    from tests.test_ingest import WIDE_SEMICOLON

    app = _app()
    app.switch_page("pages/upload.py").run()
    app.text_input(key="signin_user").input("editor")
    app.text_input(key="signin_password").input(PASSWORD)
    app.get("form_submit_button")[0].click().run()
    upload = ("statement.csv", WIDE_SEMICOLON.encode("utf-8"), "text/csv")
    app.file_uploader(key="upload_file").set_value(upload).run()
    assert not app.exception, app.exception
    choices = {box.key: box.value for box in app.selectbox if box.key != "lang"}
    assert choices, "the upload should offer choices"
    for code in ("ru", "en"):
        _switch_language(app, code)
        assert {box.key: box.value for box in app.selectbox if box.key != "lang"} == choices
