"""How domain rows look to clients: the dictionaries that go into acks, broadcasts, snapshots and exports."""

from __future__ import annotations

from typing import Any

from ..core import rules
from ..models.base import iso
from ..models.workshop import Comment, Design, Element, Workshop


def _mark_hidden(view: dict[str, Any], row: Design | Element | Comment) -> dict[str, Any]:
    # Only the facilitator is ever sent hidden things; the mark says why they are hidden.
    if row.hidden_at is not None:
        view["hidden"] = True
        view["hidden_reason"] = row.hidden_reason or ""
    return view


def design_view(design: Design) -> dict[str, Any]:
    """A design as clients see it."""
    view = {
        "id": design.id,
        "title": design.title,
        "created_by": design.created_by,
        "colour_index": design.colour_index,
        "authors": [{"participant_id": a.participant_id, "name": a.participant.name} for a in design.authors],
        "created_at": iso(design.created_at),
    }
    return _mark_hidden(view, design)


def element_view(element: Element) -> dict[str, Any]:
    """An element as clients see it; its measure was computed on the site's metric plane when it was written."""
    view = {
        "id": element.id,
        "design_id": element.design_id,
        "kind": element.kind,
        "geometry": element.geometry,
        "note": element.note,
        "author_id": element.author_id,
        "version": element.version,
        "measure": element.measure,
        "props": element.props or {},
        "created_at": iso(element.created_at),
        "updated_at": iso(element.updated_at),
    }
    if element.deleted_seq is not None:
        view["deleted"] = True
    return _mark_hidden(view, element)


def comment_view(comment: Comment) -> dict[str, Any]:
    """A comment as clients see it."""
    view = {
        "id": comment.id,
        "design_id": comment.design_id,
        "element_id": comment.element_id,
        "author_id": comment.author_id,
        "author_name": comment.author.name,
        "text": comment.text,
        "created_at": iso(comment.created_at),
    }
    return _mark_hidden(view, comment)


def public_comment_view(comment: Comment, element_kind: str | None) -> dict[str, Any]:
    """A comment as results and exports carry it: its words, what it is on and when, never who wrote it."""
    return {"text": comment.text, "element_kind": element_kind, "created_at": iso(comment.created_at)}


def workshop_view(
    workshop: Workshop, counts: dict[str, int] | None = None, *, join_code: bool = False
) -> dict[str, Any]:
    """The summary of a workshop (no secrets); its join code only with `join_code` (rules.join_code_visible)."""
    view: dict[str, Any] = {
        "id": workshop.id,
        "title": workshop.title,
        "site_name": workshop.site_name,
        "boundary": workshop.boundary,
        "phase": workshop.phase,
        "timer_ends_at": iso(rules.countdown_end(workshop)),
        "seq": workshop.seq,
        "created_at": iso(workshop.created_at),
    }
    if join_code:
        view["join_code"] = workshop.join_code
    if counts is not None:
        view["counts"] = counts
    return view
