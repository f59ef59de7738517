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
from typing import Any, cast

import shapely
from shapely.geometry.base import BaseGeometry
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core import geo
from ..models.base import iso, utcnow
from ..models.supervision import Project, Visit
from ..models.workshop import Workshop
from ..opendata.published import (
    adopted_projects,
)
from ..service import Service
from .cycle_network import build_network
from .figures import Target, green_history, green_total, has_shortfall, signs_to_review
from .mapping import Map, collection, feature, position_of, project_entry, proposed, published_sites, sign_view


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


def _build(session: Session) -> dict[str, Any]:
    """The answer of GET /api/city, from the rows as they are now."""
    records = adopted_projects(session)
    sites = published_sites(session)
    mapped = Map()
    entries = [project_entry(record, mapped) for record in records]
    # Projects that owe trees or green area first, then by title.
    entries.sort(key=lambda entry: (not has_shortfall(entry[1]), entry[0]["title"], entry[0]["id"]))
    projects = [entry for entry, _ in entries]
    proposed(session, {r.project.workshop_id for r in records}, mapped)
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
        {"a": position_of(g.a), "b": position_of(g.b), "distance_m": g.distance_m, "parts": list(g.parts)}
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
        "signs_to_review": [sign_view(s) for s in mapped.signs if s.id in review],
        "map": {
            "plans": collection(mapped.plans),
            "cycle_lanes": collection(
                feature(
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
            "gaps": collection(
                feature(
                    {"type": "LineString", "coordinates": [g["a"], g["b"]]},
                    {"distance_m": g["distance_m"], "parts": g["parts"]},
                )
                for g in gaps
            ),
            "green": collection(mapped.green),
            "signs": collection(
                feature(
                    {"type": "Point", "coordinates": list(s.position)},
                    {**sign_view(s, position=False), "review": s.id in review},
                )
                for s in mapped.signs
            ),
        },
    }
