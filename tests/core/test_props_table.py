"""One check of props for both sides: every row of tests/data/props.json, which
tests/js/shared/props-table.test.mjs checks against the browser's static/js/shared/props.js.

The table must also exercise every field of every kind in props.PROPS (a good and a bad value, each bound, each
option): a field added here without its rows fails below, and in the node test over FACTS.props."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from cowork.core import props
from cowork.errors import CoworkError

from ..support import DATA

TABLE = json.loads((DATA / "props.json").read_text(encoding="utf-8"))
# The server's words for each reason a row names (the browser's are its catalogue keys props.error.<why>).
WHY = {
    "type": ("must be a string", "must be true or false", "must be a JSON object"),
    "too_long": ("is longer than",),
    "nul": ("contains a NUL",),
    "whole": ("must be a whole number",),
    "number": ("must be a number",),
    "range": ("must be from",),
    "choice": ("must be one of",),
    "unknown": ("has no field",),
}


def expand(value: Any) -> Any:
    """A table's value with each {"$text": pieces} written out: a piece is a text, or [text, times]."""
    if isinstance(value, dict) and set(value) == {"$text"}:
        return "".join(p if isinstance(p, str) else p[0] * p[1] for p in value["$text"])
    if isinstance(value, dict):
        return {key: expand(item) for key, item in value.items()}
    return value


def named(message: str) -> str:
    unknown = re.search(r"has no field '(\w+)'", message)
    return unknown.group(1) if unknown else re.search(r"'props(?:\.(\w+))?'", message).group(1) or "props"


@pytest.mark.parametrize(
    "case", TABLE["cases"] + TABLE["server_only"], ids=lambda case: json.dumps(case, ensure_ascii=False)[:90]
)
def test_every_row_is_what_the_server_does(case):
    if "stored" in case:
        assert props.parse(case["kind"], expand(case["props"])) == expand(case["stored"])
        return
    with pytest.raises(CoworkError) as refused:
        props.parse(case["kind"], expand(case["props"]))
    assert refused.value.code == "invalid"
    message = str(refused.value.message)
    assert named(message) == case["invalid"], message
    assert any(words in message for words in WHY[case["why"]]), message


def uncovered(described: dict[str, dict[str, dict[str, Any]]], cases: list[dict[str, Any]]) -> list[str]:
    """What the table leaves unexercised of the fields `described` (props.for_browser's shape); the node test has the
    same function over FACTS.props."""
    missing = []
    for kind, fields in described.items():
        rows = [case for case in cases if case["kind"] == kind]
        given = [(expand(case["props"]), case) for case in rows if isinstance(case["props"], dict)]
        stored = [(props_in, case) for props_in, case in given if "stored" in case]
        if not any(case.get("why") == "unknown" for case in rows):
            missing.append(f"{kind}: an unknown field")
        for name, field in fields.items():
            good = [p[name] for p, case in stored if p.get(name) is not None and name in expand(case["stored"])]
            bad = [(p.get(name), case["why"]) for p, case in given if case.get("invalid") == name]
            if not good or not bad:
                missing.append(f"{kind}.{name}: a good and a bad value")
            if field["type"] in ("integer", "number"):
                low, high = field["minimum"], field["maximum"]
                wanted = {
                    "the minimum": low in good,
                    "the maximum": high in good,
                    "below the minimum": any(
                        isinstance(v, (int, float)) and v < low and why == "range" for v, why in bad
                    ),
                    "above the maximum": any(
                        isinstance(v, (int, float)) and v > high and why == "range" for v, why in bad
                    ),
                    "a wrong type": any(not isinstance(v, (int, float)) or isinstance(v, bool) for v, _why in bad),
                }
            elif field["type"] == "text":
                longest = field["max_length"]
                wanted = {
                    "the longest text": any(isinstance(v, str) and len(v.strip()) == longest for v in good),
                    "one character too long": any(
                        isinstance(v, str) and len(v.strip()) == longest + 1 for v, _why in bad
                    ),
                    "a wrong type": any(why == "type" for _v, why in bad),
                    "a NUL": any(why == "nul" for _v, why in bad),
                }
            elif field["type"] == "choice":
                wanted = {f"the option {option!r}": option in good for option in field["options"]}
                if "default" in field:
                    wanted["its default filled"] = any(
                        name not in p and expand(case["stored"]).get(name) == field["default"] for p, case in stored
                    )
            else:
                wanted = {
                    "true": True in good,
                    "false": False in good,
                    "a wrong type": any(why == "type" for _v, why in bad),
                }
            missing += [f"{kind}.{name}: {what}" for what, there in wanted.items() if not there]
    if not any(case["kind"] not in described for case in cases):
        missing.append("a kind without props")
    return missing


def test_the_table_exercises_every_field_of_every_kind():
    assert uncovered(props.for_browser(), TABLE["cases"]) == []
