"""The city map: every published site and adopted project on one map, with the city-wide figures a planner asks for.

The cycle network (adopted plans' bike lanes as built where built, else as designed, and the lanes of the top-ranked
design of each published closed workshop that has no project, as `proposed`), the compensatory green ledger of
every project summed and over time, and the wayfinding signs whose arrows point at nothing. What is read is what
the open data publishes (opendata/published.py): hidden designs and elements never appear, nor names or secrets.
The figures are pure functions (cycle_network.py, city_figures.py); this service reads the rows and builds the
answer of `GET /api/city`, once per change of what it is made of.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

import shapely
from shapely.geometry.base import BaseGeometry
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core import geo
from ..core import props as element_props
from ..core.facts import SHAPED_STATUSES
from ..models.base import iso, utcnow
from ..models.supervision import Observation, PlanElement, Project, Visit
from ..models.workshop import Element, Workshop
from ..opendata.published import (
    ProjectRecord,
    adopted_projects,
    by_workshop,
    published_workshops,
    shown_designs,
    vote_totals,
)
from ..service import Service
from ..supervision.progress import green_ledger, latest_measured, latest_observations, progress
from ..supervision.public import public_notes
from .cycle_network import Lane, build_network
from .figures import Sign, Target, green_history, green_of, green_total, has_shortfall, project_status, signs_to_review

# What each layer is made of, by kind: the green layer (compensation), and what a proposal adds to the network and
# the wayfinding (its trees and lawns are not owed by anyone yet).
GREEN_KINDS = ("tree", "green_area")
NETWORK_KINDS = ("bike_lane", "path", "sign")


class CityService(Service):
    """The city's figures and map layers (public)."""

    def city(self) -> dict[str, Any]:
        """Sites, projects, the cycle network, the green ledger, signs and the map's layers, as GET /api/city.

        Built once per change of what it is made of (see `_stamp`), kept per process: a page load reads the kept
        answer, it does not rebuild the city. The stamp is read first in the same transaction, so the answer is at
        least as new as its stamp; a later change moves the stamp."""
        key = str(self.db.url)
        with self.db.read() as session:
            stamp = _stamp(session)
            kept = _KEPT.get(key)
            if kept is None or kept[0] != stamp:
                kept = _KEPT[key] = (stamp, _build(session))
        return kept[1]


# database URL -> (stamp, the answer built at it): one entry per database a process serves.
_KEPT: dict[str, tuple[tuple, dict[str, Any]]] = {}


def _stamp(session: Session) -> tuple:
    """What the city is made of, cheaply. A closed workshop changes only through logged events, which move its
    `seq` (moderation, reopening, settings); a live one is not on the map, so its tablets' edits do not rebuild the
    city, and its closing adds it to these rows. A project or a visit is a new row; nothing is changed in place
    without one."""
    closed = select(Workshop.id, Workshop.seq).where(Workshop.phase == "closed").order_by(Workshop.id)
    return (
        tuple(session.execute(closed)),
        tuple(session.execute(select(func.count(), func.max(Project.created_at)).select_from(Project)).one()),
        tuple(session.execute(select(func.count(), func.max(Visit.created_at)).select_from(Visit)).one()),
    )


@dataclass
class _Map:
    """What the layers are made of, gathered from plans and proposals."""

    lanes: list[Lane] = field(default_factory=list)
    signs: list[Sign] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)  # lon/lat shapes a sign may point at
    plans: list[dict[str, Any]] = field(default_factory=list)
    green: list[dict[str, Any]] = field(default_factory=list)

    def add(
        self,
        element_id: str,
        kind: str,
        geometry: dict[str, Any],
        props: dict[str, Any],
        status: str,
        workshop_id: str,
        project_id: str | None,
    ) -> None:
        """One element's part of the network, of the signs, or of what signs point at."""
        if geometry.get("type") != geo.GEOMETRY_TYPE_OF_KIND.get(kind):
            return  # a shape that is not its kind's (no live edit makes one) cannot join the network or point
        props = {**element_props.defaults(kind), **props}
        if kind == "bike_lane":
            self.lanes.append(
                Lane(
                    element_id,
                    tuple(tuple(p[:2]) for p in geometry["coordinates"]),
                    status,
                    props["facility"],
                    bool(props.get("two_way", False)),
                    workshop_id,
                    project_id,
                )
            )
        elif kind == "path":
            self.targets.append(Target(geo.from_geojson(geometry)))
        elif kind == "sign":
            lon, lat = geometry["coordinates"][:2]
            self.signs.append(
                Sign(
                    element_id,
                    (lon, lat),
                    props.get("bearing"),
                    props.get("text"),
                    props.get("sign_type"),
                    workshop_id,
                    project_id,
                )
            )


