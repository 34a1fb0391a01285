"""The store's tables and their versioned migrations."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geo.model.kinds import KINDS
from geo.store.geometry import ensure_postgis, geometry_column, is_postgis, upgrade_geometry_columns

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
    sa.Column("rows_hazards", sa.Integer, nullable=False, default=0, server_default="0"),
    sa.Column("rows_releases", sa.Integer, nullable=False, default=0, server_default="0"),
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
    sa.Column("language", sa.String(5)),
    sa.Column("statement_text", sa.Text),
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
    geometry_column(),
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
    sa.Column("quote", sa.Text),
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
upload_files_table = sa.Table(
    "upload_files", metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("revision_id", sa.Integer, sa.ForeignKey("revisions.revision_id"), nullable=False),
)
signin_attempts_table = sa.Table(
    "signin_attempts", metadata,
    sa.Column("attempt_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime, nullable=False, index=True),
    sa.Column("username", sa.String(200), nullable=False, index=True),
    sa.Column("client", sa.String(200), nullable=False, index=True),
    sa.Column("ok", sa.Boolean, nullable=False),
)
mapping_profiles_table = sa.Table(
    "mapping_profiles", metadata,
    sa.Column("profile_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("signature", sa.String(32), nullable=False, index=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("options_json", sa.Text, nullable=False),
    sa.Column("created_by", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

statement_inbox_table = sa.Table(
    "statement_inbox", metadata,
    sa.Column("item_id", sa.String(64), primary_key=True),  # sha256 of the statement's text
    sa.Column("received_at", sa.DateTime, nullable=False),
    sa.Column("origin", sa.String(300), nullable=False),  # the feed's address or the folder's file name
    sa.Column("title", sa.String(300), nullable=False, default=""),
    sa.Column("url", sa.String(1000), nullable=False, default=""),
    sa.Column("published", sa.String(10)),
    sa.Column("site", sa.String(200), nullable=False, default=""),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("status", sa.String(20), nullable=False, default="waiting"),
    sa.Column("revision_id", sa.Integer),
)

hazards_table = sa.Table(
    "hazard_areas", metadata,
    sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=True),
    _revision_column(),
    sa.Column("hazard_id", sa.String(64), nullable=False, index=True),
    sa.Column("source_id", sa.String(64), nullable=False),
    sa.Column("hazard_type", sa.String(10), nullable=False),
    sa.Column("hazard_status", sa.String(20), nullable=False),
    sa.Column("contamination", sa.String(30)),
    sa.Column("area_m2", sa.Float, nullable=False),
    sa.Column("recorded_date", sa.String(10)),
    sa.Column("last_survey_date", sa.String(10)),
    sa.Column("operator", sa.String(200)),
    sa.Column("district_id", sa.String(120)),
    sa.Column("name", sa.String(200)),
    sa.Column("note", sa.Text),
    geometry_column(),
)
releases_table = sa.Table(
    "land_releases", metadata,
    sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=True),
    _revision_column(),
    sa.Column("release_id", sa.String(64), nullable=False, index=True),
    sa.Column("source_id", sa.String(64), nullable=False),
    sa.Column("hazard_id", sa.String(64)),
    sa.Column("method", sa.String(20), nullable=False),
    sa.Column("area_m2", sa.Float, nullable=False),
    sa.Column("period_start", sa.String(10)),
    sa.Column("period_end", sa.String(10), nullable=False),
    sa.Column("operator", sa.String(200)),
    sa.Column("ap_mines", sa.Integer),
    sa.Column("at_mines", sa.Integer),
    sa.Column("uxo", sa.Integer),
    sa.Column("ied", sa.Integer),
    sa.Column("land_use", sa.String(20)),
    sa.Column("district_id", sa.String(120)),
    sa.Column("note", sa.Text),
)
breakdowns_table = sa.Table(
    "published_breakdowns", metadata,
    sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=True),
    _revision_column(),
    sa.Column("breakdown_id", sa.String(64), nullable=False, index=True),
    sa.Column("source_id", sa.String(64), nullable=False),
    sa.Column("metric", sa.String(60), nullable=False),
    sa.Column("breakdown", sa.String(20), nullable=False),
    sa.Column("category", sa.String(200), nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("unit", sa.String(10), nullable=False),
    sa.Column("qualifier", sa.String(20), nullable=False),
    sa.Column("period_start", sa.String(10)),
    sa.Column("period_end", sa.String(10), nullable=False),
    sa.Column("place_id", sa.String(120), nullable=False),
    sa.Column("note", sa.Text),
)

# Business key of each versioned table: a later revision's row with the same key supersedes.
VERSIONED: dict[str, tuple[sa.Table, list[str]]] = {  # identity keys: geo/model/kinds.py
    name: (table, list(KINDS[name].keys)) for name, table in {
        "sources": sources_table, "claims": claims_table, "events": events_table,
        "placements": placements_table, "places": places_table, "names": place_names_table,
        "hazards": hazards_table, "releases": releases_table, "breakdowns": breakdowns_table,
    }.items()
}

V1_TABLES = [
    meta_table, revisions_table, sources_table, places_table, place_names_table,
    claims_table, events_table,
]


def _migrate_1_initial(conn: Connection) -> None:
    """Version 1: sources, gazetteer, claims, events and revisions."""
    if is_postgis(conn):
        ensure_postgis(conn)
    metadata.create_all(conn, tables=V1_TABLES)


def _migrate_2_placements_and_retractions(conn: Connection) -> None:
    """Version 2: which district each source places a feature in; retract/restore log."""
    metadata.create_all(conn, tables=[placements_table, revision_actions_table])


def _migrate_3_files_signins_profiles(conn: Connection) -> None:
    """Version 3: one revision per uploaded file (a constraint, not a check that can race),
    the sign-in log that throttles guessing, and saved column-mapping profiles."""
    metadata.create_all(conn, tables=[upload_files_table, signin_attempts_table,
                                      mapping_profiles_table])
    first = (sa.select(revisions_table.c.sha256, sa.func.min(revisions_table.c.revision_id))
             .where(revisions_table.c.kind != "alias").group_by(revisions_table.c.sha256))
    conn.execute(sa.insert(upload_files_table).from_select(["sha256", "revision_id"], first))


EVENT_LOCATION = "location"
POSTGIS_COMPUTED = {"events": [EVENT_LOCATION]}  # columns PostgreSQL computes from others


def _migrate_4_postgis(conn: Connection) -> None:
    """Version 4: on PostgreSQL, geometries become PostGIS columns (a store holding WKB bytes is
    converted in place) with GiST indexes, and events get a point column computed from their
    coordinates, indexed too. Nothing changes on SQLite."""
    if not is_postgis(conn):
        return
    ensure_postgis(conn)
    upgrade_geometry_columns(conn, list(metadata.tables.values()))
    conn.exec_driver_sql(
        f"ALTER TABLE events ADD COLUMN {EVENT_LOCATION} geometry(Point, 4326) GENERATED ALWAYS AS"
        " (CASE WHEN lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180"
        " THEN ST_SetSRID(ST_MakePoint(lon, lat), 4326) END) STORED")
    conn.exec_driver_sql(
        f"CREATE INDEX ix_events_{EVENT_LOCATION}_gist ON events USING gist ({EVENT_LOCATION})")


def _migrate_5_hazards_and_land_release(conn: Connection) -> None:
    """Version 5: hazard areas, land-release records, published breakdowns, and how many of
    the first two each revision holds (hazard polygons are PostGIS geometries on PostgreSQL)."""
    metadata.create_all(conn, tables=[hazards_table, releases_table, breakdowns_table])
    upgrade_geometry_columns(conn, [hazards_table])  # GiST index on PostgreSQL
    present = {column["name"] for column in sa.inspect(conn).get_columns("revisions")}
    for name in ("rows_hazards", "rows_releases"):
        if name not in present:  # a store made before version 5
            conn.execute(sa.text(f"ALTER TABLE revisions ADD COLUMN {name} INTEGER NOT NULL DEFAULT 0"))


STATEMENT_COLUMNS = {"sources": {"language": "VARCHAR(5)", "statement_text": "TEXT"},
                     "claims": {"quote": "TEXT"}}


def _migrate_6_statement_evidence(conn: Connection) -> None:
    """Version 6: a figure taken from a statement keeps the words that state it (claims.quote),
    and its source the statement itself and its language (sources.statement_text, language)."""
    for table, columns in STATEMENT_COLUMNS.items():
        present = {column["name"] for column in sa.inspect(conn).get_columns(table)}
        for name, kind in columns.items():
            if name not in present:  # a store made before version 6
                conn.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN {name} {kind}"))


def _migrate_7_statement_inbox(conn: Connection) -> None:
    """Version 7: statements from news feeds and folders waiting for an editor's review."""
    metadata.create_all(conn, tables=[statement_inbox_table])


