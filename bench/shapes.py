"""What tablets draw: 20-vertex polygons that lie well inside the bench site (and out of its hole)."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

from shapely.geometry import Polygon, shape

ROOT = Path(__file__).resolve().parent.parent
SITE = json.loads((ROOT / "tests" / "data" / "almaty-sites.geojson").read_text())["features"][0]["geometry"]
METRES_PER_DEGREE = 111_320.0


def polygons(count: int, vertices: int = 20, seed: int = 7, site: dict = SITE) -> list[dict]:
    """`count` GeoJSON polygons of `vertices` corners (ring closed), 3 to 8 m across, inside the site."""
    area = shape(site)
    minx, miny, maxx, maxy = area.bounds
    rng = random.Random(seed)
    found: list[dict] = []
    while len(found) < count:
        cx, cy = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        radius = rng.uniform(1.5, 4.0)
        ky = radius / METRES_PER_DEGREE
        kx = ky / math.cos(math.radians(cy))
        ring = [
            (
                round(cx + kx * math.cos(2 * math.pi * i / vertices), 7),
                round(cy + ky * math.sin(2 * math.pi * i / vertices), 7),
            )
            for i in range(vertices)
        ]
        ring.append(ring[0])
        candidate = Polygon(ring)
        # A margin keeps every shape clear of the site's edge tolerance and of its hole.
        if candidate.is_valid and area.buffer(-0.0001).contains(candidate):
            found.append({"type": "Polygon", "coordinates": [[list(p) for p in ring]]})
    return found
