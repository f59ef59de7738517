"""Construction supervision: adopting designs, authors' access, site visits with deviations, sign-offs, summaries."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..core import changes, geo
from ..core import props as element_props
from ..core.events import Outcome, ProjectAdopted
from ..core.facts import DEFAULT_SHOWN_AS, SHAPED_STATUSES
from ..core.identities import Identity, Supervisor
from ..core.tokens import new_code, new_token, recovery_hash, token_hash
from ..errors import CoworkError, forbidden, not_found
from ..models.base import iso, utcnow
from ..models.supervision import Observation, Photo, PlanElement, Project, Signoff, SupervisionAccess, Visit
from ..models.workshop import Design, DesignAuthor, Element, Participant, Workshop
from ..service import Service
from .payloads import ClaimRequest, ProjectCreate, RecoveryRequest, SignoffCreate, VisitCreate
from .progress import chronological, green_ledger, latest_measured, latest_observations, progress
from .public import People, public_notes
from .views import observation_view, plan_view, signoff_view, visit_view

RECOVERY_CODE_LENGTH = 10
# Statuses under which an element keeps the as-built shape last measured when a visit brings no new one.
CARRIES_SHAPE = SHAPED_STATUSES


def _new_recovery_code() -> str:
    return new_code(RECOVERY_CODE_LENGTH)


class SupervisionService(Service):
    """Everything after the workshop: the adopted plan, the visits, and what they add up to."""

    # ---------------------------------------------------------------- adoption and access

    def adopt(self, identity: Identity, workshop_id: str, request: ProjectCreate) -> Outcome:
        """The facilitator adopts a design of a closed workshop: the plan is frozen, every author gets access, and
        the workshop's tablets hear of it (`project:adopted`) so authors can claim their link there."""
        if not identity.facilitates(workshop_id):
            raise forbidden("Only the workshop's facilitator adopts designs.")
        with self.db.write() as session:
            workshop = self.load_workshop(session, workshop_id, lock=True)
            if workshop.phase != "closed":
                raise CoworkError("phase", "Designs are adopted after the workshop is closed.")
            design = session.scalars(
                select(Design)
                .where(Design.id == request.design_id)
                .options(selectinload(Design.authors).selectinload(DesignAuthor.participant))
            ).first()
            if design is None or design.workshop_id != workshop_id or design.hidden_at is not None:
                raise not_found("design")
            strangers = set(request.shown_as) - {a.participant_id for a in design.authors}
            if strangers:
                raise CoworkError("invalid", f"'shown_as' names someone who is not an author: {sorted(strangers)[0]}.")
            elements = session.scalars(
                select(Element)
                .where(Element.design_id == design.id, Element.deleted_seq.is_(None), Element.hidden_at.is_(None))
                .order_by(Element.created_seq)
            ).all()
            project = Project(
                id=str(uuid.uuid4()),
                workshop_id=workshop_id,
                design_id=design.id,
                title=request.title,
                organisation=request.organisation,
                contractor=request.contractor,
                planned_start=request.planned_start,
                planned_completion=request.planned_completion,
                created_at=utcnow(),
                plan=[
                    PlanElement(
                        element_id=e.id,
                        position=i,
                        kind=e.kind,
                        geometry=e.geometry,
                        note=e.note,
                        measure=e.measure,
                        props=dict(e.props or {}),
                    )
                    for i, e in enumerate(elements)
                ],
            )
            session.add(project)
            changes.project_changed(session, project.id)
            access = []
            # A participant the facilitator removed keeps no say in the workshop, nor in what is built from it.
            for author in (a for a in design.authors if a.participant.removed_at is None):
                key, code = new_token(), _new_recovery_code()
                shown_as = request.shown_as.get(author.participant_id, DEFAULT_SHOWN_AS)
                session.add(
                    SupervisionAccess(
                        id=str(uuid.uuid4()),
                        project_id=project.id,
                        participant_id=author.participant_id,
                        key_hash=token_hash(key),
                        recovery_hash=recovery_hash(code),
                        shown_as=shown_as,
                    )
                )
                access.append(
                    {
                        "author_id": author.participant_id,
                        "name": author.participant.name,
                        "shown_as": shown_as,
                        "key": key,
                        "recovery_code": code,
                        "link": f"/p/{project.id}/supervise#key={key}",
                    }
                )
            event = self.record(
                session,
                workshop,
                ProjectAdopted(
                    workshop_id=workshop.id,
                    project={"id": project.id, "title": project.title, "design_id": design.id},
                ),
                identity.participant_id,
            )
            return Outcome.of({"id": project.id, "title": project.title, "access": access, "seq": event.seq}, event)

    def claim(self, identity: Identity, project_id: str, request: ClaimRequest) -> dict[str, Any]:
        """An author, with their workshop identity, replaces their key with a fresh one (the old one stops working).

        Every author has a key from adoption on (the facilitator was given its link), so a claim always replaces
        one: without `replace` it is refused (`conflict`), and no client kills a link that someone keeps unasked."""
        with self.db.write() as session:
            project = self._project(session, project_id)
            access = session.scalars(
                select(SupervisionAccess).where(
                    SupervisionAccess.project_id == project_id,
                    SupervisionAccess.participant_id == identity.participant_id,
                )
            ).first()
            if identity.workshop_id != project.workshop_id or access is None:
                raise forbidden("Only the authors of the adopted design claim supervision access.")
            if access.revoked_at is not None:
                raise forbidden("Your supervision access was revoked by the facilitator.")
            if not request.replace:
                raise CoworkError(
                    "conflict",
                    "A supervision link was already made for you (at adoption, with your recovery code or on another "
                    "device). Send 'replace': true for a new one; the old link then stops working.",
                )
            key = new_token()
            access.key_hash = token_hash(key)
            return {"project_id": project_id, "key": key, "link": f"/p/{project_id}/supervise#key={key}"}

    def recover(self, request: RecoveryRequest) -> dict[str, Any]:
        """An author who lost their link gives their recovery code and gets a fresh key."""
        with self.db.write() as session:
            access = session.scalars(
                select(SupervisionAccess).where(SupervisionAccess.recovery_hash == recovery_hash(request.code))
            ).first()
            if (
                access is None
                or access.revoked_at is not None
                or session.get_one(Participant, access.participant_id).removed_at is not None
            ):
                raise not_found("recovery code")
            key = new_token()
            access.key_hash = token_hash(key)
            return {"project_id": access.project_id, "key": key, "link": f"/p/{access.project_id}/supervise#key={key}"}

    def reissue(self, supervisor: Supervisor, author_id: str) -> dict[str, Any]:
        """The facilitator gives an author a new recovery code (and lifts a revocation: the revoked key stays dead,
        the author gets a new one by redeeming the code)."""
        access = self._access_for_facilitator(supervisor, author_id)
        code = _new_recovery_code()
        with self.db.write() as session:
            row = session.get_one(SupervisionAccess, access)
            row.recovery_hash = recovery_hash(code)
            if row.revoked_at is not None:
                row.key_hash = token_hash(new_token())  # a key nobody holds, until the code is redeemed
                row.revoked_at = None
        return {"author_id": author_id, "recovery_code": code}

    def revoke(self, supervisor: Supervisor, author_id: str) -> dict[str, Any]:
        """The facilitator revokes an author's access: key and recovery code stop working."""
        access = self._access_for_facilitator(supervisor, author_id)
        with self.db.write() as session:
            session.get_one(SupervisionAccess, access).revoked_at = utcnow()
        return {"author_id": author_id, "revoked": True}

    def _access_for_facilitator(self, supervisor: Supervisor, author_id: str) -> str:
        if not supervisor.is_facilitator:
            raise forbidden("Only the facilitator manages supervision access.")
        with self.db.read() as session:
            access = session.scalars(
                select(SupervisionAccess).where(
                    SupervisionAccess.project_id == supervisor.project_id, SupervisionAccess.participant_id == author_id
                )
            ).first()
            if access is None:
                raise not_found("author of this project")
            return access.id

    # ---------------------------------------------------------------- visits and sign-offs

    def record_visit(self, supervisor: Supervisor, request: VisitCreate) -> dict[str, Any]:
        """A visit with its observations; each as-built shape gets its deviation and effective status."""
        tolerance_m = float(self.settings.DEVIATION_TOLERANCE_M)
        tolerance_pct = float(self.settings.DEVIATION_TOLERANCE_PCT)
        with self.db.write() as session:
            project = self._project(session, supervisor.project_id)
            existing = None if request.id is None else session.get(Visit, request.id)
            if existing is not None:
                if existing.project_id != project.id:
                    raise CoworkError("conflict", "That visit id is already used.")
                people = self._people(session, project, self._design(session, project), insider=True)
                return visit_view(existing, [], people)  # a retried submission: the visit as first recorded
            site = self.site_of(self.load_workshop(session, project.workshop_id))
            plan = {e.element_id: e for e in project.plan}
            previous = latest_measured(self._visits(session, project.id))
            additions = {
                o.element_id: o for o in latest_observations(self._visits(session, project.id)).values() if o.unplanned
            }
            visit = Visit(
                id=request.id or str(uuid.uuid4()),
                project_id=project.id,
                date=request.date,
                notes=request.notes,
                conditions=request.conditions,
                by_participant_id=supervisor.participant_id,
                by_name=supervisor.name,
                created_at=utcnow(),
                notes_public=request.notes_public,
            )
            for position, item in enumerate(request.observations):
                visit.observations.append(
                    self._observation(item, position, plan, additions, previous, site, tolerance_m, tolerance_pct)
                )
            session.add(visit)
            changes.project_changed(session, project.id)
            session.flush()
            return visit_view(visit, [], self._people(session, project, self._design(session, project), insider=True))

    def _observation(self, item, position, plan, additions, previous, site, tolerance_m, tolerance_pct) -> Observation:
        if item.element_id is None:  # an unplanned addition
            element_id, kind, unplanned, designed = str(uuid.uuid4()), item.kind, True, None
        elif item.element_id in plan:
            element_id, kind, unplanned = item.element_id, plan[item.element_id].kind, False
            designed = geo.from_geojson(plan[item.element_id].geometry)
        elif item.element_id in additions:
            element_id, kind, unplanned, designed = item.element_id, additions[item.element_id].kind, True, None
        else:
            raise not_found(f"plan element {item.element_id}")
        as_built, deviation = None, None
        if item.as_built is not None:
            try:
                shape = geo.parse_as_built(kind, item.as_built)
                site.check(shape)
                if designed is not None:
                    deviation = geo.deviation(designed, shape, tolerance_m=tolerance_m, tolerance_pct=tolerance_pct)
            except geo.GeometryError as exc:
                raise CoworkError(exc.code, f"Observation {position + 1}: {exc.message}") from None
            as_built = geo.to_geojson(shape)
        elif item.status in CARRIES_SHAPE and element_id in previous:
            # Seen again without a new measurement: the last measured shape (and its deviation) still stands.
            as_built, deviation = previous[element_id].as_built, previous[element_id].deviation
        effective = item.status
        if item.status == "built" and deviation is not None and deviation["flagged"]:
            effective = "built_with_deviation"
        # As-built props are checked as a design element's, against the kind observed (the plan's, or the addition's).
        found = (
            None
            if item.props is None
            else element_props.parse(kind, item.props, f"Observation {position + 1}", fill_defaults=False)
        )
        return Observation(
            id=str(uuid.uuid4()),
            position=position,
            element_id=element_id,
            unplanned=unplanned,
            kind=kind,
            status=item.status,
            effective_status=effective,
            count=item.count,
            note=item.note,
            as_built=as_built,
            props=found,
            deviation=deviation,
        )

    def sign(self, supervisor: Supervisor, request: SignoffCreate) -> dict[str, Any]:
        """An author accepts or objects to a visit or an element, with a comment."""
        if supervisor.role != "author":
            raise forbidden("Sign-offs are the authors' voice; the facilitator records visits instead.")
        with self.db.write() as session:
            project = self._project(session, supervisor.project_id)
            if request.visit_id is not None:
                visit = session.get(Visit, request.visit_id)
                if visit is None or visit.project_id != project.id:
                    raise not_found("visit")
            elif request.element_id not in {e.element_id for e in project.plan}:
                raise not_found("plan element")
            signoff = Signoff(
                id=str(uuid.uuid4()),
                project_id=project.id,
                visit_id=request.visit_id,
                element_id=request.element_id,
                participant_id=supervisor.participant_id,
                author_name=supervisor.name,
                verdict=request.verdict,
                comment=request.comment,
                created_at=utcnow(),
            )
            session.add(signoff)
            return signoff_view(signoff, self._people(session, project, self._design(session, project), insider=True))

    # ---------------------------------------------------------------- reading

    def _project(self, session: Session, project_id: str) -> Project:
        project = session.scalars(
            select(Project).where(Project.id == project_id).options(selectinload(Project.plan))
        ).first()
        if project is None:
            raise not_found("project")
        return project

    @staticmethod
    def _visits(session: Session, project_id: str) -> list[Visit]:
        return list(
            session.scalars(
                select(Visit).where(Visit.project_id == project_id).options(selectinload(Visit.observations))
            )
        )

    def projects_of(self, workshop_id: str) -> list[dict[str, Any]]:
        """The projects adopted from a workshop (public)."""
        with self.db.read() as session:
            projects = session.scalars(
                select(Project).where(Project.workshop_id == workshop_id).order_by(Project.created_at)
            ).all()
            return [{"id": p.id, "title": p.title, "design_id": p.design_id} for p in projects]

    def summary(self, project_id: str, reader: Supervisor | None = None) -> dict[str, Any]:
        """The summary: plan with latest statuses, progress, green ledger, visits with photos, sign-offs. The public
        reads each author as she chose to be shown and only the notes marked public; the project's supervisors
        (`reader`: an author's key or the facilitator) read names and notes whole."""
        insider = reader is not None and reader.project_id == project_id
        moderator = insider and reader is not None and reader.is_facilitator
        with self.db.read() as session:
            project = self._project(session, project_id)
            workshop = session.get_one(Workshop, project.workshop_id)
            visits = self._visits(session, project_id)
            photos = session.scalars(
                select(Photo).where(Photo.project_id == project_id).order_by(Photo.created_at)
            ).all()
            signoffs = session.scalars(
                select(Signoff).where(Signoff.project_id == project_id).order_by(Signoff.created_at)
            ).all()
            design = self._design(session, project)
            people = self._people(session, project, design, insider=insider)
            latest = latest_observations(visits)
            readable = public_notes(visits)
            return {
                "id": project.id,
                "title": project.title,
                "organisation": project.organisation,
                "contractor": project.contractor,
                "planned_start": project.planned_start,
                "planned_completion": project.planned_completion,
                "created_at": iso(project.created_at),
                "workshop_id": project.workshop_id,
                "site_name": workshop.site_name,
                "boundary": workshop.boundary,
                "design_id": project.design_id,
                # A design the facilitator hid (even after its adoption) is hers alone to read, as in the workshop.
                "design_title": design.title if design.hidden_at is None or moderator else None,
                "authors": [
                    {"participant_id": a.participant_id, **people.person(a.participant_id)} for a in design.authors
                ],
                "plan": [plan_view(e, latest.get(e.element_id)) for e in project.plan],
                "additions": [
                    observation_view(o, note_shown=insider or o.id in readable) for o in latest.values() if o.unplanned
                ],
                "progress": progress(project.plan, visits),
                "green_ledger": green_ledger(project.plan, visits),
                "visits": [
                    visit_view(v, [p for p in photos if p.visit_id == v.id], people)
                    for v in reversed(chronological(visits))
                ],
                "signoffs": [signoff_view(s, people) for s in signoffs],
            }

    @staticmethod
    def _design(session: Session, project: Project) -> Design:
        """The adopted design with its authors and their participants loaded (a project's design always exists)."""
        return session.scalars(
            select(Design)
            .where(Design.id == project.design_id)
            .options(selectinload(Design.authors).selectinload(DesignAuthor.participant))
        ).one()

    @staticmethod
    def _people(session: Session, project: Project, design: Design, *, insider: bool) -> People:
        """The design's authors (numbered when several) as each chose to be shown, and the workshop's facilitator."""
        chosen = dict(
            session.execute(
                select(SupervisionAccess.participant_id, SupervisionAccess.shown_as).where(
                    SupervisionAccess.project_id == project.id
                )
            ).all()
        )
        facilitators = session.scalars(
            select(Participant).where(Participant.workshop_id == project.workshop_id, Participant.role == "facilitator")
        ).all()
        authors = [a.participant for a in design.authors]
        return People(
            names={p.id: p.name for p in [*authors, *facilitators]},
            shown_as=chosen,
            numbers={p.id: n for n, p in enumerate(authors, start=1)} if len(authors) > 1 else {},
            facilitators=frozenset(p.id for p in facilitators),
            insider=insider,
        )
