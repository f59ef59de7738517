"""The supervision part of an archive as it arrives for import: projects with their plan, authors, visits with
observations, photos' metadata and sign-offs (see archive/payloads.py for the whole format)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, overload

from ..core import props as element_props
from ..core.facts import (
    DEFAULT_SHOWN_AS,
    MAX_CONDITIONS,
    MAX_NAME,
    MAX_NOTE,
    MAX_OBSERVATIONS,
    MAX_TITLE,
    SHOWN_AS,
    STATUSES,
)
from ..core.fields import Fields
from ..core.geo import KINDS
from ..supervision.payloads import _date

VERDICTS = ("accept", "object")
# The longest media type a photo row stores (its column's length).
MAX_MEDIA_TYPE = 20


class RowFields(Fields):
    """`Fields` of an archived row: its whole numbers must fit the database's Integer columns (at most
    `MAX_INTEGER`, as `Fields.integer` checks by default)."""


@overload
def _day(f: Fields, name: str, *, required: Literal[True]) -> str: ...
@overload
def _day(f: Fields, name: str, *, required: bool) -> str | None: ...


def _day(f: Fields, name: str, *, required: bool) -> str | None:
    # The live payloads' date check names the bare field: run it on a view without a place, then place its error.
    return f.placed(lambda: _date(Fields(f.data), name, required=required))


def _sha256(f: Fields, name: str) -> str:
    value = f.text(name, 64)
    # Photo files are found by this digest, so nothing but a digest may stand in a path.
    if not re.fullmatch(r"[0-9a-f]{64}", value):
        raise f.error(f"'{name}' must be 64 lower-case hexadecimal digits.")
    return value


@dataclass(frozen=True)
class PlanElementRecord:
    """One element of a project's frozen plan."""

    element_id: str
    position: int
    kind: str
    geometry: dict
    note: str
    # As an element's (archive/payloads.py's ElementRecord): checked, or its kind's defaults in an archive made
    # before props.
    props: dict

    @classmethod
    def parse(cls, data: Any, where: str = "") -> PlanElementRecord:
        f = RowFields(data, where)
        kind = f.choice("kind", KINDS)
        return cls(
            element_id=f.uuid("element_id"),
            position=f.integer("position"),
            kind=kind,
            geometry=f.obj("geometry"),
            note=f.text("note", MAX_NOTE, required=False, allow_empty=True) or "",
            props=element_props.parse(kind, f.data.get("props"), where),
        )


@dataclass(frozen=True)
class AccessRecord:
    """An author's access to a project: who, whether it was revoked (keys and codes never travel), and how she
    appears in public (an archive made before that was asked: the default, never her full name)."""

    participant_id: str
    revoked_at: datetime | None
    shown_as: str = DEFAULT_SHOWN_AS

    @classmethod
    def parse(cls, data: Any, where: str = "") -> AccessRecord:
        f = RowFields(data, where)
        return cls(
            f.uuid("participant_id"),
            f.time("revoked_at", required=False),
            f.choice("shown_as", SHOWN_AS, required=False) or DEFAULT_SHOWN_AS,
        )


@dataclass(frozen=True)
class ObservationRecord:
    """What a visit found of one element, as recorded (with its effective status and deviation)."""

    id: str
    position: int
    element_id: str
    unplanned: bool
    kind: str
    status: str
    effective_status: str
    count: int | None
    note: str
    as_built: dict | None
    deviation: dict | None
    # The as-built props, checked against the kind observed; None (or absent, before props): the visit said nothing.
    props: dict | None

    @classmethod
    def parse(cls, data: Any, where: str = "") -> ObservationRecord:
        f = RowFields(data, where)
        kind = f.choice("kind", KINDS)
        found = f.data.get("props")
        return cls(
            id=f.uuid("id"),
            position=f.integer("position"),
            element_id=f.uuid("element_id"),
            unplanned=f.boolean("unplanned"),
            kind=kind,
            status=f.choice("status", STATUSES),
            effective_status=f.choice("effective_status", STATUSES),
            count=f.integer("count", maximum=element_props.MAX_GROUP, required=False),
            note=f.text("note", MAX_NOTE, required=False, allow_empty=True) or "",
            as_built=f.obj("as_built", required=False),
            deviation=f.obj("deviation", required=False),
            props=None if found is None else element_props.parse(kind, found, where, fill_defaults=False),
        )


