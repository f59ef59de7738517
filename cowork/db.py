"""The database: one engine, and sessions that services open and commit themselves."""

from __future__ import annotations

import threading
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from . import models_supervision  # noqa: F401  (registers the supervision tables)


class Database:
    """Engine and session factory. `write()` opens a transaction that holds the write lock from its start."""

    def __init__(self, url: str):
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        if self.is_sqlite:
            if self.url.database and self.url.database != ":memory:":
                Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
            self.engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
            self._configure_sqlite(self.engine)
            # SQLite has one write lock for the whole file, and a writer that finds it taken sleeps in SQLite's busy
            # handler (1, 2, 5, … up to 100 ms between tries), not until it is released. This process's writers
            # queue here instead and the next one starts as soon as the last commits; other processes (and tools)
            # still meet busy_timeout. Reentrant, so a nested write fails as before rather than deadlocking here.
            self.write_lock = threading.RLock()
        else:
            self.engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
            # PostgreSQL locks rows, not the database: writers to different workshops go on side by side.
            self.write_lock = None
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @staticmethod
    def _configure_sqlite(engine: Engine) -> None:
        @event.listens_for(engine, "connect")
        def on_connect(dbapi_connection, _record):
            # Let SQLAlchemy's "begin" event below decide how transactions start.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def on_begin(connection):
            # A deferred SQLite transaction that reads and then writes can fail at once with
            # SQLITE_BUSY when another writer got in between; taking the write lock up front makes
            # concurrent writers queue (busy_timeout) instead. Read-only sessions stay deferred.
            mode = "IMMEDIATE" if connection.get_execution_options().get("cowork_write") else "DEFERRED"
            connection.exec_driver_sql(f"BEGIN {mode}")

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A read-write transaction, committed when the block ends without error, rolled back otherwise."""
        with self.write_lock or nullcontext(), self._sessions() as session:
            session.connection(execution_options={"cowork_write": True})
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session; whatever it might have changed is rolled back."""
        with self._sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
