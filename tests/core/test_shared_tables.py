"""The tables of cases both sides check (docs/architecture.md, "A rule both sides apply is one table of cases"): each
of tests/data/*.json that says "One table for both sides" names a pytest and a node test that exist and read it."""

from __future__ import annotations

import json
import re

import pytest

from ..support import DATA, ROOT

TABLES = sorted(
    path
    for path in DATA.glob("*.json")
    if str(json.loads(path.read_text(encoding="utf-8")).get("about", "")).startswith("One table for both sides")
)


def test_the_known_tables_are_there():
    names = {path.name for path in TABLES}
    assert {
        "props.json",
        "as-found.json",
        "plural.json",
        "measure-rounding.json",
        "phase-rules.json",
        "visit-fields.json",
        "site-vertices.json",
    } <= names


@pytest.mark.parametrize("table", TABLES, ids=lambda path: path.name)
def test_each_table_names_a_pytest_and_a_node_test_that_read_it(table):
    about = json.loads(table.read_text(encoding="utf-8"))["about"]
    checkers = re.findall(r"tests/[\w/.-]+\.(?:py|mjs)", about)
    assert any(name.endswith(".py") for name in checkers) and any(name.endswith(".mjs") for name in checkers), about
    for name in checkers:
        path = ROOT / name
        assert path.exists(), f"{table.name} names {name}, which does not exist"
        assert table.name in path.read_text(encoding="utf-8"), f"{name} does not read {table.name}"
