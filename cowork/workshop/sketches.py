"""Sketching: designs and their elements. Each call is one transaction that ends with an event in the log."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..core import geo, rules
from ..core import props as element_props
from ..core.events import DesignCreated, DesignUpdated, ElementAdded, ElementDeleted, ElementUpdated, Outcome
from ..core.identities import Identity
from ..errors import CoworkError, invalid, not_found
from ..models.base import utcnow
from ..models.workshop import Design, DesignAuthor, Element, Workshop
from ..service import Actor, DesignAccess, Service, WorkshopHead
from .payloads import DesignCreate, DesignJoin, ElementAdd, ElementDelete, ElementUpdate
from .serialize import design_view, element_view

# An element's row in one statement that does nothing when its id is taken (a re-send), on either database.
# RETURNING says whether a row went in: psycopg reports no rowcount (-1) for an INSERT … ON CONFLICT.
_INSERT_ELEMENT = {
    name: dialect.insert(Element.__table__)
    .on_conflict_do_nothing(index_elements=["id"])
    .returning(Element.__table__.c.id)
    for name, dialect in (("sqlite", sqlite), ("postgresql", postgresql))
}


def _geometry_error(exc: geo.GeometryError) -> CoworkError:
    return CoworkError(exc.code, exc.message)


@dataclass(frozen=True)
class Placement:
    """A geometry parsed, checked against the site and measured before the edit's transaction: what to store,
    or the refusal, raised only where the edit's checks reach the geometry (so refusals keep their order)."""

    geometry_type: str
    geometry: dict[str, Any] | None = None
    measure: dict[str, float] | None = None
    error: CoworkError | None = None


