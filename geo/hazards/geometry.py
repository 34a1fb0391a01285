"""Hazard polygons as received: repaired where the repair is unambiguous (and said so),
refused where it is not; and the overlaps between hazard areas, reported.

A repair is unambiguous when two different repairs (GEOS `make_valid` by structure and by
linework) give the same area and that area is the one the rings themselves enclose, or when
a multipolygon's parts are each valid and merely overlap (their union). A figure-eight
boundary (its corners in the wrong order) or a hole outside its shell is refused: there is
no way to tell what was meant.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.validation

from geo.hazards.areas import M2_PER_HA, to_equal_area
from geo.i18n import _, number

AREA_TYPES = ("Polygon", "MultiPolygon")
SAME_AREA = 1e-6  # relative difference below which two areas are the same
MIN_OVERLAP_M2 = 1.0  # shared edges and rounding are not overlaps


@dataclass(frozen=True)
class PolygonCheck:
    """A polygon ready to store (possibly repaired, with what was done), or why it is refused."""

    geometry: shapely.Geometry | None
    repair: str = ""
    problem: str = ""


def _polygonal(geometry: shapely.Geometry) -> shapely.Geometry | None:
    """The polygons of a repaired geometry (lines and points left by collapsed parts dropped)."""
    parts = [p for p in shapely.get_parts(geometry) if p.geom_type == "Polygon" and not p.is_empty]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def explain(geometry: shapely.Geometry) -> str:
    """What is wrong with a polygon, and where: 'self-intersection at (46.51, 39.62)' (GEOS's
    own words, in English in every language)."""
    text = shapely.validation.explain_validity(geometry)
    kind, _bracket, where = text.partition("[")
    parts = where.rstrip("]").split()
    if len(parts) == 2:
        return f"{kind.strip().lower()} at ({float(parts[0]):.5f}, {float(parts[1]):.5f})"
    return kind.strip().lower()


def _same(first: float, second: float) -> bool:
    return abs(first - second) <= SAME_AREA * max(abs(first), abs(second), 1e-18)


def _merged_parts(geometry: shapely.Geometry) -> shapely.Geometry | None:
    """The union of a multipolygon whose every part is valid on its own, else None."""
    if geometry.geom_type != "MultiPolygon":
        return None
    parts = list(geometry.geoms)
    if not all(part.is_valid for part in parts):
        return None
    return _polygonal(shapely.union_all(parts))


def repair(geometry: shapely.Geometry) -> PolygonCheck:
    """One invalid polygon repaired where unambiguous; otherwise the reason it is refused."""
    reason = explain(geometry)
    merged = _merged_parts(geometry)
    if merged is not None:
        return PolygonCheck(merged, _("its parts overlapped ({reason}): merged into one area").format(
            reason=reason))
    by_structure = _polygonal(shapely.make_valid(geometry, method="structure", keep_collapsed=False))
    by_linework = _polygonal(shapely.make_valid(geometry, method="linework"))
    if by_structure is None or by_linework is None:
        return PolygonCheck(None, problem=_("invalid polygon ({reason}) with no area left once "
                                            "repaired").format(reason=reason))
    differ = shapely.symmetric_difference(by_structure, by_linework).area
    agree = differ <= SAME_AREA * by_structure.area
    if agree and _same(by_structure.area, geometry.area):
        return PolygonCheck(by_structure, _("{reason}: repaired without changing its area").format(
            reason=reason))
    if reason.startswith("self-intersection"):
        problem = _("invalid polygon ({reason}) (a boundary that crosses itself: are its corners in "
                    "the right order?), and no repair is unambiguous: fix it in the GIS and upload it "
                    "again")
    else:
        problem = _("invalid polygon ({reason}), and no repair is unambiguous: fix it in the GIS and "
                    "upload it again")
    return PolygonCheck(None, problem=problem.format(reason=reason))


def check_polygons(geometries: list[shapely.Geometry | None]) -> list[PolygonCheck]:
    """Each geometry checked: a polygon as it is, repaired, or refused with the reason."""
    values = np.array([shapely.force_2d(g) if g is not None else None for g in geometries],
                      dtype=object)
    valid = shapely.is_valid(values)
    checks: list[PolygonCheck] = []
    for geometry, is_valid in zip(values, valid, strict=True):
        if geometry is None or geometry.is_empty:
            checks.append(PolygonCheck(None, problem=_("missing or empty geometry: a hazard area "
                                                       "needs a polygon")))
        elif geometry.geom_type not in AREA_TYPES:
            checks.append(PolygonCheck(None, problem=_("a hazard area is a polygon, not a {kind}").format(
                kind=geometry.geom_type)))
        elif is_valid:
            checks.append(PolygonCheck(geometry))
        else:
            checks.append(repair(geometry))
    return checks


OVERLAP_COLUMNS = ["hazard_id", "other_hazard_id", "other_is_stored", "overlap_m2", "share_of_smaller"]


def overlaps(new: gpd.GeoDataFrame, stored: gpd.GeoDataFrame | None = None) -> pd.DataFrame:
    """Pairs of hazard areas that overlap: within `new`, and between `new` and `stored`
    (stored areas that `new` replaces, by id, left out), with the shared area."""
    candidates = new[["hazard_id", "geometry"]].assign(stored=False)
    if stored is not None and len(stored):
        kept = stored.loc[~stored["hazard_id"].isin(set(new["hazard_id"])), ["hazard_id", "geometry"]]
        candidates = pd.concat([candidates, kept.assign(stored=True)], ignore_index=True)
    if len(new) == 0 or len(candidates) < 2:
        return pd.DataFrame(columns=OVERLAP_COLUMNS)
    shapes = to_equal_area(candidates.geometry.to_numpy())
    tree = shapely.STRtree(shapes)
    first, second = tree.query(shapes[: len(new)], predicate="intersects")
    keep = first < second
    first, second = first[keep], second[keep]
    if not len(first):
        return pd.DataFrame(columns=OVERLAP_COLUMNS)
    shared = shapely.area(shapely.intersection(shapes[first], shapes[second]))
    smaller = np.minimum(shapely.area(shapes[first]), shapely.area(shapes[second]))
    real = shared > MIN_OVERLAP_M2
    ids = candidates["hazard_id"].to_numpy()
    return pd.DataFrame({
        "hazard_id": ids[first[real]], "other_hazard_id": ids[second[real]],
        "other_is_stored": candidates["stored"].to_numpy()[second[real]],
        "overlap_m2": shared[real], "share_of_smaller": shared[real] / smaller[real],
    }).sort_values("overlap_m2", ascending=False).reset_index(drop=True)


def overlaps_table(found: pd.DataFrame) -> pd.DataFrame:
    """Overlaps for reading: both ids, whether the other is already stored, hectares, share
    (headings and words in the language in force)."""
    return pd.DataFrame({
        _("Hazard area"): found["hazard_id"], _("Overlaps"): found["other_hazard_id"],
        _("Which is"): np.where(found["other_is_stored"].astype(bool), _("already stored"),
                                _("in this file")),
        _("Shared area (ha)"): (found["overlap_m2"].astype(float) / M2_PER_HA).round(4),
        _("Share of the smaller area"): (found["share_of_smaller"].astype(float) * 100).map(
            lambda share: number(share, 1) + " %"),
    })
