"""Stored measures: each element's (and each frozen plan element's) length or area, computed once when written.

Existing rows are measured here, on their workshop's site plane, with cowork/core/geo.py (pure geometry, whose
measures are those the server computed for these rows on every read until now).

Revision ID: 0002_stored_measures
Revises: 0001_baseline
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cowork.core import geo

revision = "0002_stored_measures"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None

workshops = sa.table("workshops", sa.column("id", sa.String), sa.column("boundary", sa.JSON))
projects = sa.table("projects", sa.column("id", sa.String), sa.column("workshop_id", sa.String))
elements = sa.table(
    "elements",
    sa.column("id", sa.String),
    sa.column("workshop_id", sa.String),
    sa.column("geometry", sa.JSON),
    sa.column("measure", sa.JSON),
)
plan_elements = sa.table(
    "plan_elements",
    sa.column("project_id", sa.String),
    sa.column("element_id", sa.String),
    sa.column("geometry", sa.JSON),
    sa.column("measure", sa.JSON),
)


def upgrade() -> None:
    """Add the columns, measure every existing row, then make them required."""
    for table in ("elements", "plan_elements"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("measure", sa.JSON(), nullable=True))
    connection = op.get_bind()
    planes = {row.id: geo.plane_for(geo.from_geojson(row.boundary)) for row in connection.execute(sa.select(workshops))}
    site_of_project = dict(connection.execute(sa.select(projects.c.id, projects.c.workshop_id)).all())
    for row in connection.execute(sa.select(elements.c.id, elements.c.workshop_id, elements.c.geometry)).all():
        measure = geo.measure(geo.from_geojson(row.geometry), planes[row.workshop_id])
        connection.execute(elements.update().where(elements.c.id == row.id).values(measure=measure))
    for row in connection.execute(
        sa.select(plan_elements.c.project_id, plan_elements.c.element_id, plan_elements.c.geometry)
    ).all():
        measure = geo.measure(geo.from_geojson(row.geometry), planes[site_of_project[row.project_id]])
        connection.execute(
            plan_elements.update()
            .where(plan_elements.c.project_id == row.project_id, plan_elements.c.element_id == row.element_id)
            .values(measure=measure)
        )
    for table in ("elements", "plan_elements"):
        with op.batch_alter_table(table) as batch:
            batch.alter_column("measure", existing_type=sa.JSON(), nullable=False)


def downgrade() -> None:
    """Drop the stored measures (they are recomputed on every read again)."""
    for table in ("plan_elements", "elements"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("measure")
