"""Every phase rule and permission as a table: (role, phase, action) → allowed or the refused code."""

from __future__ import annotations

import uuid

import pytest

from cowork.core.events import LoggedEvent, PhaseChanged
from cowork.errors import CoworkError
from cowork.workshop.payloads import (
    CommentAdd,
    DesignCreate,
    DesignJoin,
    ElementAdd,
    ElementDelete,
    ElementUpdate,
    Join,
    Moderate,
    ParticipantRemove,
    PhaseSet,
    SettingsUpdate,
    TimerSet,
    VoteChange,
    WorkshopCreate,
)

from ..support import PARK, TREE

PHASES = ("setup", "sketching", "voting", "closed")


class World:
    """A workshop with an author's design and element, a participant who is not an author, and the facilitator."""

    def __init__(self, cowork):
        self.cowork = cowork
        created = cowork.workshops.create(WorkshopCreate("Rules", "Park", PARK))
        self.facilitator = cowork.access.participant(created["facilitator_token"])
        code = created["join_code"]
        self.author = cowork.access.participant(cowork.workshops.join(Join(code, "Author"))["token"])
        self.other = cowork.access.participant(cowork.workshops.join(Join(code, "Other"))["token"])
        self.victim = cowork.workshops.join(Join(code, "Victim"))["participant_id"]
        self.design = cowork.sketches.create_design(self.author, DesignCreate("Plan", str(uuid.uuid4()))).reply[
            "design"
        ]["id"]
        self.other_design = cowork.sketches.create_design(
            self.other, DesignCreate("Other plan", str(uuid.uuid4()))
        ).reply["design"]["id"]
        self.element = str(uuid.uuid4())
        cowork.sketches.add_element(self.author, ElementAdd(self.element, self.design, "tree", TREE, ""))

    def to_phase(self, phase: str) -> None:
        self.cowork.facilitation.set_phase(self.facilitator, PhaseSet(phase))

    def act(self, role: str, action: str):
        who = {"facilitator": self.facilitator, "author": self.author, "other": self.other}[role]
        c = self.cowork
        actions = {
            "design:create": lambda: c.sketches.create_design(who, DesignCreate("New", str(uuid.uuid4()))),
            "design:join": lambda: c.sketches.join_design(who, DesignJoin(self.design)),
            "element:add": lambda: c.sketches.add_element(
                who, ElementAdd(str(uuid.uuid4()), self.design, "bench", TREE, "")
            ),
            "element:update": lambda: c.sketches.update_element(
                who, ElementUpdate(self.element, self._version(), note="n")
            ),
            "element:delete": lambda: c.sketches.delete_element(who, ElementDelete(self.element)),
            "comment:add": lambda: c.voting.add_comment(
                who, CommentAdd(str(uuid.uuid4()), "Nice", design_id=self.design)
            ),
            "vote:cast": lambda: c.voting.cast(who, VoteChange(self.other_design if role == "author" else self.design)),
            "timer:set": lambda: c.facilitation.set_timer(who, TimerSet(60)),
            "settings:update": lambda: c.facilitation.update_settings(
                who, SettingsUpdate.parse({"votes_per_participant": 5})
            ),
            "moderate": lambda: c.facilitation.moderate(who, Moderate("element", self.element, True, "off-topic")),
            "participant:remove": lambda: c.facilitation.remove_participant(who, ParticipantRemove(self.victim)),
            "phase:set": lambda: c.facilitation.set_phase(
                who, PhaseSet("sketching" if self._phase() != "sketching" else "voting")
            ),
        }
        return actions[action]()

    def _version(self) -> int:
        return self.cowork.state.snapshot(self.facilitator)["elements"][0]["version"]

    def _phase(self) -> str:
        return self.cowork.workshops.summary(self.facilitator.workshop_id)["phase"]


