"""Fixtures that build on each other: settings → app → server → clients → workshop → participants."""

from __future__ import annotations

import os
import threading

import pytest
from werkzeug.serving import make_server

from cowork import create_app
from cowork.config import TestConfig
from cowork.db import Database
from cowork.models import Base

from .support import LiveClient, create_workshop, join


# The embedded default always; PostgreSQL too where one is provided (CI starts one and sets this).
POSTGRES_URL = os.environ.get("COWORK_TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


def fresh_database_url(backend: str, folder) -> str:
    """A database with nothing in it: a new SQLite file in the folder, or the emptied PostgreSQL database."""
    if backend == "sqlite":
        return f"sqlite:///{folder / 'cowork.db'}"
    database = Database(POSTGRES_URL)
    Base.metadata.drop_all(database.engine)
    database.dispose()
    return POSTGRES_URL


@pytest.fixture(params=BACKENDS)
def settings(request, tmp_path) -> TestConfig:
    """Test settings on a fresh database: an SQLite file, or an emptied PostgreSQL database."""
    return TestConfig(DATABASE_URL=fresh_database_url(request.param, tmp_path), INSTANCE_DIR=str(tmp_path))


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
    """Factory: a connected LiveClient for a token; all are disconnected at teardown."""
    clients: list[LiveClient] = []

    def _connect(token: str | None) -> LiveClient:
        live = LiveClient(server, token)
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


