"""Figures as shown in the interface language: the store's views hold English text (shared by
every session); these functions re-word a selection of them for the language in force."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from geo.i18n import ENGLISH, _, current_language
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


FLAG_WORDING = (  # geo.derive.flag_claims writes these in English
    (re.compile(r"^another figure for the same period differs$"),
     lambda m: _("another figure for the same period differs")),
    (re.compile(r"^later total (\S+) is lower$"),
     lambda m: _("later total {claim} is lower").format(claim=m.group(1))),
    (re.compile(r"^lower than earlier total (\S+)$"),
     lambda m: _("lower than earlier total {claim}").format(claim=m.group(1))),
)


def _flag(text: str) -> str:
    """A claim's flags (English, '; '-separated) in the interface language."""
    parts = []
    for part in text.split("; ") if text else []:
        worded = next((word(found) for pattern, word in FLAG_WORDING if (found := pattern.match(part))),
                      part)
        parts.append(worded)
    return "; ".join(parts)


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
        **({"flag": claims["flag"].map(_flag)} if "flag" in claims.columns else {}),
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
