"""Joins and derivations over the store's tables: pure functions on frames."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.seed import Tables
from geo.sources import attribution
from geo.units import format_published, to_base
from geo.vocab import PlaceLevel

SOURCE_FIELDS = ["source_id", "originator", "party", "outlet", "published", "url"]
IMPLAUSIBLE_RATE_FACTOR = 5.0
CONTRADICTION_KEYS = ["metric", "place_id", "scope", "period_type", "period_start", "period_end"]


def place_districts(places: pd.DataFrame) -> pd.Series:
    """District id of every place: districts are their own, named places use their declared one."""
    return places.set_index("place_id")["district_id"]


def with_sources(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Attach originator, party, outlet, date and address, plus a one-line attribution."""
    joined = frame.merge(
        sources[SOURCE_FIELDS].rename(columns={"url": "source_url"}),
        on="source_id", how="left", validate="many_to_one",
    )
    joined["attribution"] = [
        attribution(o if isinstance(o, str) else s, u if isinstance(u, str) else "", p)
        for o, u, p, s in zip(
            joined["originator"], joined["outlet"], joined["published"], joined["source_id"],
            strict=True,
        )
    ]
    return joined


def claims_view(tables: Tables) -> pd.DataFrame:
    """Claims joined to their source, place and district, with base-unit values and dates."""
    claims = with_sources(tables.claims, tables.sources)
    places = tables.places.set_index("place_id")
    claims["place_name"] = claims["place_id"].map(places["name"])
    claims["place_level"] = claims["place_id"].map(places["level"])
    claims["district_id"] = claims["place_id"].map(place_districts(tables.places))
    claims["district_name"] = claims["district_id"].map(places["name"])
    claims["value_base"] = [to_base(v, u) for v, u in zip(claims["value"], claims["unit"], strict=True)]
    claims["published_figure"] = [
        format_published(v, u, q)
        for v, u, q in zip(claims["value"], claims["unit"], claims["qualifier"], strict=True)
    ]
    for column in ("period_start", "period_end", "published"):
        claims[column] = pd.to_datetime(claims[column], errors="coerce")
    return claims


def events_view(tables: Tables) -> pd.DataFrame:
    """Events joined to their source and district; located ones keep their coordinates.

    Events named by place use the place's declared district; events given only by
    coordinates are joined to the district polygon they fall in.
    """
    events = with_sources(tables.events, tables.sources)
    places = tables.places.set_index("place_id")
    districts_by_place = place_districts(tables.places)
    events["district_id"] = events["place_id"].map(districts_by_place)
    by_point = districts_for_points(events, tables.places)
    events["district_id"] = events["district_id"].fillna(by_point)
    events["place_name"] = events["place_id"].map(places["name"])
    events["district_name"] = events["district_id"].map(places["name"])
    events["place_level"] = events["place_id"].map(places["level"])
    for column in ("date_start", "date_end", "published"):
        events[column] = pd.to_datetime(events[column], errors="coerce")
    return events


def districts_for_points(events: pd.DataFrame, places: gpd.GeoDataFrame) -> pd.Series:
    """District id for each row that has coordinates, by point-in-polygon."""
    located = events.dropna(subset=["lat", "lon"])
    if located.empty:
        return pd.Series(index=events.index, dtype=object)
    points = gpd.GeoDataFrame(
        index=located.index,
        geometry=gpd.points_from_xy(located["lon"].astype(float), located["lat"].astype(float)),
        crs=places.crs,
    )
    districts = places[places["level"] == PlaceLevel.DISTRICT.value][["place_id", "geometry"]]
    joined = gpd.sjoin(points, districts, how="left", predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]
    return joined["place_id"].reindex(events.index)


def series(
    claims: pd.DataFrame, metric: str, scope: str | None = None, place_id: str | None = None
) -> pd.DataFrame:
    """Claims for one metric (and scope and place if given), ordered by period end."""
    mask = claims["metric"] == metric
    if scope is not None:
        mask &= claims["scope"] == scope
    if place_id is not None:
        mask &= claims["place_id"] == place_id
    return claims[mask].sort_values(["period_end", "published", "claim_id"])


