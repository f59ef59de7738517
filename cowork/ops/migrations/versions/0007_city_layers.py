"""The city map kept in the database: its layers as published rows (layers 11-18 of `published_features`) and its
figures in a small table of their own, so `GET /api/city` reads them instead of building the whole city.

The table starts empty and the city's layers are marked `stale`: `python run.py db upgrade` builds them, and the
figures, once the schema is at head, with the code of that head (cowork/ops/migrate.py `_rebuild_stale`).

Revision ID: 0007_city_layers
Revises: 0006_published_features
Create Date: 2027-02-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_city_layers"
down_revision = "0006_published_features"
branch_labels = None
depends_on = None

# Frozen here (a migration replays the same way): the city's layers, as city/store.py numbers them.
CITY_LAYERS = (11, 12, 13, 14, 15, 16, 17, 18)

_NUMBER = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """The figures' table; the city's layers marked to be built."""
    op.create_table(
        "city_figures",
        sa.Column("part", sa.String(length=20), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("version", _NUMBER, nullable=False),
        sa.PrimaryKeyConstraint("part", name="pk_city_figures"),
    )
    layers = sa.table(
        "published_layers",
        sa.column("layer", sa.SmallInteger),
        sa.column("version", sa.Integer),
        sa.column("stale", sa.Boolean),
        sa.column("count", sa.Integer),
    )
    op.bulk_insert(layers, [{"layer": n, "version": 0, "stale": True, "count": 0} for n in CITY_LAYERS])


def downgrade() -> None:
    """Drop the city's figures and rows (derived: the next upgrade builds them again)."""
    op.execute(sa.text("DELETE FROM published_features WHERE layer >= 11 AND layer <= 18"))
    op.execute(sa.text("DELETE FROM published_layers WHERE layer >= 11 AND layer <= 18"))
    op.drop_table("city_figures")
