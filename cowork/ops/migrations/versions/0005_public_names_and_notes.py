"""Who is shown how in public: each author of an adopted design appears as she chose at adoption (name, initials or
"author"), and a visit's notes are its supervisors' unless marked public.

Existing authors are shown by their initials and existing visits' notes become private: nobody was asked before,
and the default is never the full name (an author or the facilitator may show more later, nothing shows less).

Revision ID: 0005_public_names_and_notes
Revises: 0004_element_props
Create Date: 2027-01-15
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_public_names_and_notes"
down_revision = "0004_element_props"
branch_labels = None
depends_on = None

# Frozen here on purpose (a migration gives the same data whenever it is replayed): cowork/core/facts.py's default.
SHOWN_AS = "initials"


def upgrade() -> None:
    """Add the columns, fill every existing row, then make them required."""
    with op.batch_alter_table("supervision_access") as batch:
        batch.add_column(sa.Column("shown_as", sa.String(length=10), nullable=True))
    with op.batch_alter_table("visits") as batch:
        batch.add_column(sa.Column("notes_public", sa.Boolean(), nullable=True))
    connection = op.get_bind()
    connection.execute(
        sa.table("supervision_access", sa.column("shown_as", sa.String)).update().values(shown_as=SHOWN_AS)
    )
    connection.execute(sa.table("visits", sa.column("notes_public", sa.Boolean)).update().values(notes_public=False))
    with op.batch_alter_table("supervision_access") as batch:
        batch.alter_column("shown_as", existing_type=sa.String(length=10), nullable=False)
    with op.batch_alter_table("visits") as batch:
        batch.alter_column("notes_public", existing_type=sa.Boolean(), nullable=False)


def downgrade() -> None:
    """Drop the choices (names and notes are all still there)."""
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("notes_public")
    with op.batch_alter_table("supervision_access") as batch:
        batch.drop_column("shown_as")
