"""Hazard areas, land release and published breakdowns: validated records, stored as
revisions, retractable, part of the as-of view; the 2023 breakdowns are in the seed."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
import sqlalchemy as sa
from pydantic import ValidationError

from geo.model.hazards import HazardArea, LandRelease, PublishedBreakdown, empty_hazards
from geo.model.tables import empty_tables
from geo.revisions import revision_log
from geo.store import SCHEMA_VERSION, Store, migrate
from tests.conftest import DATA

SQUARE = shapely.box(46.50, 39.60, 46.51, 39.61)


def _hazard(**changes: object) -> dict:
    return {"hazard_id": "H-1", "source_id": "SEED", "hazard_type": "CHA", "hazard_status": "open",
            "contamination": "AP_mines", "area_m2": 95_000.0, "recorded_date": "2023-01-05",
            "last_survey_date": "2024-02-01", "operator": "ANAMA", "district_id": "district:lachin",
            "name": "", "note": "", **changes}


def _release(**changes: object) -> dict:
    return {"release_id": "R-1", "source_id": "SEED", "hazard_id": "H-1", "method": "cleared",
            "area_m2": 40_000.0, "period_start": "2024-03-01", "period_end": "2024-03-31",
            "operator": "ANAMA", "ap_mines": 12, "at_mines": None, "uxo": 3, "ied": None,
            "land_use": "agriculture", "district_id": "district:lachin", "note": "", **changes}


def test_a_hazard_area_is_sha_or_cha_with_a_status_and_a_positive_area() -> None:
    assert HazardArea.model_validate(_hazard()).hazard_type == "CHA"
    for bad in ({"hazard_type": "minefield?"}, {"hazard_status": "done"}, {"area_m2": 0.0},
                {"contamination": "rockets"}):
        with pytest.raises(ValidationError):
            HazardArea.model_validate(_hazard(**bad))


def test_a_land_release_record_has_a_method_an_area_and_an_ordered_period() -> None:
    assert LandRelease.model_validate(_release()).method == "cleared"
    for bad in ({"method": "demined"}, {"area_m2": -1.0}, {"period_start": "2024-04-01"},
                {"land_use": "tourism"}, {"ap_mines": -2}):
        with pytest.raises(ValidationError):
            LandRelease.model_validate(_release(**bad))


def test_the_seed_holds_the_2023_breakdowns_of_trend3870489(tables) -> None:
    breakdowns = tables.breakdowns
    assert set(breakdowns["source_id"]) == {"TREND3870489"}
    area = breakdowns[breakdowns["metric"] == "area_reported_cleared"]
    by_operator = dict(zip(area.loc[area["breakdown"] == "operator", "category"],
                           area.loc[area["breakdown"] == "operator", "value"], strict=True))
    assert by_operator == {"ANAMA": 32823.9, "Ministry of Defence": 6938.7,
                           "Ministry of Emergency Situations": 669.7, "State Border Service": 841.9,
                           "Local companies": 11807.6}
    by_use = area[area["breakdown"] == "land_use"].set_index("category")["value"]
    assert by_use.to_dict() == {"Agriculture": 29005.6, "Transport": 814.8, "Residential": 11720.5,
                                "Energy": 1470.9, "Other": 10070.0}
    items = breakdowns[breakdowns["metric"] == "items_found"].set_index("category")["value"]
    assert items.to_dict() == {"ANAMA": 22600, "Ministry of Defence": 2400,
                               "Ministry of Emergency Situations": 949, "State Border Service": 198,
                               "Local companies": 5400}
    assert round(by_use.sum(), 1) == round(sum(by_operator.values()), 1) == 53081.8
    assert set(breakdowns["period_end"]) == {"2023-12-31"}
    PublishedBreakdown.model_validate(breakdowns.drop(columns="revision_id").iloc[0].to_dict())


def _upload(hazard_rows: list[tuple[dict, shapely.Geometry]], releases: list[dict]):
    upload = empty_tables()
    upload.hazards = gpd.GeoDataFrame([row for row, _ in hazard_rows],
                                      geometry=[g for _, g in hazard_rows], crs="EPSG:4326")
    upload.releases = pd.DataFrame(releases, columns=upload.releases.columns)
    return upload


def _commit(store: Store, upload, name: str) -> int:
    return store.commit(upload, author="test", file_name=name, kind="hazards",
                        sha256=hashlib.sha256(name.encode()).hexdigest())


def test_hazards_and_releases_are_revisions_retractable_and_seen_as_of(store: Store) -> None:
    first = _commit(store, _upload([(_hazard(), SQUARE)], [_release()]), "first.gpkg")
    moved = shapely.box(46.52, 39.60, 46.53, 39.61)
    second = _commit(store, _upload([(_hazard(hazard_status="released"), moved)], []), "second.gpkg")
    now = store.snapshot()
    assert list(now.hazards["hazard_status"]) == ["released"]
    assert now.hazards.geometry.iloc[0].equals(moved)
    assert now.hazards.crs == "EPSG:4326"
    assert list(now.releases["release_id"]) == ["R-1"]
    before = store.snapshot(as_of=first)
    assert list(before.hazards["hazard_status"]) == ["open"]
    assert before.hazards.geometry.iloc[0].equals(SQUARE)
    store.retract(second, by="test", note="wrong status")
    assert list(store.snapshot().hazards["hazard_status"]) == ["open"]
    store.retract(first, by="test")
    assert store.snapshot().hazards.empty and store.snapshot().releases.empty
    log = revision_log(store.revisions()).set_index("Revision")
    assert log.at[first, "Hazard areas"] == 1 and log.at[first, "Land release"] == 1
    assert store.integrity_problems() == []


def test_a_store_from_before_hazards_gains_their_tables_and_counts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'v3.sqlite'}"
    engine = sa.create_engine(url)
    migrate(engine, target=3)
    with engine.begin() as conn:  # as the app before version 5 made it
        conn.execute(sa.text("ALTER TABLE revisions DROP COLUMN rows_hazards"))
        conn.execute(sa.text("ALTER TABLE revisions DROP COLUMN rows_releases"))
        conn.execute(sa.text(
            "insert into revisions (revision_id, created_at, author, file_name, sha256, kind,"
            " rows_claims, rows_events, rows_places, rows_sources, note) values"
            " (1, '2025-01-01 00:00:00', 'old app', 'data/', :sha, 'seed', 0, 0, 0, 0, '')"),
            {"sha": "0" * 64})
        assert not sa.inspect(conn).has_table("hazard_areas")
    upgraded = Store(url)
    assert upgraded.schema_version() == SCHEMA_VERSION
    assert upgraded.revisions().iloc[0]["rows_hazards"] == 0
    revision = _commit(upgraded, _upload([(_hazard(), SQUARE)], []), "after.gpkg")
    assert upgraded.revisions().set_index("revision_id").at[revision, "rows_hazards"] == 1
    assert list(upgraded.snapshot().hazards["hazard_id"]) == ["H-1"]


def test_an_empty_store_has_empty_hazard_tables_with_their_columns(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    tables = store.snapshot()
    assert list(tables.hazards.columns[:-1]) == list(empty_hazards().columns)
    assert tables.releases.empty and tables.breakdowns.empty
    store.seed_if_empty(DATA)
    assert len(store.snapshot().breakdowns) == 15
    assert dt.date.fromisoformat(store.snapshot().breakdowns["period_start"].iloc[0]).year == 2023
