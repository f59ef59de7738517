"""A tablet back after an hour offline sends the edits it queued against elements that others have since deleted or
changed: each is refused with a code that says which (and the element as it is now), nothing is changed, and
nothing the others did is overwritten."""

from __future__ import annotations

from ..realtime.test_realtime import add, start_design
from ..support import LAWN, PATH, TREE


def test_queued_edits_of_elements_deleted_or_changed_meanwhile_each_get_a_clear_refusal(connect, alice, bob):
    a, b = connect(alice["token"]), connect(bob["token"])
    design = start_design(a)
    assert b.call("design:join", {"design_id": design["id"]})["ok"]
    tree, path, lawn = (
        add(a, design["id"], kind, shape)["element"]
        for kind, shape in (("tree", TREE), ("path", PATH), ("green_area", LAWN))
    )
    gone = add(a, design["id"], "bench", TREE)["element"]
    # Alice's tablet goes offline; meanwhile Bob deletes the tree and the bench, changes the path and the lawn.
    a.disconnect()
    assert b.call("element:delete", {"id": tree["id"]})["ok"] and b.call("element:delete", {"id": gone["id"]})["ok"]
    bobs_path = b.call("element:update", {"id": path["id"], "base_version": 1, "note": "Bob's route"})["element"]
    bobs_lawn = b.call("element:update", {"id": lawn["id"], "base_version": 1, "kind": "play_area"})["element"]
    seq = b.call("sync", {"since": 0})["seq"]

    # Back an hour later, her journal goes out in order.
    back = connect(alice["token"])
    moved_tree = back.call("element:update", {"id": tree["id"], "base_version": 1, "note": "shade"})
    assert moved_tree["ok"] is False and moved_tree["error"]["code"] == "not_found" and moved_tree["deleted"] is True
    assert "deleted" in moved_tree["error"]["message"]
    stale = back.call("element:update", {"id": path["id"], "base_version": 1, "note": "Alice's route"})
    assert stale["error"]["code"] == "conflict" and stale["element"] == bobs_path
    # A delete based on the version she saw does not throw Bob's change away unseen.
    unseen = back.call("element:delete", {"id": lawn["id"], "base_version": 1})
    assert unseen["error"]["code"] == "conflict" and unseen["element"] == bobs_lawn
    # Deleting what is already deleted is what she wanted: answered with that deletion.
    assert back.call("element:delete", {"id": gone["id"], "base_version": 1})["ok"]

    # None of it changed anything: the log did not move, and Bob's versions stand.
    assert back.call("sync", {"since": seq}) == {"ok": True, "seq": seq, "events": []}
    now = {e["id"]: e for e in back.snapshot()["elements"]}
    assert set(now) == {path["id"], lawn["id"]} and now[path["id"]] == bobs_path and now[lawn["id"]] == bobs_lawn
    # Having seen the new version, she may still delete it.
    assert back.call("element:delete", {"id": lawn["id"], "base_version": bobs_lawn["version"]})["ok"]
