"""run.py as a real process on a free port: python-socketio clients over the network, then a restart."""

from __future__ import annotations

import json
import re
import signal
import socket
import uuid

import pytest
import requests
import socketio
from wsproto import ConnectionType, WSConnection
from wsproto.events import CloseConnection, Ping, Request, TextMessage

from ..support import LAWN, PATH, TREE, LiveClient, ServerProcess, create_workshop, join, wait_until


@pytest.fixture
def database_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'process.db'}"


def test_everything_survives_a_restart(database_url, tmp_path):
    first = ServerProcess(database_url, instance=tmp_path)
    clients: list[LiveClient] = []
    try:
        workshop = create_workshop(first.base)
        alice, bob = (join(first.base, workshop["join_code"], name) for name in ("Alice", "Bob"))
        a, b = LiveClient(first.base, alice["token"]).connect(), LiveClient(first.base, bob["token"]).connect()
        clients += [a, b]
        design = a.call("design:create", {"id": str(uuid.uuid4()), "title": "River walk"})["design"]
        acks = [
            a.call(
                "element:add", {"id": str(uuid.uuid4()), "design_id": design["id"], "kind": kind, "geometry": geometry}
            )
            for kind, geometry in (("tree", TREE), ("path", PATH), ("plaza", LAWN))
        ]
        assert all(ack["ok"] for ack in acks)
        wait_until(lambda: len(b.received("element:added")) == 3)
        updated = a.call(
            "element:update", {"id": acks[1]["element"]["id"], "base_version": 1, "note": "along the river"}
        )
        deleted = a.call("element:delete", {"id": acks[0]["element"]["id"]})
        assert updated["ok"] and deleted["ok"]
        before = a.call("sync", {"since": 0})
        for live in clients:
            live.disconnect()
    finally:
        first.stop()

    second = ServerProcess(database_url, instance=tmp_path)
    try:
        again = LiveClient(second.base, bob["token"]).connect()
        clients.append(again)
        snapshot = again.snapshot()
        assert snapshot["you"]["name"] == "Bob"
        assert snapshot["seq"] == deleted["seq"]
        assert {e["id"] for e in snapshot["elements"]} == {acks[1]["element"]["id"], acks[2]["element"]["id"]}
        path = next(e for e in snapshot["elements"] if e["kind"] == "path")
        assert path["note"] == "along the river" and path["version"] == 2
        assert [d["title"] for d in snapshot["designs"]] == ["River walk"]
        assert again.call("sync", {"since": 0}) == before
        # And the log goes on without a gap after the restart.
        more = LiveClient(second.base, alice["token"]).connect()
        clients.append(more)
        ack = more.call(
            "element:add", {"id": str(uuid.uuid4()), "design_id": design["id"], "kind": "bench", "geometry": TREE}
        )
        assert ack["seq"] == deleted["seq"] + 1
        again.wait_for("element:added", lambda d: d["seq"] == ack["seq"])
    finally:
        for live in clients:
            live.disconnect()
        second.stop()


