"""The snapshot's shared part is built once per seq and reused: every kind of change makes the next snapshot
fresh, for every identity, and what is cached was all read at its seq."""

from __future__ import annotations

import uuid

import pytest

from cowork.workshop import state as state_module
from cowork.workshop.payloads import (
    CommentAdd,
    DesignCreate,
    DesignJoin,
    ElementDelete,
    ElementUpdate,
    Moderate,
    PhaseSet,
    SettingsUpdate,
    VoteChange,
)
from cowork.workshop.state import SHARED_VIEWS

from ..builders import Room
from ..support import PATH


@pytest.fixture
def room(cowork):
    room = Room(cowork)
    room.element = room.add(kind="path", geometry=PATH).reply["element"]["id"]
    room.comment = cowork.voting.add_comment(room.author, CommentAdd(str(uuid.uuid4()), "nice", room.design)).reply[
        "comment"
    ]["id"]
    return room


def viewers(room):
    return {"author": room.author, "other": room.other, "facilitator": room.facilitator}


def snapshots(cowork, room) -> dict[str, dict]:
    return {name: cowork.state.snapshot(identity) for name, identity in viewers(room).items()}


def uncached(cowork, room) -> dict[str, dict]:
    SHARED_VIEWS.clear()
    try:
        return snapshots(cowork, room)
    finally:
        SHARED_VIEWS.clear()


def test_snapshots_at_one_seq_share_one_build(room, cowork, monkeypatch):
    cowork.state.snapshot(room.author)
    builds = SHARED_VIEWS.builds

    def refuse(*_args):
        raise AssertionError("the workshop's rows were read again")

    monkeypatch.setattr(state_module, "load_state", refuse)
    seen = snapshots(cowork, room)
    assert SHARED_VIEWS.builds == builds
    # Built from the shared views, each still sees only what it may: the facilitator sees the participants.
    assert "participants" in seen["facilitator"] and "participants" not in seen["author"]
    assert seen["author"]["you"]["participant_id"] == room.author.participant_id


def _hide(target):
    return lambda room, cowork: cowork.facilitation.moderate(
        room.facilitator, Moderate(target, getattr(room, target), True, "x")
    )


def _reveal(target):
    return lambda room, cowork: cowork.facilitation.moderate(
        room.facilitator, Moderate(target, getattr(room, target), False, "")
    )


def _settings(**changes):
    return lambda room, cowork: cowork.facilitation.update_settings(room.facilitator, SettingsUpdate.parse(changes))


def _nothing(room, cowork):
    return None


# Each kind of change: what makes the state it starts from, then the change itself.
EDITS = {
    "add": (_nothing, lambda room, cowork: room.add()),
    "update": (
        _nothing,
        lambda room, cowork: cowork.sketches.update_element(room.author, ElementUpdate(room.element, 1, note="moved")),
    ),
    "delete": (_nothing, lambda room, cowork: cowork.sketches.delete_element(room.author, ElementDelete(room.element))),
    "hide element": (_nothing, _hide("element")),
    "reveal element": (_hide("element"), _reveal("element")),
    "hide design": (_nothing, _hide("design")),
    "reveal design": (_hide("design"), _reveal("design")),
    "hide comment": (_nothing, _hide("comment")),
    "reveal comment": (_hide("comment"), _reveal("comment")),
    "comment": (
        _nothing,
        lambda room, cowork: cowork.voting.add_comment(room.other, CommentAdd(str(uuid.uuid4()), "yes", room.design)),
    ),
    "new design": (
        _nothing,
        lambda room, cowork: cowork.sketches.create_design(room.other, DesignCreate("Mine", str(uuid.uuid4()))),
    ),
    "co-author": (_nothing, lambda room, cowork: cowork.sketches.join_design(room.other, DesignJoin(room.design))),
    "private sketching": (_nothing, _settings(private_sketching=True)),
    "revealed": (_settings(private_sketching=True), _settings(revealed=True)),
    "vote": (
        lambda room, cowork: cowork.facilitation.set_phase(room.facilitator, PhaseSet("voting")),
        lambda room, cowork: cowork.voting.cast(room.other, VoteChange(room.design)),
    ),
}


def _content(seen: dict[str, dict]) -> dict[str, dict]:
    """The snapshots without what moves with every event (the seq, the workshop's summary)."""
    return {
        name: {k: v for k, v in snapshot.items() if k not in ("seq", "workshop")} for name, snapshot in seen.items()
    }


@pytest.mark.parametrize("edit", EDITS)
def test_every_kind_of_change_makes_the_next_snapshot_fresh(room, cowork, edit):
    setup, change = EDITS[edit]
    setup(room, cowork)
    before = snapshots(cowork, room)  # fills the cache
    change(room, cowork)
    after = snapshots(cowork, room)
    assert after == uncached(cowork, room)
    assert _content(after) != _content(before)


def test_rows_read_while_an_edit_commits_are_not_kept_under_the_older_seq(room, cowork, monkeypatch):
    """PostgreSQL reads committed rows statement by statement: an edit committed between reading the workshop and
    reading its elements must not be cached as if it were part of the older seq (SQLite reads one snapshot)."""
    load_state = state_module.load_state
    added = []

    def with_an_edit_between(session, workshop):
        added.append(room.add().reply["element"]["id"])  # another connection, committed now
        return load_state(session, workshop)

    monkeypatch.setattr(state_module, "load_state", with_an_edit_between)
    first = cowork.state.snapshot(room.other)
    monkeypatch.setattr(state_module, "load_state", load_state)
    kept = SHARED_VIEWS._entries.get((str(cowork.db.url), room.workshop_id))
    if kept is not None:
        ids = {view["id"] for view, _, _ in kept.elements}
        assert kept.seq == first["seq"] and (added[0] in ids) == (kept.seq >= room.seq())
    assert snapshots(cowork, room) == uncached(cowork, room)
