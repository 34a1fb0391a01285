"""The store: revisions of claims, events, sources and the gazetteer, behind SQLAlchemy Core."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path, PurePath

import geopandas as gpd
import pandas as pd
import shapely
import sqlalchemy as sa
from sqlalchemy import exc
from sqlalchemy.engine import Connection

from geo.model.kinds import COUNTED
from geo.model.tables import Tables, empty_tables
from geo.places import CRS, PLACE_COLUMNS
from geo.revisions import sha256_of
from geo.seed import DATA_DIR, SEED_FILES, load_seed
from geo.store.accounts import SignInLog
from geo.store.engine import (
    StoreUnavailable,
    database_url,
    make_engine,
    translated,
    write_transaction,
)
from geo.store.geometry import geometry_columns, insert_placeholder
from geo.store.hazards import hazard_frames, hazard_tables
from geo.store.inbox import Inbox
from geo.store.layers import Layers
from geo.store.profiles import Profiles
from geo.store.schema import (
    VERSIONED,
    claims_table,
    events_table,
    revision_actions_table,
    revisions_table,
    schema_version,
    upload_files_table,
)
from geo.store.spatial import SpatialQueries
from geo.store.upgrade import migrate

INSERT_CHUNK = 20_000
MAX_FILE_NAME = 300
Progress = Callable[[float], None]


def seed_digest(data_dir: Path = DATA_DIR) -> str:
    """sha256 over every seed file, in a fixed order."""
    return sha256_of(b"".join((data_dir / name).read_bytes() for name in SEED_FILES))


def stored_file_name(file_name: str) -> str:
    """The file name as stored: at most 300 characters, keeping its extension."""
    if len(file_name) <= MAX_FILE_NAME:
        return file_name
    suffix = PurePath(file_name).suffix[:20]
    return file_name[: MAX_FILE_NAME - len(suffix) - 1] + "…" + suffix


def _plain_values(values: pd.Series) -> list:
    """A column as plain Python values, missing ones as None."""
    return values.astype(object).where(values.notna(), None).tolist()


def _insert_rows(conn: Connection, frame: pd.DataFrame, table: sa.Table, revision_id: int) -> None:
    """Insert a frame's rows as plain tuples, no per-row dicts: PostgreSQL's COPY for tables
    without geometry (ten times faster than row inserts there), else the driver's executemany."""
    inserted = [c for c in table.columns if c.name != "row_id"]
    columns = [c.name for c in inserted]
    data = frame.reindex(columns=columns)
    data["revision_id"] = revision_id
    values = [_plain_values(data[c.name]) for c in inserted]
    for position, column in enumerate(inserted):  # whole numbers held as floats (beside NaN)
        if isinstance(column.type, sa.Integer):
            values[position] = [None if v is None else round(v) for v in values[position]]
    rows = list(zip(*values, strict=True))
    quoted = ", ".join(conn.dialect.identifier_preparer.quote(c) for c in columns)
    if conn.dialect.name == "postgresql" and not geometry_columns(table):
        with conn.connection.driver_connection.cursor() as cursor, cursor.copy(
                f"COPY {table.name} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join(insert_placeholder(c, conn.dialect) for c in inserted)
    conn.exec_driver_sql(f"INSERT INTO {table.name} ({quoted}) VALUES ({marks})", rows)


def _retracted(actions: pd.DataFrame) -> set[int]:
    latest = actions.drop_duplicates("revision_id", keep="last")
    return {int(r) for r in latest.loc[latest["action"] == "retract", "revision_id"]}


class DuplicateUpload(ValueError):
    """The same file (same sha256) was committed before."""

    def __init__(self, revision_id: int) -> None:
        super().__init__(f"this exact file was already committed as revision {revision_id}")
        self.revision_id = revision_id


class RevisionStateError(ValueError):
    """A retract or restore that does not fit the revision's state."""


def _places_frame(places: gpd.GeoDataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(places.drop(columns="geometry"))
    return frame.assign(geometry_wkb=shapely.to_wkb(places.geometry.values))


def _frames(tables: Tables) -> dict[str, pd.DataFrame]:
    return {"sources": tables.sources, "claims": tables.claims, "events": tables.events,
            "placements": tables.placements, "places": _places_frame(tables.places),
            "names": tables.names, **hazard_frames(tables)}


def _check_unique_keys(tables: Tables) -> None:
    """A revision never holds two rows with one business key (the later would hide the earlier)."""
    for name, (_, keys) in VERSIONED.items():
        frame = getattr(tables, name)
        if len(frame) and frame.duplicated(keys).any():
            repeated = frame.loc[frame.duplicated(keys, keep=False), keys].head(3).to_dict("records")
            raise ValueError(f"{name}: several rows share the key {keys}: {repeated}")


class Store:
    """Claims, events, sources, the gazetteer and their revisions, behind SQLAlchemy Core."""

    def __init__(self, url: str | None = None) -> None:
        self.engine = make_engine(url or database_url())
        database = self.engine.url.database
        # a "file:" URI (say, read-only) names an existing file: nothing to create
        if self.engine.url.get_backend_name() == "sqlite" and database and not database.startswith("file:"):
            folder = Path(database).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreUnavailable(f"The folder for the store ({folder}) cannot be created "
                                       f"({error.strerror}). Set MINEDASH_DB_PATH to a writable "
                                       "place.") from error
        self._migrate()
        self.signins = SignInLog(self.engine)
        self.profiles = Profiles(self.engine)
        self.inbox = Inbox(self.engine)
        self.spatial = SpatialQueries(self.engine, self._active)
        self.layers = Layers(self.engine, self.spatial)

    @translated
    def _migrate(self) -> None:
        migrate(self.engine)

    @translated
    def schema_version(self) -> int:
        """Recorded schema version."""
        with self.engine.connect() as conn:
            return schema_version(conn)

    @translated
    def seed_if_empty(self, data_dir: Path = DATA_DIR) -> bool:
        """Load data/ as the first revision of an empty store; True if it seeded."""
        with self.engine.connect() as conn:
            if conn.execute(sa.select(revisions_table.c.revision_id).limit(1)).first():
                return False
        with write_transaction(self.engine) as conn:
            if conn.execute(sa.select(revisions_table.c.revision_id).limit(1)).first():
                return False
            tables = load_seed(data_dir)
            digest = seed_digest(data_dir)
            revision = self._insert_revision(
                conn, tables, author="seed", file_name="data/", sha256=digest,
                kind="seed", note="Seed dataset from data/ (see data/README.md)",
            )
            conn.execute(sa.insert(upload_files_table).values(sha256=digest, revision_id=revision))
            return True

    def _insert_revision(
        self, conn: Connection, tables: Tables, *, author: str, file_name: str, sha256: str,
        kind: str, note: str, progress: Progress | None = None,
    ) -> int:
        _check_unique_keys(tables)
        values = {
            "created_at": dt.datetime.now(dt.UTC).replace(tzinfo=None), "author": author,
            "file_name": stored_file_name(file_name), "sha256": sha256, "kind": kind, "note": note,
            **{f"rows_{name}": len(getattr(tables, name)) for name in COUNTED},
        }
        latest = conn.execute(sa.select(sa.func.max(revisions_table.c.revision_id))).scalar()
        new_id = int(latest or 0) + 1  # writers hold the store's write lock: no gaps, no clashes
        conn.execute(sa.insert(revisions_table).values(revision_id=new_id, **values))
        frames = _frames(tables)
        total = max(1, sum(len(f) for f in frames.values()))
        done = 0
        for name, frame in frames.items():
            table = VERSIONED[name][0]
            for start in range(0, len(frame), INSERT_CHUNK):
                chunk = frame.iloc[start:start + INSERT_CHUNK]
                _insert_rows(conn, chunk, table, new_id)
                done += len(chunk)
                if progress:
                    progress(done / total)
        return new_id

    @translated
    def revisions(self) -> pd.DataFrame:
        """Every revision, oldest first, with whether its rows count now."""
        with self.engine.connect() as conn:
            frame = pd.read_sql(sa.select(revisions_table).order_by("revision_id"), conn)
            actions = self._actions(conn)
        retracted = _retracted(actions)
        return frame.assign(active=~frame["revision_id"].isin(retracted))

    @translated
    def actions(self) -> pd.DataFrame:
        """The retract/restore log, oldest first."""
        with self.engine.connect() as conn:
            return self._actions(conn)

    @staticmethod
    def _actions(conn: Connection) -> pd.DataFrame:
        return pd.read_sql(
            sa.select(revision_actions_table).order_by(revision_actions_table.c.action_id), conn)

    @staticmethod
    def _active(conn: Connection, as_of: int | None) -> list[int]:
        revisions = pd.read_sql(
            sa.select(revisions_table.c.revision_id, revisions_table.c.created_at), conn)
        actions = Store._actions(conn)
        if as_of is not None:
            committed = revisions.loc[revisions["revision_id"] == as_of, "created_at"]
            if len(committed):
                actions = actions[actions["at"] < committed.iloc[0]]
            revisions = revisions[revisions["revision_id"] <= as_of]
        retracted = _retracted(actions)
        return [int(r) for r in revisions["revision_id"] if int(r) not in retracted]

    @translated
    def revision_footprint(self) -> pd.DataFrame:
        """What each revision's rows are about: (revision_id, metric, place_id) of every stored
        figure row and (revision_id, '', place_id) of every event row, retracted ones too."""
        with self.engine.connect() as conn:
            claims = pd.read_sql(sa.select(claims_table.c.revision_id, claims_table.c.metric,
                                           claims_table.c.place_id), conn)
            events = pd.read_sql(sa.select(events_table.c.revision_id, events_table.c.place_id)
                                 .distinct(), conn)
        return pd.concat([claims, events.assign(metric="")], ignore_index=True)

    @translated
    def active_revision_ids(self, as_of: int | None = None) -> list[int]:
        """Revisions whose rows count, now or as the data stood right after revision `as_of`.

        As of revision N: revisions up to N, with the retractions made before N was committed.
        """
        with self.engine.connect() as conn:
            return self._active(conn, as_of)

    @translated
    def snapshot(self, as_of: int | None = None) -> Tables:
        """Current rows (or as of a revision): per business key, the latest counting revision.

        Read in one transaction, so a commit landing meanwhile is seen whole or not at all.
        """
        frames: dict[str, pd.DataFrame] = {}
        with self.engine.connect() as conn:
            revision_ids = self._active(conn, as_of)
            for name, (table, keys) in VERSIONED.items():
                query = sa.select(table).where(table.c.revision_id.in_(revision_ids))
                frame = pd.read_sql(query.order_by(table.c.revision_id, table.c.row_id), conn)
                frame = frame.drop_duplicates(keys, keep="last").drop(columns="row_id")
                frames[name] = frame.reset_index(drop=True)
        places_raw = frames["places"]
        geometry = shapely.from_wkb(places_raw["geometry_wkb"].tolist()) if len(places_raw) else []
        places = gpd.GeoDataFrame(
            places_raw.drop(columns="geometry_wkb"), geometry=list(geometry), crs=CRS
        )
        places["is_proxy"] = places["is_proxy"].astype(bool)
        self.spatial.remember(revision_ids, frames["events"], places)
        return Tables(
            sources=frames["sources"], claims=frames["claims"], events=frames["events"],
            placements=frames["placements"],
            places=places[[*PLACE_COLUMNS, "revision_id"]], names=frames["names"],
            **hazard_tables(frames),
        )

    @translated
    def revision_with_sha(self, sha256: str) -> int | None:
        """The revision that committed a file with this sha256, if any."""
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(upload_files_table.c.revision_id)
                                 .where(upload_files_table.c.sha256 == sha256)).scalar()
        return int(found) if found is not None else None

    @translated
    def commit(
        self, tables: Tables, *, author: str, file_name: str, sha256: str, kind: str, note: str = "",
        progress: Progress | None = None,
    ) -> int:
        """Store an upload's rows as one new revision, all or nothing; refuses a repeated file.

        The file's sha256 is a key of its own table, so two editors committing the same file at
        the same moment get one revision and one DuplicateUpload.
        """
        try:
            with write_transaction(self.engine) as conn:
                previous = conn.execute(sa.select(upload_files_table.c.revision_id)
                                        .where(upload_files_table.c.sha256 == sha256)).scalar()
                if previous is not None:
                    raise DuplicateUpload(int(previous))
                revision = self._insert_revision(
                    conn, tables, author=author, file_name=file_name, sha256=sha256, kind=kind,
                    note=note, progress=progress)
                conn.execute(sa.insert(upload_files_table).values(sha256=sha256, revision_id=revision))
                return revision
        except exc.IntegrityError as error:
            previous = self.revision_with_sha(sha256)
            if previous is None:
                raise
            raise DuplicateUpload(previous) from error

    @translated
    def add_alias(self, name: str, place_id: str, author: str) -> int:
        """Keep an editor's mapping of a spelling to a place, as its own small revision."""
        places = self.snapshot().places
        if place_id not in set(places["place_id"]):
            raise ValueError(f"unknown place id {place_id!r}")
        tables = empty_tables()
        tables.names = pd.DataFrame([{"place_id": place_id, "name": name, "usage": "editor_alias"}])
        digest = sha256_of(f"alias|{name}|{place_id}|{dt.datetime.now(dt.UTC).isoformat()}".encode())
        with write_transaction(self.engine) as conn:
            return self._insert_revision(
                conn, tables, author=author, file_name="(alias)", sha256=digest, kind="alias",
                note=f"'{name}' means {place_id}",
            )

    def _set_state(self, revision_id: int, action: str, by: str, note: str) -> None:
        with write_transaction(self.engine) as conn:
            exists = conn.execute(sa.select(revisions_table.c.revision_id)
                                  .where(revisions_table.c.revision_id == revision_id)).scalar()
            if exists is None:
                raise RevisionStateError(f"there is no revision {revision_id}")
            active = revision_id not in _retracted(self._actions(conn))
            if action == "retract" and not active:
                raise RevisionStateError(f"revision {revision_id} is already retracted")
            if action == "restore" and active:
                raise RevisionStateError(f"revision {revision_id} is not retracted")
            conn.execute(sa.insert(revision_actions_table).values(
                revision_id=revision_id, action=action, by=by, note=note,
                at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
            ))

    @translated
    def retract(self, revision_id: int, by: str, note: str = "") -> None:
        """Stop a revision's rows from counting; nothing is deleted and the act is logged."""
        self._set_state(revision_id, "retract", by, note)

    @translated
    def restore(self, revision_id: int, by: str, note: str = "") -> None:
        """Undo a retraction (logged too)."""
        self._set_state(revision_id, "restore", by, note)

    @translated
    def version_stamp(self) -> tuple[int, int]:
        """(latest revision id, number of retract/restore actions): changes on every write."""
        with self.engine.connect() as conn:
            latest = conn.execute(sa.select(sa.func.max(revisions_table.c.revision_id))).scalar()
            actions = conn.execute(
                sa.select(sa.func.count()).select_from(revision_actions_table)
            ).scalar()
        return int(latest or 0), int(actions or 0)

    @translated
    def integrity_problems(self) -> list[str]:
        """What is wrong with the stored data: SQLite's integrity check, and any revision whose
        rows do not match the counts it recorded (a half-written revision)."""
        problems: list[str] = []
        with self.engine.connect() as conn:
            if self.engine.url.get_backend_name() == "sqlite":
                result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
                problems += [r for r in result if r != "ok"]
            recorded = pd.read_sql(sa.select(revisions_table), conn).set_index("revision_id")
            for name in COUNTED:
                table = VERSIONED[name][0]
                counts = dict(conn.execute(sa.select(table.c.revision_id, sa.func.count())
                                           .group_by(table.c.revision_id)).all())
                for revision_id, expected in recorded[f"rows_{name}"].items():
                    if counts.get(revision_id, 0) != expected:
                        problems.append(f"revision {revision_id}: {counts.get(revision_id, 0)} "
                                        f"{name} rows stored, {expected} recorded")
        return problems
