"""What every service shares: identities, loaders that raise the right error, sites and the event log."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from .. import geo
from ..db import Database
from ..errors import CoworkError, not_found
from ..models import Design, DesignAuthor, Element, Event, Participant, Workshop, utcnow
from .. import rules


def new_token() -> str:
    """A long random bearer token (256 bits)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """The stored form of a token: its SHA-256, so a database leak reveals no usable token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Identity:
    """Who is acting: a participant or the facilitator of one workshop."""

    participant_id: str
    workshop_id: str
    name: str
    role: str

    @property
    def is_facilitator(self) -> bool:
        """Whether this identity is the workshop's facilitator."""
        return self.role == "facilitator"

    def as_you(self) -> dict[str, str]:
        """The `you` part of a snapshot."""
        return {"participant_id": self.participant_id, "name": self.name, "role": self.role}


@dataclass(frozen=True)
class Change:
    """A committed change, ready to broadcast: the event's name and payload (which carries `seq`).

    `audience` is None when everyone may see it, else the participant ids who may (the facilitator always
    may; everyone else gets only the sequence number). `resync` asks for fresh snapshots all round, because
    what participants may see changed as a whole. `removed` names a participant whose sockets must close.
    """

    workshop_id: str
    seq: int
    type: str
    data: dict[str, Any]
    audience: Optional[frozenset[str]] = None
    resync: bool = False
    removed: Optional[str] = None


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
    def record(
        session: Session,
        workshop: Workshop,
        type_: str,
        data: dict[str, Any],
        actor_id: Optional[str],
        *,
        audience: Optional[frozenset[str]] = None,
        resync: bool = False,
        removed: Optional[str] = None,
    ) -> Change:
        """Append an event with the workshop's next sequence number; the caller holds the workshop's lock."""
        workshop.seq += 1
        payload = {**data, "seq": workshop.seq}
        if resync:
            payload["resync"] = True
        session.add(
            Event(
                workshop_id=workshop.id,
                seq=workshop.seq,
                type=type_,
                data=payload,
                actor_id=actor_id,
                audience=None if audience is None else sorted(audience),
                created_at=utcnow(),
            )
        )
        return Change(workshop.id, workshop.seq, type_, payload, audience, resync, removed)

    # -- identities
    def authenticate(self, token: Optional[str]) -> Identity:
        """The identity a bearer token stands for, or `unauthorized`."""
        if not token or not isinstance(token, str) or len(token) > 200:
            raise CoworkError("unauthorized", "A valid token is required.")
        with self.db.read() as session:
            participant = session.scalars(select(Participant).where(Participant.token_hash == token_hash(token))).first()
            if participant is None or participant.removed_at is not None:
                raise CoworkError("unauthorized", "A valid token is required.")
            return Identity(participant.id, participant.workshop_id, participant.name, participant.role)
