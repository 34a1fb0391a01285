"""What an upload would add, change or leave as it is, and which figures it contradicts."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import shapely

from geo.derive import claims_view, contradictions
from geo.seed import Tables

KEYS: dict[str, list[str]] = {
    "sources": ["source_id"], "claims": ["claim_id"], "events": ["event_id"],
    "placements": ["placement_id"], "places": ["place_id"], "names": ["place_id", "name"],
}
# A new id with the same content as a stored row is the same statement uploaded again.
SAME_STATEMENT: dict[str, list[str]] = {
    "claims": ["source_id", "metric", "place_id", "period_start", "period_end", "period_type",
               "scope", "value", "unit"],
    "events": ["source_id", "kind", "date_start", "date_end", "place_id", "lat", "lon",
               "device_category", "quantity", "killed", "injured"],
}
TABLE_LABELS = {
    "sources": "sources", "claims": "figures", "events": "events", "placements": "placements",
    "places": "places", "names": "place names",
}


@dataclass
class ChangeSet:
    """Rows new to the store, rows that replace a current version, rows already there."""

    to_store: Tables
    added: dict[str, pd.DataFrame]
    changed: dict[str, pd.DataFrame]
    unchanged: dict[str, int]
    contradictions: pd.DataFrame

    def is_empty(self) -> bool:
        """Whether committing would store nothing."""
        return all(len(f) == 0 for f in self.added.values()) and all(
            len(f) == 0 for f in self.changed.values())

    def summary(self) -> list[str]:
        """'adds 3 figures', 'changes 1 source'… in plain words."""
        lines = []
        for name, label in TABLE_LABELS.items():
            added, changed = len(self.added[name]), len(self.changed[name])
            if added:
                lines.append(f"adds {added} {label}")
            if changed:
                lines.append(f"changes {changed} {label}")
            if self.unchanged[name]:
                lines.append(f"leaves {self.unchanged[name]} {label} as they are (already stored)")
        return lines


def _comparable(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    out = pd.DataFrame(frame).reindex(columns=columns)
    if "geometry" in out:
        out["geometry"] = [shapely.to_wkb(g, hex=True) if g is not None else None
                           for g in out["geometry"]]
    for column in out.columns:
        out[column] = [None if (v is None or (isinstance(v, float) and pd.isna(v))) else str(v)
                       for v in out[column]]
    return out


def _split(new: pd.DataFrame, current: pd.DataFrame, keys: list[str]) -> tuple:
    if new.empty:
        return new, new, 0
    columns = [c for c in new.columns if c != "revision_id"]
    mine = _comparable(new, columns)
    theirs = _comparable(current, columns).drop_duplicates(keys, keep="last")
    merged = mine.merge(theirs, on=keys, how="left", suffixes=("", "__old"), indicator=True)
    is_new = (merged["_merge"] == "left_only").to_numpy()
    others = [c for c in columns if c not in keys]
    same = pd.Series(True, index=merged.index)
    for column in others:
        same &= merged[column].fillna("\0") == merged[f"{column}__old"].fillna("\0")
    is_same = (~is_new) & same.to_numpy()
    is_changed = (~is_new) & (~is_same)
    return new[is_new], new[is_changed], int(is_same.sum())


def _already_stated(new_rows: pd.DataFrame, current: pd.DataFrame, columns: list[str]) -> pd.Series:
    """Rows whose statement (source, metric, place, period, value…) is stored under another id."""
    if new_rows.empty or current.empty:
        return pd.Series(False, index=new_rows.index)
    stored = set(map(tuple, _comparable(current, columns).itertuples(index=False)))
    mine = _comparable(new_rows, columns)
    return pd.Series([tuple(row) in stored for row in mine.itertuples(index=False)],
                     index=new_rows.index)


def plan_changes(upload: Tables, current: Tables) -> ChangeSet:
    """Compare an upload with the current data; only new and changed rows are stored."""
    added, changed, unchanged, keep = {}, {}, {}, {}
    for name, keys in KEYS.items():
        new_rows, changed_rows, same = _split(getattr(upload, name), getattr(current, name), keys)
        if name in SAME_STATEMENT:
            repeated = _already_stated(new_rows, getattr(current, name), SAME_STATEMENT[name])
            new_rows, same = new_rows[~repeated.to_numpy()], same + int(repeated.sum())
        added[name], changed[name], unchanged[name] = new_rows, changed_rows, same
        keep[name] = pd.concat([new_rows, changed_rows]) if len(changed_rows) else new_rows
    to_store = dataclasses.replace(upload, **keep)
    return ChangeSet(to_store, added, changed, unchanged,
                     contradicted_by(to_store, current))


def merged_tables(upload: Tables, current: Tables) -> Tables:
    """Current data with the upload's rows replacing or joining it (as after a commit)."""
    merged = {}
    for name, keys in KEYS.items():
        frames = [f for f in (getattr(current, name), getattr(upload, name)) if len(f)]
        combined = pd.concat(frames, ignore_index=True) if frames else getattr(current, name)
        merged[name] = combined.drop_duplicates(keys, keep="last").reset_index(drop=True)
    places = merged["places"]
    if not hasattr(places, "geometry"):
        places = gpd.GeoDataFrame(places, geometry="geometry", crs=current.places.crs)
    return dataclasses.replace(current, **{**merged, "places": places})


def contradicted_by(upload: Tables, current: Tables) -> pd.DataFrame:
    """Groups of figures that disagree after the upload and include one of its figures."""
    if upload.claims.empty:
        return pd.DataFrame()
    found = contradictions(claims_view(merged_tables(upload, current)))
    new_ids = set(upload.claims["claim_id"])
    touched = found.groupby("group")["claim_id"].transform(lambda ids: bool(set(ids) & new_ids))
    return found[touched.astype(bool)].reset_index(drop=True)


def preview_claims(changes: ChangeSet, current: Tables) -> pd.DataFrame:
    """The figures a commit would add or change, joined like the dashboard shows them."""
    ids = set(changes.to_store.claims["claim_id"])
    if not ids:
        return pd.DataFrame()
    view = claims_view(merged_tables(changes.to_store, current))
    return view[view["claim_id"].isin(ids)].reset_index(drop=True)
