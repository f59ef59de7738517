"""hypothesis strategies for the payload of every Socket.IO client event (docs/api.md lists them): a well-formed
payload built from the fields the event takes, then broken the ways a hostile or buggy client breaks one (wrong
types, missing and extra fields, huge strings, deep nesting, NaN and infinite numbers, self-intersecting and
degenerate shapes, text from every Unicode plane), and `to_json`, which writes any of them as a client may."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from cowork.core import geo, props, rules
from cowork.core.facts import MAX_COMMENT, MAX_JSON_DEPTH, MAX_NOTE, MAX_REASON, MAX_TIMER_SECONDS, MAX_TITLE

from ..support import LAWN, PATH, TREE

PHASES = ("setup", "sketching", "voting", "closed")


@dataclass(frozen=True)
class Deep:
    """Arrays nested `depth` levels, written as text by `to_json` (Python's own encoder would recurse that deep)."""

    depth: int


@dataclass(frozen=True)
class Ids:
    """Real ids of the live workshop, mixed into the payloads so that some reach the services, not only the door."""

    designs: tuple[str, ...]
    elements: tuple[str, ...]
    comments: tuple[str, ...]
    participants: tuple[str, ...]


def to_json(value: Any) -> str:
    """JSON text as a client may write it: NaN and Infinity, lone surrogates (escaped), `Deep` as brackets, and
    every other string as raw UTF-8."""
    if isinstance(value, Deep):
        return "[" * value.depth + "]" * value.depth
    if isinstance(value, dict):
        return "{" + ",".join(f"{to_json(str(key))}:{to_json(item)}" for key, item in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(to_json(item) for item in value) + "]"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return json.dumps(value)  # a lone surrogate can only travel escaped
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value)


# ------------------------------------------------------------------ values

# One character from any of the 17 planes, surrogates, private use and unassigned code points included.
any_plane_char = st.integers(0, 16).flatmap(lambda plane: st.integers(plane << 16, (plane << 16) | 0xFFFF)).map(chr)
any_plane_text = st.lists(any_plane_char, min_size=1, max_size=20).map("".join)


def huge_text(limit: int) -> st.SearchStrategy[str]:
    """Text just within, just beyond and far beyond a limit, in characters of 1 to 4 UTF-8 bytes."""
    lengths = st.sampled_from([limit, limit + 1, 200_000])
    return st.builds(lambda length, char: char * length, lengths, st.sampled_from(["x", "ы", "樹", "𝄞"]))


numbers = st.one_of(
    st.integers(-(2**70), 2**70),
    st.sampled_from([2**31 - 1, 2**31, -(2**31) - 1, 10**100, -(10**100)]),
    st.floats(allow_nan=True, allow_infinity=True),
)
deep = st.integers(MAX_JSON_DEPTH - 2, MAX_JSON_DEPTH + 2).map(Deep) | st.sampled_from([Deep(1000), Deep(50_000)])
scalars = st.one_of(st.none(), st.booleans(), numbers, st.text(max_size=30), any_plane_text)
# Any value of any type: what a field holds when a client gets it wrong.
hostile = st.one_of(
    scalars,
    deep,
    huge_text(MAX_TITLE),
    st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=12,
    ),
)


def mostly(good: st.SearchStrategy, bad: st.SearchStrategy) -> st.SearchStrategy:
    """Three times in four a good value, else a bad one: most payloads then get past the door to the services."""
    return st.integers(0, 3).flatmap(lambda turn: good if turn else bad)


def texts(limit: int) -> st.SearchStrategy[str]:
    """A text field's value: ordinary, or blank, with a NUL, from every plane, or around and beyond its limit."""
    odd = st.one_of(st.sampled_from(["", "   ", "a\x00b", "\ud800", "x\udfffy"]), any_plane_text, huge_text(limit))
    return mostly(
        st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=40).map(
            lambda text: text.strip() or "x"
        ),
        odd,
    )


def ids(*real: tuple[str, ...]) -> st.SearchStrategy[str]:
    """An id: a real one (or its upper-case spelling), or a random UUID, or something that is no UUID."""
    known = [item for group in real for item in group]
    odd = st.one_of(
        st.uuids().map(str),
        st.sampled_from(known).map(str.upper),
        st.sampled_from(["", "not-a-uuid", "00000000-0000-0000-0000-00000000000g"]),
    )
    return mostly(st.sampled_from(known), odd)


def whole(low: int, high: int) -> st.SearchStrategy[int]:
    """A whole number in a range, mostly, or its edges and beyond."""
    return mostly(st.integers(low, high), st.sampled_from([low - 1, high + 1, 2**31, 10**30]))


