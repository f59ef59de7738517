"""The cycle network's pure functions against a brute-force reading of the same rules, on random lanes."""

from __future__ import annotations

import itertools

import hypothesis
import pytest
from hypothesis import strategies as st
from pyproj import Geod

from cowork.city.cycle_network import GAP_M, SNAP_M, Lane, build_network

from .world import at

WGS84 = Geod(ellps="WGS84")
# Lane ends on a 2 m grid of a 400 m square: close enough for snaps and gaps to happen often.
END = st.tuples(st.integers(0, 200), st.integers(0, 200)).map(lambda p: tuple(at(2 * p[0], 2 * p[1])))
LANES = st.lists(st.tuples(END, END).filter(lambda ends: ends[0] != ends[1]), min_size=1, max_size=10)


def metres(a, b) -> float:
    return WGS84.inv(a[0], a[1], b[0], b[1])[2]


def brute_parts(lanes: list[Lane]) -> list[set[int]]:
    """Groups of lanes joined through ends within SNAP_M, by plain union-find over every pair of ends."""
    ends = [(index, lane.coordinates[k]) for index, lane in enumerate(lanes) for k in (0, -1)]
    parent = list(range(len(lanes)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for (i, a), (j, b) in itertools.combinations(ends, 2):
        if metres(a, b) <= SNAP_M:
            parent[root(i)] = root(j)
    groups: dict[int, set[int]] = {}
    for index in range(len(lanes)):
        groups.setdefault(root(index), set()).add(index)
    return list(groups.values())


@hypothesis.given(LANES)
@hypothesis.settings(max_examples=60, deadline=None, derandomize=True, database=None)
def test_parts_and_gaps_are_those_of_the_rules(pairs):
    lanes = [Lane(str(i), (a, b), "planned", "painted", False, "w") for i, (a, b) in enumerate(pairs)]
    network = build_network(lanes)
    groups = brute_parts(lanes)
    assert network.parts == len(groups)
    assert sorted(
        sorted(i for i, part in enumerate(network.part_of) if part == number) for number in range(network.parts)
    ) == sorted(sorted(group) for group in groups)
    # Parts are numbered longest first.
    length = [
        sum(m for m, part in zip(network.lengths_m, network.part_of, strict=True) if part == n)
        for n in range(network.parts)
    ]
    assert all(round(length[n], 1) >= round(length[n + 1], 1) for n in range(network.parts - 1))
    # Each pair of parts has a gap exactly when their nearest ends are within GAP_M, at that distance; nearest first.
    expected = {}
    for p, q in itertools.combinations(range(network.parts), 2):
        nearest = min(
            metres(a, b)
            for i, x in enumerate(lanes)
            for j, y in enumerate(lanes)
            if network.part_of[i] == p and network.part_of[j] == q
            for a in (x.coordinates[0], x.coordinates[-1])
            for b in (y.coordinates[0], y.coordinates[-1])
        )
        if nearest <= GAP_M:
            expected[(p, q)] = round(nearest, 1)
    assert {gap.parts: gap.distance_m for gap in network.gaps} == expected
    assert [gap.distance_m for gap in network.gaps] == sorted(gap.distance_m for gap in network.gaps)
    for gap in network.gaps:
        assert round(metres(gap.a, gap.b), 1) == gap.distance_m
    assert network.lengths_m == pytest.approx(
        [WGS84.line_length([a[0], b[0]], [a[1], b[1]]) for a, b in pairs], abs=1e-6
    )
