"""`GET /healthz` against real faults: a database file gone, a PostgreSQL port with nothing behind it, a
redis-server stopped."""

from __future__ import annotations

import os

import pytest

from cowork import create_app
from cowork.config import TestConfig
from cowork.db import Database
from cowork.ops.health import HealthService

from ..servers import RedisServer
from ..support import free_port


@pytest.fixture
def sqlite_settings(tmp_path) -> TestConfig:
    return TestConfig(DATABASE_URL=f"sqlite:///{tmp_path / 'cowork.db'}", INSTANCE_DIR=str(tmp_path))


def test_healthy_answers_200_and_says_nothing_more(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "message_queue": "not_used"}
    assert response.headers["Cache-Control"] == "no-store"


def test_a_database_file_gone_is_503_until_it_is_back(sqlite_settings, tmp_path):
    app = create_app(sqlite_settings)
    client = app.test_client()
    try:
        assert client.get("/healthz").status_code == 200
        path = tmp_path / "cowork.db"
        os.rename(path, tmp_path / "elsewhere.db")
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.get_json() == {"status": "unavailable", "database": "unavailable", "message_queue": "not_used"}
        # The check did not create an empty database in its place.
        assert not path.exists()
        os.rename(tmp_path / "elsewhere.db", path)
        assert client.get("/healthz").status_code == 200
    finally:
        app.extensions["cowork"].db.dispose()


def test_a_postgresql_port_with_nothing_behind_it_is_unavailable():
    database = Database(f"postgresql+psycopg://cowork:secret-password@127.0.0.1:{free_port()}/cowork")
    try:
        report = HealthService(database, TestConfig()).check()
    finally:
        database.dispose()
    assert report == {"status": "unavailable", "database": "unavailable", "message_queue": "not_used"}


def test_a_stopped_message_queue_is_503(sqlite_settings, tmp_path):
    redis = RedisServer(tmp_path / "redis")
    app = create_app(TestConfig(**{**vars(sqlite_settings), "MESSAGE_QUEUE": redis.url}))
    client = app.test_client()
    try:
        assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok", "message_queue": "ok"}
        redis.stop()
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.get_json() == {"status": "unavailable", "database": "ok", "message_queue": "unavailable"}
        assert redis.url not in response.get_data(as_text=True)
    finally:
        redis.stop()
        app.extensions["cowork"].db.dispose()