def _build(session: Session) -> dict[str, Any]:
    """The answer of GET /api/city, from the rows as they are now."""
    records = adopted_projects(session)
    sites = _sites(session)
    mapped = _Map()
    entries = [_project(record, mapped) for record in records]
    # Projects that owe trees or green area first, then by title.
    entries.sort(key=lambda entry: (not has_shortfall(entry[1]), entry[0]["title"], entry[0]["id"]))
    projects = [entry for entry, _ in entries]
    _proposed(session, {r.project.workshop_id for r in records}, mapped)
    outlines = {w["workshop_id"]: w["boundary"] for w in sites}
    outlines.update({r.workshop.id: r.workshop.boundary for r in records})
    mapped.targets += [
        Target(shapely.boundary(geo.from_geojson(boundary)), site) for site, boundary in outlines.items()
    ]
    network = build_network(mapped.lanes)
    if mapped.lanes:
        lines = shapely.linestrings(
            [p for lane in mapped.lanes for p in lane.coordinates],
            indices=[i for i, lane in enumerate(mapped.lanes) for _ in lane.coordinates],
        )
        # With indices, an array of one line per lane.
        mapped.targets += [Target(line) for line in cast("Iterable[BaseGeometry]", lines)]
    review = signs_to_review(mapped.signs, mapped.targets)
    gaps = [
        {"a": _position(g.a), "b": _position(g.b), "distance_m": g.distance_m, "parts": list(g.parts)}
        for g in network.gaps
    ]
    return {
        "generated_at": iso(utcnow()),
        "sites": sites,
        "projects": projects,
        "cycle_network": {
            "length_m_by_status": network.length_m_by_status(),
            "length_m_by_facility": network.length_m_by_facility(),
            "parts": network.parts,
            "gaps": gaps,
        },
        "green": {
            **green_total(p["green"] for p in projects),
            "history": green_history(ledger["history"] for _, ledger in entries),
        },
        "signs": len(mapped.signs),
        "signs_to_review": [_sign_view(s) for s in mapped.signs if s.id in review],
        "map": {
            "plans": _collection(mapped.plans),
            "cycle_lanes": _collection(
                _feature(
                    {"type": "LineString", "coordinates": [list(p) for p in lane.coordinates]},
                    {
                        "id": lane.id,
                        "status": lane.status,
                        "facility": lane.facility,
                        "two_way": lane.two_way,
                        "part": part,
                        "project_id": lane.project_id,
                        "workshop_id": lane.workshop_id,
                        "length_m": round(length, 1),
                    },
                )
                for lane, length, part in zip(network.lanes, network.lengths_m, network.part_of, strict=True)
            ),
            "gaps": _collection(
                _feature(
                    {"type": "LineString", "coordinates": [g["a"], g["b"]]},
                    {"distance_m": g["distance_m"], "parts": g["parts"]},
                )
                for g in gaps
            ),
            "green": _collection(mapped.green),
            "signs": _collection(
                _feature(
                    {"type": "Point", "coordinates": list(s.position)},
                    {**_sign_view(s, position=False), "review": s.id in review},
                )
                for s in mapped.signs
            ),
        },
    }


def _sites(session: Session) -> list[dict[str, Any]]:
    """Every published workshop (closed, `open_data` on), oldest first: a workshop not yet closed is never
    published, not even by its outline and id (docs/opendata.md)."""
    return [
        {
            "workshop_id": w.id,
            "title": w.title,
            "site_name": w.site_name,
            "phase": w.phase,
            "boundary": w.boundary,
            "results_url": f"/w/{w.id}/results",
        }
        for w in published_workshops(session)
    ]


def _project(record: ProjectRecord, mapped: _Map) -> tuple[dict[str, Any], dict[str, Any]]:
    """A project's entry and its green ledger; its plan's elements added to the map as they stand now."""
    project, visits = record.project, record.visits
    figures = progress(project.plan, visits)
    ledger = green_ledger(project.plan, visits)
    latest, measured = latest_observations(visits), latest_measured(visits)
    for element in project.plan:
        _plan_element(project, element, latest.get(element.element_id), measured.get(element.element_id), mapped)
    readable = public_notes(visits)  # a supervisor's note is shown only when marked public
    for observation in latest.values():
        if observation.unplanned:
            _addition(project, observation, mapped, note=observation.note if observation.id in readable else "")
    west, south, east, north = shapely.bounds(geo.from_geojson(record.workshop.boundary)).tolist()
    return {
        "id": project.id,
        "workshop_id": project.workshop_id,
        "title": project.title,
        "status": project_status(figures["statuses"]),
        "progress": figures,
        "green": green_of(ledger),
        "url": f"/p/{project.id}",
        "bbox": [round(v, geo.COORD_DECIMALS) for v in (west, south, east, north)],
    }, ledger


