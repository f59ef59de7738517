"""What several cowork processes share beyond Flask-SocketIO's rooms, kept in Redis with the `redis` package:
the registry of sockets (presence) and the running countdowns. No broker of our own: plain keys, each written
by the process that owns it, and atomic Redis commands deciding which process acts.

Keys (all under `cowork:`):
- `hosts`: sorted set of process ids, scored by their last heartbeat (Unix time).
- `presence:<workshop>`: hash, socket id → JSON of the socket's identity, design and process.
- `host:<process>`: set of the workshops where that process has sockets (for cleaning up after it).
- `presence-flush:<workshop>`: present while a presence message for the workshop is pending (`SET NX`).
- `timers`: sorted set of `<workshop> <ends_at>`, scored by the end time.

A process that stops beating (killed) is taken for dead after `COWORK_PRESENCE_TIMEOUT_S`: its entries are left
out of presence at once, and the first live process to `ZREM` it from `hosts` deletes them and tells the
facilitators. A countdown is sent by the one process whose `ZREM` of it succeeds.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

import redis

from ..core.identities import Identity
from .presence import Connection

if TYPE_CHECKING:
    from .presence import Connections

log = logging.getLogger(__name__)

PREFIX = "cowork:"
# A pending presence message is given up after this (the process that was to send it died meanwhile).
FLUSH_GUARD_MS = 5000
# Entries of a workshop nobody touched for this long are dropped by Redis itself.
IDLE_WORKSHOP_S = 24 * 3600
# How often each process looks for countdowns that are due.
TIMER_POLL_S = 0.25


def connect(url: str) -> redis.Redis:
    """A Redis client for our own keys (Flask-SocketIO keeps its own for the rooms)."""
    return redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5, health_check_interval=30)


def _text(raw: object) -> str:
    """A member or key as Redis answers it: bytes, since the client does not decode its answers."""
    assert isinstance(raw, bytes)
    return raw.decode()


def new_host_id() -> str:
    """A fresh id for this process."""
    return uuid.uuid4().hex


class RedisRegistry:
    """Every process's sockets, in Redis."""

    def __init__(self, client: redis.Redis, timeout_s: float, start_task: Callable, sleep: Callable[[float], None]):
        self.client = client
        self.timeout_s = float(timeout_s)
        self.host = new_host_id()
        self._start_task = start_task
        self._sleep = sleep

    def _key(self, workshop_id: str) -> str:
        return f"{PREFIX}presence:{workshop_id}"

    def put(self, connection: Connection) -> None:
        """List a socket, or update its entry."""
        identity = connection.identity
        entry = json.dumps(
            {
                "participant_id": identity.participant_id,
                "name": identity.name,
                "role": identity.role,
                "design_id": connection.design_id,
                "host": self.host,
            }
        )
        key = self._key(identity.workshop_id)
        with self.client.pipeline() as pipe:
            pipe.hset(key, connection.sid, entry)
            pipe.expire(key, IDLE_WORKSHOP_S)
            pipe.sadd(f"{PREFIX}host:{self.host}", identity.workshop_id)
            # Alive from its first socket on, not only from its first heartbeat (a background task).
            pipe.zadd(f"{PREFIX}hosts", {self.host: time.time()})
            pipe.execute()

    def drop(self, connection: Connection, last_here: bool) -> None:
        """Unlist a socket."""
        workshop_id = connection.identity.workshop_id
        with self.client.pipeline() as pipe:
            pipe.hdel(self._key(workshop_id), connection.sid)
            if last_here:
                pipe.srem(f"{PREFIX}host:{self.host}", workshop_id)
            pipe.execute()

    def in_workshop(self, workshop_id: str) -> list[Connection]:
        """Every live process's open sockets of a workshop."""
        with self.client.pipeline() as pipe:
            pipe.hgetall(self._key(workshop_id))
            pipe.zrangebyscore(f"{PREFIX}hosts", time.time() - self.timeout_s, "+inf")
            entries, live = pipe.execute()
        live_hosts = {host.decode() for host in live} | {self.host}
        found = []
        for sid, raw in entries.items():
            entry = json.loads(raw)
            if entry["host"] in live_hosts:
                identity = Identity(entry["participant_id"], workshop_id, entry["name"], entry["role"])
                found.append(Connection(sid.decode(), identity, entry["design_id"]))
        return found

    def claim_flush(self, workshop_id: str) -> bool:
        """True when no process has a presence message for the workshop pending yet."""
        return bool(self.client.set(f"{PREFIX}presence-flush:{workshop_id}", self.host, nx=True, px=FLUSH_GUARD_MS))

    def release_flush(self, workshop_id: str) -> None:
        """Later changes need a new presence message."""
        self.client.delete(f"{PREFIX}presence-flush:{workshop_id}")

    def start(self, connections: Connections) -> None:
        """Beat for this process and clean up after dead ones, in the background."""
        self._start_task(self._beat_forever, connections)

    def _beat_forever(self, connections: Connections) -> None:
        while True:
            try:
                with self.client.pipeline() as pipe:
                    pipe.zadd(f"{PREFIX}hosts", {self.host: time.time()})
                    pipe.exists(f"{PREFIX}host:{self.host}")
                    _added, listed = pipe.execute()
                if not listed and connections.here():
                    self._relist(connections)
                self._reap(connections)
            except redis.RedisError as error:  # Redis away for a while: beat again later
                log.warning("presence heartbeat failed: %s", error)
            self._sleep(self.timeout_s / 3)

    def _relist(self, connections: Connections) -> None:
        """This process's sockets are no longer listed: another process took it for dead (a stall longer than the
        timeout), or Redis restarted empty. List them again."""
        for connection in connections.here():
            self.put(connection)
            connections.changed(connection.identity.workshop_id)

    def _reap(self, connections: Connections) -> None:
        hosts = f"{PREFIX}hosts"
        for dead in map(_text, self.client.zrangebyscore(hosts, "-inf", time.time() - self.timeout_s)):
            if dead == self.host or not self.client.zrem(hosts, dead):
                continue  # another process is cleaning up after this one
            for workshop_id in [_text(w) for w in self.client.smembers(f"{PREFIX}host:{dead}")]:
                key = self._key(workshop_id)
                gone = [sid for sid, entry in self.client.hgetall(key).items() if json.loads(entry)["host"] == dead]
                if gone:
                    self.client.hdel(key, *gone)
                connections.changed(workshop_id)
            self.client.delete(f"{PREFIX}host:{dead}")
            log.info("process %s stopped beating; its sockets are no longer listed", dead)


