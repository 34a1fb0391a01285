"""Readable tables for the Sources and History pages: labels, never internal codes."""

from __future__ import annotations

import math

import pandas as pd

from geo.periods import period_labels
from geo.sources import party_label
from geo.vocab import REVISION_KIND_LABELS, SCOPE_LABELS, STATUS_LABELS, metric_label

PAGE_SIZE = 200
CLAIM_COLUMNS = [
    "Claim", "Metric (source's wording)", "Figure as published", "Place", "Period", "Scope",
    "Source", "Party", "Outlet", "Published", "Status", "Flag", "Note", "Address",
]


def _labels(codes: pd.Series, labels: dict[str, str]) -> pd.Series:
    return codes.map(labels).fillna(codes)


def claims_table(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per claim with human labels, its source and its status."""
    period = (claims["period_label"] if "period_label" in claims.columns
              else period_labels(claims["period_start"], claims["period_end"], claims["period_type"]))
    return pd.DataFrame({
        "Claim": claims["claim_id"],
        "Metric (source's wording)": claims["metric"].map(metric_label),
        "Figure as published": claims["published_figure"],
        "Place": claims["place_name"],
        "Period": period,
        "Scope": _labels(claims["scope"], SCOPE_LABELS),
        "Source": claims["originator"],
        "Party": claims["party"].map(party_label),
        "Outlet": claims["outlet"],
        "Published": claims["published"].dt.date,
        "Status": _labels(claims["status"], STATUS_LABELS),
        "Flag": claims["flag"] if "flag" in claims.columns else "",
        "Note": claims["note"],
        "Address": claims["source_url"],
    }, columns=CLAIM_COLUMNS).reset_index(drop=True)


def deltas_table(deltas: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Implied values between successive running totals, with both statements' sources."""
    by_id = claims.drop_duplicates("claim_id").set_index("claim_id")
    earlier, later = deltas["from_claim"], deltas["to_claim"]

    def stated(ids: pd.Series, dates: pd.Series) -> pd.Series:
        return (ids.map(by_id["published_figure"]).astype(str) + " on "
                + pd.to_datetime(dates).dt.strftime("%Y-%m-%d"))

    return pd.DataFrame({
        "Metric (source's wording)": deltas["metric"].map(metric_label),
        "Scope": _labels(deltas["scope"], SCOPE_LABELS),
        "Earlier total": stated(earlier, deltas["from_date"]),
        "Earlier source": earlier.map(by_id["attribution"]),
        "Later total": stated(later, deltas["to_date"]),
        "Later source": later.map(by_id["attribution"]),
        "Implied change": deltas["delta"], "Days": deltas["days"],
        "Flag": deltas["flag"].map({"negative": "total fell", "implausible": "implausible jump"})
        .fillna(""),
        "Claims": earlier + " → " + later,
    }).reset_index(drop=True)


def placements_table(placements: pd.DataFrame) -> pd.DataFrame:
    """Places that sources put in different districts, with who said so."""
    return pd.DataFrame({
        "Place": placements["place"], "District given": placements["district"],
        "Source": placements["originator"], "Outlet": placements["outlet"],
        "Published": pd.to_datetime(placements["published"], errors="coerce").dt.date,
        "Note": placements["note"],
    }).reset_index(drop=True)


def odd_dates_table(raw_claims: pd.DataFrame, raw_events: pd.DataFrame,
                    claims: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Figures and events whose dates are not plausible, with their dates as stored.

    They are left out of every chart and filter, so they are listed here for an editor to
    correct or retract.
    """
    odd_claims = claims.loc[~claims["dates_ok"].astype(bool), ["claim_id", "attribution"]]
    odd_events = events.loc[~events["dates_ok"].astype(bool), ["event_id", "attribution"]]
    stored_claims = raw_claims.set_index("claim_id")
    stored_events = raw_events.set_index("event_id")

    def stored(frame: pd.DataFrame, ids: pd.Series, first: str, last: str) -> pd.Series:
        rows = frame.loc[ids]
        return (rows[first].fillna("").astype(str) + " to " + rows[last].fillna("").astype(str)).to_numpy()

    return pd.concat([
        pd.DataFrame({"Kind": "figure", "Id": odd_claims["claim_id"],
                      "Dates as stored": stored(stored_claims, odd_claims["claim_id"],
                                                "period_start", "period_end"),
                      "Source": odd_claims["attribution"],
                      "Revision": stored_claims.loc[odd_claims["claim_id"], "revision_id"].to_numpy()}),
        pd.DataFrame({"Kind": "event", "Id": odd_events["event_id"],
                      "Dates as stored": stored(stored_events, odd_events["event_id"],
                                                "date_start", "date_end"),
                      "Source": odd_events["attribution"],
                      "Revision": stored_events.loc[odd_events["event_id"], "revision_id"].to_numpy()}),
    ], ignore_index=True)


def revisions_table(log: pd.DataFrame) -> pd.DataFrame:
    """The revision log with readable kinds."""
    return log.assign(Kind=_labels(log["Kind"], REVISION_KIND_LABELS))


def actions_table(actions: pd.DataFrame) -> pd.DataFrame:
    """Retractions and restorations: which revision, what was done, when, by whom and why."""
    return pd.DataFrame({
        "Revision": actions["revision_id"],
        "Action": actions["action"].map({"retract": "retracted", "restore": "restored"})
        .fillna(actions["action"]),
        "When (UTC)": pd.to_datetime(actions["at"]).dt.strftime("%Y-%m-%d %H:%M"),
        "Who": actions["by"], "Why": actions["note"],
    })


def page_count(rows: int, size: int = PAGE_SIZE) -> int:
    """How many pages of `size` rows hold `rows` rows (at least one)."""
    return max(1, math.ceil(rows / size))


def page_of(frame: pd.DataFrame, page: int, size: int = PAGE_SIZE) -> pd.DataFrame:
    """Rows of the 1-based page (clamped to the pages there are)."""
    page = min(max(page, 1), page_count(len(frame), size))
    return frame.iloc[(page - 1) * size: page * size]


def _counted(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def revision_outcome(revisions: pd.DataFrame, revision_id: int, action: str) -> str:
    """What a retraction or restoration did, in words: which rows stopped or started counting."""
    row = revisions.set_index("revision_id").loc[revision_id]
    counted = (("rows_claims", "figure", "figures"), ("rows_events", "event", "events"),
               ("rows_places", "place", "places"), ("rows_sources", "source", "sources"),
               ("rows_hazards", "hazard area", "hazard areas"),
               ("rows_releases", "land-release record", "land-release records"))
    parts = [_counted(int(row[column]), one, many) for column, one, many in counted if int(row[column])]
    rows = " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts) or "no rows"
    one = sum(int(row[column]) for column, _, _ in counted) == 1
    if action == "retract":
        return (f"Revision {revision_id} ({row['file_name']}) is retracted: its {rows} no longer "
                f"count{'s' if one else ''} on any page. Nothing was deleted; restore it to undo.")
    return (f"Revision {revision_id} ({row['file_name']}) is restored: its {rows} count"
            f"{'s' if one else ''} again wherever a later revision does not replace "
            f"{'it' if one else 'them'}.")
