"""What an upload would add, change or leave as it is, which figures it restates, and which it
contradicts."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import shapely

from geo.derive import claims_view, contradictions
from geo.i18n import _
from geo.model.kinds import KINDS, PLANNED, SOURCED, counted
from geo.model.tables import Tables
from geo.publishers import publisher_key
from geo.units import to_base


@dataclass
class ChangeSet:
    """Rows new to the store, rows that replace a current version, rows already there."""

    to_store: Tables
    added: dict[str, pd.DataFrame]
    changed: dict[str, pd.DataFrame]
    unchanged: dict[str, int]
    restated: dict[str, pd.DataFrame]
    contradictions: pd.DataFrame

    def is_empty(self) -> bool:
        """Whether committing would store nothing."""
        return all(len(f) == 0 for f in self.added.values()) and all(
            len(f) == 0 for f in self.changed.values())

    def summary(self) -> list[str]:
        """'adds 3 figures', 'changes 1 source'… in plain words."""
        lines = []
        for name in PLANNED:
            added, changed = len(self.added[name]), len(self.changed[name])
            if added:
                lines.append(_("adds {rows}").format(rows=counted(added, name)))
            if changed:
                lines.append(_("changes {rows}").format(rows=counted(changed, name)))
            if self.unchanged[name]:
                lines.append(_("leaves {rows} as stored (already there)").format(
                    rows=counted(self.unchanged[name], name)))
        return lines


def _text(values: pd.Series) -> pd.Series:
    """Values as comparable text (None for missing), geometries as WKB hex."""
    if values.dtype == object and len(values) and isinstance(values.iloc[0], shapely.Geometry):
        return pd.Series([shapely.to_wkb(g, hex=True) if g is not None else None for g in values],
                         index=values.index)
    return values.map(_plain_text)


def _plain_text(value: object) -> str | None:
    """One value as text: 2 and 2.0 alike (a count read back from a nullable column is a float)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _key_index(values: pd.Series) -> pd.Index:
    """Ids as an index of plain Python strings: looking 250,000 ids up among 200,000 takes a
    hash table here, where Arrow-backed strings took about 2 s."""
    return pd.Index(values.astype(str).to_numpy(dtype=object), dtype=object)


def _split(new: pd.DataFrame, current: pd.DataFrame, keys: list[str]) -> tuple:
    """(rows with new keys, rows that change a stored row, number of rows stored as they are)."""
    if new.empty:
        return new, new, 0
    stored = current.drop_duplicates(keys, keep="last").set_index(keys) if len(current) else None
    index = pd.MultiIndex.from_frame(new[keys].astype(str)) if len(keys) > 1 else _key_index(new[keys[0]])
    if stored is None:
        return new, new.iloc[0:0], 0
    stored.index = (pd.MultiIndex.from_frame(stored.index.to_frame().astype(str)) if len(keys) > 1
                    else _key_index(stored.index.to_series()))
    exists = index.isin(stored.index)
    is_new = ~exists
    same = pd.Series(False, index=new.index)
    if exists.any():
        mine = new[exists]
        theirs = stored.loc[index[exists]]
        equal = pd.Series(True, index=mine.index)
        for column in [c for c in new.columns if c not in keys and c != "revision_id"]:
            if column not in theirs.columns:
                continue
            left = _text(mine[column]).fillna("\0").to_numpy()
            right = _text(theirs[column].reset_index(drop=True)).fillna("\0").to_numpy()
            equal &= left == right
        same.loc[mine.index] = equal.to_numpy()
    is_changed = exists & ~same.to_numpy()
    return new[is_new], new[is_changed], int(same.sum())


NUMERIC_KEYS = {"lat", "lon", "quantity", "killed", "injured", "value_base", "area_m2"}
MISSING_NUMBER = -1e18


