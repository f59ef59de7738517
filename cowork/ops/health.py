"""Whether this process can serve: its database answers and, where several processes share one, the message
queue too. Used by `GET /healthz` for a load balancer; says what is down, never where or with which password."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from pathlib import Path
from typing import Any

import redis
from sqlalchemy import text

from ..models.workshop import Workshop
from ..service import Service

log = logging.getLogger(__name__)

# A health check must answer quickly: a load balancer waits a few seconds at most.
TIMEOUT_S = 2


class HealthService(Service):
    """The checks behind `/healthz`."""

    def check(self) -> dict[str, Any]:
        """`{"status": "ok"|"unavailable", "database": ..., "message_queue": ...}`; each part `ok`,
        `unavailable` or (the queue, when none is set) `not_used`."""
        database = "ok" if self._database_answers() else "unavailable"
        queue = "not_used"
        if self.settings.MESSAGE_QUEUE:
            queue = "ok" if self._queue_answers() else "unavailable"
        healthy = database == "ok" and queue != "unavailable"
        return {"status": "ok" if healthy else "unavailable", "database": database, "message_queue": queue}

    def _database_answers(self) -> bool:
        try:
            path = self.db.url.database
            if self.db.is_sqlite and path and path != ":memory:":
                # A fresh read-only connection: a pooled one goes on reading a file that was moved or deleted,
                # and opening a missing file read-write would create an empty database. It must hold our tables.
                uri = f"{Path(path).resolve().as_uri()}?mode=ro"
                with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=TIMEOUT_S)) as connection:
                    connection.execute(f"SELECT 1 FROM {Workshop.__tablename__} LIMIT 1").fetchall()
            else:
                with self.db.read() as session:
                    session.execute(text("SELECT 1")).scalar_one()
            return True
        except Exception as error:  # any failure means "not now"
            log.warning("health: database unavailable (%s)", type(error).__name__)
            return False

    def _queue_answers(self) -> bool:
        client = redis.Redis.from_url(
            self.settings.MESSAGE_QUEUE, socket_timeout=TIMEOUT_S, socket_connect_timeout=TIMEOUT_S
        )
        try:
            return bool(client.ping())
        except redis.RedisError as error:
            log.warning("health: message queue unavailable (%s)", type(error).__name__)
            return False
        finally:
            client.close()
