"""Reading the published rows: a page, a count, one feature, a layer's extent, each one indexed query.

A box is looked up in the database's spatial index: PostGIS decides `ST_Intersects` itself; on SQLite the R*Tree
gives the features whose box meets it, and a feature whose box only crosses its edge is tested exactly here
(shapely), since a line's or a polygon's box may meet a box its shape misses. A page follows the rows' order
(`pk`, the order they were published in); the next page starts after the last row of this one (keyset), so a
feature published meanwhile never shifts a page a client is walking.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import shapely
import shapely.geometry
import sqlalchemy as sa
from geoalchemy2 import Geometry
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models.opendata import PublishedFeature, PublishedLayer

_ROW = PublishedFeature
# The database's own spatial index, made by the migration (0006) and not part of the models.
RTREE = sa.table(
    "published_rtree", *(sa.column(name) for name in ("pk", "minx", "maxx", "miny", "maxy", "minl", "maxl"))
)
GEOM = sa.column("geom", Geometry(srid=4326))

# Counting every match of a broad query would cost as much as reading them all: beyond this many, a page says
# nothing of the total (`numberMatched` is optional in OGC API – Features) and its `next` link leads on.
COUNT_LIMIT = 10_000
# Rows read at a time while walking a box's candidates on SQLite.
_CHUNK = 500


@dataclass(frozen=True)
class Selection:
    """Which rows: a layer, a CRS84 box, a time span (naive UTC, open ends None), an owner."""

    layer: int
    bbox: tuple[float, float, float, float] | None = None
    start: datetime | None = None
    end: datetime | None = None
    workshop_id: str | None = None
    project_id: str | None = None


@dataclass(frozen=True)
class Found:
    """A published row as a page serves it."""

    pk: int
    feature_id: str
    geometry: dict[str, Any]
    properties: dict[str, Any]

    def geojson(self) -> dict[str, Any]:
        """The RFC 7946 feature."""
        return {"type": "Feature", "id": self.feature_id, "geometry": self.geometry, "properties": self.properties}


_COLUMNS = (_ROW.pk, _ROW.feature_id, _ROW.geometry, _ROW.properties)
_BOX = (_ROW.minx, _ROW.miny, _ROW.maxx, _ROW.maxy)


def _filtered(query: Any, selection: Selection, postgres: bool, *, by_layer: bool = True) -> Any:
    """The selection's conditions on a query of rows (its box too, on PostgreSQL). Without `by_layer` the layer is
    compared as an expression, which SQLite can look up in no index: the R*Tree, which knows the layer too, then
    drives the query (else SQLite walks the whole layer in order and asks the R*Tree about each row)."""
    query = query.where((_ROW.layer if by_layer else _ROW.layer + 0) == selection.layer)
    if selection.workshop_id is not None:
        query = query.where(_ROW.workshop_id == selection.workshop_id)
    if selection.project_id is not None:
        query = query.where(_ROW.project_id == selection.project_id)
    if selection.start is not None or selection.end is not None:
        query = query.where(_ROW.start_at.is_not(None))
        if selection.end is not None:
            query = query.where(_ROW.start_at <= selection.end)
        if selection.start is not None:
            query = query.where(_ROW.end_at >= selection.start)
    if postgres and selection.bbox is not None:
        west, south, east, north = selection.bbox
        query = query.where(func.ST_Intersects(GEOM, func.ST_MakeEnvelope(west, south, east, north, 4326)))
    return query


def meets(rtree: Any, layer: int, bbox: tuple[float, float, float, float]) -> Any:
    """The R*Tree's condition (`RTREE.c`): a row of the layer whose box meets the box."""
    west, south, east, north = bbox
    return sa.and_(
        rtree.minl <= layer,
        rtree.maxl >= layer,
        rtree.minx <= east,
        rtree.maxx >= west,
        rtree.miny <= north,
        rtree.maxy >= south,
    )


