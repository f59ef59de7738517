"""One measurement: a deployment started fresh, workshops made, generators connected, phases run, figures merged."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from bench import stats
from bench.servers import ROOT, Deployment, Server
from bench.shapes import SITE

# A phase order: mode "open" (rate = each drawing tablet's edits a second) or "closed", and a duration.
Order = dict[str, Any]
# Given the figures of the phases so far, the next order, or None to stop.
Plan = Callable[[list[dict[str, Any]]], Order | None]


@dataclass
class Load:
    """Who is connected and who draws: `workshops` of `tablets` each, `drawers` of them drawing."""

    workshops: int = 1
    tablets: int = 20
    drawers: int = 1
    generators: int = 1
    generator_cores: str | None = None
    drain_s: float = 15.0
    # Seconds of edits before the first measured phase: every drawing tablet's first edits pay for cold caches
    # (SQLAlchemy's compiled statements, each workshop's parsed site), which no steady state sees again.
    warmup_s: float = 3.0
    # Offer permessage-deflate as browsers do (python-socketio's client does not by default).
    deflate: bool = False
    extra: dict = field(default_factory=dict)


def fixed_plan(orders: list[Order]) -> Plan:
    """A plan that runs the given orders one after another."""

    def plan(done: list[dict[str, Any]]) -> Order | None:
        return orders[len(done)] if len(done) < len(orders) else None

    return plan


class GeneratorProcess:
    """A load generator subprocess and the lines it prints."""

    def __init__(self, spec: dict[str, Any], prefix: Path, cores: str | None):
        spec_path = prefix.with_suffix(".spec.json")
        spec_path.write_text(json.dumps(spec))
        argv = [sys.executable, "-m", "bench.load", str(spec_path), str(prefix)]
        if cores:
            argv = ["taskset", "-c", cores, *argv]
        self.prefix = prefix
        self.log = open(prefix.with_suffix(".log"), "ab")  # noqa: SIM115 (open while the process runs)
        self.process = subprocess.Popen(
            argv,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.strip())
        self.lines.put("")

    def expect(self, prefix: str, timeout: float) -> str:
        """The next line, which must start with `prefix`."""
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise RuntimeError(f"generator {self.prefix.name}: no '{prefix}' in {timeout:.0f} s") from None
        if not line.startswith(prefix):
            raise RuntimeError(f"generator {self.prefix.name} said {line!r}, not {prefix!r}; see {self.log.name}")
        return line

    def send(self, line: str) -> None:
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)


def cpu_pressure() -> float | None:
    """The share of the last 10 s in which some runnable task waited for a CPU (PSI): how busy the machine was."""
    try:
        return float(Path("/proc/pressure/cpu").read_text().split()[1].split("=")[1])
    except (OSError, IndexError, ValueError):
        return None


def _make_workshops(server: Server, count: int) -> list[dict[str, Any]]:
    made = []
    for index in range(count):
        answer = requests.post(
            server.url + "/api/workshops",
            json={"title": f"bench {index}", "site_name": "park", "boundary": SITE},
            timeout=30,
        )
        answer.raise_for_status()
        made.append(answer.json())
    return made


def _specs(load: Load, servers: list[Server], workshops: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Tablets spread over the generators, and over the server processes (a tablet sticks to one)."""
    specs = [
        {"tablets": [], "name": f"G{g}T", "seed": g + 1, "connect_concurrency": 20, "deflate": load.deflate}
        for g in range(load.generators)
    ]
    number = 0
    for workshop in workshops:
        for index in range(load.tablets):
            tablet = {
                "url": servers[number % len(servers)].url,
                "code": workshop["join_code"],
                "workshop": workshop["id"],
                "sender": index < load.drawers,
            }
            specs[number % load.generators]["tablets"].append(tablet)
            number += 1
    return specs


def measure(
    deployment: Deployment,
    load: Load,
    plan: Plan,
    workdir: Path,
    before_phases: Callable[[list[Server]], None] | None = None,
) -> dict[str, Any]:
    """Run one measurement and return its figures: connect time, memory per tablet, each phase, gaps."""
    workdir.mkdir(parents=True, exist_ok=True)
    servers, redis = deployment.start(workdir)
    generators: list[GeneratorProcess] = []
    started = time.monotonic()
    try:
        workshops = _make_workshops(servers[0], load.workshops)
        time.sleep(0.5)
        rss_idle = sum(s.rss_mb() for s in servers)
        tag = f"{deployment.label.replace('/', '_')}-{time.monotonic_ns()}"
        for g, spec in enumerate(_specs(load, servers, workshops)):
            generators.append(GeneratorProcess(spec, workdir / f"gen-{tag}-{g}", load.generator_cores))
        connect_timeout = 60 + 0.5 * load.workshops * load.tablets
        ready = [json.loads(g.expect("ready", connect_timeout)[6:]) for g in generators]
        time.sleep(1.0)  # design:created broadcasts and presence settle
        rss_ready = sum(s.rss_mb() for s in servers)
        if before_phases:
            before_phases(servers)
        per_workshop = {w["id"]: load.tablets for w in workshops}

        def run_phase(order: dict[str, Any], index: int) -> dict[str, Any]:
            order = {"drain": load.drain_s, **order, "index": index, "start": time.monotonic() + 1.0}
            for g in generators:
                g.send("go " + json.dumps(order))
            for g in generators:
                g.expect("done", order["duration"] + order["drain"] + 60)
            parts = [json.loads(Path(f"{g.prefix}.{index}.json").read_text()) for g in generators]
            figures = stats.merge_phase(parts, per_workshop)
            figures["order"] = {k: order[k] for k in ("mode", "rate", "duration") if k in order}
            figures["cpu_pressure"] = cpu_pressure()
            return figures

        warmup = run_phase({"mode": "open", "rate": 1.0, "duration": load.warmup_s}, 0) if load.warmup_s else None
        phases: list[dict[str, Any]] = []
        while (order := plan(phases)) is not None:
            phases.append(run_phase(order, len(phases) + 1))
        for g in generators:
            g.send("end")
        for g in generators:
            g.expect("end", 120)
        integrity = stats.merge_end([json.loads(Path(f"{g.prefix}.end.json").read_text()) for g in generators])
        tablets = load.workshops * load.tablets
        return {
            "deployment": deployment.label,
            "load": {
                "workshops": load.workshops,
                "tablets": load.tablets,
                "drawers": load.drawers,
                "generators": load.generators,
                "deflate": load.deflate,
            },
            "connect_s": max(r["connect_s"] for r in ready),
            "rss_idle_mb": round(rss_idle, 1),
            "rss_ready_mb": round(rss_ready, 1),
            "kb_per_tablet": round((rss_ready - rss_idle) * 1024 / tablets, 1) if tablets else None,
            "rss_after_mb": round(sum(s.rss_mb() for s in servers), 1),
            "phases": phases,
            "warmup": warmup and {k: warmup[k] for k in ("accepted", "fanout_ms")},
            "integrity": integrity,
            "seconds": round(time.monotonic() - started, 1),
        }
    finally:
        for g in generators:
            g.stop()
        for server in servers:
            server.stop()
        if redis:
            redis.stop()
