"""Slow recovery hashes: each stored recovery code hash, a plain SHA-256 until now, becomes scrypt over it.

The codes themselves are not kept, so the conversion works on the stored SHA-256: `tokens.recovery_hash(code)` is
`tokens.harden(sha256(code))`, and every existing code keeps working. The downgrade cannot undo scrypt: it gives
each access a hash of a code nobody holds, so authors need a code reissued by the facilitator (their keys still
work).

Revision ID: 0003_slow_recovery_hashes
Revises: 0002_stored_measures
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cowork.core import tokens

revision = "0003_slow_recovery_hashes"
down_revision = "0002_stored_measures"
branch_labels = None
depends_on = None

access = sa.table("supervision_access", sa.column("id", sa.String), sa.column("recovery_hash", sa.String))


def upgrade() -> None:
    """Harden every stored recovery hash in place."""
    connection = op.get_bind()
    for row in connection.execute(sa.select(access.c.id, access.c.recovery_hash)).all():
        connection.execute(
            access.update().where(access.c.id == row.id).values(recovery_hash=tokens.harden(row.recovery_hash))
        )


def downgrade() -> None:
    """Replace every recovery hash by one of a code nobody holds (scrypt cannot be undone)."""
    connection = op.get_bind()
    for row in connection.execute(sa.select(access.c.id)).all():
        connection.execute(
            access.update().where(access.c.id == row.id).values(recovery_hash=tokens.token_hash(tokens.new_token()))
        )
