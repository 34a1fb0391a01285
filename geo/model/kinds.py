"""Every kind of row the store keeps, declared once: its table, identity keys, id field, what
makes two rows the same statement, its labels and count wording, whether revisions count it,
and the upload kind that brings it. The plan of an upload, the store's schema, the History
page's counts, the upload's kinds and the read API all look kinds up here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from geo.i18n import N_, n_
from geo.units import format_number


@dataclass(frozen=True)
class Kind:
    """One kind of stored row."""

    table: str  # the store's table and the Tables field
    keys: tuple[str, ...]  # identity: a row with the same keys is a new version of it
    singular: str
    plural: str
    count: Callable[[int], str]  # '3 figures' in the interface language ({count} unfilled)
    id_field: str = ""  # the one-column id, where there is one
    restatement: tuple[str, ...] = ()  # same publisher, what, where, when, how much: a restatement
    counted_in_revisions: int = 0  # revisions record its rows: its place in their counts (1 first)
    sourced: bool = False  # its rows name the source they come from
    planned: bool = True  # an upload's plan compares it with the store
    upload: str = ""  # the upload kind whose files hold these rows
    upload_label: str = ""


KINDS: dict[str, Kind] = {kind.table: kind for kind in (
    Kind("sources", ("source_id",), N_("source"), N_("sources"),
         lambda count: n_("{count} source", "{count} sources", count), id_field="source_id",
         counted_in_revisions=4),
    Kind("claims", ("claim_id",), N_("figure"), N_("figures"),
         lambda count: n_("{count} figure", "{count} figures", count), id_field="claim_id",
         restatement=("originator_key", "metric", "place_id", "period_start", "period_end",
                      "value_base"),
         counted_in_revisions=1, sourced=True, upload="figures",
         upload_label=N_("Published figures (one per row, or a column per metric)")),
    Kind("events", ("event_id",), N_("event"), N_("events"),
         lambda count: n_("{count} event", "{count} events", count), id_field="event_id",
         restatement=("originator_key", "kind", "place_id", "lat", "lon", "date_start",
                      "date_end", "device_category", "quantity", "killed", "injured"),
         counted_in_revisions=2, sourced=True, upload="events",
         upload_label=N_("Reported finds and mine incidents")),
    Kind("placements", ("placement_id",), N_("placement"), N_("placements"),
         lambda count: n_("{count} placement", "{count} placements", count),
         id_field="placement_id"),
    Kind("places", ("place_id",), N_("place"), N_("places"),
         lambda count: n_("{count} place", "{count} places", count), id_field="place_id",
         counted_in_revisions=3, upload="places",
         upload_label=N_("Places and district boundaries")),
    Kind("names", ("place_id", "name"), N_("place name"), N_("place names"),
         lambda count: n_("{count} place name", "{count} place names", count)),
    Kind("hazards", ("hazard_id",), N_("hazard area"), N_("hazard areas"),
         lambda count: n_("{count} hazard area", "{count} hazard areas", count),
         id_field="hazard_id",
         restatement=("originator_key", "hazard_type", "hazard_status", "contamination",
                      "area_m2", "recorded_date", "operator"),
         counted_in_revisions=5, sourced=True, upload="hazards",
         upload_label=N_("Hazard areas (SHA/CHA polygons)")),
    Kind("releases", ("release_id",), N_("land-release record"), N_("land-release records"),
         lambda count: n_("{count} land-release record", "{count} land-release records", count),
         id_field="release_id",
         restatement=("originator_key", "hazard_id", "method", "area_m2", "period_start",
                      "period_end", "operator", "land_use"),
         counted_in_revisions=6, sourced=True, upload="releases",
         upload_label=N_("Land release (cancelled, reduced, cleared)")),
    Kind("breakdowns", ("breakdown_id",), N_("published breakdown"), N_("published breakdowns"),
         lambda count: n_("{count} published breakdown", "{count} published breakdowns", count),
         id_field="breakdown_id", planned=False),
)}
PLANNED = tuple(name for name, kind in KINDS.items() if kind.planned)
COUNTED = tuple(sorted((name for name, kind in KINDS.items() if kind.counted_in_revisions),
                      key=lambda name: KINDS[name].counted_in_revisions))
SOURCED = tuple(name for name, kind in KINDS.items() if kind.sourced)
UPLOADS: dict[str, Kind] = {kind.upload: kind for kind in KINDS.values() if kind.upload}


def counted(count: int, table: str) -> str:
    """'1 figure', '3 figures' (in the interface language)."""
    return KINDS[table].count(count).format(count=format_number(count))
