"""The published features as rows (models/opendata.py): written in the transaction of the change they follow, read
by one indexed query each.

The keeper (`keep`, run by `Database.before_commit`) reads which workshops and projects the transaction changed
(core/changes.py) and replaces their features, row by row: an unchanged feature keeps its row (and its place in
the paging order), a changed one is updated in place, a new one is appended, a withdrawn one deleted; then each
touched layer's count, extent and version. A workshop publishes its site and sketches while it is closed with
`open_data` on; a project its feature, plan and as-built shapes for as long as it exists; a workshop's change also
refreshes its projects (their design title and site name are the workshop's).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from ..core import changes, rules
from ..models.opendata import PublishedFeature, PublishedLayer
from ..models.supervision import Project
from ..models.workshop import Workshop
from . import features as built
from .layers import Feature
from .published import adopted_projects, published_workshops

# Each layer's number in the rows (and in the spatial index, where it is a dimension of its own: a box query of one
# layer never walks another's). Fixed for ever: a stored number means this layer. The migration of 0006 lists them.
LAYERS: dict[str, int] = {"sites": 1, "sketches": 2, "projects": 3, "plans": 4, "as_built": 5}
WORKSHOP_LAYERS = ("sites", "sketches")
PROJECT_LAYERS = ("projects", "plans", "as_built")

_ROW = PublishedFeature


@dataclass
class Owner:
    """Whose features a replacement is: a workshop's (sites, sketches) or a project's (the rest)."""

    workshop_id: str
    project_id: str | None = None

    def where(self, layer: int) -> Any:
        """The rows of this owner in a layer."""
        if self.project_id is not None:
            return (_ROW.layer == layer) & (_ROW.project_id == self.project_id)
        return (_ROW.layer == layer) & (_ROW.workshop_id == self.workshop_id)


# ------------------------------------------------------------------ keeping


def keep(session: Session) -> None:
    """Bring the published rows of every workshop and project this transaction changed up to date (the keeper
    `Database.before_commit` runs)."""
    noted = changes.of(session)
    if not noted:
        return
    counts: dict[int, int] = defaultdict(int)
    touched: set[int] = set()
    projects = dict(noted.projects)
    for workshop_id in noted.workshops:
        _refresh_workshop(session, workshop_id, counts, touched)
        for project_id in session.scalars(select(Project.id).where(Project.workshop_id == workshop_id)):
            projects[project_id] = None
    for project_id in projects:
        _refresh_project(session, project_id, counts, touched)
    settle(session, counts, touched)  # the notes stay: the city map's keeper reads them next


def _refresh_workshop(session: Session, workshop_id: str, counts: dict[int, int], touched: set[int]) -> None:
    workshop = session.get(Workshop, workshop_id)
    shown = workshop is not None and workshop.phase == "closed" and rules.settings_of(workshop)["open_data"]
    owner = Owner(workshop_id)
    if workshop is None or not shown:
        for name in WORKSHOP_LAYERS:
            replace(session, LAYERS[name], owner, [], counts, touched)
        return
    replace(session, LAYERS["sites"], owner, built.sites(session, [workshop]), counts, touched)
    sketches = built.sketches(session, [workshop], viewer="", facilitator=False)
    replace(session, LAYERS["sketches"], owner, sketches, counts, touched)


def _refresh_project(session: Session, project_id: str, counts: dict[int, int], touched: set[int]) -> None:
    records = adopted_projects(session, project_id=project_id)
    workshop_id = records[0].project.workshop_id if records else ""
    owner = Owner(workshop_id, project_id)
    for name in PROJECT_LAYERS:
        found = built.PROJECT_LAYERS[name](records) if records else []
        replace(session, LAYERS[name], owner, found, counts, touched)


def replace(
    session: Session, layer: int, owner: Owner, found: list[Feature], counts: dict[int, int], touched: set[int]
) -> None:
    """An owner's rows of a layer made equal to `found`, touching only the rows that differ; `counts` gets the
    change in the layer's number of rows and `touched` the layer when anything changed (for `settle`)."""
    existing = {
        row.feature_id: row
        for row in session.execute(
            select(_ROW.pk, _ROW.feature_id, _ROW.properties, _ROW.geometry, _ROW.start_at, _ROW.end_at).where(
                owner.where(layer)
            )
        )
    }
    wanted = {f.id: f for f in found}
    gone = [row.pk for fid, row in existing.items() if fid not in wanted]
    if gone:
        session.execute(delete(_ROW).where(_ROW.pk.in_(gone)))
        counts[layer] -= len(gone)
        touched.add(layer)
    added = []
    for feature in found:
        values = _values(feature, layer, owner)
        row = existing.get(feature.id)
        if row is None:
            added.append(values)
        elif (row.properties, row.geometry, row.start_at, row.end_at) != (
            values["properties"],
            values["geometry"],
            values["start_at"],
            values["end_at"],
        ):
            session.execute(update(_ROW).where(_ROW.pk == row.pk).values(values))
            touched.add(layer)
    if added:
        session.execute(insert(_ROW), added)  # in the builder's order: that is the order they are served in
        counts[layer] += len(added)
        touched.add(layer)