# ------------------------------------------------------------------ shapes


def _lon_lat(lon: float, lat: float) -> list[float]:
    return [round(lon, 7), round(lat, 7)]


positions = st.builds(_lon_lat, st.floats(76.951, 76.955), st.floats(43.2565, 43.2605))
BOWTIE = {
    "type": "Polygon",
    "coordinates": [
        [[76.9520, 43.2570], [76.9535, 43.2580], [76.9535, 43.2570], [76.9520, 43.2580], [76.9520, 43.2570]]
    ],
}
DEGENERATE = [
    {"type": "Polygon", "coordinates": [[[76.952, 43.257]] * 4]},  # all one point
    {"type": "Polygon", "coordinates": [[[76.952, 43.257], [76.953, 43.257], [76.952, 43.257]]]},  # a flat ring
    {"type": "Polygon", "coordinates": [[[76.952, 43.257], [76.953, 43.257], [76.953, 43.258]]]},  # unclosed
    {"type": "Polygon", "coordinates": [[]]},
    {"type": "Polygon", "coordinates": []},
    {"type": "LineString", "coordinates": [[76.952, 43.257]]},
    {"type": "LineString", "coordinates": [[76.952, 43.257], [76.952, 43.257]]},  # no length
    {"type": "Point", "coordinates": []},
    {"type": "Point", "coordinates": [76.952]},
    {"type": "Point", "coordinates": [181, 91]},
    {"type": "Point", "coordinates": [float("nan"), 43.257]},
    {"type": "Point", "coordinates": [float("inf"), float("-inf")]},
    {"type": "Point", "coordinates": [True, False]},
    {"type": "Point", "coordinates": [10**400 // 10**300, 0]},
    {"type": "GeometryCollection", "geometries": [TREE]},
    {"type": "MultiPoint", "coordinates": [[76.952, 43.257]]},
    {"type": "Feature", "geometry": TREE},
    {"type": "Polygon"},
    {"coordinates": [76.952, 43.257]},
]


def _ring(vertices: int) -> list[list[float]]:
    points = [[76.9520 + 0.0015 * i / vertices, 43.2570 + 0.0010 * (i % 2)] for i in range(vertices - 1)]
    return [*points, points[0]]


geometries = st.one_of(
    st.sampled_from([TREE, PATH, LAWN]),
    st.sampled_from([BOWTIE, *DEGENERATE]),
    st.builds(lambda p: {"type": "Point", "coordinates": p}, positions),
    st.builds(lambda ps: {"type": "LineString", "coordinates": ps}, st.lists(positions, min_size=2, max_size=8)),
    # Any ring of points in the park: often self-intersecting, sometimes valid.
    st.builds(
        lambda ps: {"type": "Polygon", "coordinates": [ps + ps[:1]]}, st.lists(positions, min_size=3, max_size=8)
    ),
    st.sampled_from([geo.MAX_VERTICES, geo.MAX_VERTICES + 1]).map(
        lambda n: {"type": "Polygon", "coordinates": [_ring(n)]}
    ),
    st.builds(
        lambda kind, coordinates: {"type": kind, "coordinates": coordinates},
        st.sampled_from(["Point", "LineString", "Polygon", "MultiPolygon", "point", ""]),
        hostile,
    ),
)


# ------------------------------------------------------------------ props


def _prop_value(prop: props.Prop) -> st.SearchStrategy:
    """A value for one prop field: mostly of its type and range (or around its edges), else anything."""
    if isinstance(prop, props.Text):
        return texts(prop.max_length)
    if isinstance(prop, props.Whole):
        return whole(prop.minimum, prop.maximum)
    if isinstance(prop, props.Number):
        return mostly(
            st.floats(prop.minimum, prop.maximum), st.sampled_from([prop.minimum - 0.01, prop.maximum + 1]) | numbers
        )
    if isinstance(prop, props.Choice):
        return mostly(st.sampled_from(prop.options), texts(20))
    return mostly(st.booleans(), hostile)


def props_of(kind: str) -> st.SearchStrategy:
    """A kind's `props`: some of its fields, each mostly good; now and then another kind's field, or no object."""
    fields = st.fixed_dictionaries(
        {}, optional={name: _prop_value(prop) for name, prop in props.PROPS.get(kind, {}).items()}
    )
    other = st.sampled_from(sorted({name for table in props.PROPS.values() for name in table}))
    return mostly(
        fields,
        fields.flatmap(lambda good: st.builds(lambda name, value: {**good, name: value}, other, hostile)) | hostile,
    )


any_props = st.sampled_from(sorted(props.PROPS)).flatmap(props_of)


# ------------------------------------------------------------------ payloads


@st.composite
def broken(draw: st.DrawFn, fields: dict[str, st.SearchStrategy], optional: dict[str, st.SearchStrategy]) -> Any:
    """A payload of these fields: well-formed, or with a field of the wrong value, one missing, extra ones, or
    no object at all."""
    payload = draw(st.fixed_dictionaries(fields, optional=optional))
    how = draw(mostly(st.just("as is"), st.sampled_from(["wrong", "missing", "extra", "not an object"])))
    names = sorted({*fields, *optional})
    if how == "wrong" and names:
        payload[draw(st.sampled_from(names))] = draw(hostile)
    elif how == "missing" and payload:
        del payload[draw(st.sampled_from(sorted(payload)))]
    elif how == "extra":
        payload.update(draw(st.dictionaries(st.text(max_size=12) | any_plane_text, hostile, min_size=1, max_size=3)))
    elif how == "not an object":
        return draw(hostile)
    return payload


def event_payloads(real: Ids) -> dict[str, st.SearchStrategy]:
    """For every client event, a strategy of its payloads; real ids mixed in."""
    design, element, anything = ids(real.designs), ids(real.elements), ids(real.designs, real.elements, real.comments)
    kinds = st.sampled_from(geo.KINDS) | st.sampled_from(["", "TREE", "castle"])
    settings = st.dictionaries(
        st.sampled_from(sorted(rules.DEFAULT_SETTINGS)) | st.text(max_size=10),
        st.booleans() | whole(0, 100) | st.lists(kinds, max_size=4) | hostile,
        max_size=3,
    )
    return {
        "design:create": broken({"title": texts(MAX_TITLE)}, {"id": ids(real.designs)}),
        "design:join": broken({"design_id": design}, {}),
        # Props drawn for the payload's own kind, mostly, so that most reach the service; else any kind's.
        "element:add": st.sampled_from(geo.KINDS).flatmap(
            lambda kind: broken(
                {"id": element, "design_id": design, "kind": st.just(kind), "geometry": geometries},
                {"note": texts(MAX_NOTE), "props": props_of(kind)},
            )
        )
        | broken(
            {"id": element, "design_id": design, "kind": kinds, "geometry": geometries},
            {"note": texts(MAX_NOTE), "props": any_props},
        ),
        "element:update": broken(
            {"id": element, "base_version": whole(1, 3)},
            {"geometry": geometries, "note": texts(MAX_NOTE), "kind": kinds, "props": any_props},
        ),
        "element:delete": broken({"id": element}, {}),
        "sync": broken({"since": whole(0, 50)}, {}),
        "phase:set": broken({"phase": mostly(st.sampled_from(PHASES), texts(20))}, {"reopen": st.booleans()}),
        "timer:set": broken({"seconds": whole(0, MAX_TIMER_SECONDS)}, {}),
        "view:share": broken(
            {"center": st.lists(numbers, min_size=1, max_size=3) | positions, "zoom": numbers | st.integers(0, 22)}, {}
        )
        | broken({"site": st.just(True)}, {"center": positions, "zoom": st.integers(0, 22)}),
        "settings:update": settings | broken({}, {}),
        "moderate": broken(
            {
                "target": st.sampled_from(["element", "design", "comment", "vote"]),
                "id": anything,
                "hidden": st.booleans(),
            },
            {"reason": texts(MAX_REASON)},
        ),
        "join_code:rotate": st.sampled_from([None, {}]) | broken({}, {"code": texts(10)}),
        "participant:remove": broken({"participant_id": ids(real.participants)}, {}),
        "presence:design": st.just({"design_id": None}) | broken({"design_id": design}, {}),
        "vote:cast": broken({"design_id": design}, {}),
        "vote:retract": broken({"design_id": design}, {}),
        # On a design or on an element (naming both, or neither, is a mistake of its own).
        "comment:add": broken({"id": ids(real.comments), "text": texts(MAX_COMMENT), "design_id": design}, {})
        | broken({"id": ids(real.comments), "text": texts(MAX_COMMENT), "element_id": element}, {"design_id": design}),
    }


# An event no handler has: unknown names of every plane, near misses, and the refused `malformed` itself.
unknown_events = st.one_of(
    st.sampled_from(["element:ad", "ELEMENT:ADD", "malformed", "snapshot", "element:added", ""]),
    any_plane_text,
    st.text(max_size=20),
)
