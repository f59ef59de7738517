"""The city's cycle network from plain lane records (pure functions): ends snapped together, connected parts, gaps.

Nodes are lane ends and each lane is an edge; two ends within `SNAP_M` of each other (geodesic) are one junction.
The parts are networkx's connected components, numbered 0.. from the longest. A gap is, for a pair of parts, their
nearest pair of ends when no further apart than `GAP_M`. Lengths and distances are geodesic (cowork/core/geodesy.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
import numpy as np
import shapely

from ..core import geodesy
from ..core.facts import LANE_STATUSES
from ..core.props import FACILITIES

SNAP_M = 5.0
GAP_M = 150.0
# Where a lane is in the city's eyes: a top-ranked design's lanes are proposed, an adopted plan's by its status.

Position = tuple[float, float]


@dataclass(frozen=True)
class Lane:
    """One bike lane of the city map, as drawn or as built."""

    id: str
    coordinates: tuple[Position, ...]
    status: str  # one of LANE_STATUSES
    facility: str  # one of FACILITIES
    two_way: bool
    workshop_id: str
    project_id: str | None = None


@dataclass(frozen=True)
class Gap:
    """The nearest ends of two parts, `parts` (lower number first), no further apart than GAP_M."""

    a: Position
    b: Position
    distance_m: float
    parts: tuple[int, int]


@dataclass
class Network:
    """The lanes joined: each lane's length and part, how many parts, the gaps nearest first."""

    lanes: list[Lane]
    lengths_m: list[float]
    part_of: list[int]
    parts: int
    gaps: list[Gap]

    def length_m_by_status(self) -> dict[str, float]:
        """Metres of lane per status, every status named (0.0 when none)."""
        return _summed(LANE_STATUSES, ((lane.status, m) for lane, m in zip(self.lanes, self.lengths_m, strict=True)))

    def length_m_by_facility(self) -> dict[str, float]:
        """Metres of lane per facility, every facility named."""
        return _summed(FACILITIES, ((lane.facility, m) for lane, m in zip(self.lanes, self.lengths_m, strict=True)))


def _summed(keys: tuple[str, ...], pairs) -> dict[str, float]:
    totals = dict.fromkeys(keys, 0.0)
    for key, metres in pairs:
        totals[key] += metres
    return {key: round(total, 1) for key, total in totals.items()}


def build_network(lanes: list[Lane], *, snap_m: float = SNAP_M, gap_m: float = GAP_M) -> Network:
    """Join lanes into parts (ends within `snap_m` snap together) and list the gaps of up to `gap_m` between parts."""
    lengths = geodesy.lengths_m([lane.coordinates for lane in lanes])
    ends = np.array(
        [position for lane in lanes for position in (lane.coordinates[0], lane.coordinates[-1])], dtype=float
    ).reshape(-1, 2)
    near_i, near_j, near_m = _ends_within(ends, max(snap_m, gap_m))
    snapped = near_m <= snap_m
    graph: nx.Graph[int] = nx.Graph()
    graph.add_nodes_from(range(len(ends)))
    graph.add_edges_from((2 * index, 2 * index + 1) for index in range(len(lanes)))
    graph.add_edges_from(zip(near_i[snapped].tolist(), near_j[snapped].tolist(), strict=True))
    components = list(nx.connected_components(graph))
    length_of = [sum(lengths[node // 2] for node in component if node % 2 == 0) for component in components]
    # The longest part is 0; equal lengths in the order their first lane was given (a stable numbering).
    order = sorted(range(len(components)), key=lambda c: (-round(length_of[c], 1), min(components[c])))
    part_of_node = [0] * len(ends)
    for number, c in enumerate(order):
        for node in components[c]:
            part_of_node[node] = number
    nearest: dict[tuple[int, int], tuple[float, int, int]] = {}
    for i, j, metres in zip(near_i.tolist(), near_j.tolist(), near_m.tolist(), strict=True):
        pi, pj = part_of_node[i], part_of_node[j]
        if pi == pj or metres > gap_m:
            continue
        if pi > pj:
            pi, pj, i, j = pj, pi, j, i
        if (pi, pj) not in nearest or metres < nearest[(pi, pj)][0]:
            nearest[(pi, pj)] = (metres, i, j)
    gaps = sorted(
        (Gap(_position(ends[i]), _position(ends[j]), round(metres, 1), key) for key, (metres, i, j) in nearest.items()),
        key=lambda gap: (gap.distance_m, gap.parts),
    )
    return Network(lanes, lengths, [part_of_node[2 * index] for index in range(len(lanes))], len(components), gaps)


def _position(row) -> Position:
    return (float(row[0]), float(row[1]))


def _ends_within(ends, metres: float):
    """Every pair of ends (i < j) no further apart than `metres`, geodesically: arrays of i, of j, of metres."""
    if len(ends) < 2:
        return np.array([], dtype=int), np.array([], dtype=int), np.array([], dtype=float)
    points = shapely.points(ends)
    tree = shapely.STRtree(points)
    # A search radius in degrees that holds the metric circle everywhere among these ends (a degree of latitude is
    # at least 110,574 m; one of longitude that times the cosine of the latitude), then the exact geodesic test.
    top = float(np.abs(ends[:, 1]).max())
    radius = metres / 110_574.0 / max(math.cos(math.radians(min(top, 89.0))), 1e-6) * 1.01
    left, right = tree.query(points, predicate="dwithin", distance=radius)
    keep = left < right
    left, right = left[keep], right[keep]
    distances = geodesy.distances_m(ends[left], ends[right])
    within = distances <= metres
    return left[within], right[within], distances[within]
