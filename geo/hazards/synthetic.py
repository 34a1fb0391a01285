"""Synthetic hazard areas, land-release records, finds and incidents, shaped like the files
operators send: made up, reproducible, and marked as synthetic in every row.

Hazard areas are irregular polygons of 0.5 to 150 ha clustered along belts inside each
district polygon, SHA and CHA in plausible shares, some overlapping a neighbour, a few with
a self-touching boundary that the upload repairs and (if asked) a few with crossed corners
that it refuses. Land-release records follow each released or partly released area; finds
and incidents fall partly inside hazard areas and partly around them. No real hazard
polygons for these districts are public: none of this describes real places.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.hazards.areas import M2_PER_HA, areas_m2
from geo.hazards.geometry import repair
from geo.vocab import PlaceLevel
from geo.vocab.hazards import SYNTHETIC_PREFIX

SOURCE_ID = f"{SYNTHETIC_PREFIX}-DEMO"
ORIGINATOR = "Synthetic demonstration data (not real)"
SOURCE = {"source_id": SOURCE_ID, "originator": ORIGINATOR, "party": "national_ngo",
          "outlet": "python -m tools.demo", "published": "2026-01-01"}
NOTE = "synthetic demonstration data, not a real record"
OPERATORS = np.array(["ANAMA", "Ministry of Defence", "Ministry of Emergency Situations",
                      "State Border Service", "Local companies"])
OPERATOR_SHARES = np.array([0.60, 0.14, 0.02, 0.03, 0.21])
CONTAMINATION = np.array(["AP mines", "AT mines", "UXO", "mixed", "cluster munitions"])
CONTAMINATION_SHARES = np.array([0.35, 0.15, 0.25, 0.20, 0.05])
STATUSES = np.array(["open", "in progress", "released"])
STATUS_SHARES = np.array([0.5, 0.15, 0.35])
LAND_USES = np.array(["agriculture", "residential", "transport", "energy", "other"])
LAND_USE_SHARES = np.array([0.55, 0.22, 0.02, 0.03, 0.18])
BELTS_PER_DISTRICT = 30
METRES_PER_DEGREE = 111_320.0
FIRST_DAY = np.datetime64("2021-01-01")
LAST_DAY = np.datetime64("2025-12-31")


def _inside(polygon: shapely.Geometry, count: int, rng: np.random.Generator) -> np.ndarray:
    """`count` uniform (lon, lat) points inside a polygon."""
    minx, miny, maxx, maxy = polygon.bounds
    found = np.empty((0, 2))
    while len(found) < count:
        candidates = rng.uniform((minx, miny), (maxx, maxy), (4 * count + 8, 2))
        found = np.vstack([found, candidates[shapely.contains_xy(polygon, *candidates.T)]])
    return found[:count]


def _centres(district: shapely.Geometry, count: int, rng: np.random.Generator) -> np.ndarray:
    """Hazard centres along a few belts (former front lines, roads) inside the district."""
    belts = _inside(district, BELTS_PER_DISTRICT, rng)
    shapely.prepare(district)
    found = np.empty((0, 2))
    while len(found) < count:
        chosen = belts[rng.integers(0, len(belts), 2 * count)]
        candidates = chosen + rng.normal(0.0, 0.03, (2 * count, 2))
        found = np.vstack([found, candidates[shapely.contains_xy(district, *candidates.T)]])
    return found[:count]


def _polygon(lon: float, lat: float, radius_m: float, rng: np.random.Generator) -> shapely.Polygon:
    """An irregular star-shaped polygon (always valid) of about `radius_m` around a point."""
    corners = int(rng.integers(6, 13))
    angles = (np.arange(corners) + rng.uniform(-0.35, 0.35, corners)) * 2 * np.pi / corners
    radii = radius_m * rng.uniform(0.55, 1.0, corners)
    dx = radii * np.cos(angles) / (METRES_PER_DEGREE * np.cos(np.radians(lat)))
    dy = radii * np.sin(angles) / METRES_PER_DEGREE
    return shapely.Polygon(np.column_stack([lon + dx, lat + dy]).round(6))


def with_spike(polygon: shapely.Polygon) -> shapely.Polygon:
    """The polygon with a spike: its boundary goes out and back along one line (a digitising
    slip; repairable without changing the area)."""
    ring = list(polygon.exterior.coords)[:-1]
    (x0, y0), (x1, y1) = ring[0], ring[1]
    middle = ((x0 + x1) / 2, (y0 + y1) / 2)
    tip = (middle[0] + (y1 - y0) * 0.3, middle[1] - (x1 - x0) * 0.3)  # outwards of a CCW ring
    return shapely.Polygon([ring[0], middle, tip, middle, *ring[1:]])


def with_crossed_corners(polygon: shapely.Polygon) -> shapely.Polygon:
    """The polygon with two corners swapped: a boundary that crosses itself (refused)."""
    ring = list(polygon.exterior.coords)[:-1]
    ring[1], ring[2] = ring[2], ring[1]
    ring[3], ring[4] = ring[4], ring[3]
    return shapely.Polygon(ring)


def _dates(rng: np.random.Generator, count: int) -> tuple[np.ndarray, np.ndarray]:
    recorded = FIRST_DAY + rng.integers(0, 1300, count).astype("timedelta64[D]")
    surveyed = np.minimum(recorded + rng.integers(0, 500, count).astype("timedelta64[D]"), LAST_DAY)
    return recorded, surveyed


def _shares(shapes: list[shapely.Geometry], total: int) -> np.ndarray:
    """`total` split between districts by their area, a few at least in each, summing to `total`."""
    areas = areas_m2(shapes)
    least = max(1, min(5, total // (2 * len(shapes))))
    counts = np.maximum(least, np.floor(total * areas / areas.sum())).astype(int)
    largest = int(np.argmax(areas))
    counts[largest] += total - counts.sum()  # the rounding, given to (or taken from) the largest
    return counts


def synthetic_hazards(places: gpd.GeoDataFrame, per_district: int, seed: int = 11,
                      overlap_share: float = 0.06, repairable_share: float = 0.01,
                      refused_share: float = 0.0) -> gpd.GeoDataFrame:
    """Hazard areas as an operator's layer: properties named as files name them, EPSG:4326.

    `per_district` times the number of districts are spread over the districts by area, so a
    large district holds many hundreds and a city a handful.
    """
    rng = np.random.default_rng(seed)
    districts = places[places["level"] == PlaceLevel.DISTRICT.value].sort_values("place_id")
    counts = _shares(list(districts.geometry), per_district * len(districts))
    frames = []
    for district_id, shape, count in zip(districts["place_id"], districts.geometry, counts,
                                         strict=True):
        centres = _centres(shape, count, rng)
        radii = np.clip(rng.lognormal(np.log(170), 0.6, count), 40, 700)
        twins = np.flatnonzero(rng.random(count) < overlap_share)[1:]
        centres[twins] = centres[twins - 1] + rng.normal(0, 0.0012, (len(twins), 2))
        code = district_id.split(":")[-1].upper()
        frames.append(pd.DataFrame({
            "hazard_id": [f"SYN-{code}-{n:04d}" for n in range(count)],
            "geometry": [_polygon(x, y, r, rng) for (x, y), r in zip(centres, radii, strict=True)],
        }))
    frame = pd.concat(frames, ignore_index=True)
    count = len(frame)
    recorded, surveyed = _dates(rng, count)
    kinds = rng.random(count)
    geometries = frame["geometry"].to_numpy().copy()
    for index in np.flatnonzero(kinds < repairable_share):
        spiked = with_spike(geometries[index])
        if repair(spiked).geometry is not None:  # a spike that crosses a concave corner is not
            geometries[index] = spiked
    for index in np.flatnonzero(kinds > 1 - refused_share):
        crossed = with_crossed_corners(geometries[index])
        if not crossed.is_valid and repair(crossed).geometry is None:
            geometries[index] = crossed
    return gpd.GeoDataFrame({
        "hazard_id": frame["hazard_id"],
        "type": np.where(rng.random(count) < 0.55, "CHA", "SHA"),
        "status": rng.choice(STATUSES, count, p=STATUS_SHARES),
        "contamination": rng.choice(CONTAMINATION, count, p=CONTAMINATION_SHARES),
        "recorded": np.datetime_as_string(recorded, unit="D"),
        "last_survey": np.datetime_as_string(surveyed, unit="D"),
        "operator": rng.choice(OPERATORS, count, p=OPERATOR_SHARES),
        "source_id": SOURCE_ID, "note": NOTE,
    }, geometry=list(geometries), crs="EPSG:4326")


def _month_end(days: np.ndarray) -> np.ndarray:
    months = days.astype("datetime64[M]")
    return (months + 1).astype("datetime64[D]") - np.timedelta64(1, "D")


def synthetic_releases(hazards: gpd.GeoDataFrame, seed: int = 12) -> pd.DataFrame:
    """Land-release records for released and in-progress areas, as a table an operator sends."""
    rng = np.random.default_rng(seed)
    chosen = hazards[hazards["status"].isin(["released", "in progress"])
                     & shapely.is_valid(hazards.geometry.values)].reset_index(drop=True)
    area_ha = areas_m2(chosen.geometry.values) / M2_PER_HA
    released = (chosen["status"] == "released").to_numpy()
    share = np.where(released, 1.0, rng.uniform(0.2, 0.6, len(chosen)))
    method = np.where(chosen["type"] == "SHA",
                      np.where(rng.random(len(chosen)) < 0.6, "cancelled", "reduced"), "cleared")
    recorded = pd.to_datetime(chosen["recorded"]).to_numpy().astype("datetime64[D]")
    ends = _month_end(np.minimum(recorded + rng.integers(60, 900, len(chosen))
                                 .astype("timedelta64[D]"), LAST_DAY))
    starts = ends.astype("datetime64[M]").astype("datetime64[D]")
    cleared = method == "cleared"
    items = {name: np.where(cleared, rng.poisson(rate * np.maximum(area_ha, 0.1)), 0)
             for name, rate in (("AP mines", 4.0), ("AT mines", 1.0), ("UXO", 6.0))}
    return pd.DataFrame({
        "release id": [f"SYN-R{n:05d}" for n in range(len(chosen))],
        "hazard id": chosen["hazard_id"], "method": method,
        "hectares": (area_ha * share).round(4), "period start": np.datetime_as_string(starts),
        "period end": np.datetime_as_string(ends), "operator": chosen["operator"], **items,
        "land use": rng.choice(LAND_USES, len(chosen), p=LAND_USE_SHARES),
        "source_id": SOURCE_ID, "note": NOTE,
    })


def synthetic_events(hazards: gpd.GeoDataFrame, finds: int, incidents: int,
                     seed: int = 13) -> pd.DataFrame:
    """Finds and incidents with coordinates, some inside hazard areas and some around them."""
    rng = np.random.default_rng(seed)
    shapes = hazards.geometry.values[shapely.is_valid(hazards.geometry.values)]
    total = finds + incidents
    inside = rng.random(total) < 0.6
    points = np.empty((total, 2))
    picked = shapes[rng.integers(0, len(shapes), total)]
    for index in np.flatnonzero(inside):
        points[index] = _inside(picked[index], 1, rng)[0]
    centres = shapely.get_coordinates(shapely.centroid(picked[~inside]))
    points[~inside] = centres + rng.normal(0, 0.01, (int((~inside).sum()), 2))
    days = FIRST_DAY + rng.integers(0, 1800, total).astype("timedelta64[D]")
    is_find = np.arange(total) < finds
    return pd.DataFrame({
        "event id": [f"SYN-E{n:06d}" for n in range(total)],
        "kind": np.where(is_find, "find", "incident"),
        "date": np.datetime_as_string(days), "lat": points[:, 1].round(6),
        "lon": points[:, 0].round(6),
        "device category": np.where(is_find, rng.choice(["UXO", "AP mine", "AT mine"], total,
                                                        p=[0.55, 0.33, 0.12]), ""),
        "quantity": np.where(is_find, np.minimum(rng.geometric(0.45, total), 50).astype(str), ""),
        "killed": np.where(is_find, "", rng.integers(0, 2, total).astype(str)),
        "injured": np.where(is_find, "", rng.integers(0, 3, total).astype(str)),
        "source_id": SOURCE_ID, "note": NOTE,
    })
