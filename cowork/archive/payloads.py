"""A workshop archive as it arrives for import, written down as types and checked at the door.

One frozen dataclass per record of the format `ArchiveService.export` writes. Each `parse` reads its object through
`Fields` with its place (`elements[3]`), so every refusal is `invalid` and says where. Times become naive UTC
datetimes here; geometries and event data stay JSON objects (geo checks the geometries in the service, against the
site, as it does for live edits). The supervision records are in archive/supervision_payloads.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..core import props as element_props
from ..core import rules
from ..core.facts import MAX_COMMENT, MAX_NAME, MAX_NOTE, MAX_REASON, MAX_TITLE
from ..core.fields import Fields
from ..core.geo import KINDS
from ..errors import CoworkError, invalid
from .supervision_payloads import ProjectRecord, RowFields

ARCHIVE_FORMAT = "cowork-archive"
ARCHIVE_VERSION = 1
ROLES = ("facilitator", "participant")
# The longest event type the log stores (its column's length).
MAX_EVENT_TYPE = 40


def _moderation(f: Fields) -> dict[str, Any]:
    # Designs, elements and comments carry the same two moderation fields.
    return {
        "hidden_at": f.time("hidden_at", required=False),
        "hidden_reason": f.text("hidden_reason", MAX_REASON, required=False, allow_empty=True),
    }


@dataclass(frozen=True)
class WorkshopRecord:
    """The archived workshop: its site, phase, sequence, settings and times (its id is not kept: an import is new)."""

    title: str
    site_name: str
    boundary: dict
    phase: str
    seq: int
    settings: dict
    timer_ends_at: datetime | None
    created_at: datetime | None

    @classmethod
    def parse(cls, data: Any, where: str = "workshop") -> WorkshopRecord:
        f = RowFields(data, where)
        settings = f.obj("settings", required=False)
        return cls(
            title=f.text("title", MAX_TITLE),
            site_name=f.text("site_name", MAX_TITLE),
            boundary=f.obj("boundary"),
            phase=f.choice("phase", rules.PHASES, required=False) or "sketching",
            seq=f.integer("seq"),
            # Checked as a facilitator's change of settings is; the service fills in the defaults.
            settings=Fields(settings, f"{where}.settings").placed(lambda: rules.validated_settings(settings))
            if settings
            else {},
            timer_ends_at=f.time("timer_ends_at", required=False),
            created_at=f.time("created_at", required=False),
        )


@dataclass(frozen=True)
class ParticipantRecord:
    """Someone in the workshop, by name and role (tokens never travel)."""

    id: str
    name: str
    role: str
    created_at: datetime | None
    removed_at: datetime | None

    @classmethod
    def parse(cls, data: Any, where: str = "") -> ParticipantRecord:
        f = RowFields(data, where)
        return cls(
            f.uuid("id"),
            f.text("name", MAX_NAME),
            f.choice("role", ROLES),
            f.time("created_at", required=False),
            f.time("removed_at", required=False),
        )


@dataclass(frozen=True)
class AuthorRecord:
    """A co-author of a design, since when."""

    participant_id: str
    joined_at: datetime | None

    @classmethod
    def parse(cls, data: Any, where: str = "") -> AuthorRecord:
        f = RowFields(data, where)
        return cls(f.uuid("participant_id"), f.time("joined_at", required=False))


@dataclass(frozen=True)
class DesignRecord:
    """A design with its authors and its moderation."""

    id: str
    title: str
    created_by: str
    created_seq: int
    colour_index: int
    created_at: datetime | None
    authors: tuple[AuthorRecord, ...]
    hidden_at: datetime | None
    hidden_reason: str | None

    @classmethod
    def parse(cls, data: Any, where: str = "") -> DesignRecord:
        f = RowFields(data, where)
        colour_index = f.integer("colour_index", required=False)
        return cls(
            id=f.uuid("id"),
            title=f.text("title", MAX_TITLE),
            created_by=f.uuid("created_by"),
            created_seq=f.integer("created_seq"),
            colour_index=0 if colour_index is None else colour_index,
            created_at=f.time("created_at", required=False),
            authors=f.objects("authors", AuthorRecord.parse),
            **_moderation(f),
        )


@dataclass(frozen=True)
class ElementRecord:
    """An element of a design, deleted ones too (`deleted_seq`)."""

    id: str
    design_id: str
    kind: str
    geometry: dict
    note: str
    author_id: str
    version: int
    created_seq: int
    deleted_seq: int | None
    created_at: datetime | None
    updated_at: datetime | None
    hidden_at: datetime | None
    hidden_reason: str | None
    # Checked and normalised as a live edit's; an archive made before props has none: its kind's defaults.
    props: dict

    @classmethod
    def parse(cls, data: Any, where: str = "") -> ElementRecord:
        f = RowFields(data, where)
        kind = f.choice("kind", KINDS)
        return cls(
            id=f.uuid("id"),
            design_id=f.uuid("design_id"),
            kind=kind,
            geometry=f.obj("geometry"),
            note=f.text("note", MAX_NOTE, required=False, allow_empty=True) or "",
            author_id=f.uuid("author_id"),
            version=f.integer("version", minimum=1),
            created_seq=f.integer("created_seq"),
            deleted_seq=f.integer("deleted_seq", required=False),
            created_at=f.time("created_at", required=False),
            updated_at=f.time("updated_at", required=False),
            **_moderation(f),
            props=element_props.parse(kind, f.data.get("props"), where),
        )


@dataclass(frozen=True)
class VoteRecord:
    """The dots one participant put on one design."""

    participant_id: str
    design_id: str
    count: int
    updated_at: datetime | None

    @classmethod
    def parse(cls, data: Any, where: str = "") -> VoteRecord:
        f = RowFields(data, where)
        return cls(
            f.uuid("participant_id"), f.uuid("design_id"), f.integer("count"), f.time("updated_at", required=False)
        )


@dataclass(frozen=True)
class CommentRecord:
    """A comment on a design or on one of its elements."""

    id: str
    design_id: str
    element_id: str | None
    author_id: str
    text: str
    created_seq: int
    created_at: datetime | None
    hidden_at: datetime | None
    hidden_reason: str | None

    @classmethod
    def parse(cls, data: Any, where: str = "") -> CommentRecord:
        f = RowFields(data, where)
        return cls(
            id=f.uuid("id"),
            design_id=f.uuid("design_id"),
            element_id=f.uuid("element_id", required=False),
            author_id=f.uuid("author_id"),
            text=f.text("text", MAX_COMMENT),
            created_seq=f.integer("created_seq"),
            created_at=f.time("created_at", required=False),
            **_moderation(f),
        )


@dataclass(frozen=True)
class EventRecord:
    """One entry of the event log; its data is opaque here (an object, replayed as it was broadcast)."""

    seq: int
    type: str
    data: dict
    actor_id: str | None
    audience: tuple[str, ...] | None
    at: datetime | None

    @classmethod
    def parse(cls, data: Any, where: str = "") -> EventRecord:
        f = RowFields(data, where)
        return cls(
            seq=f.integer("seq"),
            type=f.text("type", MAX_EVENT_TYPE),
            data=f.obj("data"),
            actor_id=f.uuid("actor_id", required=False),
            # None is everyone; an empty list is nobody but the facilitator.
            audience=f.uuids("audience", required=False),
            at=f.time("at", required=False),
        )


@dataclass(frozen=True)
class ArchiveIn:
    """`POST /api/workshops/import`: a whole workshop archive (`format: "cowork-archive"`, version 1)."""

    workshop: WorkshopRecord
    participants: tuple[ParticipantRecord, ...]
    designs: tuple[DesignRecord, ...]
    elements: tuple[ElementRecord, ...]
    votes: tuple[VoteRecord, ...]
    comments: tuple[CommentRecord, ...]
    events: tuple[EventRecord, ...]
    projects: tuple[ProjectRecord, ...]

    @classmethod
    def parse(cls, data: Any) -> ArchiveIn:
        if not isinstance(data, dict) or data.get("format") != ARCHIVE_FORMAT:
            raise invalid(f"Not a cowork archive (its 'format' must be '{ARCHIVE_FORMAT}').")
        version = data.get("version")
        if isinstance(version, bool) or version != ARCHIVE_VERSION:
            raise invalid(f"Unsupported archive version {version!r}.")
        f = Fields(data)
        try:
            return cls(
                workshop=WorkshopRecord.parse(f.obj("workshop")),
                participants=f.objects("participants", ParticipantRecord.parse),
                designs=f.objects("designs", DesignRecord.parse),
                elements=f.objects("elements", ElementRecord.parse),
                votes=f.objects("votes", VoteRecord.parse),
                comments=f.objects("comments", CommentRecord.parse),
                events=f.objects("events", EventRecord.parse),
                projects=f.objects("projects", ProjectRecord.parse, required=False),
            )
        except CoworkError as exc:
            raise invalid(f"Archive: {exc.message}") from None
