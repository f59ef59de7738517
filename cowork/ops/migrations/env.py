"""Alembic's environment for cowork: run on the connection cowork/ops/migrate.py hands over (no alembic.ini)."""

from __future__ import annotations

from alembic import context

from cowork.models import city, opendata, supervision  # noqa: F401  (registers their tables)
from cowork.models.base import Base

config = context.config
connection = config.attributes["connection"]

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite alters tables by copying them ("batch mode"); harmless elsewhere.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    compare_server_default=False,
)
with context.begin_transaction():
    context.run_migrations()
