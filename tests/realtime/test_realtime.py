"""The live protocol over a real server and real websockets: acks, broadcasts, permissions, order, sync."""

from __future__ import annotations

import threading
import uuid

import pytest
import socketio

from ..support import FAR_AWAY, IN_HOLE, LAWN, PATH, TREE, LiveClient, wait_until


def new_id() -> str:
    return str(uuid.uuid4())


def start_design(live: LiveClient, title: str = "Shady walk") -> dict:
    ack = live.call("design:create", {"id": new_id(), "title": title})
    assert ack["ok"], ack
    return ack["design"]


def add(live: LiveClient, design_id: str, kind: str, geometry: dict, **extra) -> dict:
    return live.call(
        "element:add", {"id": new_id(), "design_id": design_id, "kind": kind, "geometry": geometry, **extra}
    )


@pytest.mark.parametrize("auth", [None, {}, {"token": "not-a-token"}, {"token": 42}])
def test_connect_without_or_with_unknown_token_is_refused(server, auth):
    client = socketio.Client(reconnection=False)
    reasons: list = []
    client.on("connect_error", reasons.append)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(server, auth=auth, transports=["websocket"], wait_timeout=5)
    assert reasons == [{"message": "unauthorized"}]
    assert not client.connected


def test_snapshot_on_connect_names_you_and_the_workshop(connect, workshop, alice):
    live = connect(alice["token"])
    snap = live.snapshot()
    assert set(snap) >= {"seq", "workshop", "you", "designs", "elements"}
    assert snap["you"] == {"participant_id": alice["participant_id"], "name": "Alice", "role": "participant"}
    assert snap["workshop"]["id"] == workshop["id"] and snap["workshop"]["phase"] == "sketching"
    assert "facilitator_token" not in str(snap) and workshop["facilitator_token"] not in str(snap)
    facilitator = connect(workshop["facilitator_token"])
    assert facilitator.snapshot()["you"]["role"] == "facilitator"


def test_two_tablets_see_each_others_elements_with_measures(connect, alice, bob):
    a, b = connect(alice["token"]), connect(bob["token"])
    design = start_design(a)
    b.wait_for("design:created", lambda d: d["design"]["id"] == design["id"])
    acks = [
        add(a, design["id"], "tree", TREE),
        add(a, design["id"], "path", PATH),
        add(a, design["id"], "green_area", LAWN),
    ]
    assert all(ack["ok"] for ack in acks), acks
    seqs = [ack["seq"] for ack in acks]
    assert seqs == sorted(seqs) and len(set(seqs)) == 3
    for ack in acks:
        seen = b.wait_for("element:added", lambda d, i=ack["element"]["id"]: d["element"]["id"] == i)
        assert seen["seq"] == ack["seq"]
        assert seen["element"] == ack["element"]
    tree, path, lawn = (ack["element"] for ack in acks)
    assert tree["measure"] == {} and tree["version"] == 1 and tree["author_id"] == alice["participant_id"]
    assert path["measure"]["length_m"] == pytest.approx(204, abs=3)
    assert lawn["measure"]["area_m2"] == pytest.approx(121.7 * 111.1, rel=0.02)
    # Broadcasts carry only the change.
    assert set(b.received("element:added")[0]) == {"element", "seq"}


def test_only_authors_edit_and_co_authors_may_join(connect, alice, bob, workshop):
    a, b = connect(alice["token"]), connect(bob["token"])
    design = start_design(a)
    element = add(a, design["id"], "tree", TREE)["element"]
    refused = add(b, design["id"], "bench", TREE)
    assert refused == {"ok": False, "error": {"code": "forbidden", "message": refused["error"]["message"]}}
    for event, payload in (
        ("element:update", {"id": element["id"], "base_version": 1, "note": "mine now"}),
        ("element:delete", {"id": element["id"]}),
    ):
        assert b.call(event, payload)["error"]["code"] == "forbidden"
    joined = b.call("design:join", {"design_id": design["id"]})
    assert joined["ok"] and [x["name"] for x in joined["design"]["authors"]] == ["Alice", "Bob"]
    a.wait_for("design:updated", lambda d: len(d["design"]["authors"]) == 2)
    assert b.call("design:join", {"design_id": design["id"]}) == {"ok": True, "design": joined["design"], "seq": None}
    assert add(b, design["id"], "bench", TREE)["ok"]
    # The facilitator may edit any design without joining it.
    facilitator = connect(workshop["facilitator_token"])
    assert facilitator.call("element:update", {"id": element["id"], "base_version": 1, "note": "facilitated"})["ok"]