def _values(feature: Feature, layer: int, owner: Owner) -> dict[str, Any]:
    west, south, east, north = feature.bounds
    return {
        "layer": layer,
        "feature_id": feature.id,
        "workshop_id": feature.properties.get("workshop_id") or owner.workshop_id,
        "project_id": owner.project_id,
        "properties": feature.properties,
        "geometry": feature.geometry,
        "minx": west,
        "miny": south,
        "maxx": east,
        "maxy": north,
        "start_at": _naive(feature.start),
        "end_at": _naive(feature.end),
    }


def _naive(moment: datetime | None) -> datetime | None:
    """An aware moment as stored: naive UTC."""
    return None if moment is None else moment.astimezone(UTC).replace(tzinfo=None)


def settle(session: Session, counts: dict[int, int], touched: set[int]) -> None:
    """Each touched layer's count, extent and version, after its rows changed (`replace` filled the two)."""
    for layer in sorted(touched):  # in one order, so two writers on PostgreSQL never wait for each other in a ring
        # The layer's row is locked before its extent is read, so a writer that committed meanwhile is counted in.
        state = session.get(PublishedLayer, layer, with_for_update=True)
        extent = {
            "minx": _edge(session, layer, _ROW.minx),
            "miny": _edge(session, layer, _ROW.miny),
            "maxx": _edge(session, layer, _ROW.maxx, last=True),
            "maxy": _edge(session, layer, _ROW.maxy, last=True),
            "start_at": _edge(session, layer, _ROW.start_at),
            "end_at": _edge(session, layer, _ROW.end_at, last=True),
        }
        if state is None:  # the row went missing (emptied by hand): counted afresh, once
            total = session.scalar(select(func.count()).select_from(_ROW).where(_ROW.layer == layer)) or 0
            session.add(PublishedLayer(layer=layer, version=1, stale=False, count=total, **extent))
            continue
        session.execute(
            update(PublishedLayer)
            .where(PublishedLayer.layer == layer)
            .values(count=PublishedLayer.count + counts.get(layer, 0), version=PublishedLayer.version + 1, **extent)
        )


def _edge(session: Session, layer: int, column: Any, *, last: bool = False) -> Any:
    """The least (or greatest) value of a column in a layer: one seek down its (layer, column) index."""
    order = column.desc() if last else column
    return session.scalar(select(column).where(_ROW.layer == layer, column.is_not(None)).order_by(order).limit(1))


def rebuild(session: Session, names: Iterable[str] | None = None) -> None:
    """Every feature of these layers (all by default) built again from the workshops and projects as they are."""
    layers = [LAYERS[name] for name in (names or LAYERS)]
    session.execute(delete(_ROW).where(_ROW.layer.in_(layers)))
    session.execute(update(PublishedLayer).where(PublishedLayer.layer.in_(layers)).values(count=0))
    counts: dict[int, int] = defaultdict(int)
    touched: set[int] = set(layers)
    wanted = set(layers)
    if wanted & {LAYERS[n] for n in WORKSHOP_LAYERS}:
        for workshop in published_workshops(session):
            owner = Owner(workshop.id)
            if LAYERS["sites"] in wanted:
                replace(session, LAYERS["sites"], owner, built.sites(session, [workshop]), counts, touched)
            if LAYERS["sketches"] in wanted:
                sketches = built.sketches(session, [workshop], viewer="", facilitator=False)
                replace(session, LAYERS["sketches"], owner, sketches, counts, touched)
    if wanted & {LAYERS[n] for n in PROJECT_LAYERS}:
        for record in adopted_projects(session):
            owner = Owner(record.project.workshop_id, record.project.id)
            for name in PROJECT_LAYERS:
                if LAYERS[name] in wanted:
                    replace(session, LAYERS[name], owner, built.PROJECT_LAYERS[name]([record]), counts, touched)
    settle(session, counts, touched)
    session.execute(update(PublishedLayer).where(PublishedLayer.layer.in_(layers)).values(stale=False))


def rebuild_stale(session: Session) -> list[str]:
    """Build again the layers a migration marked stale; the names of those built."""
    numbers = set(session.scalars(select(PublishedLayer.layer).where(PublishedLayer.stale)))
    names = [name for name, number in LAYERS.items() if number in numbers]
    if names:
        rebuild(session, names)
    return names


def versions(session: Session) -> tuple[int, ...]:
    """Every layer's version, in LAYERS order: what an export made of them is kept against."""
    found: dict[int, int] = dict(session.execute(select(PublishedLayer.layer, PublishedLayer.version)).all())
    return tuple(int(found.get(number, 0)) for number in LAYERS.values())