def _with_keys(frame: pd.DataFrame, sources: pd.DataFrame, name: str) -> pd.DataFrame:
    """The restatement key of each row, with a running number among identical keys."""
    publisher = {sid: publisher_key(str(o)) for sid, o in zip(sources["source_id"], sources["originator"],
                                                              strict=True)}
    out = pd.DataFrame({"originator_key": frame["source_id"].map(publisher).fillna(frame["source_id"])},
                       index=frame.index)
    if name == "claims":
        factors = frame["unit"].map(lambda unit: to_base(1.0, unit))
        out["value_base"] = (pd.to_numeric(frame["value"]) * factors).round(6).fillna(MISSING_NUMBER)
    for column in KINDS[name].restatement[1:]:
        if column == "value_base":
            continue
        values = frame[column]
        if column in NUMERIC_KEYS:
            out[column] = pd.to_numeric(values, errors="coerce").round(7).fillna(MISSING_NUMBER)
        else:
            out[column] = values.astype(object).where(values.notna(), "").astype(str)
    columns = list(KINDS[name].restatement)
    out["_n"] = out.groupby(columns).cumcount()
    return out


def restatements(new_rows: pd.DataFrame, upload: Tables, current: Tables, name: str) -> pd.DataFrame:
    """New rows that state what a stored row already states, with that row's id.

    Matching counts copies: two identical finds in a file restate two stored finds, not one.
    Figures whose scopes are both stated and differ are different statements.
    """
    stored_rows = getattr(current, name)
    id_field = KINDS[name].id_field
    if new_rows.empty or stored_rows.empty:
        return pd.DataFrame(columns=[id_field, "stored_as"])
    sources = pd.concat([current.sources, upload.sources], ignore_index=True)
    mine = _with_keys(new_rows, sources, name)
    theirs = _with_keys(stored_rows, current.sources, name)
    columns = [*KINDS[name].restatement, "_n"]
    matched = mine.reset_index().merge(theirs.assign(stored_as=stored_rows[id_field].to_numpy()),
                                       on=columns, how="inner").set_index("index")
    if name == "claims" and len(matched):
        scopes_new = new_rows.loc[matched.index, "scope"].to_numpy()
        stored_scope = stored_rows.set_index(id_field)["scope"]
        scopes_old = matched["stored_as"].map(stored_scope).to_numpy()
        known = (scopes_new != "unknown") & (scopes_old != "unknown")
        matched = matched[~(known & (scopes_new != scopes_old))]
    return pd.DataFrame({id_field: new_rows.loc[matched.index, id_field],
                         "stored_as": matched["stored_as"]})


def plan_changes(upload: Tables, current: Tables, add_restatements: bool = False) -> ChangeSet:
    """Compare an upload with the current data; only new and changed rows are stored.

    A figure or event that restates a stored one under another id is not added unless the
    editor chooses to add it as a separate statement.
    """
    added, changed, unchanged, keep, restated = {}, {}, {}, {}, {}
    for name in PLANNED:
        new_rows, changed_rows, same = _split(getattr(upload, name), getattr(current, name),
                                              list(KINDS[name].keys))
        if KINDS[name].restatement:
            restated[name] = restatements(new_rows, upload, current, name)
            if not add_restatements and len(restated[name]):
                new_rows = new_rows.drop(index=restated[name].index)
                same += len(restated[name])
        added[name], changed[name], unchanged[name] = new_rows, changed_rows, same
        keep[name] = pd.concat([new_rows, changed_rows]) if len(changed_rows) else new_rows
    used = set().union(*(set(keep[name]["source_id"].unique()) for name in SOURCED
                         if "source_id" in keep[name]))
    if all(getattr(upload, name).empty for name in SOURCED):
        used = set(keep["sources"]["source_id"])
    keep["sources"] = keep["sources"][keep["sources"]["source_id"].isin(used)]
    added["sources"] = added["sources"][added["sources"]["source_id"].isin(used)]
    changed["sources"] = changed["sources"][changed["sources"]["source_id"].isin(used)]
    to_store = dataclasses.replace(upload, **keep)
    return ChangeSet(to_store, added, changed, unchanged, restated, contradicted_by(to_store, current))


def merged_tables(upload: Tables, current: Tables) -> Tables:
    """Current data with the upload's rows replacing or joining it (as after a commit)."""
    merged = {}
    for name in PLANNED:
        frames = [f for f in (getattr(current, name), getattr(upload, name)) if len(f)]
        combined = pd.concat(frames, ignore_index=True) if frames else getattr(current, name)
        merged[name] = combined.drop_duplicates(list(KINDS[name].keys), keep="last") \
            .reset_index(drop=True)
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
