"""One rule for an element as found, on both sides: every row of tests/data/as-found.json, which
tests/js/supervision/as-found.test.mjs checks against the browser's supervision/model.js (elementsOf, groupCount).

A row is an element (planned, or an unplanned addition when `plan` is null) and its visits, oldest first, each with
what it observed of the element; `props` is what the city map and the open data show of it (props.as_found: the
latest observation's props over the plan's, field by field; an addition's over its kind's defaults), `count` how many
a group holds (props.group_count: the latest count, else the count as found, else one). The table must hold every
combination of where a group's count may come from."""

from __future__ import annotations

import itertools
import json
from types import SimpleNamespace
from typing import Any

import pytest

from cowork.core import props
from cowork.supervision.progress import green_ledger, latest_observations

from ..support import DATA

TABLE = json.loads((DATA / "as-found.json").read_text(encoding="utf-8"))
ID = "e1"


def visits_of(case: dict[str, Any]) -> list[SimpleNamespace]:
    """The row's visits as the server's progress functions read them: dated in order, each observation built."""
    return [
        SimpleNamespace(
            id=f"v{day}",
            date=f"2027-05-{day + 1:02d}",
            created_at=day,
            observations=[
                SimpleNamespace(
                    element_id=ID,
                    kind=case["kind"],
                    unplanned=case["plan"] is None,
                    effective_status="built",
                    count=seen.get("count"),
                    props=seen.get("props"),
                    as_built=None,
                )
                for seen in observed
            ],
        )
        for day, observed in enumerate(case["visits"])
    ]


def as_found(case: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """What the city map does with the row (city/service.py, _plan_element and _addition, then _place)."""
    latest = latest_observations(visits_of(case)).get(ID)
    planned = props.defaults(case["kind"]) if case["plan"] is None else case["plan"]
    found = latest.props if latest is not None else None
    return props.as_found(planned, found), props.group_count(
        planned, found, latest.count if latest is not None else None
    )


@pytest.mark.parametrize("case", TABLE["cases"], ids=lambda case: case["about"])
def test_every_row_is_what_the_server_shows(case):
    shown, count = as_found(case)
    assert shown == case["props"]
    if "count" in case:
        assert count == case["count"]


@pytest.mark.parametrize(
    "case", [c for c in TABLE["cases"] if c["kind"] == "tree" and c["visits"]], ids=lambda c: c["about"]
)
def test_the_green_ledger_counts_a_group_by_the_same_rule(case):
    plan = [] if case["plan"] is None else [SimpleNamespace(element_id=ID, kind="tree", props=case["plan"])]
    assert green_ledger(plan, visits_of(case))["trees_alive"] == case["count"]


def where_the_count_comes_from(case: dict[str, Any]) -> tuple[bool, bool, bool]:
    """(the latest visit counted, its props hold a count, the plan holds one), for a planned group seen at least once;
    the node test has the same."""
    latest = case["visits"][-1][-1]
    return latest.get("count") is not None, "count" in (latest.get("props") or {}), "count" in case["plan"]


def test_the_table_holds_every_source_of_a_groups_count():
    groups = [c for c in TABLE["cases"] if "count" in props.PROPS.get(c["kind"], {})]
    seen = {where_the_count_comes_from(c) for c in groups if c["plan"] is not None and c["visits"]}
    assert set(itertools.product((True, False), repeat=3)) <= seen
    assert any(c["plan"] is not None and not c["visits"] for c in groups), "a group never visited"
    assert any(c["plan"] is None for c in groups), "an unplanned group"
    assert any(len(visit) > 1 for c in TABLE["cases"] for visit in c["visits"]), "two observations in one visit"
    assert set(props.PROPS) <= {c["kind"] for c in TABLE["cases"]}, "a kind with props and no row"
