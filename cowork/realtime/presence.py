"""Who is connected where: sockets by workshop, and a coalesced presence list for the facilitator."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable, Optional

from ..identities import Identity

# At most one presence message per workshop in this interval, however many tablets come and go.
PRESENCE_INTERVAL_S = 0.5


@dataclass
class Connection:
    """One open socket: whose it is, and the design its tablet is on."""

    sid: str
    identity: Identity
    design_id: Optional[str] = None


class Connections:
    """The registry of open sockets, safe to use from concurrent handlers."""

    def __init__(self, start_task: Callable, sleep: Callable[[float], None], send_presence: Callable[[str, dict], None]):
        self._by_sid: dict[str, Connection] = {}
        self._lock = threading.Lock()
        self._dirty: set[str] = set()
        self._start_task = start_task
        self._sleep = sleep
        self._send_presence = send_presence

    def add(self, sid: str, identity: Identity) -> None:
        """Register a socket."""
        with self._lock:
            self._by_sid[sid] = Connection(sid, identity)
        self.changed(identity.workshop_id)

    def remove(self, sid: str) -> Optional[Connection]:
        """Forget a socket; returns what it was."""
        with self._lock:
            connection = self._by_sid.pop(sid, None)
        if connection is not None:
            self.changed(connection.identity.workshop_id)
        return connection

    def get(self, sid: str) -> Optional[Connection]:
        """The connection of a socket, if open."""
        return self._by_sid.get(sid)

    def set_design(self, sid: str, design_id: Optional[str]) -> None:
        """Record the design a tablet is on."""
        connection = self._by_sid.get(sid)
        if connection is not None and connection.design_id != design_id:
            connection.design_id = design_id
            self.changed(connection.identity.workshop_id)

    def in_workshop(self, workshop_id: str) -> list[Connection]:
        """The open sockets of a workshop."""
        with self._lock:
            return [c for c in self._by_sid.values() if c.identity.workshop_id == workshop_id]

    def of_participant(self, participant_id: str) -> list[str]:
        """The socket ids of one participant."""
        with self._lock:
            return [sid for sid, c in self._by_sid.items() if c.identity.participant_id == participant_id]

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
        """Note a change; the facilitator hears of it once per interval, not once per socket."""
        with self._lock:
            if workshop_id in self._dirty:
                return
            self._dirty.add(workshop_id)
        self._start_task(self._flush_later, workshop_id)

    def _flush_later(self, workshop_id: str) -> None:
        self._sleep(PRESENCE_INTERVAL_S)
        with self._lock:
            self._dirty.discard(workshop_id)
        self._send_presence(workshop_id, self.presence(workshop_id))