def _within(rtree: Any, bbox: tuple[float, float, float, float]) -> Any:
    """The R*Tree's condition: a box within the box (its stored box was rounded outwards: then the row's is too)."""
    west, south, east, north = bbox
    return sa.and_(rtree.minx >= west, rtree.maxx <= east, rtree.miny >= south, rtree.maxy <= north)


def _broad(session: Session, selection: Selection) -> bool:
    """SQLite: whether the box covers a quarter of its layer's extent or more. Then the rows are walked in their
    order with the box tested on their columns (a page stops after its rows); a narrower box is looked up in the
    R*Tree, whose candidates are few enough to sort."""
    state = session.get(PublishedLayer, selection.layer)
    if state is None or selection.bbox is None:
        return False
    edges = (state.minx, state.miny, state.maxx, state.maxy)
    if any(edge is None for edge in edges):
        return False
    min_x, min_y, max_x, max_y = (float(edge or 0.0) for edge in edges)
    west, south, east, north = selection.bbox
    covered_x = max(0.0, min(east, max_x) - max(west, min_x)) / max(max_x - min_x, 1e-9)
    covered_y = max(0.0, min(north, max_y) - max(south, min_y)) / max(max_y - min_y, 1e-9)
    return covered_x * covered_y >= 0.25


_OUTSIDE, _INSIDE, _CROSSING = 0, 1, 2


def _placed(row: Any, bbox: tuple[float, float, float, float]) -> int:
    """Where a candidate's box (stored in double precision) lies against the box: outside, inside, or across its
    edge (then its shape decides, unless it is a point)."""
    west, south, east, north = bbox
    if row.minx > east or row.maxx < west or row.miny > north or row.maxy < south:
        return _OUTSIDE
    if row.minx >= west and row.maxx <= east and row.miny >= south and row.maxy <= north:
        return _INSIDE
    return _CROSSING


def _meeting(session: Session, rows: Sequence[Any], bbox: tuple[float, float, float, float]) -> list[int]:
    """The keys of the candidates, in order, whose shape meets the box: their boxes decide but for those across
    its edge, whose geometries alone are read, in one query."""
    placed = [(row.pk, _placed(row, bbox)) for row in rows]
    crossing = [pk for pk, where in placed if where == _CROSSING]
    meets: set[int] = set()
    if crossing:
        box = shapely.box(*bbox)
        for pk, geometry in session.execute(select(_ROW.pk, _ROW.geometry).where(_ROW.pk.in_(crossing))):
            if geometry.get("type") == "Point" or shapely.intersects(box, shapely.geometry.shape(geometry)):
                meets.add(pk)
    return [pk for pk, where in placed if where == _INSIDE or pk in meets]


def page(
    session: Session, selection: Selection, *, after: int | None = None, offset: int = 0, limit: int | None = None
) -> list[Found]:
    """The rows of the selection after the row `after` (keyset) and `offset` more, `limit` of them, in order."""
    postgres = session.get_bind().dialect.name == "postgresql"
    if selection.bbox is None or postgres:
        query = _filtered(select(*_COLUMNS), selection, postgres).order_by(_ROW.pk)
        if after is not None:
            query = query.where(_ROW.pk > after)
        query = query.offset(offset or None).limit(limit)
        return [Found(r.pk, r.feature_id, r.geometry, r.properties) for r in session.execute(query)]
    # SQLite with a box: the candidates' keys and boxes first (no feature read), then the page's rows alone.
    west, south, east, north = selection.bbox
    if _broad(session, selection):
        # Compared as expressions, so that SQLite walks the layer's (layer, pk) index in order and stops after the
        # page, rather than range-reading an edge's index and sorting what it found.
        probe = _filtered(select(_ROW.pk, *_BOX), selection, False).where(
            _ROW.minx + 0 <= east, _ROW.maxx + 0 >= west, _ROW.miny + 0 <= north, _ROW.maxy + 0 >= south
        )
    else:
        probe = _filtered(
            select(_ROW.pk, *_BOX).select_from(RTREE).join(_ROW, _ROW.pk == RTREE.c.pk),
            selection,
            False,
            by_layer=False,
        ).where(meets(RTREE.c, selection.layer, selection.bbox))
    probe = probe.order_by(_ROW.pk)
    if after is not None:
        probe = probe.where(_ROW.pk > after)
    wanted = None if limit is None else offset + limit
    keys: list[int] = []
    for pk in _walk(session, probe, selection.bbox):
        keys.append(pk)
        if wanted is not None and len(keys) >= wanted:
            break
    keys = keys[offset:]
    found: list[Found] = []
    for start in range(0, len(keys), _CHUNK):
        part = keys[start : start + _CHUNK]
        rows = session.execute(select(*_COLUMNS).where(_ROW.pk.in_(part)).order_by(_ROW.pk))
        found += [Found(r.pk, r.feature_id, r.geometry, r.properties) for r in rows]
    return found


