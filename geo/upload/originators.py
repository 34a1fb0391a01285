"""Who published a figure: stored sources, the party a known publisher speaks for."""

from __future__ import annotations

import re

import pandas as pd

from geo.names import normalise
from geo.vocab import Party

KNOWN_PARTIES: dict[str, str] = {
    "anama": Party.GOVT_AZERBAIJAN, "mine action agency of the republic of azerbaijan": Party.GOVT_AZERBAIJAN,
    "azcbl": Party.NATIONAL_NGO, "azerbaijan campaign to ban landmines": Party.NATIONAL_NGO,
    "mine action review": Party.INDEPENDENT_MONITOR, "landmine monitor": Party.INDEPENDENT_MONITOR,
    "icbl cmc": Party.INDEPENDENT_MONITOR, "halo trust": Party.INTERNATIONAL_NGO,
    "the halo trust": Party.INTERNATIONAL_NGO, "icrc": Party.INTERNATIONAL_NGO,
    "danish refugee council": Party.INTERNATIONAL_NGO, "mag": Party.INTERNATIONAL_NGO,
}


def originator_keys(originator: str) -> list[str]:
    """Keys an originator is known by: the whole name, each ';' part, names in brackets."""
    parts = [originator, *re.split(r"[;,]", originator)]
    parts += re.findall(r"\(([^)]*)\)", originator)
    parts += [re.sub(r"\(.*?\)", " ", p) for p in parts]
    keys = [normalise(p).key for p in parts]
    return list(dict.fromkeys(k for k in keys if k))


def known_parties(sources: pd.DataFrame) -> dict[str, str]:
    """Originator key -> party, where every stored source with that key agrees."""
    seen: dict[str, set[str]] = {}
    for originator, party in zip(sources["originator"], sources["party"], strict=True):
        for key in originator_keys(str(originator)):
            seen.setdefault(key, set()).add(str(party))
    found = {normalise(k).key: str(v) for k, v in KNOWN_PARTIES.items()}
    found.update({key: next(iter(parties)) for key, parties in seen.items() if len(parties) == 1})
    return found


def party_of(originator: str, parties: dict[str, str]) -> str | None:
    """The party of a publisher the store or the built-in list knows, else None."""
    whole = normalise(originator).key
    if whole in parties:
        return parties[whole]
    candidates = {parties[k] for k in originator_keys(originator) if k in parties}
    return next(iter(candidates)) if len(candidates) == 1 else None
