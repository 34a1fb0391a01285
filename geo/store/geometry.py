"""Geometry columns: PostGIS `geometry(…, 4326)` on PostgreSQL, WKB bytes elsewhere.

Every geometry-bearing table declares its geometry with `geometry_column`, so the same
table is a real spatial column (with a GiST index, made by the migrations) on PostgreSQL
and a plain BLOB on SQLite. Python code always reads and writes WKB bytes: the PostGIS
column converts on the way in (`ST_GeomFromWKB`) and out (`ST_AsBinary`).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.types import TypeDecorator, UserDefinedType

SRID = 4326


class _PostGISGeometry(UserDefinedType):
    """The PostgreSQL side: a typed PostGIS column that speaks WKB to the driver."""

    cache_ok = True

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def get_col_spec(self, **_: object) -> str:
        return f"geometry({self.kind}, {SRID})"

    def bind_expression(self, bindvalue: sa.BindParameter) -> sa.ColumnElement:
        return sa.func.ST_GeomFromWKB(bindvalue, SRID, type_=self)

    def column_expression(self, column: sa.ColumnElement) -> sa.ColumnElement:
        return sa.func.ST_AsBinary(column, type_=sa.LargeBinary)


class Geometry(TypeDecorator):
    """WKB bytes in Python; `geometry(kind, 4326)` on PostgreSQL, a BLOB on other databases."""

    impl = sa.LargeBinary
    cache_ok = True

    def __init__(self, kind: str = "Geometry") -> None:
        super().__init__()
        self.kind = kind

    def load_dialect_impl(self, dialect: Dialect) -> sa.types.TypeEngine:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(_PostGISGeometry(self.kind))
        return dialect.type_descriptor(sa.LargeBinary())


def geometry_column(name: str = "geometry_wkb", kind: str = "Geometry", nullable: bool = False) -> sa.Column:
    """The one way a table declares a geometry (tables keep their `geometry_wkb` name)."""
    return sa.Column(name, Geometry(kind), nullable=nullable)


def geometry_columns(table: sa.Table) -> list[sa.Column]:
    """The table's geometry columns."""
    return [c for c in table.columns if isinstance(c.type, Geometry)]


def insert_placeholder(column: sa.Column, dialect: Dialect) -> str:
    """The driver-level placeholder for one column of a bulk insert."""
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    if isinstance(column.type, Geometry) and dialect.name == "postgresql":
        return f"ST_GeomFromWKB({mark}, {SRID})"
    return mark


def is_postgis(conn: Connection) -> bool:
    """Whether geometries on this connection are PostGIS columns."""
    return conn.dialect.name == "postgresql"


def ensure_postgis(conn: Connection) -> None:
    """The PostGIS extension in this database (created if missing: needs a role allowed to)."""
    installed = conn.exec_driver_sql(
        "SELECT 1 FROM pg_extension WHERE extname = 'postgis'").scalar()
    if not installed:
        conn.exec_driver_sql("CREATE EXTENSION postgis")


def _column_type(conn: Connection, table: str, column: str) -> str | None:
    return conn.execute(sa.text(
        "SELECT udt_name FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = :table AND column_name = :column"), {"table": table, "column": column},
    ).scalar()


def upgrade_geometry_columns(conn: Connection, tables: list[sa.Table]) -> None:
    """On PostgreSQL, every geometry column of the tables that exist becomes a PostGIS column
    (WKB bytes converted in place) with a GiST index. Idempotent; nothing on other databases."""
    if not is_postgis(conn):
        return
    for table in tables:
        for column in geometry_columns(table):
            found = _column_type(conn, table.name, column.name)
            if found is None:
                continue
            if found == "bytea":
                kind = column.type.kind
                conn.exec_driver_sql(
                    f'ALTER TABLE {table.name} ALTER COLUMN "{column.name}" TYPE '
                    f'geometry({kind}, {SRID}) USING ST_GeomFromWKB("{column.name}", {SRID})')
            conn.exec_driver_sql(f'CREATE INDEX IF NOT EXISTS ix_{table.name}_{column.name}_gist '
                                 f'ON {table.name} USING gist ("{column.name}")')
