"""Where the cowork server's time goes under a load: py-spy on the serving process, summarised by function and area."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.servers import worker_pid

PY_SPY = str(Path(sys.executable).with_name("py-spy"))
FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^():]*):(?P<line>\d+)\)$")
# Which library a leaf frame belongs to, by a piece of its file path; the first match wins.
AREAS = (
    ("cowork/", "cowork's own code"),
    ("sqlalchemy", "SQLAlchemy"),
    ("sqlite3", "sqlite3 driver"),
    ("psycopg", "psycopg driver"),
    ("shapely", "shapely"),
    ("json", "JSON"),
    ("socketio", "python-socketio"),
    ("engineio", "python-engineio"),
    ("simple_websocket", "simple-websocket"),
    ("wsproto", "wsproto (framing, deflate)"),
    ("werkzeug", "Werkzeug"),
    ("gunicorn", "gunicorn"),
    ("gevent", "gevent"),
    ("eventlet", "eventlet"),
    ("redis", "redis client"),
    ("threading.py", "threading (locks, waits)"),
    ("queue.py", "queue (waits)"),
    ("selectors.py", "selectors (socket waits)"),
    ("socket.py", "socket I/O"),
    ("ssl.py", "socket I/O"),
)


# Stacks of threads that only wait for a socket or a queue: left out of the "active" view.
IDLE = ("Queue.get (queue.py)", "Socket.poll (socket.py)")
IDLE_LEAVES = (
    "Base._thread (ws.py)",
    "BaseServer.serve_forever (socketserver.py)",
    "Event.wait (threading.py)",
    "Server.sleep (server.py)",
)


class Profiler:
    """Two py-spy recordings of one process until stopped: `--gil` (where the CPU goes: only the thread holding
    the GIL is sampled) and every thread's stack (where requests wait, as for the workshop lock)."""

    def __init__(self, out: Path, rate: int = 100):
        self.out = out
        self.rate = rate
        self.processes: list[subprocess.Popen] = []
        self.pid = 0

    def path(self, view: str) -> Path:
        return self.out.with_suffix(f".{view}.txt")

    def start(self, servers) -> None:
        """Attach to the process that serves (gunicorn's worker when there is one)."""
        self.pid = worker_pid(servers[0].process.pid)
        for view, extra in (("cpu", ["--gil"]), ("wall", [])):
            self.processes.append(
                subprocess.Popen(
                    [
                        PY_SPY,
                        "record",
                        "--pid",
                        str(self.pid),
                        "--rate",
                        str(self.rate),
                        "--format",
                        "raw",
                        "--output",
                        str(self.path(view)),
                        "--nonblocking",
                        *extra,
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        time.sleep(1.0)  # py-spy attaches

    def stop(self) -> None:
        """Stop recording; py-spy writes its files on SIGINT."""
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in self.processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()

    def summaries(self) -> dict[str, Any]:
        """Both views summarised, the idle waits left out of the wall view."""
        found = {}
        for view in ("cpu", "wall"):
            if self.path(view).exists():
                found[view] = summarise(self.path(view).read_text(), drop_idle=(view == "wall"))
        return found


def _frame(text: str) -> tuple[str, str]:
    match = FRAME.match(text.strip())
    if not match:
        return text.strip(), ""
    return f"{match['function']} ({Path(match['file']).name})", match["file"]


def area_of(path: str) -> str:
    """The library a file belongs to."""
    for piece, area in AREAS:
        if piece in path:
            return area
    return "other Python" if path else "native / unknown"


def summarise(raw: str, top: int = 15, drop_idle: bool = False) -> dict[str, Any]:
    """Self and inclusive shares of samples by function, and self shares by area, from py-spy's raw output."""
    own: Counter = Counter()
    inclusive: Counter = Counter()
    areas: Counter = Counter()
    paths: dict[str, str] = {}
    total = 0
    for line in raw.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [_frame(f) for f in stack.split(";") if f]
        frames = [f for f in frames if not f[0].startswith("process ") and not f[0].startswith("thread ")]
        if not frames:
            continue
        if drop_idle and (frames[-1][0] in IDLE_LEAVES or any(name in IDLE for name, _ in frames)):
            continue
        total += count
        own[frames[-1][0]] += count
        areas[area_of(frames[-1][1])] += count
        for name, path in set(frames):
            inclusive[name] += count
            paths[name] = path

    def shares(counter: Counter) -> list[dict[str, Any]]:
        return [{"name": name, "pct": round(100 * n / max(1, total), 1)} for name, n in counter.most_common(top)]

    cowork_inclusive = Counter({k: v for k, v in inclusive.items() if "cowork/" in paths.get(k, "")})
    return {
        "samples": total,
        "self": shares(own),
        "inclusive": shares(inclusive),
        "areas": shares(areas),
        "cowork_inclusive": shares(cowork_inclusive),
    }


def profile(options, load: str, size: int = 0) -> dict[str, Any]:
    """Run cowork alone under one load with py-spy attached; the result has the summary and the raw file's path."""
    from bench import scenarios
    from bench.runner import Load, fixed_plan, measure
    from bench.servers import Deployment

    out = scenarios.RESULTS / f"{time.strftime('%Y%m%d-%H%M%S')}-profile-{load}"
    scenarios.RESULTS.mkdir(parents=True, exist_ok=True)
    profiler = Profiler(out)
    cowork = Deployment("cowork", options.server, options.database, cores=options.server_cores)
    figures: dict[str, Any] = {}
    if load == "snapshot":
        from bench import joining

        workdir = options.workdir / "profile-snapshot"
        workdir.mkdir(parents=True, exist_ok=True)
        servers, _ = cowork.start(workdir)
        try:
            made = joining.seed_cowork(servers[0].url, size or 5000)
            profiler.start(servers)
            joins = [
                joining.raw_snapshot(servers[0].url, joining.join(servers[0].url, made["join_code"], f"P{i}"), False)
                for i in range(10)
            ]
            profiler.stop()
            figures = {"joins": len(joins), "seconds": [j["seconds"] for j in joins]}
        finally:
            for server in servers:
                server.stop()
    else:
        if load == "workshops":
            shape = Load(workshops=size or 50, tablets=20, drawers=1, generator_cores=options.generator_cores)
            order = {"mode": "open", "rate": 1.0, "duration": options.duration}
        else:
            shape = Load(workshops=1, tablets=size or 40, drawers=size or 40, generator_cores=options.generator_cores)
            order = {"mode": "closed", "duration": options.duration}

        def hook(servers):
            profiler.start(servers)

        run = measure(cowork, shape, fixed_plan([order]), options.workdir / f"profile-{load}", hook)
        profiler.stop()
        figures = scenarios.headline(run)
    summary = profiler.summaries()
    return {
        "scenario": f"profile-{load}",
        "name": f"profile-{load}",
        "machine": scenarios.machine(),
        "server": options.server,
        "database": options.database,
        "params": {"size": size, "duration": options.duration},
        "raw": [profiler.path(v).name for v in ("cpu", "wall")],
        "figures": figures,
        "profile": summary,
    }
