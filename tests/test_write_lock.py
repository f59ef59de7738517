"""SQLite's one write lock: this process's writers queue on a Python lock before they ask SQLite for it."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import event, select

from cowork.models import Event

from .builders import Room


def test_sqlite_writers_of_one_process_queue_before_sqlite_is_asked(cowork):
    """A second writer waits on the process's lock, not in SQLite's busy handler (which sleeps up to 100 ms
    between tries): while one write is open, the other has not begun a transaction."""
    if not cowork.db.is_sqlite:
        pytest.skip("PostgreSQL writers take row locks, not one lock for the database")
    room = Room(cowork)
    begun = []

    def traced(statement: str) -> None:
        # SQLite's own trace: every try of the statement, also the ones db.py repeats while another holds the lock.
        if statement.startswith("BEGIN IMMEDIATE") and threading.current_thread().name not in begun:
            begun.append(threading.current_thread().name)

    def on_connect(raw, _record):
        raw.set_trace_callback(traced)

    # db.py begins on the driver's connection itself (past SQLAlchemy's statement events): trace every new one.
    cowork.db.engine.dispose()
    event.listen(cowork.db.engine, "connect", on_connect)
    inside, release = threading.Event(), threading.Event()

    def hold():
        with cowork.db.write() as session:
            session.execute(select(Event.seq).limit(1))
            inside.set()
            release.wait(5)

    holder = threading.Thread(target=hold, name="holder")
    holder.start()
    assert inside.wait(5)
    second = threading.Thread(target=room.add, name="second")
    second.start()
    second.join(0.3)  # time enough to reach SQLite's BEGIN IMMEDIATE, were it not queued
    assert begun == ["holder"] and second.is_alive()
    release.set()
    holder.join(5)
    second.join(5)
    assert begun == ["holder", "second"] and not second.is_alive()
