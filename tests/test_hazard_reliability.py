"""The map-reliability check: incidents and finds outside every recorded hazard area, on a
hand-built case whose answer is known, beside the claimed figures."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.hazards.reliability import outside_shares, reliability_table

# Two recorded areas: a square (open) and a released one further east.
HAZARDS = gpd.GeoDataFrame({"hazard_id": ["A", "B"], "hazard_status": ["open", "released"]},
                           geometry=[shapely.box(46.50, 39.60, 46.52, 39.62),
                                     shapely.box(46.60, 39.60, 46.61, 39.61)], crs="EPSG:4326")
EVENTS = pd.DataFrame([
    # finds: 3 inside A, 1 on B's edge (inside), 1 inside B, 5 outside, 2 without coordinates
    *[("find", 46.51, 39.61)] * 3, ("find", 46.60, 39.605), ("find", 46.605, 39.605),
    *[("find", 46.55, 39.65)] * 4, ("find", 46.70, 39.70), ("find", None, None), ("find", None, None),
    # incidents: 1 inside A, 3 outside, 1 known only by a village name
    ("incident", 46.515, 39.615), ("incident", 46.45, 39.60), ("incident", 46.53, 39.60),
    ("incident", 46.80, 39.90), ("incident", None, None),
], columns=["kind", "lon", "lat"])


def test_shares_outside_every_hazard_area_with_the_counts_behind_them() -> None:
    incidents, finds = outside_shares(EVENTS, HAZARDS)
    assert (incidents.kind, incidents.located, incidents.outside, incidents.not_located) == (
        "incident", 4, 3, 1)
    assert incidents.share == pytest.approx(75.0)
    assert (finds.located, finds.outside, finds.not_located, finds.hazard_areas) == (10, 5, 2, 2)
    assert finds.share == pytest.approx(50.0)


def test_without_hazard_areas_every_located_event_is_outside() -> None:
    incidents, finds = outside_shares(EVENTS, HAZARDS.iloc[0:0])
    assert incidents.share == 100.0 and finds.share == 100.0 and finds.hazard_areas == 0


def test_without_located_events_there_is_no_share() -> None:
    incidents, _ = outside_shares(EVENTS[EVENTS["lat"].isna()], HAZARDS)
    assert incidents.share is None and incidents.not_located == 1


def test_computed_shares_stand_beside_the_claims_each_labelled(claims) -> None:
    table = reliability_table(outside_shares(EVENTS, HAZARDS), claims, "as of revision 7")
    computed = table[table["Kind"] == "computed"].set_index("What")
    assert computed.at["Incidents outside every recorded hazard area", "Figure"] == "75.0 %"
    assert "3 of 4 incidents with coordinates lie outside all 2 recorded hazard areas" in \
        computed.at["Incidents outside every recorded hazard area", "Basis"]
    assert "1 incident known only by a place name not counted" in \
        computed.at["Incidents outside every recorded hazard area", "Basis"]
    assert computed.at["Finds outside every recorded hazard area", "Figure"] == "50.0 %"
    assert set(computed["Source"]) == {"computed from the stored data, as of revision 7"}
    claimed = table[table["Kind"] == "claimed"].set_index("What")
    assert claimed.at["Incidents outside mapped areas, as claimed", "Figure"] == "55 %"
    assert claimed.at["Minefield map accuracy, as claimed", "Figure"] == "25 %"
    assert claimed.at["Minefield map accuracy, as claimed", "Status"] == "Disputed"
    assert all("MFA Azerbaijan" in source for source in claimed["Source"])
