"""A pasted ANAMA weekly bulletin and a Russian casualty statement taken through review to commit
in the browser; their quotes then show in the charts' hover text on the Overview."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from geo.auth import hash_password
from tests.browser.conftest import start_server, wait_until_idle

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
WEEKLY = (
    "ANAMA: 175 anti-personnel mines found last week\n"
    "BAKU, Azerbaijan, March 9. From March 2 through March 8, 175 anti-personnel mines, 28 anti-tank "
    "mines and 796 unexploded ordnance were found and neutralized in the liberated territories, Trend "
    "reports, citing the Mine Action Agency (ANAMA). Mine clearance operations covered 1,616 hectares."
)
RUSSIAN = (
    "В Тертерском районе при взрыве мины погибли два человека\n"
    "8 марта в Тертерском районе в результате взрыва противотанковой мины погибли 2 человека, ранены 3, "
    "сообщает Генеральная прокуратура."
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with one configured editor."""
    editors = f"editor={hash_password(PASSWORD, iterations=1000)}"
    process, url = start_server(tmp_path_factory.mktemp("statements") / "app.sqlite",
                                {"MINEDASH_EDITORS": editors})
    yield url
    process.terminate()
    process.wait(timeout=20)


def _review_and_commit(page: Page, text: str, revision: int) -> None:
    """Review a pasted statement (its originator's party is known: ANAMA and the Prosecutor
    General's Office speak for the Government of Azerbaijan) and wait until it is stored as the
    given revision (an earlier commit's message stays on the page, so only the number tells)."""
    page.get_by_label("Text of the statement (headline first, as published)").fill(text)
    page.keyboard.press("Control+Enter")
    page.get_by_text("The statement, with each proposed figure marked").wait_for(timeout=30_000)
    wait_until_idle(page)
    for part, value in (("year", "2026"), ("month", "03"), ("day", "09")):  # a date field of three parts
        page.get_by_role("spinbutton", name=f"{part}, Published on").click()
        page.keyboard.type(value)
    page.keyboard.press("Tab")
    wait_until_idle(page)
    page.get_by_text("Figures as they will be shown").wait_for(timeout=30_000)
    page.get_by_role("button", name="Commit these figures").click()
    page.get_by_text(f"Committed as revision {revision}.").wait_for(timeout=30_000)
    wait_until_idle(page)


def test_statements_are_reviewed_committed_and_quoted_on_the_charts(page: Page, server: str) -> None:
    page.goto(server + "/statements")
    page.get_by_label("Editor name").fill("editor")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as").wait_for(timeout=30_000)
    wait_until_idle(page)
    _review_and_commit(page, WEEKLY, 2)
    marked = page.locator("mark.mc-quote")
    assert marked.count() == 0  # the committed statement is cleared from the page
    _review_and_commit(page, RUSSIAN, 3)

    page.goto(server + "/?from=2026-01-01&length=week")  # the weekly figure is compared with weeks
    hover = page.locator("[data-testid='stVegaLiteChart'] svg [aria-label*='covered 1,616 hectares']")
    hover.first.wait_for(state="attached", timeout=120_000)
    assert "Words of the statement: covered 1,616 hectares" in (hover.first.get_attribute("aria-label") or "")
    page.goto(server + "/?from=2026-01-01&length=day")  # an incident's figures are for its day
    casualties = page.locator("[data-testid='stVegaLiteChart'] svg [aria-label*='погибли 2 человека']")
    casualties.first.wait_for(state="attached", timeout=120_000)
