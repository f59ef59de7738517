"""What every service shares: identities, loaders that raise the right error, sites and the event log."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from .. import geo, rules
from ..db import Database
from ..errors import CoworkError, not_found
from ..events import LoggedEvent
from ..identities import Identity
from ..models import Design, DesignAuthor, Element, Event, Participant, Workshop, utcnow


def workshop_counts(session: Session, workshop_id: str) -> dict[str, int]:
    """How many participants, designs and live elements a workshop has."""

    def count(query) -> int:
        return session.scalar(query) or 0

    return {
        "participants": count(
            select(func.count()).select_from(Participant).where(
                Participant.workshop_id == workshop_id, Participant.role == "participant"
            )
        ),
        "designs": count(select(func.count()).select_from(Design).where(Design.workshop_id == workshop_id)),
        "elements": count(
            select(func.count()).select_from(Element).where(Element.workshop_id == workshop_id, Element.deleted_seq.is_(None))
        ),
    }


@lru_cache(maxsize=256)
def _site(workshop_id: str, boundary_key: str, tolerance_m: float) -> geo.Site:
    return geo.Site.from_geojson(json.loads(boundary_key), tolerance_m)


class Service:
    """Base of the domain services: a database and the settings they need."""

    def __init__(self, db: Database, settings: Any):
        self.db = db
        self.settings = settings

    # -- sites
    def site_of(self, workshop: Workshop) -> geo.Site:
        """The workshop's site, parsed once and cached."""
        key = json.dumps(workshop.boundary, sort_keys=True)
        return _site(workshop.id, key, float(self.settings.SITE_TOLERANCE_M))

    # -- loaders
    @staticmethod
    def load_workshop(session: Session, workshop_id: str, *, lock: bool = False) -> Workshop:
        """The workshop, or `not_found`. `lock` takes its row lock, which serializes its event log."""
        query = select(Workshop).where(Workshop.id == workshop_id)
        if lock:
            query = query.with_for_update()
        workshop = session.scalars(query).first()
        if workshop is None:
            raise not_found("workshop")
        return workshop

    @staticmethod
    def load_design(session: Session, workshop_id: str, design_id: str) -> Design:
        """The design (with its authors), or `not_found` when it is not one of the workshop's."""
        design = session.scalars(
            select(Design).where(Design.id == design_id)
            .options(selectinload(Design.authors).selectinload(DesignAuthor.participant))
        ).first()
        if design is None or design.workshop_id != workshop_id:
            raise not_found("design")
        return design

    def visible_design(self, session: Session, workshop: Workshop, actor: Participant, design_id: str) -> Design:
        """The design, or `not_found` when the actor may not see it (hidden, or someone else's in private mode)."""
        design = self.load_design(session, workshop.id, design_id)
        if not rules.sees(rules.design_audience(workshop, design), actor.id, actor.is_facilitator):
            raise not_found("design")
        return design

    @staticmethod
    def load_actor(session: Session, identity: Identity) -> Participant:
        """The acting participant, still a member of the workshop, or `unauthorized`."""
        participant = session.get(Participant, identity.participant_id)
        if participant is None or participant.removed_at is not None or participant.workshop_id != identity.workshop_id:
            raise CoworkError("unauthorized", "This identity is no longer valid in the workshop.")
        return participant

    # -- the event log
    @staticmethod
    def record(session: Session, workshop: Workshop, event: LoggedEvent, actor_id: Optional[str]) -> LoggedEvent:
        """Append an event to the log under the workshop's next sequence number (the caller holds the workshop's
        row lock) and return it numbered, ready to send once the transaction commits."""
        workshop.seq += 1
        numbered = event.numbered(workshop.seq)
        session.add(
            Event(
                workshop_id=workshop.id,
                seq=numbered.seq,
                type=numbered.name,
                data=numbered.payload(),
                actor_id=actor_id,
                audience=None if numbered.audience is None else sorted(numbered.audience),
                created_at=utcnow(),
            )
        )
        return numbered
