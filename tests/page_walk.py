"""Walking every page under AppTest as a viewer, then as an editor retracting the seed: the
checks shared by the store fault tests of both backends."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from geo.auth import hash_password
from tests.conftest import ROOT

PAGES_WITH_DATA: dict[str, Callable[[AppTest], bool]] = {  # page: a viewer sees the seed there
    "pages/overview.py": lambda app: any("218,262 ha" in m.value for m in app.markdown),
    "pages/sources.py": lambda app: len(app.dataframe[0].value) == 84,
    "pages/hazards.py": lambda app: len(app.metric) > 0,
    "pages/brief.py": lambda app: any("ANAMA" in m.value for m in app.markdown),
    "pages/upload.py": lambda app: any("as you received it" in m.value for m in app.markdown),
    "pages/history.py": lambda app: list(app.dataframe[0].value["Revision"]) == [1],
}


def open_app(monkeypatch: pytest.MonkeyPatch, *, path: str = "", url: str = "") -> AppTest:
    """The app's first run on a store given by file path (SQLite) or URL, editors configured."""
    monkeypatch.delenv("MINEDASH_DB_URL", raising=False)
    if url:
        monkeypatch.setenv("MINEDASH_DB_URL", url)
    else:
        monkeypatch.setenv("MINEDASH_DB_PATH", path)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.secrets["editors"] = {"editor": hash_password("correct horse battery", iterations=1000)}
    app.run()
    return app


def walk_every_page(app: AppTest) -> None:
    """Every page shows the stored data to a viewer: no error, no traceback."""
    for page, shows_data in PAGES_WITH_DATA.items():
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
        assert [e.value for e in app.error] == [], page
        assert shows_data(app), page


def editor_retracts_the_seed(app: AppTest) -> list[str]:
    """An editor signs in and retracts the seed on History; the errors the page shows."""
    app.session_state["editor"] = "editor"
    app.switch_page("pages/history.py").run()
    app.selectbox(key="retract_choice").set_value(1).run()
    app.text_input(key="retract_note").input("disk test").run()
    app.button(key="retract").click().run()
    app.text_input(key="retract_seed_number").input("1").run()
    app.button(key="history_confirm").click().run()
    assert not app.exception
    return [e.value for e in app.error]


def editor_signs_in(app: AppTest) -> list[str]:
    """An editor signs in on the Upload page; the errors the page shows."""
    app.switch_page("pages/upload.py").run()
    app.text_input(key="signin_user").input("editor")
    app.text_input(key="signin_password").input("correct horse battery")
    app.get("form_submit_button")[0].click().run()
    assert not app.exception, app.exception
    return [e.value for e in app.error]
