"""The only code that sends events: after the commit, in `seq` order per workshop, to those who may see them.

Every address is a Socket.IO room, so Flask-SocketIO's message queue carries each event to the sockets of every
process: the workshop's room, its facilitator's room, and one room per participant (all of that participant's
sockets, wherever they are connected).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable

from flask_socketio import SocketIO

from ..core.events import (
    LoggedEvent,
    Outcome,
    ParticipantRemoved,
    PresenceChanged,
    SeqTick,
    ServerEvent,
    Snapshot,
    TimerChanged,
    TimerExpired,
    To,
)
from ..core.identities import Identity
from ..errors import CoworkError
from ..services import Cowork
from . import socket_api
from .presence import Connections, Registry
from .timers import Timers

log = logging.getLogger(__name__)

# How long a starting process waits for its Redis listener before serving anyway (Redis away: /healthz says so).
LISTENER_WAIT_S = 10.0


def facilitator_room(workshop_id: str) -> str:
    """The room of a workshop's facilitator sockets."""
    return f"{workshop_id}:facilitator"


def participant_room(workshop_id: str, participant_id: str) -> str:
    """The room of one participant's sockets (a tablet and its reloads, a second device)."""
    return f"{workshop_id}:participant:{participant_id}"


class Broadcaster:
    """Runs service calls that change a workshop and sends what they return, whether they start in a Socket.IO
    handler or in an HTTP request (adoption)."""

    def __init__(self, socketio: SocketIO, cowork: Cowork, registry: Registry, timers: Timers):
        self.socketio = socketio
        self.cowork = cowork
        self.connections = Connections(
            registry, socketio.start_background_task, socket_api.sleeper(socketio), self.send_presence
        )
        self.timers = timers
        # One lock per workshop keeps commit and send in sequence order within this process, so clients rarely
        # see seq 8 before seq 7 (they cope when they do: their sequencer holds 8 until 7 arrives or syncs).
        # Across processes nothing orders the sends; the clients' sequencers do.
        self._workshop_locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
        self._started = False
        self._start_lock = threading.Lock()

    def start(self) -> None:
        """In the process that serves, before it accepts anyone: listen to the message queue (if any) and start the
        background work. Without this, both begin at the first connection (python-socketio starts its queue
        listener then), and Redis drops what other processes publish before the listener is there: the tablets
        connecting to a process that has just started missed the first events of their rooms."""
        self._listen()
        self._start_once()

    def _listen(self) -> None:
        server = socket_api.server(self.socketio)
        manager = server.manager
        if server.manager_initialized:
            return
        # What python-socketio's server does at its first connection (`Server._handle_eio_connect`), done now;
        # `initialize` is the manager's documented hook "invoked before the first request is received".
        server.manager_initialized = True
        manager.initialize()
        if not hasattr(manager, "pubsub"):
            return  # no message queue: the manager of this process alone

        # The listener (a background task) connects with a pubsub object of its own (`manager.pubsub` is replaced)
        # and has sent SUBSCRIBE once that one says `subscribed`; one round trip to Redis on another connection
        # after that, and Redis has read it: from then on nothing published is lost to this process.
        def subscribed() -> bool:
            return bool(getattr(manager.pubsub, "subscribed", False))

        deadline = time.monotonic() + LISTENER_WAIT_S
        while not subscribed() and time.monotonic() < deadline:
            socket_api.sleeper(self.socketio)(0.01)
        try:
            if not subscribed():
                raise ConnectionError(f"not subscribed within {LISTENER_WAIT_S:.0f} s")
            manager.redis.ping()
        except Exception as error:  # the listener keeps retrying in the background
            log.warning("the message queue's listener is not ready (%s); serving anyway", error)

    def _start_once(self) -> None:
        # Lazily, in the process that serves: background work started before gunicorn forks would not survive.
        # The production server calls `start` in its worker; the tests' in-process servers start at first use.
        with self._start_lock:
            if self._started:
                return
            self._started = True
        self.connections.registry.start(self.connections)
        self.timers.start(self._timer_due)

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
        elif isinstance(event, (Snapshot, SeqTick)):  # the events to one socket (To.SOCKET)
            self._emit(event, event.sid)
        elif isinstance(event, LoggedEvent) and event.audience is not None:  # To.AUDIENCE, restricted
            self._send_restricted(event)
        else:  # To.AUDIENCE, everyone's
            self._emit(event, event.workshop_id)

    def _emit(self, event: ServerEvent, to: str | list[str]) -> None:
        # Flask-SocketIO takes an empty list for "everyone": never pass one.
        assert to, "no receivers"
        socket_api.emit(self.socketio, event.name, event.payload(), to)

    def _send_restricted(self, event: LoggedEvent) -> None:
        # Those who may see it get the event, everyone else only its sequence number. Each socket is in exactly
        # one of the two lists of rooms (a list is sent once per socket, however many of its rooms it names).
        workshop_id, audience = event.workshop_id, event.audience or frozenset()
        self._emit(
            event, [facilitator_room(workshop_id)] + [participant_room(workshop_id, p) for p in sorted(audience)]
        )
        # From the database, after the commit: anyone who joins later gets a snapshot that includes this event.
        others = [
            participant_room(workshop_id, p)
            for p in self.cowork.state.participant_ids(workshop_id)
            if p not in audience
        ]
        if others:
            self._emit(SeqTick(workshop_id=workshop_id, sid="", seq=event.seq), others)

    def _follow_up(self, event: ServerEvent) -> None:
        """What an event sets off beyond itself: fresh snapshots, closing removed sockets, the timer's watch."""
        if isinstance(event, LoggedEvent) and event.resync:
            for identity in self.connections.online(event.workshop_id):
                self.send_snapshot(participant_room(event.workshop_id, identity.participant_id), identity)
        if isinstance(event, ParticipantRemoved):
            for sid in self.connections.of_participant(event.workshop_id, event.participant_id):
                self.connections.remove(sid)
                # A socket of another process is closed by that process, asked through the message queue.
                socket_api.server(self.socketio).disconnect(sid, namespace="/")
        if isinstance(event, TimerChanged) and event.ends_at:
            self._start_once()
            self.timers.schedule(event.workshop_id, event.ends_at)

    def welcome(self, sid: str, identity: Identity) -> bool:
        """List a socket that has just connected and send it its snapshot; False if its participant was removed
        meanwhile (the check comes after listing, so a removal on another process cannot miss this socket)."""
        self._start_once()
        self.connections.add(sid, identity)
        welcomed = False
        try:
            welcomed = self.send_snapshot(sid, identity)
            return welcomed
        finally:
            if not welcomed:
                self.connections.remove(sid)

    def send_snapshot(self, to: str, identity: Identity) -> bool:
        """Send a socket (or a participant's room) everything its identity may see now; False if it may not
        (`unavailable` is raised: the database does not answer, which says nothing of the identity)."""
        try:
            state = self.cowork.state.snapshot(identity)
        except CoworkError as error:
            if error.code == "unavailable":
                raise
            return False  # removed meanwhile
        if identity.is_facilitator:
            state["presence"] = self.connections.presence(identity.workshop_id)
        self.send(Snapshot(workshop_id=identity.workshop_id, sid=to, state=state))
        return True

    def send_presence(self, workshop_id: str, presence: dict) -> None:
        """Tell the facilitator who is online."""
        self.send(PresenceChanged(workshop_id=workshop_id, online=presence["online"]))

    def _timer_due(self, workshop_id: str, ends_at: str) -> None:
        """Tell the facilitator when the countdown reaches zero (it cuts no one off), unless it was changed."""
        if self.cowork.facilitation.timer_ends_at(workshop_id) == ends_at:
            self.send(TimerExpired(workshop_id=workshop_id, ends_at=ends_at))

    def close_local_sockets(self) -> None:
        """Close this process's sockets (it is stopping); their tablets reconnect, to another process if any."""
        for connection in self.connections.here():
            socket_api.server(self.socketio).disconnect(connection.sid, namespace="/", ignore_queue=True)
