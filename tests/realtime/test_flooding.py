"""A tablet flooding the server is refused beyond its budget and then closed; every other tablet is served as usual."""

from __future__ import annotations

import threading
import uuid

import socketio

from ..support import TREE, LiveClient, join, wait_until


def add(design_id: str) -> dict:
    return {"id": str(uuid.uuid4()), "design_id": design_id, "kind": "tree", "geometry": TREE}


def test_a_flood_is_refused_then_closed_while_others_draw_on(connect, server, workshop):
    flood_beside_calm_tablets(connect, server, workshop)


def flood_beside_calm_tablets(connect, server: str, workshop: dict) -> None:
    """One tablet floods the server while another draws and a third watches (also run on gevent: test_cooperation)."""
    flooder = connect(join(server, workshop["join_code"], "Flooder")["token"])
    calm = connect(join(server, workshop["join_code"], "Calm")["token"])
    watcher = connect(join(server, workshop["join_code"], "Watcher")["token"])
    flood_design = flooder.call("design:create", {"title": "Flood"})["design"]["id"]
    calm_design = calm.call("design:create", {"title": "Calm"})["design"]["id"]

    answers: list[dict] = []
    done = threading.Event()

    def flood() -> None:
        # As fast as the socket takes them, without waiting for any ack.
        try:
            for _ in range(3000):
                flooder.sio.emit("element:add", add(flood_design), callback=answers.append)
        except socketio.exceptions.BadNamespaceError:
            pass  # closed by the server mid-flood
        done.set()

    threading.Thread(target=flood, daemon=True).start()
    calm_acks = []
    while not done.is_set() or len(calm_acks) < 5:
        calm_acks.append(calm.call("element:add", add(calm_design)))
    assert all(ack["ok"] for ack in calm_acks), [a for a in calm_acks if not a["ok"]][:3]
    # The flooder was refused beyond its budget, then closed; what it was refused left nothing behind.
    wait_until(lambda: not flooder.sio.connected, timeout=10)
    codes = {answer.get("error", {}).get("code", "ok") for answer in answers}
    assert "rate_limited" in codes and codes <= {"ok", "rate_limited"}
    accepted = sum(1 for answer in answers if answer.get("ok"))
    state = watcher.call("sync", {"since": 0})
    flood_adds = [
        e for e in state["events"] if e["type"] == "element:added" and e["data"]["element"]["design_id"] == flood_design
    ]
    assert len(flood_adds) == accepted < 200
    # Every calm edit reached the watcher, and the server answers at once after the flood.
    last = calm.call("element:add", add(calm_design))
    assert last["ok"]
    watcher.wait_for("element:added", lambda data: data["seq"] == last["seq"])
    for ack in calm_acks:
        watcher.wait_for("element:added", lambda data, seq=ack["seq"]: data["seq"] == seq)


def test_a_steady_tablet_within_its_budget_is_never_refused(connect, alice):
    tablet: LiveClient = connect(alice["token"])
    design = tablet.call("design:create", {"title": "Steady"})["design"]["id"]
    acks = [tablet.call("element:add", add(design)) for _ in range(50)]
    assert all(ack["ok"] for ack in acks)
