"""Readable tables of claims for the Sources page."""

from __future__ import annotations

import pandas as pd

from geo.figures import period_text
from geo.sources import party_label
from geo.vocab import SCOPE_LABELS, STATUS_LABELS, metric_label


def claims_table(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per claim with human labels, its source and its status."""
    return pd.DataFrame({
        "Claim": claims["claim_id"],
        "Metric (source's wording)": claims["metric"].map(metric_label),
        "Figure as published": claims["published_figure"],
        "Place": claims["place_name"],
        "Period": [period_text(s, e, t) for s, e, t in zip(
            claims["period_start"], claims["period_end"], claims["period_type"], strict=True)],
        "Scope": claims["scope"].map(lambda s: SCOPE_LABELS.get(s, s)),
        "Source": claims["originator"],
        "Party": claims["party"].map(party_label),
        "Outlet": claims["outlet"],
        "Published": claims["published"].dt.date,
        "Status": claims["status"].map(lambda s: STATUS_LABELS.get(s, s)),
        "Flag": claims.get("flag", ""),
        "Note": claims["note"],
        "Address": claims["source_url"],
    }).reset_index(drop=True)


def search(table: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows where every word of the query appears in some cell (case-insensitive)."""
    words = [w for w in query.casefold().split() if w]
    if not words:
        return table
    text = table.astype(str).agg(" ".join, axis=1).str.casefold()
    mask = pd.Series(True, index=table.index)
    for word in words:
        mask &= text.str.contains(word, regex=False)
    return table[mask]


def deltas_table(deltas: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Implied values between successive running totals, with both statements' sources."""
    by_id = claims.set_index("claim_id")

    def stated(claim_id: str, when: pd.Timestamp) -> str:
        return f"{by_id.at[claim_id, 'published_figure']} on {when.date().isoformat()}"

    rows = [{
        "Metric (source's wording)": metric_label(d.metric),
        "Scope": SCOPE_LABELS.get(d.scope, d.scope),
        "Earlier total": stated(d.from_claim, d.from_date),
        "Earlier source": by_id.at[d.from_claim, "attribution"],
        "Later total": stated(d.to_claim, d.to_date),
        "Later source": by_id.at[d.to_claim, "attribution"],
        "Implied change": d.delta, "Days": d.days, "Flag": d.flag,
        "Claims": f"{d.from_claim} → {d.to_claim}",
    } for d in deltas.itertuples()]
    return pd.DataFrame(rows, columns=[
        "Metric (source's wording)", "Scope", "Earlier total", "Earlier source", "Later total",
        "Later source", "Implied change", "Days", "Flag", "Claims",
    ])
