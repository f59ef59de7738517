"""The city after ten years (issue 22): a city of N closed workshops served as deployed, its readers timed while
live tablets draw, and pygeoapi serving the same published features beside it.

    python -m bench.city10 --workshops 1000 [--baseline 25] [--database sqlite,postgres] [--rebuild]
                           [--tablets 20] [--drawers 4] [--rate 2] [--phase 10] [--repeat 20] [--no-peer]

For each database and each size (the baseline, 25 workshops, then N): the city is taken from the cache or built
(bench/citybuild.py says how), a working copy is served by `python run.py` (gunicorn's gevent worker, as deployed;
pinned to core 0, the tablets' generator to core 1), and an open workshop gets `--tablets` live tablets,
`--drawers` of them drawing `--rate` elements a second each. A quiet phase measures their ack and broadcast
latency with nothing else running; then for each read (bench/cityreads.py) a small closed workshop is imported
(a change of what is published), and a phase of `--phase` seconds runs that read from its start: the first time
(after the change), then again until the phase ends (at most `--repeat` times), while the tablets draw. Then the
peer (bench/citypeer.py): cowork's GeoPackage of the city served by pygeoapi, the same pages asked of both, no
tablets. The result goes to bench/results/ as JSON (scenario `city10`); `python -m bench render --into
docs/performance.md` writes its table. Not a pytest test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

from . import citybuild, citypeer, cityreads, stats
from .runner import GeneratorProcess, cpu_pressure
from .scenarios import machine, save
from .servers import THREADS, Server
from .shapes import SITE

LIMITS = dict.fromkeys(("OGCAPI", "CITY", "EXPORTS", "WORKSHOPS"), "1000000/minute")


class Tablets:
    """The live tablets of one open workshop, driven phase by phase by a generator process (bench/load.py)."""

    def __init__(self, server: Server, folder: Path, count: int, drawers: int, rate: float, cores: str | None):
        self.rate, self.generator = rate, None
        if not count:
            return
        answer = requests.post(
            server.url + "/api/workshops", json={"title": "Live", "site_name": "park", "boundary": SITE}, timeout=60
        )
        answer.raise_for_status()
        workshop = answer.json()
        self.per_workshop = {workshop["id"]: count}
        tablets = [
            {"url": server.url, "code": workshop["join_code"], "workshop": workshop["id"], "sender": i < drawers}
            for i in range(count)
        ]
        spec = {"tablets": tablets, "name": "city10-", "seed": 1, "connect_concurrency": 20}
        self.generator = GeneratorProcess(spec, folder / "tablets", cores)
        self.generator.expect("ready", 120)
        self.phases = 0

    def start(self, seconds: float) -> float:
        """Start a phase of drawing (in a second from now); the instant it starts."""
        start = time.monotonic() + 1.0
        if self.generator:
            self.phases += 1
            order = {"index": self.phases, "mode": "open", "rate": self.rate, "start": start, "duration": seconds}
            self.generator.send("go " + json.dumps({**order, "drain": 15}))
        return start

    def quiet(self, seconds: float) -> dict[str, Any] | None:
        """A phase of drawing with nothing else running."""
        self.start(seconds)
        return self.finish(seconds)

    def finish(self, seconds: float) -> dict[str, Any] | None:
        """The phase's ack and broadcast latency once it is over."""
        if not self.generator:
            return None
        try:
            self.generator.expect("done", seconds + 120)
        except RuntimeError as exc:
            # The server dropped the tablets (a worker killed): the reads go on without them, and this says so.
            self.generator.stop()
            self.generator = None
            return {"lost": str(exc)[:200]}
        part = json.loads(Path(f"{self.generator.prefix}.{self.phases}.json").read_text())
        merged = stats.merge_phase([part], self.per_workshop)
        return {
            "ack_ms": merged["ack_ms"],
            "fanout_ms": merged["fanout_ms"],
            "accepted_per_s": merged["accepted_per_s"],
            "refused": merged["refused"],
            "cpu_pressure": cpu_pressure(),
        }

    def end(self) -> dict[str, Any] | None:
        """Gaps and duplicates over the whole run (both must be zero)."""
        if not self.generator:
            return None
        self.generator.send("end")
        self.generator.expect("end", 120)
        integrity = stats.merge_end([json.loads(Path(f"{self.generator.prefix}.end.json").read_text())])
        self.generator.stop()
        return integrity

    def stop(self) -> None:
        if self.generator:
            self.generator.stop()