def _migrate_8_economic_regions(conn: Connection) -> None:
    """Version 8: the economic regions (Karabakh, East Zangezur) in the gazetteer of a store
    seeded before they were part of it: each the union of its districts as the store holds them,
    with its names, under the seed revision like every place the app ships (its recorded count of
    places grows by as many). An empty store (seeded
    afterwards, from a gazetteer that has them) and a store that has them are left as they are."""
    import shapely

    from geo.names import ECONOMIC_REGIONS
    from geo.places import economic_regions

    seed = conn.execute(sa.select(sa.func.min(revisions_table.c.revision_id))
                        .where(revisions_table.c.kind == "seed")).scalar()
    if seed is None:
        return
    wanted = sorted({district for members in ECONOMIC_REGIONS.values() for district in members})
    latest: dict[str, dict] = {}
    for row in conn.execute(sa.select(places_table).where(places_table.c.place_id.in_(wanted))
                            .order_by(places_table.c.revision_id, places_table.c.row_id)).mappings():
        latest[row["place_id"]] = dict(row)  # the district's latest row
    present = set(conn.execute(sa.select(places_table.c.place_id).where(
        places_table.c.level == "economic_region")).scalars())
    districts = [{"place_id": pid, "level": "district", "license": row["license"] or "",
                  "geometry": shapely.from_wkb(row["geometry_wkb"])}
                 for pid, row in latest.items() if row["level"] == "district" and row["geometry_wkb"]]
    rows, names = economic_regions(districts)
    added = [r for r in rows if r["place_id"] not in present]
    for row in added:
        values = {k: v for k, v in row.items() if k != "geometry"}
        conn.execute(sa.insert(places_table).values(revision_id=seed, geometry_wkb=shapely.to_wkb(
            row["geometry"]), **values))
        conn.execute(sa.insert(place_names_table), [
            {"revision_id": seed, "place_id": n.place_id, "name": n.name, "usage": n.usage}
            for n in names if n.place_id == row["place_id"]])
    if added:  # the seed revision's recorded count stays true (the integrity check reads it)
        conn.execute(sa.update(revisions_table).where(revisions_table.c.revision_id == seed).values(
            rows_places=revisions_table.c.rows_places + len(added)))


MIGRATIONS: list[Callable[[Connection], None]] = [
    _migrate_1_initial,
    _migrate_2_placements_and_retractions,
    _migrate_3_files_signins_profiles,
    _migrate_4_postgis,
    _migrate_5_hazards_and_land_release,
    _migrate_6_statement_evidence,
    _migrate_7_statement_inbox,
    _migrate_8_economic_regions,
]
SCHEMA_VERSION = len(MIGRATIONS)


def read_meta(conn: Connection, key: str) -> str | None:
    """A value of the meta table (None when absent or before the store exists)."""
    if not sa.inspect(conn).has_table("meta"):
        return None
    return conn.execute(sa.select(meta_table.c.value).where(meta_table.c.key == key)).scalar()


def write_meta(conn: Connection, key: str, value: str) -> None:
    """Set a value of the meta table."""
    conn.execute(sa.delete(meta_table).where(meta_table.c.key == key))
    conn.execute(sa.insert(meta_table).values(key=key, value=value))


def schema_version(conn: Connection) -> int:
    """Schema version recorded in the store, 0 for an empty database."""
    value = read_meta(conn, "schema_version")
    return int(value) if value else 0
