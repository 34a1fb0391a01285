"""The embedded store: SQLAlchemy Core over SQLite by default, migrated on open, seeded once."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from geo.places import CRS, PLACE_COLUMNS
from geo.revisions import sha256_of
from geo.seed import DATA_DIR, SEED_FILES, Tables, load_seed

DB_URL_ENV = "MINEDASH_DB_URL"
DB_PATH_ENV = "MINEDASH_DB_PATH"
DEFAULT_DB_PATH = Path(__file__).resolve().parent.parent / "var" / "minedash.sqlite"

metadata = sa.MetaData()

meta_table = sa.Table(
    "meta", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
)
revisions_table = sa.Table(
    "revisions", metadata,
    sa.Column("revision_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("file_name", sa.String(300), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False, index=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("rows_claims", sa.Integer, nullable=False, default=0),
    sa.Column("rows_events", sa.Integer, nullable=False, default=0),
    sa.Column("rows_places", sa.Integer, nullable=False, default=0),
    sa.Column("rows_sources", sa.Integer, nullable=False, default=0),
    sa.Column("note", sa.Text, nullable=False, default=""),
)
revision_actions_table = sa.Table(
    "revision_actions", metadata,
    sa.Column("action_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("revision_id", sa.Integer, sa.ForeignKey("revisions.revision_id"), nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("by", sa.String(200), nullable=False),
    sa.Column("note", sa.Text, nullable=False, default=""),
)


def _revision_column() -> sa.Column:
    return sa.Column(
        "revision_id", sa.Integer, sa.ForeignKey("revisions.revision_id"), nullable=False, index=True
    )


sources_table = sa.Table(
    "sources", metadata,
    sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=True),
    _revision_column(),
    sa.Column("source_id", sa.String(64), nullable=False, index=True),
    sa.Column("originator", sa.String(300), nullable=False),
    sa.Column("party", sa.String(40), nullable=False),
    sa.Column("outlet", sa.String(500)),
    sa.Column("published", sa.String(10), nullable=False),
    sa.Column("url", sa.String(1000)),
    sa.Column("note", sa.Text),
)
places_table = sa.Table(
    "places", metadata,
    sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=True),
    _revision_column(),
    sa.Column("place_id", sa.String(120), nullable=False, index=True),
    sa.Column("level", sa.String(20), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("name_az", sa.String(200)),
    sa.Column("district_id", sa.String(120)),
    sa.Column("precision", sa.String(200)),
    sa.Column("is_proxy", sa.Boolean, nullable=False, default=False),
    sa.Column("source", sa.Text),
    sa.Column("license", sa.Text),
    sa.Column("geometry_wkb", sa.LargeBinary, nullable=False),
)
place_names_table = sa.Table(
    "place_names", metadata,
    sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=True),
    _revision_column(),
    sa.Column("place_id", sa.String(120), nullable=False, index=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("usage", sa.String(40), nullable=False),
)
claims_table = sa.Table(
    "claims", metadata,
    sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=True),
    _revision_column(),
    sa.Column("claim_id", sa.String(64), nullable=False, index=True),
    sa.Column("source_id", sa.String(64), nullable=False),
    sa.Column("metric", sa.String(60), nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("unit", sa.String(10), nullable=False),
    sa.Column("qualifier", sa.String(20), nullable=False),
    sa.Column("period_start", sa.String(10)),
    sa.Column("period_end", sa.String(10), nullable=False),
    sa.Column("period_type", sa.String(20), nullable=False),
    sa.Column("scope", sa.String(30), nullable=False),
    sa.Column("place", sa.String(200), nullable=False),
    sa.Column("place_id", sa.String(120), nullable=False),
    sa.Column("location_precision", sa.String(20)),
    sa.Column("status", sa.String(40), nullable=False),
    sa.Column("note", sa.Text),
)
events_table = sa.Table(
    "events", metadata,
    sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=True),
    _revision_column(),
    sa.Column("event_id", sa.String(64), nullable=False, index=True),
    sa.Column("source_id", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("date_start", sa.String(10), nullable=False),
    sa.Column("date_end", sa.String(10)),
    sa.Column("place", sa.String(200)),
    sa.Column("place_id", sa.String(120)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("location_precision", sa.String(20)),
    sa.Column("device_category", sa.String(30)),
    sa.Column("device_model", sa.String(100)),
    sa.Column("quantity", sa.Integer),
    sa.Column("killed", sa.Integer),
    sa.Column("injured", sa.Integer),
    sa.Column("status", sa.String(40), nullable=False),
    sa.Column("note", sa.Text),
)
placements_table = sa.Table(
    "placements", metadata,
    sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=True),
    _revision_column(),
    sa.Column("placement_id", sa.String(64), nullable=False, index=True),
    sa.Column("source_id", sa.String(64), nullable=False),
    sa.Column("place", sa.String(200), nullable=False),
    sa.Column("place_id", sa.String(120), nullable=False),
    sa.Column("district", sa.String(200), nullable=False),
    sa.Column("district_id", sa.String(120), nullable=False),
    sa.Column("note", sa.Text),
)

# Business key of each versioned table: a later revision's row with the same key supersedes.
VERSIONED: dict[str, tuple[sa.Table, list[str]]] = {
    "sources": (sources_table, ["source_id"]),
    "claims": (claims_table, ["claim_id"]),
    "events": (events_table, ["event_id"]),
    "placements": (placements_table, ["placement_id"]),
    "places": (places_table, ["place_id"]),
    "names": (place_names_table, ["place_id", "name"]),
}

V1_TABLES = [
    meta_table, revisions_table, sources_table, places_table, place_names_table,
    claims_table, events_table,
]


def _migrate_1_initial(conn: Connection) -> None:
    """Version 1: sources, gazetteer, claims, events and revisions."""
    metadata.create_all(conn, tables=V1_TABLES)


def _migrate_2_placements_and_retractions(conn: Connection) -> None:
    """Version 2: which district each source places a feature in; retract/restore log."""
    metadata.create_all(conn, tables=[placements_table, revision_actions_table])


MIGRATIONS: list[Callable[[Connection], None]] = [
    _migrate_1_initial,
    _migrate_2_placements_and_retractions,
]
SCHEMA_VERSION = len(MIGRATIONS)


def database_url() -> str:
    """The store's URL: MINEDASH_DB_URL, else SQLite at MINEDASH_DB_PATH or var/minedash.sqlite."""
    url = os.environ.get(DB_URL_ENV)
    if url:
        return url
    return f"sqlite:///{Path(os.environ.get(DB_PATH_ENV) or DEFAULT_DB_PATH)}"


