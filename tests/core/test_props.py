"""Element props over the live protocol: each kind's props checked at the door, carried in acks, broadcasts,
snapshots and sync, replaced as a whole by an update, reset by a change of kind; a bad one refused `invalid`,
naming the field, with nothing saved."""

from __future__ import annotations

import uuid

import pytest

from cowork.core import geo, props

from ..support import LAWN, PATH, TREE, LiveClient

SHAPES = {"Point": TREE, "LineString": PATH, "Polygon": LAWN}

# Every field of every kind, given: what a tablet sends, and what it gets back (stripped, numbers as numbers).
FULL = {
    "tree": ({"species": "  Ulmus pumila ", "count": 12}, {"species": "Ulmus pumila", "count": 12}),
    "bike_lane": ({"facility": "separated", "two_way": True}, {"facility": "separated", "two_way": True}),
    "path": ({"surface": "gravel"}, {"surface": "gravel"}),
    "sign": (
        {"text": "Metro 300 m", "bearing": 270, "sign_type": "direction"},
        {"text": "Metro 300 m", "bearing": 270, "sign_type": "direction"},
    ),
    "bench": ({"count": 3}, {"count": 3}),
    "lighting": ({"height_m": 4}, {"height_m": 4.0}),
}

# A bad `props` for a kind, and the words its refusal must carry (the field it names).
BAD = [
    ("tree", {"species": "x" * 81}, "'props.species'"),
    ("tree", {"species": 7}, "'props.species'"),
    ("tree", {"count": 0}, "'props.count'"),
    ("tree", {"count": 501}, "'props.count'"),
    ("tree", {"count": 2.5}, "'props.count'"),
    ("tree", {"count": True}, "'props.count'"),
    ("tree", {"count": "12"}, "'props.count'"),
    ("tree", {"height": 3}, "'height'"),
    ("bike_lane", {"facility": "painted-ish"}, "'props.facility'"),
    ("bike_lane", {"two_way": "yes"}, "'props.two_way'"),
    ("path", {"surface": "lava"}, "'props.surface'"),
    ("sign", {"bearing": 360}, "'props.bearing'"),
    ("sign", {"bearing": -1}, "'props.bearing'"),
    ("sign", {"text": "→" * 81}, "'props.text'"),
    ("sign", {"sign_type": "billboard"}, "'props.sign_type'"),
    ("bench", {"count": 101}, "'props.count'"),
    ("lighting", {"height_m": 0.1}, "'props.height_m'"),
    ("lighting", {"height_m": "tall"}, "'props.height_m'"),
    ("play_area", {"species": "oak"}, "'species'"),
    ("tree", "twelve elms", "'props'"),
    ("tree", [12], "'props'"),
]


def new_id() -> str:
    return str(uuid.uuid4())


def start_design(live: LiveClient) -> dict:
    ack = live.call("design:create", {"id": new_id(), "title": "Green street"})
    assert ack["ok"], ack
    return ack["design"]


def add(live: LiveClient, design_id: str, kind: str, **extra) -> dict:
    shape = SHAPES[geo.GEOMETRY_TYPE_OF_KIND[kind]]
    return live.call("element:add", {"id": new_id(), "design_id": design_id, "kind": kind, "geometry": shape, **extra})


def test_every_kinds_props_round_trip_in_ack_broadcast_snapshot_and_sync(connect, alice, bob):
    a, b = connect(alice["token"]), connect(bob["token"])
    design = start_design(a)
    start = a.call("sync", {"since": 0})["seq"]
    expected = {}
    for kind, (sent, stored) in FULL.items():
        ack = add(a, design["id"], kind, props=sent)
        assert ack["ok"], (kind, ack)
        assert ack["element"]["props"] == stored, kind
        expected[ack["element"]["id"]] = stored
        seen = b.wait_for("element:added", lambda d, i=ack["element"]["id"]: d["element"]["id"] == i)
        assert seen["element"]["props"] == stored, kind
    snapshot = {e["id"]: e["props"] for e in connect(bob["token"]).snapshot()["elements"]}
    assert {i: snapshot[i] for i in expected} == expected
    log = b.call("sync", {"since": start})
    assert {e["data"]["element"]["id"]: e["data"]["element"]["props"] for e in log["events"]} == expected


def test_defaults_are_filled_in_and_kinds_without_props_carry_an_empty_object(connect, alice):
    a = connect(alice["token"])
    design = start_design(a)
    lane = add(a, design["id"], "bike_lane")
    assert lane["ok"] and lane["element"]["props"] == {"facility": "painted"}
    assert add(a, design["id"], "bike_lane", props={"two_way": False})["element"]["props"] == {
        "facility": "painted",
        "two_way": False,
    }
    # A null field is an absent one; an empty text is left out.
    assert add(a, design["id"], "tree", props={"species": "   ", "count": None})["element"]["props"] == {}
    assert add(a, design["id"], "play_area", props={})["element"]["props"] == {}
    assert add(a, design["id"], "water", props=None)["element"]["props"] == {}
    snapshot = {e["id"]: e for e in connect(alice["token"]).snapshot()["elements"]}
    assert snapshot[lane["element"]["id"]]["props"] == {"facility": "painted"}


