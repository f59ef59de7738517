"""Incoming messages of construction supervision, validated on arrival (see payloads.py for the pattern)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, overload

from ..core import props as element_props
from ..core.facts import MAX_CONDITIONS, MAX_NOTE, MAX_OBSERVATIONS, MAX_RECOVERY_CODE, MAX_TITLE, SHOWN_AS, STATUSES
from ..core.fields import Fields
from ..errors import invalid

# More than a design ever has authors (every participant of a workshop may co-author it).
MAX_AUTHORS_SHOWN = 1000


@overload
def _date(f: Fields, name: str, *, required: Literal[True]) -> str: ...
@overload
def _date(f: Fields, name: str, *, required: bool) -> str | None: ...


def _date(f: Fields, name: str, *, required: bool) -> str | None:
    value = f.text(name, 10, required=required)
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise invalid(f"'{name}' must be a date as YYYY-MM-DD.")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise invalid(f"'{name}' is not a real date.") from None
    return value


def _shown_as(f: Fields) -> dict[str, str]:
    """`shown_as`: `{participant id: "name" | "initials" | "author"}`, the ids in canonical form."""
    choices = f.obj("shown_as", required=False) or {}
    if len(choices) > MAX_AUTHORS_SHOWN:
        raise invalid(f"'shown_as' may name at most {MAX_AUTHORS_SHOWN} authors.")
    shown = {}
    for author, choice in choices.items():
        try:
            author_id = str(uuid.UUID(author))
        except ValueError:
            raise invalid("'shown_as' names authors by their participant ids.") from None
        if choice not in SHOWN_AS:
            raise invalid(f"'shown_as.{author_id}' must be one of: {', '.join(SHOWN_AS)}.")
        shown[author_id] = choice
    return shown


@dataclass(frozen=True)
class ProjectCreate:
    """`POST /api/workshops/<id>/projects`: the facilitator adopts a design for construction."""

    design_id: str
    title: str
    organisation: str
    contractor: str
    planned_start: str | None
    planned_completion: str | None
    # How each author appears in public, by participant id (facts.SHOWN_AS); an author not named: the default.
    shown_as: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, data: Any) -> ProjectCreate:
        f = Fields(data)
        project = cls(
            design_id=f.uuid("design_id"),
            title=f.text("title", MAX_TITLE),
            organisation=f.text("organisation", MAX_TITLE, required=False, allow_empty=True) or "",
            contractor=f.text("contractor", MAX_TITLE, required=False, allow_empty=True) or "",
            planned_start=_date(f, "planned_start", required=False),
            planned_completion=_date(f, "planned_completion", required=False),
            shown_as=_shown_as(f),
        )
        if project.planned_start and project.planned_completion and project.planned_completion < project.planned_start:
            raise invalid("'planned_completion' comes before 'planned_start'.")
        return project


@dataclass(frozen=True)
class ObservationIn:
    """One observation of a visit: a plan element's status, or (`kind`, no `element_id`) an unplanned addition."""

    element_id: str | None
    kind: str | None
    status: str
    as_built: dict | None
    count: int | None
    note: str
    # The props found on the ground (species planted, count alive), as a whole; None: the visit says nothing of
    # them. Checked here for an addition, whose kind the payload names; against the plan's kind by the service.
    props: dict | None = None

    @classmethod
    def parse(cls, data: Any) -> ObservationIn:
        from ..core.geo import KINDS

        f = Fields(data)
        observation = cls(
            element_id=f.uuid("element_id", required=False),
            kind=f.choice("kind", KINDS, required=False),
            status=f.choice("status", STATUSES),
            as_built=f.obj("as_built", required=False),
            count=f.integer("count", minimum=0, maximum=element_props.MAX_GROUP, required=False),
            note=f.text("note", MAX_NOTE, required=False, allow_empty=True) or "",
            props=f.obj("props", required=False),
        )
        if observation.element_id is None and (observation.kind is None or observation.as_built is None):
            raise invalid("An unplanned addition needs its 'kind' and its 'as_built' geometry.")
        if observation.element_id is None and observation.kind is not None and observation.props is not None:
            element_props.parse(observation.kind, observation.props, fill_defaults=False)
        return observation


@dataclass(frozen=True)
class VisitCreate:
    """`POST /api/projects/<id>/visits`: a site visit with its observations."""

    id: str | None
    date: str
    notes: str
    conditions: str
    observations: tuple[ObservationIn, ...]
    # Whether the visit's notes (its own and its observations') may be read in public; else they stay its supervisors'.
    notes_public: bool = False

    @classmethod
    def parse(cls, data: Any) -> VisitCreate:
        f = Fields(data)
        raw = f.data.get("observations", [])
        if not isinstance(raw, list) or len(raw) > MAX_OBSERVATIONS:
            raise invalid(f"'observations' must be a list of at most {MAX_OBSERVATIONS}.")
        return cls(
            id=f.uuid("id", required=False),
            date=_date(f, "date", required=True),
            notes=f.text("notes", MAX_NOTE, required=False, allow_empty=True) or "",
            conditions=f.text("conditions", MAX_CONDITIONS, required=False, allow_empty=True) or "",
            observations=tuple(ObservationIn.parse(item) for item in raw),
            notes_public=bool(f.boolean("notes_public", required=False)),
        )


@dataclass(frozen=True)
class SignoffCreate:
    """`POST /api/projects/<id>/signoffs`: an author accepts or objects to a visit or an element."""

    verdict: str
    comment: str
    visit_id: str | None = None
    element_id: str | None = None

    @classmethod
    def parse(cls, data: Any) -> SignoffCreate:
        f = Fields(data)
        visit_id, element_id = f.uuid("visit_id", required=False), f.uuid("element_id", required=False)
        if (visit_id is None) == (element_id is None):
            raise invalid("Name either 'visit_id' or 'element_id'.")
        return cls(
            f.choice("verdict", ("accept", "object")),
            f.text("comment", MAX_NOTE, required=False, allow_empty=True) or "",
            visit_id,
            element_id,
        )


@dataclass(frozen=True)
class ClaimRequest:
    """`POST /api/projects/<id>/claim`: an author asks for a new supervision key on a device. A key was made for
    her at adoption already, so a new one replaces it: `replace` must say so (the old link then stops working)."""

    replace: bool

    @classmethod
    def parse(cls, data: Any) -> ClaimRequest:
        return cls(bool(Fields(data).boolean("replace", required=False)))


@dataclass(frozen=True)
class RecoveryRequest:
    """`POST /api/supervision/recover`: an author's recovery code, in canonical form (upper case, no separators)."""

    code: str

    @classmethod
    def parse(cls, data: Any) -> RecoveryRequest:
        code = Fields(data).text("code", MAX_RECOVERY_CODE)
        normalized = "".join(ch for ch in code.upper() if ch.isalnum())
        if len(normalized) < 4:
            raise invalid("'code' must be a recovery code.")
        return cls(normalized)


@dataclass(frozen=True)
class PhotoUpload:
    """`POST /api/projects/<id>/visits/<vid>/photos`: one image, optionally of one plan element."""

    visit_id: str
    element_id: str | None
    content: bytes
    filename: str

    @classmethod
    def parse(cls, visit_id: str, form: Any, files: Any) -> PhotoUpload:
        upload = files.get("file")
        if upload is None:
            raise invalid("Send the photo as the multipart field 'file'.")
        # An id that names nothing of the project is `not_found` later, as for any unknown element.
        element_id = Fields({"element_id": form.get("element_id") or None}).text("element_id", 36, required=False)
        return cls(visit_id, element_id, upload.read(), (upload.filename or "")[:200])
