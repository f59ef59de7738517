"""How fast a city's GIS reads cowork's open data: OGC API pages, the collections document and a whole collection
copied by GDAL's ogr2ogr, against the workshop's GeoJSON export of the same elements in the same run.

    python -m bench.opendata [--sketches 2000] [--repeat 20]

Builds one closed workshop with N elements through the services on a fresh SQLite file, serves the app on a free
port (threaded, in process) and prints the figures as JSON. Not a pytest test.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import time
import uuid
from pathlib import Path

import requests
from shapely.geometry import Point, mapping, shape

from cowork.workshop.payloads import DesignCreate, ElementAdd, Join, PhaseSet, WorkshopCreate
from tests.support import PARK

from .inprocess import fresh_app, served


def build(cowork, count: int) -> str:
    """A closed workshop with `count` trees and paths spread over the park."""
    created = cowork.workshops.create(WorkshopCreate("Bench park", "Panfilov Park", PARK))
    facilitator = cowork.access.participant(created["facilitator_token"])
    author = cowork.access.participant(cowork.workshops.join(Join(created["join_code"], "Bench"))["token"])
    design = cowork.sketches.create_design(author, DesignCreate("Many things", str(uuid.uuid4()))).reply["design"]["id"]
    site = shape(PARK)
    west, south, east, north = site.bounds
    placed, rng = 0, random.Random(7)
    while placed < count:
        point = Point(rng.uniform(west, east), rng.uniform(south, north))
        if not site.contains(point.buffer(0.0003)):
            continue
        if placed % 4 == 3:
            geometry = {"type": "LineString", "coordinates": [[point.x, point.y], [point.x + 0.0002, point.y + 0.0001]]}
            kind = "path"
        else:
            geometry, kind = mapping(point), "tree"
        cowork.sketches.add_element(author, ElementAdd(str(uuid.uuid4()), design, kind, geometry, ""))
        placed += 1
    cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))
    return created["id"]


def timed(url: str, repeat: int) -> dict[str, float]:
    """Median and worst milliseconds of GETting a URL `repeat` times."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = requests.get(url, timeout=120)
        response.raise_for_status()
        times.append((time.perf_counter() - start) * 1000)
    return {
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "bytes": len(response.content),
    }


def ogr2ogr(base: str, folder: Path, page_size: int | None) -> float:
    """Seconds for GDAL to copy the sketches collection into a GeoPackage."""
    target = folder / f"copy-{page_size}.gpkg"
    options = ["-oo", f"PAGE_SIZE={page_size}"] if page_size else []
    start = time.perf_counter()
    subprocess.run(
        ["ogr2ogr", "-f", "GPKG", str(target), f"OAPIF:{base}/ogcapi", "sketches", *options],
        check=True,
        capture_output=True,
    )
    return round(time.perf_counter() - start, 2)


def main() -> None:
    """Build, serve, measure, print."""
    parser = argparse.ArgumentParser(prog="python -m bench.opendata")
    parser.add_argument("--sketches", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with fresh_app(LIMIT_OGCAPI="100000/minute", LIMIT_EXPORTS="100000/minute") as (app, folder), served(app) as base:
        workshop_id = build(app.extensions["cowork"], args.sketches)
        items = f"{base}/ogcapi/collections/sketches/items"
        figures = {
            "sketches": args.sketches,
            "first_page_of_10_cold": timed(f"{items}?limit=10", 1),
            "page_of_10": timed(f"{items}?limit=10&offset=500", args.repeat),
            "page_of_1000": timed(f"{items}?limit=1000", max(3, args.repeat // 4)),
            "bbox_page": timed(f"{items}?limit=100&bbox=76.950,43.258,76.953,43.261", args.repeat),
            "collections": timed(f"{base}/ogcapi/collections", args.repeat),
            "one_feature": timed(f"{items}?limit=1", args.repeat),
            "baseline_export_geojson": timed(
                f"{base}/api/workshops/{workshop_id}/export.geojson", max(3, args.repeat // 4)
            ),
            "ogr2ogr_default_pages_s": ogr2ogr(base, folder, None),
            "ogr2ogr_pages_of_1000_s": ogr2ogr(base, folder, 1000),
        }
        print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
