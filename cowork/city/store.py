"""The city map kept as rows (the published features' table, layers numbered from 11) and its figures kept beside
them (models/city.py), in the transaction of each change.

The keeper (`keep`, run by `Database.before_commit` after the open data's) reads which workshops and projects the
transaction changed (core/changes.py) and replaces their rows of the city's layers: a published workshop's site and,
while it has no project, the lanes, paths and signs of its top-ranked design (as `proposed`); a project's entry,
its plan as it stands, its green, lanes, paths and signs. Then the figures whose rows changed are recomputed from
the kept rows of the whole city (never from the workshops): the network (lengths, parts, gaps) when a lane changed,
the signs to review when a sign or anything a sign may point at changed, the green ledger when a project changed.
A lane's part and a sign's `review` are the whole city's, so they are written back to the rows that differ.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import shapely
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ..core import changes, geo, geodesy, rules
from ..models.base import iso, utcnow
from ..models.city import CityFigures
from ..models.opendata import PublishedFeature, PublishedLayer
from ..models.supervision import Project
from ..models.workshop import Workshop
from ..opendata.layers import Feature
from ..opendata.published import adopted_projects, published_workshops
from ..opendata.store import Owner, replace, settle
from .cycle_network import Lane, build_network
from .figures import Sign, Target, green_history, green_total, has_shortfall, signs_to_review
from .mapping import Map, position_of, project_entry, proposed, sign_view, site_entries

# Each city layer's number in the published rows, after the open data's (opendata/store.py LAYERS, 1-5). Fixed for
# ever: a stored number means this layer (revision 0007 lists them). `projects` and `paths` are kept for the figures
# (a project's ledger; what a sign may point at) and not served as layers.
CITY_LAYERS: dict[str, int] = {
    "sites": 11,
    "projects": 12,
    "plans": 13,
    "green": 14,
    "cycle_lanes": 15,
    "signs": 16,
    "paths": 17,
    "gaps": 18,
}
_L = CITY_LAYERS
# Which figures read which layers: recomputed only when one of theirs changed.
# A project's outline (what a sign may point at) is in its row of `projects`, whose every visit changes the rest:
# the signs are recomputed when an outline came, went or moved (`_OUTLINES`, no layer), not at every visit.
_OUTLINES = 0
_FED_BY: dict[str, set[int]] = {
    "network": {_L["cycle_lanes"]},
    "signs": {_L[n] for n in ("cycle_lanes", "signs", "paths", "sites")} | {_OUTLINES},
    "green": {_L["projects"]},
}
_ROW = PublishedFeature


class _Owner(Owner):
    """A workshop's own rows (no project's) or a project's: a workshop's proposals and its project's lanes share a
    layer, and replacing the one must not touch the other."""

    def where(self, layer: int) -> Any:
        """The rows of this owner in a layer."""
        found = super().where(layer)
        return found & _ROW.project_id.is_(None) if self.project_id is None else found


# ------------------------------------------------------------------ keeping


def keep(session: Session) -> None:
    """Bring the city's rows and figures up to date with every workshop and project this transaction changed (the
    keeper `Database.before_commit` runs after the open data's)."""
    noted = changes.of(session)
    if not noted:
        return
    counts: dict[int, int] = defaultdict(int)
    touched: set[int] = set()
    workshops = dict(noted.workshops)
    projects = dict(noted.projects)
    for workshop_id in noted.workshops:
        for project_id in session.scalars(select(Project.id).where(Project.workshop_id == workshop_id)):
            projects[project_id] = None
    for project_id in projects:
        owner_id = _refresh_project(session, project_id, counts, touched)
        if owner_id:
            workshops[owner_id] = None  # an adoption ends the workshop's proposal (a removal brings it back)
    for workshop_id in workshops:
        _refresh_workshop(session, workshop_id, counts, touched)
    recompute(session, counts, touched)


