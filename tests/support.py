"""Helpers for the tests: fixture sites and shapes, waiting on conditions, live Socket.IO clients."""

from __future__ import annotations

import functools
import itertools
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
import socketio
from sqlalchemy import create_engine, text

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent


def load_sites() -> list[dict]:
    """The Almaty fixture sites (park with a hole, river corridor, two yards)."""
    return json.loads((DATA / "almaty-sites.geojson").read_text(encoding="utf-8"))["features"]


PARK = load_sites()[0]["geometry"]
CORRIDOR = load_sites()[1]["geometry"]
YARDS = load_sites()[2]["geometry"]


def wait_until(predicate: Callable[[], Any], timeout: float = 5.0, interval: float = 0.01) -> Any:
    """Poll until the predicate is truthy; fail the test with a clear message on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(interval)


def in_threads(targets: list[Callable[[], Any]]) -> list[threading.Thread]:
    """Start each callable in a thread of its own (tablets acting at once); the started threads."""
    threads = [threading.Thread(target=target) for target in targets]
    for thread in threads:
        thread.start()
    return threads


def stored_edits(url: str) -> dict[str, Any]:
    """What a database holds of its edits, read directly: element ids, the count of `element:added` events, and
    every logged seq in order."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {
                "elements": sorted(connection.execute(text("SELECT id FROM elements")).scalars()),
                "added": connection.execute(
                    text("SELECT count(*) FROM events WHERE type = 'element:added'")
                ).scalar_one(),
                "seqs": connection.execute(text("SELECT seq FROM events ORDER BY seq")).scalars().all(),
            }
    finally:
        engine.dispose()


class LiveClient:
    """A python-socketio client over a real websocket that records every event it receives."""

    def __init__(self, base_url: str, token: str | None):
        self.base_url = base_url
        self.token = token
        self.events: list[tuple[str, Any]] = []
        self._lock = threading.Lock()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("*", self._record)
        # The server's reason for refusing a connection (e.g. "unauthorized") arrives only here.
        self.refusals: list[Any] = []
        self.sio.on("connect_error", self.refusals.append)

    def _record(self, event: str, data: Any = None) -> None:
        with self._lock:
            self.events.append((event, data))

    def connect(self) -> LiveClient:
        """Connect with the token as auth (websocket transport only)."""
        self.sio.connect(self.base_url, auth={"token": self.token}, transports=["websocket"], wait_timeout=5)
        return self

    def call(self, event: str, data: Any = None, timeout: float = 10) -> dict:
        """Emit and wait for the ack."""
        return self.sio.call(event, data, timeout=timeout)

    def received(self, event: str) -> list[Any]:
        """Payloads of every event of that name received so far."""
        with self._lock:
            return [data for name, data in self.events if name == event]

    def numbered(self) -> list[int]:
        """The `seq` of every numbered event received (broadcasts and `seq` ticks, not snapshots), in order."""
        with self._lock:
            return [
                data["seq"]
                for name, data in self.events
                if name != "snapshot" and isinstance(data, dict) and isinstance(data.get("seq"), int)
            ]

    def wait_for(
        self, event: str, predicate: Callable[[Any], bool] = lambda _d: True, timeout: float = 5, after: int = 0
    ) -> Any:
        """The first received payload of that event satisfying the predicate, waiting for it to arrive; `after`
        skips that many of the event's first payloads (those received before some moment)."""
        return wait_until(lambda: next((d for d in self.received(event)[after:] if predicate(d)), None), timeout)

    def snapshot(self) -> dict:
        """The last snapshot received (waits for the first)."""
        self.wait_for("snapshot")
        return self.received("snapshot")[-1]

    def disconnect(self) -> None:
        """Close the connection."""
        if self.sio.connected:
            ws = getattr(self.sio.eio, "ws", None)
            if ws is not None:
                # The server ends the websocket on engine.io's CLOSE packet without echoing the close
                # frame, so websocket-client would wait its default 3 s for that echo; don't.
                ws.close = functools.partial(ws.close, timeout=0.2)
            self.sio.disconnect()


