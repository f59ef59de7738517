"""How a project's rows read to clients: the plan with statuses, visits with their observations and photos,
sign-offs. People are named as the reader may see them, and a visit's notes are shown to the public only when its
author marked them public (public.py)."""

from __future__ import annotations

from typing import Any

from ..models.base import iso
from ..models.supervision import Observation, Photo, PlanElement, Signoff, Visit
from .public import People


def visit_view(visit: Visit, photos: list[Photo], people: People) -> dict[str, Any]:
    """A visit: its notes (its own and its observations') whole for the project's supervisors, and for the public
    only when marked public (`notes_public`)."""
    shown = people.insider or visit.notes_public
    return {
        "id": visit.id,
        "date": visit.date,
        "notes": visit.notes if shown else "",
        "notes_public": visit.notes_public,
        "conditions": visit.conditions,
        "by": people.person(visit.by_participant_id, visit.by_name),
        "created_at": iso(visit.created_at),
        "observations": [observation_view(o, note_shown=shown) for o in visit.observations],
        "photos": [photo_view(p) for p in photos],
    }


def observation_view(observation: Observation, *, note_shown: bool) -> dict[str, Any]:
    """An observation, its note left empty where the reader may not read it."""
    return {
        "element_id": observation.element_id,
        "kind": observation.kind,
        "unplanned": observation.unplanned,
        "status": observation.status,
        "effective_status": observation.effective_status,
        "count": observation.count,
        "note": observation.note if note_shown else "",
        "as_built": observation.as_built,
        "props": observation.props,
        "deviation": observation.deviation,
    }


def plan_view(element: PlanElement, latest: Observation | None) -> dict[str, Any]:
    """A plan element as adopted, with what its latest observation found."""
    return {
        "element_id": element.element_id,
        "kind": element.kind,
        "geometry": element.geometry,
        "note": element.note,
        "measure": element.measure,
        "props": element.props or {},
        "status": latest.effective_status if latest else "planned",
        "as_built": latest.as_built if latest else None,
        "as_built_props": latest.props if latest else None,
        "deviation": latest.deviation if latest else None,
    }


def signoff_view(signoff: Signoff, people: People) -> dict[str, Any]:
    """An author's acceptance or objection, the author named as she chose."""
    return {
        "id": signoff.id,
        "visit_id": signoff.visit_id,
        "element_id": signoff.element_id,
        "author": people.person(signoff.participant_id, signoff.author_name),
        "verdict": signoff.verdict,
        "comment": signoff.comment,
        "created_at": iso(signoff.created_at),
    }


def photo_view(photo: Photo) -> dict[str, Any]:
    """A photo as clients see it: where to fetch it and its thumbnail, where it was taken."""
    return {
        "id": photo.id,
        "visit_id": photo.visit_id,
        "element_id": photo.element_id or None,
        "media_type": photo.media_type,
        "width": photo.width,
        "height": photo.height,
        "bytes": photo.size_bytes,
        "position": [photo.lon, photo.lat] if photo.lon is not None else None,
        "url": f"/api/projects/{photo.project_id}/photos/{photo.id}",
        "thumbnail_url": f"/api/projects/{photo.project_id}/photos/{photo.id}/thumbnail",
        "created_at": iso(photo.created_at),
    }