def _refresh_workshop(session: Session, workshop_id: str, counts: dict[int, int], touched: set[int]) -> None:
    workshop = session.get(Workshop, workshop_id)
    shown = workshop is not None and workshop.phase == "closed" and rules.settings_of(workshop)["open_data"]
    owner = _Owner(workshop_id)
    mapped = Map()
    sites: list[Feature] = []
    if workshop is not None and shown:
        sites = [_feature(workshop_id, site.pop("boundary"), site) for site in site_entries([workshop])]
        if session.scalar(select(Project.id).where(Project.workshop_id == workshop_id).limit(1)) is None:
            proposed(session, [workshop], mapped)
    replace(session, _L["sites"], owner, sites, counts, touched)
    _replace_network(session, owner, mapped, counts, touched)


def _refresh_project(session: Session, project_id: str, counts: dict[int, int], touched: set[int]) -> str | None:
    """A project's rows as it stands (none once it is gone); its workshop's id."""
    records = adopted_projects(session, project_id=project_id)
    mapped = Map()
    found: dict[str, list[Feature]] = {"projects": [], "plans": [], "green": []}
    if records:
        record = records[0]
        workshop_id: str | None = record.project.workshop_id
        entry, ledger = project_entry(record, mapped)
        kept = {**entry, "history": ledger["history"], "shortfall": has_shortfall(ledger)}
        found["projects"] = [_feature(project_id, record.workshop.boundary, kept)]
        for name in ("plans", "green"):
            found[name] = [
                _feature(f"{project_id}:{n}", shown["geometry"], shown["properties"])
                for n, shown in enumerate(getattr(mapped, name))
            ]
    else:
        workshop_id = session.scalar(
            select(_ROW.workshop_id).where(_ROW.layer == _L["projects"], _ROW.project_id == project_id).limit(1)
        )
    owner = _Owner(workshop_id or "", project_id)
    outline = session.scalar(select(_ROW.geometry).where(owner.where(_L["projects"])))
    if outline != (found["projects"][0].geometry if found["projects"] else None):
        touched.add(_OUTLINES)
    for name, features in found.items():
        replace(session, _L[name], owner, features, counts, touched)
    _replace_network(session, owner, mapped, counts, touched)
    return workshop_id


def _replace_network(session: Session, owner: _Owner, mapped: Map, counts: dict[int, int], touched: set[int]) -> None:
    """An owner's lanes, signs and paths. A lane's part and a sign's `review` are the whole city's: the rows' own
    are carried over (the figures correct them when the city changed), so an unchanged lane is not rewritten."""
    key = owner.project_id or owner.workshop_id
    carried = _carried(session, _L["cycle_lanes"], owner, "part")
    lengths = geodesy.lengths_m([lane.coordinates for lane in mapped.lanes])
    lanes = [
        _feature(
            f"{key}:{lane.id}",
            {"type": "LineString", "coordinates": [list(p) for p in lane.coordinates]},
            {**_lane_properties(lane, round(length, 1)), "part": carried.get(f"{key}:{lane.id}")},
        )
        for lane, length in zip(mapped.lanes, lengths, strict=True)
    ]
    replace(session, _L["cycle_lanes"], owner, lanes, counts, touched)
    carried = _carried(session, _L["signs"], owner, "review")
    signs = [
        _feature(
            f"{key}:{sign.id}",
            {"type": "Point", "coordinates": list(sign.position)},
            {**sign_view(sign, position=False), "review": bool(carried.get(f"{key}:{sign.id}"))},
        )
        for sign in mapped.signs
    ]
    replace(session, _L["signs"], owner, signs, counts, touched)
    paths = [
        _feature(f"{key}:{n}", geometry, {"workshop_id": owner.workshop_id}) for n, geometry in enumerate(mapped.paths)
    ]
    replace(session, _L["paths"], owner, paths, counts, touched)


