"""Published features kept in the database, with a spatial index, so that the open data and the city map are read
by indexed queries instead of being built whole in each serving process.

The tables start empty and every layer is marked `stale`: `python run.py db upgrade` (and the start of an SQLite
instance) builds them from the workshops and projects once the schema is at head, with the code of that head, so a
later revision that changes what a workshop's rows are never meets a builder written for older ones (no revision
reads live code; cowork/ops/migrate.py `rebuild_stale`).

SQLite: an R*Tree virtual table over each feature's box and layer, kept by triggers. PostgreSQL: PostGIS (a
superuser creates the extension once: CREATE EXTENSION postgis) with the geometry generated from the GeoJSON and a
GiST index over (layer, geometry) (btree_gist, which a database's owner may create).

Revision ID: 0006_published_features
Revises: 0005_public_names_and_notes
Create Date: 2027-02-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry

revision = "0006_published_features"
down_revision = "0005_public_names_and_notes"
branch_labels = None
depends_on = None

# Frozen here (a migration replays the same way): the layers of the open data, as opendata/store.py numbers them.
LAYERS = (1, 2, 3, 4, 5)

_NUMBER = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

_RTREE = (
    "CREATE VIRTUAL TABLE published_rtree USING rtree(pk, minx, maxx, miny, maxy, minl, maxl)",
    """CREATE TRIGGER published_rtree_insert AFTER INSERT ON published_features BEGIN
        INSERT INTO published_rtree VALUES (new.pk, new.minx, new.maxx, new.miny, new.maxy, new.layer, new.layer);
    END""",
    """CREATE TRIGGER published_rtree_update AFTER UPDATE OF minx, miny, maxx, maxy, layer ON published_features BEGIN
        UPDATE published_rtree SET minx = new.minx, maxx = new.maxx, miny = new.miny, maxy = new.maxy,
            minl = new.layer, maxl = new.layer WHERE pk = new.pk;
    END""",
    """CREATE TRIGGER published_rtree_delete AFTER DELETE ON published_features BEGIN
        DELETE FROM published_rtree WHERE pk = old.pk;
    END""",
)


def _postgis(connection: sa.Connection) -> None:
    """PostGIS and btree_gist, or a clear word on what to do."""
    if connection.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").scalar() is None:
        available = connection.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'").scalar()
        if available is None:
            raise RuntimeError(
                "PostGIS is not installed on this PostgreSQL server: install its package "
                "(Debian: postgresql-postgis), then as a superuser run CREATE EXTENSION postgis in this database."
            )
        try:
            with connection.begin_nested():
                connection.exec_driver_sql("CREATE EXTENSION postgis")
        except sa.exc.DBAPIError as error:
            raise RuntimeError(
                "PostGIS is not created in this database and this role may not create it: as a superuser run "
                "CREATE EXTENSION postgis in this database (once), then upgrade again."
            ) from error
    connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS btree_gist")


def upgrade() -> None:
    """The two tables, their indexes and the database's spatial index; every layer marked to be built."""
    connection = op.get_bind()
    postgres = connection.dialect.name == "postgresql"
    if postgres:
        _postgis(connection)
    op.create_table(
        "published_features",
        sa.Column("pk", _NUMBER, primary_key=True, autoincrement=True),
        sa.Column("layer", sa.SmallInteger(), nullable=False),
        sa.Column("feature_id", sa.String(length=80), nullable=False),
        sa.Column("workshop_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=36), nullable=True),
        sa.Column("properties", sa.JSON(), nullable=False),
        sa.Column("geometry", sa.JSON(), nullable=False),
        sa.Column("minx", sa.Float(), nullable=False),
        sa.Column("miny", sa.Float(), nullable=False),
        sa.Column("maxx", sa.Float(), nullable=False),
        sa.Column("maxy", sa.Float(), nullable=False),
        sa.Column("start_at", sa.DateTime(), nullable=True),
        sa.Column("end_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("pk", name="pk_published_features"),
        sa.UniqueConstraint("layer", "feature_id", name="uq_published_features_layer_feature"),
    )
    op.create_index("ix_published_features_layer", "published_features", ["layer", "pk"])
    op.create_index("ix_published_features_workshop", "published_features", ["layer", "workshop_id", "pk"])
    op.create_index("ix_published_features_project", "published_features", ["layer", "project_id", "pk"])
    op.create_index("ix_published_features_time", "published_features", ["layer", "start_at"])
    for column in ("minx", "miny", "maxx", "maxy", "end_at"):  # a layer's extent: one index seek per edge
        op.create_index(f"ix_published_features_{column}", "published_features", ["layer", column])
    op.create_table(
        "published_layers",
        sa.Column("layer", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("version", _NUMBER, nullable=False),
        sa.Column("stale", sa.Boolean(), nullable=False),
        sa.Column("count", _NUMBER, nullable=False),
        sa.Column("minx", sa.Float(), nullable=True),
        sa.Column("miny", sa.Float(), nullable=True),
        sa.Column("maxx", sa.Float(), nullable=True),
        sa.Column("maxy", sa.Float(), nullable=True),
        sa.Column("start_at", sa.DateTime(), nullable=True),
        sa.Column("end_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("layer", name="pk_published_layers"),
    )
    layers = sa.table(
        "published_layers",
        sa.column("layer", sa.SmallInteger),
        sa.column("version", sa.Integer),
        sa.column("stale", sa.Boolean),
        sa.column("count", sa.Integer),
    )
    op.bulk_insert(layers, [{"layer": n, "version": 0, "stale": True, "count": 0} for n in LAYERS])
    if postgres:
        op.add_column(
            "published_features",
            sa.Column(
                "geom",
                Geometry(srid=4326, spatial_index=False),
                sa.Computed("ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326)", persisted=True),
                nullable=True,
            ),
        )
        op.execute("CREATE INDEX ix_published_features_geom ON published_features USING gist (layer, geom)")
    else:
        for statement in _RTREE:
            op.execute(statement)


def downgrade() -> None:
    """Drop what is published (it is derived: the next upgrade builds it again)."""
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TABLE IF EXISTS published_rtree")
    op.drop_table("published_layers")
    op.drop_table("published_features")
