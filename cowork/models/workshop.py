"""SQLAlchemy 2 typed models of the live workshop. Rules that belong to one row live here; nothing here commits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow


class Workshop(Base):
    """A co-design workshop on one site; `seq` is the last sequence number of its event log."""

    __tablename__ = "workshops"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    site_name: Mapped[str] = mapped_column(String(200))
    boundary: Mapped[dict[str, Any]]
    join_code: Mapped[str] = mapped_column(String(12), unique=True)
    phase: Mapped[str] = mapped_column(String(20), default="sketching")
    seq: Mapped[int] = mapped_column(Integer, default=0)
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    timer_ends_at: Mapped[datetime | None] = mapped_column(default=None)
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    participants: Mapped[list[Participant]] = relationship(back_populates="workshop")


class Participant(Base):
    """Someone in a workshop: a participant who joined by code, or the facilitator. Only a token hash is kept."""

    __tablename__ = "participants"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(20), default="participant")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column(default=None)

    workshop: Mapped[Workshop] = relationship(back_populates="participants")

    @property
    def is_facilitator(self) -> bool:
        """Whether this is the workshop's facilitator."""
        return self.role == "facilitator"


class DesignAuthor(Base):
    """A participant who may add to and edit a design."""

    __tablename__ = "design_authors"

    design_id: Mapped[str] = mapped_column(ForeignKey("designs.id", ondelete="CASCADE"), primary_key=True)
    participant_id: Mapped[str] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    participant: Mapped[Participant] = relationship()


class Design(Base):
    """A proposal: a titled set of elements drawn by its authors."""

    __tablename__ = "designs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[str] = mapped_column(ForeignKey("participants.id"))
    created_seq: Mapped[int] = mapped_column(Integer)
    # The design's number in its workshop (0, 1, 2...): every device colours it the same from this.
    colour_index: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    hidden_reason: Mapped[str | None] = mapped_column(String(200), default=None)
    hidden_at: Mapped[datetime | None] = mapped_column(default=None)

    authors: Mapped[list[DesignAuthor]] = relationship(order_by=DesignAuthor.joined_at, cascade="all, delete-orphan")

    def has_author(self, participant_id: str) -> bool:
        """Whether the participant is one of this design's authors."""
        return any(a.participant_id == participant_id for a in self.authors)


class Element(Base):
    """One sketched thing (a tree, a path, a play area...). Deleted elements stay, marked by `deleted_seq`."""

    __tablename__ = "elements"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    design_id: Mapped[str] = mapped_column(ForeignKey("designs.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    geometry: Mapped[dict[str, Any]]
    note: Mapped[str] = mapped_column(Text, default="")
    # Its length or area on the site's metric plane, computed once when the geometry is written, so snapshots,
    # exports and results never rebuild a shape to measure it.
    measure: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # What the element says of itself for its kind (cowork/core/props.py), normalised: a bike lane's facility, say.
    props: Mapped[dict[str, Any]] = mapped_column(default=dict)
    author_id: Mapped[str] = mapped_column(ForeignKey("participants.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_seq: Mapped[int] = mapped_column(Integer)
    deleted_seq: Mapped[int | None] = mapped_column(Integer, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    hidden_reason: Mapped[str | None] = mapped_column(String(200), default=None)
    hidden_at: Mapped[datetime | None] = mapped_column(default=None)

    __table_args__ = (Index("ix_elements_workshop_live", "workshop_id", "deleted_seq"),)


class Comment(Base):
    """A short comment on a design or on one element."""

    __tablename__ = "comments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    design_id: Mapped[str] = mapped_column(ForeignKey("designs.id", ondelete="CASCADE"))
    element_id: Mapped[str | None] = mapped_column(ForeignKey("elements.id", ondelete="CASCADE"), default=None)
    author_id: Mapped[str] = mapped_column(ForeignKey("participants.id"))
    text: Mapped[str] = mapped_column(Text)
    created_seq: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    hidden_reason: Mapped[str | None] = mapped_column(String(200), default=None)
    hidden_at: Mapped[datetime | None] = mapped_column(default=None)

    author: Mapped[Participant] = relationship()


class Vote(Base):
    """The dots one participant has put on one design."""

    __tablename__ = "votes"

    participant_id: Mapped[str] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True)
    design_id: Mapped[str] = mapped_column(ForeignKey("designs.id", ondelete="CASCADE"), primary_key=True)
    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Event(Base):
    """One row of a workshop's append-only event log: what was broadcast, under its sequence number."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]]
    actor_id: Mapped[str | None] = mapped_column(String(36), default=None)
    # Who may see it: null for everyone, else the participant ids (the facilitator always may).
    audience: Mapped[list[str] | None] = mapped_column(JSON, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("workshop_id", "seq", name="uq_events_workshop_seq"),)
