"""Open city data: what the city's GIS may read of cowork, as features of five collections.

What is published: a workshop once it is `closed`, unless its facilitator turned `open_data` off (its site and
its sketches); every adopted project (its boundary and figures, its plan, what was built). Hidden (moderated)
designs and elements never are, nor participant names, tokens, keys or recovery codes (the fields of
`opendata_layers.COLLECTIONS` name everything a feature may carry). The OGC API and the GeoPackage exports read
only through this service.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import shapely
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core import geo, rules
from ..core import props as element_props
from ..core.identities import Identity
from ..errors import invalid, not_found
from ..models.supervision import Project, Visit
from ..models.workshop import Element, Event, Participant, Workshop
from ..service import Service
from ..supervision.progress import green_ledger, latest_measured, latest_observations, progress
from ..supervision.public import public_notes
from .layers import COLLECTIONS, CollectionInfo, Feature, Field, aware, day, feature, measures, prop_values, ranks

# The readers of what is published, shared with the city map (city/service.py), under this module's old names.
from .published import ProjectRecord as _ProjectRecord
from .published import adopted_projects as _projects
from .published import by_workshop as _by_workshop
from .published import published_workshops as _published
from .published import shown_designs as _shown_designs
from .published import vote_totals as _votes

__all__ = [
    "COLLECTIONS",
    "CollectionExtent",
    "CollectionInfo",
    "FeaturePage",
    "FeatureQuery",
    "Field",
    "OpenDataService",
    "collection_info",
]


@dataclass(frozen=True)
class FeatureQuery:
    """Which features of a collection: a CRS84 box, a time span (open ends None), an owner, a page."""

    bbox: tuple[float, float, float, float] | None = None
    start: datetime | None = None  # timezone-aware
    end: datetime | None = None  # an instant is start == end
    workshop_id: str | None = None
    project_id: str | None = None
    offset: int = 0
    limit: int | None = None  # None: all


@dataclass
class FeaturePage:
    """One page of a collection's features and how many match the query in all."""

    features: list[dict[str, Any]]
    matched: int


@dataclass
class CollectionExtent:
    """Where and when a collection's features are, and how many there are."""

    bbox: tuple[float, float, float, float] | None
    interval: tuple[str | None, str | None]
    count: int


class OpenDataService(Service):
    """The five open-data collections, read city-wide or for one workshop or project."""

    def extents(self) -> dict[str, CollectionExtent]:
        """Each collection's bounding box, time interval and feature count."""
        with self.db.read() as session:
            return {cid: self._built(session, cid).extent for cid in COLLECTIONS}

    def extent(self, collection_id: str) -> CollectionExtent:
        """One collection's bounding box, time interval and feature count (only that one is built)."""
        collection_info(collection_id)
        with self.db.read() as session:
            return self._built(session, collection_id).extent

    def features(self, collection_id: str, query: FeatureQuery = FeatureQuery()) -> FeaturePage:
        """The features of a collection that match the query, the page asked for, and how many match in all."""
        info = collection_info(collection_id)
        for name, value in (("workshop_id", query.workshop_id), ("project_id", query.project_id)):
            if value is not None and name not in info.filters:
                raise invalid(f"The {collection_id} collection cannot be filtered by {name}.")
        with self.db.read() as session:
            box = shapely.box(*query.bbox) if query.bbox is not None else None
            found = [f for f in self._built(session, collection_id).features if _matches(f, query, box)]
        end = None if query.limit is None else query.offset + query.limit
        return FeaturePage([f.geojson() for f in found[query.offset : end]], len(found))

    def feature(self, collection_id: str, feature_id: str) -> dict[str, Any]:
        """One published feature, or `not_found`."""
        collection_info(collection_id)
        with self.db.read() as session:
            found = self._built(session, collection_id).by_id.get(feature_id)
        if found is None:
            raise not_found("feature")
        return found.geojson()

    def workshop_layers(self, workshop_id: str, identity: Identity | None) -> dict[str, list[dict[str, Any]]]:
        """The `sites` and `sketches` layers of one workshop under its GeoJSON export's rule: its own people read
        what the export shows them (the facilitator also hidden things) until it closes, then anyone, whether or
        not it is published; the dots only where the export shows them."""
        with self.db.read() as session:
            workshop = self.load_workshop(session, workshop_id)
            rules.require_own_until_closed(identity, workshop, "The GeoPackage export")
            facilitator = identity is not None and identity.facilitates(workshop_id)
            viewer = identity.participant_id if identity is not None and identity.workshop_id == workshop_id else ""
            sites = _sites(session, [workshop], tallies=facilitator or rules.tallies_visible(workshop))
            sketches = _sketches(session, [workshop], viewer=viewer, facilitator=facilitator)
        return {"sites": [f.geojson() for f in sites], "sketches": [f.geojson() for f in sketches]}

    def project_layers(self, project_id: str) -> dict[str, list[dict[str, Any]]]:
        """The `projects`, `plans` and `as_built` layers of one adopted project (public, as its page is)."""
        with self.db.read() as session:
            projects = _projects(session, project_id=project_id)
            if not projects:
                raise not_found("project")
            return {cid: [f.geojson() for f in build(projects)] for cid, build in _PROJECT_LAYERS.items()}

    def _built(self, session: Session, collection_id: str) -> _Built:
        """A collection's features, city-wide, built once per change of what they are made of.

        A GIS reads a collection page by page (GDAL asks for 10 features at a time unless told otherwise) and a
        `collections` document needs every collection's extent: building the features for each of those requests
        would cost the whole collection per page, CPU time that holds up every tablet of a gevent process. So the
        built features are kept per process, with a stamp of what they were made of, read first in the same
        transaction (the features are then at least as new as the stamp; a later change moves the stamp)."""
        key = (str(self.db.url), collection_id)
        stamp = _stamp(session, collection_id)
        built = _BUILT.get(key)
        if built is None or built.stamp != stamp:
            if collection_id in ("sites", "sketches"):
                workshops = _published(session)
                features = (
                    _sites(session, workshops)
                    if collection_id == "sites"
                    else _sketches(session, workshops, viewer="", facilitator=False)
                )
            else:
                features = _PROJECT_LAYERS[collection_id](_projects(session))
            built = _BUILT[key] = _Built(stamp, features, {f.id: f for f in features}, _extent(features))
        return built


