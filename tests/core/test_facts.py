"""The shared facts reach the browser unchanged: static/js/shared/facts.js is exactly what cowork/core/facts.py
writes."""

from __future__ import annotations

from cowork.core import facts, geo, rules


def test_browser_module_matches_the_python_definitions():
    written = facts.BROWSER_MODULE.read_text(encoding="utf-8")
    assert written == facts.browser_module(), "static/js/shared/facts.js is stale: run ./dev facts"


def test_every_kind_has_a_colour_and_a_geometry_type():
    shared = facts.for_browser()
    assert list(shared["kinds"]) == list(geo.KINDS)
    assert set(facts.KIND_COLOURS) == set(geo.KINDS)
    for kind, entry in shared["kinds"].items():
        assert entry["geometry"] == geo.GEOMETRY_TYPE_OF_KIND[kind]
        assert entry["colour"].startswith("#") and entry["ink"].startswith("#")


def test_phase_rules_and_settings_come_from_rules():
    shared = facts.for_browser()
    assert shared["phases"] == list(rules.PHASES)
    assert set(shared["actions"]) == set(rules.ACTION_PHASES)
    assert shared["actions"]["phase"]["participant"] is None
    assert shared["actions"]["sketch"] == {"participant": ["sketching"], "facilitator": ["setup", "sketching"]}
    assert shared["default_settings"] == rules.DEFAULT_SETTINGS