def _lane_properties(lane: Lane, length_m: float) -> dict[str, Any]:
    return {
        "id": lane.id,
        "status": lane.status,
        "facility": lane.facility,
        "two_way": lane.two_way,
        "project_id": lane.project_id,
        "workshop_id": lane.workshop_id,
        "length_m": length_m,
    }


def _carried(session: Session, layer: int, owner: _Owner, name: str) -> dict[str, Any]:
    """One property of an owner's rows of a layer, by feature id."""
    rows = session.execute(select(_ROW.feature_id, _ROW.properties).where(owner.where(layer)))
    return {feature_id: properties.get(name) for feature_id, properties in rows}


def _feature(feature_id: str, geometry: dict[str, Any], properties: dict[str, Any]) -> Feature:
    return Feature(feature_id, geometry, properties, None, None)


# ------------------------------------------------------------------ figures


def recompute(session: Session, counts: dict[int, int], touched: set[int]) -> None:
    """The figures fed by a touched layer, from the kept rows; then each touched layer settled (count, extent,
    version). Each figure's row is locked before the rows it sums are read, so two writers on PostgreSQL take turns
    and the later one sums what the earlier committed."""
    parts = [part for part, fed in _FED_BY.items() if fed & touched]
    for part in sorted(parts):
        if session.get(CityFigures, part, with_for_update=True) is None:
            session.add(CityFigures(part=part, figures={}, version=0))
            session.flush()
    if "network" in parts:
        _store(session, "network", _network(session, counts, touched))
    if "signs" in parts:
        _store(session, "signs", _signs(session, touched))
    if "green" in parts:
        _store(session, "green", _green(session))
    settle(session, counts, touched - {_OUTLINES})


def _store(session: Session, part: str, figures: dict[str, Any]) -> None:
    session.execute(
        update(CityFigures)
        .where(CityFigures.part == part)
        .values(figures={**figures, "generated_at": iso(utcnow())}, version=CityFigures.version + 1)
    )


def _rows(session: Session, name: str) -> list[Any]:
    """A city layer's rows (pk, geometry, properties) in the order they were kept."""
    query = select(_ROW.pk, _ROW.geometry, _ROW.properties).where(_ROW.layer == _L[name]).order_by(_ROW.pk)
    return list(session.execute(query))


def _lanes(rows: Iterable[Any]) -> list[Lane]:
    return [
        Lane(
            p["id"],
            tuple(tuple(c[:2]) for c in row.geometry["coordinates"]),
            p["status"],
            p["facility"],
            p["two_way"],
            p["workshop_id"],
            p["project_id"],
        )
        for row in rows
        for p in (row.properties,)
    ]


def _network(session: Session, counts: dict[int, int], touched: set[int]) -> dict[str, Any]:
    """The network's figures; each lane's part written back where it moved, the gaps layer replaced."""
    rows = _rows(session, "cycle_lanes")
    network = build_network(_lanes(rows))
    for row, part in zip(rows, network.part_of, strict=True):
        if row.properties.get("part") != part:
            session.execute(update(_ROW).where(_ROW.pk == row.pk).values(properties={**row.properties, "part": part}))
    gaps: list[dict[str, Any]] = [
        {"a": position_of(g.a), "b": position_of(g.b), "distance_m": g.distance_m, "parts": list(g.parts)}
        for g in network.gaps
    ]
    shapes = [
        _feature(
            f"{g['parts'][0]}-{g['parts'][1]}",
            {"type": "LineString", "coordinates": [g["a"], g["b"]]},
            {"distance_m": g["distance_m"], "parts": g["parts"]},
        )
        for g in gaps
    ]
    replace(session, _L["gaps"], _Owner(""), shapes, counts, touched)
    return {
        "length_m_by_status": network.length_m_by_status(),
        "length_m_by_facility": network.length_m_by_facility(),
        "parts": network.parts,
        "gaps": gaps,
    }


