"""The published features themselves: one per site, sketched element, project, plan element and as-built shape,
built from the rows they are made of (the open-data service and the store of published features read them)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core import geo, rules
from ..core import props as element_props
from ..models.workshop import Element, Event, Participant, Workshop
from ..supervision.progress import green_ledger, latest_measured, latest_observations, progress
from ..supervision.public import public_notes
from .layers import Feature, aware, day, feature, measures, prop_values, ranks
from .published import ProjectRecord as _ProjectRecord
from .published import by_workshop as _by_workshop
from .published import shown_designs as _shown_designs
from .published import vote_totals as _votes

# ------------------------------------------------------------------ workshops


def sites(session: Session, workshops: list[Workshop], *, tallies: bool = True) -> list[Feature]:
    """The workshops' sites; `votes` only with `tallies` (whoever may not see running tallies may not see their
    sum either: a total that drops when a design is hidden gives away that design's dots)."""
    if not workshops:
        return []
    ids = [w.id for w in workshops]
    designs = _shown_designs(session, workshops, "", False)
    votes = _votes(session, designs)
    participants = dict(
        session.execute(
            select(Participant.workshop_id, func.count())
            .where(Participant.workshop_id.in_(ids), Participant.role == "participant")
            .group_by(Participant.workshop_id)
        ).all()
    )
    elements: dict[str, int] = defaultdict(int)
    for workshop_id, design_id in session.execute(
        select(Element.workshop_id, Element.design_id).where(
            Element.workshop_id.in_(ids), Element.deleted_seq.is_(None), Element.hidden_at.is_(None)
        )
    ):
        elements[workshop_id] += design_id in designs
    closed: dict[str, datetime] = {}
    for workshop_id, data, moment in session.execute(
        select(Event.workshop_id, Event.data, Event.created_at)
        .where(Event.workshop_id.in_(ids), Event.type == "phase:changed")
        .order_by(Event.seq)
    ):
        if data.get("phase") == "closed":
            closed[workshop_id] = moment
    features = []
    shown_of = _by_workshop(designs.values())
    for w in workshops:
        shown = shown_of[w.id]
        features.append(
            feature(
                "sites",
                w.id,
                w.boundary,
                {
                    "workshop_id": w.id,
                    "title": w.title,
                    "site_name": w.site_name,
                    "phase": w.phase,
                    "created_at": w.created_at,
                    "closed_at": closed.get(w.id) if w.phase == "closed" else None,
                    "participants": participants.get(w.id, 0),
                    "designs": len(shown),
                    "elements": elements[w.id],
                    "votes": sum(votes[d.id] for d in shown) if tallies else None,
                    "area_m2": geo.measure(geo.from_geojson(w.boundary)).get("area_m2"),
                },
                w.created_at,
                closed.get(w.id) if w.phase == "closed" else None,
            )
        )
    return features


def sketches(session: Session, workshops: list[Workshop], *, viewer: str, facilitator: bool) -> list[Feature]:
    """The elements of these workshops' designs that a viewer sees (the facilitator: hidden ones too)."""
    if not workshops:
        return []
    designs = _shown_designs(session, workshops, viewer, facilitator)
    votes = _votes(session, designs)
    rank = {}
    for shown in _by_workshop(designs.values()).values():
        rank.update(ranks({d.id: votes[d.id] for d in shown}))
    tallies_shown = {w.id: facilitator or rules.tallies_visible(w) for w in workshops}
    elements = session.scalars(
        select(Element)
        .where(Element.workshop_id.in_([w.id for w in workshops]), Element.deleted_seq.is_(None))
        .order_by(Element.created_seq)
    ).all()
    order = {w.id: index for index, w in enumerate(workshops)}
    features = []
    for element in sorted(elements, key=lambda e: (order[e.workshop_id], e.created_seq)):
        design = designs.get(element.design_id)
        if design is None or (element.hidden_at is not None and not facilitator):
            continue
        tallies = tallies_shown[element.workshop_id]
        features.append(
            feature(
                "sketches",
                element.id,
                element.geometry,
                {
                    "workshop_id": element.workshop_id,
                    "design_id": design.id,
                    "design_title": design.title,
                    "design_votes": votes[design.id] if tallies else None,
                    "design_rank": rank[design.id] if tallies else None,  # a rank is the order of the dots
                    "kind": element.kind,
                    "note": element.note,
                    **measures(element.measure),
                    **prop_values(element.props),
                    "created_at": element.created_at,
                    "updated_at": element.updated_at,
                },
                element.created_at,
            )
        )
    return features


