"""Element props: what each element says of itself for its kind (cowork/core/props.py), for the city's networks.

Every element and frozen plan element gets its kind's default props (a bike lane is `painted`, the facility the
tablets drew until now); a tree observation that counted a group carries that count as its as-built props, the
count alive that the green ledger reads (when a group's props may hold it, 1 to 500). Other observations say
nothing (null).

Revision ID: 0004_element_props
Revises: 0003_slow_recovery_hashes
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_element_props"
down_revision = "0003_slow_recovery_hashes"
branch_labels = None
depends_on = None

TABLES = ("elements", "plan_elements")
# The values as they stood when this revision was written, frozen here on purpose: a migration must give the same
# data whenever it is replayed, so it never reads cowork/core/props.py, which may change later.
DEFAULT_PROPS = {"bike_lane": {"facility": "painted"}}
MAX_TREE_GROUP = 500


def upgrade() -> None:
    """Add the columns, give every existing row its kind's defaults, then make the element ones required."""
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("props", sa.JSON(), nullable=True))
    with op.batch_alter_table("observations") as batch:
        batch.add_column(sa.Column("props", sa.JSON(), nullable=True))
    connection = op.get_bind()
    for name in TABLES:
        rows = sa.table(name, sa.column("kind", sa.String), sa.column("props", sa.JSON))
        kinds = connection.execute(sa.select(rows.c.kind).distinct()).scalars().all()
        for kind in kinds:
            connection.execute(rows.update().where(rows.c.kind == kind).values(props=DEFAULT_PROPS.get(kind, {})))
    observations = sa.table(
        "observations",
        sa.column("id", sa.String),
        sa.column("kind", sa.String),
        sa.column("count", sa.Integer),
        sa.column("props", sa.JSON),
    )
    counted = connection.execute(
        sa.select(observations.c.id, observations.c.count).where(
            observations.c.kind == "tree", observations.c.count.between(1, MAX_TREE_GROUP)
        )
    ).all()
    for row in counted:
        connection.execute(observations.update().where(observations.c.id == row.id).values(props={"count": row.count}))
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.alter_column("props", existing_type=sa.JSON(), nullable=False)


def downgrade() -> None:
    """Drop the props (the shapes, notes and counts they were made from are all still there)."""
    with op.batch_alter_table("observations") as batch:
        batch.drop_column("props")
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("props")
