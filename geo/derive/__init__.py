"""Joins and derivations over the store's tables: pure functions on frames."""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.model.tables import Tables
from geo.periods import period_labels, period_lengths, plausible_range
from geo.places import districts_for_points
from geo.sources import attribution
from geo.units import AREA_IN_HA, format_published

SOURCE_FIELDS = ["source_id", "originator", "party", "outlet", "published", "url"]
IMPLAUSIBLE_RATE_FACTOR = 5.0
CONTRADICTION_KEYS = ["metric", "place_id", "scope", "period_type", "period_start", "period_end"]


def place_districts(places: pd.DataFrame) -> pd.Series:
    """District id of every place: districts are their own, named places use their declared one."""
    return places.set_index("place_id")["district_id"]


def with_sources(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Attach originator, party, outlet, date and address, plus a one-line attribution."""
    fields = sources[SOURCE_FIELDS].rename(columns={"url": "source_url"})
    joined = frame.merge(fields, on="source_id", how="left", validate="many_to_one")
    by_source = {
        source_id: attribution(o if isinstance(o, str) else source_id,
                               u if isinstance(u, str) else "", p)
        for source_id, o, u, p in zip(
            fields["source_id"], fields["originator"], fields["outlet"], fields["published"],
            strict=True)
    }
    unknown = {s: attribution(str(s), "", None) for s in set(joined["source_id"]) - set(by_source)}
    joined["attribution"] = joined["source_id"].map({**by_source, **unknown})
    return joined


def _dates(frame: pd.DataFrame, columns: tuple[str, ...]) -> None:
    for column in columns:
        frame[column] = pd.to_datetime(frame[column], errors="coerce")


def plausible_dates(raw: pd.DataFrame, parsed: pd.DataFrame, required: str, optional: str) -> pd.Series:
    """Rows whose required date reads as a plausible date and whose optional one is empty or
    plausible (1988 to the end of next year): others are listed apart, never charted."""
    lowest, highest = (pd.Timestamp(d) for d in plausible_range())

    def ok(column: str) -> pd.Series:
        return parsed[column].between(lowest, highest)

    given = raw[optional].notna() & (raw[optional].astype(str).str.strip() != "")
    return ok(required) & (~given | ok(optional))


def claims_view(tables: Tables) -> pd.DataFrame:
    """Claims joined to their source, place and district, with base-unit values and dates."""
    claims = with_sources(tables.claims, tables.sources)
    places = tables.places.set_index("place_id")
    claims["place_name"] = claims["place_id"].map(places["name"])
    claims["place_level"] = claims["place_id"].map(places["level"])
    claims["district_id"] = claims["place_id"].map(place_districts(tables.places))
    claims["district_name"] = claims["district_id"].map(places["name"])
    factor = claims["unit"].map({unit.value: f for unit, f in AREA_IN_HA.items()}).fillna(1.0)
    claims["value_base"] = claims["value"].astype(float) * factor
    keys = list(zip(claims["value"].tolist(), claims["unit"].tolist(), claims["qualifier"].tolist(),
                    strict=True))
    published = {key: format_published(*key) for key in set(keys)}
    claims["published_figure"] = [published[key] for key in keys]
    raw = claims[["period_start", "period_end"]].copy()
    _dates(claims, ("period_start", "period_end", "published"))
    claims["dates_ok"] = plausible_dates(raw, claims, "period_end", "period_start")
    claims["period_length"] = period_lengths(
        claims["period_start"], claims["period_end"], claims["period_type"])
    claims["period_label"] = period_labels(
        claims["period_start"], claims["period_end"], claims["period_type"])
    return claims


def events_view(tables: Tables, point_districts: pd.Series | None = None) -> pd.DataFrame:
    """Events joined to their source and district; located ones keep their coordinates.

    Events named by place use the place's declared district; events given only by
    coordinates are joined to the district polygon they fall in: `point_districts` when the
    store has done that join (aligned to `tables.events`), else here.
    """
    events = with_sources(tables.events, tables.sources)
    places = tables.places.set_index("place_id")
    districts_by_place = place_districts(tables.places)
    events["district_id"] = events["place_id"].map(districts_by_place)
    if point_districts is None:
        point_districts = districts_for_points(tables.events, tables.places)
    events["district_id"] = events["district_id"].fillna(point_districts.set_axis(events.index))
    events["place_name"] = events["place_id"].map(places["name"])
    events["district_name"] = events["district_id"].map(places["name"])
    events["place_level"] = events["place_id"].map(places["level"])
    raw = events[["date_start", "date_end"]].copy()
    _dates(events, ("date_start", "date_end", "published"))
    events["dates_ok"] = plausible_dates(raw, events, "date_start", "date_end")
    return events


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


DELTA_COLUMNS = [
    "metric", "scope", "place_id", "period_start", "from_claim", "to_claim", "from_date",
    "to_date", "from_value", "to_value", "delta", "days", "rate_per_day", "approximate",
]
SERIES_KEYS = ["metric", "scope", "place_id", "period_start"]
ORDER = ["period_end", "published", "claim_id"]


def implied_period_values(claims: pd.DataFrame) -> pd.DataFrame:
    """Implied values between successive cumulative claims of the same series.

    A series is one metric, scope, place and start date (a total since 1992 is never
    differenced against a total since 2020). Deltas below zero are flagged 'negative';
    a daily rate more than five times the median of the metric's rates for that scope and
    place is flagged 'implausible'.
    """
    cumulative = claims.loc[claims["period_type"] == "cumulative",
                            [*SERIES_KEYS, *ORDER[:2], "claim_id", "value_base", "qualifier"]]
    ordered = cumulative.sort_values([*SERIES_KEYS, *ORDER], na_position="first", kind="stable")
    previous = ordered.groupby(SERIES_KEYS, dropna=False, sort=False).shift(1)
    later = ordered["period_end"] > previous["period_end"]
    current, previous = ordered[later], previous[later]
    days = (current["period_end"] - previous["period_end"]).dt.days
    delta = current["value_base"] - previous["value_base"]
    deltas = pd.DataFrame({
        **{key: current[key] for key in SERIES_KEYS},
        "from_claim": previous["claim_id"], "to_claim": current["claim_id"],
        "from_date": previous["period_end"], "to_date": current["period_end"],
        "from_value": previous["value_base"], "to_value": current["value_base"],
        "delta": delta, "days": days, "rate_per_day": delta / days,
        "approximate": (current["qualifier"] != "exact") | (previous["qualifier"] != "exact"),
    }, columns=DELTA_COLUMNS).reset_index(drop=True)
    deltas["flag"] = _delta_flags(deltas)
    return deltas


def _delta_flags(deltas: pd.DataFrame) -> pd.Series:
    """'negative', 'implausible' (rate over five times the median of its metric, scope and
    place, counting rates of at least 0 and only with three or more of them) or ''."""
    rising = deltas["rate_per_day"].where(deltas["rate_per_day"] >= 0)
    groups = rising.groupby([deltas["metric"], deltas["scope"], deltas["place_id"]], dropna=False)
    median, count = groups.transform("median"), groups.transform("count")
    implausible = (count >= 3) & (median > 0) & (deltas["rate_per_day"] > IMPLAUSIBLE_RATE_FACTOR * median)
    flags = np.where(deltas["delta"] < 0, "negative", np.where(implausible, "implausible", ""))
    return pd.Series(flags, index=deltas.index, dtype=object)


def contradictions(claims: pd.DataFrame) -> pd.DataFrame:
    """Groups of claims for the same metric, place, scope and period that give different values.

    Returns one row per claim in a contradicting group, with a shared `group` number.
    """
    series = pd.util.hash_pandas_object(claims[CONTRADICTION_KEYS], index=False).to_numpy()
    values = pd.DataFrame({"series": series, "value": claims["value_base"].to_numpy()}).drop_duplicates()
    differing = values.loc[values["series"].duplicated(), "series"].unique()
    found = claims[np.isin(series, differing)]
    ordered = found.sort_values(CONTRADICTION_KEYS, na_position="last", kind="stable")
    numbers = pd.factorize(pd.util.hash_pandas_object(ordered[CONTRADICTION_KEYS], index=False))[0]
    return ordered.assign(group=numbers + 1).reset_index(drop=True)


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
    for claim_id in contradictions(claims)["claim_id"].tolist():
        flags.setdefault(claim_id, []).append("another figure for the same period differs")
    falling = falling_totals(implied_period_values(claims))
    for earlier, later in zip(falling["from_claim"].tolist(), falling["to_claim"].tolist(), strict=True):
        flags.setdefault(earlier, []).append(f"later total {later} is lower")
        flags.setdefault(later, []).append(f"lower than earlier total {earlier}")
    text = {claim_id: "; ".join(reasons) for claim_id, reasons in flags.items()}
    return claims.assign(flag=claims["claim_id"].map(text).fillna("").astype(object))
