"""Places: the gazetteer of countries, districts, settlements and named features."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pydantic import BaseModel, ConfigDict, Field
from shapely.geometry import shape

from geo.vocab import PlaceLevel

CRS = "EPSG:4326"

PLACE_COLUMNS = [
    "place_id", "level", "name", "name_az", "district_id", "precision", "is_proxy",
    "source", "license", "geometry",
]
NAME_COLUMNS = ["place_id", "name", "usage"]


class PlaceName(BaseModel):
    """One name of a place with its language or usage."""

    model_config = ConfigDict(frozen=True)

    place_id: str
    name: str = Field(min_length=1, max_length=200)
    usage: str

# Place levels from the coarsest: a figure for the country comes before district ones.
LEVEL_ORDER = [PlaceLevel.COUNTRY.value, PlaceLevel.ECONOMIC_REGION.value, PlaceLevel.DISTRICT.value,
               PlaceLevel.SETTLEMENT.value, PlaceLevel.NAMED_FEATURE.value]


def coarsest(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims at the coarsest place level present (country before districts)."""
    if claims.empty:
        return claims
    rank = claims["place_level"].map({lvl: i for i, lvl in enumerate(LEVEL_ORDER)})
    return claims[rank == rank.min()]



def slug(text: str) -> str:
    """Lower-case ASCII slug for ids: 'Sarıbaba height' -> 'saribaba-height'."""
    ascii_text = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("ə", "a"))
    ascii_text = ascii_text.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


MAX_SLUG = 90  # ids stay within the store's 120 characters


def place_id_for(level: PlaceLevel | str, name: str) -> str:
    """Stable id such as 'district:tartar' (long names shortened, with a hash to keep them apart)."""
    text = slug(name) or "place"
    if len(text) > MAX_SLUG:
        text = f"{text[:MAX_SLUG - 11]}-{hashlib.sha1(text.encode()).hexdigest()[:10]}"
    return f"{PlaceLevel(level).value}:{text}"


def name_usage(name: str) -> str:
    """Guess a name's usage from its script (Armenian, Cyrillic, other, Latin variant)."""
    for char in name:
        if "\u0530" <= char <= "\u058f":
            return "armenian_script"
        if "\u0400" <= char <= "\u04ff":
            return "cyrillic_russian"
        if char.isalpha() and ord(char) > 0x24F:
            return "other_script"
    return "latin_variant"


def _names_of(place_id: str, props: dict) -> list[PlaceName]:
    names = [PlaceName(place_id=place_id, name=props["name"], usage="english")]
    if props.get("name_az"):
        names.append(PlaceName(place_id=place_id, name=props["name_az"], usage="azerbaijani_official"))
    alt_names = list(props.get("alt_names") or [])
    for position, alt in enumerate(alt_names):
        following = alt_names[position + 1] if position + 1 < len(alt_names) else ""
        usage = name_usage(alt)
        if usage == "latin_variant" and name_usage(following) == "armenian_script":
            usage = "armenian_usage"  # a Latin name listed with its Armenian spelling
        names.append(PlaceName(place_id=place_id, name=alt, usage=usage))
    return names


