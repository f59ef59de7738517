"""The ten-year city of `bench.city10`, built fast but honestly, and kept on disk between runs.

One workshop is built through the services (ten designs of `elements` each, by ten people; voted on, closed; its
most voted design adopted and visited), exported as an archive, then imported N times through
`ArchiveService.import_archive` (the service layer, one transaction per workshop, its geometry checks and the
published-feature keepers included), each copy with fresh ids and shifted to its own place on a grid centred on
Panfilov Park (../shared/fixtures/almaty-sites.geojson), about 30 % of them with the adopted project and its visit.
The result is kept under the cache folder keyed by (size, backend, schema revision): a SQLite file, or a PostgreSQL
database used as the template of each run's working copy.
"""

from __future__ import annotations

import copy
import json
import os
import random
import re
import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapely.geometry import Point, box, mapping, shape
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from cowork import create_app
from cowork.archive.payloads import ArchiveIn
from cowork.config import TestConfig
from cowork.ops import migrate
from cowork.supervision.payloads import ObservationIn, ProjectCreate, VisitCreate
from cowork.workshop.payloads import DesignCreate, ElementAdd, Join, PhaseSet, VoteChange, WorkshopCreate
from tests.support import PARK

from .servers import POSTGRES_URL

CACHE = Path(os.environ.get("BENCH_CACHE", Path.home() / ".cache" / "cowork-bench")) / "city10"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ADOPTED_SHARE = (0, 3, 6)  # replicas whose index ends in these digits carry the project: 30 %
# Of each design's elements, in this order: the kinds a park design has, points first.
MIX = (("tree", 0.4), ("bench", 0.1), ("lighting", 0.1), ("sign", 0.05), ("path", 0.15), ("bike_lane", 0.1))


@dataclass
class Seed:
    """The built workshop as archives: with its project (adopted), without (proposed), and a small one."""

    adopted: dict[str, Any]
    proposed: dict[str, Any]
    change: dict[str, Any]
    seconds: float


def _geometry(kind: str, site, rng: random.Random) -> dict[str, Any]:
    west, south, east, north = site.bounds
    while True:
        x, y = rng.uniform(west, east), rng.uniform(south, north)
        if kind in ("path", "bike_lane"):
            candidate = shape({"type": "LineString", "coordinates": [[x, y], [x + 0.0004, y + 0.0002]]})
        elif kind == "green_area":
            candidate = box(x, y, x + 0.0002, y + 0.00015)
        else:
            candidate = Point(x, y)
        if site.contains(candidate.buffer(0.0002)):
            return json.loads(json.dumps(mapping(candidate)))  # tuples to lists, as stored


def _props(kind: str, rng: random.Random) -> dict[str, Any]:
    if kind == "sign":
        return {"text": "This way", "bearing": rng.randrange(360)}
    if kind == "bike_lane":
        return {"facility": rng.choice(["separated", "painted", "shared"])}
    return {}


