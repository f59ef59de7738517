"""Helpers for the hostile-input tests: a live server of its own, a client that sends any text as a message, a
dump of the whole database, and what a refused ack must look like."""

from __future__ import annotations

import json
import shutil
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import socketio
from flask import Flask
from socketio import packet
from sqlalchemy import select
from werkzeug.serving import make_server

from cowork import create_app
from cowork.config import TestConfig
from cowork.errors import HTTP_STATUS
from cowork.models.base import Base

from .support import LiveClient

# Every code an answer may carry: the documented ones (docs/api.md), never `internal`.
KNOWN_CODES = frozenset(HTTP_STATUS) - {"internal"}


@contextmanager
def live_app(folder: Path, migrated_sqlite: Path, **settings: Any) -> Iterator[tuple[Flask, str]]:
    """An app on its own copy of the migrated SQLite file, served for real on a free port: (app, base URL). For a
    module's worth of hypothesis examples, which a fresh database per example would make far too slow."""
    shutil.copyfile(migrated_sqlite, folder / "cowork.db")
    app = create_app(TestConfig(DATABASE_URL=f"sqlite:///{folder / 'cowork.db'}", INSTANCE_DIR=str(folder), **settings))
    http_server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=http_server.serve_forever, daemon=True).start()
    try:
        yield app, f"http://127.0.0.1:{http_server.server_port}"
    finally:
        http_server.shutdown()
        app.extensions["cowork"].db.dispose()


class RawJSON:
    """JSON text sent as it is, where python-socketio would encode a value: nesting no encoder would write, bad JSON."""

    def __init__(self, text: str):
        self.text = text


class WholeMessage(RawJSON):
    """Text sent as a whole event packet's data, in place of `[name, payload]`: `call(WholeMessage("5"))`."""


class _RawAwareJSON:
    """The client's JSON module: the standard one, except that a `RawJSON` argument is spliced in verbatim."""

    loads = staticmethod(json.loads)

    @staticmethod
    def dumps(data: Any, **options: Any) -> str:
        if isinstance(data, list) and len(data) == 1 and isinstance(data[0], WholeMessage):
            return data[0].text
        if isinstance(data, list) and any(isinstance(item, RawJSON) for item in data):
            parts = [item.text if isinstance(item, RawJSON) else json.dumps(item, **options) for item in data]
            return "[" + ",".join(parts) + "]"
        return json.dumps(data, **options)


class _RawPacket(packet.Packet):
    json = _RawAwareJSON


class RawClient(LiveClient):
    """A LiveClient whose events may carry `RawJSON` (`call("element:add", RawJSON("[[[...]]]"))`)."""

    def __init__(self, base_url: str, token: str | None):
        super().__init__(base_url, token)
        self.sio = socketio.Client(reconnection=False, serializer=_RawPacket)
        self.sio.on("*", self._record)
        self.sio.on("connect_error", self.refusals.append)


def dump_database(cowork) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order: equal before and after means nothing changed."""
    with cowork.db.read() as session:
        return {
            table.name: [tuple(row) for row in session.execute(select(table).order_by(*table.primary_key.columns))]
            for table in Base.metadata.sorted_tables
        }


def assert_refused(answer: Any, *codes: str) -> str:
    """The answer is a refused ack `{"ok": false, "error": {"code", "message"}}` with a known code (one of `codes`,
    when given); returns the code."""
    assert isinstance(answer, dict) and answer.get("ok") is False, answer
    error = answer.get("error")
    assert isinstance(error, dict) and isinstance(error.get("message"), str) and error["message"], answer
    assert error.get("code") in (codes or KNOWN_CODES), answer
    return error["code"]


def assert_answered(answer: Any) -> None:
    """The answer is an ack: accepted (`ok: true`), or refused with a known code."""
    if isinstance(answer, dict) and answer.get("ok") is True:
        return
    assert_refused(answer)


def new_id() -> str:
    """A fresh client-made id."""
    return str(uuid.uuid4())


def new_design(live: LiveClient) -> str:
    """The id of a design the client starts."""
    ack = live.call("design:create", {"id": new_id(), "title": "Shady walk"})
    assert ack["ok"], ack
    return ack["design"]["id"]