def _read_features(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def point_level(kind: str) -> PlaceLevel:
    """Level of a point place from its 'kind' text."""
    lowered = kind.lower()
    if any(word in lowered for word in ("height", "mount", "hill", "pass", "river")):
        return PlaceLevel.NAMED_FEATURE
    return PlaceLevel.SETTLEMENT


def display_name(name: str) -> str:
    """Drop editorial parentheticals: 'Sarıbaba height (PROXY: ...)' -> 'Sarıbaba height'."""
    return re.sub(r"\s*\(.*?\)", "", name).strip()


def districts_at(lon: np.ndarray, lat: np.ndarray, places: gpd.GeoDataFrame) -> np.ndarray:
    """District place id each point falls in (None outside every district or without
    coordinates); where district polygons overlap, the lowest place id."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    out = np.full(len(lon), None, dtype=object)
    districts = places[places["level"] == PlaceLevel.DISTRICT.value].sort_values("place_id")
    for place_id, polygon in zip(districts["place_id"], districts.geometry, strict=True):
        if polygon is None:
            continue
        shapely.prepare(polygon)  # many points against one polygon: prepared tests are fast
        inside = shapely.contains_xy(polygon, lon, lat)
        out[inside & (out == None)] = place_id  # noqa: E711 (elementwise)
    return out


def districts_for_points(events: pd.DataFrame, places: gpd.GeoDataFrame) -> pd.Series:
    """District id of each event by point-in-polygon (None without coordinates or outside)."""
    lon = pd.to_numeric(events["lon"], errors="coerce").to_numpy(float)
    lat = pd.to_numeric(events["lat"], errors="coerce").to_numpy(float)
    return pd.Series(districts_at(lon, lat, places), index=events.index, dtype=object)


def economic_regions(districts: list[dict]) -> tuple[list[dict], list[PlaceName]]:
    """Karabakh and East Zangezur (economic regions since the decree of 7 July 2021), each the
    union of its districts' polygons, with their names in English, Azerbaijani and Russian."""
    from geo.names import ECONOMIC_REGION_NAMES, ECONOMIC_REGIONS, economic_region_id

    shapes = {row["place_id"]: row for row in districts if row["level"] == PlaceLevel.DISTRICT.value}
    rows: list[dict] = []
    names: list[PlaceName] = []
    for region, members in ECONOMIC_REGIONS.items():
        parts = [shapes[m] for m in members if m in shapes]
        if not parts:
            continue
        pid = economic_region_id(region)
        name, name_az, others = ECONOMIC_REGION_NAMES[region]
        rows.append({
            "place_id": pid, "level": PlaceLevel.ECONOMIC_REGION.value, "name": name,
            "name_az": name_az, "district_id": None,
            "precision": "union of its districts' coarse polygons", "is_proxy": False,
            "source": "Economic regions of Azerbaijan (presidential decree of 7 July 2021); "
                      "districts as in regions.geojson",
            "license": parts[0]["license"],
            "geometry": shapely.union_all([p["geometry"] for p in parts]),
        })
        names += _names_of(pid, {"name": name, "name_az": name_az, "alt_names": list(others)})
    return rows, names


def load_gazetteer(geo_dir: Path) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Places (EPSG:4326) and their names from the country, region and place GeoJSON files.

    A district also carries every name of its seat town (matched by GeoNames id), so that
    'Шуша' or 'Berjor' reach the district unless the row asks for the town.
    """
    rows: list[dict] = []
    names: list[PlaceName] = []
    for feature in _read_features(geo_dir / "country.geojson"):
        props = feature["properties"]
        pid = place_id_for(PlaceLevel.COUNTRY, props["name"])
        rows.append({
            "place_id": pid, "level": PlaceLevel.COUNTRY.value, "name": props["name"],
            "name_az": props.get("name_az") or "", "district_id": None,
            "precision": "coarse polygon (Natural Earth 1:10m)", "is_proxy": False,
            "source": props.get("source", ""), "license": props.get("license", ""),
            "geometry": shape(feature["geometry"]),
        })
        names += _names_of(pid, props)
    seats: dict[float, str] = {}
    for feature in _read_features(geo_dir / "regions.geojson"):
        props = feature["properties"]
        pid = place_id_for(PlaceLevel.DISTRICT, props["name"])
        if props.get("seat_geonameid"):
            seats[float(props["seat_geonameid"])] = pid
        rows.append({
            "place_id": pid, "level": PlaceLevel.DISTRICT.value, "name": props["name"],
            "name_az": props.get("name_az") or "", "district_id": pid,
            "precision": "coarse polygon (Natural Earth 1:10m, about 0.5-2 km)", "is_proxy": False,
            "source": props.get("source", ""), "license": props.get("license", ""),
            "geometry": shape(feature["geometry"]),
        })
        names += _names_of(pid, props)
    region_rows, region_names = economic_regions(rows)
    rows += region_rows
    names += region_names
    for feature in _read_features(geo_dir / "places.geojson"):
        props = feature["properties"]
        level = point_level(props.get("kind", ""))
        name = display_name(props["name"])
        pid = place_id_for(level, name)
        is_proxy = bool(props.get("is_proxy"))
        rows.append({
            "place_id": pid, "level": level.value, "name": name,
            "name_az": props.get("name_az") or "",
            "district_id": place_id_for(PlaceLevel.DISTRICT, props["district"]),
            "precision": "proxy point" if is_proxy else "point", "is_proxy": is_proxy,
            "source": props.get("source", ""), "license": props.get("license", ""),
            "geometry": shape(feature["geometry"]),
        })
        names += _names_of(pid, props)
        if name != props["name"]:
            names.append(PlaceName(place_id=pid, name=name, usage="english"))
        seat_of = seats.get(float(props["geonameid"])) if props.get("geonameid") else None
        if seat_of:
            names += [PlaceName(place_id=seat_of, name=n.name, usage="name_of_its_seat")
                      for n in _names_of(pid, props)]
    places = gpd.GeoDataFrame(rows, columns=PLACE_COLUMNS, geometry="geometry", crs=CRS)
    name_frame = pd.DataFrame([n.model_dump() for n in names], columns=NAME_COLUMNS)
    return places, name_frame.drop_duplicates(["place_id", "name"]).reset_index(drop=True)
