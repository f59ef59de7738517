"""Benchmark: a workshop hall of tablets adding elements at once, against `run.py` as a real process.

    .venv/bin/python bench/live_adds.py [--tablets 40] [--adds 25] [--database-url URL]

Measures element:add throughput, ack latency (send → ack) and fan-out latency (send → the last tablet
has the broadcast), and the server's resident memory. Only loopback traffic; it stops by itself.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests
import socketio

ROOT = Path(__file__).resolve().parent.parent
SITE = json.loads((ROOT / "tests" / "data" / "almaty-sites.geojson").read_text())["features"][0]["geometry"]
TREE = {"type": "Point", "coordinates": [76.9520, 43.2604]}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tablets", type=int, default=40)
    parser.add_argument("--adds", type=int, default=25, help="elements each drawing tablet adds")
    parser.add_argument("--writers", type=int, default=0, help="how many tablets draw (default: all)")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="cowork-bench-")
    url = args.database_url or f"sqlite:///{tmp}/bench.db"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "COWORK_DATABASE_URL": url, "COWORK_TILE_URL": ""}
    server = subprocess.Popen([sys.executable, "run.py", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                requests.get(base + "/", timeout=1)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        rss_idle = rss_mb(server.pid)
        workshop = requests.post(base + "/api/workshops", json={"title": "bench", "site_name": "park", "boundary": SITE}).json()
        tablets = []
        received: dict[int, dict[str, float]] = {}
        lock = threading.Lock()
        connect_started = time.perf_counter()
        for i in range(args.tablets):
            token = requests.post(base + "/api/join", json={"code": workshop["join_code"], "name": f"T{i}"}).json()["token"]
            client = socketio.Client(reconnection=False)
            arrivals: dict[str, float] = {}
            received[i] = arrivals

            def on_added(data, arrivals=arrivals):
                arrivals[data["element"]["id"]] = time.perf_counter()

            client.on("element:added", on_added)
            client.connect(base, auth={"token": token}, transports=["websocket"])
            tablets.append(client)
        connect_seconds = time.perf_counter() - connect_started
        designs = [t.call("design:create", {"title": f"D{i}"})["design"]["id"] for i, t in enumerate(tablets)]

        sent: dict[str, float] = {}
        ack_latency: list[float] = []
        writers = args.writers or len(tablets)
        barrier = threading.Barrier(writers)

        def work(client, design_id):
            barrier.wait()
            for _ in range(args.adds):
                element_id = str(uuid.uuid4())
                started = time.perf_counter()
                with lock:
                    sent[element_id] = started
                ack = client.call("element:add", {"id": element_id, "design_id": design_id, "kind": "tree", "geometry": TREE}, timeout=60)
                assert ack["ok"], ack
                with lock:
                    ack_latency.append(time.perf_counter() - started)

        started = time.perf_counter()
        threads = [threading.Thread(target=work, args=pair) for pair in list(zip(tablets, designs))[:writers]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        total = writers * args.adds
        while any(len(r) < total for r in received.values()) and time.perf_counter() - started < 120:
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        fan_out = [max(r[e] for r in received.values()) - sent[e] for e in sent]
        rss_busy = rss_mb(server.pid)
        result = {
            "tablets": args.tablets,
            "drawing_tablets": writers,
            "adds": total,
            "database": url.split(":")[0],
            "connect_all_s": round(connect_seconds, 2),
            "adds_per_s": round(total / elapsed, 1),
            "ack_ms_p50": round(statistics.median(ack_latency) * 1000, 1),
            "ack_ms_p95": round(percentile(ack_latency, 0.95) * 1000, 1),
            "fanout_ms_p50": round(statistics.median(fan_out) * 1000, 1),
            "fanout_ms_p95": round(percentile(fan_out, 0.95) * 1000, 1),
            "broadcasts_delivered": sum(len(r) for r in received.values()),
            "server_rss_mb_idle": round(rss_idle, 1),
            "server_rss_mb_after": round(rss_busy, 1),
        }
        print(json.dumps(result, indent=2))
        for client in tablets:
            try:
                client.eio.ws.close = lambda *a, **k: None  # no 3 s close-echo wait per client
            except AttributeError:
                pass
            client.disconnect()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