def _ratio(during: dict[str, Any] | None, quiet: dict[str, Any] | None, key: str) -> float | None:
    if not during or not quiet or key not in during or key not in quiet:
        return None
    a, b = during[key].get("p99"), quiet[key].get("p99")
    return round(a / b, 2) if a is not None and b else None


def _worker_timeouts(server: Server) -> int:
    """How many times gunicorn has killed the serving worker for blocking past its timeout, so far."""
    return server.log_path.read_text(errors="replace").count("WORKER TIMEOUT")


def _change(server: Server, city: citybuild.City, round_: int) -> float:
    """Import a small closed workshop over HTTP (what is published changes); the seconds it took."""
    started = time.perf_counter()
    answer = requests.post(
        server.url + "/api/workshops/import", json=citybuild.change_archive(city, round_), timeout=600
    )
    answer.raise_for_status()
    return round(time.perf_counter() - started, 2)


def measure(city: citybuild.City, options: argparse.Namespace, folder: Path) -> dict[str, Any]:
    """One city served as deployed: the quiet tablets, each read while they draw, memory, the peer."""
    env = {
        "COWORK_DATABASE_URL": city.working_copy(folder),
        "COWORK_INSTANCE_DIR": str(folder / "instance"),
        "COWORK_TILE_URL": "",
        "COWORK_THREADS": THREADS,
        "PYTHONUNBUFFERED": "1",
        **{f"COWORK_LIMIT_{name}": value for name, value in LIMITS.items()},
    }
    server_cores, generator_cores = ("0", "1") if options.pin else (None, None)
    server = Server("cowork", "runpy", env, folder / "cowork.log", server_cores).start(timeout=600)
    memory = cityreads.Memory(server.process.pid)
    tablets = None
    try:
        rss_start = memory.now()
        tablets = Tablets(server, folder, options.tablets, options.drawers, options.rate, generator_cores)
        quiet_before = tablets.quiet(options.phase)
        memory.phase()
        # What the reads name: a workshop of the city (from the small `sites` collection: one feature a workshop),
        # a page in the middle of the sketches.
        sites = requests.get(f"{server.url}/ogcapi/collections/sites/items?limit=1", timeout=600).json()
        workshop_id = sites["features"][0]["properties"]["workshop_id"]
        deep = city.meta["elements"] // 2
        district = ",".join(f"{v:.6f}" for v in citybuild.district())
        results: dict[str, Any] = {}
        gpkg = folder / "city.gpkg"
        wanted = set(filter(None, options.reads.split(",")))
        chosen = [r for r in cityreads.reads(district, workshop_id, deep) if r.name in wanted or not wanted]
        for number, read in enumerate(chosen):
            change_s = _change(server, city, number)
            start = tablets.start(options.phase)
            reader = cityreads.Reader(server.url, read, start, start + options.phase, options.repeat)
            reader.start()
            during = tablets.finish(options.phase)
            reader.join()
            figures = reader.figures()
            killed = _worker_timeouts(server)
            results[read.name] = {
                **figures,
                # gunicorn kills a worker whose loop is blocked past its timeout (30 s), and every tablet with it.
                "worker_timeouts": killed - sum(r["worker_timeouts"] for r in results.values()),
                "change_s": change_s,
                "rss_peak_mb": memory.phase(),
                "tablets": during,
                "ack_p99_vs_quiet": _ratio(during, quiet_before, "ack_ms"),
                "fanout_p99_vs_quiet": _ratio(during, quiet_before, "fanout_ms"),
            }
            print(f"city10: {city.backend} {city.workshops}: {read.name} {json.dumps(figures)}", flush=True)
        quiet_after = tablets.quiet(options.phase)
        integrity = tablets.end()
        rss_after = memory.now()
        peer = None
        if options.peer:
            try:
                export = requests.get(server.url + "/api/city/export.gpkg", timeout=3600)
                export.raise_for_status()
                gpkg.write_bytes(export.content)
                peer = compare(server, gpkg, district, workshop_id, deep, options, folder)
            except (requests.RequestException, RuntimeError, subprocess.CalledProcessError) as exc:
                peer = {"error": f"{type(exc).__name__}: {str(exc)[:200]}"}
        return {
            "database": city.backend,
            "workshops": city.workshops,
            "build": city.meta,
            "rss_mb": {"start": rss_start, "peak": round(memory.peak, 1), "after": rss_after},
            "tablets": {"quiet_before": quiet_before, "quiet_after": quiet_after, "integrity": integrity},
            "reads": results,
            "peer": peer,
        }
    finally:
        memory.stop()
        if tablets:
            tablets.stop()
        server.stop()
        city.drop_working_copy()


