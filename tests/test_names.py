"""Place-name matching: every spelling in the gazetteer, and unknown names."""

from __future__ import annotations

import json

import pytest

from geo.names import AliasIndex, normalise
from geo.places import display_name, place_id_for, point_level
from geo.vocab import PlaceLevel
from tests.conftest import DATA


def _reference_names() -> list[tuple[str, str, str]]:
    """(place id, level, alias) for every name of every feature in the reference geodata."""
    rows = []
    for file_name in ("regions.geojson", "places.geojson"):
        for feature in json.loads((DATA / "geo" / file_name).read_text())["features"]:
            props = feature["properties"]
            if file_name == "regions.geojson":
                level = PlaceLevel.DISTRICT
                place_id = place_id_for(level, props["name"])
            else:
                level = point_level(props["kind"])
                place_id = place_id_for(level, display_name(props["name"]))
            for name in [props["name"], props.get("name_az"), *props.get("alt_names", [])]:
                if name:
                    rows.append((place_id, level.value, name))
    return rows


@pytest.mark.parametrize(("place_id", "level", "alias"), _reference_names())
def test_every_reference_alias_resolves_to_its_place(
    index: AliasIndex, place_id: str, level: str, alias: str
) -> None:
    assert index.resolve(alias, level=level).place_id == place_id
    without_level = index.resolve(alias).place_id
    district_of_seat = place_id.replace("settlement:", "district:")
    assert without_level in (place_id, district_of_seat), alias


@pytest.mark.parametrize(("spelling", "expected"), [
    ("Terter", "district:tartar"), ("Tartar", "district:tartar"), ("Tərtər", "district:tartar"),
    ("TARTAR district", "district:tartar"), ("Tartar region", "district:tartar"),
    ("Laçın", "district:lachin"), ("Lacin", "district:lachin"), ("Berdzor", "district:lachin"),
    ("Zabux", "settlement:zabukh"), ("Aghavno", "settlement:zabukh"),
    ("Shushi", "district:shusha"), ("Şuşa rayonu", "district:shusha"),
    ("Gubadli", "district:qubadli"), ("Sarybaba height", "named_feature:saribaba-height"),
    ("Stepanakert", "district:khankendi"), ("Забух", "settlement:zabukh"),
    ("Шуша", "district:shusha"), ("Тертер", "district:tartar"), ("Лачин", "district:lachin"),
])
def test_issue_spellings_resolve(index: AliasIndex, spelling: str, expected: str) -> None:
    assert index.resolve(spelling).place_id == expected


@pytest.mark.parametrize("name", ["Lachin", "Shusha", "Tartar"])
def test_name_shared_by_district_and_town_resolves_to_district(index: AliasIndex, name: str) -> None:
    assert index.resolve(name).place_id == f"district:{name.lower()}"


def test_row_can_ask_for_the_town(index: AliasIndex) -> None:
    assert index.resolve("Lachin town").place_id == "settlement:lachin"
    assert index.resolve("Shusha", level="settlement").place_id == "settlement:shusha"
    assert index.resolve("Шуша", level="settlement").place_id == "settlement:shusha"
    assert index.resolve("Laçın", point=(39.638, 46.550)).place_id == "settlement:lachin"
    assert index.resolve("Laçın", point=(39.9, 46.2)).place_id == "district:lachin"


def test_unknown_name_is_refused_with_ranked_suggestions(index: AliasIndex) -> None:
    match = index.resolve("Tartr")
    assert not match.ok
    assert match.reason == "unknown place"
    assert match.suggestions[0].place_id in {"district:tartar", "settlement:tartar"}
    scores = [s.score for s in match.suggestions]
    assert scores == sorted(scores, reverse=True)


def test_nonsense_gets_no_match_and_no_wild_suggestions(index: AliasIndex) -> None:
    match = index.resolve("Qwxzptl")
    assert not match.ok
    assert all(s.score >= 60 for s in match.suggestions)


def test_normaliser_folds_letters_and_drops_admin_words() -> None:
    assert normalise("Tərtər rayonu").key == normalise("TARTAR District").key == "tartar"
    assert normalise("Şuşa rayonu").level_hint == "district"
    assert normalise("Lachin town").level_hint == "settlement"
    assert normalise("Zabux").key == normalise("Zabukh").key
    assert normalise("Qubadlı").key == normalise("Gubadly").key


def test_names_carry_their_usage(tables) -> None:
    names = tables.names.set_index(["place_id", "name"])["usage"]
    assert names[("district:lachin", "Berdzor")] == "armenian_usage"
    assert names[("district:lachin", "Բերձոր")] == "armenian_script"
    assert names[("district:lachin", "Laçın")] == "azerbaijani_official"
    assert names[("settlement:zabukh", "Aghavno")] == "armenian_usage"
    assert names[("settlement:zabukh", "Забух")] == "cyrillic_russian"
    assert names[("district:shusha", "Шуша")] == "name_of_its_seat"