def _signs(session: Session, touched: set[int]) -> dict[str, Any]:
    """How many signs and which point at nothing; each sign's `review` written back where it changed."""
    rows = _rows(session, "signs")
    signs = [
        Sign(
            p["id"],
            tuple(row.geometry["coordinates"][:2]),
            p["bearing"],
            p["text"],
            p["sign_type"],
            p["workshop_id"],
            p["project_id"],
        )
        for row in rows
        for p in (row.properties,)
    ]
    targets = [Target(geo.from_geojson(row.geometry)) for row in _rows(session, "paths")]
    outlines = {row.properties["workshop_id"]: row.geometry for row in _rows(session, "sites")}
    outlines.update({row.properties["workshop_id"]: row.geometry for row in _rows(session, "projects")})
    targets += [Target(shapely.boundary(geo.from_geojson(outline)), site) for site, outline in outlines.items()]
    targets += [Target(geo.from_geojson(row.geometry)) for row in _rows(session, "cycle_lanes")]
    review = signs_to_review(signs, targets)
    for row, sign in zip(rows, signs, strict=True):
        if row.properties.get("review") != (sign.id in review):
            session.execute(
                update(_ROW).where(_ROW.pk == row.pk).values(properties={**row.properties, "review": sign.id in review})
            )
            touched.add(_L["signs"])
    listed = sorted((s for s in signs if s.id in review), key=lambda s: (s.text or "", s.id))  # the same in any history
    return {"signs": len(signs), "signs_to_review": [sign_view(s) for s in listed]}


def _green(session: Session) -> dict[str, Any]:
    """The city's green ledger summed and over time, and every project's entry (those owing green first)."""
    kept = [row.properties for row in _rows(session, "projects")]
    entries = sorted(kept, key=lambda p: (not p["shortfall"], p["title"], p["id"]))
    return {
        "green": {
            **green_total(p["green"] for p in kept),
            "history": green_history(p["history"] for p in kept),
        },
        "projects": [{k: v for k, v in p.items() if k not in ("history", "shortfall")} for p in entries],
    }


def figures(session: Session) -> dict[str, dict[str, Any]]:
    """The kept figures by part (`network`, `signs`, `green`), each as empty a city gives before any is kept."""
    kept: dict[str, dict[str, Any]] = dict(
        session.execute(select(CityFigures.part, CityFigures.figures)).tuples().all()
    )
    empty = build_network([])
    return {
        "network": kept.get("network")
        or {
            "length_m_by_status": empty.length_m_by_status(),
            "length_m_by_facility": empty.length_m_by_facility(),
            "parts": 0,
            "gaps": [],
        },
        "signs": kept.get("signs") or {"signs": 0, "signs_to_review": []},
        "green": kept.get("green") or {"green": {**green_total([]), "history": []}, "projects": []},
    }


# ------------------------------------------------------------------ rebuilding


def rebuild(session: Session) -> None:
    """Every city layer and figure built again from the workshops and projects as they are."""
    layers = list(CITY_LAYERS.values())
    session.execute(delete(_ROW).where(_ROW.layer.in_(layers)))
    session.execute(update(PublishedLayer).where(PublishedLayer.layer.in_(layers)).values(count=0))
    counts: dict[int, int] = defaultdict(int)
    touched: set[int] = {*layers, _OUTLINES}
    for record in adopted_projects(session):
        _refresh_project(session, record.project.id, counts, touched)
    for workshop in published_workshops(session):
        _refresh_workshop(session, workshop.id, counts, touched)
    recompute(session, counts, touched)
    session.execute(update(PublishedLayer).where(PublishedLayer.layer.in_(layers)).values(stale=False))


def rebuild_stale(session: Session) -> list[str]:
    """Build the city again when a migration marked one of its layers stale; the names of its layers if built."""
    stale = session.scalar(
        select(PublishedLayer.layer)
        .where(PublishedLayer.stale, PublishedLayer.layer.in_(CITY_LAYERS.values()))
        .limit(1)
    )
    if stale is None:
        return []
    rebuild(session)
    return list(CITY_LAYERS)
