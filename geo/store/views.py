"""Read-only views of the current data, for QGIS and for the GeoPackage of the same layers.

`current_<table>` holds, for every versioned table, the latest row per business key among
revisions that count (not retracted): what `Store.snapshot()` returns. On top of them the
published `gis_` layers join what a GIS user needs: figures with their source and their place's
geometry, events with their source, district and a point, the gazetteer. A new versioned
table gets its `current_` view by being in `VERSIONED`; publishing it is one line in
`LAYERS`. The views are remade (and re-granted to the reader role) whenever their SQL
changes; `meta.views_digest` records which definitions a store holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geo.store.geometry import geometry_columns, is_postgis
from geo.store.schema import POSTGIS_COMPUTED, VERSIONED, read_meta, write_meta

READER_ROLE = "minedash_reader"  # a group role; QGIS users are its members (see docs/deploy.md)
DIGEST_KEY = "views_digest"
ACTIVE = "active_revisions"


def current_name(table: sa.Table) -> str:
    """Name of the view of a versioned table's current rows."""
    return f"current_{table.name}"


def _active_sql() -> str:
    return ("SELECT r.revision_id FROM revisions r WHERE COALESCE((SELECT a.action FROM "
            "revision_actions a WHERE a.revision_id = r.revision_id ORDER BY a.action_id DESC "
            "LIMIT 1), 'restore') <> 'retract'")


def _current_sql(table: sa.Table, keys: list[str], postgis: bool) -> str:
    """Latest row per key among counting revisions; geometry columns are called `geometry`."""
    geometries = {c.name for c in geometry_columns(table)}
    columns = [f't."{c.name}" AS geometry' if c.name in geometries else f't."{c.name}"'
               for c in table.columns]
    columns += [f"t.{name}" for name in POSTGIS_COMPUTED.get(table.name, []) if postgis]
    same = " AND ".join(f'n."{k}" = t."{k}"' for k in keys)
    return (f"SELECT {', '.join(columns)} FROM {table.name} t JOIN {ACTIVE} a ON a.revision_id = "
            f"t.revision_id WHERE NOT EXISTS (SELECT 1 FROM {table.name} n JOIN {ACTIVE} b ON "
            f"b.revision_id = n.revision_id WHERE {same} AND n.revision_id > t.revision_id)")


SOURCE_COLUMNS = "s.originator, s.party, s.outlet, s.published, s.url AS source_url"


def _figures_sql(postgis: bool) -> str:
    geometry = "CAST(p.geometry AS geometry(Geometry, 4326))" if postgis else "p.geometry"
    return ("SELECT c.row_id, c.claim_id, c.metric, c.value, c.unit, c.qualifier, c.period_start, "
            "c.period_end, c.period_type, c.scope, c.place, c.place_id, p.name AS place_name, "
            "p.level AS place_level, p.district_id, c.location_precision, c.status, c.note, c.quote, "
            f"c.source_id, {SOURCE_COLUMNS}, c.revision_id, {geometry} AS geometry "
            "FROM current_claims c LEFT JOIN current_sources s ON s.source_id = c.source_id "
            "LEFT JOIN current_places p ON p.place_id = c.place_id")


def _events_sql(postgis: bool) -> str:
    """Events at their coordinates, else at a point on their place; on SQLite the geometry is
    the place's and the district of located events is left empty (readers complete both)."""
    if postgis:
        district = ("COALESCE(p.district_id, (SELECT d.place_id FROM current_places d WHERE "
                    "d.level = 'district' AND ST_Contains(d.geometry, e.location) "
                    "ORDER BY d.place_id LIMIT 1))")
        geometry = "CAST(COALESCE(e.location, ST_PointOnSurface(p.geometry)) AS geometry(Point, 4326))"
    else:
        district, geometry = "p.district_id", "p.geometry"
    return ("SELECT e.row_id, e.event_id, e.kind, e.date_start, e.date_end, e.place, e.place_id, "
            f"p.name AS place_name, {district} AS district_id, e.lat, e.lon, e.location_precision, "
            "e.device_category, e.device_model, e.quantity, e.killed, e.injured, e.status, e.note, "
            f"e.source_id, {SOURCE_COLUMNS}, e.revision_id, {geometry} AS geometry "
            "FROM current_events e LEFT JOIN current_sources s ON s.source_id = e.source_id "
            "LEFT JOIN current_places p ON p.place_id = e.place_id")


