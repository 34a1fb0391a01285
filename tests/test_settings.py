"""Settings are declared once (geo/settings.py), read only there, documented truly in the
README, and a misspelt or unusable one is said so rather than ignored."""

from __future__ import annotations

import logging
import re

import pytest

from geo.auth import AuthSettings
from geo.settings import SETTINGS, SettingError, setting, unknown_settings
from tests.conftest import ROOT

# The reading worker builds its child's environment from this one (GDAL's settings, the
# import path); it reads no setting of the app.
CHILD_ENVIRONMENT = {"geo/upload/worker.py"}


def readme_table() -> dict[str, str]:
    """Variable -> default cell of the README's configuration table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text[text.index("| variable | default | meaning |"):]
    rows: dict[str, str] = {}
    for line in table.splitlines()[2:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        for name in re.findall(r"`(MINEDASH_[A-Z_]+)`", cells[0]):
            rows[name] = cells[1]
    return rows


def test_the_readme_lists_every_setting_with_its_default() -> None:
    documented = readme_table()
    assert set(documented) == set(SETTINGS)
    for name, declared in SETTINGS.items():
        assert documented[name] == (f"`{declared.default}`" if declared.default else "unset"), name


def test_only_the_settings_module_reads_the_environment() -> None:
    readers = []
    for path in [*ROOT.glob("geo/**/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("pages/*.py"),
                 ROOT / "app.py", ROOT / "server.py"]:
        relative = path.relative_to(ROOT).as_posix()
        source = path.read_text(encoding="utf-8")
        if relative != "geo/settings.py" and relative not in CHILD_ENVIRONMENT and re.search(
                r"os\.environ|os\.getenv|getenv\(|MINEDASH_[A-Z_]+\s*=", source):
            readers.append(relative)
    assert readers == []


def test_a_misspelt_setting_is_named_with_the_likely_one() -> None:
    warnings = unknown_settings({"MINEDASH_DB_PTH": "/tmp/x.sqlite", "MINEDASH_DB_PATH": "a",
                                 "PATH": "/usr/bin", "MINEDASH_COLOUR": "red"})
    assert len(warnings) == 2
    assert "MINEDASH_COLOUR is not a setting" in warnings[0] and "did you mean" not in warnings[0]
    assert "MINEDASH_DB_PTH" in warnings[1] and "did you mean MINEDASH_DB_PATH?" in warnings[1]


def test_an_unusable_value_falls_back_to_the_default_with_a_warning(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, "minedash.settings"):
        assert setting("MINEDASH_UPLOAD_MAX_MB", {"MINEDASH_UPLOAD_MAX_MB": "lots"}) == 60
        assert setting("MINEDASH_MAP_FIRST_WAIT", {"MINEDASH_MAP_FIRST_WAIT": "-1"}) == 3
        assert setting("MINEDASH_API_WORKERS", {"MINEDASH_API_WORKERS": "1.5"}) == 2
    assert len(caplog.records) == 3 and "MINEDASH_UPLOAD_MAX_MB='lots'" in caplog.text
    assert setting("MINEDASH_UPLOAD_MAX_MB", {"MINEDASH_UPLOAD_MAX_MB": "12"}) == 12
    assert setting("MINEDASH_FEEDS", {"MINEDASH_FEEDS": "http://a/rss; http://b/atom"}) == (
        "http://a/rss", "http://b/atom")


@pytest.mark.parametrize(("name", "value"), [
    ("MINEDASH_TRUSTED_PROXIES", "proxy.example"),
    ("MINEDASH_SIGNIN_HOURS", "0"),
    ("MINEDASH_SIGNIN_FAILURES_PER_MINUTE", "many"),
])
def test_an_unusable_security_setting_stops_the_server_naming_it(name: str, value: str) -> None:
    with pytest.raises(SettingError, match=name):
        AuthSettings.from_environ({name: value})
