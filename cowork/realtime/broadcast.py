"""The only code that sends events: after the commit, in `seq` order per workshop, to those who may see them."""

from __future__ import annotations

import threading
from collections import defaultdict
from datetime import datetime, timezone
from typing import Callable

from flask_socketio import SocketIO

from ..errors import CoworkError
from ..events import (
    LoggedEvent, Outcome, ParticipantRemoved, PresenceChanged, SeqTick, ServerEvent, Snapshot, TimerChanged,
    TimerExpired, To,
)
from ..identities import Identity
from ..services import Cowork
from .presence import Connections


def facilitator_room(workshop_id: str) -> str:
    """The room of a workshop's facilitator sockets."""
    return f"{workshop_id}:facilitator"


class Broadcaster:
    """Runs service calls that change a workshop and sends what they return, whether they start in a Socket.IO
    handler or in an HTTP request (adoption)."""

    def __init__(self, socketio: SocketIO, cowork: Cowork):
        self.socketio = socketio
        self.cowork = cowork
        self.connections = Connections(socketio.start_background_task, socketio.sleep, self.send_presence)
        # One lock per workshop keeps commit and send in sequence order within this process, so clients rarely
        # see seq 8 before seq 7 (they cope when they do: their sequencer holds 8 until 7 arrives or syncs).
        self._workshop_locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)

    def run(self, workshop_id: str, action: Callable[[], Outcome]) -> Outcome:
        """Run a service call for a workshop and send its events once it has committed."""
        with self._workshop_locks[workshop_id]:
            outcome = action()
            for event in outcome.events:
                self.send(event)
        for event in outcome.events:
            self._follow_up(event)
        return outcome

    def send(self, event: ServerEvent) -> None:
        """Send one event to its receivers."""
        if event.to is To.ROOM:
            self._emit(event, event.workshop_id)
        elif event.to is To.FACILITATOR:
            self._emit(event, facilitator_room(event.workshop_id))
        elif event.to is To.SOCKET:
            self._emit(event, event.sid)  # type: ignore[attr-defined]
        elif event.audience is None:  # type: ignore[attr-defined]
            self._emit(event, event.workshop_id)
        else:
            self._send_restricted(event)  # type: ignore[arg-type]

    def _emit(self, event: ServerEvent, to: str) -> None:
        self.socketio.emit(event.name, event.payload(), to=to, namespace="/")

    def _send_restricted(self, event: LoggedEvent) -> None:
        # Those who may see it get the event, everyone else only its sequence number.
        for connection in self.connections.in_workshop(event.workshop_id):
            identity = connection.identity
            if identity.is_facilitator or identity.participant_id in event.audience:
                self._emit(event, connection.sid)
            else:
                self.send(SeqTick(workshop_id=event.workshop_id, sid=connection.sid, seq=event.seq))

    def _follow_up(self, event: ServerEvent) -> None:
        """What an event sets off beyond itself: fresh snapshots, closing removed sockets, the timer's watch."""
        if isinstance(event, LoggedEvent) and event.resync:
            for connection in self.connections.in_workshop(event.workshop_id):
                self.send_snapshot(connection.sid, connection.identity)
        if isinstance(event, ParticipantRemoved):
            for sid in self.connections.of_participant(event.participant_id):
                self.connections.remove(sid)
                self.socketio.server.disconnect(sid, namespace="/")
        if isinstance(event, TimerChanged) and event.ends_at:
            self.socketio.start_background_task(self._watch_timer, event.workshop_id, event.ends_at)

    def send_snapshot(self, sid: str, identity: Identity) -> None:
        """Send one socket everything its identity may see now."""
        try:
            state = self.cowork.state.snapshot(identity)
        except CoworkError:
            return  # removed meanwhile
        if identity.is_facilitator:
            state["presence"] = self.connections.presence(identity.workshop_id)
        self.send(Snapshot(workshop_id=identity.workshop_id, sid=sid, state=state))

    def send_presence(self, workshop_id: str, presence: dict) -> None:
        """Tell the facilitator who is online."""
        self.send(PresenceChanged(workshop_id=workshop_id, online=presence["online"]))

    def _watch_timer(self, workshop_id: str, ends_at: str) -> None:
        """Tell the facilitator when the countdown reaches zero (it cuts no one off)."""
        end = datetime.fromisoformat(ends_at.replace("Z", "+00:00"))
        remaining = (end - datetime.now(timezone.utc)).total_seconds()
        if remaining > 0:
            self.socketio.sleep(remaining)
        if self.cowork.facilitation.timer_ends_at(workshop_id) == ends_at:
            self.send(TimerExpired(workshop_id=workshop_id, ends_at=ends_at))