OK = None
# action: {role: (setup, sketching, voting, closed)}; None means allowed, else the error code.
TABLE = {
    "design:create": {"author": ("phase", OK, "phase", "phase"), "facilitator": (OK, OK, "phase", "phase")},
    "design:join": {"other": ("phase", OK, "phase", "phase"), "facilitator": (OK, OK, "phase", "phase")},
    "element:add": {
        "author": ("phase", OK, "phase", "phase"),
        "other": ("forbidden",) * 4,
        "facilitator": (OK, OK, "phase", "phase"),
    },
    "element:update": {
        "author": ("phase", OK, "phase", "phase"),
        "other": ("forbidden",) * 4,
        "facilitator": (OK, OK, "phase", "phase"),
    },
    "element:delete": {
        "author": ("phase", OK, "phase", "phase"),
        "other": ("forbidden",) * 4,
        "facilitator": (OK, OK, "phase", "phase"),
    },
    "comment:add": {"other": ("phase", OK, OK, "phase"), "facilitator": (OK, OK, OK, "phase")},
    "vote:cast": {
        "author": ("phase", "phase", OK, "phase"),
        "other": ("phase", "phase", OK, "phase"),
        "facilitator": ("forbidden",) * 4,
    },
    "timer:set": {"author": ("forbidden",) * 4, "facilitator": (OK, OK, OK, "phase")},
    "settings:update": {"other": ("forbidden",) * 4, "facilitator": (OK, OK, OK, "phase")},
    "moderate": {"other": ("forbidden",) * 4, "facilitator": (OK, OK, OK, "phase")},
    "participant:remove": {"author": ("forbidden",) * 4, "facilitator": (OK, OK, OK, "phase")},
    "phase:set": {"author": ("forbidden",) * 4, "facilitator": (OK, OK, OK, "phase")},
}
CASES = [
    pytest.param(role, phase, action, expected[index], id=f"{role}-{phase}-{action}")
    for action, roles in TABLE.items()
    for role, expected in roles.items()
    for index, phase in enumerate(PHASES)
]


@pytest.mark.parametrize("role, phase, action, code", CASES)
def test_phase_and_permission_table(cowork, role, phase, action, code):
    world = World(cowork)
    world.to_phase(phase)
    seq_before = cowork.workshops.summary(world.facilitator.workshop_id)["seq"]
    if code is None:
        outcome = world.act(role, action)
        logged = [e for e in outcome.events if isinstance(e, LoggedEvent)]
        # One logged event an action; a voter's first dot also updates the facilitator's list of who has voted.
        expected = ["votes:updated", "voters:updated"] if action == "vote:cast" else [logged[0].name]
        assert [e.name for e in logged] == expected
        assert [e.seq for e in logged] == [seq_before + 1 + i for i in range(len(logged))]
        assert logged[0].seq == outcome.reply["seq"]
    else:
        with pytest.raises(CoworkError) as refused:
            world.act(role, action)
        assert refused.value.code == code, refused.value.message
        assert cowork.workshops.summary(world.facilitator.workshop_id)["seq"] == seq_before


def test_closed_is_final_unless_reopened(cowork):
    world = World(cowork)
    world.to_phase("closed")
    with pytest.raises(CoworkError) as refused:
        cowork.facilitation.set_phase(world.facilitator, PhaseSet("sketching"))
    assert refused.value.code == "phase"
    (event,) = cowork.facilitation.set_phase(world.facilitator, PhaseSet("voting", reopen=True)).events
    assert isinstance(event, PhaseChanged) and event.phase == "voting" and event.resync
    # Going back from voting to sketching is fine.
    cowork.facilitation.set_phase(world.facilitator, PhaseSet("sketching"))
    assert cowork.workshops.summary(world.facilitator.workshop_id)["phase"] == "sketching"


def test_workshop_may_start_in_setup(cowork):
    created = cowork.workshops.create(WorkshopCreate("Later", "Park", PARK, phase="setup"))
    assert created["phase"] == "setup"