def _plan_element(
    project: Project, element: PlanElement, latest: Observation | None, measured: Observation | None, mapped: _Map
) -> None:
    status = latest.effective_status if latest else "planned"
    # As built where a shaped status has a measured shape of the kind's type; else as designed. The props the visit
    # found over the plan's, field by field.
    built = measured.as_built if status in SHAPED_STATUSES and measured is not None else None
    geometry = built if built and built.get("type") == element.geometry.get("type") else element.geometry
    props = element_props.as_found(element.props, latest.props if latest else None)
    _place(project, element.element_id, element.kind, geometry, props, status, latest, mapped, note=element.note)


def _addition(project: Project, observation: Observation, mapped: _Map, *, note: str) -> None:
    """Something built that was not in the design (compensation planted elsewhere, a lane added): on the map as
    found."""
    if observation.as_built is None or observation.as_built.get("type") != geo.GEOMETRY_TYPE_OF_KIND.get(
        observation.kind
    ):
        return
    props = element_props.as_found(element_props.defaults(observation.kind), observation.props)
    _place(
        project,
        observation.element_id,
        observation.kind,
        observation.as_built,
        props,
        observation.effective_status,
        observation,
        mapped,
        note=note,
        unplanned=True,
    )


def _place(
    project: Project,
    element_id: str,
    kind: str,
    geometry: dict[str, Any],
    props: dict[str, Any],
    status: str,
    latest: Observation | None,
    mapped: _Map,
    *,
    note: str,
    unplanned: bool = False,
) -> None:
    """An element of an adopted project on the plans layer, the green layer, the network or the signs."""
    shown: dict[str, Any] = {"project_id": project.id, "kind": kind, "status": status, "note": note}
    if unplanned:
        shown["unplanned"] = True
    mapped.plans.append(_feature(geometry, shown))
    if kind in GREEN_KINDS:  # a removed tree too: a lost tree is what this layer shows
        green = {"project_id": project.id, "kind": kind, "status": status, **({"unplanned": True} if unplanned else {})}
        if kind == "tree":
            count = latest.count if latest is not None and latest.count is not None else props.get("count", 1)
            green.update(count=count, species=props.get("species"))
        mapped.green.append(_feature(geometry, green))
    if status != "removed":  # a removed lane, path or sign is no longer in the city
        mapped.add(
            element_id,
            kind,
            geometry,
            props,
            "planned" if status == "missing" else status,
            project.workshop_id,
            project.id,
        )


def _proposed(session: Session, adopted: set[str], mapped: _Map) -> None:
    """The top-ranked design (most dots; a tie: the earliest) of each published closed workshop without a project."""
    workshops = [w for w in published_workshops(session) if w.id not in adopted]
    if not workshops:
        return
    designs = shown_designs(session, workshops, "", False)
    votes = vote_totals(session, designs)
    top = {}
    for workshop_id, shown in by_workshop(designs.values()).items():
        best = max(votes[d.id] for d in shown)
        top[next(d.id for d in shown if votes[d.id] == best)] = workshop_id  # designs come oldest first
    if not top:
        return
    elements = session.scalars(
        select(Element)
        .where(
            Element.design_id.in_(top),
            Element.deleted_seq.is_(None),
            Element.hidden_at.is_(None),
            Element.kind.in_(NETWORK_KINDS),
        )
        .order_by(Element.created_seq, Element.id)
    )
    for element in elements:
        mapped.add(
            element.id, element.kind, element.geometry, element.props or {}, "proposed", top[element.design_id], None
        )


def _position(position) -> list[float]:
    # Positions come as stored (already 7 decimals) or as copies of stored ones: nothing to round.
    return [float(position[0]), float(position[1])]


def _sign_view(sign: Sign, position: bool = True) -> dict[str, Any]:
    view: dict[str, Any] = {"id": sign.id, "text": sign.text, "bearing": sign.bearing, "sign_type": sign.sign_type}
    if position:
        view["position"] = _position(sign.position)
    return {**view, "project_id": sign.project_id, "workshop_id": sign.workshop_id}


def _feature(geometry: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def _collection(features) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}
