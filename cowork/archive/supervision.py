"""The supervision part of a workshop archive: projects with their plan, visits, photos' metadata, sign-offs.

Keys and recovery codes never travel: imported authors get their access back when the facilitator reissues codes.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..core import changes
from ..core.tokens import new_token, token_hash
from ..models.base import iso
from ..models.supervision import Observation, Photo, PlanElement, Project, Signoff, SupervisionAccess, Visit
from .supervision_payloads import ProjectRecord


def export_projects(session: Session, workshop_id: str) -> list[dict[str, Any]]:
    """Every project adopted from a workshop, as archive JSON."""
    projects = session.scalars(
        select(Project)
        .where(Project.workshop_id == workshop_id)
        .options(selectinload(Project.plan))
        .order_by(Project.created_at)
    ).all()
    out = []
    for project in projects:
        visits = session.scalars(
            select(Visit)
            .where(Visit.project_id == project.id)
            .options(selectinload(Visit.observations))
            .order_by(Visit.created_at)
        ).all()
        photos = session.scalars(select(Photo).where(Photo.project_id == project.id).order_by(Photo.created_at)).all()
        signoffs = session.scalars(
            select(Signoff).where(Signoff.project_id == project.id).order_by(Signoff.created_at)
        ).all()
        access = session.scalars(select(SupervisionAccess).where(SupervisionAccess.project_id == project.id)).all()
        out.append(
            {
                "id": project.id,
                "design_id": project.design_id,
                "title": project.title,
                "organisation": project.organisation,
                "contractor": project.contractor,
                "planned_start": project.planned_start,
                "planned_completion": project.planned_completion,
                "created_at": iso(project.created_at),
                "plan": [
                    {
                        "element_id": e.element_id,
                        "position": e.position,
                        "kind": e.kind,
                        "geometry": e.geometry,
                        "note": e.note,
                        "props": e.props or {},
                    }
                    for e in project.plan
                ],
                "authors": [
                    {"participant_id": a.participant_id, "revoked_at": iso(a.revoked_at), "shown_as": a.shown_as}
                    for a in access
                ],
                "visits": [
                    {
                        "id": v.id,
                        "date": v.date,
                        "notes": v.notes,
                        "conditions": v.conditions,
                        "by_participant_id": v.by_participant_id,
                        "by_name": v.by_name,
                        "created_at": iso(v.created_at),
                        "notes_public": v.notes_public,
                        "observations": [
                            {
                                "id": o.id,
                                "position": o.position,
                                "element_id": o.element_id,
                                "unplanned": o.unplanned,
                                "kind": o.kind,
                                "status": o.status,
                                "effective_status": o.effective_status,
                                "count": o.count,
                                "note": o.note,
                                "as_built": o.as_built,
                                "deviation": o.deviation,
                                "props": o.props,
                            }
                            for o in v.observations
                        ],
                    }
                    for v in visits
                ],
                "photos": [
                    {
                        "id": p.id,
                        "visit_id": p.visit_id,
                        "element_id": p.element_id,
                        "upload_sha256": p.upload_sha256,
                        "stored_sha256": p.stored_sha256,
                        "media_type": p.media_type,
                        "width": p.width,
                        "height": p.height,
                        "size_bytes": p.size_bytes,
                        "lon": p.lon,
                        "lat": p.lat,
                        "created_at": iso(p.created_at),
                    }
                    for p in photos
                ],
                "signoffs": [
                    {
                        "id": s.id,
                        "visit_id": s.visit_id,
                        "element_id": s.element_id,
                        "participant_id": s.participant_id,
                        "author_name": s.author_name,
                        "verdict": s.verdict,
                        "comment": s.comment,
                        "created_at": iso(s.created_at),
                    }
                    for s in signoffs
                ],
            }
        )
    return out


def import_projects(
    session: Session,
    workshop_id: str,
    projects: tuple[ProjectRecord, ...],
    measures: dict[tuple[str, str], dict[str, float]],
) -> None:
    """Recreate archived projects under a new workshop (ids kept, photo files not included, access to be reissued);
    `measures` holds each plan element's measure by (project id, element id)."""
    for p in projects:
        changes.project_changed(session, p.id)
        session.add(
            Project(
                id=p.id,
                workshop_id=workshop_id,
                design_id=p.design_id,
                title=p.title,
                organisation=p.organisation,
                contractor=p.contractor,
                planned_start=p.planned_start,
                planned_completion=p.planned_completion,
                created_at=p.created_at,
                plan=[
                    PlanElement(
                        element_id=e.element_id,
                        position=e.position,
                        kind=e.kind,
                        geometry=e.geometry,
                        note=e.note,
                        measure=measures[(p.id, e.element_id)],
                        props=e.props,
                    )
                    for e in p.plan
                ],
            )
        )
        session.flush()
        for author in p.authors:
            session.add(
                SupervisionAccess(
                    id=str(uuid.uuid4()),
                    project_id=p.id,
                    participant_id=author.participant_id,
                    key_hash=token_hash(new_token()),
                    recovery_hash=token_hash(new_token()),
                    revoked_at=author.revoked_at,
                    shown_as=author.shown_as,
                )
            )
        for v in p.visits:
            session.add(
                Visit(
                    id=v.id,
                    project_id=p.id,
                    date=v.date,
                    notes=v.notes,
                    conditions=v.conditions,
                    by_participant_id=v.by_participant_id,
                    by_name=v.by_name,
                    created_at=v.created_at,
                    notes_public=v.notes_public,
                    observations=[
                        Observation(
                            id=o.id,
                            position=o.position,
                            element_id=o.element_id,
                            unplanned=o.unplanned,
                            kind=o.kind,
                            status=o.status,
                            effective_status=o.effective_status,
                            count=o.count,
                            note=o.note,
                            as_built=o.as_built,
                            deviation=o.deviation,
                            props=o.props,
                        )
                        for o in v.observations
                    ],
                )
            )
        session.flush()
        for ph in p.photos:
            session.add(
                Photo(
                    id=ph.id,
                    project_id=p.id,
                    visit_id=ph.visit_id,
                    element_id=ph.element_id,
                    upload_sha256=ph.upload_sha256,
                    stored_sha256=ph.stored_sha256,
                    media_type=ph.media_type,
                    width=ph.width,
                    height=ph.height,
                    size_bytes=ph.size_bytes,
                    lon=ph.lon,
                    lat=ph.lat,
                    created_at=ph.created_at,
                )
            )
        for s in p.signoffs:
            session.add(
                Signoff(
                    id=s.id,
                    project_id=p.id,
                    visit_id=s.visit_id,
                    element_id=s.element_id,
                    participant_id=s.participant_id,
                    author_name=s.author_name,
                    verdict=s.verdict,
                    comment=s.comment,
                    created_at=s.created_at,
                )
            )