def test_update_versions_and_stale_update_conflict(connect, alice, bob):
    a, b = connect(alice["token"]), connect(bob["token"])
    design = start_design(a)
    assert b.call("design:join", {"design_id": design["id"]})["ok"]
    element = add(a, design["id"], "path", PATH)["element"]
    moved = {"type": "LineString", "coordinates": [[76.9515, 43.2601], [76.9545, 43.2599]]}
    first = a.call("element:update", {"id": element["id"], "base_version": 1, "geometry": moved})
    assert first["ok"] and first["element"]["version"] == 2 and first["element"]["geometry"] == moved
    assert first["element"]["measure"]["length_m"] > element["measure"]["length_m"]
    stale = b.call("element:update", {"id": element["id"], "base_version": 1, "note": "overwrite?"})
    assert stale["ok"] is False and stale["error"]["code"] == "conflict"
    assert stale["element"] == first["element"]
    b.wait_for("element:updated", lambda d: d["element"]["version"] == 2)
    kind_change = a.call("element:update", {"id": element["id"], "base_version": 2, "kind": "bike_lane"})
    assert kind_change["ok"] and kind_change["element"]["kind"] == "bike_lane"
    wrong_type = a.call("element:update", {"id": element["id"], "base_version": 3, "kind": "tree"})
    assert wrong_type["error"]["code"] == "invalid"


def test_idempotent_add_and_delete(connect, alice, bob):
    a, b = connect(alice["token"]), connect(bob["token"])
    design = start_design(a)
    payload = {"id": new_id(), "design_id": design["id"], "kind": "tree", "geometry": TREE}
    first, again = a.call("element:add", payload), a.call("element:add", payload)
    assert first["ok"] and again == first
    wait_until(lambda: len(b.received("element:added")) >= 1)
    deleted = a.call("element:delete", {"id": payload["id"]})
    assert deleted == {"ok": True, "id": payload["id"], "seq": first["seq"] + 1}
    assert a.call("element:delete", {"id": payload["id"]}) == deleted
    resent = a.call("element:add", payload)
    assert resent["ok"] and resent["seq"] == first["seq"] and resent["element"]["deleted"] is True
    b.wait_for("element:deleted")
    assert len(b.received("element:added")) == 1 and len(b.received("element:deleted")) == 1
    assert all(e["id"] != payload["id"] for e in connect(alice["token"]).snapshot()["elements"])


@pytest.mark.parametrize(
    "event, payload, code",
    [
        ("element:add", {"id": None, "kind": "tree", "geometry": TREE}, "invalid"),
        ("element:add", {"id": "not-a-uuid", "kind": "tree", "geometry": TREE}, "invalid"),
        ("element:add", {"kind": "fountain", "geometry": TREE}, "invalid"),
        ("element:add", {"kind": "tree", "geometry": PATH}, "invalid_geometry"),
        ("element:add", {"kind": "tree", "geometry": {"type": "Point", "coordinates": [200, 0]}}, "invalid_geometry"),
        ("element:add", {"kind": "tree", "geometry": FAR_AWAY}, "outside_site"),
        ("element:add", {"kind": "tree", "geometry": IN_HOLE}, "outside_site"),
        ("element:add", {"kind": "note", "geometry": TREE}, "invalid"),
        ("element:add", {"kind": "note", "geometry": TREE, "note": "x" * 2001}, "invalid"),
        ("element:add", {"kind": "tree", "geometry": TREE, "design_id": str(uuid.uuid4())}, "not_found"),
        ("element:update", {"id": str(uuid.uuid4()), "base_version": 1, "note": "x"}, "not_found"),
        ("element:update", {"id": str(uuid.uuid4()), "base_version": 1}, "invalid"),
        ("element:update", {"id": str(uuid.uuid4()), "base_version": "1", "note": "x"}, "invalid"),
        ("element:delete", {"id": str(uuid.uuid4())}, "not_found"),
        ("design:create", {"title": ""}, "invalid"),
        ("design:create", {"title": "t" * 201}, "invalid"),
        ("design:join", {"design_id": str(uuid.uuid4())}, "not_found"),
        ("sync", {"since": -1}, "invalid"),
        ("element:add", "just a string", "invalid"),
        ("element:add", None, "invalid"),
        ("no:such:event", {}, "invalid"),
    ],
)
def test_bad_requests_get_a_code_and_change_nothing(connect, alice, event, payload, code):
    a = connect(alice["token"])
    design = start_design(a)
    if isinstance(payload, dict) and event == "element:add":
        payload = {
            key: value
            for key, value in {"id": new_id(), "design_id": design["id"], **payload}.items()
            if value is not None
        }
    before = a.call("sync", {"since": 0})
    ack = a.call(event, payload)
    assert ack["ok"] is False and ack["error"]["code"] == code, ack
    assert ack["error"]["message"]
    assert a.call("sync", {"since": 0}) == before
    assert a.call("element:add", {"id": new_id(), "design_id": design["id"], "kind": "tree", "geometry": TREE})["ok"]


