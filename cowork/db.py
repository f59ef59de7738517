"""The database: one engine, and sessions that services open and commit themselves."""

from __future__ import annotations

import sqlite3
import time
from contextlib import contextmanager
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
        else:
            self.engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
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
            # concurrent writers queue (`_begin_immediate`) instead. Read-only sessions stay deferred.
            if connection.get_execution_options().get("cowork_write"):
                _begin_immediate(connection.connection.driver_connection)
            else:
                connection.exec_driver_sql("BEGIN DEFERRED")

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A read-write transaction, committed when the block ends without error, rolled back otherwise."""
        with self._sessions() as session:
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


# How long a writer waits for another connection's write lock (as PRAGMA busy_timeout above), and between tries.
WRITE_LOCK_WAIT_S = 30.0
WRITE_LOCK_RETRY_S = (0.001, 0.05)


def _begin_immediate(raw: sqlite3.Connection) -> None:
    """`BEGIN IMMEDIATE`, waiting for another process's write lock here rather than in SQLite's busy handler: that
    one sleeps inside C, which on gevent stops every connection of the process (no greenlet runs meanwhile);
    `time.sleep` is gevent's there and lets them run. Only this statement waits so; the others keep busy_timeout."""
    raw.execute("PRAGMA busy_timeout=0")
    try:
        deadline = time.monotonic() + WRITE_LOCK_WAIT_S
        pause = WRITE_LOCK_RETRY_S[0]
        while True:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, WRITE_LOCK_RETRY_S[1])
    finally:
        raw.execute("PRAGMA busy_timeout=30000")
