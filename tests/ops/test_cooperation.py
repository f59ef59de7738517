"""On gevent (run.py's production server) one connection's wait for the database holds up that connection only.

psycopg waits for PostgreSQL cooperatively once run.py has patched the standard library before importing it; a
writer waiting for another process's SQLite write lock waits in `time.sleep` (cowork/db.py), not inside SQLite's
C busy handler. Either wait, done the blocking way, stopped every tablet of the process until it ended."""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from contextlib import contextmanager

import psycopg
import pytest

from ..conftest import BACKENDS, fresh_database_url
from ..realtime.test_flooding import flood_beside_calm_tablets
from ..support import TREE, LiveClient, ServerProcess, create_workshop, join, wait_until


def libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


@contextmanager
def held(backend: str, url: str, workshop_id: str):
    """Another session holds what the workshop's next edit needs: its row (PostgreSQL), the write lock (SQLite,
    as a second process on the same file does while it writes). Yields a check that an edit is waiting for it."""
    if backend == "postgresql":
        blocker = psycopg.connect(libpq(url))
        blocker.execute("SELECT seq FROM workshops WHERE id = %s FOR UPDATE", (workshop_id,))
        observer = psycopg.connect(libpq(url), autocommit=True)
        query = "SELECT count(*) FROM pg_locks WHERE NOT granted"
        try:
            yield lambda: observer.execute(query).fetchone()[0] > 0
        finally:
            blocker.close()
            observer.close()
    else:
        blocker = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        try:
            # SQLite shows no waiters; an idle server starts an event's handler within milliseconds, so a second
            # on, the edit is waiting (and, without db.py's wait, would have stopped the process meanwhile).
            yield lambda: time.monotonic() - started > 1.0
        finally:
            blocker.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_database_wait_holds_up_only_its_own_socket(backend, tmp_path):
    url = fresh_database_url(backend, tmp_path)
    server = ServerProcess(url, instance=tmp_path)
    clients: list[LiveClient] = []
    try:
        workshop = create_workshop(server.base)
        alice, bob = (
            LiveClient(server.base, join(server.base, workshop["join_code"], name)["token"]).connect()
            for name in ("Alice", "Bob")
        )
        clients += [alice, bob]
        design = alice.call("design:create", {"id": str(uuid.uuid4()), "title": "Alice's square"})["design"]
        acks: list[dict] = []
        with held(backend, url, workshop["id"]) as edit_waits:
            alice.sio.emit(
                "element:add",
                {"id": str(uuid.uuid4()), "design_id": design["id"], "kind": "tree", "geometry": TREE},
                callback=acks.append,
            )
            wait_until(edit_waits, timeout=10)
            # Bob's socket, not Alice's: one connection's events are handled in turn (async_handlers=False), so
            # hers wait behind her edit by design; another connection's must not.
            answered = threading.Event()
            bob.sio.emit("sync", {"since": 0}, callback=lambda _ack: answered.set())
            assert answered.wait(10), "the process stopped while one socket waited for the database"
            assert acks == []
        wait_until(lambda: acks, timeout=10)
        assert acks[0]["ok"], acks[0]
    finally:
        for live in clients:
            live.disconnect()
        server.stop()


def test_a_flood_on_the_production_server_holds_up_no_other_tablet(tmp_path):
    # The flooder's events run in the greenlet that reads its socket (async_handlers=False); on gevent nothing but
    # waiting switches greenlets, so its budget must refuse cheaply enough that the others' events still get through.
    server = ServerProcess(f"sqlite:///{tmp_path / 'flood.db'}", instance=tmp_path)
    clients: list[LiveClient] = []

    def connect(token: str) -> LiveClient:
        clients.append(LiveClient(server.base, token))
        return clients[-1].connect()

    try:
        flood_beside_calm_tablets(connect, server.base, create_workshop(server.base))
    finally:
        for live in clients:
            live.disconnect()
        server.stop()