def test_each_bad_prop_is_refused_naming_its_field_and_nothing_is_saved(connect, alice, bob):
    a, b = connect(alice["token"]), connect(bob["token"])
    design = start_design(a)
    before = a.call("sync", {"since": 0})
    for kind, bad, named in BAD:
        ack = add(a, design["id"], kind, props=bad)
        assert ack["ok"] is False and ack["error"]["code"] == "invalid", (kind, bad, ack)
        assert named in ack["error"]["message"], (kind, bad, ack["error"]["message"])
    assert a.call("sync", {"since": 0}) == before
    assert connect(bob["token"]).snapshot()["elements"] == []
    assert b.received("element:added") == []


def test_an_update_replaces_props_as_a_whole(connect, alice, bob):
    a, b = connect(alice["token"]), connect(bob["token"])
    design = start_design(a)
    sign = add(a, design["id"], "sign", props={"text": "Lake", "bearing": 90, "sign_type": "direction"})["element"]
    ack = a.call("element:update", {"id": sign["id"], "base_version": 1, "props": {"bearing": 180}})
    assert ack["ok"], ack
    assert ack["element"]["props"] == {"bearing": 180} and ack["element"]["version"] == 2
    assert b.wait_for("element:updated", lambda d: d["element"]["version"] == 2)["element"]["props"] == {"bearing": 180}
    # Only the props: the note and shape stay.
    assert ack["element"]["geometry"] == sign["geometry"] and ack["element"]["note"] == sign["note"]
    assert {e["id"]: e["props"] for e in connect(bob["token"]).snapshot()["elements"]} == {sign["id"]: {"bearing": 180}}
    # An update with no props keeps them.
    kept = a.call("element:update", {"id": sign["id"], "base_version": 2, "note": "by the gate"})
    assert kept["ok"] and kept["element"]["props"] == {"bearing": 180}


def test_a_change_of_kind_resets_props_unless_it_sends_the_new_kinds(connect, alice):
    a = connect(alice["token"])
    design = start_design(a)
    path = add(a, design["id"], "path", props={"surface": "paved"})["element"]
    became = a.call("element:update", {"id": path["id"], "base_version": 1, "kind": "bike_lane"})
    assert became["ok"] and became["element"]["props"] == {"facility": "painted"}
    back = a.call(
        "element:update", {"id": path["id"], "base_version": 2, "kind": "path", "props": {"surface": "gravel"}}
    )
    assert back["ok"] and back["element"]["props"] == {"surface": "gravel"}
    lane = a.call(
        "element:update",
        {"id": path["id"], "base_version": 3, "kind": "bike_lane", "props": {"facility": "shared", "two_way": True}},
    )
    assert lane["ok"] and lane["element"]["props"] == {"facility": "shared", "two_way": True}
    stored = {e["id"]: e for e in connect(alice["token"]).snapshot()["elements"]}[path["id"]]
    assert stored["kind"] == "bike_lane" and stored["props"] == {"facility": "shared", "two_way": True}


@pytest.mark.parametrize(
    "change, named",
    [
        ({"props": {"surface": "lava"}}, "'props.surface'"),  # bad for the element's own kind
        ({"props": {"facility": "separated"}}, "'facility'"),  # a bike lane's field on a path
        ({"kind": "bike_lane", "props": {"surface": "paved"}}, "'surface'"),  # the old kind's field on the new kind
        ({"kind": "bike_lane", "props": {"facility": "fast"}}, "'props.facility'"),
        ({"props": "paved"}, "'props'"),
    ],
)
def test_props_invalid_for_the_kind_are_refused_on_update_and_nothing_changes(connect, alice, bob, change, named):
    a, b = connect(alice["token"]), connect(bob["token"])
    design = start_design(a)
    path = add(a, design["id"], "path", props={"surface": "paved"})["element"]
    b.wait_for("element:added")
    before = a.call("sync", {"since": 0})
    ack = a.call("element:update", {"id": path["id"], "base_version": 1, **change})
    assert ack["ok"] is False and ack["error"]["code"] == "invalid", ack
    assert named in ack["error"]["message"]
    assert a.call("sync", {"since": 0}) == before
    stored = {e["id"]: e for e in connect(bob["token"]).snapshot()["elements"]}[path["id"]]
    assert stored["kind"] == "path" and stored["props"] == {"surface": "paved"} and stored["version"] == 1


def test_the_table_the_tests_use_covers_every_kind_with_props():
    assert set(FULL) == set(props.PROPS)
    for kind, (sent, _stored) in FULL.items():
        assert set(sent) == set(props.PROPS[kind]), kind