def compare(
    server: Server, gpkg: Path, district: str, workshop_id: str, deep: int, options, folder: Path
) -> dict[str, Any]:
    """The same pages of cowork and of pygeoapi on cowork's GeoPackage, one after the other, no tablets."""
    box = [float(v) for v in district.split(",")]
    peer = citypeer.start(folder, gpkg, box, "0" if options.pin else None)
    try:
        ours = citypeer.pages(server.url + "/ogcapi", district, workshop_id, deep)
        theirs = citypeer.pages(peer.url, district, workshop_id, deep)
        figures = {}
        for name in ours:
            cowork = cityreads.timed(ours[name], options.repeat)
            pygeoapi = cityreads.timed(theirs[name], options.repeat)
            ratio = round(cowork["p99_ms"] / pygeoapi["p99_ms"], 2) if pygeoapi["p99_ms"] else None
            figures[name] = {"cowork": cowork, "pygeoapi": pygeoapi, "p99_ratio": ratio}
        return figures
    finally:
        peer.stop()
        citypeer.drop()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.city10", description=__doc__.split("\n\n")[0])
    parser.add_argument("--workshops", type=int, default=1000)
    parser.add_argument("--baseline", type=int, default=25, help="the size measured first for comparison (0: none)")
    parser.add_argument("--database", default="sqlite", help="sqlite, postgres or both: sqlite,postgres")
    parser.add_argument("--designs", type=int, default=10, help="designs per workshop")
    parser.add_argument("--elements", type=int, default=100, help="elements per design")
    parser.add_argument("--rebuild", action="store_true", help="build the cities again, whatever the cache holds")
    parser.add_argument("--tablets", type=int, default=20)
    parser.add_argument("--drawers", type=int, default=4)
    parser.add_argument("--rate", type=float, default=2.0, help="elements a second each drawing tablet adds")
    parser.add_argument("--phase", type=float, default=10.0, help="seconds of tablets per read")
    parser.add_argument("--repeat", type=int, default=20, help="times each read runs in its phase (at most)")
    parser.add_argument("--no-peer", dest="peer", action="store_false", help="leave pygeoapi out")
    parser.add_argument("--no-pin", dest="pin", action="store_false")
    parser.add_argument("--tag", default="", help="a name for this result beside its scenario's")
    parser.add_argument("--reads", default="", help="only these reads, by name (comma separated)")
    parser.add_argument("--out", default="", help="write the result to this file instead of bench/results/")
    return parser


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Build or reuse each city, measure it, print and save the result."""
    options = _parser().parse_args(argv)
    sizes = sorted({size for size in (options.baseline, options.workshops) if size > 0})
    points = []
    for backend in [b for b in options.database.split(",") if b]:
        for size in sizes:
            started = time.perf_counter()
            city = citybuild.city(backend, size, options.designs, options.elements, options.rebuild)
            ready_s = time.perf_counter() - started
            with tempfile.TemporaryDirectory(prefix="city10-") as name:
                try:
                    point = measure(city, options, Path(name))
                except Exception as exc:  # a size that fails is a figure too; the next size still runs
                    log = (Path(name) / "cowork.log").read_text(errors="replace")[-3000:]
                    point = {"database": backend, "workshops": size, "build": city.meta, "error": repr(exc), "log": log}
                if options.out:  # the server's log beside the result (gunicorn's worker kills are in it)
                    shutil.copyfile(Path(name) / "cowork.log", Path(f"{options.out}.{backend}-{size}.log"))
            point["city_ready_s"] = round(ready_s, 1)
            points.append(point)
            print(f"city10: {backend} {size} done: {json.dumps(point)[:2000]}", flush=True)
    result = {
        "scenario": "city10",
        **({"name": f"city10-{options.tag}"} if options.tag else {}),
        "params": {k: v for k, v in vars(options).items() if k not in ("out", "tag")},
        "machine": machine(),
        "points": points,
    }
    print(json.dumps(result, indent=1))
    if options.out:
        Path(options.out).write_text(json.dumps(result, indent=1))
    else:
        save(result)
    return result


if __name__ == "__main__":
    main()
    os._exit(0)  # the generator's and Playwright's threads need no orderly goodbye
