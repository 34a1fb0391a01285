"""Reading the seed files in data/ into validated, name-matched tables."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ValidationError

from geo.claims import Claim
from geo.events import Event
from geo.model.hazards import PublishedBreakdown
from geo.model.tables import Tables
from geo.names import AliasIndex
from geo.places import load_gazetteer
from geo.sources import Source

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SEED_FILES = (
    "sources.csv", "claims.csv", "events.csv", "placements.csv", "breakdowns.csv",
    "geo/country.geojson", "geo/regions.geojson", "geo/places.geojson",
)


class SeedError(ValueError):
    """A seed file row that does not validate or does not match a place."""


def read_csv_text(path: Path) -> pd.DataFrame:
    """A CSV read as text, empty cells as ''."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def validate_rows(
    model: type[BaseModel], rows: Iterable[dict], label: str
) -> list[BaseModel]:
    """Validate rows, raising SeedError naming the first bad row and field."""
    out: list[BaseModel] = []
    for number, row in enumerate(rows, start=2):
        clean = {k: v for k, v in row.items() if v not in ("", None)}
        try:
            out.append(model.model_validate(clean))
        except ValidationError as error:
            first = error.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "row"
            raise SeedError(f"{label} line {number}, {field}: {first['msg']}") from error
    return out


def models_frame(models: list[BaseModel]) -> pd.DataFrame:
    """Validated models as a frame of JSON-ready values (dates as ISO text, enums as codes)."""
    return pd.DataFrame([m.model_dump(mode="json") for m in models])


def resolve_places(frame: pd.DataFrame, index: AliasIndex, label: str) -> pd.DataFrame:
    """Add place_id from the 'place' column, using location_precision as the level."""
    ids: list[str] = []
    for number, (name, level) in enumerate(
        zip(frame["place"], frame.get("location_precision", [None] * len(frame)), strict=True),
        start=2,
    ):
        match = index.resolve(name, level=level or None)
        if not match.ok:
            raise SeedError(f"{label} line {number}, place {name!r}: {match.reason}")
        ids.append(str(match.place_id))
    return frame.assign(place_id=ids)


def load_seed(data_dir: Path = DATA_DIR) -> Tables:
    """Every seed row from data/, validated and joined to the gazetteer."""
    places, names = load_gazetteer(data_dir / "geo")
    index = AliasIndex(places, names)
    sources = read_csv_text(data_dir / "sources.csv")
    sources = models_frame(validate_rows(Source, sources.to_dict("records"), "sources.csv"))
    claims = read_csv_text(data_dir / "claims.csv")
    claims = resolve_places(claims, index, "claims.csv")
    claims = models_frame(validate_rows(Claim, claims.to_dict("records"), "claims.csv"))
    events = read_csv_text(data_dir / "events.csv")
    events = resolve_places(events, index, "events.csv")
    events = models_frame(validate_rows(Event, events.to_dict("records"), "events.csv"))
    placements = read_csv_text(data_dir / "placements.csv")
    placements = resolve_places(placements.assign(location_precision=""), index, "placements.csv")
    placements = placements.drop(columns="location_precision")
    district_ids = [index.resolve(d, level="district").place_id for d in placements["district"]]
    placements = placements.assign(district_id=district_ids)
    breakdowns = read_csv_text(data_dir / "breakdowns.csv")
    breakdowns = resolve_places(breakdowns, index, "breakdowns.csv").drop(columns="place")
    breakdowns = models_frame(validate_rows(PublishedBreakdown, breakdowns.to_dict("records"),
                                            "breakdowns.csv"))
    return Tables(sources, claims, events, placements, places, names, breakdowns=breakdowns)
