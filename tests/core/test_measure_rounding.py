"""One rounding rule for measures, on the server's pages as on the tablet: the table in
tests/data/measure-rounding.json, which tests/js/shared/measure-rounding.test.mjs checks against the browser's code."""

from __future__ import annotations

import json

import pytest

from cowork.core import facts, i18n

from ..support import DATA

TABLE = json.loads((DATA / "measure-rounding.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("value, decimals, english, russian", TABLE["numbers"])
def test_numbers_round_halves_up_as_the_browser_does(value, decimals, english, russian):
    assert i18n.format_number("en", value, decimals) == english
    assert i18n.format_number("ru", value, decimals) == russian


@pytest.mark.parametrize("measure, value, english", TABLE["measures"])
def test_measures_take_their_decimals_from_the_shared_facts(measure, value, english):
    assert i18n.format_measure("en", measure, value) == english


def test_the_rule_is_one_of_the_shared_facts():
    shared = facts.for_browser()
    assert shared["rounding"] == "half_up"
    assert shared["measure_decimals"] == {
        "area_m2": [[100, 0], [0.1, 1], [0, 0]],
        "length_m": [[1000, 0], [0.1, 1], [0, 0]],
    }
