"""Figures as shown in the interface language: the store's views hold English text (shared by
every session); these functions re-word a selection of them for the language in force."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from geo.i18n import ENGLISH, current_language
from geo.periods import period_labels
from geo.sources import attribution
from geo.units import format_published


def _attributions(frame: pd.DataFrame) -> pd.Series:
    keys = list(zip(frame["originator"], frame["outlet"], frame["published"], frame["source_id"],
                    strict=True))
    worded = {key: attribution(key[0] if isinstance(key[0], str) else str(key[3]),
                               key[1] if isinstance(key[1], str) else "",
                               key[2].date().isoformat() if pd.notna(key[2]) else None)
              for key in set(keys)}
    return pd.Series([worded[key] for key in keys], index=frame.index, dtype=object)


def localize_claims(claims: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """Figures, periods, attributions and place names of claims in the interface language."""
    if current_language() == ENGLISH or claims.empty:
        return claims
    keys = list(zip(claims["value"].tolist(), claims["unit"].tolist(), claims["qualifier"].tolist(),
                    strict=True))
    published = {key: format_published(*key) for key in set(keys)}
    return claims.assign(
        published_figure=[published[key] for key in keys],
        period_label=period_labels(claims["period_start"], claims["period_end"], claims["period_type"]),
        attribution=_attributions(claims),
        place_name=claims["place_id"].map(names).fillna(claims["place_name"]),
        district_name=claims["district_id"].map(names).fillna(claims["district_name"]),
    )


def localize_events(events: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """Attributions and place names of events in the interface language."""
    if current_language() == ENGLISH or events.empty:
        return events
    return events.assign(
        attribution=_attributions(events),
        place_name=events["place_id"].map(names).fillna(events["place_name"]),
        district_name=events["district_id"].map(names).fillna(events["district_name"]),
    )
