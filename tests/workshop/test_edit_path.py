"""The edit path without an ORM load per check: re-sends, the order of refusals, audiences and removal.

`add_element` inserts first and reads an element only when its id turns out to be taken or a check refuses it;
the geometry is parsed and checked before the transaction opens. These tests pin what must not change with that.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from cowork.errors import CoworkError
from cowork.models.workshop import Element, Event
from cowork.workshop.payloads import (
    DesignJoin,
    ElementAdd,
    ElementDelete,
    ElementUpdate,
    Moderate,
    ParticipantRemove,
    PhaseSet,
    SettingsUpdate,
)

from ..builders import Room
from ..support import IN_HOLE, LAWN, PATH


@pytest.fixture
def room(cowork):
    return Room(cowork)


def test_a_resent_add_returns_the_element_under_its_first_seq_and_logs_nothing(room):
    first = room.add()
    before = (room.seq(), room.events())
    again = room.add(element_id=first.reply["element"]["id"])
    assert again.events == ()
    assert again.reply == {"element": first.reply["element"], "seq": first.reply["seq"]}
    assert (room.seq(), room.events()) == before


def test_a_resend_returns_the_element_as_it_is_now(room, cowork):
    first = room.add(kind="path", geometry=PATH)
    element_id = first.reply["element"]["id"]
    cowork.sketches.update_element(room.author, ElementUpdate(element_id, 1, note="moved"))
    again = room.add(kind="path", geometry=PATH, element_id=element_id)
    assert again.reply["element"]["note"] == "moved" and again.reply["element"]["version"] == 2
    assert again.reply["seq"] == first.reply["seq"] and again.events == ()
    cowork.sketches.delete_element(room.author, ElementDelete(element_id))
    deleted = room.add(kind="path", geometry=PATH, element_id=element_id)
    assert deleted.reply["element"]["deleted"] is True and deleted.reply["seq"] == first.reply["seq"]


@pytest.mark.parametrize("change", ["voting", "palette", "hidden design", "no longer an author's"])
def test_a_resend_is_answered_even_when_the_same_add_would_now_be_refused(room, cowork, change):
    first = room.add()
    element_id = first.reply["element"]["id"]
    if change == "voting":
        cowork.facilitation.set_phase(room.facilitator, PhaseSet("voting"))
    elif change == "palette":
        cowork.facilitation.update_settings(room.facilitator, SettingsUpdate.parse({"palette": ["bench"]}))
    elif change == "hidden design":
        cowork.facilitation.moderate(room.facilitator, Moderate("design", room.design, True, "off-topic"))
    seq = room.seq()
    sender = room.other if change == "no longer an author's" else room.author
    again = room.add(who=sender, element_id=element_id)
    assert again.events == () and again.reply["seq"] == first.reply["seq"]
    assert again.reply["element"]["id"] == element_id and room.seq() == seq


def test_a_removed_participant_gets_unauthorized_even_for_a_resend(room, cowork):
    first = room.add()
    cowork.facilitation.remove_participant(room.facilitator, ParticipantRemove(room.author.participant_id))
    for element_id in (first.reply["element"]["id"], None):
        with pytest.raises(CoworkError) as refused:
            room.add(element_id=element_id)
        assert refused.value.code == "unauthorized"


def test_an_id_used_in_another_workshop_is_a_conflict(room, cowork):
    first = room.add()
    elsewhere = Room(cowork)
    with pytest.raises(CoworkError) as refused:
        elsewhere.add(element_id=first.reply["element"]["id"])
    assert refused.value.code == "conflict"
    assert elsewhere.events() == 1  # its design only


@pytest.mark.parametrize(
    "who, geometry, code",
    [
        ("other", IN_HOLE, "forbidden"),  # not an author: refused as such before the geometry is looked at
        ("author", IN_HOLE, "outside_site"),
        ("author", PATH, "invalid_geometry"),  # a line for a tree
    ],
)
def test_refusals_keep_their_order_though_the_geometry_is_checked_first(room, who, geometry, code):
    seq = room.seq()
    with pytest.raises(CoworkError) as refused:
        room.add(who=getattr(room, who), geometry=geometry)
    assert refused.value.code == code and room.seq() == seq


def test_a_hidden_element_is_not_found_for_a_non_author_before_forbidden(room, cowork):
    element_id = room.add().reply["element"]["id"]
    cowork.facilitation.moderate(room.facilitator, Moderate("element", element_id, True, "duplicate"))
    with pytest.raises(CoworkError) as refused:
        cowork.sketches.update_element(room.other, ElementUpdate(element_id, 1, note="x"))
    assert refused.value.code == "not_found"
    # The facilitator may still change it; the change goes to the facilitator alone.
    (event,) = cowork.sketches.update_element(room.facilitator, ElementUpdate(element_id, 1, note="kept")).events
    assert event.audience == frozenset()


def test_under_private_sketching_an_add_goes_to_the_designs_authors(room, cowork):
    cowork.facilitation.update_settings(room.facilitator, SettingsUpdate.parse({"private_sketching": True}))
    (event,) = room.add().events
    assert event.audience == frozenset({room.author.participant_id})
    cowork.sketches.join_design(room.facilitator, DesignJoin(room.design))
    with pytest.raises(CoworkError) as refused:
        room.add(who=room.other)
    assert refused.value.code == "not_found"  # someone else's design is not even seen
    cowork.facilitation.update_settings(room.facilitator, SettingsUpdate.parse({"revealed": True}))
    (event,) = room.add().events
    assert event.audience is None


def test_an_update_that_changes_the_kind_checks_the_geometry_for_the_new_kind(room, cowork):
    element_id = room.add(kind="green_area", geometry=LAWN).reply["element"]["id"]
    with pytest.raises(CoworkError) as refused:
        cowork.sketches.update_element(room.author, ElementUpdate(element_id, 1, geometry=LAWN, kind="path"))
    assert refused.value.code == "invalid_geometry"
    placed = cowork.sketches.place(room.workshop_id, None, PATH)
    outcome = cowork.sketches.update_element(
        room.author, ElementUpdate(element_id, 1, geometry=PATH, kind="path"), placed
    )
    assert outcome.reply["element"]["kind"] == "path" and outcome.reply["element"]["measure"]["length_m"] > 0


def test_what_is_stored_equals_what_is_sent(room, cowork):
    outcome = room.add(kind="green_area", geometry=LAWN, note="shade")
    sent = outcome.reply["element"]
    with cowork.db.read() as session:
        stored = session.get(Element, sent["id"])
        logged = session.scalars(
            select(Event).where(Event.seq == outcome.reply["seq"], Event.workshop_id == room.workshop_id)
        ).one()
        # Compared inside the session: leaving it expires the rows.
        assert stored.geometry == sent["geometry"] and stored.measure == sent["measure"]
        assert stored.created_seq == outcome.reply["seq"]
        assert logged.type == "element:added" and logged.data == {"element": sent, "seq": outcome.reply["seq"]}
    snapshot = cowork.state.snapshot(room.author)
    assert snapshot["elements"] == [sent] and snapshot["seq"] == outcome.reply["seq"]


def _statements(cowork):
    """A list that fills with every SQL statement the engine runs, but its transactions' BEGIN and COMMIT."""
    from sqlalchemy import event

    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK")):
            seen.append(statement)

    event.listen(cowork.db.engine, "before_cursor_execute", record)
    return seen


def test_an_add_is_a_few_narrow_statements(room, cowork):
    room.add()  # the site is parsed and cached by the first edit
    seen = _statements(cowork)
    room.add()
    # The workshop's head under its lock, the actor, the design with an EXISTS for authorship, the element, the
    # seq, the event: no ORM load of the workshop, the design's authors or their participants (that was 10).
    assert len(seen) == 6, seen
    assert sum("design_authors" in s for s in seen) == 1


def test_an_add_with_its_geometry_placed_beforehand_parses_nothing_in_its_transaction(room, cowork, monkeypatch):
    from cowork.core import geo

    placement = cowork.sketches.place(room.workshop_id, "green_area", LAWN)

    def refuse(*_args, **_kwargs):
        raise AssertionError("geometry parsed inside the transaction")

    monkeypatch.setattr(geo, "parse_geometry", refuse)
    monkeypatch.setattr(geo.Site, "measure", refuse)
    outcome = cowork.sketches.add_element(
        room.author, ElementAdd(str(uuid.uuid4()), room.design, "green_area", LAWN, ""), placement
    )
    assert outcome.reply["element"]["measure"] == placement.measure
