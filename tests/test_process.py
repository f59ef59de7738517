"""run.py as a real process on a free port: python-socketio clients over the network, then a restart."""

from __future__ import annotations

import re
import signal
import time
import uuid

import pytest
import requests
import socketio

from .support import LAWN, PATH, TREE, LiveClient, ServerProcess, create_workshop, join, wait_until


@pytest.fixture
def database_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'process.db'}"


def test_everything_survives_a_restart(database_url):
    first = ServerProcess(database_url)
    clients: list[LiveClient] = []
    try:
        workshop = create_workshop(first.base)
        alice, bob = (join(first.base, workshop["join_code"], name) for name in ("Alice", "Bob"))
        a, b = LiveClient(first.base, alice["token"]).connect(), LiveClient(first.base, bob["token"]).connect()
        clients += [a, b]
        design = a.call("design:create", {"id": str(uuid.uuid4()), "title": "River walk"})["design"]
        acks = [
            a.call("element:add", {"id": str(uuid.uuid4()), "design_id": design["id"], "kind": kind, "geometry": geometry})
            for kind, geometry in (("tree", TREE), ("path", PATH), ("plaza", LAWN))
        ]
        assert all(ack["ok"] for ack in acks)
        wait_until(lambda: len(b.received("element:added")) == 3)
        updated = a.call("element:update", {"id": acks[1]["element"]["id"], "base_version": 1, "note": "along the river"})
        deleted = a.call("element:delete", {"id": acks[0]["element"]["id"]})
        assert updated["ok"] and deleted["ok"]
        before = a.call("sync", {"since": 0})
        for live in clients:
            live.disconnect()
    finally:
        first.stop()

    second = ServerProcess(database_url)
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
        ack = more.call("element:add", {"id": str(uuid.uuid4()), "design_id": design["id"], "kind": "bench", "geometry": TREE})
        assert ack["seq"] == deleted["seq"] + 1
        again.wait_for("element:added", lambda d: d["seq"] == ack["seq"])
    finally:
        for live in clients:
            live.disconnect()
        second.stop()


def test_demo_prints_a_join_code_and_a_working_facilitator_link(database_url):
    demo = ServerProcess(database_url, "--demo")
    try:
        out = demo.output()
        code = re.search(r"Join code:\s+([A-Z2-9]{6})", out).group(1)
        link = re.search(r"Facilitator link:\s+(\S+)", out).group(1)
        workshop_id, token = re.fullmatch(rf"{re.escape(demo.base)}/w/([0-9a-f-]+)#token=(\S+)", link).groups()
        # The join code comes with the facilitator's token only (the summary is public).
        summary = requests.get(f"{demo.base}/api/workshops/{workshop_id}", headers={"Authorization": f"Bearer {token}"},
                               timeout=5).json()
        assert summary["join_code"] == code and summary["counts"]["elements"] > 0
        assert requests.get(f"{demo.base}/w/{workshop_id}", timeout=5).status_code == 200
        facilitator = LiveClient(demo.base, token).connect()
        assert facilitator.snapshot()["you"]["role"] == "facilitator"
        joined = join(demo.base, code.lower(), "Resident")
        assert joined["workshop_id"] == workshop_id
        facilitator.disconnect()
    finally:
        demo.stop()
    # Starting the demo again keeps the same workshop (and its join code) and issues a new facilitator link.
    again = ServerProcess(database_url, "--demo")
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
def test_the_production_server_stops_within_seconds_closing_its_sockets(database_url, stop):
    server = ServerProcess(database_url)
    assert "Using worker: CoworkWorker" in server.output()
    workshop = create_workshop(server.base)
    tablet = LiveClient(server.base, join(server.base, workshop["join_code"], "Alice")["token"]).connect()
    tablet.snapshot()
    started = time.monotonic()
    server.process.send_signal(stop)
    server.process.wait(10)
    assert time.monotonic() - started < 8  # well within gunicorn's graceful timeout (10 s)
    wait_until(lambda: not tablet.sio.connected)
    assert server.process.returncode == 0


def test_dev_serves_with_werkzeug_and_our_request_log(database_url):
    server = ServerProcess(database_url, "--dev")
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
