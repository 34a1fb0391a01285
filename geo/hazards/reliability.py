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

from geo.units import format_number
from geo.vocab import METRICS, STATUS_LABELS

CLAIM_METRICS = ("minefield_map_accuracy", "incidents_outside_mapped_areas")
NOUNS = {"incident": ("incident", "incidents"), "find": ("find", "finds")}


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
    _, hit = tree.query(polygons, predicate="intersects")
    inside[np.unique(hit)] = True
    return inside


def outside_shares(events: pd.DataFrame, hazards: pd.DataFrame) -> list[OutsideShare]:
    """Incidents and finds outside every hazard area, with the counts behind each share."""
    polygons = np.asarray(hazards["geometry"].to_numpy(), dtype=object) if len(hazards) else np.array([])
    polygons = polygons[~shapely.is_missing(polygons)] if len(polygons) else polygons
    found = []
    for kind in NOUNS:
        chosen = events[events["kind"] == kind]
        positions, points = located_points(chosen)
        inside = inside_any(points, polygons)
        found.append(OutsideShare(kind, len(positions), int((~inside).sum()),
                                  len(chosen) - len(positions), len(polygons)))
    return found


def _computed_row(share: OutsideShare, as_of: str) -> dict:
    one, many = NOUNS[share.kind]
    if share.share is None:
        figure = "–"
        basis = f"no {one} in this selection has coordinates"
    else:
        figure = f"{share.share:.1f} %"
        basis = (f"{share.outside:,} of {share.located:,} {many} with coordinates lie outside all "
                 f"{share.hazard_areas:,} recorded hazard areas")
    if share.not_located:
        basis += f"; {share.not_located:,} {many if share.not_located != 1 else one} known only by a " \
                 "place name not counted"
    return {"Kind": "computed", "What": f"{many.capitalize()} outside every recorded hazard area",
            "Figure": figure, "Basis": basis, "Source": f"computed from the stored data, {as_of}",
            "Status": ""}


def _claimed_rows(claims: pd.DataFrame) -> list[dict]:
    rows = claims[claims["metric"].isin(CLAIM_METRICS)].sort_values(["metric", "period_end"])
    return [{
        "Kind": "claimed", "What": METRICS[row.metric].label,
        "Figure": f"{format_number(float(row.value))} %",
        "Basis": row.note if isinstance(row.note, str) else "",
        "Source": row.attribution, "Status": STATUS_LABELS.get(row.status, row.status),
    } for row in rows.itertuples()]


def reliability_table(shares: list[OutsideShare], claims: pd.DataFrame, as_of: str) -> pd.DataFrame:
    """Computed shares and claimed figures side by side, each labelled computed or claimed."""
    rows = [_computed_row(share, as_of) for share in shares] + _claimed_rows(claims)
    return pd.DataFrame(rows, columns=["Kind", "What", "Figure", "Basis", "Source", "Status"])
