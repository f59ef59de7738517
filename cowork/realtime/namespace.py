"""The default Socket.IO namespace: connection and auth, one handler per client event, broadcast after commit."""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from datetime import datetime, timezone
from typing import Any, Callable, Optional

from flask import request
from flask_socketio import ConnectionRefusedError, Namespace, join_room

from .. import payloads
from ..errors import CoworkError
from ..services import Change, Cowork, Identity
from .presence import Connections

log = logging.getLogger(__name__)


def ok(**fields: Any) -> dict[str, Any]:
    """A successful ack envelope."""
    return {"ok": True, **fields}


def failed(error: CoworkError) -> dict[str, Any]:
    """A refused ack envelope: `{"ok": false, "error": {"code", "message"}, ...}`."""
    return {"ok": False, **error.as_dict()}


def facilitator_room(workshop_id: str) -> str:
    """The room of a workshop's facilitator sockets."""
    return f"{workshop_id}:facilitator"


class WorkshopNamespace(Namespace):
    """Events of the default namespace. Event `a:b` is handled by `on_a_b`; each answers through its ack."""

    def __init__(self, cowork: Cowork):
        super().__init__("/")
        self.cowork = cowork
        self.connections: Optional[Connections] = None
        # One lock per workshop keeps commit and broadcast in sequence order within this process,
        # so clients rarely see seq 8 before seq 7 (they cope when they do, over several processes).
        self._workshop_locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)

    def _set_socketio(self, socketio) -> None:
        super()._set_socketio(socketio)
        self.connections = Connections(socketio.start_background_task, socketio.sleep, self._send_presence)

    # ------------------------------------------------------------------ dispatch

    def trigger_event(self, event: str, *args: Any) -> Any:
        """Route `element:add` to `on_element_add`, and turn domain errors into ack errors."""
        if not isinstance(event, str):
            return None
        handler = getattr(self, "on_" + event.replace(":", "_"), None)
        if handler is None:
            return failed(CoworkError("invalid", f"Unknown event {event!r}.")) if event not in ("connect", "disconnect") else None
        if event == "disconnect":
            return self.socketio._handle_event(handler, event, self.namespace, *args[:1])
        try:
            return self.socketio._handle_event(handler, event, self.namespace, *args)
        except ConnectionRefusedError:
            raise
        except CoworkError as exc:
            return failed(exc)
        except Exception:  # the server stays up and the client learns something went wrong
            log.exception("handler for %s failed", event)
            return failed(CoworkError("internal", "The server could not handle this request."))

    def _identity(self) -> Identity:
        connection = self.connections.get(request.sid)
        if connection is None:
            raise CoworkError("unauthorized", "This connection is not authenticated.")
        return connection.identity

    def _apply(self, action: Callable[[Identity, Any], tuple[dict, Optional[Change]]], payload: Any) -> dict[str, Any]:
        """Run a service action for this socket's identity, then broadcast its change (after the commit)."""
        identity = self._identity()
        with self._workshop_locks[identity.workshop_id]:
            fields, change = action(identity, payload)
            if change is not None:
                self._broadcast(change)
        if change is not None:
            self._after(change)
        return ok(**fields)

    def _broadcast(self, change: Change) -> None:
        if change.audience is None:
            self.socketio.emit(change.type, change.data, to=change.workshop_id, namespace=self.namespace)
            return
        # Restricted: those who may see it get the event, everyone else only its sequence number.
        tick = {"seq": change.seq}
        for connection in self.connections.in_workshop(change.workshop_id):
            identity = connection.identity
            if identity.is_facilitator or identity.participant_id in change.audience:
                self.socketio.emit(change.type, change.data, to=connection.sid, namespace=self.namespace)
            else:
                self.socketio.emit("seq", tick, to=connection.sid, namespace=self.namespace)

    def _after(self, change: Change) -> None:
        """What a change sets off beyond its broadcast: closing removed sockets, fresh snapshots, the timer."""
        if change.removed:
            for sid in self.connections.of_participant(change.removed):
                self.connections.remove(sid)
                self.socketio.server.disconnect(sid, namespace=self.namespace)
        if change.resync:
            for connection in self.connections.in_workshop(change.workshop_id):
                self._send_snapshot(connection.sid, connection.identity)
        if change.type == "timer" and change.data.get("ends_at"):
            self.socketio.start_background_task(self._watch_timer, change.workshop_id, change.data["ends_at"])

    def _send_snapshot(self, sid: str, identity: Identity) -> None:
        try:
            snapshot = self.cowork.state.snapshot(identity)
        except CoworkError:
            return  # removed meanwhile
        if identity.is_facilitator:
            snapshot["presence"] = self.connections.presence(identity.workshop_id)
        self.socketio.emit("snapshot", snapshot, to=sid, namespace=self.namespace)

    def _send_presence(self, workshop_id: str, presence: dict) -> None:
        self.socketio.emit("presence", presence, to=facilitator_room(workshop_id), namespace=self.namespace)

    def _watch_timer(self, workshop_id: str, ends_at: str) -> None:
        """Tell the facilitator when the countdown reaches zero (it cuts no one off)."""
        end = datetime.fromisoformat(ends_at.replace("Z", "+00:00"))
        remaining = (end - datetime.now(timezone.utc)).total_seconds()
        if remaining > 0:
            self.socketio.sleep(remaining)
        if self.cowork.facilitation.timer_ends_at(workshop_id) == ends_at:
            self.socketio.emit("timer:expired", {"ends_at": ends_at}, to=facilitator_room(workshop_id), namespace=self.namespace)

    # ------------------------------------------------------------------ connection

    def on_connect(self, auth: Any = None) -> None:
        """A tablet or console connects with `auth={"token"}`; it joins its workshop's room and gets a snapshot."""
        token = auth.get("token") if isinstance(auth, dict) else None
        try:
            identity = self.cowork.workshops.authenticate(token)
        except CoworkError:
            raise ConnectionRefusedError("unauthorized") from None
        join_room(identity.workshop_id)
        if identity.is_facilitator:
            join_room(facilitator_room(identity.workshop_id))
        self.connections.add(request.sid, identity)
        self._send_snapshot(request.sid, identity)

    def on_disconnect(self, reason: Any = None) -> None:
        """A connection ends; forget it (the facilitator's presence list follows)."""
        self.connections.remove(request.sid)

    # ------------------------------------------------------------------ sketching

    def on_design_create(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """A participant starts a design; those who may see it get `design:created`."""
        return self._apply(self.cowork.sketches.create_design, payloads.DesignCreate.parse(data))

    def on_design_join(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """A participant becomes co-author; those who may see the design get `design:updated`."""
        return self._apply(self.cowork.sketches.join_design, payloads.DesignJoin.parse(data))

    def on_element_add(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """An author adds an element; those who may see it get `element:added`."""
        return self._apply(self.cowork.sketches.add_element, payloads.ElementAdd.parse(data))

    def on_element_update(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """An author changes an element; those who may see it get `element:updated`."""
        return self._apply(self.cowork.sketches.update_element, payloads.ElementUpdate.parse(data))

    def on_element_delete(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """An author deletes an element; those who may see it get `element:deleted`."""
        return self._apply(self.cowork.sketches.delete_element, payloads.ElementDelete.parse(data))

    def on_sync(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """A reconnecting client asks for what it missed; only the sender gets the answer."""
        request_ = payloads.Sync.parse(data)
        return ok(**self.cowork.state.sync(self._identity(), request_.since))

    # ------------------------------------------------------------------ facilitation

    def on_phase_set(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """The facilitator changes the phase; everyone gets `phase:changed` and a fresh snapshot."""
        return self._apply(self.cowork.facilitation.set_phase, payloads.PhaseSet.parse(data))

    def on_timer_set(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """The facilitator starts or clears the countdown; everyone gets `timer`."""
        return self._apply(self.cowork.facilitation.set_timer, payloads.TimerSet.parse(data))

    def on_view_share(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """The facilitator says "everyone look here"; every tablet gets `view` (not logged)."""
        view = payloads.ViewShare.parse(data)
        identity = self._identity()
        self.cowork.facilitation.check_view(identity)
        self.socketio.emit("view", {"center": list(view.center), "zoom": view.zoom}, to=identity.workshop_id, namespace=self.namespace)
        return ok()

    def on_settings_update(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """The facilitator changes settings; everyone gets `settings:changed`."""
        return self._apply(self.cowork.facilitation.update_settings, data)

    def on_moderate(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """The facilitator hides or restores something; those who could see it get `moderated`."""
        return self._apply(self.cowork.facilitation.moderate, payloads.Moderate.parse(data))

    def on_participant_remove(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """The facilitator removes a participant; everyone gets `participant:removed`, the removed sockets close."""
        return self._apply(self.cowork.facilitation.remove_participant, payloads.ParticipantRemove.parse(data))

    def on_presence_design(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """A tablet says which design it is on; the facilitator's presence list follows."""
        presence = payloads.PresenceDesign.parse(data)
        self._identity()
        self.connections.set_design(request.sid, presence.design_id)
        return ok()

    # ------------------------------------------------------------------ voting and comments

    def on_vote_cast(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """A participant puts a dot on a design; tallies go out as `votes:updated` to those who may see them."""
        return self._apply(self.cowork.voting.cast, payloads.VoteChange.parse(data))

    def on_vote_retract(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """A participant takes a dot back; tallies go out as `votes:updated`."""
        return self._apply(self.cowork.voting.retract, payloads.VoteChange.parse(data))

    def on_comment_add(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """Someone comments on a design or an element; those who may see it get `comment:added`."""
        return self._apply(self.cowork.voting.add_comment, payloads.CommentAdd.parse(data))
