"""What the city map costs: the keeper's share of a change (a visit recorded with and without the city's keeper),
GET /api/city (the kept figures) and GET /api/city/layers (the whole city at low zoom, one site up close).

    python -m bench.city [--workshops 20] [--lanes 100] [--signs 20] [--repeat 20]

Builds N closed workshops side by side through the services on a fresh SQLite file, each with one design of
`--lanes` bike lanes (short streets of a grid, some ends apart so the network has parts and gaps) and `--signs`
signs with random bearings; every other workshop's design is adopted and visited (half its lanes built), the rest
are proposed. Serves the app on a free port (threaded, in process) and prints the figures as JSON. Not a pytest test.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import statistics
import time
import uuid

import requests
from pyproj import Geod

from cowork.city import store as city_store
from cowork.supervision.payloads import ObservationIn, ProjectCreate, VisitCreate
from cowork.workshop.payloads import DesignCreate, ElementAdd, Join, PhaseSet, VoteChange, WorkshopCreate

from .inprocess import fresh_app, served

GEOD = Geod(ellps="WGS84")
ORIGIN = (76.85, 43.20)
SITE_M = 1000.0  # each workshop's square site
STEP_M = 1100.0  # sites side by side, 100 m apart


def at(origin: tuple[float, float], east_m: float, north_m: float) -> list[float]:
    """A position east and north of an origin, in metres, as stored (7 decimals)."""
    lon, lat, _ = GEOD.fwd(origin[0], origin[1], 0, north_m)
    lon, lat, _ = GEOD.fwd(lon, lat, 90, east_m)
    return [round(lon, 7), round(lat, 7)]


def build(cowork, workshops: int, lanes: int, signs: int) -> list:
    """The city described above; each adopted project's supervisor."""
    rng = random.Random(12)
    supervisors = []
    for index in range(workshops):
        corner = at(ORIGIN, (index % 5) * STEP_M, (index // 5) * STEP_M)
        ring = [at(corner, e, n) for e, n in ((0, 0), (SITE_M, 0), (SITE_M, SITE_M), (0, SITE_M), (0, 0))]
        created = cowork.workshops.create(
            WorkshopCreate(f"Bench {index}", "Bench site", {"type": "Polygon", "coordinates": [ring]})
        )
        facilitator = cowork.access.participant(created["facilitator_token"])
        author = cowork.access.participant(cowork.workshops.join(Join(created["join_code"], "Bench"))["token"])
        design = cowork.sketches.create_design(author, DesignCreate("Streets", str(uuid.uuid4()))).reply["design"]["id"]
        ids = []
        for lane in range(lanes):
            # Streets of a 10 x 10 grid, 96 m long, every seventh one short of its junction by 8 to 60 m; the grids of
            # neighbouring sites 140 m apart (gaps between them).
            row, column, across = (lane // 2) % 10, (lane // 20) % 10, lane % 2
            start = (20 + column * 96, 20 + row * 96)
            end = (start[0] + 96, start[1]) if across else (start[0], start[1] + 96)
            if lane % 7 == 3:
                end = (end[0] - rng.uniform(8, 60) * across, end[1] - rng.uniform(8, 60) * (1 - across))
            geometry = {"type": "LineString", "coordinates": [at(corner, *start), at(corner, *end)]}
            ids.append(
                _add(
                    cowork,
                    author,
                    design,
                    "bike_lane",
                    geometry,
                    {"facility": rng.choice(["separated", "painted", "shared"])},
                )
            )
        for _ in range(signs):
            position = at(corner, rng.uniform(20, SITE_M - 20), rng.uniform(20, SITE_M - 20))
            _add(
                cowork,
                author,
                design,
                "sign",
                {"type": "Point", "coordinates": position},
                {"text": "This way", "bearing": rng.randrange(360)},
            )
        cowork.facilitation.set_phase(facilitator, PhaseSet("voting"))
        cowork.voting.cast(author, VoteChange(design))
        cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))
        if index % 2 == 0:
            adopted = cowork.supervision.adopt(
                facilitator, created["id"], ProjectCreate(design, f"Streets {index}", "", "", None, None)
            ).reply
            supervisor = cowork.access.supervisor(adopted["access"][0]["key"], adopted["id"])
            supervisors.append(supervisor)
            cowork.supervision.record_visit(
                supervisor,
                VisitCreate(
                    None,
                    (datetime.date(2027, 1, 1) + datetime.timedelta(days=index)).isoformat(),
                    "",
                    "",
                    tuple(ObservationIn(element_id, None, "built", None, None, "") for element_id in ids[: lanes // 2]),
                ),
            )
    return supervisors


def _add(cowork, who, design: str, kind: str, geometry: dict, props: dict) -> str:
    element_id = str(uuid.uuid4())
    cowork.sketches.add_element(
        who,
        ElementAdd.parse({"id": element_id, "design_id": design, "kind": kind, "geometry": geometry, "props": props}),
    )
    return element_id


def box(bbox: list[float]) -> str:
    return ",".join(str(v) for v in bbox)


def timed(call, repeat: int) -> dict[str, float]:
    """Median and worst milliseconds of `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return {"median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)}


def main() -> None:
    """Build, measure in process and over HTTP, print."""
    parser = argparse.ArgumentParser(prog="python -m bench.city")
    parser.add_argument("--workshops", type=int, default=20)
    parser.add_argument("--lanes", type=int, default=100)
    parser.add_argument("--signs", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with fresh_app(LIMIT_CITY="100000/minute") as (app, _folder):
        cowork = app.extensions["cowork"]
        start = time.perf_counter()
        supervisor = build(cowork, args.workshops, args.lanes, args.signs)[0]
        built_s = time.perf_counter() - start

        project = next(p for p in cowork.city.city()["projects"] if p["id"] == supervisor.project_id)

        def visit() -> None:
            cowork.supervision.record_visit(supervisor, VisitCreate(None, "2027-06-01", "", "", ()))

        with_keeper = timed(visit, max(3, args.repeat // 4))
        cowork.db.before_commit.remove(city_store.keep)
        without_keeper = timed(visit, max(3, args.repeat // 4))
        cowork.db.before_commit.append(city_store.keep)
        visit()  # the city follows the visits recorded without its keeper
        answer = cowork.city.city()
        west, south = at(ORIGIN, -100, -100)
        east, north = at(ORIGIN, 5 * STEP_M, (args.workshops // 5 + 1) * STEP_M)
        whole, close = f"bbox={west},{south},{east},{north}&zoom=12", f"bbox={box(project['bbox'])}&zoom=16"
        with served(app) as base:
            body = requests.get(f"{base}/api/city", timeout=120).content
            get = timed(lambda: requests.get(f"{base}/api/city", timeout=120).raise_for_status(), args.repeat)
            layers = {}
            for name, query in (("whole_city_zoom_12", whole), ("one_site_zoom_16", close)):
                url = f"{base}/api/city/layers?{query}"
                layers[name] = {
                    **timed(lambda url=url: requests.get(url, timeout=120).raise_for_status(), args.repeat),
                    "bytes": len(requests.get(url, timeout=120).content),
                }
        figures = {
            "workshops": args.workshops,
            "lanes": args.workshops * args.lanes,
            "signs": answer["signs"],
            "parts": answer["cycle_network"]["parts"],
            "gaps": len(answer["cycle_network"]["gaps"]),
            "signs_to_review": len(answer["signs_to_review"]),
            "building_the_city_through_the_services_s": round(built_s, 1),
            "visit_with_the_city_keeper": with_keeper,
            "visit_without_it": without_keeper,
            "city_figures": timed(cowork.city.city, args.repeat),
            "get_api_city": get,
            "get_api_city_bytes": len(body),
            "get_api_city_layers": layers,
        }
        print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
