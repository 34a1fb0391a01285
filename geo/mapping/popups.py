"""Popups of finds and incidents: what, how many, when, where and who said so."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from geo.mapping.common import NameLookup, esc, lines, status_text
from geo.units import format_number
from geo.vocab import DEVICE_LABELS

POPUP_FIELDS = [
    "kind", "place_name", "place_id", "district_name", "date_start", "date_end",
    "device_category", "device_model", "quantity", "killed", "injured", "attribution",
    "status", "note",
]
MAX_LISTED = 30


def _date_text(start: object, end: object) -> str:
    if pd.isna(start):
        return "date not stated"
    text = pd.Timestamp(start).date().isoformat()
    if pd.notna(end) and end != start:
        text += f" to {pd.Timestamp(end).date().isoformat()}"
    return text


def _count(value: object) -> int:
    return 0 if pd.isna(value) else int(value)


def event_popup(event: Mapping[str, object], names: NameLookup) -> str:
    """One find or incident: place, device and quantity (or casualties), dates, source."""
    place = event["place_name"] if isinstance(event["place_name"], str) else ""
    where = place or (f"Coordinates in {event['district_name']}"
                      if isinstance(event["district_name"], str) else "Coordinates")
    aka = names.others(event["place_id"], place) if place else ""
    if event["kind"] == "find":
        category = event["device_category"]
        model = event["device_model"] if isinstance(event["device_model"], str) else ""
        quantity = event["quantity"]
        what = (f"{esc(DEVICE_LABELS.get(category, category))}"
                f"{' (' + esc(model) + ')' if model else ''}: "
                f"{esc(format_number(quantity)) if pd.notna(quantity) else 'quantity not stated'}")
    else:
        what = (f"Mine incident: {_count(event['killed'])} killed, "
                f"{_count(event['injured'])} injured")
    return lines(
        f"<b>{esc(where)}</b>", f"<i>{esc(aka)}</i>" if aka else "", what,
        esc(_date_text(event["date_start"], event["date_end"])),
        f"Source: {esc(event['attribution'])}", status_text(str(event["status"])),
        esc(event["note"]),
    )


def listing(popups: Sequence[str], total: int, noun: str) -> str:
    """Several popups one under another, with how many more there are beyond the list."""
    shown = list(popups[:MAX_LISTED])
    more = total - len(shown)
    tail = f"<p><i>and {more:,} more {noun}{'s' if more != 1 else ''} here</i></p>" if more > 0 else ""
    return "<hr>".join(shown) + tail
