"""The workshop archive: everything of a workshop as JSON (no secrets), and its import into another instance."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..core import changes, geo, rules
from ..core.events import JoinCodeChanged
from ..core.identities import Identity
from ..core.tokens import new_token, token_hash
from ..errors import CoworkError, forbidden, invalid
from ..models.base import iso
from ..models.workshop import Comment, Design, DesignAuthor, Element, Event, Participant, Vote, Workshop
from ..service import Service
from ..workshop.state import load_state
from ..workshop.workshops import new_join_code
from .payloads import ARCHIVE_FORMAT, ARCHIVE_VERSION, ArchiveIn
from .supervision import export_projects, import_projects
from .supervision_payloads import ObservationRecord


def _hidden(row) -> dict[str, Any]:
    return {"hidden_at": iso(row.hidden_at), "hidden_reason": row.hidden_reason}


def _archived_data(event: Event) -> dict[str, Any]:
    # Archives carry no access: a logged join code would let whoever holds the file into the original workshop.
    return {**event.data, "join_code": ""} if event.type == JoinCodeChanged.name else event.data


def _check_observed_kind(
    observation: ObservationRecord, planned_kinds: dict[str, str], added_kinds: dict[str, str], where: str
) -> None:
    """An observation is of what it names, as a live visit's is: a plan element's own kind (its as-built shape and
    props were checked against the kind it states), or an unplanned addition's, whose id is not the plan's and
    whose kind stays the same from visit to visit. Readers trust this (the city map reads a lane's as-built line)."""
    planned = planned_kinds.get(observation.element_id)
    if observation.unplanned:
        if planned is not None:
            raise invalid(f"Archive: {where}: an unplanned addition's 'element_id' is one of the plan's.")
        first = added_kinds.setdefault(observation.element_id, observation.kind)
        if first != observation.kind:
            raise invalid(f"Archive: {where}: 'kind' {observation.kind!r} differs from the addition's {first!r}.")
        return
    if planned is None:
        raise invalid(
            f"Archive: {where}: 'element_id' names no element of the project's plan (and it is not 'unplanned')."
        )
    if observation.kind != planned:
        raise invalid(f"Archive: {where}: 'kind' {observation.kind!r} differs from the plan element's {planned!r}.")


class ArchiveService(Service):
    """Export a whole workshop for the facilitator, and import one as a new workshop."""

    def export(self, workshop_id: str, identity: Identity) -> dict[str, Any]:
        """The archive of a workshop (facilitator only): workshop, people (no tokens), designs, elements, votes,
        comments, log."""
        if not identity.is_facilitator or identity.workshop_id != workshop_id:
            raise forbidden("Only the workshop's facilitator may download its archive.")
        with self.db.read() as session:
            workshop = self.load_workshop(session, workshop_id)
            state = load_state(session, workshop)
            participants = session.scalars(
                select(Participant).where(Participant.workshop_id == workshop_id).order_by(Participant.created_at)
            ).all()
            elements = session.scalars(
                select(Element).where(Element.workshop_id == workshop_id).order_by(Element.created_seq)
            ).all()
            events = session.scalars(select(Event).where(Event.workshop_id == workshop_id).order_by(Event.seq)).all()
            return {
                "format": ARCHIVE_FORMAT,
                "version": ARCHIVE_VERSION,
                "workshop": {
                    "id": workshop.id,
                    "title": workshop.title,
                    "site_name": workshop.site_name,
                    "boundary": workshop.boundary,
                    "phase": workshop.phase,
                    "seq": workshop.seq,
                    "settings": rules.settings_of(workshop),
                    "timer_ends_at": iso(workshop.timer_ends_at),
                    "created_at": iso(workshop.created_at),
                },
                "participants": [
                    {
                        "id": p.id,
                        "name": p.name,
                        "role": p.role,
                        "created_at": iso(p.created_at),
                        "removed_at": iso(p.removed_at),
                    }
                    for p in participants
                ],
                "designs": [
                    {
                        "id": d.id,
                        "title": d.title,
                        "created_by": d.created_by,
                        "created_seq": d.created_seq,
                        "colour_index": d.colour_index,
                        "created_at": iso(d.created_at),
                        "authors": [
                            {"participant_id": a.participant_id, "joined_at": iso(a.joined_at)} for a in d.authors
                        ],
                        **_hidden(d),
                    }
                    for d in state.designs
                ],
                "elements": [
                    {
                        "id": e.id,
                        "design_id": e.design_id,
                        "kind": e.kind,
                        "geometry": e.geometry,
                        "note": e.note,
                        "author_id": e.author_id,
                        "version": e.version,
                        "created_seq": e.created_seq,
                        "deleted_seq": e.deleted_seq,
                        "created_at": iso(e.created_at),
                        "updated_at": iso(e.updated_at),
                        "props": e.props or {},
                        **_hidden(e),
                    }
                    for e in elements
                ],
                "votes": [
                    {
                        "participant_id": v.participant_id,
                        "design_id": v.design_id,
                        "count": v.count,
                        "updated_at": iso(v.updated_at),
                    }
                    for v in state.votes
                    if v.count > 0
                ],
                "comments": [
                    {
                        "id": c.id,
                        "design_id": c.design_id,
                        "element_id": c.element_id,
                        "author_id": c.author_id,
                        "text": c.text,
                        "created_seq": c.created_seq,
                        "created_at": iso(c.created_at),
                        **_hidden(c),
                    }
                    for c in state.comments
                ],
                "events": [
                    {
                        "seq": e.seq,
                        "type": e.type,
                        "data": _archived_data(e),
                        "actor_id": e.actor_id,
                        "audience": e.audience,
                        "at": iso(e.created_at),
                    }
                    for e in events
                ],
                "projects": export_projects(session, workshop_id),
            }

    @staticmethod
    def _checked_measure(site: geo.Site, kind: str, geometry: dict, where: str) -> dict[str, float]:
        """A geometry of the archive checked as a live edit would be, and its measure on the site's plane."""
        try:
            shape = geo.parse_element_geometry(kind, geometry)
            site.check(shape)
        except geo.GeometryError as exc:
            raise CoworkError(exc.code, f"Archive: {where}.geometry: {exc.message}") from None
        return site.measure(shape)

    def import_archive(self, request: ArchiveIn) -> dict[str, Any]:
        """Create a new workshop from an archive; ids of its parts are kept, so its exports equal the original's."""
        source = request.workshop
        try:
            site = geo.Site.from_geojson(source.boundary, float(self.settings.SITE_TOLERANCE_M))
        except geo.GeometryError as exc:
            raise CoworkError(exc.code, f"Archive: workshop.boundary: {exc.message}") from None
        # The same geometry and site rules as a live edit or a site visit: an archive is another door, not a way round.
        measures: dict[str, dict[str, float]] = {}
        for index, element in enumerate(request.elements):
            measures[element.id] = self._checked_measure(site, element.kind, element.geometry, f"elements[{index}]")
        plan_measures: dict[tuple[str, str], dict[str, float]] = {}
        for p_index, project in enumerate(request.projects):
            for e_index, planned in enumerate(project.plan):
                where = f"projects[{p_index}].plan[{e_index}]"
                plan_measures[(project.id, planned.element_id)] = self._checked_measure(
                    site, planned.kind, planned.geometry, where
                )
        for p_index, project in enumerate(request.projects):
            planned_kinds = {e.element_id: e.kind for e in project.plan}
            added_kinds: dict[str, str] = {}
            for v_index, visit in enumerate(project.visits):
                for o_index, observation in enumerate(visit.observations):
                    where = f"projects[{p_index}].visits[{v_index}].observations[{o_index}]"
                    _check_observed_kind(observation, planned_kinds, added_kinds, where)
                    if observation.as_built is None:
                        continue
                    try:
                        site.check(geo.parse_as_built(observation.kind, observation.as_built))
                    except geo.GeometryError as exc:
                        raise CoworkError(exc.code, f"Archive: {where}.as_built: {exc.message}") from None
        token = new_token()
        workshop_id = str(uuid.uuid4())
        try:
            with self.db.write() as session:
                workshop = Workshop(
                    id=workshop_id,
                    title=source.title,
                    site_name=source.site_name,
                    boundary=source.boundary,
                    join_code=new_join_code(),
                    phase=source.phase,
                    seq=source.seq,
                    settings={**rules.DEFAULT_SETTINGS, **source.settings},
                    timer_ends_at=source.timer_ends_at,
                    created_at=source.created_at,
                )
                session.add(workshop)
                session.flush()
                changes.workshop_changed(session, workshop.id)  # an imported closed workshop is published at once
                facilitator_seen = False
                for p in request.participants:
                    is_facilitator = p.role == "facilitator" and not facilitator_seen
                    facilitator_seen = facilitator_seen or is_facilitator
                    # Tokens never travel in archives: the facilitator gets a new one, participants none that works.
                    secret = token if is_facilitator else new_token()
                    session.add(
                        Participant(
                            id=p.id,
                            workshop_id=workshop_id,
                            name=p.name,
                            role="facilitator" if is_facilitator else "participant",
                            token_hash=token_hash(secret),
                            created_at=p.created_at,
                            removed_at=p.removed_at,
                        )
                    )
                if not facilitator_seen:
                    raise invalid("Archive: it has no facilitator.")
                session.flush()
                for d in request.designs:
                    session.add(
                        Design(
                            id=d.id,
                            workshop_id=workshop_id,
                            title=d.title,
                            created_by=d.created_by,
                            created_seq=d.created_seq,
                            colour_index=d.colour_index,
                            created_at=d.created_at,
                            hidden_at=d.hidden_at,
                            hidden_reason=d.hidden_reason,
                            authors=[
                                DesignAuthor(participant_id=a.participant_id, joined_at=a.joined_at) for a in d.authors
                            ],
                        )
                    )
                session.flush()
                for e in request.elements:
                    session.add(
                        Element(
                            id=e.id,
                            workshop_id=workshop_id,
                            design_id=e.design_id,
                            kind=e.kind,
                            geometry=e.geometry,
                            note=e.note,
                            author_id=e.author_id,
                            version=e.version,
                            created_seq=e.created_seq,
                            deleted_seq=e.deleted_seq,
                            created_at=e.created_at,
                            updated_at=e.updated_at,
                            hidden_at=e.hidden_at,
                            hidden_reason=e.hidden_reason,
                            measure=measures[e.id],
                            props=e.props,
                        )
                    )
                session.flush()
                for c in request.comments:
                    session.add(
                        Comment(
                            id=c.id,
                            workshop_id=workshop_id,
                            design_id=c.design_id,
                            element_id=c.element_id,
                            author_id=c.author_id,
                            text=c.text,
                            created_seq=c.created_seq,
                            created_at=c.created_at,
                            hidden_at=c.hidden_at,
                            hidden_reason=c.hidden_reason,
                        )
                    )
                for v in request.votes:
                    session.add(
                        Vote(
                            participant_id=v.participant_id,
                            design_id=v.design_id,
                            workshop_id=workshop_id,
                            count=v.count,
                            updated_at=v.updated_at,
                        )
                    )
                for ev in request.events:
                    session.add(
                        Event(
                            workshop_id=workshop_id,
                            seq=ev.seq,
                            type=ev.type,
                            data=ev.data,
                            actor_id=ev.actor_id,
                            audience=None if ev.audience is None else list(ev.audience),
                            created_at=ev.at,
                        )
                    )
                session.flush()
                import_projects(session, workshop_id, request.projects, plan_measures)
                summary = {
                    "id": workshop_id,
                    "join_code": workshop.join_code,
                    "phase": source.phase,
                    "title": workshop.title,
                }
        except IntegrityError:
            raise CoworkError(
                "conflict", "This archive's designs or elements already exist here (imported before?)."
            ) from None
        return {**summary, "facilitator_token": token, "facilitator_url": f"/w/{workshop_id}#token={token}"}
