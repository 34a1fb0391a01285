"""axe-core (from the npm registry, copied to static/vendor by `make assets`) on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import open_overview, wait_until_idle
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
AXE = ROOT / "static" / "vendor" / "axe-core" / "axe.min.js"
PAGES = {"overview": "", "sources": "/sources", "upload": "/upload", "history": "/history",
         "hazards": "/hazards", "brief": "/brief"}
HEADINGS = {"overview": "Mine action in Azerbaijan", "sources": "Sources and contradictions",
            "upload": "Upload updated figures", "history": "History",
            "hazards": "Hazard areas and land release", "brief": "Mine action in Azerbaijan"}


def _open(page: Page, server: str, name: str) -> None:
    """Load a page and wait until it, its charts and (on the Overview) its map are drawn."""
    if name == "overview":
        open_overview(page, server)
        page.get_by_test_id("stVegaLiteChart").nth(3).locator("svg").first.wait_for(
            state="attached", timeout=30_000)
    else:
        page.goto(server + PAGES[name])
    page.get_by_role("heading", name=HEADINGS[name]).first.wait_for(timeout=60_000)
    wait_until_idle(page)
    page.wait_for_timeout(1000)


def _violations(page: Page, rules: list[str] | None = None) -> list[dict]:
    """axe-core's violations on the page and every frame in it (the map is an iframe)."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make assets` (it copies axe-core from npm)")
    source = AXE.read_text(encoding="utf-8")
    for frame in page.frames:
        frame.evaluate(source)
    options = {"resultTypes": ["violations"], "iframes": True}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    result = page.evaluate("async (options) => await axe.run(document, options)", options)
    return [
        {"rule": v["id"], "impact": v["impact"], "help": v["help"],
         "where": [node["target"] for node in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_accessibility_violations(page: Page, server: str, name: str) -> None:
    _open(page, server, name)
    serious = [v for v in _violations(page) if v["impact"] in ("serious", "critical")]
    assert serious == [], serious


@pytest.mark.parametrize("name", list(PAGES))
def test_headings_follow_in_order(page: Page, server: str, name: str) -> None:
    _open(page, server, name)
    assert _violations(page, ["heading-order", "page-has-heading-one"]) == []


@pytest.mark.parametrize("name", ["hazards", "brief", "sources"])
def test_no_serious_or_critical_accessibility_violations_on_a_phone(browser: Browser, server: str,
                                                                    name: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        _open(page, server, name)
        serious = [v for v in _violations(page) if v["impact"] in ("serious", "critical")]
        assert serious == [], serious
    finally:
        context.close()
