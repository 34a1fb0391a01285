"""Search on Sources: any known spelling of a place, numbers with or without separators."""

from __future__ import annotations

import pytest

from geo.search import search, search_text, without_separators


@pytest.fixture(scope="module")
def text(claims):
    return search_text(claims)


def _ids(claims, text, index, query: str) -> set[str]:
    return set(search(claims, text, query, index)["claim_id"])


@pytest.mark.parametrize("spelling", ["Lachin", "Laçın", "Лачин", "Berdzor", "lachyn"])
def test_any_spelling_of_lachin_finds_its_figures(claims, text, index, spelling) -> None:
    found = _ids(claims, text, index, spelling)
    assert {"C011", "C049", "C065"} <= found
    assert "C050" not in found  # Tartar's


@pytest.mark.parametrize("spelling", ["Tərtər", "Тертер", "Terter"])
def test_any_spelling_of_tartar_finds_its_figures(claims, text, index, spelling) -> None:
    assert "C050" in _ids(claims, text, index, spelling)


@pytest.mark.parametrize("query", ["54841", "54,841", "54 841"])
def test_numbers_match_with_or_without_separators(claims, text, index, query) -> None:
    assert "C001" in _ids(claims, text, index, query)


def test_words_must_all_match_and_plain_text_still_works(claims, text, index) -> None:
    assert _ids(claims, text, index, "Vestnik") == {"C006"}
    assert _ids(claims, text, index, "Lachin 1318") == {"C065"}
    assert _ids(claims, text, index, "") == set(claims["claim_id"])


def test_separators_inside_numbers_are_dropped() -> None:
    assert without_separators("more than 134,000 ha; 1 234 567") == "more than 134000 ha; 1234567"
