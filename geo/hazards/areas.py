"""Areas in square metres, computed in an equal-area projection (never in degrees), and the
district each hazard area lies in, by the polygon itself.

The projection is a Lambert azimuthal equal-area centred on the formerly conflict-affected
districts: areas are exact on the WGS 84 ellipsoid to far better than a square metre per
hectare anywhere in the region.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyproj
import shapely

from geo.units import format_published
from geo.vocab import Qualifier, Unit

EQUAL_AREA = pyproj.CRS.from_proj4(
    "+proj=laea +lat_0=40 +lon_0=46.75 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs")
_TO_EQUAL_AREA = pyproj.Transformer.from_crs("EPSG:4326", EQUAL_AREA, always_xy=True)
M2_PER_HA = 10_000.0


def _project(coordinates: np.ndarray) -> np.ndarray:
    x, y = _TO_EQUAL_AREA.transform(coordinates[:, 0], coordinates[:, 1])
    return np.column_stack([x, y])


def to_equal_area(geometries: Sequence[shapely.Geometry | None] | np.ndarray) -> np.ndarray:
    """Lon/lat geometries projected to the equal-area plane (metres), in one pass."""
    values = np.asarray(geometries, dtype=object)
    return shapely.transform(values, _project) if len(values) else values


def areas_m2(geometries: Sequence[shapely.Geometry | None] | np.ndarray) -> np.ndarray:
    """Area of each lon/lat geometry in square metres (0 for a missing one)."""
    projected = to_equal_area(geometries)
    if not len(projected):
        return np.zeros(0)
    return np.nan_to_num(shapely.area(projected).astype(float))


def hectares(area_m2: float | np.ndarray) -> float | np.ndarray:
    """Square metres as hectares."""
    return area_m2 / M2_PER_HA


def hectares_text(area_ha: float, decimals: int) -> str:
    """Hectares rounded and written in the interface language: '12.5 ha' / '12,5 га'."""
    return format_published(round(float(area_ha), decimals), Unit.HA, Qualifier.EXACT)


def districts_of(geometries: Sequence[shapely.Geometry], district_ids: Sequence[str],
                 district_shapes: Sequence[shapely.Geometry]) -> list[str | None]:
    """The district holding most of each geometry's area (None where none overlaps it)."""
    found: list[str | None] = [None] * len(geometries)
    if not len(geometries) or not len(district_shapes):
        return found
    shapes = to_equal_area(list(district_shapes))
    projected = to_equal_area(list(geometries))
    tree = shapely.STRtree(shapes)
    pairs = tree.query(projected, predicate="intersects")
    if not pairs.shape[1]:
        return found
    shared = shapely.area(shapely.intersection(projected[pairs[0]], shapes[pairs[1]]))
    best: dict[int, tuple[float, int]] = {}
    for item, district, area in zip(pairs[0], pairs[1], shared, strict=True):
        if area > best.get(int(item), (-1.0, -1))[0]:
            best[int(item)] = (float(area), int(district))
    for item, (_, district) in best.items():
        found[item] = district_ids[district]
    return found
