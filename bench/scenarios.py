"""The scenarios: each runs the relay and cowork in the same run, under the same load, and keeps both figures."""

from __future__ import annotations

import json
import platform
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import joining, stats
from bench.runner import Load, Plan, fixed_plan, measure
from bench.servers import ROOT, Deployment

RESULTS = ROOT / "bench" / "results"


@dataclass
class Options:
    """What every scenario takes: how to serve, where to pin, how long to measure, how often to repeat."""

    server: str = "werkzeug"
    database: str = "sqlite"
    duration: float = 20.0
    repeat: int = 1
    generators: int = 1
    pin: bool = True
    # Tablets offer permessage-deflate, as browsers do.
    deflate: bool = False
    # Names a result apart from the scenario's other results (docs/performance.md's markers use it).
    tag: str = ""
    # Server processes behind Redis (tablets split between them); more than one implies no pinning.
    processes: int = 1
    workdir: Path = field(default_factory=lambda: Path("/tmp/cowork-bench"))
    # Called with the servers once the tablets are connected (the profiler hooks in here).
    hook: Callable | None = None

    @property
    def server_cores(self) -> str | None:
        return "0" if self.pin else None

    @property
    def generator_cores(self) -> str | None:
        return "1" if self.pin else None

    def deployments(self, **overrides) -> list[Deployment]:
        """The relay and cowork, served alike."""
        cores = self.server_cores if self.processes == 1 else None
        common = {
            "server": self.server,
            "database": self.database,
            "cores": cores,
            "processes": self.processes,
            **overrides,
        }
        return [Deployment("relay", **common), Deployment("cowork", **common)]


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    load = Path("/proc/loadavg").read_text().split()[:3]
    return {
        "cores": __import__("os").cpu_count(),
        "python": platform.python_version(),
        "commit": commit,
        "load_before": load,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def save(result: dict[str, Any]) -> Path:
    """Write a result under bench/results/ (git-ignored) and say where."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = RESULTS / f"{stamp}-{result.get('name', result['scenario'])}.json"
    path.write_text(json.dumps(result, indent=1))
    print(f"wrote {path.relative_to(ROOT)}", flush=True)
    return path


def headline(run: dict[str, Any], phase: int = 0) -> dict[str, Any]:
    """The figures of one phase of one measurement that the tables show."""
    figures = run["phases"][phase]
    return {
        "fanout_ms": figures["fanout_ms"],
        "last_tablet_ms": figures["last_tablet_ms"],
        "ack_ms": figures["ack_ms"],
        "accepted_per_s": figures["accepted_per_s"],
        "offered_per_s": figures["offered_per_s"],
        "refused": figures["refused"],
        "unacked": figures["unacked"],
        "missing_deliveries": figures["missing_deliveries"],
        "generator_cpu": figures["generator_cpu"],
        "gaps": run["integrity"]["gaps"],
        "duplicates": run["integrity"]["duplicates"],
        "kb_per_tablet": run["kb_per_tablet"],
        "connect_s": run["connect_s"],
        "rss_ready_mb": run["rss_ready_mb"],
        "cpu_pressure": figures.get("cpu_pressure"),
    }


def compare(
    options: Options,
    load: Load,
    plan_of: Callable[[], Plan],
    key: str,
    deployments: list[Deployment] | None = None,
    pick: Callable = headline,
) -> list[dict[str, Any]]:
    """Each deployment under the same load, `repeat` times interleaved; figures and ratios to the first (the relay)."""
    deployments = deployments or options.deployments()
    rounds = []
    for attempt in range(options.repeat):
        measured = {}
        for deployment in deployments:
            print(f"  {key}: {deployment.label} (round {attempt + 1})", flush=True)
            run = measure(deployment, load, plan_of(), options.workdir / key, options.hook)
            measured[deployment.label] = {"figures": pick(run), "run": run}
        baseline = measured[deployments[0].label]["figures"]
        for entry in measured.values():
            entry["ratio"] = stats.ratios(entry["figures"], baseline) if "fanout_ms" in entry["figures"] else {}
        rounds.append(measured)
    return rounds


def _load(options: Options, **fields) -> Load:
    return Load(
        generators=options.generators, generator_cores=options.generator_cores, deflate=options.deflate, **fields
    )


def _result(name: str, options: Options, params: dict[str, Any], points: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "scenario": name,
        "name": f"{name}-{options.tag}" if options.tag else name,
        "machine": machine(),
        "server": options.server,
        "database": options.database,
        "pinned": options.pin,
        "processes": options.processes,
        "deflate": options.deflate,
        "repeat": options.repeat,
        "params": params,
        "points": points,
    }


# ------------------------------------------------------------------ fan-out sweeps


def tablets(options: Options, sizes=(10, 50, 200, 300, 500), rate: float = 10.0, drawers: int = 10) -> dict[str, Any]:
    """Tablets in one workshop, `rate` edits a second from `drawers` of them: fan-out and memory per tablet."""
    points = []
    for size in sizes:
        drawing = min(drawers, size)
        order = {"mode": "open", "rate": rate / drawing, "duration": options.duration}
        load = _load(options, workshops=1, tablets=size, drawers=drawing)
        points.append(
            {"size": size, "rounds": compare(options, load, lambda order=order: fixed_plan([order]), f"tablets-{size}")}
        )
    return _result("tablets", options, {"sizes": list(sizes), "rate": rate, "drawers": drawers}, points)


def workshops(
    options: Options, sizes=(1, 10, 50), tablets_each: int = 20, rate: float = 1.0, drawers: int = 1
) -> dict[str, Any]:
    """Workshops at once, each of `tablets_each` tablets with `rate` edits a second."""
    points = []
    for size in sizes:
        order = {"mode": "open", "rate": rate / drawers, "duration": options.duration}
        load = _load(options, workshops=size, tablets=tablets_each, drawers=drawers)
        points.append(
            {
                "size": size,
                "rounds": compare(options, load, lambda order=order: fixed_plan([order]), f"workshops-{size}"),
            }
        )
    return _result("workshops", options, {"sizes": list(sizes), "tablets": tablets_each, "rate": rate}, points)


# ------------------------------------------------------------------ saturation


RAMP = (5, 10, 20, 30, 40, 60, 80, 100, 130, 160, 200, 250, 320)


def ramp_plan(drawers: int, rates, step: float, limit_ms: float, closed_s: float) -> Plan:
    """Offered edits a second stepped up until p99 fan-out passes the limit or the server falls behind, then one
    closed-loop phase (every drawing tablet sends its next edit as soon as its ack is back)."""
    rates = list(rates)

    def plan(done: list[dict[str, Any]]) -> dict[str, Any] | None:
        ramping = [p for p in done if p["order"]["mode"] == "open"]
        over = ramping and (ramping[-1]["fanout_ms"]["p99"] or 0) > limit_ms
        behind = ramping and ramping[-1]["accepted_per_s"] < 0.9 * ramping[-1]["offered_per_s"]
        if len(ramping) < len(rates) and not over and not behind and len(done) == len(ramping):
            return {"mode": "open", "rate": rates[len(ramping)] / drawers, "duration": step}
        if not any(p["order"]["mode"] == "closed" for p in done) and closed_s > 0:
            return {"mode": "closed", "duration": closed_s}
        return None

    return plan


def saturation_figures(limit_ms: float) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """The saturation point of a ramp (accepted edits a second with p99 under the limit) and the closed loop."""

    def pick(run: dict[str, Any]) -> dict[str, Any]:
        steps = [p for p in run["phases"] if p["order"]["mode"] == "open"]
        good = [
            p
            for p in steps
            if (p["fanout_ms"]["p99"] or 1e9) <= limit_ms and p["accepted_per_s"] >= 0.9 * p["offered_per_s"]
        ]
        closed = next((p for p in run["phases"] if p["order"]["mode"] == "closed"), None)
        best = max(good, key=lambda p: p["accepted_per_s"]) if good else None
        return {
            "saturation_per_s": best["accepted_per_s"] if best else 0.0,
            "saturation_p99_ms": best["fanout_ms"]["p99"] if best else None,
            "steps": [
                {"offered": p["offered_per_s"], "accepted": p["accepted_per_s"], "p99": p["fanout_ms"]["p99"]}
                for p in steps
            ],
            "closed_per_s": closed["accepted_per_s"] if closed else None,
            "closed_fanout_ms": closed["fanout_ms"] if closed else None,
            "closed_ack_ms": closed["ack_ms"] if closed else None,
            "gaps": run["integrity"]["gaps"],
            "duplicates": run["integrity"]["duplicates"],
            "generator_cpu": max(p["generator_cpu"] for p in run["phases"]),
        }

    return pick


def saturation_ratios(rounds: list[dict[str, Any]], baseline_label: str) -> None:
    """Saturation and closed-loop throughput as fractions of the relay's."""
    for measured in rounds:
        base = measured[baseline_label]["figures"]
        for entry in measured.values():
            figures = entry["figures"]
            entry["ratio"] = {
                "saturation": stats.ratio(figures["saturation_per_s"], base["saturation_per_s"]),
                "closed": stats.ratio(figures["closed_per_s"], base["closed_per_s"]),
            }


def saturation(
    options: Options,
    tablets_n: int = 40,
    rates=RAMP,
    step: float = 8.0,
    limit_ms: float = 250.0,
    closed_s: float = 10.0,
    deployments: list[Deployment] | None = None,
    key: str = "saturation",
) -> dict[str, Any]:
    """Every one of `tablets_n` tablets drawing: the ramp's saturation point, and the closed loop's throughput."""
    load = _load(options, workshops=1, tablets=tablets_n, drawers=tablets_n, drain_s=10.0)
    deployments = deployments or options.deployments()
    rounds = compare(
        options,
        load,
        lambda: ramp_plan(tablets_n, rates, step, limit_ms, closed_s),
        key,
        deployments,
        pick=saturation_figures(limit_ms),
    )
    saturation_ratios(rounds, deployments[0].label)
    return _result(
        "saturation",
        options,
        {"tablets": tablets_n, "rates": list(rates), "step_s": step, "limit_ms": limit_ms, "closed_s": closed_s},
        [{"size": tablets_n, "rounds": rounds}],
    )


# ------------------------------------------------------------------ servers, databases, processes


def _variants(
    name: str,
    options: Options,
    variants: list[tuple[str, list[Deployment]]],
    fanout: Load,
    fanout_order: dict[str, Any],
    saturate: bool,
) -> dict[str, Any]:
    """The fan-out load and the saturation ramp for each variant (relay and cowork alike)."""
    points = []
    for label, deployments in variants:
        point = {
            "size": label,
            "rounds": compare(options, fanout, lambda: fixed_plan([fanout_order]), f"{name}-{label}", deployments),
        }
        if saturate:
            point["saturation"] = saturation(options, deployments=deployments, key=f"{name}-{label}-sat")["points"][0][
                "rounds"
            ]
        points.append(point)
    return _result(
        name,
        options,
        {
            "fanout": {"workshops": fanout.workshops, "tablets": fanout.tablets, "order": fanout_order},
            "saturation": saturate,
        },
        points,
    )


def modes(
    options: Options,
    servers=("werkzeug", "gthread", "gevent", "gunicorn-gevent", "eventlet"),
    workshops_n: int = 10,
    saturate: bool = True,
) -> dict[str, Any]:
    """Each server and async mode Flask-SocketIO supports here, relay and cowork on the same one."""
    variants = [(server, options.deployments(server=server)) for server in servers]
    load = _load(options, workshops=workshops_n, tablets=20, drawers=1)
    return _variants(
        "modes", options, variants, load, {"mode": "open", "rate": 1.0, "duration": options.duration}, saturate
    )


def databases(options: Options, workshops_n: int = 50, saturate: bool = True) -> dict[str, Any]:
    """SQLite against PostgreSQL for cowork; the relay, which has no database, once as the baseline of both."""
    relay, cowork = options.deployments()
    variants = [(db, [relay, replace(cowork, database=db)]) for db in ("sqlite", "postgres")]
    load = _load(options, workshops=workshops_n, tablets=20, drawers=1)
    return _variants(
        "databases", options, variants, load, {"mode": "open", "rate": 1.0, "duration": options.duration}, saturate
    )


def processes(options: Options, workshops_n: int = 10, saturate: bool = True) -> dict[str, Any]:
    """One process against two behind Redis (tablets split between them), unpinned so both can use both cores."""
    unpinned = replace(options, pin=False)
    variants = [(f"{n} process{'es' if n > 1 else ''}", unpinned.deployments(processes=n, cores=None)) for n in (1, 2)]
    load = _load(unpinned, workshops=workshops_n, tablets=20, drawers=1)
    return _variants(
        "processes", unpinned, variants, load, {"mode": "open", "rate": 1.0, "duration": options.duration}, saturate
    )


# ------------------------------------------------------------------ joining a big workshop


def snapshot(options: Options, sizes=(1000, 5000), joins: int = 5) -> dict[str, Any]:
    """A tablet joining a workshop of N 20-vertex polygons: connect → snapshot, its size, with and without deflate."""
    points = []
    for size in sizes:
        workdir = options.workdir / f"snapshot-{size}"
        workdir.mkdir(parents=True, exist_ok=True)
        relay_d, cowork_d = options.deployments()
        found: dict[str, Any] = {}
        cowork_servers, _ = cowork_d.start(workdir)
        try:
            url = cowork_servers[0].url
            made = joining.seed_cowork(url, size)
            first = joining.raw_snapshot(url, joining.join(url, made["join_code"], "Probe"), False, keep=True)
            elements = first.pop("snapshot")["elements"]
            found[cowork_d.label] = _joins(url, made["join_code"], joins, options.hook, cowork_servers)
            found[cowork_d.label]["in_process"] = joining.build_in_process(
                cowork_servers[0].env, url, made["join_code"]
            )
        finally:
            for server in cowork_servers:
                server.stop()
        relay_servers, _ = relay_d.start(workdir)
        try:
            url = relay_servers[0].url
            made = joining.seed_relay(url, elements)
            found[relay_d.label] = _joins(url, made["join_code"], joins, None, relay_servers)
        finally:
            for server in relay_servers:
                server.stop()
        base = found[relay_d.label]
        for entry in found.values():
            entry["ratio"] = {
                "seconds": stats.ratio(entry["plain"]["seconds"]["median"], base["plain"]["seconds"]["median"])
            }
        points.append({"size": size, "rounds": [{label: {"figures": v} for label, v in found.items()}]})
    return _result("snapshot", options, {"sizes": list(sizes), "joins": joins, "vertices": 20}, points)


def _joins(url: str, code: str, joins: int, hook: Callable | None, servers) -> dict[str, Any]:
    if hook:
        hook(servers)

    def attempt(name: str, deflate: bool) -> dict[str, Any]:
        # A join that fails (a broken stream, a refused message) is a finding, kept beside the others.
        try:
            return joining.raw_snapshot(url, joining.join(url, code, name), deflate)
        except (ConnectionError, OSError) as exc:
            return {"error": str(exc)[:200]}

    plain = [attempt(f"J{i}", False) for i in range(joins)]
    deflated = [attempt(f"D{i}", True) for i in range(joins)]
    default_client = joining.python_socketio_default(url, joining.join(url, code, "Default"))

    def summary(samples):
        good = [s for s in samples if "error" not in s] or [
            {"seconds": None, "wire_bytes": 0, "message_bytes": 0, "deflate": None, "elements": 0}
        ]
        return {
            "seconds": stats.median_spread(s["seconds"] for s in good),
            "wire_bytes": good[0]["wire_bytes"],
            "message_bytes": good[0]["message_bytes"],
            "deflate": good[0]["deflate"],
            "elements": good[0]["elements"],
            "failed": [s["error"] for s in samples if "error" in s],
        }

    return {"plain": summary(plain), "deflate": summary(deflated), "python_socketio_default": default_client}


SUITES = {
    "quick": [
        ("tablets", {"sizes": (10, 50)}),
        ("workshops", {"sizes": (1, 10)}),
        ("saturation", {"rates": (20, 40, 80, 120, 160, 240), "step": 5.0, "closed_s": 6.0}),
        ("snapshot", {"sizes": (1000,), "joins": 3}),
    ],
    "full": [
        ("tablets", {}),
        ("workshops", {}),
        ("saturation", {}),
        ("snapshot", {}),
        ("databases", {}),
        ("processes", {}),
        ("modes", {}),
    ],
}
SCENARIOS = {
    "tablets": tablets,
    "workshops": workshops,
    "saturation": saturation,
    "snapshot": snapshot,
    "modes": modes,
    "databases": databases,
    "processes": processes,
}


def run_suite(name: str, options: Options) -> list[Path]:
    """Every scenario of a suite, each saved as it finishes."""
    written = []
    for scenario, params in SUITES[name]:
        started = time.monotonic()
        print(f"{scenario} {params}", flush=True)
        written.append(save(SCENARIOS[scenario](options, **params)))
        print(f"{scenario} took {time.monotonic() - started:.0f} s", flush=True)
    return written
