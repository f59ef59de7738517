"""SQLAlchemy models of construction supervision: adopted projects, their frozen plan, access, visits, photos."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow


class Project(Base):
    """A design adopted for construction, with who builds it and when."""

    __tablename__ = "projects"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    design_id: Mapped[str] = mapped_column(ForeignKey("designs.id"))
    title: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    contractor: Mapped[str] = mapped_column(String(200), default="")
    planned_start: Mapped[str | None] = mapped_column(String(10), default=None)
    planned_completion: Mapped[str | None] = mapped_column(String(10), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    plan: Mapped[list[PlanElement]] = relationship(order_by="PlanElement.position", cascade="all, delete-orphan")


class PlanElement(Base):
    """A frozen copy of one design element at adoption: the reference that later edits cannot move."""

    __tablename__ = "plan_elements"

    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    element_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    geometry: Mapped[dict[str, Any]]
    note: Mapped[str] = mapped_column(Text, default="")
    # As the element's: its measure on the site's plane, frozen with it.
    measure: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The design element's props (cowork/core/props.py) as adopted.
    props: Mapped[dict[str, Any]] = mapped_column(default=dict)


class SupervisionAccess(Base):
    """An author's personal access to a project: a long key and a short recovery code, both stored hashed, and how
    she appears in public (`shown_as`, asked at adoption)."""

    __tablename__ = "supervision_access"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[str] = mapped_column(ForeignKey("participants.id"))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    recovery_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    # "name", "initials" or "author" (cowork/core/facts.py SHOWN_AS): on public pages, the report, exports.
    shown_as: Mapped[str] = mapped_column(String(10), default="initials")

    __table_args__ = (UniqueConstraint("project_id", "participant_id", name="uq_access_project_author"),)


class Visit(Base):
    """A site visit (inspection): when, who, notes and conditions, with its observations."""

    __tablename__ = "visits"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    date: Mapped[str] = mapped_column(String(10))
    notes: Mapped[str] = mapped_column(Text, default="")
    conditions: Mapped[str] = mapped_column(String(200), default="")
    by_participant_id: Mapped[str | None] = mapped_column(ForeignKey("participants.id"), default=None)
    by_name: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The visit's notes (its own and its observations') are its supervisors' unless the author marked them public.
    notes_public: Mapped[bool] = mapped_column(default=False)

    observations: Mapped[list[Observation]] = relationship(
        order_by="Observation.position", cascade="all, delete-orphan"
    )


class Observation(Base):
    """What a visit found of one plan element, or of something built that was not planned (an addition)."""

    __tablename__ = "observations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    element_id: Mapped[str] = mapped_column(String(36))
    unplanned: Mapped[bool] = mapped_column(default=False)
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(24))
    effective_status: Mapped[str] = mapped_column(String(24))
    count: Mapped[int | None] = mapped_column(Integer, default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    as_built: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    # The props found on the ground (species planted, count alive), checked as a design element's; None: not said.
    props: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    deviation: Mapped[dict[str, Any] | None] = mapped_column(default=None)


class Photo(Base):
    """A photo of a visit (optionally of one element), stored content-addressed with its metadata removed."""

    __tablename__ = "photos"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"))
    element_id: Mapped[str] = mapped_column(String(36), default="")
    upload_sha256: Mapped[str] = mapped_column(String(64))
    stored_sha256: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(20))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size_bytes: Mapped[int] = mapped_column(Integer)
    lon: Mapped[float | None] = mapped_column(default=None)
    lat: Mapped[float | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    # A retried upload of the same bytes to the same visit and element is the same photo.
    __table_args__ = (UniqueConstraint("visit_id", "element_id", "upload_sha256", name="uq_photo_upload"),)


class Signoff(Base):
    """An author's acceptance of, or objection to, a visit or an element: the citizen's voice in the record."""

    __tablename__ = "signoffs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), default=None)
    element_id: Mapped[str | None] = mapped_column(String(36), default=None)
    participant_id: Mapped[str] = mapped_column(ForeignKey("participants.id"))
    author_name: Mapped[str] = mapped_column(String(40))
    verdict: Mapped[str] = mapped_column(String(10))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