def _walk(session: Session, probe: Any, bbox: tuple[float, float, float, float]) -> Iterator[int]:
    """SQLite: the keys of the candidates in order, a chunk at a time, of those whose shape meets the box."""
    last = None
    while True:
        chunk = probe if last is None else probe.where(_ROW.pk > last)
        rows = session.execute(chunk.limit(_CHUNK)).all()
        yield from _meeting(session, rows, bbox)
        if len(rows) < _CHUNK:
            return
        last = rows[-1].pk


def _capped_count(session: Session, query: Any) -> int | None:
    """How many rows a query gives, or None beyond COUNT_LIMIT (it stops reading there)."""
    total = int(session.scalar(select(func.count()).select_from(query.limit(COUNT_LIMIT + 1).subquery())) or 0)
    return total if total <= COUNT_LIMIT else None


def matched(session: Session, selection: Selection) -> int | None:
    """How many rows the selection matches, or None when more than COUNT_LIMIT (counting them would cost as much as
    reading them)."""
    if selection == Selection(selection.layer):
        return int(session.scalar(select(PublishedLayer.count).where(PublishedLayer.layer == selection.layer)) or 0)
    postgres = session.get_bind().dialect.name == "postgresql"
    if selection.bbox is None or postgres:
        return _capped_count(session, _filtered(select(_ROW.pk), selection, postgres))
    # SQLite: a row whose box lies within the box matches without a look at its shape; the others meeting it (along
    # the box's edge, a few) are tested one by one. The R*Tree drives both.
    rtree = RTREE.c
    near = meets(rtree, selection.layer, selection.bbox)
    others = selection != Selection(selection.layer, bbox=selection.bbox)
    inside = select(rtree.pk).where(near, _within(rtree, selection.bbox))
    if others:
        inside = _filtered(inside.join(_ROW, _ROW.pk == rtree.pk), selection, False, by_layer=False)
    within = _capped_count(session, inside)
    if within is None:
        return None
    edge = _filtered(
        select(_ROW.pk, *_BOX).select_from(RTREE).join(_ROW, _ROW.pk == rtree.pk), selection, False, by_layer=False
    ).where(near, sa.not_(_within(rtree, selection.bbox)))
    rows = session.execute(edge.limit(COUNT_LIMIT + 1)).all()
    if len(rows) > COUNT_LIMIT:
        return None
    total = within + len(_meeting(session, rows, selection.bbox))
    return total if total <= COUNT_LIMIT else None


def one(session: Session, layer: int, feature_id: str) -> Found | None:
    """A layer's feature by its id."""
    row = session.execute(select(*_COLUMNS).where(_ROW.layer == layer, _ROW.feature_id == feature_id)).first()
    return None if row is None else Found(row.pk, row.feature_id, row.geometry, row.properties)


def layer_state(session: Session, layer: int) -> PublishedLayer | None:
    """A layer's count, extent and version, as kept."""
    return session.get(PublishedLayer, layer)
