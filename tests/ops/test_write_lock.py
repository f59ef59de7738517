"""SQLite's one write lock: this process's writers queue on a Python lock before they ask SQLite for it."""

from __future__ import annotations

import sys
import threading

import pytest
from sqlalchemy import event, select

from cowork.db import Database
from cowork.models.workshop import Event

from ..builders import Room
from ..support import wait_until


def waiting_in(thread: threading.Thread, function) -> bool:
    """Whether the thread's innermost Python frame is that function's (it is blocked in a call it makes to C)."""
    frame = sys._current_frames().get(thread.ident)
    return frame is not None and frame.f_code is function.__code__


# PostgreSQL writers take row locks, not one lock for the database: this is SQLite's alone.
@pytest.mark.parametrize("settings", ["sqlite"], indirect=True)
def test_sqlite_writers_of_one_process_queue_before_sqlite_is_asked(cowork):
    """A second writer waits on the process's lock, not in SQLite's busy handler (which sleeps up to 100 ms
    between tries): while one write is open, the other has not begun a transaction."""
    assert cowork.db.is_sqlite
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
            release.wait(30)  # released by the test once the second writer is seen waiting

    holder = threading.Thread(target=hold, name="holder")
    holder.start()
    assert inside.wait(5)
    second = threading.Thread(target=room.add, name="second")
    second.start()
    # The second writer waits in Database.write itself, on the process's lock (a C call, so no frame of its own
    # above): without that lock it would have gone on to SQLite's BEGIN IMMEDIATE and its busy handler.
    wait_until(lambda: waiting_in(second, Database.write.__wrapped__), timeout=10)
    assert begun == ["holder"] and second.is_alive()
    release.set()
    holder.join(5)
    second.join(5)
    assert begun == ["holder", "second"] and not second.is_alive()
