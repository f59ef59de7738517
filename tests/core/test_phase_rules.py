"""One reading of the phase rules for both sides: every row of tests/data/phase-rules.json, which
tests/js/workshop/phase-rules.test.mjs checks against the browser's workshop/sync/phase.js. The browser offers a
control only where the server will accept it; both read the same data (ACTION_PHASES, PRIVATE_PHASES, sent as facts),
and the table checks that they read it alike. Every action, role and phase must have its row."""

from __future__ import annotations

import itertools
import json
from types import SimpleNamespace

import pytest

from cowork.core import rules
from cowork.errors import CoworkError

from ..support import DATA

TABLE = json.loads((DATA / "phase-rules.json").read_text(encoding="utf-8"))
ROLES = ("participant", "facilitator")


@pytest.mark.parametrize("action, role, phase, allowed", TABLE["actions"])
def test_the_server_allows_what_each_row_says(action, role, phase, allowed):
    try:
        rules.require(action, role == "facilitator", phase)
        assert allowed, f"{role} may {action} in {phase}"
    except CoworkError as refused:
        assert not allowed and refused.code in ("forbidden", "phase")


@pytest.mark.parametrize("private_sketching, revealed, phase, active", TABLE["private"])
def test_private_sketching_hides_others_designs_where_each_row_says(private_sketching, revealed, phase, active):
    workshop = SimpleNamespace(settings={"private_sketching": private_sketching, "revealed": revealed}, phase=phase)
    assert rules.private_active(workshop) is active


def test_every_action_role_and_phase_has_its_row():
    assert {tuple(row[:3]) for row in TABLE["actions"]} == set(
        itertools.product(rules.ACTION_PHASES, ROLES, rules.PHASES)
    )
    assert {tuple(row[:3]) for row in TABLE["private"]} == set(
        itertools.product((True, False), (True, False), rules.PHASES)
    )
