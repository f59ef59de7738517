"""Who is connected where: this process's sockets, the registry of every process's sockets, and a coalesced
presence list for the facilitator.

A socket's identity is looked up in this process only (the socket lives here). Everything that must see every
process's sockets (the presence list, the sockets of a participant to close, the online people who need a fresh
snapshot) reads the registry: `LocalRegistry` below when this is the only process, `RedisRegistry`
(redis_state.py) when a message queue joins several.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from ..core.identities import Identity

# At most one presence message per workshop in this interval, however many tablets come and go.
PRESENCE_INTERVAL_S = 0.5


@dataclass
class Connection:
    """One open socket: whose it is, and the design its tablet is on."""

    sid: str
    identity: Identity
    design_id: str | None = None


class Registry(Protocol):
    """Where the sockets of every process are listed."""

    def put(self, connection: Connection) -> None:
        """List a socket, or update its entry."""

    def drop(self, connection: Connection, last_here: bool) -> None:
        """Unlist a socket (`last_here`: this process has no other socket in its workshop)."""

    def in_workshop(self, workshop_id: str) -> list[Connection]:
        """Every process's open sockets of a workshop."""

    def claim_flush(self, workshop_id: str) -> bool:
        """True when no presence message for the workshop is pending yet: the caller sends the next one."""

    def release_flush(self, workshop_id: str) -> None:
        """The pending presence message is about to be read and sent; later changes need a new one."""

    def start(self, connections: Connections) -> None:
        """Start what keeps the registry true over time (heartbeats of processes), once."""


class LocalRegistry:
    """The registry of a single process: its own sockets are all there are."""

    def __init__(self) -> None:
        self._by_sid: dict[str, Connection] = {}
        self._pending: set[str] = set()
        self._lock = threading.Lock()

    def put(self, connection: Connection) -> None:
        """List a socket, or update its entry."""
        with self._lock:
            self._by_sid[connection.sid] = connection

    def drop(self, connection: Connection, last_here: bool) -> None:
        """Unlist a socket."""
        with self._lock:
            self._by_sid.pop(connection.sid, None)

    def in_workshop(self, workshop_id: str) -> list[Connection]:
        """The open sockets of a workshop."""
        with self._lock:
            return [c for c in self._by_sid.values() if c.identity.workshop_id == workshop_id]

    def claim_flush(self, workshop_id: str) -> bool:
        """True when no presence message for the workshop is pending yet."""
        with self._lock:
            if workshop_id in self._pending:
                return False
            self._pending.add(workshop_id)
            return True

    def release_flush(self, workshop_id: str) -> None:
        """Later changes need a new presence message."""
        with self._lock:
            self._pending.discard(workshop_id)

    def start(self, connections: Connections) -> None:
        """Nothing to keep: this process's sockets vanish with it."""


class Connections:
    """This process's sockets and, through the registry, every process's; safe to use from concurrent handlers."""

    def __init__(
        self,
        registry: Registry,
        start_task: Callable,
        sleep: Callable[[float], None],
        send_presence: Callable[[str, dict], None],
    ):
        self.registry = registry
        self._here: dict[str, Connection] = {}
        self._lock = threading.Lock()
        self._start_task = start_task
        self._sleep = sleep
        self._send_presence = send_presence

    def add(self, sid: str, identity: Identity) -> None:
        """Register a socket of this process."""
        connection = Connection(sid, identity)
        with self._lock:
            self._here[sid] = connection
        self.registry.put(connection)
        self.changed(identity.workshop_id)

    def remove(self, sid: str) -> Connection | None:
        """Forget a socket of this process; returns what it was."""
        with self._lock:
            connection = self._here.pop(sid, None)
            last_here = connection is not None and not any(
                c.identity.workshop_id == connection.identity.workshop_id for c in self._here.values()
            )
        if connection is not None:
            self.registry.drop(connection, last_here)
            self.changed(connection.identity.workshop_id)
        return connection

    def get(self, sid: str) -> Connection | None:
        """The connection of a socket of this process, if open."""
        return self._here.get(sid)

    def here(self) -> list[Connection]:
        """This process's open sockets."""
        with self._lock:
            return list(self._here.values())

    def set_design(self, sid: str, design_id: str | None) -> None:
        """Record the design a tablet is on."""
        connection = self._here.get(sid)
        if connection is not None and connection.design_id != design_id:
            connection.design_id = design_id
            self.registry.put(connection)
            self.changed(connection.identity.workshop_id)

    def in_workshop(self, workshop_id: str) -> list[Connection]:
        """The open sockets of a workshop, on every process."""
        return self.registry.in_workshop(workshop_id)

    def of_participant(self, workshop_id: str, participant_id: str) -> list[str]:
        """The socket ids of one participant, on every process."""
        return [c.sid for c in self.in_workshop(workshop_id) if c.identity.participant_id == participant_id]

    def online(self, workshop_id: str) -> list[Identity]:
        """The identities connected to a workshop, each once, on every process."""
        return list({c.identity.participant_id: c.identity for c in self.in_workshop(workshop_id)}.values())

    def presence(self, workshop_id: str) -> dict:
        """`{"online": [...]}`: one entry per connected person, with the design of their latest socket."""
        online: dict[str, dict] = {}
        for connection in self.in_workshop(workshop_id):
            identity = connection.identity
            online[identity.participant_id] = {
                "participant_id": identity.participant_id,
                "name": identity.name,
                "role": identity.role,
                "design_id": connection.design_id,
            }
        return {"online": sorted(online.values(), key=lambda p: (p["role"] != "facilitator", p["name"].lower()))}

    def changed(self, workshop_id: str) -> None:
        """Note a change; the facilitator hears of it once per interval, not once per socket (nor per process)."""
        if self.registry.claim_flush(workshop_id):
            self._start_task(self._flush_later, workshop_id)

    def _flush_later(self, workshop_id: str) -> None:
        self._sleep(PRESENCE_INTERVAL_S)
        # Released before reading: a change from now on asks for a message of its own.
        self.registry.release_flush(workshop_id)
        self._send_presence(workshop_id, self.presence(workshop_id))
