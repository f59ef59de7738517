"""Geodesic measures on the WGS 84 ellipsoid (pyproj's Geod): lengths, distances and points ahead on a bearing.

Pure like geo.py: imports nothing of ours (numpy, which shapely is built on, measures many at once). geo.py
measures on each site's tangent plane, which is exact enough inside one site; the city map joins lanes and signs of
many sites kilometres apart, so it measures on the ellipsoid itself.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from pyproj import Geod

WGS84 = Geod(ellps="WGS84")

Position = tuple[float, float]


def distances_m(starts, ends):
    """The geodesic distances in metres between positions pairwise: two (n, 2) arrays of lon/lat, in one call."""
    starts, ends = np.asarray(starts, dtype=float).reshape(-1, 2), np.asarray(ends, dtype=float).reshape(-1, 2)
    if not len(starts):
        return np.zeros(0)
    _, _, metres = WGS84.inv(starts[:, 0], starts[:, 1], ends[:, 0], ends[:, 1])
    return np.asarray(metres, dtype=float)


def lengths_m(lines: Sequence[Sequence[Position]]) -> list[float]:
    """The geodesic lengths in metres of many lon/lat lines (each a sequence of positions), in one call."""
    if not lines:
        return []
    counts = np.array([len(line) for line in lines])
    vertices = np.array([position[:2] for line in lines for position in line], dtype=float)
    steps = distances_m(vertices[:-1], vertices[1:])
    # The step from one line's last vertex to the next line's first is not part of either.
    last = np.cumsum(counts) - 1
    steps[last[:-1]] = 0.0
    starts = np.concatenate(([0], last[:-1] + 1))
    return [float(total) for total in np.add.reduceat(np.append(steps, 0.0), starts)]


def ahead(origins, bearings, metres: float):
    """The positions `metres` ahead of each origin along its bearing (degrees clockwise from north): an (n, 2) array."""
    origins = np.asarray(origins, dtype=float).reshape(-1, 2)
    lon, lat, _ = WGS84.fwd(
        origins[:, 0], origins[:, 1], np.asarray(bearings, dtype=float), np.full(len(origins), metres)
    )
    return np.column_stack([lon, lat])


def sectors(origins, bearings, start_m: float, end_m: float, spread_deg: float, steps: int = 4):
    """For each origin, the part of the ring from `start_m` to `end_m` around it that lies within `spread_deg` either
    side of its bearing: what an arrow on a sign points at, as shapely lon/lat polygons (each arc `steps` chords)."""
    origins = np.asarray(origins, dtype=float).reshape(-1, 2)
    if not len(origins):
        return np.array([], dtype=object)
    bearings = np.asarray(bearings, dtype=float)
    turns = np.linspace(-spread_deg, spread_deg, steps + 1)
    far = [ahead(origins, bearings + turn, end_m) for turn in turns]
    near = [ahead(origins, bearings + turn, start_m) for turn in turns[::-1]]
    rings = np.stack(far + near + [far[0]], axis=1)  # (n, corners, 2), closed
    return shapely.polygons(rings)
