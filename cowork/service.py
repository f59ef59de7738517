"""What every service shares: identities, loaders that raise the right error, sites and the event log."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from sqlalchemy import Table, bindparam, exists, func, select, update
from sqlalchemy.orm import Session, selectinload

from .core import changes, geo, rules
from .core.events import LoggedEvent
from .core.identities import Identity
from .db import Database
from .errors import CoworkError, forbidden, not_found
from .models.base import utcnow
from .models.workshop import Design, DesignAuthor, Element, Event, Participant, Workshop

E = TypeVar("E", bound=LoggedEvent)


def workshop_counts(session: Session, workshop_id: str) -> dict[str, int]:
    """How many participants, designs and live elements a workshop has."""

    def count(query) -> int:
        return session.scalar(query) or 0

    return {
        "participants": count(
            select(func.count())
            .select_from(Participant)
            .where(Participant.workshop_id == workshop_id, Participant.role == "participant")
        ),
        "designs": count(select(func.count()).select_from(Design).where(Design.workshop_id == workshop_id)),
        "elements": count(
            select(func.count())
            .select_from(Element)
            .where(Element.workshop_id == workshop_id, Element.deleted_seq.is_(None))
        ),
    }


@dataclass
class WorkshopHead:
    """The columns of a workshop's row that an edit reads, under the row's lock; `seq` moves as events are
    recorded (`Service.record` writes it back)."""

    id: str
    seq: int
    phase: str
    settings: dict[str, Any]


@dataclass(frozen=True)
class Actor:
    """Who acts in an edit, as read from the database inside its transaction."""

    id: str
    role: str

    @property
    def is_facilitator(self) -> bool:
        """Whether this is the workshop's facilitator."""
        return self.role == "facilitator"


@dataclass(frozen=True)
class DesignAccess:
    """A design as an edit needs it: whether it is hidden, and who may see what is added to it."""

    id: str
    hidden: bool
    is_author: bool  # the actor is one of its authors
    audience: frozenset[str] | None


# Statements of the edit path, built once: each execution then only looks its compiled form up.
_LOCK_HEAD = (
    select(Workshop.seq, Workshop.phase, Workshop.settings)
    .where(Workshop.id == bindparam("workshop_id"))
    .with_for_update()
)
_ACTOR = select(Participant.role, Participant.removed_at, Participant.workshop_id).where(
    Participant.id == bindparam("participant_id")
)
_DESIGN = select(
    Design.workshop_id,
    Design.hidden_at,
    exists().where(DesignAuthor.design_id == Design.id, DesignAuthor.participant_id == bindparam("participant_id")),
).where(Design.id == bindparam("design_id"))
_AUTHORS = select(DesignAuthor.participant_id).where(DesignAuthor.design_id == bindparam("design_id"))
_WORKSHOPS, _EVENTS = cast(Table, Workshop.__table__), cast(Table, Event.__table__)
_SET_SEQ = update(_WORKSHOPS).where(_WORKSHOPS.c.id == bindparam("workshop_id")).values(seq=bindparam("new_seq"))
_INSERT_EVENT = _EVENTS.insert()
_BOUNDARY = select(Workshop.boundary).where(Workshop.id == bindparam("workshop_id"))


class _Sites:
    """Parsed sites by workshop, a bounded number of them. A workshop's boundary never changes once it is
    created (an import makes a new workshop), so an entry never goes stale."""

    LIMIT = 256

    def __init__(self) -> None:
        self._sites: OrderedDict[tuple, geo.Site] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple, boundary: Any) -> geo.Site:
        """The site under `key`, parsed from `boundary` (a dict, or a function that reads it) when missing."""
        with self._lock:
            site = self._sites.get(key)
            if site is not None:
                self._sites.move_to_end(key)
                return site
        site = geo.Site.from_geojson(boundary() if callable(boundary) else boundary, key[-1])
        with self._lock:
            self._sites[key] = site
            while len(self._sites) > self.LIMIT:
                self._sites.popitem(last=False)
        return site


_SITES = _Sites()


