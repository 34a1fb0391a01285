"""The one geometry helper: a table that declares its geometry with `geometry_column` stores WKB
bytes on SQLite and a PostGIS column with a GiST index on PostgreSQL, and reads back the same
shapes either way, through SQLAlchemy Core as any table would."""

from __future__ import annotations

import shapely
import sqlalchemy as sa

from geo.store.geometry import geometry_column, upgrade_geometry_columns

AREA = shapely.Polygon([(46.5, 39.5), (46.6, 39.5), (46.6, 39.6), (46.5, 39.5)])


def test_a_new_table_with_the_helper_round_trips_its_shapes(store_url: str) -> None:
    metadata = sa.MetaData()
    areas = sa.Table("survey_areas", metadata, sa.Column("area_id", sa.Integer, primary_key=True),
                     geometry_column())
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS postgis")
        metadata.create_all(conn)
        upgrade_geometry_columns(conn, [areas])
        conn.execute(sa.insert(areas), [{"area_id": 1, "geometry_wkb": shapely.to_wkb(AREA)},
                                        {"area_id": 2, "geometry_wkb": shapely.to_wkb(AREA.centroid)}])
    with engine.connect() as conn:
        stored = dict(conn.execute(sa.select(areas.c.area_id, areas.c.geometry_wkb)).all())
        assert shapely.from_wkb(stored[1]).equals(AREA)
        assert shapely.from_wkb(stored[2]).equals(AREA.centroid)
        if conn.dialect.name == "postgresql":
            assert conn.exec_driver_sql(
                "SELECT srid FROM geometry_columns WHERE f_table_name = 'survey_areas'").scalar() == 4326
            assert conn.exec_driver_sql(
                "SELECT count(*) FROM survey_areas WHERE ST_Contains(geometry_wkb, "
                "ST_SetSRID(ST_MakePoint(46.58, 39.52), 4326))").scalar() == 1
            assert "gist" in conn.exec_driver_sql(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'survey_areas' AND indexdef "
                "LIKE '%%gist%%'").scalar()
    engine.dispose()
