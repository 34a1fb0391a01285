"""An Atom feed (RFC 4287) of revisions: what each commit added and each retraction or restore
took away or gave back, with links to the dashboard and the figures as of that revision."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode
from xml.etree import ElementTree as ET

import pandas as pd

from geo.revisions import rows_in_words

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 100


def _time(value: object) -> str:
    stamp = pd.Timestamp(value)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def touching(footprint: pd.DataFrame, districts: tuple[str, ...],
             metrics: tuple[str, ...]) -> set[int] | None:
    """Revisions with rows in these districts and of these metrics (None: no filter asked)."""
    if not districts and not metrics:
        return None
    mask = pd.Series(True, index=footprint.index)
    if districts:
        mask &= footprint["district_id"].isin(districts)
    if metrics:
        mask &= footprint["metric"].isin(metrics)
    return {int(r) for r in footprint.loc[mask, "revision_id"].unique()}


def revisions_feed(revisions: pd.DataFrame, actions: pd.DataFrame, base_url: str,
                   feed_url: str, only: set[int] | None = None,
                   limit: int = MAX_ENTRIES) -> bytes:
    """The newest `limit` commits, retractions and restores (of the revisions in `only`, when
    given) as an Atom document."""
    entries: list[tuple[pd.Timestamp, str, int, str, str]] = []
    for row in revisions.itertuples(index=False):
        if only is None or int(row.revision_id) in only:
            words = rows_in_words(revisions, int(row.revision_id))
            title = f"Revision {row.revision_id}: {words}"
            summary = (f"{row.author} committed {row.file_name} ({row.kind}): {words}. "
                       f"{row.note}".strip())
            entries.append((pd.Timestamp(row.created_at), "commit", int(row.revision_id), title,
                            summary))
    for row in actions.itertuples(index=False):
        if only is None or int(row.revision_id) in only:
            verb = "retracted" if row.action == "retract" else "restored"
            words = rows_in_words(revisions, int(row.revision_id))
            title = f"Revision {row.revision_id} {verb}: {words} " + (
                "no longer count" if verb == "retracted" else "count again")
            summary = f"{row.by} {verb} revision {row.revision_id}. {row.note}".strip()
            entries.append((pd.Timestamp(row.at), f"{row.action}-{row.action_id}",
                            int(row.revision_id), title, summary))
    entries.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    entries = entries[:limit]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", feed_url)
    _sub(feed, "title", "Mine-clearance dashboard: new and changed figures")
    updated = entries[0][0] if entries else dt.datetime(2020, 11, 10, tzinfo=dt.UTC)
    _sub(feed, "updated", _time(updated))
    author = _sub(feed, "author")
    _sub(author, "name", "Mine-clearance dashboard")
    _sub(feed, "link", rel="self", href=feed_url, type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href=f"{base_url}/history", type="text/html")
    for when, event, revision_id, title, summary in entries:
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"{base_url}/api/v1/revisions/{revision_id}#{event}")
        _sub(entry, "title", title)
        _sub(entry, "updated", _time(when))
        _sub(entry, "summary", summary)
        view = f"{base_url}/?{urlencode({'asof': revision_id})}"
        _sub(entry, "link", rel="alternate", href=view, type="text/html")
        _sub(entry, "link", rel="related", type="application/json",
             href=f"{base_url}/api/v1/figures?{urlencode({'as_of': revision_id})}")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