class SketchService(Service):
    """Designs and elements. Every method returns the ack's fields and the committed event to send (none when
    the request only repeated one already applied)."""

    # ------------------------------------------------------------- designs

    def create_design(self, identity: Identity, request: DesignCreate) -> Outcome:
        """Start a design; its creator becomes its first author."""
        design_id = request.id or str(uuid.uuid4())
        with self.db.write() as session:
            actor = self.load_actor(session, identity)
            workshop = self.load_workshop(session, identity.workshop_id, lock=True)
            existing = session.get(Design, design_id)
            if existing is not None:
                if existing.workshop_id != workshop.id:
                    raise CoworkError("conflict", "That design id is already used.")
                design = self.load_design(session, workshop.id, design_id)
                return Outcome.of({"design": design_view(design), "seq": existing.created_seq})
            rules.require("sketch", actor.is_facilitator, workshop.phase)
            design = Design(
                id=design_id,
                workshop_id=workshop.id,
                title=request.title,
                created_by=actor.id,
                created_seq=workshop.seq + 1,
                colour_index=session.scalar(
                    select(func.count()).select_from(Design).where(Design.workshop_id == workshop.id)
                )
                or 0,
                created_at=utcnow(),
            )
            design.authors.append(DesignAuthor(participant_id=actor.id, participant=actor))
            session.add(design)
            event = self.record(
                session,
                workshop,
                DesignCreated(
                    workshop_id=workshop.id,
                    design=design_view(design),
                    audience=rules.design_audience(workshop, design),
                ),
                actor.id,
            )
            return Outcome.of({"design": event.design, "seq": event.seq}, event)

    def join_design(self, identity: Identity, request: DesignJoin) -> Outcome:
        """Make the sender a co-author of a design (no new event when they already are one)."""
        with self.db.write() as session:
            actor = self.load_actor(session, identity)
            workshop = self.load_workshop(session, identity.workshop_id, lock=True)
            design = self.visible_design(session, workshop, actor, request.design_id)
            if design.has_author(actor.id):
                return Outcome.of({"design": design_view(design), "seq": None})
            rules.require("sketch", actor.is_facilitator, workshop.phase)
            design.authors.append(DesignAuthor(participant_id=actor.id, participant=actor))
            session.flush()
            event = self.record(
                session,
                workshop,
                DesignUpdated(
                    workshop_id=workshop.id,
                    design=design_view(design),
                    audience=rules.design_audience(workshop, design),
                ),
                actor.id,
            )
            return Outcome.of({"design": event.design, "seq": event.seq}, event)

    # ------------------------------------------------------------- elements

    def place(self, workshop_id: str, kind: str | None, data: Any, session: Session | None = None) -> Placement | None:
        """Parse a geometry, check it against the workshop's site and measure it, before any transaction is open
        (a handler calls this before it queues for the workshop). None leaves it to the edit itself: an unknown
        workshop, or no kind given and a geometry type that no kind has."""
        if kind is not None:
            geometry_type = geo.GEOMETRY_TYPE_OF_KIND[kind]
        else:
            found = data.get("type") if isinstance(data, dict) else None
            if not isinstance(found, str) or found not in geo.GEOMETRY_TYPE_OF_KIND.values():
                return None
            geometry_type = found
        site = self.site_by_id(workshop_id, session)
        if site is None:
            return None
        try:
            shape = geo.parse_geometry(data, (geometry_type,))
            site.check(shape)
        except geo.GeometryError as exc:
            return Placement(geometry_type, error=_geometry_error(exc))
        return Placement(geometry_type, geo.to_geojson(shape), site.measure(shape))

    def _placed(
        self, session: Session, placement: Placement | None, workshop_id: str, kind: str, data: Any
    ) -> Placement:
        """The placement for this kind (made again, inside the transaction, when the one made before was for
        another geometry type), or the geometry's refusal."""
        if placement is None or placement.geometry_type != geo.GEOMETRY_TYPE_OF_KIND[kind]:
            placement = self.place(workshop_id, kind, data, session)
            if placement is None:
                raise not_found("workshop")
        if placement.error is not None:
            raise placement.error
        return placement

    def _load_element(self, session: Session, workshop_id: str, element_id: str) -> Element:
        element = session.get(Element, element_id)
        if element is None or element.workshop_id != workshop_id:
            raise not_found("element")
        return element

    def _editable_element(
        self, session: Session, identity: Identity, element_id: str
    ) -> tuple[Actor, WorkshopHead, Element, DesignAccess]:
        """The actor, the locked workshop and the element, once the actor may change that element."""
        actor, workshop = self.lock_head(session, identity)
        element = self._load_element(session, workshop.id, element_id)
        design = self.seen_design(session, workshop, actor, element.design_id)
        if element.hidden_at is not None and not actor.is_facilitator:
            raise not_found("element")
        self.require_author(actor, design)
        rules.require("sketch", actor.is_facilitator, workshop.phase)
        return actor, workshop, element, design

    @staticmethod
    def _check_version(element: Element, base_version: int) -> None:
        """`conflict`, with the element as it is now, unless the sender's change was based on its current version."""
        if base_version != element.version:
            raise CoworkError(
                "conflict",
                f"The element changed meanwhile (now version {element.version}).",
                element=element_view(element),
            )

    @staticmethod
    def _check_palette(workshop: Workshop | WorkshopHead, kind: str) -> None:
        if kind not in rules.settings_of(workshop)["palette"]:
            raise invalid(f"'{kind}' is not offered in this workshop.")

    @staticmethod
    def _check_note(kind: str, note: str) -> None:
        if kind == "note" and not note:
            raise invalid("A note needs its text in 'note'.")

    @staticmethod
    def _existing(session: Session, workshop_id: str, element_id: str) -> Outcome | None:
        """The answer to a re-sent `element:add`: the element as it is now (deleted ones marked), under its first
        seq; `conflict` when another workshop uses the id; None when there is no such element."""
        existing = session.get(Element, element_id)
        if existing is None:
            return None
        if existing.workshop_id != workshop_id:
            raise CoworkError("conflict", "That element id is already used.")
        return Outcome.of({"element": element_view(existing), "seq": existing.created_seq})

    def add_element(self, identity: Identity, request: ElementAdd, placement: Placement | None = None) -> Outcome:
        """Add an element to a design; a repeated id returns the element as it is now and logs nothing."""
        if placement is None:
            placement = self.place(identity.workshop_id, request.kind, request.geometry)
        with self.db.write() as session:
            actor, workshop = self.lock_head(session, identity)
            try:
                design = self.seen_design(session, workshop, actor, request.design_id)
                self.require_author(actor, design)
                rules.require("sketch", actor.is_facilitator, workshop.phase)
                self._check_palette(workshop, request.kind)
                self._check_note(request.kind, request.note)
                placed = self._placed(session, placement, workshop.id, request.kind, request.geometry)
            except CoworkError:
                # A re-send is answered whatever changed since the first send (the element is read only here).
                existing = self._existing(session, workshop.id, request.id)
                if existing is not None:
                    return existing
                raise
            now = utcnow()
            values = {
                "id": request.id,
                "workshop_id": workshop.id,
                "design_id": design.id,
                "kind": request.kind,
                "geometry": placed.geometry,
                "note": request.note,
                "measure": placed.measure,
                "props": request.props,
                "author_id": actor.id,
                "version": 1,
                "created_seq": workshop.seq + 1,
                "deleted_seq": None,
                "created_at": now,
                "updated_at": now,
                "hidden_reason": None,
                "hidden_at": None,
            }
            if session.execute(_INSERT_ELEMENT[self.db.engine.dialect.name], values).first() is None:
                # The id is taken: a re-send of an element already added, or another workshop's id.
                outcome = self._existing(session, workshop.id, request.id)
                # The insert found the id taken, so its row is there: elements are marked deleted, never removed.
                assert outcome is not None
                return outcome
            event = self.record(
                session,
                workshop,
                ElementAdded(
                    workshop_id=workshop.id,
                    element=element_view(Element(**values)),
                    audience=rules.element_audience_of(False, design.audience),
                ),
                actor.id,
            )
            return Outcome.of({"element": event.element, "seq": event.seq}, event)

    def update_element(self, identity: Identity, request: ElementUpdate, placement: Placement | None = None) -> Outcome:
        """Change an element's geometry, note, kind or props, if the sender saw its current version."""
        if placement is None and request.geometry is not None:
            placement = self.place(identity.workshop_id, request.kind, request.geometry)
        with self.db.write() as session:
            actor, workshop, element, design = self._editable_element(session, identity, request.id)
            if element.deleted_seq is not None:
                raise CoworkError("not_found", "The element was deleted meanwhile.", deleted=True)
            self._check_version(element, request.base_version)
            kind = request.kind or element.kind
            if request.kind:
                self._check_palette(workshop, kind)
            note = element.note if request.note is None else request.note
            self._check_note(kind, note)
            if request.geometry is not None:
                placed = self._placed(session, placement, workshop.id, kind, request.geometry)
                assert placed.geometry is not None and placed.measure is not None  # _placed raised its error
                element.geometry, element.measure = placed.geometry, placed.measure
            elif geo.GEOMETRY_TYPE_OF_KIND[kind] != element.geometry["type"]:
                raise invalid(f"A {kind} needs a {geo.GEOMETRY_TYPE_OF_KIND[kind]}; send a new geometry with it.")
            if request.props is not None:
                element.props = element_props.parse(kind, request.props)
            elif kind != element.kind:
                # What a bench said of itself means nothing to the tree it became.
                element.props = element_props.defaults(kind)
            element.kind = kind
            element.note = note
            element.version += 1
            element.updated_at = utcnow()
            event = self.record(
                session,
                workshop,
                ElementUpdated(
                    workshop_id=workshop.id,
                    element=element_view(element),
                    audience=rules.element_audience_of(element.hidden_at is not None, design.audience),
                ),
                actor.id,
            )
            return Outcome.of({"element": event.element, "seq": event.seq}, event)

    def delete_element(self, identity: Identity, request: ElementDelete) -> Outcome:
        """Delete an element (it stays in the log); deleting it again returns the first deletion."""
        with self.db.write() as session:
            actor, workshop, element, design = self._editable_element(session, identity, request.id)
            if element.deleted_seq is not None:
                return Outcome.of({"id": element.id, "seq": element.deleted_seq})
            if request.base_version is not None:
                # A delete queued on a tablet while someone else reshaped the element must not throw their
                # work away unseen: the sender sees the new version and decides again.
                self._check_version(element, request.base_version)
            event = self.record(
                session,
                workshop,
                ElementDeleted(
                    workshop_id=workshop.id,
                    id=element.id,
                    audience=rules.element_audience_of(element.hidden_at is not None, design.audience),
                ),
                actor.id,
            )
            element.deleted_seq = event.seq
            element.updated_at = utcnow()
            return Outcome.of({"id": element.id, "seq": event.seq}, event)