def test_concurrent_adds_from_several_clients_keep_seq_gap_free(connect, workshop, server):
    from ..support import join

    tablets = [connect(join(server, workshop["join_code"], f"T{i}")["token"]) for i in range(5)]
    designs = [start_design(t, f"Design {i}") for i, t in enumerate(tablets)]
    start = tablets[0].call("sync", {"since": 0})["seq"]
    acks: list[dict] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(tablets) * 2)

    def burst(tablet: LiveClient, design_id: str) -> None:
        barrier.wait()
        for _ in range(15):
            ack = add(tablet, design_id, "tree", TREE)
            with lock:
                acks.append(ack)

    # Two threads per tablet, so one client's handlers run concurrently too.
    threads = [
        threading.Thread(target=burst, args=(t, d["id"]))
        for t, d in zip(tablets, designs, strict=True)
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert all(ack["ok"] for ack in acks) and len(acks) == 150
    assert sorted(ack["seq"] for ack in acks) == list(range(start + 1, start + 151))
    # Every tablet received all 150 broadcasts, each seq exactly once.
    for tablet in tablets:
        wait_until(lambda t=tablet: len(t.received("element:added")) >= 150, timeout=10)
        seen = [d["seq"] for d in tablet.received("element:added")]
        assert sorted(seen) == list(range(start + 1, start + 151))
    log = tablets[0].call("sync", {"since": start})
    assert [e["seq"] for e in log["events"]] == list(range(start + 1, start + 151))


def test_reconnect_with_sync_gets_exactly_what_was_missed(connect, alice, bob):
    a, b = connect(alice["token"]), connect(bob["token"])
    design = start_design(a)
    b.wait_for("design:created")
    last_seen = b.snapshot()["seq"] + 1
    b.disconnect()
    added = [add(a, design["id"], "tree", TREE) for _ in range(3)]
    removed = a.call("element:delete", {"id": added[0]["element"]["id"]})
    back = connect(bob["token"])
    back.snapshot()
    missed = back.call("sync", {"since": last_seen})
    assert missed["ok"] and missed["seq"] == removed["seq"]
    assert [(e["seq"], e["type"]) for e in missed["events"]] == [
        (added[0]["seq"], "element:added"),
        (added[1]["seq"], "element:added"),
        (added[2]["seq"], "element:added"),
        (removed["seq"], "element:deleted"),
    ]
    assert missed["events"][0]["data"] == {"element": added[0]["element"], "seq": added[0]["seq"]}
    assert back.call("sync", {"since": removed["seq"]}) == {"ok": True, "seq": removed["seq"], "events": []}
    ahead = back.call("sync", {"since": removed["seq"] + 10})
    assert ahead["ok"] and ahead["snapshot"]["seq"] == removed["seq"]
    assert len(ahead["snapshot"]["elements"]) == 2


def test_far_behind_client_gets_a_snapshot(connect, alice, app):
    app.extensions["cowork"].settings.SYNC_MAX_EVENTS = 3
    a = connect(alice["token"])
    design = start_design(a)
    for _ in range(4):
        add(a, design["id"], "tree", TREE)
    far = a.call("sync", {"since": 0})
    assert "events" not in far and len(far["snapshot"]["elements"]) == 4
    near = a.call("sync", {"since": 2})
    assert len(near["events"]) == 3


def test_a_message_too_large_closes_that_connection_and_the_server_stays_up(connect, alice, app):
    a = connect(alice["token"])
    design = start_design(a)
    limit = app.extensions["cowork"].settings.MAX_MESSAGE_BYTES
    huge = {"id": new_id(), "design_id": design["id"], "kind": "note", "geometry": TREE, "note": "x" * (limit + 10)}
    a.sio.emit("element:add", huge)
    wait_until(lambda: not a.sio.connected, timeout=5)
    again = connect(alice["token"])
    assert again.snapshot()["elements"] == []
    assert add(again, design["id"], "tree", TREE)["ok"]


def test_an_unexpected_failure_is_answered_internal_and_the_server_keeps_serving(connect, cowork, alice, bob):
    a, b = connect(alice["token"]), connect(bob["token"])
    design = start_design(a)
    created_seq = design_seq(a, design)  # before the fault: sync reads the comments table too
    # A real fault under the handler: the comments table is gone (a broken migration, a dropped table).
    with cowork.db.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE comments")
    ack = a.call("comment:add", {"id": new_id(), "design_id": design["id"], "text": "Shade, please"})
    assert ack == {"ok": False, "error": {"code": "internal", "message": "The server could not handle this request."}}
    # Nothing was half-done: no event was logged or sent, and the next edit works and reaches the other tablet.
    assert b.received("comment:added") == []
    added = add(a, design["id"], "tree", TREE)
    assert added["ok"] and added["seq"] == created_seq + 1
    b.wait_for("element:added", lambda data: data["seq"] == added["seq"])


def design_seq(live: LiveClient, design: dict) -> int:
    """The seq of the event that created a design, as the log has it."""
    events = live.call("sync", {"since": 0})["events"]
    return next(e["seq"] for e in events if e["type"] == "design:created" and e["data"]["design"]["id"] == design["id"])