def create_workshop(base_or_client, boundary: dict = PARK, title: str = "Park workshop") -> dict:
    """Create a workshop over HTTP (test client or a live base URL)."""
    body = {"title": title, "site_name": "Panfilov Park", "boundary": boundary}
    if isinstance(base_or_client, str):
        response = requests.post(f"{base_or_client}/api/workshops", json=body, timeout=10)
        assert response.status_code == 201, response.text
        return response.json()
    response = base_or_client.post("/api/workshops", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def exported(base: str, workshop_id: str, token: str) -> dict:
    """A workshop's GeoJSON export as one of its own people reads it (until it closes, no one else does)."""
    response = requests.get(
        f"{base}/api/workshops/{workshop_id}/export.geojson",
        headers={"Authorization": f"Bearer {token}"},
        timeout=5,
    )
    assert response.status_code == 200, response.text
    return response.json()


def join(base_or_client, code: str, name: str) -> dict:
    """Join a workshop over HTTP."""
    body = {"code": code, "name": name}
    if isinstance(base_or_client, str):
        response = requests.post(f"{base_or_client}/api/join", json=body, timeout=10)
        assert response.status_code == 201, response.text
        return response.json()
    response = base_or_client.post("/api/join", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


# Shapes inside the park, clear of its memorial-zone hole (lon 76.956–76.9575, lat 43.2575–43.259).
TREE = {"type": "Point", "coordinates": [76.9520, 43.2604]}
PATH = {"type": "LineString", "coordinates": [[76.9515, 43.2600], [76.9540, 43.2598]]}
LAWN = {
    "type": "Polygon",
    "coordinates": [
        [[76.9520, 43.2570], [76.9535, 43.2570], [76.9535, 43.2580], [76.9520, 43.2580], [76.9520, 43.2570]]
    ],
}
IN_HOLE = {"type": "Point", "coordinates": [76.9567, 43.2582]}
FAR_AWAY = {"type": "Point", "coordinates": [76.90, 43.20]}


PORT_BLOCK_START = 20000  # above the well-known servers' ports (PostgreSQL 5432, Redis 6379, 8000, 8080...)


def _port_block() -> range:
    """The ports this test process hands out: below the kernel's ephemeral range, where no connection's own end and
    no `bind(0)` lands, and a share of them per xdist worker, so that two workers never pick the same one."""
    ephemeral_low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    share = max(ephemeral_low - PORT_BLOCK_START, 0) // workers
    return range(PORT_BLOCK_START + worker * share, PORT_BLOCK_START + (worker + 1) * share)


PORT_BLOCK = _port_block()
# From a random place in the block: another suite run on the same machine walks the same block.
_next_ports = itertools.islice(itertools.cycle(PORT_BLOCK), random.randrange(max(len(PORT_BLOCK), 1)), None)
_ports_lock = threading.Lock()


def free_port() -> int:
    """A loopback port nobody listens on, for a server that a test starts in another process and that binds it a
    moment later. The kernel's `bind(0)` port would be free only now: until then any client's end of a connection,
    or another worker's server, may take it."""
    with _ports_lock:
        for _ in PORT_BLOCK:
            port = next(_next_ports)
            with socket.socket() as probe:
                try:
                    probe.bind(("127.0.0.1", port))  # without SO_REUSEADDR: a port still in TIME_WAIT is passed over
                except OSError:
                    continue
                return port
    raise AssertionError(f"no free port in {PORT_BLOCK} (the ephemeral range starts too low for a block of our own?)")


def release_copy(folder: Path, changes: dict[str, str]) -> Path:
    """A copy of the app as a release would deploy it (its code, templates and static files; the same vendored
    libraries), with some files changed: {path under the root: new text}."""
    folder.mkdir(parents=True)
    for name in ("cowork", "templates", "static"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "run.py", folder / "run.py")
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    for name, changed in changes.items():
        (folder / name).write_text(changed, encoding="utf-8")
    return folder


class ServerProcess:
    """`python run.py` in a child process (its own process group: gunicorn's master and worker), with its output
    collected. Its instance folder (secret key, photos) is the test's, never the repository's `instance/`, which
    tests running at once would share (two first starts both making `secret_key`)."""

    def __init__(
        self,
        database_url: str,
        *args: str,
        instance: Path,
        env: dict[str, str] | None = None,
        wait: bool = True,
        port: int | None = None,
        root: Path = ROOT,
    ):
        # A given port: the same server again (a browser keeps what it has per origin, port included).
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "COWORK_DATABASE_URL": database_url,
            "COWORK_TILE_URL": "",
            "PYTHONUNBUFFERED": "1",
            "COWORK_INSTANCE_DIR": str(instance),
            # Tests create many workshops from one address (as TestConfig lets them); a test may set its own.
            "COWORK_LIMIT_WORKSHOPS": "10000/minute",
            **(env or {}),
        }
        self.process = subprocess.Popen(
            # `root`: another copy of the app (a release deployed beside this one).
            [sys.executable, "run.py", "--port", str(self.port), *args],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._collect, daemon=True)
        self._reader.start()
        if wait:
            self.wait_ready()

    def wait_ready(self) -> ServerProcess:
        """Wait until `GET /` answers."""
        wait_until(self._answers, timeout=30, interval=0.1)
        return self

    def _collect(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)

    def _answers(self) -> bool:
        assert self.process.poll() is None, "".join(self.lines)
        try:
            return requests.get(self.base + "/", timeout=1).status_code == 200
        except requests.ConnectionError:
            return False

    def output(self) -> str:
        """Everything the process printed so far (stdout and stderr)."""
        return "".join(self.lines)

    def full_output(self) -> str:
        """Everything the process printed, once it has ended."""
        self._reader.join(5)
        return self.output()

    def alive(self) -> bool:
        """Whether the process is still running."""
        return self.process.poll() is None

    def kill(self) -> None:
        """kill -9 the whole server (master and worker), as a crash would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(5)

    def stop(self) -> None:
        """Stop it as an operator would (Ctrl-C), killing it only if it does not end within 10 s."""
        if not self.alive():
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.kill()


def read_geopackage(body: bytes) -> dict[str, list[dict]]:
    """Every layer of a GeoPackage, read back with GDAL (pyogrio), as GeoJSON-like features with plain values."""
    import math
    import tempfile

    import numpy as np
    import pyogrio
    import pyogrio.raw
    import shapely
    from shapely.geometry import mapping

    def plain(value):
        if isinstance(value, np.datetime64):
            if np.isnat(value):
                return None
            if value.dtype == np.dtype("datetime64[D]"):
                return str(value)
            return str(value.astype("datetime64[ms]")) + "Z"
        if isinstance(value, np.generic):
            value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
        return value

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "read.gpkg")
        Path(path).write_bytes(body)
        layers = {}
        for name, _ in pyogrio.list_layers(path):
            meta, _, geometry, columns = pyogrio.raw.read(path, layer=name, datetime_as_string=False)
            fields = list(meta["fields"])
            layers[name] = [
                {
                    "type": "Feature",
                    "geometry": mapping(shapely.from_wkb(geometry[i])),
                    "properties": {f: plain(columns[j][i]) for j, f in enumerate(fields)},
                }
                for i in range(len(geometry))
            ]
        return layers


def assert_limited_per_address(base: str, path: str, allowed: int) -> requests.Response:
    """`allowed` GETs of `path` from one address pass and the next is `429 rate_limited` with `Retry-After`; another
    address (as the one trusted proxy says) has its own count, and /healthz is not limited. Returns the refusal."""
    answers = [requests.get(f"{base}{path}", timeout=30) for _ in range(allowed + 1)]
    assert [a.status_code for a in answers] == [200] * allowed + [429]
    limited = answers[-1]
    assert limited.json()["error"]["code"] == "rate_limited" and "requests" in limited.json()["error"]["message"]
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert requests.get(f"{base}/healthz", timeout=10).status_code == 200
    assert requests.get(f"{base}{path}", headers={"X-Forwarded-For": "203.0.113.9"}, timeout=30).status_code == 200
    return limited
