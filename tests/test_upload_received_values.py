"""Values an upload must never store wrong without a word: a land-release file kept land
release, a second column of the same header asked about, formulas without saved results,
Shift-JIS text, and mapping-profile names that cannot be saved as typed."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from geo.model.tables import Tables
from geo.store import Store
from geo.store.profiles import ProfileNameRefused
from tests.upload_files import messages, prepared, workbook

RELEASE = ("District;Method;Area (ha);Completed;Source;Published\n"
           "Lachin;bulldozer;4.5;2024-06-30;ANAMA;2024-07-02\n")


def test_a_land_release_row_with_an_unknown_method_stays_land_release(tables: Tables) -> None:
    result = prepared(tables, "release.csv", RELEASE)
    assert result.kind == "releases"
    assert len(result.tables.claims) == 0  # never a headline 'area cleared' figure
    assert messages(result) == ['Row 2, Method "bulldozer": unknown release method (use cancelled, '
                                "reduced or cleared): 'bulldozer'"]
    fixed = prepared(tables, "release.csv", RELEASE.replace("bulldozer", "cleared"))
    assert fixed.ok, messages(fixed)
    assert list(fixed.tables.releases["area_m2"]) == [45_000]


TWO_HECTARES = "district;period_end;hectares;hectares;source_id\nLachin;2024-12-31;5;7;SEED\n"


def test_a_second_column_with_the_same_header_is_asked_about(tables: Tables) -> None:
    result = prepared(tables, "two.csv", TWO_HECTARES)
    assert not result.ok
    assert messages(result) == ["File, hectares (2): a second column with the same header: choose "
                                "what it holds under 'How the file was read', or ignore it"]
    ignored = prepared(tables, "two.csv", TWO_HECTARES, mapping=(("hectares (2)", ""),))
    assert ignored.ok, messages(ignored)
    assert list(ignored.tables.claims["value"]) == [5]
    as_m2 = prepared(tables, "two.csv", TWO_HECTARES,
                     mapping=(("hectares (2)", "figure:area_reported_cleared:m2"),))
    assert sorted(zip(as_m2.tables.claims["value"], as_m2.tables.claims["unit"], strict=True)) == [
        (5, "ha"), (7, "m2")]


def test_a_formula_without_a_saved_value_is_a_problem_naming_its_cell(tables: Tables) -> None:
    book = workbook({"Report": [["District", "Period end", "Hectares", "Source id"],
                                ["Lachin", "2024-12-31", "=2+3", "SEED"],
                                ["Tartar", "2024-12-31", 6, "SEED"],
                                ["Total", None, "=SUM(C2:C3)", None]]})
    result = prepared(tables, "formulas.xlsx", book)
    assert messages(result) == ["sheet 'Report', row 2, cell C2 \"=2+3\": formula without a saved "
                                "value: open and save the file in Excel (or LibreOffice) so that "
                                "its result is stored"]  # the skipped total row's formula is no matter


def test_a_formula_with_its_saved_value_is_read(tables: Tables, tmp_path: Path) -> None:
    book = workbook({"Report": [["District", "Period end", "Hectares", "Source id"],
                                ["Lachin", "2024-12-31", "=2+3", "SEED"]]})
    path = tmp_path / "saved.xlsx"
    path.write_bytes(book)
    with zipfile.ZipFile(path) as archive:  # as a spreadsheet saves it: the result beside the formula
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = re.sub(rb"<f>2\+3</f><v\s*(/>|></v>)", b"<f>2+3</f><v>5</v>",
                                               parts["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    assert openpyxl.load_workbook(path, data_only=True)["Report"]["C2"].value == 5
    result = prepared(tables, "saved.xlsx", path.read_bytes())
    assert result.ok, messages(result)
    assert list(result.tables.claims["value"]) == [5]


def test_shift_jis_text_is_read_as_japanese_and_said_so(tables: Tables) -> None:
    text = ("kind;date;place;device;source_id;note\n"
            "find;2023-01-01;Lachin;UXO;SEED;地雷除去の報告\n"
            "find;2023-01-02;Shusha;UXO;SEED;カタカナのメモ\n")
    result = prepared(tables, "japanese.csv", text.encode("shift_jis"))
    assert result.ok, messages(result)
    assert list(result.tables.events["note"]) == ["地雷除去の報告", "カタカナのメモ"]
    assert any("Shift-JIS (Japanese)" in note for note in result.notes)


def test_capital_cyrillic_in_windows_1251_is_not_taken_for_japanese(tables: Tables) -> None:
    text = "kind;date;place;device;source_id\nfind;2023-01-01;ЛАЧИН;UXO;SEED\nfind;2023-01-02;ШУША;UXO;SEED\n"
    result = prepared(tables, "upper.csv", text.encode("cp1251"))
    assert any("Windows-1251" in note for note in result.notes)


@pytest.fixture
def profiles_store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'profiles.sqlite'}")


@pytest.mark.parametrize(("name", "reason"), [
    ("   ", "empty or only spaces"),
    ("x" * 101, "101 characters; the limit is 100"),
    ("ANAMA\x00weekly", "U+0000"),
    ("ANAMA \u202eylkeew", "U+202E"),
], ids=["spaces", "too-long", "nul", "right-to-left-override"])
def test_a_profile_name_that_cannot_be_saved_as_typed_is_refused(profiles_store: Store, name: str,
                                                                 reason: str) -> None:
    for _attempt in range(2):  # saved twice: refused twice, never an IntegrityError
        with pytest.raises(ProfileNameRefused, match=re.escape(reason)):
            profiles_store.profiles.save(name, "sig", "figures", "{}", "editor")
    assert profiles_store.profiles.all().empty


def test_a_profile_of_the_longest_name_is_replaced_when_saved_again(profiles_store: Store) -> None:
    name = "y" * 100
    profiles_store.profiles.save(f"  {name} ", "sig", "figures", '{"kind": "figures"}', "editor")
    profiles_store.profiles.save(name, "sig", "events", '{"kind": "events"}', "editor")
    saved = profiles_store.profiles.all()
    assert list(saved["name"]) == [name] and list(saved["kind"]) == ["events"]