def implied_period_values(claims: pd.DataFrame) -> pd.DataFrame:
    """Implied values between successive cumulative claims of the same series.

    A series is one metric, scope, place and start date (a total since 1992 is never
    differenced against a total since 2020). Deltas below zero are flagged 'negative';
    a daily rate more than five times the series' median is flagged 'implausible'.
    """
    cumulative = claims[claims["period_type"] == "cumulative"].copy()
    keys = ["metric", "scope", "place_id", "period_start"]
    rows: list[dict] = []
    for key, group in cumulative.groupby(keys, dropna=False, sort=True):
        ordered = group.sort_values(["period_end", "published", "claim_id"])
        previous = None
        for _, current in ordered.iterrows():
            if previous is not None and current["period_end"] > previous["period_end"]:
                days = (current["period_end"] - previous["period_end"]).days
                delta = current["value_base"] - previous["value_base"]
                rows.append({
                    **dict(zip(keys, key, strict=True)),
                    "from_claim": previous["claim_id"], "to_claim": current["claim_id"],
                    "from_date": previous["period_end"], "to_date": current["period_end"],
                    "from_value": previous["value_base"], "to_value": current["value_base"],
                    "delta": delta, "days": days, "rate_per_day": delta / days,
                    "approximate": "exact" not in (previous["qualifier"], current["qualifier"])
                    or previous["qualifier"] != current["qualifier"],
                })
            previous = current
    deltas = pd.DataFrame(rows, columns=[
        *keys, "from_claim", "to_claim", "from_date", "to_date", "from_value", "to_value",
        "delta", "days", "rate_per_day", "approximate",
    ])
    for column in ("from_date", "to_date"):
        deltas[column] = pd.to_datetime(deltas[column])
    deltas["flag"] = [_delta_flag(row, deltas) for _, row in deltas.iterrows()]
    return deltas


def _delta_flag(row: pd.Series, deltas: pd.DataFrame) -> str:
    if row["delta"] < 0:
        return "negative"
    same = deltas[
        (deltas["metric"] == row["metric"]) & (deltas["scope"] == row["scope"])
        & (deltas["place_id"] == row["place_id"]) & (deltas["rate_per_day"] >= 0)
    ]
    median = same["rate_per_day"].median()
    if len(same) >= 3 and median > 0 and row["rate_per_day"] > IMPLAUSIBLE_RATE_FACTOR * median:
        return "implausible"
    return ""


def contradictions(claims: pd.DataFrame) -> pd.DataFrame:
    """Groups of claims for the same metric, place, scope and period that give different values.

    Returns one row per claim in a contradicting group, with a shared `group` number.
    """
    keys = CONTRADICTION_KEYS
    frames: list[pd.DataFrame] = []
    for number, (_, group) in enumerate(claims.groupby(keys, dropna=False, sort=True)):
        if len(group) > 1 and group["value_base"].nunique() > 1:
            frames.append(group.assign(group=number))
    if not frames:
        return claims.head(0).assign(group=pd.Series(dtype=int))
    found = pd.concat(frames, ignore_index=True)
    found["group"] = found.groupby("group").ngroup() + 1
    return found


def placement_conflicts(tables: Tables) -> pd.DataFrame:
    """Places that sources put in different districts, one row per placement."""
    placements = with_sources(tables.placements, tables.sources)
    counts = placements.groupby("place_id")["district_id"].transform("nunique")
    return placements[counts > 1].sort_values(["place_id", "published"]).reset_index(drop=True)


def falling_totals(deltas: pd.DataFrame) -> pd.DataFrame:
    """Cumulative totals that fell between two statements (e.g. 341 then 322 casualties)."""
    return deltas[deltas["flag"] == "negative"].reset_index(drop=True)


def flag_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """Add a `flag` column: why a claim needs care (contradiction, falling total), or ''."""
    flags: dict[str, list[str]] = {}
    for claim_id in contradictions(claims)["claim_id"]:
        flags.setdefault(claim_id, []).append("another figure for the same period differs")
    for row in falling_totals(implied_period_values(claims)).itertuples():
        flags.setdefault(row.from_claim, []).append(f"later total {row.to_claim} is lower")
        flags.setdefault(row.to_claim, []).append(f"lower than earlier total {row.from_claim}")
    return claims.assign(flag=[
        "; ".join(flags.get(claim_id, [])) for claim_id in claims["claim_id"]
    ])
