"""Readable tables for the Sources and History pages: labels, never internal codes."""

from __future__ import annotations

import html
import math

import pandas as pd

from geo.i18n import N_, _, n_, number, short_date, translated
from geo.periods import period_labels
from geo.sources import party_label
from geo.vocab import REVISION_KIND_LABELS, SCOPE_LABELS, STATUS_LABELS, metric_label

PAGE_SIZE = 200
CLAIM_COLUMNS = [
    N_("Claim"), N_("Metric"), N_("Figure as published"), N_("Place"), N_("Period"), N_("Scope"),
    N_("Source"), N_("Party"), N_("Outlet"), N_("Published"), N_("Status"), N_("Flag"), N_("Note"),
    N_("Words of the statement"), N_("Address"), N_("Metric (source's wording)"),
]


def _labels(codes: pd.Series, labels: dict[str, str]) -> pd.Series:
    return codes.map(translated(labels)).fillna(codes)


def _translated_columns(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_axis([_(column) for column in frame.columns], axis=1)


def claims_table(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per claim with human labels, its source and its status."""
    period = (claims["period_label"] if "period_label" in claims.columns
              else period_labels(claims["period_start"], claims["period_end"], claims["period_type"]))
    original = claims["metric"].map(metric_label)
    return _translated_columns(pd.DataFrame({
        "Claim": claims["claim_id"],
        "Metric": original.map(_),
        "Figure as published": claims["published_figure"],
        "Place": claims["place_name"],
        "Period": period,
        "Scope": _labels(claims["scope"], SCOPE_LABELS),
        "Source": claims["originator"],
        "Party": claims["party"].map(party_label),
        "Outlet": claims["outlet"],
        "Published": claims["published"].map(lambda day: short_date(day.date()) if pd.notna(day) else ""),
        "Status": _labels(claims["status"], STATUS_LABELS),
        "Flag": claims["flag"] if "flag" in claims.columns else "",
        "Note": claims["note"],
        "Words of the statement": claims["quote"].fillna("") if "quote" in claims.columns else "",
        "Address": claims["source_url"],
        "Metric (source's wording)": original,
    }, columns=CLAIM_COLUMNS).reset_index(drop=True))


def compact_claims_html(table: pd.DataFrame) -> str:
    """The claims table for phones: figure (with metric and period), place and source, wrapping
    within the screen's width instead of scrolling sideways."""
    def cell(text: object) -> str:
        return "" if pd.isna(text) else html.escape(str(text))

    rows = "".join(
        f"<tr><td><b>{cell(row[2])}</b><small>{cell(row[1])} · {cell(row[4])}</small></td>"
        f"<td>{cell(row[3])}</td><td>{cell(row[6])}<small>{cell(row[9])}</small></td></tr>"
        for row in table.itertuples(index=False, name=None))
    head = "".join(f"<th>{html.escape(table.columns[i])}</th>" for i in (2, 3, 6))
    return (f'<table class="compact-table"><colgroup><col style="width:42%"><col style="width:22%">'
            f'<col style="width:36%"></colgroup><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def deltas_table(deltas: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Implied values between successive running totals, with both statements' sources."""
    by_id = claims.drop_duplicates("claim_id").set_index("claim_id")
    earlier, later = deltas["from_claim"], deltas["to_claim"]

    on = _("{figure} on {date}")

    def stated(ids: pd.Series, dates: pd.Series) -> pd.Series:
        days = pd.to_datetime(dates).map(lambda day: short_date(day.date()) if pd.notna(day) else "")
        return pd.Series([on.format(figure=figure, date=day) for figure, day in zip(
            ids.map(by_id["published_figure"]).astype(str), days, strict=True)], index=ids.index)

    return _translated_columns(pd.DataFrame({
        N_("Metric"): deltas["metric"].map(lambda m: _(metric_label(m))),
        N_("Scope"): _labels(deltas["scope"], SCOPE_LABELS),
        N_("Earlier total"): stated(earlier, deltas["from_date"]),
        N_("Earlier source"): earlier.map(by_id["attribution"]),
        N_("Later total"): stated(later, deltas["to_date"]),
        N_("Later source"): later.map(by_id["attribution"]),
        N_("Implied change"): deltas["delta"], N_("Days"): deltas["days"],
        N_("Flag"): deltas["flag"].map({"negative": _("total fell"),
                                        "implausible": _("implausible jump")}).fillna(""),
        N_("Claims"): earlier + " → " + later,
        N_("Metric (source's wording)"): deltas["metric"].map(metric_label),
    }).reset_index(drop=True))


def placements_table(placements: pd.DataFrame) -> pd.DataFrame:
    """Places that sources put in different districts, with who said so."""
    return _translated_columns(pd.DataFrame({
        N_("Place"): placements["place"], N_("District given"): placements["district"],
        N_("Source"): placements["originator"], N_("Outlet"): placements["outlet"],
        N_("Published"): pd.to_datetime(placements["published"], errors="coerce").dt.date,
        N_("Note"): placements["note"],
    }).reset_index(drop=True))


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
        to = " " + _("to") + " "
        return (rows[first].fillna("").astype(str) + to + rows[last].fillna("").astype(str)).to_numpy()

    return _translated_columns(pd.concat([
        pd.DataFrame({N_("Kind"): _("figure"), N_("Id"): odd_claims["claim_id"],
                      N_("Dates as stored"): stored(stored_claims, odd_claims["claim_id"],
                                                    "period_start", "period_end"),
                      N_("Source"): odd_claims["attribution"],
                      N_("Revision"): stored_claims.loc[odd_claims["claim_id"], "revision_id"].to_numpy()}),
        pd.DataFrame({N_("Kind"): _("event"), N_("Id"): odd_events["event_id"],
                      N_("Dates as stored"): stored(stored_events, odd_events["event_id"],
                                                    "date_start", "date_end"),
                      N_("Source"): odd_events["attribution"],
                      N_("Revision"): stored_events.loc[odd_events["event_id"], "revision_id"].to_numpy()}),
    ], ignore_index=True))


def revisions_table(log: pd.DataFrame) -> pd.DataFrame:
    """The revision log with readable kinds and headings in the interface language."""
    return _translated_columns(log.assign(
        Kind=_labels(log["Kind"], REVISION_KIND_LABELS),
        **{"Counts now": log["Counts now"].map(lambda text: _(text))}))


def actions_table(actions: pd.DataFrame) -> pd.DataFrame:
    """Retractions and restorations: which revision, what was done, when, by whom and why."""
    return _translated_columns(pd.DataFrame({
        N_("Revision"): actions["revision_id"],
        N_("Action"): actions["action"].map({"retract": _("retracted"), "restore": _("restored")})
        .fillna(actions["action"]),
        N_("When (UTC)"): pd.to_datetime(actions["at"]).dt.strftime("%Y-%m-%d %H:%M"),
        N_("Who"): actions["by"], N_("Why"): actions["note"],
    }))


def page_count(rows: int, size: int = PAGE_SIZE) -> int:
    """How many pages of `size` rows hold `rows` rows (at least one)."""
    return max(1, math.ceil(rows / size))


def page_of(frame: pd.DataFrame, page: int, size: int = PAGE_SIZE) -> pd.DataFrame:
    """Rows of the 1-based page (clamped to the pages there are)."""
    page = min(max(page, 1), page_count(len(frame), size))
    return frame.iloc[(page - 1) * size: page * size]


def revision_outcome(revisions: pd.DataFrame, revision_id: int, action: str) -> str:
    """What a retraction or restoration did, in words: which rows stopped or started counting."""
    row = revisions.set_index("revision_id").loc[revision_id]
    counts = {column: int(row[column]) for column in
              ("rows_claims", "rows_events", "rows_places", "rows_sources", "rows_hazards",
               "rows_releases")}
    worded = {
        "rows_claims": n_("{count} figure", "{count} figures", counts["rows_claims"]),
        "rows_events": n_("{count} event", "{count} events", counts["rows_events"]),
        "rows_places": n_("{count} place", "{count} places", counts["rows_places"]),
        "rows_sources": n_("{count} source", "{count} sources", counts["rows_sources"]),
        "rows_hazards": n_("{count} hazard area", "{count} hazard areas", counts["rows_hazards"]),
        "rows_releases": n_("{count} land-release record", "{count} land-release records",
                            counts["rows_releases"]),
    }
    parts = [worded[c].format(count=number(n)) for c, n in counts.items() if n]
    rows = (_("{items} and {last}").format(items=", ".join(parts[:-1]), last=parts[-1])
            if len(parts) > 1 else parts[0] if parts else _("no rows"))
    total = sum(counts.values())
    if action == "retract":
        return n_("Revision {revision} ({file}) is retracted: its {rows} no longer counts on any "
                  "page. Nothing was deleted; restore it to undo.",
                  "Revision {revision} ({file}) is retracted: its {rows} no longer count on any "
                  "page. Nothing was deleted; restore it to undo.", total).format(
            revision=revision_id, file=row["file_name"], rows=rows)
    return n_("Revision {revision} ({file}) is restored: its {rows} counts again wherever a later "
              "revision does not replace it.",
              "Revision {revision} ({file}) is restored: its {rows} count again wherever a later "
              "revision does not replace them.", total).format(
        revision=revision_id, file=row["file_name"], rows=rows)