def test_demo_prints_a_join_code_and_a_working_facilitator_link(database_url, tmp_path):
    demo = ServerProcess(database_url, "--demo", "--lang", "en", instance=tmp_path)
    try:
        out = demo.output()
        code = re.search(r"Join code:\s+([A-Z2-9]{6})", out).group(1)
        link = re.search(r"Facilitator link:\s+(\S+)", out).group(1)
        workshop_id, token = re.fullmatch(rf"{re.escape(demo.base)}/w/([0-9a-f-]+)#token=(\S+)", link).groups()
        # The join code comes with the facilitator's token only (the summary is public).
        summary = requests.get(
            f"{demo.base}/api/workshops/{workshop_id}", headers={"Authorization": f"Bearer {token}"}, timeout=5
        ).json()
        assert summary["join_code"] == code and summary["counts"]["elements"] > 0
        assert requests.get(f"{demo.base}/w/{workshop_id}", timeout=5).status_code == 200
        # Beside it, the demo's city: a project under construction, published as the city's GIS reads it.
        projects = requests.get(f"{demo.base}/ogcapi/collections/projects/items", timeout=5).json()
        assert [f["properties"]["title"] for f in projects["features"]] == ["Vesnovka cycle route, stage 1"]
        facilitator = LiveClient(demo.base, token).connect()
        assert facilitator.snapshot()["you"]["role"] == "facilitator"
        joined = join(demo.base, code.lower(), "Resident")
        assert joined["workshop_id"] == workshop_id
        facilitator.disconnect()
    finally:
        demo.stop()
    # Starting the demo again keeps the same workshop (and its join code) and issues a new facilitator link.
    again = ServerProcess(database_url, "--demo", instance=tmp_path)
    try:
        assert re.search(r"Join code:\s+([A-Z2-9]{6})", again.output()).group(1) == code
        old = LiveClient(again.base, token)
        # The old facilitator token is refused at connect, and the server says why.
        with pytest.raises(socketio.exceptions.ConnectionError):
            old.connect()
        assert old.refusals == [{"message": "unauthorized"}]
    finally:
        again.stop()


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_the_production_server_stops_within_seconds_closing_its_sockets(database_url, stop, tmp_path):
    server = ServerProcess(database_url, instance=tmp_path)
    assert "Using worker: CoworkGeventWorker" in server.output()
    workshop = create_workshop(server.base)
    tablet = LiveClient(server.base, join(server.base, workshop["join_code"], "Alice")["token"]).connect()
    tablet.snapshot()
    server.process.send_signal(stop)
    server.process.wait(30)
    wait_until(lambda: not tablet.sio.connected)
    assert server.process.returncode == 0
    # The worker ended by itself, its sockets closed, and said so: had it waited on the open websocket, gunicorn's
    # master would have killed it, silently, at the end of its graceful timeout (10 s).
    assert "Worker exiting" in server.full_output()
    # Nothing failed on the way, in the master or the worker (greenlets carried through the fork once did).
    assert "Traceback" not in server.full_output()


def test_the_production_server_believes_no_forwarded_scheme_without_a_trusted_proxy(database_url, tmp_path):
    """COWORK_PROXY_HOPS=0 (the default): a loopback client's X-Forwarded-Proto gets no HSTS (gunicorn would have
    believed it from 127.0.0.1 by itself)."""
    server = ServerProcess(database_url, instance=tmp_path)
    try:
        forged = requests.get(f"{server.base}/", headers={"X-Forwarded-Proto": "https"}, timeout=5)
        assert forged.status_code == 200
        assert "Strict-Transport-Security" not in forged.headers
    finally:
        server.stop()


def test_dev_serves_with_werkzeug_and_our_request_log(database_url, tmp_path):
    server = ServerProcess(database_url, "--dev", instance=tmp_path)
    try:
        workshop = create_workshop(server.base)
        tablet = LiveClient(server.base, workshop["facilitator_token"]).connect()
        assert tablet.snapshot()["you"]["role"] == "facilitator"
        tablet.disconnect()
        assert requests.get(f"{server.base}/?code={workshop['join_code']}", timeout=5).status_code == 200
    finally:
        server.stop()
    log = server.full_output()
    assert "gunicorn" not in log and "cowork.http: GET / 200" in log
    assert f"?code={workshop['join_code']}" not in log


def big_workshop(base: str, count: int) -> dict:
    """A workshop holding `count` polygons, imported as an archive (adding them live would take long)."""
    made = create_workshop(base)
    seeder = LiveClient(base, join(base, made["join_code"], "Seeder")["token"]).connect()
    design = seeder.call("design:create", {"id": str(uuid.uuid4()), "title": "Seeded"})["design"]
    assert seeder.call(
        "element:add", {"id": str(uuid.uuid4()), "design_id": design["id"], "kind": "plaza", "geometry": LAWN}
    )["ok"]
    seeder.disconnect()
    archive = requests.get(
        f"{base}/api/workshops/{made['id']}/archive",
        timeout=10,
        headers={"Authorization": f"Bearer {made['facilitator_token']}"},
    ).json()
    template = archive["elements"][0]
    archive["elements"] = [{**template, "id": str(uuid.uuid4()), "created_seq": 3 + i} for i in range(count)]
    archive["workshop"]["seq"] = 2 + count
    # The copy goes into the same instance: every id of its own must be new.
    text = json.dumps(archive)
    for old in [p["id"] for p in archive["participants"]] + [d["id"] for d in archive["designs"]]:
        text = text.replace(old, str(uuid.uuid4()))
    imported = requests.post(
        f"{base}/api/workshops/import", data=text, timeout=60, headers={"Content-Type": "application/json"}
    )
    assert imported.status_code == 201, imported.text
    return imported.json()


