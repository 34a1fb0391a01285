"""Popups of finds and incidents: what, how many, when, where and who said so."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from geo.i18n import _, n_, short_date
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
        return _("date not stated")
    first = short_date(pd.Timestamp(start).date())
    if pd.notna(end) and end != start:
        return _("{start} to {end}").format(start=first, end=short_date(pd.Timestamp(end).date()))
    return first


def _count(value: object) -> int:
    return 0 if pd.isna(value) else int(value)


def event_popup(event: Mapping[str, object], names: NameLookup) -> str:
    """One find or incident: place, device and quantity (or casualties), dates, source."""
    place = event["place_name"] if isinstance(event["place_name"], str) else ""
    where = place or (_("Coordinates in {district}").format(district=event["district_name"])
                      if isinstance(event["district_name"], str) else _("Coordinates"))
    aka = names.others(event["place_id"], place) if place else ""
    if event["kind"] == "find":
        category = event["device_category"]
        model = event["device_model"] if isinstance(event["device_model"], str) else ""
        quantity = event["quantity"]
        label = DEVICE_LABELS.get(category)
        count = format_number(quantity) if pd.notna(quantity) else _("quantity not stated")
        what = (f"{esc(_(label) if label else category)}"
                f"{' (' + esc(model) + ')' if model else ''}: {esc(count)}")
    else:
        what = esc(_("Mine incident: {killed} killed, {injured} injured").format(
            killed=_count(event["killed"]), injured=_count(event["injured"])))
    return lines(
        f"<b>{esc(where)}</b>", f"<i>{esc(aka)}</i>" if aka else "", what,
        esc(_date_text(event["date_start"], event["date_end"])),
        esc(_("Source: {source}").format(source=event["attribution"])),
        status_text(str(event["status"])),
        esc(event["note"]),
    )


def listing(popups: Sequence[str], total: int, noun: str) -> str:
    """Several popups one under another, with how many more there are beyond the list.

    `noun` is the kind listed: 'find' or 'incident'.
    """
    shown = list(popups[:MAX_LISTED])
    more = total - len(shown)
    text = (n_("and {count} more find here", "and {count} more finds here", more) if noun == "find"
            else n_("and {count} more incident here", "and {count} more incidents here", more))
    tail = f"<p><i>{esc(text.format(count=format_number(more)))}</i></p>" if more > 0 else ""
    return "<hr>".join(shown) + tail
