"""Searching figures by any spelling of a place and by numbers with or without separators."""

from __future__ import annotations

import re

import pandas as pd

from geo.names import AliasIndex, normalise
from geo.sources import party_label
from geo.vocab import SCOPE_LABELS, STATUS_LABELS, metric_label

THOUSANDS_SEPARATOR = re.compile(r"(?<=\d)[,\u00a0\u202f' ](?=\d{3}(?!\d))")


def without_separators(text: str) -> str:
    """'54,841 ha' -> '54841 ha': digits grouped by commas, spaces or apostrophes joined."""
    return THOUSANDS_SEPARATOR.sub("", text)


def _searchable(text: str) -> str:
    lowered = text.casefold()
    return " ".join(dict.fromkeys([lowered, normalise(text).key, without_separators(lowered)]))


def _column_text(values: pd.Series) -> pd.Series:
    """Each cell as searchable text, computed once per distinct value."""
    cells = values.fillna("").astype(str)
    unique = {value: _searchable(value) for value in cells.unique()}
    return cells.map(unique)


def _number_text(values: pd.Series) -> pd.Series:
    """Ids and figures need no folding of spellings: as written and without separators."""
    lowered = values.fillna("").astype(str).str.casefold()
    return lowered + " " + lowered.str.replace(THOUSANDS_SEPARATOR, "", regex=True)


def search_text(claims: pd.DataFrame) -> pd.Series:
    """Per claim, the text a search looks in: every readable cell, folded and as written."""
    words = [
        claims["metric"].map(metric_label), claims["place_name"], claims["district_name"],
        claims["period_label"], claims["scope"].map(SCOPE_LABELS).fillna(claims["scope"]),
        claims["originator"], claims["party"].map(party_label), claims["outlet"],
        claims["status"].map(STATUS_LABELS).fillna(claims["status"]),
        claims["flag"] if "flag" in claims.columns else pd.Series("", index=claims.index),
        claims["note"], claims["source_url"],
    ]
    text = _number_text(claims["claim_id"]) + " | " + _number_text(claims["published_figure"])
    for column in words:
        text = text + " | " + _column_text(column)
    return text


def _places_named(index: AliasIndex, name: str) -> set[str]:
    return index.candidates(name) if normalise(name).key else set()


def _word_matches(text: pd.Series, claims: pd.DataFrame, word: str, index: AliasIndex) -> pd.Series:
    lowered = word.casefold()
    variants = {lowered, normalise(word).key, without_separators(lowered)} - {""}
    mask = pd.Series(False, index=text.index)
    for variant in variants:
        mask |= text.str.contains(variant, regex=False)
    places = _places_named(index, word)
    if places:
        mask |= claims["place_id"].isin(places) | claims["district_id"].isin(places)
    return mask


def search(claims: pd.DataFrame, text: pd.Series, query: str, index: AliasIndex) -> pd.DataFrame:
    """Claims where every word of the query appears (in any known spelling), or whose place
    is the one the whole query names (Laçın, Лачин and Berdzor all find Lachin's figures)."""
    words = query.split()
    if not words:
        return claims
    text = text.reindex(claims.index).fillna("")
    mask = pd.Series(True, index=claims.index)
    for word in words:
        mask &= _word_matches(text, claims, word, index)
    places = _places_named(index, query) if len(words) > 1 else set()
    if places:
        mask |= claims["place_id"].isin(places) | claims["district_id"].isin(places)
    return claims[mask]
