"""The schema's migrations (Alembic, revisions in cowork/ops/migrations/versions/): upgrading, checking at start, and
adopting a database made before migrations existed.

Decision (docs/deploy.md): on SQLite, the embedded default with one process, `run.py` upgrades at start, under an
exclusive lock on a file beside the database so that two processes starting together never both migrate. On any
other database (PostgreSQL: several processes, often several machines) `run.py` never migrates: it refuses to start
until `python run.py db upgrade` has run, and that command holds a PostgreSQL advisory lock while it migrates.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import io
import logging
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from ..city import store as city_store
from ..models.base import NAMING_CONVENTION
from ..opendata import store

log = logging.getLogger(__name__)

SCRIPTS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001_baseline"
# Any fixed number: the key of the PostgreSQL advisory lock that `db upgrade` holds while it migrates.
ADVISORY_LOCK_KEY = 0x636F776F726B  # "cowork"


class SchemaError(RuntimeError):
    """The database's schema is not one this version can serve (unknown revision, or not upgraded yet)."""


def _alembic_config(connection: Connection | None = None, output: io.StringIO | None = None) -> AlembicConfig:
    config = AlembicConfig(stdout=output) if output is not None else AlembicConfig()
    config.set_main_option("script_location", str(SCRIPTS))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest revision this version knows."""
    newest = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert newest is not None  # ops/migrations/versions/ holds the baseline at least
    return newest


def known_revisions() -> set[str]:
    """Every revision this version knows."""
    return {script.revision for script in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def migration_engine(url: str) -> Engine:
    """An engine for migrating: on SQLite without foreign-key enforcement (batch mode copies tables, and dropping a
    table with enforcement on would cascade into its children) and with one IMMEDIATE transaction around it all."""
    if not url.startswith("sqlite"):
        return create_engine(url)
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        dbapi_connection.execute("PRAGMA busy_timeout=30000")

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def current_revision(connection: Connection) -> str | None:
    """The revision the database is stamped with, or None."""
    return MigrationContext.configure(connection).get_current_revision()


# PostgreSQL: the tables an extension made (PostGIS's spatial_ref_sys) are the extension's, not cowork's.
_EXTENSION_TABLES = """
SELECT c.relname FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.deptype = 'e'
JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'
"""


def tables_of_cowork(connection: Connection) -> set[str]:
    """The database's tables but an extension's own (the version table included)."""
    tables = set(inspect(connection).get_table_names())
    if connection.dialect.name == "postgresql":
        tables -= set(connection.exec_driver_sql(_EXTENSION_TABLES).scalars())
    return tables


def is_pre_migration(connection: Connection) -> bool:
    """Whether this is a database made before migrations: cowork's tables but no version table."""
    tables = set(inspect(connection).get_table_names())
    return "workshops" in tables and "alembic_version" not in tables


def state(url: str) -> str:
    """`current`, `behind` (older revision, empty, or made before migrations), or raises SchemaError if unknown."""
    engine = migration_engine(url)
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
            if revision is None:
                return "behind"
            if revision not in known_revisions():
                raise SchemaError(
                    f"The database is at schema revision {revision!r}, which this version of cowork does not know "
                    "(a newer version made it?). Run that version, or restore a backup made for this one."
                )
            return "current" if revision == head() else "behind"
    finally:
        engine.dispose()


@contextlib.contextmanager
def _exclusive(url: str, connection: Connection) -> Iterator[None]:
    """Hold the one migration lock: a file lock beside an SQLite file, an advisory lock on PostgreSQL."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK_KEY})")
        yield
        return
    database = connection.engine.url.database
    if connection.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate.lock", "w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def upgrade(url: str, target: str = "head") -> None:
    """Bring the database to a revision (the newest by default), adopting a pre-migration database first."""
    engine = migration_engine(url)
    try:
        with engine.begin() as connection, _exclusive(url, connection):
            revision = current_revision(connection)
            if revision is not None and revision not in known_revisions():
                raise SchemaError(f"The database is at schema revision {revision!r}, which this version does not know.")
            if revision is None and is_pre_migration(connection):
                log.info("adopting a database made before migrations as %s", BASELINE)
                adopt_pre_migration(connection)
                command.stamp(_alembic_config(connection), BASELINE)
            command.upgrade(_alembic_config(connection), target)
            if target == "head":
                _rebuild_stale(connection)
            if connection.dialect.name == "sqlite":
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise SchemaError(f"The migration left rows pointing at nothing: {broken[:5]}")
    finally:
        engine.dispose()


def _rebuild_stale(connection: Connection) -> None:
    """Build what a revision marked stale (the published features), with the code of this head, in the upgrade's
    own transaction: a database at head is never served with them missing."""
    with Session(bind=connection) as session:
        built = store.rebuild_stale(session) + city_store.rebuild_stale(session)
        session.flush()
    if built:
        log.info("built the published layers again: %s", ", ".join(built))


def prepare(url: str, *, auto_upgrade: bool) -> None:
    """Make sure the schema is current before serving: upgrade it when allowed, else refuse with what to run."""
    if state(url) == "current":
        return
    if not auto_upgrade:
        raise SchemaError(
            "The database schema is not up to date: run `python run.py db upgrade` first (see docs/deploy.md)."
        )
    upgrade(url)


# ---------------------------------------------------------------------------------------------------- adoption


def adopt_pre_migration(connection: Connection) -> None:
    """Give a pre-migration database's constraints the names the baseline gives them (in place, rows kept)."""
    missing = _missing_baseline_parts(connection)
    if missing:
        raise SchemaError(f"This database predates the baseline and lacks {', '.join(missing)}; it cannot be adopted.")
    if connection.dialect.name == "sqlite":
        _rename_sqlite_constraints(connection)
    else:
        _rename_constraints(connection)


