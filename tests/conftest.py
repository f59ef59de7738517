"""Fixtures that build on each other: settings → app → server → clients → workshop → participants."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError
from werkzeug.serving import make_server

from cowork import create_app
from cowork.config import TestConfig
from cowork.models import opendata, supervision  # noqa: F401  (registers their tables)
from cowork.models.base import Base
from cowork.ops import migrate

from .support import LiveClient, create_workshop, join


def worker_database_url(url: str, worker: str) -> str:
    """The database a test process uses: the one named, or, in an xdist worker (gw0, gw1, ...), one of its own
    beside it (`cowork_ci_gw0`), since tests empty and drop what is in theirs."""
    if not url or not worker:
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


# The embedded default always; PostgreSQL too where one is provided (CI starts one and sets this).
POSTGRES_URL = worker_database_url(
    os.environ.get("COWORK_TEST_POSTGRES_URL", ""), os.environ.get("PYTEST_XDIST_WORKER", "")
)
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


def create_database_if_missing(url: str, beside: str) -> None:
    """Create the database of `url` (owned by its user) when it does not exist yet, connected to `beside`."""
    name = make_url(url).database
    engine = create_engine(beside, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            if connection.exec_driver_sql("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).scalar() is None:
                try:
                    connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
                except ProgrammingError as error:
                    raise RuntimeError(
                        f"cannot create {name} for this xdist worker: grant the role CREATEDB "
                        "(as .ci/run does), or run in one process (-n 0)"
                    ) from error
    finally:
        engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def postgres_database() -> str:
    """The PostgreSQL database of this test process, created on first use (an xdist worker's own, beside the
    named one: its role may create databases); empty when none is provided."""
    named = os.environ.get("COWORK_TEST_POSTGRES_URL", "")
    if POSTGRES_URL and named != POSTGRES_URL:
        create_database_if_missing(POSTGRES_URL, beside=named)
    return POSTGRES_URL


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """An SQLite file made by running every migration, once per run; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "cowork.db"
    migrate.upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def migrated_postgres() -> str:
    """The PostgreSQL test database, emptied and migrated once per run; each test empties its tables."""
    reset_postgres(POSTGRES_URL)
    migrate.upgrade(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture(scope="session")
def postgres_engine(migrated_postgres) -> Engine:
    """One engine for every test's emptying of the PostgreSQL database (a new engine each time cost a connection);
    pinged before use, since some tests end the database's sessions on purpose."""
    engine = create_engine(migrated_postgres, pool_pre_ping=True)
    yield engine
    engine.dispose()


# What the public schema holds that cowork made (an extension's own tables, PostGIS's spatial_ref_sys, stay).
_OURS = """
SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
"""
_DROP = {"r": "TABLE", "p": "TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW", "S": "SEQUENCE"}


def reset_postgres(url: str) -> None:
    """Drop everything cowork made in the database's public schema, the version table included. The extensions stay
    (PostGIS, which a superuser created once: the test role may not create it again)."""
    engine = create_engine(url)
    with engine.begin() as connection:
        for name, kind in connection.exec_driver_sql(_OURS).all():
            connection.exec_driver_sql(f'DROP {_DROP[kind]} IF EXISTS public."{name}" CASCADE')
    engine.dispose()


def empty_postgres(engine: Engine) -> None:
    """Empty every table cowork made and restart its sequences, as a fresh database would be; first migrate again if
    a test broke the schema on purpose. DELETE, children first: on the few rows a test leaves it takes milliseconds,
    where TRUNCATE of every table took 0.3-0.5 s per test (and inspecting the schema with Alembic as long again)."""
    with engine.begin() as connection:
        present = set(
            connection.exec_driver_sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").scalars()
        )
        revision = None
        if "alembic_version" in present:
            revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    if revision != _head() or not {table.name for table in Base.metadata.sorted_tables} <= present:
        reset_postgres(engine.url.render_as_string(hide_password=False))
        migrate.upgrade(engine.url.render_as_string(hide_password=False))
        engine.dispose()  # its connections saw the tables that were dropped
    known = [table.name for table in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as connection:
        ours = connection.exec_driver_sql(_OURS).all()
        # A table of ours the models do not list (one a migration made) goes first: it may refer to theirs.
        others = [name for name, kind in ours if kind in "rp" and name not in known and name != "alembic_version"]
        for name in [*others, *known]:
            connection.exec_driver_sql(f'DELETE FROM public."{name}"')
        for name in [name for name, kind in ours if kind == "S"]:
            connection.exec_driver_sql(f'ALTER SEQUENCE public."{name}" RESTART')


@functools.cache
def _head() -> str:
    """The newest migration, read once per run."""
    return migrate.head()


@pytest.fixture(params=BACKENDS)
def settings(request, tmp_path) -> TestConfig:
    """Test settings on a fresh, migrated database: an SQLite file, or an emptied PostgreSQL database."""
    if request.param == "sqlite":
        path = tmp_path / "cowork.db"
        shutil.copyfile(request.getfixturevalue("migrated_sqlite"), path)
        url = f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("migrated_postgres")
        empty_postgres(request.getfixturevalue("postgres_engine"))
    return TestConfig(DATABASE_URL=url, INSTANCE_DIR=str(tmp_path))


def fresh_database_url(backend: str, folder) -> str:
    """A database with nothing of a workshop in it, ready to serve: a new SQLite file in the folder (the server
    migrates it at start), or the PostgreSQL test database emptied and migrated (servers there never migrate)."""
    if backend == "sqlite":
        return f"sqlite:///{folder / 'cowork.db'}"
    reset_postgres(POSTGRES_URL)
    migrate.upgrade(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture
def app(settings):
    """The app on a fresh database."""
    application = create_app(settings)
    yield application
    application.extensions["cowork"].db.dispose()


@pytest.fixture
def cowork(app):
    """The domain services of the app."""
    return app.extensions["cowork"]


@pytest.fixture
def client(app):
    """Flask's HTTP test client."""
    return app.test_client()


@pytest.fixture
def server(app):
    """The app served for real (HTTP and websocket) on a free port; yields its base URL."""
    http_server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http_server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http_server.server_port}"
    http_server.shutdown()


@pytest.fixture
def connect(server):
    """Factory: a connected LiveClient (or subclass) for a token; all are disconnected at teardown."""
    clients: list[LiveClient] = []

    def _connect(token: str | None, kind: type[LiveClient] = LiveClient) -> LiveClient:
        live = kind(server, token)
        clients.append(live)
        return live.connect()

    yield _connect
    # python-socketio's client waits up to 3 s for each websocket close handshake: close them all at once.
    closers = [threading.Thread(target=live.disconnect) for live in clients]
    for closer in closers:
        closer.start()
    for closer in closers:
        closer.join(10)


@pytest.fixture
def workshop(server) -> dict:
    """A workshop on the park site, created over the live server."""
    return create_workshop(server)


@pytest.fixture
def alice(server, workshop) -> dict:
    """A participant named Alice."""
    return join(server, workshop["join_code"], "Alice")


@pytest.fixture
def bob(server, workshop) -> dict:
    """A participant named Bob."""
    return join(server, workshop["join_code"], "Bob")


@pytest.fixture(scope="session")
def playwright_driver():
    """One Playwright driver per test process, shared by every browser test: its sync API refuses to start a second
    driver while one runs (as the e2e tests' session browser does, in the same xdist worker)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver
