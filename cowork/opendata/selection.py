"""Reading the published rows: a page, a count, one feature, a layer's extent, each one indexed query.

A box is looked up in the database's spatial index: PostGIS decides `ST_Intersects` itself; on SQLite the R*Tree
gives the features whose box meets it, and a feature whose box only crosses its edge is tested exactly here
(shapely), since a line's or a polygon's box may meet a box its shape misses. A page follows the rows' order
(`pk`, the order they were published in); the next page starts after the last row of this one (keyset), so a
feature published meanwhile never shifts a page a client is walking.
"""

from __future__ import annotations

from collections.abc import Iterator
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
_RTREE = sa.table(
    "published_rtree", *(sa.column(name) for name in ("pk", "minx", "maxx", "miny", "maxy", "minl", "maxl"))
)
_GEOM = sa.column("geom", Geometry(srid=4326))

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


def _filtered(query: Any, selection: Selection, postgres: bool) -> Any:
    """The selection's conditions on a query of rows."""
    query = query.where(_ROW.layer == selection.layer)
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
    if selection.bbox is not None:
        west, south, east, north = selection.bbox
        if postgres:
            query = query.where(func.ST_Intersects(_GEOM, func.ST_MakeEnvelope(west, south, east, north, 4326)))
        else:
            query = query.where(_ROW.pk.in_(_boxes(selection.layer, selection.bbox)))
    return query


def _boxes(layer: int, bbox: tuple[float, float, float, float], *, inside: bool = False) -> Any:
    """The R*Tree's ids of a layer's rows whose box meets the box (`inside`: lies within it)."""
    west, south, east, north = bbox
    rtree = _RTREE.c
    query = select(rtree.pk).where(rtree.minl <= layer, rtree.maxl >= layer)
    if inside:
        return query.where(rtree.minx >= west, rtree.maxx <= east, rtree.miny >= south, rtree.maxy <= north)
    return query.where(rtree.minx <= east, rtree.maxx >= west, rtree.miny <= north, rtree.maxy >= south)


def _exact(row: Any, bbox: tuple[float, float, float, float], box: Any) -> bool:
    """Whether a candidate of the R*Tree (whose box, stored in single precision, was rounded outwards) meets the
    box: its own box decides unless it crosses the box's edge, where its shape does."""
    west, south, east, north = bbox
    if row.minx > east or row.maxx < west or row.miny > north or row.maxy < south:
        return False
    if row.minx >= west and row.maxx <= east and row.miny >= south and row.maxy <= north:
        return True
    if row.geometry.get("type") == "Point":
        return True
    return bool(shapely.intersects(box, shapely.geometry.shape(row.geometry)))


def page(
    session: Session, selection: Selection, *, after: int | None = None, offset: int = 0, limit: int | None = None
) -> list[Found]:
    """The rows of the selection after the row `after` (keyset) and `offset` more, `limit` of them, in order."""
    postgres = session.get_bind().dialect.name == "postgresql"
    query = _filtered(select(*_COLUMNS, *_BOX), selection, postgres).order_by(_ROW.pk)
    if after is not None:
        query = query.where(_ROW.pk > after)
    if selection.bbox is None or postgres:
        query = query.offset(offset or None).limit(limit)
        return [Found(r.pk, r.feature_id, r.geometry, r.properties) for r in session.execute(query)]
    found: list[Found] = []
    for row in _walk_exact(session, query, selection.bbox):
        if offset:
            offset -= 1
            continue
        found.append(Found(row.pk, row.feature_id, row.geometry, row.properties))
        if limit is not None and len(found) >= limit:
            break
    return found


def _walk_exact(session: Session, query: Any, bbox: tuple[float, float, float, float]) -> Iterator[Any]:
    """SQLite: the R*Tree's candidates in order, a chunk at a time, those whose shape meets the box."""
    box = shapely.box(*bbox)
    last = None
    while True:
        chunk = query if last is None else query.where(_ROW.pk > last)
        rows = session.execute(chunk.limit(_CHUNK)).all()
        for row in rows:
            if _exact(row, bbox, box):
                yield row
        if len(rows) < _CHUNK:
            return
        last = rows[-1].pk


def matched(session: Session, selection: Selection) -> int | None:
    """How many rows the selection matches, or None when more than COUNT_LIMIT (counting them would cost as much as
    reading them)."""
    unfiltered = Selection(selection.layer)
    if selection == unfiltered:
        return int(session.scalar(select(PublishedLayer.count).where(PublishedLayer.layer == selection.layer)) or 0)
    postgres = session.get_bind().dialect.name == "postgresql"
    if selection.bbox is None or postgres:
        capped = _filtered(select(_ROW.pk), selection, postgres).limit(COUNT_LIMIT + 1).subquery()
        total = int(session.scalar(select(func.count()).select_from(capped)) or 0)
        return total if total <= COUNT_LIMIT else None
    # SQLite with a box: those whose (outward-rounded) box lies within it match without a look at their shape; the
    # others meeting it are tested one by one, a few along the box's edge.
    inside = _filtered(select(_ROW.pk), Selection(**{**selection.__dict__, "bbox": None}), False).where(
        _ROW.pk.in_(_boxes(selection.layer, selection.bbox, inside=True))
    )
    within = int(session.scalar(select(func.count()).select_from(inside.limit(COUNT_LIMIT + 1).subquery())) or 0)
    if within > COUNT_LIMIT:
        return None
    edge = _filtered(select(*_COLUMNS, *_BOX), selection, False).where(
        _ROW.pk.not_in(_boxes(selection.layer, selection.bbox, inside=True))
    )
    box = shapely.box(*selection.bbox)
    rows = session.execute(edge.limit(COUNT_LIMIT + 1)).all()
    if len(rows) > COUNT_LIMIT:
        return None
    total = within + sum(1 for row in rows if _exact(row, selection.bbox, box))
    return total if total <= COUNT_LIMIT else None


def one(session: Session, layer: int, feature_id: str) -> Found | None:
    """A layer's feature by its id."""
    row = session.execute(select(*_COLUMNS).where(_ROW.layer == layer, _ROW.feature_id == feature_id)).first()
    return None if row is None else Found(row.pk, row.feature_id, row.geometry, row.properties)


def layer_state(session: Session, layer: int) -> PublishedLayer | None:
    """A layer's count, extent and version, as kept."""
    return session.get(PublishedLayer, layer)