def build_seed(designs: int, elements: int) -> Seed:
    """One closed workshop built through the services on a scratch SQLite file, as archives."""
    started = time.perf_counter()
    rng, site = random.Random(22), shape(PARK)
    kinds = [kind for kind, share in MIX for _ in range(round(share * elements))]
    kinds += ["green_area"] * (elements - len(kinds))
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/seed.db"
        migrate.upgrade(url)
        app = create_app(TestConfig(DATABASE_URL=url, INSTANCE_DIR=folder))
        cowork = app.extensions["cowork"]
        created = cowork.workshops.create(WorkshopCreate("Park of the year", "Panfilov Park", PARK))
        facilitator = cowork.access.participant(created["facilitator_token"])
        authors, design_ids, element_ids = [], [], []
        for index in range(designs):
            author = cowork.access.participant(
                cowork.workshops.join(Join(created["join_code"], f"Resident {index}"))["token"]
            )
            design = cowork.sketches.create_design(author, DesignCreate(f"Design {index}", str(uuid.uuid4())))
            design_id = design.reply["design"]["id"]
            authors.append(author)
            design_ids.append(design_id)
            for kind in kinds:
                element_id = str(uuid.uuid4())
                element = {"id": element_id, "design_id": design_id, "kind": kind}
                element |= {"geometry": _geometry(kind, site, rng), "props": _props(kind, rng)}
                cowork.sketches.add_element(author, ElementAdd.parse(element))
                if index == 0:
                    element_ids.append(element_id)
        cowork.facilitation.set_phase(facilitator, PhaseSet("voting"))
        for index, author in enumerate(authors):
            cowork.voting.cast(author, VoteChange(design_ids[0 if index % 2 == 0 else index]))
        cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))
        adopted = cowork.supervision.adopt(
            facilitator, created["id"], ProjectCreate(design_ids[0], "Park of the year", "", "", None, None)
        ).reply
        supervisor = cowork.access.supervisor(adopted["access"][0]["key"], adopted["id"])
        built = tuple(ObservationIn(e, None, "built", None, None, "") for e in element_ids[: len(element_ids) // 2])
        cowork.supervision.record_visit(supervisor, VisitCreate(None, "2027-05-01", "", "", built))
        archive = json.loads(json.dumps(cowork.archive.export(created["id"], facilitator)))
        cowork.db.dispose()
    proposed = {**archive, "projects": []}
    return Seed(archive, proposed, _small(archive, element_ids[:10]), time.perf_counter() - started)


def _small(archive: dict[str, Any], keep: list[str]) -> dict[str, Any]:
    """The adopted workshop cut to ten elements of its adopted design, its project's plan and visit with them: the
    change `bench.city10` makes before each first read (it moves what both the workshops' and the projects'
    collections are made of, and adds ten features to a city of thousands)."""
    kept = set(keep)
    small = copy.deepcopy(archive)
    project = small["projects"][0]
    small["elements"] = [e for e in small["elements"] if e["id"] in kept]
    small["designs"] = [d for d in small["designs"] if d["id"] == project["design_id"]]
    small["votes"] = [v for v in small["votes"] if v["design_id"] == project["design_id"]]
    small["comments"], small["events"] = [], []
    project["plan"] = [e for e in project["plan"] if e["element_id"] in kept]
    for visit in project["visits"]:
        visit["observations"] = [o for o in visit["observations"] if o["element_id"] in kept]
    return small


def _shift(value: Any, east: float, north: float) -> None:
    """Move every GeoJSON geometry in a JSON value by degrees, in place (sites, elements, plans, as-built, the log)."""
    if isinstance(value, dict):
        coordinates = value.get("coordinates")
        if isinstance(coordinates, list) and isinstance(value.get("type"), str):
            value["coordinates"] = _moved(coordinates, east, north)
        for item in value.values():
            _shift(item, east, north)
    elif isinstance(value, list):
        for item in value:
            _shift(item, east, north)


def _moved(coordinates: list, east: float, north: float) -> list:
    if coordinates and isinstance(coordinates[0], (int, float)):
        return [round(coordinates[0] + east, 7), round(coordinates[1] + north, 7), *coordinates[2:]]
    return [_moved(part, east, north) for part in coordinates]


def spacing() -> tuple[float, float]:
    """Degrees between neighbouring copies east and north: the park's extent and a street between."""
    west, south, east, north = shape(PARK).bounds
    return east - west + 0.002, north - south + 0.002


def place(index: int) -> tuple[float, float]:
    """The shift of copy `index`: a square spiral out from the park, so any N fills Almaty from its centre."""
    ring = 0
    while (2 * ring + 1) ** 2 <= index:  # ring r holds the indices from (2r-1)^2 to (2r+1)^2 - 1
        ring += 1
    if ring == 0:
        return 0.0, 0.0
    position = index - (2 * ring - 1) ** 2  # 0 .. 8r-1 around the ring
    side, step = divmod(position, 2 * ring)
    x, y = [(ring, -ring + 1 + step), (ring - 1 - step, ring), (-ring, ring - 1 - step), (-ring + 1 + step, -ring)][
        side
    ]
    dx, dy = spacing()
    return x * dx, y * dy


def district() -> tuple[float, float, float, float]:
    """One district: the nine copies nearest the park (rings 0 and 1), whatever the city's size."""
    dx, dy = spacing()
    west, south, east, north = shape(PARK).bounds
    return (west - dx - 0.0005, south - dy - 0.0005, east + dx + 0.0005, north + dy + 0.0005)


def replica(archive: dict[str, Any], index: int, salt: str) -> dict[str, Any]:
    """Archive `index` of the city: every id made new (the same one wherever it recurs), moved to its place."""
    ids: dict[str, str] = {}

    def fresh(match: re.Match) -> str:
        old = match.group(0)
        if old not in ids:
            ids[old] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{salt}/{index}/{old}"))
        return ids[old]

    copied = json.loads(UUID.sub(fresh, json.dumps(archive)))
    copied["workshop"]["title"] = f"{archive['workshop']['title']} {index}"
    _shift(copied, *place(index))
    return copied


def import_city(url: str, seed: Seed, workshops: int, progress: bool = True) -> float:
    """Import `workshops` copies of the seed into a migrated database; the seconds it took."""
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(TestConfig(DATABASE_URL=url, INSTANCE_DIR=folder))
        archive_service = app.extensions["cowork"].archive
        started = time.perf_counter()
        for index in range(workshops):
            source = seed.adopted if index % 10 in ADOPTED_SHARE else seed.proposed
            archive_service.import_archive(ArchiveIn.parse(replica(source, index, "city")))
            if progress and (index + 1) % 50 == 0:
                print(f"city10: {index + 1}/{workshops} workshops imported", flush=True)
        seconds = time.perf_counter() - started
        app.extensions["cowork"].db.dispose()
    return seconds


# ------------------------------------------------------------------ the cache


def _admin(statement: str) -> None:
    engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def _postgres_url(database: str) -> str:
    return make_url(POSTGRES_URL).set(database=database).render_as_string(hide_password=False)


@dataclass
class City:
    """A built city in the cache and how long it took to build."""

    backend: str
    workshops: int
    key: str
    meta: dict[str, Any]

    def working_copy(self, folder: Path) -> str:
        """A database URL for one run: a copy of the kept city (the run adds workshops and tablets' edits)."""
        if self.backend == "sqlite":
            target = folder / "city.db"
            shutil.copyfile(CACHE / f"{self.key}.db", target)
            return f"sqlite:///{target}"
        name = f"{self.key}_run"
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.key}"')
        return _postgres_url(name)

    def drop_working_copy(self) -> None:
        """Drop the run's PostgreSQL copy (a SQLite copy goes with its folder)."""
        if self.backend == "postgres":
            _admin(f'DROP DATABASE IF EXISTS "{self.key}_run" WITH (FORCE)')


def city(backend: str, workshops: int, designs: int, elements: int, rebuild: bool) -> City:
    """The city of this size on this backend, from the cache or built now (and kept)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    key = f"city10_{backend}_{workshops}x{designs}x{elements}_{migrate.head()[:12]}"
    meta_path = CACHE / f"{key}.json"
    if meta_path.exists() and not rebuild:
        return City(backend, workshops, key, {**json.loads(meta_path.read_text()), "from_cache": True})
    print(f"city10: building {workshops} workshops on {backend} (kept as {key})", flush=True)
    seed = build_seed(designs, elements)
    if backend == "sqlite":
        target = CACHE / f"{key}.db"
        for leftover in CACHE.glob(f"{key}.db*"):
            leftover.unlink()
        url = f"sqlite:///{target}"
    else:
        _admin(f'DROP DATABASE IF EXISTS "{key}" WITH (FORCE)')
        _admin(f'CREATE DATABASE "{key}"')
        url = _postgres_url(key)
    migrate.upgrade(url)
    seconds = import_city(url, seed, workshops)
    meta = {
        "workshops": workshops,
        "designs_per_workshop": designs,
        "elements_per_design": elements,
        "elements": workshops * designs * elements,
        "adopted": sum(1 for i in range(workshops) if i % 10 in ADOPTED_SHARE),
        "seed_through_services_s": round(seed.seconds, 1),
        "import_s": round(seconds, 1),
        "import_per_workshop_s": round(seconds / max(1, workshops), 3),
        "schema": migrate.head(),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    (CACHE / f"{key}.seed.json").write_text(json.dumps(seed.change))
    meta_path.write_text(json.dumps(meta, indent=1))
    return City(backend, workshops, key, {**meta, "from_cache": False})


def change_archive(city_: City, round_: int) -> dict[str, Any]:
    """The small closed workshop imported before a first read, fresh ids each round, placed just off the city."""
    small = json.loads((CACHE / f"{city_.key}.seed.json").read_text())
    return replica(small, 10_000 + round_, f"change-{time.time_ns()}")