@functools.lru_cache(maxsize=1)
def _baseline_columns() -> dict[str, frozenset[str]]:
    """The tables and columns of the baseline, as its revision makes them (in a throwaway in-memory database)."""
    engine = migration_engine("sqlite://")
    try:
        with engine.begin() as connection:
            command.upgrade(_alembic_config(connection), BASELINE)
            inspector = inspect(connection)
            return {
                table: frozenset(c["name"] for c in inspector.get_columns(table))
                for table in inspector.get_table_names()
                if table != "alembic_version"
            }
    finally:
        engine.dispose()


def _missing_baseline_parts(connection: Connection) -> list[str]:
    inspector = inspect(connection)
    tables = set(inspector.get_table_names())
    missing = []
    for table, columns in sorted(_baseline_columns().items()):
        if table not in tables:
            missing.append(f"table {table}")
            continue
        present = {column["name"] for column in inspector.get_columns(table)}
        missing.extend(f"{table}.{column}" for column in sorted(columns - present))
    return missing


def _rename_sqlite_constraints(connection: Connection) -> None:
    # SQLite cannot rename a constraint: batch mode copies each table into one whose unnamed constraints are given
    # the naming convention's names, then swaps it in (foreign keys are off for the migration engine).
    from alembic.operations import Operations

    operations = Operations(MigrationContext.configure(connection))
    for table in inspect(connection).get_table_names():
        if table == "alembic_version":
            continue
        with operations.batch_alter_table(table, recreate="always", naming_convention=NAMING_CONVENTION):
            pass


def _conventional_name(kind: str, table: str, columns: list[str], referred: str = "") -> str:
    values = {
        "table_name": table,
        "column_0_name": columns[0],
        "column_0_label": f"{table}_{columns[0]}",
        "referred_table_name": referred,
    }
    return NAMING_CONVENTION[kind] % values


def _rename_constraints(connection: Connection) -> None:
    # PostgreSQL named them itself (workshops_pkey, participants_workshop_id_fkey, workshops_join_code_key).
    inspector = inspect(connection)
    renames: list[tuple[str, str, str]] = []
    for table in inspector.get_table_names():
        if table not in _baseline_columns():
            continue  # not cowork's baseline: the version table, an extension's own (PostGIS's spatial_ref_sys)
        primary = inspector.get_pk_constraint(table)
        if name := primary.get("name"):
            renames.append((table, name, _conventional_name("pk", table, primary["constrained_columns"])))
        # PostgreSQL names every constraint: the checks for a name only tell mypy so.
        for key in inspector.get_foreign_keys(table):
            if name := key["name"]:
                renames.append(
                    (table, name, _conventional_name("fk", table, key["constrained_columns"], key["referred_table"]))
                )
        for unique in inspector.get_unique_constraints(table):
            name = unique["name"]
            if not name or name.startswith(("uq_", "ix_")):
                continue  # named in the model already
            renames.append((table, name, _conventional_name("uq", table, unique["column_names"])))
    for table, old, new in renames:
        if old != new:
            connection.exec_driver_sql(f'ALTER TABLE "{table}" RENAME CONSTRAINT "{old}" TO "{new}"')


# ---------------------------------------------------------------------------------------------------- the command


def db_command(settings, action: str) -> int:
    """`run.py db upgrade|current|history`."""
    url = settings.database_url
    if action == "upgrade":
        if url.startswith("sqlite"):
            Path(url.split("///", 1)[-1]).parent.mkdir(parents=True, exist_ok=True)
        upgrade(url)
        print(f"database upgraded to {head()}", flush=True)
        return 0
    output = io.StringIO()
    engine = migration_engine(url)
    try:
        with engine.connect() as connection:
            config = _alembic_config(connection, output)
            if action == "current":
                revision = current_revision(connection)
                pre = revision is None and is_pre_migration(connection)
                shown = revision or ("none (made before migrations; `db upgrade` adopts it)" if pre else "none (empty)")
                output.write(f"current: {shown}\nhead: {head()}\n")
            else:
                command.history(config)
    finally:
        engine.dispose()
    print(output.getvalue(), end="", flush=True)
    return 0
