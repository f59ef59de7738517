"""Sketching: designs and their elements. Each call is one transaction that ends with an event in the log."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import geo, rules
from ..errors import CoworkError, forbidden, invalid, not_found
from ..events import DesignCreated, DesignUpdated, ElementAdded, ElementDeleted, ElementUpdated, Outcome
from ..identities import Identity
from ..models import Design, DesignAuthor, Element, Participant, Workshop, utcnow
from ..payloads import DesignCreate, DesignJoin, ElementAdd, ElementDelete, ElementUpdate
from .base import Service
from .views import design_view, element_view


def _geometry_error(exc: geo.GeometryError) -> CoworkError:
    return CoworkError(exc.code, exc.message)


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
                colour_index=session.scalar(select(func.count()).select_from(Design).where(Design.workshop_id == workshop.id)) or 0,
                created_at=utcnow(),
            )
            design.authors.append(DesignAuthor(participant_id=actor.id, participant=actor))
            session.add(design)
            event = self.record(session, workshop, DesignCreated(
                workshop_id=workshop.id, design=design_view(design), audience=rules.design_audience(workshop, design),
            ), actor.id)
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
            event = self.record(session, workshop, DesignUpdated(
                workshop_id=workshop.id, design=design_view(design), audience=rules.design_audience(workshop, design),
            ), actor.id)
            return Outcome.of({"design": event.design, "seq": event.seq}, event)

    # ------------------------------------------------------------- elements

    @staticmethod
    def _may_edit(actor: Participant, design: Design) -> None:
        if not actor.is_facilitator and not design.has_author(actor.id):
            raise forbidden("Only the authors of this design may change its elements.")

    def _load_element(self, session: Session, workshop_id: str, element_id: str) -> Element:
        element = session.get(Element, element_id)
        if element is None or element.workshop_id != workshop_id:
            raise not_found("element")
        return element

    def _editable_element(self, session: Session, identity: Identity, element_id: str) -> tuple[Participant, Workshop, Element, Design]:
        """The actor, the locked workshop and the element, once the actor may change that element."""
        actor = self.load_actor(session, identity)
        workshop = self.load_workshop(session, identity.workshop_id, lock=True)
        element = self._load_element(session, workshop.id, element_id)
        design = self.visible_design(session, workshop, actor, element.design_id)
        if element.hidden_at is not None and not actor.is_facilitator:
            raise not_found("element")
        self._may_edit(actor, design)
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

    def _place(self, workshop: Workshop, element: Element, shape: Any) -> None:
        """Write a checked geometry and its measure on the site's plane."""
        element.geometry = geo.to_geojson(shape)
        element.measure = self.site_of(workshop).measure(shape)

    @staticmethod
    def _check_palette(workshop: Workshop, kind: str) -> None:
        if kind not in rules.settings_of(workshop)["palette"]:
            raise invalid(f"'{kind}' is not offered in this workshop.")

    @staticmethod
    def _check_note(kind: str, note: str) -> None:
        if kind == "note" and not note:
            raise invalid("A note needs its text in 'note'.")

    def _checked_geometry(self, workshop: Workshop, kind: str, data: Any):
        try:
            shape = geo.parse_element_geometry(kind, data)
            self.site_of(workshop).check(shape)
        except geo.GeometryError as exc:
            raise _geometry_error(exc) from None
        return shape

    def add_element(self, identity: Identity, request: ElementAdd) -> Outcome:
        """Add an element to a design; a repeated id returns the element as it is now and logs nothing."""
        with self.db.write() as session:
            actor = self.load_actor(session, identity)
            workshop = self.load_workshop(session, identity.workshop_id, lock=True)
            existing = session.get(Element, request.id)
            if existing is not None:
                if existing.workshop_id != workshop.id:
                    raise CoworkError("conflict", "That element id is already used.")
                return Outcome.of({"element": element_view(existing), "seq": existing.created_seq})
            design = self.visible_design(session, workshop, actor, request.design_id)
            self._may_edit(actor, design)
            rules.require("sketch", actor.is_facilitator, workshop.phase)
            self._check_palette(workshop, request.kind)
            self._check_note(request.kind, request.note)
            shape = self._checked_geometry(workshop, request.kind, request.geometry)
            now = utcnow()
            element = Element(
                id=request.id,
                workshop_id=workshop.id,
                design_id=design.id,
                kind=request.kind,
                note=request.note,
                author_id=actor.id,
                version=1,
                created_seq=workshop.seq + 1,
                created_at=now,
                updated_at=now,
            )
            self._place(workshop, element, shape)
            session.add(element)
            event = self.record(session, workshop, ElementAdded(
                workshop_id=workshop.id, element=element_view(element),
                audience=rules.element_audience(workshop, design, element),
            ), actor.id)
            return Outcome.of({"element": event.element, "seq": event.seq}, event)

    def update_element(self, identity: Identity, request: ElementUpdate) -> Outcome:
        """Change an element's geometry, note or kind, if the sender saw its current version."""
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
                self._place(workshop, element, self._checked_geometry(workshop, kind, request.geometry))
            elif geo.GEOMETRY_TYPE_OF_KIND[kind] != element.geometry["type"]:
                raise invalid(f"A {kind} needs a {geo.GEOMETRY_TYPE_OF_KIND[kind]}; send a new geometry with it.")
            element.kind = kind
            element.note = note
            element.version += 1
            element.updated_at = utcnow()
            event = self.record(session, workshop, ElementUpdated(
                workshop_id=workshop.id, element=element_view(element),
                audience=rules.element_audience(workshop, design, element),
            ), actor.id)
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
            event = self.record(session, workshop, ElementDeleted(
                workshop_id=workshop.id, id=element.id, audience=rules.element_audience(workshop, design, element),
            ), actor.id)
            element.deleted_seq = event.seq
            element.updated_at = utcnow()
            return Outcome.of({"id": element.id, "seq": event.seq}, event)
