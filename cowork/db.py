"""The database: one engine, and sessions that services open and commit themselves."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext, suppress
from pathlib import Path

from sqlalchemy import create_engine, event, exc
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from .errors import CoworkError
from .models import city, opendata, supervision  # noqa: F401  (registers their tables)

# What the database library raises when the database may be away; `_unreachable` tells which of these mean so.
UNREACHABLE = (exc.OperationalError, exc.InterfaceError, exc.TimeoutError)
# SQLite's "not now": the file stayed locked by another writer beyond busy_timeout.
SQLITE_BUSY = {"SQLITE_BUSY", "SQLITE_LOCKED"}

# How long opening a PostgreSQL connection may take before the request is refused, rather than left hanging while
# an unreachable host times out (libpq's own default is to wait for ever).
CONNECT_TIMEOUT_S = 5


def unavailable() -> CoworkError:
    """The error of a request refused because the database does not answer now."""
    return CoworkError("unavailable", "The database is not answering; try again in a moment.")


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
            # queue here instead and the next one starts as soon as the last commits; another process's lock is
            # waited for in `_begin_immediate`. Reentrant, so a nested write fails as before rather than deadlocking
            # here.
            self.write_lock: threading.RLock | None = threading.RLock()
        else:
            # pool_pre_ping replaces a pooled connection that the database dropped (a restart, a failover)
            # before lending it, so the first request after the database comes back succeeds.
            self.engine = create_engine(
                url,
                pool_pre_ping=True,
                pool_size=10,
                max_overflow=20,
                pool_timeout=10,
                connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
            )
            # PostgreSQL locks rows, not the database: writers to different workshops go on side by side.
            self.write_lock = None
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Run in each write transaction just before it commits, in order: the keepers of derived rows (the published
        # features, the city map) bring them up to date with what the transaction changed (core/changes.py).
        self.before_commit: list[Callable[[Session], None]] = []

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
        """A read-write transaction, committed when the block ends without error, rolled back otherwise; a
        database that does not answer is the error `unavailable`."""
        with self._reachable(), self.write_lock or nullcontext(), self._sessions() as session:
            try:
                session.connection(execution_options={"cowork_write": True})
                yield session
                for keeper in self.before_commit:
                    keeper(session)
                session.commit()
            except BaseException:
                self._roll_back(session)
                raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session; whatever it might have changed is rolled back; `unavailable` as for `write`."""
        with self._reachable(), self._sessions() as session:
            try:
                yield session
            finally:
                self._roll_back(session)

    @contextmanager
    def _reachable(self) -> Iterator[None]:
        # The one place where the database being away becomes our error type, so that every caller, HTTP or
        # Socket.IO, refuses with the same clear code (and the tablet tries again) instead of failing as `internal`.
        # A transaction that failed so was rolled back: the request can be sent again as it was.
        try:
            yield
        except UNREACHABLE as error:
            if self._unreachable(error):
                raise unavailable() from error
            raise

    def _unreachable(self, error: Exception) -> bool:
        """Whether a failure says the database is away (for now), rather than that something is broken (a missing
        table is an `internal` failure, which trying again will not mend)."""
        if isinstance(error, exc.TimeoutError):
            return True  # the pool had no connection to lend in time
        if not isinstance(error, exc.DBAPIError):
            return False
        if error.connection_invalidated:
            return True  # SQLAlchemy recognised a dropped connection (and will not lend it again)
        if self.is_sqlite:
            return getattr(error.orig, "sqlite_errorname", "") in SQLITE_BUSY
        # PostgreSQL: no SQLSTATE at all means no answer from the server (refused, cut, closed); class 08 is a
        # connection exception, 57P0x the server shutting down, crashed or still starting, 53300 too many
        # connections, class 40 a transaction the server rolled back (a deadlock) that may simply be sent again.
        state = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
        return state is None or state.startswith(("08", "57P", "53300", "40"))

    @staticmethod
    def _roll_back(session: Session) -> None:
        # The connection is gone, and its transaction with it: nothing was committed.
        with suppress(*UNREACHABLE):
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
