"""One handler per client event of the default namespace, each answering through its ack.

Until this module, a Namespace subclass overrode the namespace's own dispatch method and called a private
dispatch helper of Flask-SocketIO (one that may change in any release) to route events, refuse unknown ones and
turn errors into acks. The same is now done through the documented API: each handler is registered with
`SocketIO.on_event`, unknown events reach the catch-all `"*"` handler, domain errors become refused acks in our
`client_event` decorator, and anything unexpected reaches the namespace's `on_error` handler, which logs it and
answers `internal`: the server stays up either way.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from flask import request
from flask_socketio import SocketIO, disconnect, join_room
from socketio.exceptions import ConnectionRefusedError  # the one Flask-SocketIO raises on refusing a connection

from ..core.events import Outcome
from ..core.identities import Identity
from ..errors import CoworkError
from ..services import Cowork
from ..workshop import payloads
from .broadcast import Broadcaster, facilitator_room, participant_room
from .budget import EventBudget
from .packets import MALFORMED
from .socket_api import current_sid

log = logging.getLogger(__name__)

Handler = Callable[..., dict[str, Any]]


def ok(**fields: Any) -> dict[str, Any]:
    """A successful ack envelope."""
    return {"ok": True, **fields}


def failed(error: CoworkError) -> dict[str, Any]:
    """A refused ack envelope: `{"ok": false, "error": {"code", "message"}, ...}`."""
    return {"ok": False, **error.as_dict()}


def client_event(name: str) -> Callable[[Handler], Handler]:
    """Mark a method as the handler of a client event; a domain error it raises becomes the refused ack."""

    def decorate(method: Handler) -> Handler:
        @functools.wraps(method)
        def handler(self: WorkshopEvents, data: Any = None, *_extra: Any) -> dict[str, Any]:
            try:
                self.spend_budget()
                return method(self, data)
            except CoworkError as error:
                self.log_refusal(name, error)
                return failed(error)

        handler.client_event = name  # type: ignore[attr-defined]  # the mark register() looks for
        return handler

    return decorate


class WorkshopEvents:
    """The handlers, bound to the services and the broadcaster."""

    def __init__(self, cowork: Cowork, broadcaster: Broadcaster):
        self.cowork = cowork
        self.broadcaster = broadcaster
        self.connections = broadcaster.connections
        settings = cowork.settings
        self.budget = EventBudget(settings.EVENT_BUDGET, settings.EVENT_BUDGET_CLOSE)

    def spend_budget(self) -> None:
        """Spend one event of this socket's budget, or refuse it (and close a socket that keeps flooding)."""
        if self.budget.allow(current_sid()):
            return
        if self.budget.should_close(current_sid()):
            log.info("closing a flooding connection")
            disconnect()
        raise CoworkError("rate_limited", "Too many events from this connection; slow down.")

    def register(self, socketio: SocketIO) -> None:
        """Register every handler, the catch-all for unknown events, and the error handler."""
        socketio.on_event("connect", self.on_connect)
        socketio.on_event("disconnect", self.on_disconnect)
        for attribute in dir(type(self)):
            name = getattr(getattr(type(self), attribute), "client_event", None)
            if name is not None:
                socketio.on_event(name, getattr(self, attribute))
        socketio.on_event(MALFORMED, self.on_malformed)
        socketio.on_event("*", self.on_unknown)
        socketio.on_error("/")(self.on_unexpected_error)

    # ------------------------------------------------------------------ plumbing

    def _identity(self) -> Identity:
        connection = self.connections.get(current_sid())
        if connection is None:
            raise CoworkError("unauthorized", "This connection is not authenticated.")
        return connection.identity

    def _apply(self, action: Callable[[Identity, Any], Outcome], request_: Any) -> dict[str, Any]:
        """Run a service action for this socket's identity; its events go out after the commit, then the ack."""
        identity = self._identity()
        outcome = self.broadcaster.run(identity.workshop_id, lambda: action(identity, request_))
        return ok(**outcome.reply)

    def log_refusal(self, event: str, error: CoworkError) -> None:
        """One line per refused event: what, why, and whose (ids and the join code; never the token)."""
        connection = self.connections.get(current_sid())
        if connection is None:
            log.info("refused %s: %s", event, error.code)
            return
        identity = connection.identity
        try:
            code = self.cowork.workshops.join_code(identity.workshop_id)
        except CoworkError:
            code = None  # the database does not answer: the line goes out without the code
        log.info(
            "refused %s: %s workshop=%s code=%s participant=%s",
            event,
            error.code,
            identity.workshop_id,
            code or "-",
            identity.participant_id,
        )

    def on_unknown(self, event: str, *_args: Any) -> dict[str, Any]:
        """Any event we do not handle is refused in its ack."""
        # The name is the client's text: logged only when it is short and plain.
        shown = (
            event if isinstance(event, str) and len(event) <= 40 and event.replace(":", "").isalnum() else "(unknown)"
        )
        return self._refuse(shown, CoworkError("invalid", f"Unknown event {event!r}."))

    def on_malformed(self, reason: Any = None, *_args: Any) -> dict[str, Any]:
        """A message that is not a readable event (packets.CoworkPacket says why) is refused in its ack."""
        message = reason[:300] if isinstance(reason, str) and reason else "The message could not be read."
        return self._refuse(MALFORMED, CoworkError("invalid", message))

    def _refuse(self, shown: str, error: CoworkError) -> dict[str, Any]:
        # Refused events spend the budget too: a flood of unknown or unreadable ones is a flood all the same.
        try:
            self.spend_budget()
        except CoworkError as refused:
            error = refused
        self.log_refusal(shown, error)
        return failed(error)

    def on_unexpected_error(self, error: BaseException) -> dict[str, Any]:
        """A handler failed unexpectedly: log it, tell the client, keep serving."""
        log.error("handler for %s failed", getattr(request, "event", {}).get("message"), exc_info=error)
        return failed(CoworkError("internal", "The server could not handle this request."))

    # ------------------------------------------------------------------ connection

    def on_connect(self, auth: Any = None) -> None:
        """A tablet or console connects with `auth={"token"}`; it joins its workshop's room and gets a snapshot."""
        token = auth.get("token") if isinstance(auth, dict) else None
        try:
            identity = self.cowork.access.participant(token)
            join_room(identity.workshop_id)
            join_room(participant_room(identity.workshop_id, identity.participant_id))
            if identity.is_facilitator:
                join_room(facilitator_room(identity.workshop_id))
            welcomed = self.broadcaster.welcome(current_sid(), identity)
        except CoworkError as error:
            self.log_refusal("connect", error)
            # "unavailable" (the database does not answer) tells the tablet to come back; "unauthorized" makes
            # it forget its identity, which only an unknown token may do.
            raise ConnectionRefusedError("unavailable" if error.code == "unavailable" else "unauthorized") from None
        if not welcomed:
            raise ConnectionRefusedError("unauthorized")

    def on_disconnect(self, *_reason: Any) -> None:
        """A connection ends; forget it (the facilitator's presence list follows) and its budget."""
        self.connections.remove(current_sid())
        self.budget.forget(current_sid())

    # ------------------------------------------------------------------ sketching

    @client_event("design:create")
    def on_design_create(self, data: Any) -> dict[str, Any]:
        """A participant starts a design; those who may see it get `design:created`."""
        return self._apply(self.cowork.sketches.create_design, payloads.DesignCreate.parse(data))

    @client_event("design:join")
    def on_design_join(self, data: Any) -> dict[str, Any]:
        """A participant becomes co-author; those who may see the design get `design:updated`."""
        return self._apply(self.cowork.sketches.join_design, payloads.DesignJoin.parse(data))

    @client_event("element:add")
    def on_element_add(self, data: Any) -> dict[str, Any]:
        """An author adds an element; those who may see it get `element:added`."""
        request = payloads.ElementAdd.parse(data)
        # The geometry is parsed and checked before queueing for the workshop: other edits need not wait on it.
        placement = self.cowork.sketches.place(self._identity().workshop_id, request.kind, request.geometry)
        return self._apply(functools.partial(self.cowork.sketches.add_element, placement=placement), request)

    @client_event("element:update")
    def on_element_update(self, data: Any) -> dict[str, Any]:
        """An author changes an element; those who may see it get `element:updated`."""
        request = payloads.ElementUpdate.parse(data)
        placement = None
        if request.geometry is not None:
            placement = self.cowork.sketches.place(self._identity().workshop_id, request.kind, request.geometry)
        return self._apply(functools.partial(self.cowork.sketches.update_element, placement=placement), request)

    @client_event("element:delete")
    def on_element_delete(self, data: Any) -> dict[str, Any]:
        """An author deletes an element; those who may see it get `element:deleted`."""
        return self._apply(self.cowork.sketches.delete_element, payloads.ElementDelete.parse(data))

    @client_event("sync")
    def on_sync(self, data: Any) -> dict[str, Any]:
        """A reconnecting client asks for what it missed; only the sender gets the answer."""
        since = payloads.Sync.parse(data).since
        return ok(**self.cowork.state.sync(self._identity(), since))

    # ------------------------------------------------------------------ facilitation

    @client_event("phase:set")
    def on_phase_set(self, data: Any) -> dict[str, Any]:
        """The facilitator changes the phase; everyone gets `phase:changed` and a fresh snapshot."""
        return self._apply(self.cowork.facilitation.set_phase, payloads.PhaseSet.parse(data))

    @client_event("timer:set")
    def on_timer_set(self, data: Any) -> dict[str, Any]:
        """The facilitator starts or clears the countdown; everyone gets `timer`."""
        return self._apply(self.cowork.facilitation.set_timer, payloads.TimerSet.parse(data))

    @client_event("view:share")
    def on_view_share(self, data: Any) -> dict[str, Any]:
        """The facilitator says "everyone look here"; every tablet gets `view` (not logged)."""
        return self._apply(self.cowork.facilitation.share_view, payloads.ViewShare.parse(data))

    @client_event("settings:update")
    def on_settings_update(self, data: Any) -> dict[str, Any]:
        """The facilitator changes settings; everyone gets `settings:changed`."""
        return self._apply(self.cowork.facilitation.update_settings, payloads.SettingsUpdate.parse(data))

    @client_event("moderate")
    def on_moderate(self, data: Any) -> dict[str, Any]:
        """The facilitator hides or restores something; those who could see it get `moderated`."""
        return self._apply(self.cowork.facilitation.moderate, payloads.Moderate.parse(data))

    @client_event("join_code:rotate")
    def on_join_code_rotate(self, data: Any) -> dict[str, Any]:
        """The facilitator replaces the join code; the facilitator's sockets get `join_code:changed`."""
        return self._apply(self.cowork.facilitation.rotate_join_code, payloads.JoinCodeRotate.parse(data))

    @client_event("participant:remove")
    def on_participant_remove(self, data: Any) -> dict[str, Any]:
        """The facilitator removes a participant; everyone gets `participant:removed`, the removed sockets close."""
        return self._apply(self.cowork.facilitation.remove_participant, payloads.ParticipantRemove.parse(data))

    @client_event("presence:design")
    def on_presence_design(self, data: Any) -> dict[str, Any]:
        """A tablet says which design it is on; the facilitator's presence list follows."""
        presence = payloads.PresenceDesign.parse(data)
        self._identity()
        self.connections.set_design(current_sid(), presence.design_id)
        return ok()

    # ------------------------------------------------------------------ voting and comments

    @client_event("vote:cast")
    def on_vote_cast(self, data: Any) -> dict[str, Any]:
        """A participant puts a dot on a design; tallies go out as `votes:updated` to those who may see them."""
        return self._apply(self.cowork.voting.cast, payloads.VoteChange.parse(data))

    @client_event("vote:retract")
    def on_vote_retract(self, data: Any) -> dict[str, Any]:
        """A participant takes a dot back; tallies go out as `votes:updated`."""
        return self._apply(self.cowork.voting.retract, payloads.VoteChange.parse(data))

    @client_event("comment:add")
    def on_comment_add(self, data: Any) -> dict[str, Any]:
        """Someone comments on a design or an element; those who may see it get `comment:added`."""
        return self._apply(self.cowork.voting.add_comment, payloads.CommentAdd.parse(data))