@dataclass(frozen=True)
class VisitRecord:
    """A site visit with its observations."""

    id: str
    date: str
    notes: str
    conditions: str
    by_participant_id: str | None
    by_name: str
    created_at: datetime | None
    observations: tuple[ObservationRecord, ...]
    # Whether its notes may be read in public (an archive made before that was asked: they stay private).
    notes_public: bool = False

    @classmethod
    def parse(cls, data: Any, where: str = "") -> VisitRecord:
        f = RowFields(data, where)
        return cls(
            id=f.uuid("id"),
            date=_day(f, "date", required=True),
            notes=f.text("notes", MAX_NOTE, required=False, allow_empty=True) or "",
            conditions=f.text("conditions", MAX_CONDITIONS, required=False, allow_empty=True) or "",
            by_participant_id=f.uuid("by_participant_id", required=False),
            by_name=f.text("by_name", MAX_NAME, required=False, allow_empty=True) or "",
            created_at=f.time("created_at", required=False),
            observations=f.objects("observations", ObservationRecord.parse, max_length=MAX_OBSERVATIONS),
            notes_public=bool(f.boolean("notes_public", required=False)),
        )


@dataclass(frozen=True)
class PhotoRecord:
    """A photo's metadata (its file does not travel)."""

    id: str
    visit_id: str
    element_id: str
    upload_sha256: str
    stored_sha256: str
    media_type: str
    width: int
    height: int
    size_bytes: int
    lon: float | None
    lat: float | None
    created_at: datetime | None

    @classmethod
    def parse(cls, data: Any, where: str = "") -> PhotoRecord:
        f = RowFields(data, where)
        # A photo of the whole visit is of no element: stored as "".
        element_id = "" if f.data.get("element_id") in (None, "") else f.uuid("element_id")
        lon, lat = f.number("lon", required=False), f.number("lat", required=False)
        # The same rule as a live upload's GPS position: both or neither, on the Earth.
        if (lon is None) != (lat is None):
            raise f.error("'lon' and 'lat' come together or not at all.")
        if lon is not None and lat is not None and not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise f.error("'lon' must lie in [-180, 180] and 'lat' in [-90, 90].")
        return cls(
            id=f.uuid("id"),
            visit_id=f.uuid("visit_id"),
            element_id=element_id,
            upload_sha256=_sha256(f, "upload_sha256"),
            stored_sha256=_sha256(f, "stored_sha256"),
            media_type=f.text("media_type", MAX_MEDIA_TYPE),
            width=f.integer("width"),
            height=f.integer("height"),
            size_bytes=f.integer("size_bytes"),
            lon=lon,
            lat=lat,
            created_at=f.time("created_at", required=False),
        )


@dataclass(frozen=True)
class SignoffRecord:
    """An author's acceptance of, or objection to, a visit or an element."""

    id: str
    visit_id: str | None
    element_id: str | None
    participant_id: str
    author_name: str
    verdict: str
    comment: str
    created_at: datetime | None

    @classmethod
    def parse(cls, data: Any, where: str = "") -> SignoffRecord:
        f = RowFields(data, where)
        return cls(
            id=f.uuid("id"),
            visit_id=f.uuid("visit_id", required=False),
            element_id=f.uuid("element_id", required=False),
            participant_id=f.uuid("participant_id"),
            author_name=f.text("author_name", MAX_NAME),
            verdict=f.choice("verdict", VERDICTS),
            comment=f.text("comment", MAX_NOTE, required=False, allow_empty=True) or "",
            created_at=f.time("created_at", required=False),
        )


@dataclass(frozen=True)
class ProjectRecord:
    """A design adopted for construction, with its plan, authors, visits, photos and sign-offs."""

    id: str
    design_id: str
    title: str
    organisation: str
    contractor: str
    planned_start: str | None
    planned_completion: str | None
    created_at: datetime | None
    plan: tuple[PlanElementRecord, ...]
    authors: tuple[AccessRecord, ...]
    visits: tuple[VisitRecord, ...]
    photos: tuple[PhotoRecord, ...]
    signoffs: tuple[SignoffRecord, ...]

    @classmethod
    def parse(cls, data: Any, where: str = "") -> ProjectRecord:
        f = RowFields(data, where)
        return cls(
            id=f.uuid("id"),
            design_id=f.uuid("design_id"),
            title=f.text("title", MAX_TITLE),
            organisation=f.text("organisation", MAX_TITLE, required=False, allow_empty=True) or "",
            contractor=f.text("contractor", MAX_TITLE, required=False, allow_empty=True) or "",
            planned_start=_day(f, "planned_start", required=False),
            planned_completion=_day(f, "planned_completion", required=False),
            created_at=f.time("created_at", required=False),
            plan=f.objects("plan", PlanElementRecord.parse),
            authors=f.objects("authors", AccessRecord.parse, required=False),
            visits=f.objects("visits", VisitRecord.parse, required=False),
            photos=f.objects("photos", PhotoRecord.parse, required=False),
            signoffs=f.objects("signoffs", SignoffRecord.parse, required=False),
        )