class RedisTimers:
    """Running countdowns in Redis: whichever process removes one that is due sends its `timer:expired`."""

    def __init__(self, client: redis.Redis, start_task: Callable, sleep: Callable[[float], None]):
        self.client = client
        self._start_task = start_task
        self._sleep = sleep
        self._started = False

    def schedule(self, workshop_id: str, ends_at: str) -> None:
        """Remember a countdown's end."""
        end = datetime.fromisoformat(ends_at.replace("Z", "+00:00")).timestamp()
        self.client.zadd(f"{PREFIX}timers", {f"{workshop_id} {ends_at}": end})

    def start(self, due: Callable[[str, str], None]) -> None:
        """Watch for due countdowns in the background (once)."""
        if not self._started:
            self._started = True
            self._start_task(self._watch_forever, due)

    def _watch_forever(self, due: Callable[[str, str], None]) -> None:
        key = f"{PREFIX}timers"
        while True:
            try:
                for member in map(_text, self.client.zrangebyscore(key, "-inf", time.time())):
                    # ZREM succeeds for one process only: that one sends.
                    if self.client.zrem(key, member):
                        workshop_id, ends_at = member.split(" ", 1)
                        due(workshop_id, ends_at)
            except redis.RedisError as error:
                log.warning("timer watch failed: %s", error)
            except Exception:  # a failing send must not stop the watch
                log.exception("sending an expired timer failed")
            self._sleep(TIMER_POLL_S)