def _hazards_sql(postgis: bool) -> str:
    geometry = "CAST(h.geometry AS geometry(Geometry, 4326))" if postgis else "h.geometry"
    return ("SELECT h.row_id, h.hazard_id, h.hazard_type, h.hazard_status, h.contamination, "
            "h.area_m2, h.recorded_date, h.last_survey_date, h.operator, h.district_id, h.name, "
            f"h.note, h.source_id, {SOURCE_COLUMNS}, h.revision_id, {geometry} AS geometry "
            "FROM current_hazard_areas h LEFT JOIN current_sources s ON s.source_id = h.source_id")



def _releases_sql(_postgis: bool) -> str:
    return ("SELECT r.row_id, r.release_id, r.hazard_id, r.method, r.area_m2, r.period_start, "
            "r.period_end, r.operator, r.ap_mines, r.at_mines, r.uxo, r.ied, r.land_use, "
            f"r.district_id, r.note, r.source_id, {SOURCE_COLUMNS}, r.revision_id "
            "FROM current_land_releases r LEFT JOIN current_sources s ON s.source_id = r.source_id")


def _republished(view: str) -> Callable[[bool], str]:
    return lambda _postgis: f"SELECT * FROM {view}"


# The layers QGIS users open and the exported GeoPackage holds (one line each).
LAYERS: dict[str, Callable[[bool], str]] = {
    "gis_figures": _figures_sql,
    "gis_events": _events_sql,
    "gis_places": _republished("current_places"),
    "gis_hazard_areas": _hazards_sql,
    "gis_land_release": _releases_sql,  # a table without geometry (its hazard id links it)
}


def view_definitions(postgis: bool) -> dict[str, str]:
    """Every view's SQL in creation order (a view only reads views made before it)."""
    views = {ACTIVE: _active_sql()}
    views |= {current_name(table): _current_sql(table, keys, postgis) for table, keys in VERSIONED.values()}
    views |= {name: make(postgis) for name, make in LAYERS.items()}
    return views


def _digest(postgis: bool) -> str:
    text = "\n".join(f"{name}: {sql}" for name, sql in view_definitions(postgis).items())
    return hashlib.sha256(text.encode()).hexdigest()


def views_are_current(conn: Connection) -> bool:
    """Whether the store holds this app's view definitions."""
    return read_meta(conn, DIGEST_KEY) == _digest(is_postgis(conn))


def replace_views(conn: Connection) -> None:
    """Drop and remake every view, then grant reading them to the reader role if it exists."""
    postgis = is_postgis(conn)
    views = view_definitions(postgis)
    for name in reversed(views):
        conn.exec_driver_sql(f"DROP VIEW IF EXISTS {name}" + (" CASCADE" if postgis else ""))
    for name, sql in views.items():
        conn.exec_driver_sql(f"CREATE VIEW {name} AS {sql}")
    grant_reader(conn)
    write_meta(conn, DIGEST_KEY, _digest(postgis))


def grant_reader(conn: Connection) -> None:
    """Let the reader role select from every view (and nothing else), when the role exists."""
    if not is_postgis(conn):
        return
    exists = conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :role"),
                          {"role": READER_ROLE}).scalar()
    if exists:
        names = ", ".join(view_definitions(True))
        conn.exec_driver_sql(f"GRANT SELECT ON {names} TO {READER_ROLE}")