def schema_version(conn: Connection) -> int:
    """Schema version recorded in the store, 0 for an empty database."""
    if not sa.inspect(conn).has_table("meta"):
        return 0
    value = conn.execute(
        sa.select(meta_table.c.value).where(meta_table.c.key == "schema_version")
    ).scalar()
    return int(value) if value else 0


def migrate(engine: Engine, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema up to `target` in place, one recorded step at a time."""
    with engine.begin() as conn:
        current = schema_version(conn)
        if current > SCHEMA_VERSION:
            raise RuntimeError(
                f"store schema {current} is newer than this app ({SCHEMA_VERSION}); upgrade the app"
            )
        for version in range(current + 1, target + 1):
            MIGRATIONS[version - 1](conn)
            conn.execute(sa.delete(meta_table).where(meta_table.c.key == "schema_version"))
            conn.execute(sa.insert(meta_table).values(key="schema_version", value=str(version)))
        return max(current, target)


def seed_digest(data_dir: Path = DATA_DIR) -> str:
    """sha256 over every seed file, in a fixed order."""
    return sha256_of(b"".join((data_dir / name).read_bytes() for name in SEED_FILES))


def _records(frame: pd.DataFrame, table: sa.Table, revision_id: int) -> list[dict]:
    columns = [c.name for c in table.columns if c.name not in ("row_id", "revision_id")]
    clean = frame.reindex(columns=columns).astype(object)
    clean = clean.where(pd.notna(clean), None)
    return [{**row, "revision_id": revision_id} for row in clean.to_dict("records")]


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


class Store:
    """Claims, events, sources, the gazetteer and their revisions, behind SQLAlchemy Core."""

    def __init__(self, url: str | None = None) -> None:
        self.engine = sa.create_engine(url or database_url())
        if self.engine.url.get_backend_name() == "sqlite" and self.engine.url.database:
            Path(self.engine.url.database).parent.mkdir(parents=True, exist_ok=True)
        migrate(self.engine)

    def schema_version(self) -> int:
        """Recorded schema version."""
        with self.engine.connect() as conn:
            return schema_version(conn)

    def seed_if_empty(self, data_dir: Path = DATA_DIR) -> bool:
        """Load data/ as the first revision of an empty store; True if it seeded."""
        with self.engine.begin() as conn:
            if conn.execute(sa.select(revisions_table.c.revision_id).limit(1)).first():
                return False
            tables = load_seed(data_dir)
            self._insert_revision(
                conn, tables, author="seed", file_name="data/", sha256=seed_digest(data_dir),
                kind="seed", note="Seed dataset from data/ (see data/README.md)",
            )
            return True

    def _insert_revision(
        self, conn: Connection, tables: Tables, *, author: str, file_name: str, sha256: str,
        kind: str, note: str,
    ) -> int:
        values = {
            "created_at": dt.datetime.now(dt.UTC).replace(tzinfo=None), "author": author,
            "file_name": file_name, "sha256": sha256, "kind": kind, "note": note,
            "rows_claims": len(tables.claims), "rows_events": len(tables.events),
            "rows_places": len(tables.places), "rows_sources": len(tables.sources),
        }
        new_id = conn.execute(sa.insert(revisions_table).values(**values)).inserted_primary_key[0]
        frames = {
            "sources": tables.sources, "claims": tables.claims, "events": tables.events,
            "placements": tables.placements, "places": _places_frame(tables.places),
            "names": tables.names,
        }
        for name, frame in frames.items():
            table = VERSIONED[name][0]
            if len(frame):
                conn.execute(sa.insert(table), _records(frame, table, new_id))
        return int(new_id)

    def revisions(self) -> pd.DataFrame:
        """Every revision, oldest first, with whether its rows count now."""
        with self.engine.connect() as conn:
            frame = pd.read_sql(sa.select(revisions_table).order_by("revision_id"), conn)
            actions = self._actions(conn)
        retracted = _retracted(actions)
        return frame.assign(active=~frame["revision_id"].isin(retracted))

    def actions(self) -> pd.DataFrame:
        """The retract/restore log, oldest first."""
        with self.engine.connect() as conn:
            return self._actions(conn)

    @staticmethod
    def _actions(conn: Connection) -> pd.DataFrame:
        return pd.read_sql(
            sa.select(revision_actions_table).order_by(revision_actions_table.c.action_id), conn)

    def active_revision_ids(self, as_of: int | None = None) -> list[int]:
        """Revisions whose rows count, now or as the data stood right after revision `as_of`.

        As of revision N: revisions up to N, with the retractions made before N was committed.
        """
        with self.engine.connect() as conn:
            revisions = pd.read_sql(
                sa.select(revisions_table.c.revision_id, revisions_table.c.created_at), conn)
            actions = self._actions(conn)
        if as_of is not None:
            committed = revisions.loc[revisions["revision_id"] == as_of, "created_at"]
            if len(committed):
                actions = actions[actions["at"] < committed.iloc[0]]
            revisions = revisions[revisions["revision_id"] <= as_of]
        retracted = _retracted(actions)
        return [int(r) for r in revisions["revision_id"] if int(r) not in retracted]

    def snapshot(self, as_of: int | None = None) -> Tables:
        """Current rows (or as of a revision): per business key, the latest counting revision."""
        revision_ids = self.active_revision_ids(as_of)
        frames: dict[str, pd.DataFrame] = {}
        with self.engine.connect() as conn:
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
        return Tables(
            sources=frames["sources"], claims=frames["claims"], events=frames["events"],
            placements=frames["placements"],
            places=places[[*PLACE_COLUMNS, "revision_id"]], names=frames["names"],
        )

    def revision_with_sha(self, sha256: str) -> int | None:
        """The revision that committed a file with this sha256, if any."""
        with self.engine.connect() as conn:
            found = conn.execute(
                sa.select(revisions_table.c.revision_id).where(revisions_table.c.sha256 == sha256)
            ).scalar()
        return int(found) if found is not None else None

    def commit(
        self, tables: Tables, *, author: str, file_name: str, sha256: str, kind: str, note: str = ""
    ) -> int:
        """Store an upload's rows as one new revision, all or nothing; refuses a repeated file."""
        with self.engine.begin() as conn:
            duplicate = conn.execute(
                sa.select(revisions_table.c.revision_id).where(revisions_table.c.sha256 == sha256)
            ).scalar()
            if duplicate is not None:
                raise DuplicateUpload(int(duplicate))
            return self._insert_revision(
                conn, tables, author=author, file_name=file_name, sha256=sha256, kind=kind,
                note=note,
            )

    def add_alias(self, name: str, place_id: str, author: str) -> int:
        """Keep an editor's mapping of a spelling to a place, as its own small revision."""
        places = self.snapshot().places
        if place_id not in set(places["place_id"]):
            raise ValueError(f"unknown place id {place_id!r}")
        tables = Tables(
            sources=pd.DataFrame(), claims=pd.DataFrame(), events=pd.DataFrame(),
            placements=pd.DataFrame(), places=places.iloc[0:0],
            names=pd.DataFrame([{"place_id": place_id, "name": name, "usage": "editor_alias"}]),
        )
        digest = sha256_of(f"alias|{name}|{place_id}|{dt.datetime.now(dt.UTC).isoformat()}".encode())
        with self.engine.begin() as conn:
            return self._insert_revision(
                conn, tables, author=author, file_name="(alias)", sha256=digest, kind="alias",
                note=f"'{name}' means {place_id}",
            )

    def _set_state(self, revision_id: int, action: str, by: str, note: str) -> None:
        revisions = self.revisions().set_index("revision_id")
        if revision_id not in revisions.index:
            raise RevisionStateError(f"there is no revision {revision_id}")
        active = bool(revisions.at[revision_id, "active"])
        if action == "retract" and not active:
            raise RevisionStateError(f"revision {revision_id} is already retracted")
        if action == "restore" and active:
            raise RevisionStateError(f"revision {revision_id} is not retracted")
        with self.engine.begin() as conn:
            conn.execute(sa.insert(revision_actions_table).values(
                revision_id=revision_id, action=action, by=by, note=note,
                at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
            ))

    def retract(self, revision_id: int, by: str, note: str = "") -> None:
        """Stop a revision's rows from counting; nothing is deleted and the act is logged."""
        self._set_state(revision_id, "retract", by, note)

    def restore(self, revision_id: int, by: str, note: str = "") -> None:
        """Undo a retraction (logged too)."""
        self._set_state(revision_id, "restore", by, note)

    def version_stamp(self) -> tuple[int, int]:
        """(latest revision id, number of retract/restore actions): changes on every write."""
        with self.engine.connect() as conn:
            latest = conn.execute(sa.select(sa.func.max(revisions_table.c.revision_id))).scalar()
            actions = conn.execute(
                sa.select(sa.func.count()).select_from(revision_actions_table)
            ).scalar()
        return int(latest or 0), int(actions or 0)
