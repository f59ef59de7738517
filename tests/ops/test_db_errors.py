"""Which failures of the database are `unavailable` (the database is away: the request can be sent again) and which
stay failures of ours (`internal`: sending again would not mend them). Over PostgreSQL for real:
tests/ops/test_outage.py."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import exc, text

from cowork.db import Database
from cowork.errors import CoworkError


def sqlite_error(name: str, message: str) -> exc.OperationalError:
    """SQLAlchemy's wrapping of an sqlite3 failure with that SQLite error name."""
    error = sqlite3.OperationalError(message)
    error.sqlite_errorname = name
    return exc.OperationalError("UPDATE workshops SET seq = seq + 1", {}, error)


@pytest.fixture
def db(tmp_path) -> Database:
    database = Database(f"sqlite:///{tmp_path / 'errors.db'}")
    yield database
    database.dispose()


@pytest.mark.parametrize(
    "failure",
    [
        sqlite_error("SQLITE_BUSY", "database is locked"),
        exc.TimeoutError("QueuePool limit of size 10 overflow 20 reached"),
    ],
)
def test_a_database_away_is_unavailable(db, failure):
    for session in (db.write, db.read):
        with pytest.raises(CoworkError) as refused, session():
            raise failure
        assert refused.value.code == "unavailable" and refused.value.http_status == 503


def test_a_broken_schema_stays_a_failure_of_ours(db):
    with pytest.raises(exc.OperationalError, match="no such table"), db.write() as session:
        session.execute(text("SELECT * FROM no_such_table"))
    with db.read() as session:  # and the next transaction works
        assert session.execute(text("SELECT 1")).scalar_one() == 1
