"""The facilitator's controls: phases, the timer, settings, moderation and removing a participant."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..core import rules
from ..core.events import (
    JoinCodeChanged,
    Moderated,
    Outcome,
    ParticipantRemoved,
    PhaseChanged,
    SettingsChanged,
    TimerChanged,
    ViewShared,
)
from ..core.identities import Identity
from ..errors import CoworkError, forbidden, not_found
from ..models.base import iso, utcnow
from ..models.workshop import Comment, Element, Participant, Workshop
from ..service import Service
from .payloads import JoinCodeRotate, Moderate, ParticipantRemove, PhaseSet, SettingsUpdate, TimerSet, ViewShare
from .serialize import comment_view, design_view, element_view
from .workshops import new_join_code


class FacilitationService(Service):
    """What only the facilitator may do. Each call checks role and phase, then commits one event."""

    def _facilitated(self, session: Session, identity: Identity, action: str) -> tuple[Participant, Workshop]:
        actor = self.load_actor(session, identity)
        workshop = self.load_workshop(session, identity.workshop_id, lock=True)
        rules.require(action, actor.is_facilitator, workshop.phase)
        return actor, workshop

    def set_phase(self, identity: Identity, request: PhaseSet) -> Outcome:
        """Move the workshop to a phase; leaving `closed` needs `reopen`. The countdown stops; everyone gets a fresh
        snapshot."""
        with self.db.write() as session:
            actor, workshop = self._facilitated(session, identity, "phase")
            if workshop.phase == request.phase:
                return Outcome.of({"phase": workshop.phase, "seq": None})
            if workshop.phase == "closed" and not request.reopen:
                raise CoworkError("phase", "The workshop is closed; reopen it explicitly to change its phase.")
            workshop.phase = request.phase
            # A countdown belongs to its phase: it stops with it (the snapshots that follow carry no timer).
            workshop.timer_ends_at = None
            event = self.record(session, workshop, PhaseChanged(workshop_id=workshop.id, phase=request.phase), actor.id)
            return Outcome.of({"phase": request.phase, "seq": event.seq}, event)

    def set_timer(self, identity: Identity, request: TimerSet) -> Outcome:
        """Start (or clear, with 0 seconds) the countdown; the server holds its end time."""
        with self.db.write() as session:
            actor, workshop = self._facilitated(session, identity, "timer")
            workshop.timer_ends_at = utcnow() + timedelta(seconds=request.seconds) if request.seconds else None
            ends_at = iso(workshop.timer_ends_at)
            event = self.record(session, workshop, TimerChanged(workshop_id=workshop.id, ends_at=ends_at), actor.id)
            return Outcome.of({"ends_at": ends_at, "seq": event.seq}, event)

    def timer_ends_at(self, workshop_id: str) -> str | None:
        """The running countdown's end, as stored now."""
        with self.db.read() as session:
            return iso(self.load_workshop(session, workshop_id).timer_ends_at)

    def share_view(self, identity: Identity, request: ViewShare) -> Outcome:
        """The facilitator points every tablet at a place, or at the whole site (not logged: it changes nothing
        that lasts)."""
        with self.db.read() as session:
            actor = self.load_actor(session, identity)
            workshop = self.load_workshop(session, identity.workshop_id)
            rules.require("view", actor.is_facilitator, workshop.phase)
        if request.site:
            return Outcome.of({}, ViewShared(workshop_id=identity.workshop_id, site=True))
        center = list(request.center or ())
        return Outcome.of({}, ViewShared(workshop_id=identity.workshop_id, center=center, zoom=request.zoom))

    def update_settings(self, identity: Identity, request: SettingsUpdate) -> Outcome:
        """Change some settings; a change of what participants see triggers fresh snapshots."""
        with self.db.write() as session:
            actor, workshop = self._facilitated(session, identity, rules.settings_action(request.changes))
            before = rules.settings_of(workshop)
            after = {**before, **request.changes}
            workshop.settings = after
            resync = any(before[key] != after[key] for key in rules.VIEW_SETTINGS)
            event = self.record(
                session, workshop, SettingsChanged(workshop_id=workshop.id, settings=after, resync=resync), actor.id
            )
            return Outcome.of({"settings": after, "seq": event.seq}, event)

    def moderate(self, identity: Identity, request: Moderate) -> Outcome:
        """Hide or restore a design, an element or a comment; it stays in the database and the log."""
        with self.db.write() as session:
            actor, workshop = self._facilitated(session, identity, "moderate")
            row, design, element = self._moderation_target(session, workshop, request)
            if (row.hidden_at is not None) == request.hidden:
                return Outcome.of({"seq": None})
            row.hidden_at = utcnow() if request.hidden else None
            row.hidden_reason = request.reason if request.hidden else None
            session.flush()
            if request.target == "design":
                audience = rules.design_audience(workshop, design, ignore_hidden=True)
                restored = design_view(design)
            elif request.target == "element":
                audience = rules.element_audience(workshop, design, element, ignore_hidden=True)
                restored = element_view(element)
            else:
                audience = rules.comment_audience(workshop, design, element, row, ignore_hidden=True)
                restored = comment_view(row)
            event = self.record(
                session,
                workshop,
                Moderated(
                    workshop_id=workshop.id,
                    target=request.target,
                    id=request.id,
                    hidden=request.hidden,
                    reason=request.reason,
                    restored=None if request.hidden else restored,
                    audience=audience,
                    # A design coming back brings its elements and comments: simpler as fresh snapshots.
                    resync=request.target == "design" and not request.hidden,
                ),
                actor.id,
            )
            return Outcome.of({"seq": event.seq}, event)

    def _moderation_target(self, session: Session, workshop: Workshop, request: Moderate):
        if request.target == "comment":
            row = session.scalars(
                select(Comment).where(Comment.id == request.id).options(selectinload(Comment.author))
            ).first()
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

    def rotate_join_code(self, identity: Identity, _request: JoinCodeRotate) -> Outcome:
        """Give the workshop a new join code (the old one stops working; whoever joined stays in)."""
        with self.db.write() as session:
            actor, workshop = self._facilitated(session, identity, "join_code")
            taken = True
            while taken:  # 31^6 codes: a clash is rare (and the unique constraint stops a concurrent one)
                code = new_join_code()
                taken = session.scalar(select(Workshop.id).where(Workshop.join_code == code)) is not None
            workshop.join_code = code
            event = self.record(session, workshop, JoinCodeChanged(workshop_id=workshop.id, join_code=code), actor.id)
            return Outcome.of({"join_code": code, "seq": event.seq}, event)

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
                return Outcome.of({"seq": None})
            participant.removed_at = utcnow()
            event = self.record(
                session, workshop, ParticipantRemoved(workshop_id=workshop.id, participant_id=participant.id), actor.id
            )
            return Outcome.of({"seq": event.seq}, event)