class SlowTablet:
    """A tablet on a real network's segment size with a small receive buffer: the server's kernel buffer for it
    holds only some 50-70 KB, as over Wi-Fi, so a bigger message needs several writes. A raw Engine.IO client
    over wsproto that checks every frame (a broken one closes with 1007, as a browser would)."""

    def __init__(self, base: str, token: str):
        port = int(base.rsplit(":", 1)[1])
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 1400)
        self.sock.settimeout(30)
        self.sock.connect(("127.0.0.1", port))
        self.token = token
        self.ws = WSConnection(ConnectionType.CLIENT)
        self.sock.sendall(
            self.ws.send(Request(host=f"127.0.0.1:{port}", target="/socket.io/?EIO=4&transport=websocket"))
        )
        self.parts: list[str] = []

    def messages(self):
        """Every Socket.IO event received, as (name, data), answering the handshake and pings on the way."""
        while True:
            data = self.sock.recv(4096)
            assert data, "the server closed the connection"
            self.ws.receive_data(data)
            for event in self.ws.events():
                assert not isinstance(event, CloseConnection), f"broken frame: {event.code} {event.reason}"
                if isinstance(event, Ping):
                    self.sock.sendall(self.ws.send(event.response()))
                elif isinstance(event, TextMessage):
                    self.parts.append(event.data)
                    if not event.message_finished:
                        continue
                    message, self.parts = "".join(self.parts), []
                    if message.startswith("0{"):
                        self.sock.sendall(self.ws.send(TextMessage("40" + json.dumps({"token": self.token}))))
                    elif message == "2":
                        self.sock.sendall(self.ws.send(TextMessage("3")))
                    elif message.startswith("42"):
                        yield tuple(json.loads(message[2:])[:2])

    def close(self) -> None:
        self.sock.close()


def test_a_slow_tablet_joining_a_big_workshop_gets_every_frame_whole(database_url, tmp_path):
    # On gevent, simple-websocket's single `send` wrote only what the socket buffer took of each frame: the
    # snapshot's rest was dropped and the next frame's header landed inside it (cowork/realtime/frames.py).
    server = ServerProcess(database_url, instance=tmp_path)
    slow = None
    try:
        workshop = big_workshop(server.base, 1000)
        slow = SlowTablet(server.base, join(server.base, workshop["join_code"], "Slow")["token"])
        fast = LiveClient(server.base, join(server.base, workshop["join_code"], "Fast")["token"])
        received = slow.messages()
        name, snapshot = next(received)
        assert name == "snapshot" and len(snapshot["elements"]) == 1000
        assert len(json.dumps(snapshot)) > 300_000  # several times what the kernel takes in one write here
        # A later frame, from a broadcast: it arrives whole, after the whole snapshot.
        design = fast.connect().call("design:create", {"id": str(uuid.uuid4()), "title": "After the snapshot"})
        assert design["ok"]
        assert next(m for m in received if m[0] == "design:created")[1]["design"]["id"] == design["design"]["id"]
        fast.disconnect()
    finally:
        if slow is not None:
            slow.close()
        server.stop()


def test_run_py_patches_for_gevent_only_to_serve_in_production():
    import run

    for serving in (
        [],
        ["--demo"],
        ["--demo", "--lang", "kk"],
        ["--host", "0.0.0.0", "--port", "5001"],
        ["--host", "db"],
    ):
        assert run.starts_production_server(serving), serving
    for other in (
        ["db", "upgrade"],
        ["backup", "/tmp/x"],
        ["photos", "scrub"],
        ["--port", "5001", "restore", "x"],
        ["--dev"],
        ["-h"],
    ):
        assert not run.starts_production_server(other), other
