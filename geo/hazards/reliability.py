"""How reliable the recorded hazard map is: the share of incidents and of finds that lie
outside every recorded hazard area, computed from the stored data, beside what sources claim.

Only events with coordinates count (one known only by a village or district name cannot be
placed inside or outside a polygon); they are counted apart. A point on a hazard's boundary
is inside it. Every recorded hazard area counts, whatever its status: released land was
recorded as hazardous too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from geo.i18n import N_, _, n_, number, translated
from geo.units import format_number
from geo.vocab import METRICS, STATUS_LABELS

CLAIM_METRICS = ("minefield_map_accuracy", "incidents_outside_mapped_areas")
KINDS = ("incident", "find")
WHAT = {"incident": N_("Incidents outside every recorded hazard area"),
        "find": N_("Finds outside every recorded hazard area")}
NONE_LOCATED = {"incident": N_("no incident in this selection has coordinates"),
                "find": N_("no find in this selection has coordinates")}
COLUMNS = {"kind": N_("Kind"), "what": N_("What"), "figure": N_("Figure"), "basis": N_("Basis"),
           "source": N_("Source"), "status": N_("Status")}


@dataclass(frozen=True)
class OutsideShare:
    """Events of one kind outside every hazard area: how many of how many located."""

    kind: str
    located: int
    outside: int
    not_located: int
    hazard_areas: int

    @property
    def share(self) -> float | None:
        """Percentage outside (None when no event of the kind has coordinates)."""
        return 100.0 * self.outside / self.located if self.located else None


def located_points(events: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(positions of events with finite coordinates, their points)."""
    lon = pd.to_numeric(events["lon"], errors="coerce").to_numpy(float)
    lat = pd.to_numeric(events["lat"], errors="coerce").to_numpy(float)
    located = np.flatnonzero(np.isfinite(lon) & np.isfinite(lat))
    return located, shapely.points(lon[located], lat[located])


def inside_any(points: np.ndarray, polygons: np.ndarray) -> np.ndarray:
    """Whether each point lies in (or on the edge of) at least one polygon."""
    inside = np.zeros(len(points), dtype=bool)
    if not len(points) or not len(polygons):
        return inside
    tree = shapely.STRtree(points)
    _polygon, hit = tree.query(polygons, predicate="intersects")
    inside[np.unique(hit)] = True
    return inside


def outside_shares(events: pd.DataFrame, hazards: pd.DataFrame) -> list[OutsideShare]:
    """Incidents and finds outside every hazard area, with the counts behind each share."""
    polygons = np.asarray(hazards["geometry"].to_numpy(), dtype=object) if len(hazards) else np.array([])
    polygons = polygons[~shapely.is_missing(polygons)] if len(polygons) else polygons
    polygons = polygons[shapely.get_type_id(polygons) != 0] if len(polygons) else polygons  # no points
    found = []
    for kind in KINDS:
        chosen = events[events["kind"] == kind]
        positions, points = located_points(chosen)
        inside = inside_any(points, polygons)
        found.append(OutsideShare(kind, len(positions), int((~inside).sum()),
                                  len(chosen) - len(positions), len(polygons)))
    return found


def _located_basis(share: OutsideShare) -> str:
    """'12 of 200 finds with coordinates lie outside all 35 recorded hazard areas'."""
    if share.kind == "incident":
        text = n_("{outside} of {located} incident with coordinates lies outside all {areas} recorded "
                  "hazard areas",
                  "{outside} of {located} incidents with coordinates lie outside all {areas} recorded "
                  "hazard areas", share.located)
    else:
        text = n_("{outside} of {located} find with coordinates lies outside all {areas} recorded "
                  "hazard areas",
                  "{outside} of {located} finds with coordinates lie outside all {areas} recorded "
                  "hazard areas", share.located)
    return text.format(outside=format_number(share.outside), located=format_number(share.located),
                       areas=format_number(share.hazard_areas))


def _not_located(share: OutsideShare) -> str:
    """'3 finds known only by a place name not counted'."""
    if share.kind == "incident":
        text = n_("{count} incident known only by a place name not counted",
                  "{count} incidents known only by a place name not counted", share.not_located)
    else:
        text = n_("{count} find known only by a place name not counted",
                  "{count} finds known only by a place name not counted", share.not_located)
    return text.format(count=format_number(share.not_located))


def _computed_row(share: OutsideShare, as_of: str) -> dict:
    if share.share is None:
        figure, basis = "–", _(NONE_LOCATED[share.kind])
    else:
        figure, basis = number(share.share, 1) + " %", _located_basis(share)
    if share.not_located:
        basis += "; " + _not_located(share)
    return {"kind": _("computed"), "what": _(WHAT[share.kind]), "figure": figure, "basis": basis,
            "source": _("computed from the stored data, {when}").format(when=as_of), "status": ""}


def _claimed_rows(claims: pd.DataFrame) -> list[dict]:
    rows = claims[claims["metric"].isin(CLAIM_METRICS)].sort_values(["metric", "period_end"])
    statuses = translated(STATUS_LABELS)
    return [{
        "kind": _("claimed"), "what": _(METRICS[row.metric].label),
        "figure": f"{format_number(float(row.value))} %",
        "basis": row.note if isinstance(row.note, str) else "",
        "source": row.attribution, "status": statuses.get(row.status, row.status),
    } for row in rows.itertuples()]


def reliability_table(shares: list[OutsideShare], claims: pd.DataFrame, as_of: str) -> pd.DataFrame:
    """Computed shares and claimed figures side by side, each labelled computed or claimed
    (headings and wording in the language in force; the first column says which)."""
    rows = [_computed_row(share, as_of) for share in shares] + _claimed_rows(claims)
    return pd.DataFrame(rows, columns=list(COLUMNS)).rename(columns=translated(COLUMNS))
