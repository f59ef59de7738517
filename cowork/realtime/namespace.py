"""The default Socket.IO namespace: who is connected where, and the handler of each client event."""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from typing import Any, Callable, Optional

from flask import request
from flask_socketio import ConnectionRefusedError, Namespace, join_room

from .. import payloads
from ..errors import CoworkError
from ..services import Change, Cowork, Identity

log = logging.getLogger(__name__)


def ok(**fields: Any) -> dict[str, Any]:
    """A successful ack envelope."""
    return {"ok": True, **fields}


def failed(error: CoworkError) -> dict[str, Any]:
    """A refused ack envelope: `{"ok": false, "error": {"code", "message"}, ...}`."""
    return {"ok": False, **error.as_dict()}


class WorkshopNamespace(Namespace):
    """Events of the default namespace. Event `a:b` is handled by `on_a_b`; each answers through its ack."""

    def __init__(self, cowork: Cowork):
        super().__init__("/")
        self.cowork = cowork
        self._identities: dict[str, Identity] = {}
        self._identities_lock = threading.Lock()
        # One lock per workshop keeps commit and broadcast in sequence order within this process,
        # so clients rarely see seq 8 before seq 7 (they cope when they do, over several processes).
        self._workshop_locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)

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
        identity = self._identities.get(request.sid)
        if identity is None:
            raise CoworkError("unauthorized", "This connection is not authenticated.")
        return identity

    def _apply(self, action: Callable[[Identity, Any], tuple[dict, Optional[Change]]], payload: Any) -> dict[str, Any]:
        """Run a service action for this socket's identity, then broadcast its change (after the commit)."""
        identity = self._identity()
        with self._workshop_locks[identity.workshop_id]:
            fields, change = action(identity, payload)
            if change is not None:
                self.socketio.emit(change.type, change.data, to=change.workshop_id, namespace=self.namespace)
        return ok(**fields)

    # ------------------------------------------------------------------ connection

    def on_connect(self, auth: Any = None) -> None:
        """A tablet or console connects with `auth={"token"}`; it joins its workshop's room and gets a snapshot."""
        token = auth.get("token") if isinstance(auth, dict) else None
        try:
            identity = self.cowork.workshops.authenticate(token)
        except CoworkError:
            raise ConnectionRefusedError("unauthorized") from None
        with self._identities_lock:
            self._identities[request.sid] = identity
        join_room(identity.workshop_id)
        self.emit("snapshot", self.cowork.workshops.snapshot(identity), room=request.sid)

    def on_disconnect(self, reason: Any = None) -> None:
        """A connection ends; forget its identity."""
        with self._identities_lock:
            self._identities.pop(request.sid, None)

    # ------------------------------------------------------------------ client events

    def on_design_create(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """A participant starts a design; everyone in the workshop gets `design:created`."""
        return self._apply(self.cowork.sketches.create_design, payloads.DesignCreate.parse(data))

    def on_design_join(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """A participant becomes co-author; everyone gets `design:updated`."""
        return self._apply(self.cowork.sketches.join_design, payloads.DesignJoin.parse(data))

    def on_element_add(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """An author adds an element; everyone gets `element:added`."""
        return self._apply(self.cowork.sketches.add_element, payloads.ElementAdd.parse(data))

    def on_element_update(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """An author changes an element; everyone gets `element:updated`."""
        return self._apply(self.cowork.sketches.update_element, payloads.ElementUpdate.parse(data))

    def on_element_delete(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """An author deletes an element; everyone gets `element:deleted`."""
        return self._apply(self.cowork.sketches.delete_element, payloads.ElementDelete.parse(data))

    def on_sync(self, data: Any = None, *_extra: Any) -> dict[str, Any]:
        """A reconnecting client asks for what it missed; only the sender gets the answer."""
        request_ = payloads.Sync.parse(data)
        return ok(**self.cowork.workshops.sync(self._identity(), request_.since))
