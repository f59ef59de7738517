"""A tablet joining a big workshop: time from connect to snapshot and the bytes it costs on the wire.

The raw client speaks Engine.IO 4 / Socket.IO 5 over wsproto on a plain socket, so it counts every byte the
socket receives (compressed when permessage-deflate is offered and accepted, as browsers offer it) and has no
message size limit. python-socketio's own client is tried too, with its defaults, to see whether it copes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import requests
import socketio
from wsproto import ConnectionType, WSConnection
from wsproto.events import AcceptConnection, CloseConnection, Ping, Request, TextMessage
from wsproto.extensions import PerMessageDeflate

from bench.shapes import SITE, polygons


def join(url: str, code: str, name: str) -> str:
    """A participant's token."""
    answer = requests.post(url + "/api/join", json={"code": code, "name": name}, timeout=60)
    answer.raise_for_status()
    return answer.json()["token"]


def raw_snapshot(url: str, token: str, deflate: bool, timeout: float = 120, keep: bool = False) -> dict[str, Any]:
    """Connect one raw socket and read up to the snapshot: seconds, bytes on the wire, message bytes (and the
    snapshot itself when `keep`)."""
    parsed = urlparse(url)
    started = time.monotonic()
    sock = socket.create_connection((parsed.hostname, parsed.port), timeout=timeout)
    ws = WSConnection(ConnectionType.CLIENT)
    extensions = [PerMessageDeflate()] if deflate else []
    sock.sendall(
        ws.send(
            Request(
                host=f"{parsed.hostname}:{parsed.port}",
                target="/socket.io/?EIO=4&transport=websocket",
                extensions=extensions,
            )
        )
    )
    wire = 0
    accepted_deflate = False
    parts: list[str] = []
    try:
        while True:
            data = sock.recv(1 << 20)
            if not data:
                raise ConnectionError("closed before the snapshot")
            wire += len(data)
            ws.receive_data(data)
            for event in ws.events():
                if isinstance(event, AcceptConnection):
                    accepted_deflate = bool(event.extensions)
                elif isinstance(event, Ping):
                    sock.sendall(ws.send(event.response()))
                elif isinstance(event, CloseConnection):
                    raise ConnectionError(f"closed: {event.code} {event.reason}")
                elif isinstance(event, TextMessage):
                    parts.append(event.data)
                    if not event.message_finished:
                        continue
                    message, parts = "".join(parts), []
                    if message.startswith("0{"):
                        sock.sendall(ws.send(TextMessage("40" + json.dumps({"token": token}))))
                    elif message == "2":
                        sock.sendall(ws.send(TextMessage("3")))
                    elif message.startswith('42["snapshot"'):
                        seconds = time.monotonic() - started
                        snapshot = json.loads(message[2:])[1]
                        found = {
                            "seconds": round(seconds, 3),
                            "wire_bytes": wire,
                            "message_bytes": len(message.encode()),
                            "deflate": accepted_deflate,
                            "elements": len(snapshot.get("elements", [])),
                        }
                        return {**found, "snapshot": snapshot} if keep else found
    finally:
        with contextlib.suppress(Exception):
            sock.sendall(ws.send(CloseConnection(code=1000)))
        sock.close()


async def _python_socketio_default(url: str, token: str, timeout: float) -> str:
    client = socketio.AsyncClient(reconnection=False)
    got = asyncio.Event()
    client.on("snapshot", lambda _data: got.set())
    try:
        await client.connect(url, auth={"token": token}, transports=["websocket"], wait_timeout=timeout)
        await asyncio.wait_for(got.wait(), timeout)
        return "received"
    except Exception as exc:  # what it says is the finding
        return f"refused: {type(exc).__name__}: {exc}"[:160]
    finally:
        await client.disconnect()


def python_socketio_default(url: str, token: str, timeout: float = 30) -> str:
    """Whether python-socketio's asyncio client with its default options gets the snapshot."""
    return asyncio.run(_python_socketio_default(url, token, timeout))


def seed_cowork(url: str, count: int) -> dict[str, Any]:
    """A cowork workshop with `count` 20-vertex polygons, imported as an archive (live adds would take minutes)."""
    made = requests.post(
        url + "/api/workshops", json={"title": "snapshot", "site_name": "park", "boundary": SITE}, timeout=30
    ).json()
    token = join(url, made["join_code"], "Seeder")
    client = socketio.Client(reconnection=False)
    client.connect(url, auth={"token": token}, transports=["websocket"])
    design = client.call("design:create", {"title": "seed"}, timeout=30)["design"]
    first = client.call(
        "element:add",
        {"id": str(uuid.uuid4()), "design_id": design["id"], "kind": "green_area", "geometry": polygons(1)[0]},
        timeout=30,
    )
    assert first["ok"], first
    client.disconnect()
    archive = requests.get(
        f"{url}/api/workshops/{made['id']}/archive",
        headers={"Authorization": f"Bearer {made['facilitator_token']}"},
        timeout=60,
    ).json()
    template = archive["elements"][0]
    archive["elements"] = [
        {**template, "id": str(uuid.uuid4()), "geometry": shape, "created_seq": 3 + i}
        for i, shape in enumerate(polygons(count, seed=11))
    ]
    archive["workshop"]["seq"] = 2 + count
    # An import keeps the ids of its parts, so a copy into the same instance needs new ones.
    text = json.dumps(archive)
    for old in [p["id"] for p in archive["participants"]] + [d["id"] for d in archive["designs"]]:
        text = text.replace(old, str(uuid.uuid4()))
    archive = json.loads(text)
    imported = requests.post(url + "/api/workshops/import", json=archive, timeout=300)
    imported.raise_for_status()
    return imported.json()


def seed_relay(url: str, elements: list[dict[str, Any]]) -> dict[str, Any]:
    """A relay room holding the very elements cowork sent (kept in memory, sent as they are)."""
    answer = requests.post(url + "/api/workshops/import", json={"elements": elements}, timeout=300)
    answer.raise_for_status()
    return answer.json()


def build_in_process(env: dict[str, str], url: str, code: str, repeat: int = 3) -> dict[str, Any]:
    """cowork's own snapshot call timed in this process on the server's database: building against encoding,
    and cProfile's heaviest functions of one build (the server's transport excluded)."""
    import cProfile
    import pstats

    from cowork import create_app
    from cowork.config import Config

    token = join(url, code, "InProcess")
    app = create_app(
        Config(DATABASE_URL=env["COWORK_DATABASE_URL"], INSTANCE_DIR=env["COWORK_INSTANCE_DIR"], TILE_URL="")
    )
    service = app.extensions["cowork"]
    identity = service.access.participant(token)
    build, encode, size = [], [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        state = service.state.snapshot(identity)
        build.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        size = len(json.dumps(state, separators=(",", ":")).encode())
        encode.append((time.perf_counter() - started) * 1000)
    profiler = cProfile.Profile()
    profiler.enable()
    service.state.snapshot(identity)
    profiler.disable()
    table = pstats.Stats(profiler)
    total = max(1e-9, table.total_tt)
    heaviest = sorted(table.stats.items(), key=lambda item: item[1][3], reverse=True)[:15]
    app.extensions["cowork"].db.dispose()
    return {
        "build_ms": [round(x, 1) for x in build],
        "encode_ms": [round(x, 1) for x in encode],
        "json_bytes": size,
        "profile": [
            {
                "function": f"{Path(f).name}:{line}:{name}",
                "cumulative_pct": round(100 * row[3] / total, 1),
                "self_pct": round(100 * row[2] / total, 1),
                "calls": row[1],
            }
            for (f, line, name), row in heaviest
        ],
    }
