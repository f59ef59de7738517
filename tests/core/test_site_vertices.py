"""How detailed a site boundary may be, on the server as on the new-workshop page: every row of
tests/data/site-vertices.json, which tests/js/shared/site-vertices.test.mjs checks against the browser's code."""

from __future__ import annotations

import json
import math

import pytest

from cowork.core import facts, geo

from ..support import DATA

TABLE = json.loads((DATA / "site-vertices.json").read_text(encoding="utf-8"))


def regular_ring(lon: float, lat: float, radius: float, positions: int) -> list[list[float]]:
    """A closed regular ring of `positions` positions (the closing one counted), `radius` degrees of latitude."""
    corners = positions - 1
    ring = [
        [
            round(lon + radius / math.cos(math.radians(lat)) * math.cos(2 * math.pi * i / corners), 7),
            round(lat + radius * math.sin(2 * math.pi * i / corners), 7),
        ]
        for i in range(corners)
    ]
    return [*ring, ring[0]]


def boundary(row: dict) -> dict:
    """The row's boundary: each polygon an outer ring of radius 0.0015° and at most one hole of 0.0005°, side by side
    (the same shapes as the node test builds)."""
    polygons = []
    for k, sizes in enumerate(row["polygons"]):
        assert len(sizes) <= 2, "a row's polygon has an outer ring and at most one hole"
        lon, lat = 76.95 + 0.01 * k, 43.25
        polygons.append([regular_ring(lon, lat, 0.0015 if j == 0 else 0.0005, n) for j, n in enumerate(sizes)])
    return (
        {"type": "Polygon", "coordinates": polygons[0]}
        if row["type"] == "Polygon"
        else {
            "type": "MultiPolygon",
            "coordinates": polygons,
        }
    )


@pytest.mark.parametrize("row", TABLE["rows"], ids=lambda row: row["about"])
def test_the_server_allows_a_site_boundary_as_the_table_says(row):
    data = boundary(row)
    if row["allowed"]:
        assert geo.parse_site_boundary(data).is_valid
        return
    with pytest.raises(geo.GeometryError) as refused:
        geo.parse_site_boundary(data)
    assert refused.value.code == "invalid_geometry"
    assert f"a site boundary may have at most {geo.MAX_SITE_VERTICES} positions" in refused.value.message


def test_the_table_holds_the_cap_that_both_sides_share():
    assert TABLE["cap"] == geo.MAX_SITE_VERTICES == facts.for_browser()["limits"]["site_vertices"]
    counts = {(row["type"], sum(map(sum, row["polygons"]))): row["allowed"] for row in TABLE["rows"]}
    # Both kinds of geometry, right at the cap and one over it; a hole counted.
    for kind in ("Polygon", "MultiPolygon"):
        assert counts[(kind, TABLE["cap"])] is True and counts[(kind, TABLE["cap"] + 1)] is False, kind
    assert any(len(sizes) > 1 for row in TABLE["rows"] for sizes in row["polygons"])
