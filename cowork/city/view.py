"""The city map's layers for one view (`GET /api/city/layers`): each layer's features in a box, read by the
published rows' spatial index (opendata/selection.py), or, at low zoom or when a view holds too many, counted in a
grid of cells by one grouped indexed query (never every row into Python), each cell a point where its features are
on average, with how many."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import CoworkError
from ..models.opendata import PublishedFeature
from ..opendata.selection import GEOM, RTREE, Selection, meets, page
from .store import CITY_LAYERS

# The layers a view serves, in the order they are drawn (sites under plans under lanes under gaps, signs on top).
SERVED = ("sites", "plans", "green", "cycle_lanes", "gaps", "signs")
# Below this zoom the sites and signs (small, many, and read as "how many where") come as clusters.
CLUSTER_BELOW_ZOOM = 14
# Beyond this many features of a layer in view, the layer comes as clusters whatever the zoom: the answer stays
# small on a phone at any size of city.
FEATURES_CAP = 400
# A cluster's cell: a quarter of a 256-pixel tile at the zoom, in degrees; at most this many cells a layer.
_CELLS_PER_TILE = 4
CELLS_CAP = 1000
ZOOM_RANGE = (0, 22)

_ROW = PublishedFeature
# The database's own spatial index (RTREE, GEOM) and its box condition are the open-data reader's (selection.py).


def parse_view(bbox: str | None, zoom: str | None) -> tuple[tuple[float, float, float, float], int]:
    """`w,s,e,n` in CRS84 and a whole zoom, or a `validation` error saying which is wrong."""
    try:
        west, south, east, north = (float(v) for v in (bbox or "").split(","))
    except ValueError:
        raise CoworkError("invalid", "bbox must be four numbers: west,south,east,north") from None
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise CoworkError("invalid", "bbox must be west,south,east,north within -180..180 and -90..90")
    try:
        level = int(zoom or "")
    except ValueError:
        raise CoworkError("invalid", "zoom must be a whole number") from None
    if not ZOOM_RANGE[0] <= level <= ZOOM_RANGE[1]:
        raise CoworkError("invalid", f"zoom must be from {ZOOM_RANGE[0]} to {ZOOM_RANGE[1]}")
    return (west, south, east, north), level


def layers(session: Session, bbox: tuple[float, float, float, float], zoom: int) -> dict[str, Any]:
    """Each served layer in the view: its features, or its clusters (`clustered` says which)."""
    answer = {}
    for name in SERVED:
        layer = CITY_LAYERS[name]
        found = None
        if zoom >= CLUSTER_BELOW_ZOOM or name not in ("sites", "signs"):
            found = page(session, Selection(layer, bbox), limit=FEATURES_CAP + 1)
        if found is not None and len(found) <= FEATURES_CAP:
            answer[name] = {"type": "FeatureCollection", "clustered": False, "features": [f.geojson() for f in found]}
        else:
            answer[name] = {
                "type": "FeatureCollection",
                "clustered": True,
                "features": clusters(session, layer, bbox, zoom),
            }
    return {"bbox": list(bbox), "zoom": zoom, "layers": answer}


def clusters(session: Session, layer: int, bbox: tuple[float, float, float, float], zoom: int) -> list[dict[str, Any]]:
    """A layer's features in the box counted by grid cell (by the centre of each one's box): one point per cell."""
    postgres = session.get_bind().dialect.name == "postgresql"
    cell = 360.0 / (2**zoom) / _CELLS_PER_TILE
    x = (_ROW.minx + _ROW.maxx) / 2
    y = (_ROW.miny + _ROW.maxy) / 2
    # Cells counted from the south-west corner of the world, so every number is positive and a cell is the same
    # cell in every view (a cluster does not jump as the map moves).
    column, row = _whole((x + 180) / cell, postgres), _whole((y + 90) / cell, postgres)
    query = (
        select(func.count(), func.avg(x), func.avg(y))
        .where(_ROW.layer == layer, _in_box(layer, bbox, postgres))
        .group_by(column, row)
        .order_by(func.count().desc())
        .limit(CELLS_CAP)
    )
    return [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(float(lon), 7), round(float(lat), 7)]},
            "properties": {"cluster": True, "count": int(count)},
        }
        for count, lon, lat in session.execute(query)
    ]


def _whole(value: Any, postgres: bool) -> Any:
    """The whole part of a positive number, in SQL (PostgreSQL's cast rounds, SQLite's truncates)."""
    return func.floor(value) if postgres else sa.cast(value, sa.Integer)


def _in_box(layer: int, bbox: tuple[float, float, float, float], postgres: bool) -> Any:
    """The rows whose box meets the view, by the spatial index (a cluster counts what is near the view's edge)."""
    west, south, east, north = bbox
    if postgres:
        return GEOM.op("&&")(func.ST_MakeEnvelope(west, south, east, north, 4326))
    rtree = RTREE.c
    return _ROW.pk.in_(select(rtree.pk).where(meets(rtree, layer, bbox)))
