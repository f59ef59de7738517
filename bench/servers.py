"""Processes under test: the server (cowork or the relay) as a real process, its database, Redis, CPU pinning."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+psycopg://cowork_ci:cowork_ci@127.0.0.1:5432/cowork_bench"
)
# Threads of a gthread server (each websocket holds one), for the launcher's gthread and run.py alike.
THREADS = os.environ.get("BENCH_THREADS", "1200")
SERVERS = ("werkzeug", "gthread", "gevent", "gunicorn-gevent", "eventlet", "runpy")


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_argv(app: str, server: str, port: int) -> list[str]:
    """How a server under test starts: the one place to change when run.py's own server changes.

    `runpy` is cowork exactly as deployed (`python run.py --port P`, whatever server run.py uses); the relay has
    no run.py and is served by the bench launcher on gunicorn's gevent worker, which is what run.py serves with.
    """
    if server == "runpy":
        if app == "cowork":
            return [sys.executable, "run.py", "--port", str(port)]
        server = "gunicorn-gevent"
    return [sys.executable, "-m", "bench.launch", "--app", app, "--server", server, "--port", str(port)]


def pinned(argv: list[str], cores: str | None) -> list[str]:
    """The command under `taskset -c CORES` when pinning is asked for."""
    return ["taskset", "-c", cores, *argv] if cores else argv


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                found.append(int(child))
    except OSError:
        return []
    return found + [grandchild for child in found for grandchild in _children(child)]


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (gunicorn's master and worker), in MB."""
    total = 0
    for member in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def worker_pid(pid: int) -> int:
    """The process that runs the app: gunicorn's one worker, or the process itself."""
    children = _children(pid)
    return children[-1] if children else pid


@dataclass
class Server:
    """One server process under test."""

    app: str
    server: str
    env: dict
    log_path: Path
    cores: str | None = None
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    # A command of its own (a peer such as pygeoapi); None: `server_argv` says how cowork or the relay starts.
    argv: list[str] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> Server:
        """Start it and wait until it answers HTTP."""
        log = open(self.log_path, "ab")  # noqa: SIM115 (the server writes to it until it stops)
        argv = pinned(self.argv or server_argv(self.app, self.server, self.port), self.cores)
        self.process = subprocess.Popen(
            argv, cwd=ROOT, env={**os.environ, **self.env}, stdout=log, stderr=log, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.app} ({self.server}) exited; see {self.log_path}")
            try:
                if requests.get(self.url + "/", timeout=2).status_code < 500:
                    return self
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.app} ({self.server}) did not answer in {timeout} s; see {self.log_path}")
            time.sleep(0.2)

    def rss_mb(self) -> float:
        return tree_rss_mb(self.process.pid) if self.process else 0.0

    def stop(self) -> None:
        """Stop it (SIGINT, then SIGKILL), its gunicorn worker with it."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)


class Redis:
    """A redis-server of our own on a free port, no persistence, stopped with the run."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                "/usr/bin/redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(workdir),
            ],
            stdout=open(workdir / "redis.log", "ab"),  # noqa: SIM115 (redis-server writes to it until it stops)
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def fresh_database(kind: str, workdir: Path) -> str:
    """A database URL with nothing of a workshop in it: a new SQLite file (cowork migrates it at start), or the
    bench's PostgreSQL database emptied and migrated."""
    if kind == "sqlite":
        path = workdir / f"cowork-{time.monotonic_ns()}.db"
        return f"sqlite:///{path}"
    from sqlalchemy import MetaData, create_engine

    engine = create_engine(POSTGRES_URL)
    metadata = MetaData()
    metadata.reflect(engine)
    metadata.drop_all(engine)
    engine.dispose()
    # A server never migrates PostgreSQL by itself (it refuses to start until this has run, docs/deploy.md).
    subprocess.run(
        [sys.executable, "run.py", "db", "upgrade"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={**os.environ, "COWORK_DATABASE_URL": POSTGRES_URL},
    )
    return POSTGRES_URL


@dataclass
class Deployment:
    """What one measurement runs against: an app on a server, a database, one or more processes."""

    app: str
    server: str = "werkzeug"
    database: str = "sqlite"
    processes: int = 1
    cores: str | None = None

    @property
    def label(self) -> str:
        parts = [self.app, self.server]
        if self.app == "cowork":
            parts.append(self.database)
        if self.processes > 1:
            parts.append(f"{self.processes}proc+redis")
        return "/".join(parts)

    def start(self, workdir: Path) -> tuple[list[Server], Redis | None]:
        """Start its processes (and Redis when there are several) with fresh state."""
        redis = Redis(workdir) if self.processes > 1 else None
        env = {
            "COWORK_TILE_URL": "",
            "COWORK_INSTANCE_DIR": str(workdir / "instance"),
            "COWORK_MESSAGE_QUEUE": redis.url if redis else "",
            "PYTHONUNBUFFERED": "1",
            # run.py's gthread worker holds a thread per websocket: as many as the bench's own gthread server.
            "COWORK_THREADS": THREADS,
        }
        if self.app == "cowork":
            env["COWORK_DATABASE_URL"] = fresh_database(self.database, workdir)
        servers = []
        try:
            for index in range(self.processes):
                log = workdir / f"{self.app}-{self.server}-{index}.log"
                servers.append(Server(self.app, self.server, env, log, self.cores).start())
        except BaseException:
            for server in servers:
                server.stop()
            if redis:
                redis.stop()
            raise
        return servers, redis
