"""What the city may read of workshops and projects, read once for every reader of it: the open data (OGC API,
GeoPackages) and the city map. Closed workshops with `open_data` on are published; every adopted project is."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..core import rules
from ..models.supervision import Project, Visit
from ..models.workshop import Design, Vote, Workshop
from ..supervision.progress import chronological


def published_workshops(session: Session) -> list[Workshop]:
    """Closed workshops whose facilitator left `open_data` on, oldest first."""
    query = select(Workshop).where(Workshop.phase == "closed").order_by(Workshop.created_at, Workshop.id)
    return [w for w in session.scalars(query) if rules.settings_of(w)["open_data"]]


def shown_designs(session: Session, workshops: list[Workshop], viewer: str, facilitator: bool) -> dict[str, Design]:
    """The designs of these workshops a viewer sees (the facilitator: all), by id, oldest first."""
    by_id = {w.id: w for w in workshops}
    designs = session.scalars(
        select(Design)
        .where(Design.workshop_id.in_(by_id))
        .order_by(Design.created_seq)
        .options(selectinload(Design.authors))
    ).all()
    return {
        d.id: d
        for d in designs
        if facilitator
        or (d.hidden_at is None and rules.sees(rules.design_audience(by_id[d.workshop_id], d), viewer, False))
    }


def by_workshop(designs: Iterable[Design]) -> dict[str, list[Design]]:
    """Designs grouped by their workshop."""
    grouped: dict[str, list[Design]] = defaultdict(list)
    for design in designs:
        grouped[design.workshop_id].append(design)
    return grouped


def vote_totals(session: Session, design_ids: Iterable[str]) -> dict[str, int]:
    """The dots each design got (0 for none)."""
    ids = list(design_ids)
    rows = session.execute(
        select(Vote.design_id, func.sum(Vote.count)).where(Vote.design_id.in_(ids)).group_by(Vote.design_id)
    )
    votes = dict.fromkeys(ids, 0)
    votes.update({design: int(total or 0) for design, total in rows})
    return votes


@dataclass
class ProjectRecord:
    """An adopted project with its workshop, its design's title (None once the facilitator hid the design) and its
    visits in the order they happened."""

    project: Project
    workshop: Workshop
    design_title: str | None
    visits: list[Visit]


def adopted_projects(session: Session, *, project_id: str | None = None) -> list[ProjectRecord]:
    """Every adopted project (or the one named), oldest first, with its plan and its visits' observations."""
    query = select(Project).options(selectinload(Project.plan)).order_by(Project.created_at, Project.id)
    if project_id is not None:
        query = query.where(Project.id == project_id)
    projects = session.scalars(query).all()
    if not projects:
        return []
    workshops = {
        w.id: w for w in session.scalars(select(Workshop).where(Workshop.id.in_({p.workshop_id for p in projects})))
    }
    # A design the facilitator hid is not published, even when it was hidden after its adoption: the project stays,
    # under its own title, without the design's.
    titles = dict(
        session.execute(
            select(Design.id, Design.title).where(
                Design.id.in_({p.design_id for p in projects}), Design.hidden_at.is_(None)
            )
        ).all()
    )
    visits: dict[str, list[Visit]] = defaultdict(list)
    for visit in session.scalars(
        select(Visit).where(Visit.project_id.in_([p.id for p in projects])).options(selectinload(Visit.observations))
    ):
        visits[visit.project_id].append(visit)
    return [
        ProjectRecord(p, workshops[p.workshop_id], titles.get(p.design_id), chronological(visits[p.id]))
        for p in projects
    ]
