"""Reported finds and mine incidents from a table or a point layer."""

from __future__ import annotations

from pydantic import TypeAdapter

from geo.events import Event
from geo.i18n import N_, _
from geo.parsing import ParseError, header_key, parse_device, parse_event_kind, parse_quantity
from geo.upload.build_figures import parse_id
from geo.upload.columns import Columns
from geo.upload.context import Context, points, resolve_places
from geo.upload.find_words import PLACEMARK_NAMES, device_of_name
from geo.upload.validation import validated_records
from geo.upload.vocabularies import parse_status

MAX_COUNT = 2_147_483_647  # the store's integer columns (PostgreSQL INTEGER) hold no more
EVENTS = TypeAdapter(list[Event])


def whole_number(cell: object) -> int:
    """A count: a whole number from 0 to the store's limit ('more than 12' keeps 12)."""
    value, _ = parse_quantity(cell, whole=True)
    if value < 0 or not float(value).is_integer():
        raise ParseError("must be a whole number, zero or more")
    if value > MAX_COUNT:
        raise ParseError(f"is larger than the store can hold ({MAX_COUNT:,})")
    return int(value)


def _named_devices(cols: Columns, devices: list, models: list[str], notes: list[str]) -> None:
    """A find's device (and model) from its placemark's name where no column gives it ('TM-62'
    is an AT mine of model TM-62, 'PHS' is UXO); the name stays the find's note. The name comes
    before a device category set once for the whole file, which fills only what is left."""
    if "note" not in cols.positions or header_key(cols.column_name("note")) not in PLACEMARK_NAMES:
        return
    own = cols.raw("device_category", fill=False)
    for index, name in enumerate(notes):
        blank = own[index] is None or (isinstance(own[index], str) and not own[index].strip())
        if blank and name:
            category, model = device_of_name(name)
            devices[index] = category or devices[index]
            models[index] = models[index] or model


def build_events(cols: Columns, ctx: Context) -> list[tuple[int, dict]]:
    """(row index, event record) for every find or incident; problems go to `cols`."""
    located = points(cols)
    names, place_ids = resolve_places(cols, ctx, located, required=True)
    if not cols.has("place") and not cols.has("lat") and cols.table.geometries is None:
        cols.missing_from_file("place", "no column gives where: map a column to 'Place name', or "
                               "to 'Latitude' and 'Longitude'")
    devices = cols.parse("device_category", parse_device)
    kinds = cols.parse("kind", parse_event_kind)
    starts = cols.parse("date_start", ctx.date, required=True)
    ends = cols.parse("date_end", ctx.date)
    quantities = cols.parse("quantity", whole_number)
    killed = cols.parse("killed", whole_number)
    injured = cols.parse("injured", whole_number)
    statuses = cols.parse("status", parse_status)
    notes, models = cols.text("note"), cols.text("device_model")
    _named_devices(cols, devices, models, notes)
    given_ids = cols.parse("event_id", parse_id)
    sources = ctx.sources.resolve(cols)
    built: list[tuple[int, dict]] = []
    for index in range(len(cols)):
        kind = kinds[index]
        if kind is None:
            if devices[index] is not None:
                kind = "find"
            elif killed[index] is not None or injured[index] is not None:
                kind = "incident"
            elif index not in cols.bad_rows:
                cols.problem(index, "kind", "", N_("is this a find or an incident? Give a device "
                                               "category for a find, or killed/injured for an incident"))
        if kind == "find" and devices[index] is None and index not in cols.bad_rows:
            cols.problem(index, "device_category", "", N_("a find needs a device category"))
        start, end = starts[index], ends[index]
        if start and end and end < start:
            cols.problem(index, "date_end", end.isoformat(),
                         _("end date is before the start date ({date})").format(date=start.isoformat()))
        if start is None:  # no date: its problem is recorded (the cell's, or the file's)
            cols.bad_rows.add(index)
        if index in cols.bad_rows:
            continue
        lat, lon = located[index] or (None, None)
        level = ctx.index.level_of(place_ids[index]) if place_ids[index] else None
        built.append((index, {
            "event_id": given_ids[index], "source_id": sources[index], "kind": str(kind),
            "date_start": start.isoformat(), "date_end": end.isoformat() if end else None,
            "place": names[index],
            "place_id": place_ids[index], "lat": lat, "lon": lon,
            "location_precision": level or ("point" if lat is not None else None),
            "device_category": devices[index].value if devices[index] else None,
            "device_model": models[index],
            "quantity": quantities[index], "killed": killed[index], "injured": injured[index],
            "status": statuses[index] or "reported", "note": notes[index],
        }))
    return validated_records(cols, built, EVENTS, "event_id")
