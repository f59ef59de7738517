"""Geodesic measures on the WGS 84 ellipsoid (pyproj's Geod): lengths, distances and points ahead on a bearing.

Pure like geo.py, imports nothing of ours. geo.py measures on each site's tangent plane, which is exact enough
inside one site; the city map joins lanes and signs of many sites kilometres apart, so it measures on the
ellipsoid itself.
"""

from __future__ import annotations

from typing import Iterable

from pyproj import Geod
from shapely.geometry import LineString

WGS84 = Geod(ellps="WGS84")

Position = tuple[float, float]


def length_m(line: LineString) -> float:
    """A lon/lat line's geodesic length in metres."""
    return float(WGS84.geometry_length(line))


def distance_m(a: Position, b: Position) -> float:
    """The geodesic distance in metres between two lon/lat positions."""
    _, _, metres = WGS84.inv(a[0], a[1], b[0], b[1])
    return float(metres)


def distances_m(starts: Iterable[Position], ends: Iterable[Position]) -> list[float]:
    """The geodesic distances between positions pairwise (one call for many pairs)."""
    starts, ends = list(starts), list(ends)
    if not starts:
        return []
    _, _, metres = WGS84.inv([p[0] for p in starts], [p[1] for p in starts], [p[0] for p in ends], [p[1] for p in ends])
    return [float(m) for m in metres]


def ahead(origin: Position, bearing: float, metres: float) -> Position:
    """The position `metres` ahead of `origin` along a bearing (degrees clockwise from north)."""
    lon, lat, _ = WGS84.fwd(origin[0], origin[1], bearing, metres)
    return (float(lon), float(lat))


def ray(origin: Position, bearing: float, start_m: float, end_m: float) -> LineString:
    """The stretch from `start_m` to `end_m` ahead of `origin` along a bearing, as a lon/lat segment (over a few
    hundred metres a geodesic and the straight lon/lat segment part by micrometres)."""
    return LineString([ahead(origin, bearing, start_m), ahead(origin, bearing, end_m)])
