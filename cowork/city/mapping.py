"""The city map's parts built from the rows they are made of: the published sites, each adopted project's entry and
its plan's elements on the layers (as they stand now), the proposals of the top design of each published closed
workshop without a project, gathered into a `Map` of lanes, signs, what signs point at, plans and green."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import shapely
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core import geo
from ..core import props as element_props
from ..core.facts import SHAPED_STATUSES
from ..models.supervision import Observation, PlanElement, Project
from ..models.workshop import Element, Workshop
from ..opendata.published import (
    ProjectRecord,
    by_workshop,
    shown_designs,
    vote_totals,
)
from ..supervision.progress import green_ledger, latest_measured, latest_observations, progress
from ..supervision.public import public_notes
from .cycle_network import Lane
from .figures import Sign, Target, green_of, project_status

# What each layer is made of, by kind: the green layer (compensation), and what a proposal adds to the network and
# the wayfinding (its trees and lawns are not owed by anyone yet).
GREEN_KINDS = ("tree", "green_area")
NETWORK_KINDS = ("bike_lane", "path", "sign")


@dataclass
class Map:
    """What the layers are made of, gathered from plans and proposals."""

    lanes: list[Lane] = field(default_factory=list)
    signs: list[Sign] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)  # lon/lat shapes a sign may point at
    paths: list[dict[str, Any]] = field(default_factory=list)  # the paths among the targets, as GeoJSON
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
            self.paths.append(geometry)
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


def site_entries(workshops: list[Workshop]) -> list[dict[str, Any]]:
    """These published workshops' sites (closed, `open_data` on: a workshop not yet closed is never published, not
    even by its outline and id, docs/opendata.md)."""
    return [
        {
            "workshop_id": w.id,
            "title": w.title,
            "site_name": w.site_name,
            "phase": w.phase,
            "boundary": w.boundary,
            "results_url": f"/w/{w.id}/results",
        }
        for w in workshops
    ]


def project_entry(record: ProjectRecord, mapped: Map) -> tuple[dict[str, Any], dict[str, Any]]:
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
    project: Project, element: PlanElement, latest: Observation | None, measured: Observation | None, mapped: Map
) -> None:
    status = latest.effective_status if latest else "planned"
    # As built where a shaped status has a measured shape of the kind's type; else as designed. The props the visit
    # found over the plan's, field by field.
    built = measured.as_built if status in SHAPED_STATUSES and measured is not None else None
    geometry = built if built and built.get("type") == element.geometry.get("type") else element.geometry
    props = element_props.as_found(element.props, latest.props if latest else None)
    _place(project, element.element_id, element.kind, geometry, props, status, latest, mapped, note=element.note)


def _addition(project: Project, observation: Observation, mapped: Map, *, note: str) -> None:
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
    mapped: Map,
    *,
    note: str,
    unplanned: bool = False,
) -> None:
    """An element of an adopted project on the plans layer, the green layer, the network or the signs."""
    shown: dict[str, Any] = {"project_id": project.id, "kind": kind, "status": status, "note": note}
    if unplanned:
        shown["unplanned"] = True
    mapped.plans.append(feature(geometry, shown))
    if kind in GREEN_KINDS:  # a removed tree too: a lost tree is what this layer shows
        green = {"project_id": project.id, "kind": kind, "status": status, **({"unplanned": True} if unplanned else {})}
        if kind == "tree":
            count = latest.count if latest is not None and latest.count is not None else props.get("count", 1)
            green.update(count=count, species=props.get("species"))
        mapped.green.append(feature(geometry, green))
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


def proposed(session: Session, workshops: list[Workshop], mapped: Map) -> None:
    """The top-ranked design (most dots; a tie: the earliest) of each of these published closed workshops without
    a project."""
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


def position_of(position) -> list[float]:
    # Positions come as stored (already 7 decimals) or as copies of stored ones: nothing to round.
    return [float(position[0]), float(position[1])]


def sign_view(sign: Sign, position: bool = True) -> dict[str, Any]:
    view: dict[str, Any] = {"id": sign.id, "text": sign.text, "bearing": sign.bearing, "sign_type": sign.sign_type}
    if position:
        view["position"] = position_of(sign.position)
    return {**view, "project_id": sign.project_id, "workshop_id": sign.workshop_id}


def feature(geometry: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def collection(features) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}
