"""Facilitation and voting over real websockets: votes under concurrency, private sketching and reveal,
moderation, removal, presence, timer and shared view."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest
import requests
import socketio

from cowork.models.base import utcnow
from cowork.models.workshop import Workshop

from ..support import LAWN, PATH, TREE, LiveClient, join, wait_until


def new_id() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def facilitator(connect, workshop) -> LiveClient:
    return connect(workshop["facilitator_token"])


def design_of(live: LiveClient, title: str) -> str:
    ack = live.call("design:create", {"id": new_id(), "title": title})
    assert ack["ok"], ack
    return ack["design"]["id"]


def add(live: LiveClient, design_id: str, kind: str = "tree", geometry: dict = TREE) -> dict:
    ack = live.call("element:add", {"id": new_id(), "design_id": design_id, "kind": kind, "geometry": geometry})
    assert ack["ok"], ack
    return ack


def set_phase(facilitator: LiveClient, phase: str, **extra) -> dict:
    ack = facilitator.call("phase:set", {"phase": phase, **extra})
    assert ack["ok"], ack
    return ack


def test_two_tabs_voting_at_once_never_exceed_budget_or_cap(connect, workshop, server, facilitator, alice):
    designers = [connect(join(server, workshop["join_code"], f"D{i}")["token"]) for i in range(5)]
    designs = [design_of(d, f"Design {i}") for i, d in enumerate(designers)]
    set_phase(facilitator, "voting")
    tabs = [connect(alice["token"]), connect(alice["token"])]
    barrier = threading.Barrier(2)
    acks: list[dict] = []

    def vote_all(tab: LiveClient) -> None:
        barrier.wait()
        for design_id in designs:
            acks.append(tab.call("vote:cast", {"design_id": design_id}))

    threads = [threading.Thread(target=vote_all, args=(tab,)) for tab in tabs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    accepted = [a for a in acks if a["ok"]]
    refused = [a for a in acks if not a["ok"]]
    assert len(accepted) == 3 and len(refused) == 7
    assert {a["error"]["code"] for a in refused} == {"vote_limit"}
    final = tabs[0].call("sync", {"since": 0})
    snapshot = connect(alice["token"]).snapshot()
    assert sum(snapshot["votes"]["mine"].values()) == 3 and max(snapshot["votes"]["mine"].values()) == 1
    assert snapshot["votes"]["left"] == 0 and snapshot["votes"]["tallies"] is None
    assert final["ok"]
    # Moving a dot: retract one, cast elsewhere.
    voted = sorted(snapshot["votes"]["mine"])
    free = next(d for d in designs if d not in voted)
    moved = tabs[0].call("vote:retract", {"design_id": voted[0]})
    assert moved["ok"] and moved["votes_left"] == 1
    assert tabs[0].call("vote:cast", {"design_id": free})["votes_left"] == 0
    assert tabs[0].call("vote:retract", {"design_id": voted[0]})["error"]["code"] == "vote_limit"


def test_tallies_go_to_the_facilitator_and_to_participants_only_when_shown(connect, facilitator, alice, bob):
    a, b = connect(alice["token"]), connect(bob["token"])
    design = design_of(a, "A's plan")
    set_phase(facilitator, "voting")
    cast = b.call("vote:cast", {"design_id": design})
    assert cast["ok"] and cast["votes_left"] == 2 and cast["mine"] == {design: 1}
    tallies = facilitator.wait_for("votes:updated", lambda d: d["seq"] == cast["seq"])
    assert tallies["tallies"][design] == 1
    # Participants got only the sequence number.
    a.wait_for("seq", lambda d: d["seq"] == cast["seq"])
    assert a.received("votes:updated") == []
    assert facilitator.call("settings:update", {"show_running_tallies": True})["ok"]
    fresh = a.wait_for("snapshot", lambda s: s["votes"]["tallies"] is not None)
    assert fresh["votes"]["tallies"][design] == 1
    again = b.call("vote:retract", {"design_id": design})
    assert a.wait_for("votes:updated", lambda d: d["seq"] == again["seq"])["tallies"][design] == 0


def test_who_has_voted_is_the_facilitators_alone_and_changes_with_a_first_or_last_dot(
    connect, workshop, facilitator, alice, bob
):
    a, b = connect(alice["token"]), connect(bob["token"])
    first, second = design_of(a, "One"), design_of(a, "Two")
    # Running tallies on: participants see the tallies, still never who voted.
    assert facilitator.call("settings:update", {"show_running_tallies": True})["ok"]
    set_phase(facilitator, "voting")
    assert facilitator.wait_for("snapshot", lambda s: s["phase"] == "voting")["votes"]["voters"] == []
    cast = b.call("vote:cast", {"design_id": first})
    voted = facilitator.wait_for("voters:updated", lambda d: d["seq"] == cast["seq"] + 1)
    assert voted["voters"] == [bob["participant_id"]]
    for live in (a, b):
        live.wait_for("seq", lambda d: d["seq"] == cast["seq"] + 1)
        assert live.received("voters:updated") == []
    # A second dot, and taking one of two back, change nobody's "has voted": no event for them.
    more = b.call("vote:cast", {"design_id": second})
    fewer = b.call("vote:retract", {"design_id": first})
    assert fewer["seq"] == more["seq"] + 1
    assert len(facilitator.received("voters:updated")) == 1
    # The last dot taken back: Bob has not voted (any more).
    last = b.call("vote:retract", {"design_id": second})
    assert facilitator.wait_for("voters:updated", lambda d: d["seq"] == last["seq"] + 1)["voters"] == []
    # Snapshots and syncs say the same: the facilitator's carry the voters, a participant's never do.
    assert b.call("vote:cast", {"design_id": second})["ok"]
    assert connect(workshop["facilitator_token"]).snapshot()["votes"]["voters"] == [bob["participant_id"]]
    assert "voters" not in connect(alice["token"]).snapshot()["votes"]
    seen = {e["type"] for e in a.call("sync", {"since": cast["seq"] - 1})["events"]}
    assert "votes:updated" in seen and "voters:updated" not in seen
    assert "voters:updated" in {e["type"] for e in facilitator.call("sync", {"since": cast["seq"]})["events"]}


def test_authors_may_be_barred_from_voting_for_their_own_design(connect, facilitator, alice):
    a = connect(alice["token"])
    design = design_of(a, "Mine")
    assert facilitator.call("settings:update", {"authors_may_vote_own": False, "votes_per_participant": 5})["ok"]
    set_phase(facilitator, "voting")
    refused = a.call("vote:cast", {"design_id": design})
    assert refused["error"]["code"] == "vote_limit" and "own" in refused["error"]["message"]


def test_private_sketching_hides_others_designs_until_reveal(connect, facilitator, alice, bob):
    assert facilitator.call("settings:update", {"private_sketching": True})["ok"]
    a, b = connect(alice["token"]), connect(bob["token"])
    a_design, b_design = design_of(a, "Alice's secret"), design_of(b, "Bob's secret")
    tree = add(a, a_design)
    # Bob saw only a sequence number; the facilitator saw everything.
    b.wait_for("seq", lambda d: d["seq"] == tree["seq"])
    assert all(d["element"]["id"] != tree["element"]["id"] for d in b.received("element:added"))
    facilitator.wait_for("element:added", lambda d: d["seq"] == tree["seq"])
    assert {d["id"] for d in connect(bob["token"]).snapshot()["designs"]} == {b_design}
    assert {d["id"] for d in connect(workshop_token(facilitator)).snapshot()["designs"]} == {a_design, b_design}
    # Bob can neither join nor comment on Alice's design while it is private.
    assert b.call("design:join", {"design_id": a_design})["error"]["code"] == "not_found"
    # Sync gives Bob ticks, not Alice's events.
    missed = b.call("sync", {"since": tree["seq"] - 1})
    assert missed["events"] == [{"seq": tree["seq"], "type": "seq", "data": {"seq": tree["seq"]}}]
    # Reveal: Bob gets a fresh snapshot with Alice's design and tree.
    assert facilitator.call("settings:update", {"revealed": True})["ok"]
    revealed = b.wait_for("snapshot", lambda s: len(s["designs"]) == 2)
    assert tree["element"]["id"] in {e["id"] for e in revealed["elements"]}
    assert b.call("design:join", {"design_id": a_design})["ok"]


def workshop_token(live: LiveClient) -> str:
    return live.token


def test_moderation_hides_for_participants_keeps_for_facilitator_and_restores(
    connect, facilitator, alice, bob, server, workshop
):
    import requests

    a, b = connect(alice["token"]), connect(bob["token"])
    design = design_of(a, "Plan")
    element = add(a, design, "green_area", LAWN)["element"]
    comment = b.call("comment:add", {"id": new_id(), "element_id": element["id"], "text": "Love the lawn"})
    assert comment["ok"] and comment["comment"]["author_name"] == "Bob"
    a.wait_for("comment:added", lambda d: d["comment"]["id"] == comment["comment"]["id"])
    hidden = facilitator.call(
        "moderate", {"target": "element", "id": element["id"], "hidden": True, "reason": "off-topic"}
    )
    assert hidden["ok"]
    for participant in (a, b):
        seen = participant.wait_for("moderated", lambda d: d["id"] == element["id"])
        assert seen["hidden"] is True and seen["target"] == "element"
    assert element["id"] not in {e["id"] for e in connect(bob["token"]).snapshot()["elements"]}
    marked = next(e for e in connect(workshop["facilitator_token"]).snapshot()["elements"] if e["id"] == element["id"])
    assert marked["hidden"] is True and marked["hidden_reason"] == "off-topic"
    # The author can no longer edit what they cannot see; the log keeps it all.
    assert (
        a.call("element:update", {"id": element["id"], "base_version": 1, "note": "x"})["error"]["code"] == "not_found"
    )
    log_types = [e["type"] for e in facilitator.call("sync", {"since": 0})["events"]]
    assert "element:added" in log_types and "moderated" in log_types
    # A participant's export leaves it out (anyone else reads no export until the workshop closes).
    public = requests.get(
        f"{server}/api/workshops/{workshop['id']}/export.geojson",
        timeout=5,
        headers={"Authorization": f"Bearer {bob['token']}"},
    ).json()
    assert element["id"] not in {f["id"] for f in public["features"]}
    private = requests.get(
        f"{server}/api/workshops/{workshop['id']}/export.geojson",
        timeout=5,
        headers={"Authorization": f"Bearer {workshop['facilitator_token']}"},
    ).json()
    assert next(f for f in private["features"] if f["id"] == element["id"])["properties"]["hidden"] is True
    restored = facilitator.call("moderate", {"target": "element", "id": element["id"], "hidden": False})
    back = b.wait_for("moderated", lambda d: d["seq"] == restored["seq"])
    assert back["hidden"] is False and back["element"]["id"] == element["id"]


def test_hiding_a_comment_and_a_design(connect, facilitator, alice, bob):
    a, b = connect(alice["token"]), connect(bob["token"])
    design = design_of(a, "Plan")
    comment = b.call("comment:add", {"id": new_id(), "design_id": design, "text": "spam spam"})["comment"]
    assert facilitator.call("moderate", {"target": "comment", "id": comment["id"], "hidden": True, "reason": "spam"})[
        "ok"
    ]
    assert comment["id"] not in {c["id"] for c in connect(alice["token"]).snapshot()["comments"]}
    assert facilitator.call("moderate", {"target": "design", "id": design, "hidden": True, "reason": "duplicate"})["ok"]
    assert design not in {d["id"] for d in connect(bob["token"]).snapshot()["designs"]}
    assert b.call("comment:add", {"id": new_id(), "design_id": design, "text": "?"})["error"]["code"] == "not_found"


def test_removed_participant_is_disconnected_and_token_stops_working(connect, facilitator, alice, bob, server):
    import requests

    a, b = connect(alice["token"]), connect(bob["token"])
    design = design_of(a, "Alice's plan")
    tree = add(a, design)
    removed = facilitator.call("participant:remove", {"participant_id": alice["participant_id"]})
    assert removed["ok"]
    wait_until(lambda: not a.sio.connected)
    b.wait_for("participant:removed", lambda d: d["participant_id"] == alice["participant_id"])
    again = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        again.connect(server, auth={"token": alice["token"]}, transports=["websocket"], wait_timeout=5)
    assert (
        requests.get(f"{server}/api/me", headers={"Authorization": f"Bearer {alice['token']}"}, timeout=5).status_code
        == 401
    )
    assert tree["element"]["id"] in {e["id"] for e in connect(bob["token"]).snapshot()["elements"]}
    assert (
        facilitator.call("participant:remove", {"participant_id": facilitator.snapshot()["you"]["participant_id"]})[
            "error"
        ]["code"]
        == "forbidden"
    )


def test_presence_is_coalesced_and_follows_designs(connect, facilitator, workshop, server):
    tokens = [join(server, workshop["join_code"], f"Tablet {i}")["token"] for i in range(20)]
    facilitator.wait_for("presence")
    before = len(facilitator.received("presence"))
    tablets = [connect(token) for token in tokens]
    final = facilitator.wait_for("presence", lambda p: len(p["online"]) == 21, timeout=10)
    assert final["online"][0]["role"] == "facilitator"
    assert len(facilitator.received("presence")) - before <= 6  # 20 connections, a handful of messages
    design = design_of(tablets[0], "Here")
    assert tablets[0].call("presence:design", {"design_id": design})["ok"]
    facilitator.wait_for("presence", lambda p: any(o["design_id"] == design for o in p["online"]))
    # Only messages sent after the disconnect count: an early one, while tablets were still arriving, also had 20.
    seen = len(facilitator.received("presence"))
    tablets[1].disconnect()
    gone = facilitator.wait_for("presence", lambda p: len(p["online"]) == 20, after=seen)
    assert "Tablet 1" not in {o["name"] for o in gone["online"]}


def test_timer_is_shared_survives_reconnect_and_tells_the_facilitator(connect, facilitator, alice):
    a = connect(alice["token"])
    ack = facilitator.call("timer:set", {"seconds": 1})
    assert ack["ok"] and ack["ends_at"].endswith("Z")
    assert a.wait_for("timer")["ends_at"] == ack["ends_at"]
    assert connect(alice["token"]).snapshot()["timer"]["ends_at"] == ack["ends_at"]
    expired = facilitator.wait_for("timer:expired", timeout=5)
    assert expired["ends_at"] == ack["ends_at"]
    assert a.received("timer:expired") == []
    # Time up cuts no one off: drawing still works.
    add(a, design_of(a, "Still drawing"))
    cleared = facilitator.call("timer:set", {"seconds": 0})
    assert cleared["ends_at"] is None


def test_view_share_reaches_every_tablet(connect, facilitator, alice):
    a = connect(alice["token"])
    assert facilitator.call("view:share", {"center": [76.955, 43.258], "zoom": 17})["ok"]
    assert a.wait_for("view") == {"center": [76.955, 43.258], "zoom": 17.0}
    assert a.call("view:share", {"center": [76.955, 43.258], "zoom": 17})["error"]["code"] == "forbidden"
    assert facilitator.call("view:share", {"center": [500, 0], "zoom": 17})["error"]["code"] == "invalid"
    # The whole site: each screen fits it as its size allows, so no place or zoom travels with it.
    assert facilitator.call("view:share", {"site": True})["ok"]
    assert a.wait_for("view", lambda view: "site" in view) == {"site": True}
    assert a.call("view:share", {"site": True})["error"]["code"] == "forbidden"
    for wrong in ({"site": False}, {"site": 1}, {"site": True, "center": [76.955, 43.258], "zoom": 17}):
        assert facilitator.call("view:share", wrong)["error"]["code"] == "invalid", wrong


def test_the_countdown_stops_with_its_phase(connect, facilitator, alice, server, workshop, cowork):
    a = connect(alice["token"])

    def summary() -> dict:
        return requests.get(f"{server}/api/workshops/{workshop['id']}", timeout=5).json()

    for phase in ("voting", "closed"):
        assert facilitator.call("timer:set", {"seconds": 600})["ends_at"]
        ack = set_phase(facilitator, phase)
        assert a.wait_for("snapshot", lambda s, seq=ack["seq"]: s["seq"] == seq)["timer"] == {"ends_at": None}
        assert summary()["timer_ends_at"] is None
        assert facilitator.snapshot()["timer"] == {"ends_at": None}
    # A workshop closed before phases stopped their countdowns (or imported so) shows none either.
    with cowork.db.write() as session:
        session.get(Workshop, workshop["id"]).timer_ends_at = utcnow() + timedelta(minutes=5)
    assert summary()["timer_ends_at"] is None
    assert connect(alice["token"]).snapshot()["timer"] == {"ends_at": None}
    # Reopened, it starts without one: the facilitator sets the next phase's countdown.
    set_phase(facilitator, "voting", reopen=True)
    assert connect(alice["token"]).snapshot()["timer"] == {"ends_at": None}


def test_phase_change_reaches_everyone_with_a_snapshot(connect, facilitator, alice):
    a = connect(alice["token"])
    design = design_of(a, "Plan")
    ack = set_phase(facilitator, "voting")
    assert a.wait_for("phase:changed")["phase"] == "voting"
    assert a.wait_for("snapshot", lambda s: s["phase"] == "voting")["seq"] == ack["seq"]
    frozen = a.call("element:add", {"id": new_id(), "design_id": design, "kind": "tree", "geometry": TREE})
    assert frozen["error"]["code"] == "phase"
    # A client that missed the phase change gets a snapshot from sync.
    assert "snapshot" in a.call("sync", {"since": ack["seq"] - 1})


def test_settings_palette_limits_kinds(connect, facilitator, alice):
    a = connect(alice["token"])
    design = design_of(a, "Plan")
    changed = facilitator.call("settings:update", {"palette": ["tree", "path"]})
    assert changed["settings"]["palette"] == ["tree", "path"]
    assert a.wait_for("settings:changed")["settings"]["palette"] == ["tree", "path"]
    refused = a.call("element:add", {"id": new_id(), "design_id": design, "kind": "bench", "geometry": TREE})
    assert refused["error"]["code"] == "invalid"
    add(a, design, "path", PATH)
    for bad in (
        {"palette": []},
        {"palette": ["fountain"]},
        {"votes_per_participant": -1},
        {"max_votes_per_design": 0},
        {"private_sketching": "yes"},
        {"colour": "red"},
        {},
    ):
        assert facilitator.call("settings:update", bad)["error"]["code"] == "invalid", bad


def test_dots_on_a_hidden_design_are_given_back(connect, facilitator, alice, bob):
    a, b = connect(alice["token"]), connect(bob["token"])
    first, second = design_of(a, "One"), design_of(a, "Two")
    assert facilitator.call("settings:update", {"votes_per_participant": 1})["ok"]
    set_phase(facilitator, "voting")
    assert b.call("vote:cast", {"design_id": first})["votes_left"] == 0
    assert b.call("vote:cast", {"design_id": second})["error"]["code"] == "vote_limit"
    assert facilitator.call("moderate", {"target": "design", "id": first, "hidden": True, "reason": "merged"})["ok"]
    assert b.wait_for("snapshot", lambda s: s["votes"]["left"] == 1)["votes"]["mine"] == {}
    assert b.call("vote:cast", {"design_id": second})["ok"]


def test_the_facilitator_rotates_the_join_code_and_the_old_one_stops_working(
    connect, facilitator, alice, server, workshop
):
    import requests

    a = connect(alice["token"])
    assert a.call("join_code:rotate", {})["error"]["code"] == "forbidden"
    rotated = facilitator.call("join_code:rotate", {})
    assert rotated["ok"] and rotated["join_code"] != workshop["join_code"] and len(rotated["join_code"]) == 6
    # The facilitator's sockets hear the new code; a participant only the sequence number.
    assert (
        facilitator.wait_for("join_code:changed", lambda d: d["seq"] == rotated["seq"])["join_code"]
        == rotated["join_code"]
    )
    a.wait_for("seq", lambda d: d["seq"] == rotated["seq"])
    assert all(d.get("join_code") is None for d in a.received("join_code:changed"))
    old = requests.post(f"{server}/api/join", json={"code": workshop["join_code"], "name": "Late"}, timeout=5)
    assert old.status_code == 404
    assert join(server, rotated["join_code"], "On time")["workshop_id"] == workshop["id"]
    # Whoever had joined stays in.
    assert a.call("sync", {"since": 0})["ok"]
