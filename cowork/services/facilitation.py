"""The facilitator's controls: phases, the timer, settings, moderation and removing a participant."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .. import geo
from ..errors import CoworkError, forbidden, not_found
from ..models import Comment, Element, Participant, Workshop, iso, utcnow
from ..payloads import Moderate, ParticipantRemove, PhaseSet, TimerSet
from .. import rules
from .base import Change, Identity, Service
from .views import comment_view, design_view, element_view

Outcome = tuple[dict[str, Any], Optional[Change]]


class FacilitationService(Service):
    """What only the facilitator may do. Each call checks role and phase, then commits one event."""

    def _facilitated(self, session: Session, identity: Identity, action: str) -> tuple[Participant, Workshop]:
        actor = self.load_actor(session, identity)
        workshop = self.load_workshop(session, identity.workshop_id, lock=True)
        rules.require(action, actor.is_facilitator, workshop.phase)
        return actor, workshop

    def set_phase(self, identity: Identity, request: PhaseSet) -> Outcome:
        """Move the workshop to a phase; leaving `closed` needs `reopen`. Everyone gets a fresh snapshot."""
        with self.db.write() as session:
            actor, workshop = self._facilitated(session, identity, "phase")
            if workshop.phase == request.phase:
                return {"phase": workshop.phase, "seq": None}, None
            if workshop.phase == "closed" and not request.reopen:
                raise CoworkError("phase", "The workshop is closed; reopen it explicitly to change its phase.")
            workshop.phase = request.phase
            change = self.record(session, workshop, "phase:changed", {"phase": request.phase}, actor.id, resync=True)
            return {"phase": request.phase, "seq": change.seq}, change

    def set_timer(self, identity: Identity, request: TimerSet) -> Outcome:
        """Start (or clear, with 0 seconds) the countdown; the server holds its end time."""
        with self.db.write() as session:
            actor, workshop = self._facilitated(session, identity, "timer")
            workshop.timer_ends_at = utcnow() + timedelta(seconds=request.seconds) if request.seconds else None
            ends_at = iso(workshop.timer_ends_at)
            change = self.record(session, workshop, "timer", {"ends_at": ends_at}, actor.id)
            return {"ends_at": ends_at, "seq": change.seq}, change

    def timer_ends_at(self, workshop_id: str) -> Optional[str]:
        """The running countdown's end, as stored now."""
        with self.db.read() as session:
            return iso(self.load_workshop(session, workshop_id).timer_ends_at)

    def check_view(self, identity: Identity) -> None:
        """Only the facilitator shares the map view."""
        with self.db.read() as session:
            actor = self.load_actor(session, identity)
            workshop = self.load_workshop(session, identity.workshop_id)
            rules.require("view", actor.is_facilitator, workshop.phase)

    def update_settings(self, identity: Identity, changes: Any) -> Outcome:
        """Change some settings; a change of what participants see triggers fresh snapshots."""
        validated = rules.validated_settings(changes)
        with self.db.write() as session:
            actor, workshop = self._facilitated(session, identity, "settings")
            before = rules.settings_of(workshop)
            after = {**before, **validated}
            workshop.settings = after
            resync = any(before[key] != after[key] for key in rules.VIEW_SETTINGS)
            change = self.record(session, workshop, "settings:changed", {"settings": after}, actor.id, resync=resync)
            return {"settings": after, "seq": change.seq}, change

    def moderate(self, identity: Identity, request: Moderate) -> Outcome:
        """Hide or restore a design, an element or a comment; it stays in the database and the log."""
        with self.db.write() as session:
            actor, workshop = self._facilitated(session, identity, "moderate")
            row, design, element = self._moderation_target(session, workshop, request)
            if (row.hidden_at is not None) == request.hidden:
                return {"seq": None}, None
            row.hidden_at = utcnow() if request.hidden else None
            row.hidden_reason = request.reason if request.hidden else None
            session.flush()
            data: dict[str, Any] = {"target": request.target, "id": request.id, "hidden": request.hidden, "reason": request.reason}
            if request.target == "design":
                audience = rules.design_audience(workshop, design, ignore_hidden=True)
                restored = design_view(design)
            elif request.target == "element":
                audience = rules.element_audience(workshop, design, element, ignore_hidden=True)
                restored = element_view(element, self.site_of(workshop).measure(geo.from_geojson(element.geometry)))
            else:
                audience = rules.comment_audience(workshop, design, element, row, ignore_hidden=True)
                restored = comment_view(row)
            if not request.hidden:
                data[request.target] = restored
            change = self.record(session, workshop, "moderated", data, actor.id, audience=audience,
                                 resync=request.target == "design" and not request.hidden)
            return {"seq": change.seq}, change

    def _moderation_target(self, session: Session, workshop: Workshop, request: Moderate):
        if request.target == "comment":
            row = session.scalars(select(Comment).where(Comment.id == request.id).options(selectinload(Comment.author))).first()
            if row is None or row.workshop_id != workshop.id:
                raise not_found("comment")
            element = session.get(Element, row.element_id) if row.element_id else None
            return row, self.load_design(session, workshop.id, row.design_id), element
        if request.target == "element":
            element = session.get(Element, request.id)
            if element is None or element.workshop_id != workshop.id or element.deleted_seq is not None:
                raise not_found("element")
            return element, self.load_design(session, workshop.id, element.design_id), element
        design = self.load_design(session, workshop.id, request.id)
        return design, design, None

    def remove_participant(self, identity: Identity, request: ParticipantRemove) -> Outcome:
        """Remove a participant: their token stops working and their sockets close; their sketches stay."""
        with self.db.write() as session:
            actor, workshop = self._facilitated(session, identity, "remove")
            participant = session.get(Participant, request.participant_id)
            if participant is None or participant.workshop_id != workshop.id:
                raise not_found("participant")
            if participant.is_facilitator:
                raise forbidden("The facilitator cannot be removed.")
            if participant.removed_at is not None:
                return {"seq": None}, None
            participant.removed_at = utcnow()
            change = self.record(session, workshop, "participant:removed", {"participant_id": participant.id}, actor.id,
                                 removed=participant.id)
            return {"seq": change.seq}, change