class Service:
    """Base of the domain services: a database and the settings they need."""

    def __init__(self, db: Database, settings: Any):
        self.db = db
        self.settings = settings

    # -- sites
    def _site_key(self, workshop_id: str) -> tuple:
        # The database's URL too: tests (and tools) open several databases in one process.
        return (str(self.db.url), workshop_id, float(self.settings.SITE_TOLERANCE_M))

    def site_of(self, workshop: Workshop) -> geo.Site:
        """The workshop's site, parsed once and cached."""
        return _SITES.get(self._site_key(workshop.id), workshop.boundary)

    def site_by_id(self, workshop_id: str, session: Session | None = None) -> geo.Site | None:
        """The site of a workshop known only by its id (its boundary read in `session`, or in a short read of its
        own, when not cached), or None for an unknown workshop."""

        def read(reader: Session) -> Any:
            return reader.execute(_BOUNDARY, {"workshop_id": workshop_id}).scalar()

        def boundary() -> Any:
            if session is not None:
                found = read(session)
            else:
                with self.db.read() as reader:
                    found = read(reader)
            if found is None:
                raise LookupError(workshop_id)
            return found

        try:
            return _SITES.get(self._site_key(workshop_id), boundary)
        except LookupError:
            return None

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
            select(Design)
            .where(Design.id == design_id)
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
    def lock_head(session: Session, identity: Identity) -> tuple[Actor, WorkshopHead]:
        """The acting participant and the head of their workshop's row, under its lock (`unauthorized` when the
        participant was removed, `not_found` for no workshop). The actor is read after the lock is taken, so a
        removal committed by anyone, in any process, before this edit got the lock refuses it."""
        head = session.execute(_LOCK_HEAD, {"workshop_id": identity.workshop_id}).first()
        row = session.execute(_ACTOR, {"participant_id": identity.participant_id}).first()
        if row is None or row.removed_at is not None or row.workshop_id != identity.workshop_id:
            raise CoworkError("unauthorized", "This identity is no longer valid in the workshop.")
        if head is None:
            raise not_found("workshop")
        return Actor(identity.participant_id, row.role), WorkshopHead(
            identity.workshop_id, head.seq, head.phase, head.settings
        )

    @staticmethod
    def seen_design(session: Session, workshop: WorkshopHead, actor: Actor, design_id: str) -> DesignAccess:
        """A design as the actor may see it, or `not_found` (another workshop's, hidden, or someone else's under
        private sketching). One indexed query; its authors are listed only when they are the audience."""
        row = session.execute(_DESIGN, {"design_id": design_id, "participant_id": actor.id}).first()
        if row is None or row.workshop_id != workshop.id:
            raise not_found("design")
        hidden = row.hidden_at is not None
        audience = rules.design_audience_of(
            workshop, hidden, lambda: session.execute(_AUTHORS, {"design_id": design_id}).scalars()
        )
        if not rules.sees(audience, actor.id, actor.is_facilitator):
            raise not_found("design")
        return DesignAccess(design_id, hidden, bool(row[2]), audience)

    @staticmethod
    def require_author(actor: Actor, design: DesignAccess) -> None:
        """`forbidden` unless the actor may change the design's elements (its authors and the facilitator)."""
        if not actor.is_facilitator and not design.is_author:
            raise forbidden("Only the authors of this design may change its elements.")

    @staticmethod
    def load_actor(session: Session, identity: Identity) -> Participant:
        """The acting participant, still a member of the workshop, or `unauthorized`."""
        participant = session.get(Participant, identity.participant_id)
        if participant is None or participant.removed_at is not None or participant.workshop_id != identity.workshop_id:
            raise CoworkError("unauthorized", "This identity is no longer valid in the workshop.")
        return participant

    # -- the event log
    @staticmethod
    def record(session: Session, workshop: Workshop | WorkshopHead, event: E, actor_id: str | None) -> E:
        """Append an event to the log under the workshop's next sequence number (the caller holds the workshop's
        row lock) and return it numbered, ready to send once the transaction commits."""
        workshop.seq += 1
        numbered = event.numbered(workshop.seq)
        if workshop.phase == "closed" or numbered.name == "phase:changed":
            # Only a closed workshop is published: a live one's edits (the hot path) change nothing derived.
            changes.workshop_changed(session, workshop.id)
        row = {
            "workshop_id": workshop.id,
            "seq": numbered.seq,
            "type": numbered.name,
            "data": numbered.payload(),
            "actor_id": actor_id,
            "audience": None if numbered.audience is None else sorted(numbered.audience),
            "created_at": utcnow(),
        }
        if isinstance(workshop, WorkshopHead):
            # A head is not in the session: its new seq is written here, beside the event, as plain statements.
            session.execute(_SET_SEQ, {"workshop_id": workshop.id, "new_seq": workshop.seq})
            session.execute(_INSERT_EVENT, row)
        else:
            session.add(Event(**row))
        return numbered