@dataclass
class _Built:
    """A collection's features as built at a stamp, by id, and their extent."""

    stamp: tuple
    features: list[Feature]
    by_id: dict[str, Feature]
    extent: CollectionExtent


# (database, collection) -> the features built last; a handful of entries per process.
_BUILT: dict[tuple[str, str], _Built] = {}


def _stamp(session: Session, collection_id: str) -> tuple:
    """What a collection's features are made of, cheaply: every change to a workshop moves its `seq` (each is a
    logged event), a project or a visit is a new row; nothing is changed in place without one of those."""
    if collection_id in ("sites", "sketches"):
        return tuple(
            session.execute(select(Workshop.id, Workshop.seq).where(Workshop.phase == "closed").order_by(Workshop.id))
        )
    adopted = select(Project.workshop_id)
    return (
        tuple(session.execute(select(func.count(), func.max(Project.created_at)).select_from(Project)).one()),
        tuple(session.execute(select(func.count(), func.max(Visit.created_at)).select_from(Visit)).one()),
        session.scalar(select(func.coalesce(func.sum(Workshop.seq), 0)).where(Workshop.id.in_(adopted))),
    )


def collection_info(collection_id: str) -> CollectionInfo:
    """What a collection is, or `not_found`."""
    info = COLLECTIONS.get(collection_id)
    if info is None:
        raise not_found("collection")
    return info


# ------------------------------------------------------------------ selecting


def _matches(found: Feature, query: FeatureQuery, box: Any) -> bool:
    """Whether a feature belongs to the asked workshop or project, lies in the query's box (`box`, its shapely
    polygon) and overlaps its time span."""
    if query.workshop_id is not None and found.properties.get("workshop_id") != query.workshop_id:
        return False
    if query.project_id is not None and found.properties.get("project_id") != query.project_id:
        return False
    if query.bbox is not None:
        west, south, east, north = query.bbox
        minx, miny, maxx, maxy = found.bounds
        if minx > east or maxx < west or miny > north or maxy < south:
            return False
        if found.geometry["type"] != "Point" and not shapely.intersects(box, found.shape):
            return False
    if query.start is not None or query.end is not None:
        if found.start is None:
            return False
        if query.end is not None and found.start > query.end:
            return False
        if query.start is not None and (found.end or found.start) < query.start:
            return False
    return True


def _extent(features: list[Feature]) -> CollectionExtent:
    if not features:
        return CollectionExtent(None, (None, None), 0)
    bounds = (
        min(f.bounds[0] for f in features),
        min(f.bounds[1] for f in features),
        max(f.bounds[2] for f in features),
        max(f.bounds[3] for f in features),
    )
    starts = [f.start for f in features if f.start is not None]
    ends = [f.end for f in features if f.end is not None]
    interval = (_utc(min(starts)) if starts else None, _utc(max(ends)) if ends else None)
    west, south, east, north = (round(float(b), 7) for b in bounds)
    return CollectionExtent((west, south, east, north), interval, len(features))


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ------------------------------------------------------------------ workshops


def _sites(session: Session, workshops: list[Workshop], *, tallies: bool = True) -> list[Feature]:
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


def _sketches(session: Session, workshops: list[Workshop], *, viewer: str, facilitator: bool) -> list[Feature]:
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


_PROJECT_LAYERS = {"projects": _project_features, "plans": _plan_features, "as_built": _as_built_features}