# ------------------------------------------------------------------ projects


def _project_features(records: list[_ProjectRecord]) -> list[Feature]:
    features = []
    for record in records:
        project, visits = record.project, record.visits
        ledger = green_ledger(project.plan, visits)
        last = visits[-1].date if visits else None
        adopted = aware(project.created_at)
        features.append(
            feature(
                "projects",
                project.id,
                record.workshop.boundary,
                {
                    "project_id": project.id,
                    "workshop_id": project.workshop_id,
                    "design_id": project.design_id,
                    "title": project.title,
                    "design_title": record.design_title,
                    "site_name": record.workshop.site_name,
                    "organisation": project.organisation,
                    "contractor": project.contractor,
                    "planned_start": project.planned_start,
                    "planned_completion": project.planned_completion,
                    "created_at": project.created_at,
                    "last_visit": last,
                    "visits": len(visits),
                    "progress_pct": progress(project.plan, visits)["percent"],
                    "trees_required": ledger["trees_required"],
                    "trees_planted": ledger["trees_planted"],
                    "trees_alive": ledger["trees_alive"],
                    "trees_shortfall": ledger["trees_shortfall"],
                    "green_area_m2_required": ledger["green_required_m2"],
                    "green_area_m2_planted": ledger["green_planted_m2"],
                    "green_area_m2_alive": ledger["green_alive_m2"],
                },
                adopted,
                max(adopted, ended) if (ended := day(last, end=True)) else adopted,
            )
        )
    return features


def _plan_features(records: list[_ProjectRecord]) -> list[Feature]:
    features = []
    for record in records:
        project = record.project
        latest = latest_observations(record.visits)
        dates = {o.id: v.date for v in record.visits for o in v.observations}
        for element in project.plan:
            observation = latest.get(element.element_id)
            features.append(
                feature(
                    "plans",
                    f"{project.id}_{element.element_id}",
                    element.geometry,
                    {
                        "project_id": project.id,
                        "workshop_id": project.workshop_id,
                        "element_id": element.element_id,
                        "kind": element.kind,
                        "note": element.note,
                        **measures(element.measure),
                        **prop_values(element.props),
                        "status": observation.effective_status if observation else "planned",
                        "last_visit": dates.get(observation.id) if observation else None,
                        "adopted_at": project.created_at,
                    },
                    project.created_at,
                )
            )
    return features


def _as_built_features(records: list[_ProjectRecord]) -> list[Feature]:
    features = []
    for record in records:
        project = record.project
        dates = {o.id: v.date for v in record.visits for o in v.observations}
        readable = public_notes(record.visits)  # a supervisor's note is published only when marked public
        plan = {e.element_id: e for e in project.plan}
        for observation in latest_measured(record.visits).values():
            as_built = observation.as_built
            assert as_built is not None  # latest_measured keeps the observations that measured a shape
            deviation = observation.deviation or {}
            planned = plan.get(observation.element_id) if not observation.unplanned else None
            found = prop_values(
                element_props.as_found(planned.props if planned is not None else None, observation.props)
            )
            features.append(
                feature(
                    "as_built",
                    observation.id,
                    as_built,
                    {
                        "project_id": project.id,
                        "workshop_id": project.workshop_id,
                        "element_id": observation.element_id,
                        "kind": observation.kind,
                        "unplanned": observation.unplanned,
                        "status": observation.effective_status,
                        "visit_date": dates[observation.id],
                        **found,
                        "count": observation.count if observation.count is not None else found["count"],
                        "note": observation.note if observation.id in readable else "",
                        **measures(geo.measure(geo.from_geojson(as_built))),
                        **{
                            key: deviation.get(key)
                            for key in ("offset_m", "hausdorff_m", "length_change_pct", "area_change_pct", "iou")
                        },
                        "flagged": deviation.get("flagged") if deviation else None,
                    },
                    day(dates[observation.id]),
                    day(dates[observation.id], end=True),
                )
            )
    return features


PROJECT_LAYERS = {"projects": _project_features, "plans": _plan_features, "as_built": _as_built_features}
