"""What each kind of element may say of itself besides its shape and note (`props`), defined once, and its check.

The city reads these: a bike lane's facility joins the cycle network, a sign's text and bearing the wayfinding, a
tree group's count the green ledger. A kind not listed has no props. The browser gets the same table through
facts.for_browser (the element panel offers these fields), and the OpenAPI document describes it.

Stored props are normalised: checked, stripped and with the defaults filled in (a bike lane is `painted` unless it
says otherwise), so every reader sees the same object and none applies a default of its own. An observation's
as-built props are the exception: they hold only what the visit said, and readers take them over the plan's field
by field.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..errors import invalid


@dataclass(frozen=True)
class Text:
    """A short text, stripped; an empty one is left out."""

    max_length: int

    def describe(self) -> dict[str, Any]:
        """The field as the browser and the OpenAPI document see it."""
        return {"type": "text", "max_length": self.max_length}


@dataclass(frozen=True)
class Whole:
    """A whole number from `minimum` to `maximum`."""

    minimum: int
    maximum: int

    def describe(self) -> dict[str, Any]:
        """The field as the browser and the OpenAPI document see it."""
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


@dataclass(frozen=True)
class Number:
    """A number (a measure, in its unit) from `minimum` to `maximum`."""

    minimum: float
    maximum: float

    def describe(self) -> dict[str, Any]:
        """The field as the browser and the OpenAPI document see it."""
        return {"type": "number", "minimum": self.minimum, "maximum": self.maximum}


@dataclass(frozen=True)
class Choice:
    """One of a few words, with a default when one is given."""

    options: tuple[str, ...]
    default: str | None = None

    def describe(self) -> dict[str, Any]:
        """The field as the browser and the OpenAPI document see it."""
        described: dict[str, Any] = {"type": "choice", "options": list(self.options)}
        if self.default is not None:
            described["default"] = self.default
        return described


@dataclass(frozen=True)
class Flag:
    """True or false."""

    def describe(self) -> dict[str, Any]:
        """The field as the browser and the OpenAPI document see it."""
        return {"type": "boolean"}


Prop = Text | Whole | Number | Choice | Flag

MAX_PROP_TEXT = 80
FACILITIES = ("separated", "painted", "shared")
SURFACES = ("paved", "gravel", "unpaved")
SIGN_TYPES = ("direction", "information", "map")
# The most trees one group (or one observation of it) may hold: the green ledger's counts are bounded by it.
MAX_GROUP = 500

# kind → its props, in the order the element panel offers them.
PROPS: dict[str, dict[str, Prop]] = {
    "tree": {"species": Text(MAX_PROP_TEXT), "count": Whole(1, MAX_GROUP)},
    "bike_lane": {"facility": Choice(FACILITIES, default="painted"), "two_way": Flag()},
    "path": {"surface": Choice(SURFACES)},
    "sign": {"text": Text(MAX_PROP_TEXT), "bearing": Whole(0, 359), "sign_type": Choice(SIGN_TYPES)},
    "bench": {"count": Whole(1, 100)},
    "lighting": {"height_m": Number(0.5, 30.0)},
}


def defaults(kind: str) -> dict[str, Any]:
    """The props of an element of `kind` that says nothing of itself."""
    return {
        name: prop.default
        for name, prop in PROPS.get(kind, {}).items()
        if isinstance(prop, Choice) and prop.default is not None
    }


def _value(name: str, prop: Prop, value: Any, where: str) -> Any:
    field = f"{where}'props.{name}'"
    if isinstance(prop, Text):
        if not isinstance(value, str):
            raise invalid(f"{field} must be a string.")
        value = value.strip()
        if len(value) > prop.max_length:
            raise invalid(f"{field} is longer than {prop.max_length} characters.")
        if "\x00" in value:
            raise invalid(f"{field} contains a NUL character.")
        return value
    if isinstance(prop, Whole):
        if isinstance(value, bool) or not isinstance(value, int):
            raise invalid(f"{field} must be a whole number.")
        if not prop.minimum <= value <= prop.maximum:
            raise invalid(f"{field} must be from {prop.minimum} to {prop.maximum}.")
        return value
    if isinstance(prop, Number):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise invalid(f"{field} must be a number.")
        if not prop.minimum <= value <= prop.maximum:
            raise invalid(f"{field} must be from {prop.minimum:g} to {prop.maximum:g}.")
        return float(value)
    if isinstance(prop, Choice):
        if value not in prop.options:
            raise invalid(f"{field} must be one of: {', '.join(prop.options)}.")
        return value
    if not isinstance(value, bool):
        raise invalid(f"{field} must be true or false.")
    return value


def parse(kind: str, value: Any, where: str = "", *, fill_defaults: bool = True) -> dict[str, Any]:
    """A client's `props` for an element of `kind`, checked and normalised (defaults filled in), or `invalid`.

    `where` leads each message when the props are nested (an archive's `elements[3]`, say). A null field is the
    same as an absent one; an unknown field, or any field on a kind that has none, is refused. An observation's
    props pass `fill_defaults=False`: they hold only what the visit found, and readers take each over the plan's,
    so a default there would overwrite the design (a separated lane seen two-way would become painted).
    """
    where = f"{where}: " if where else ""
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise invalid(f"{where}'props' must be a JSON object.")
    allowed = PROPS.get(kind, {})
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        offered = ", ".join(allowed) if allowed else "none"
        raise invalid(
            f"{where}'props' of a {kind} has no field {', '.join(map(repr, unknown))} (its fields: {offered})."
        )
    parsed = defaults(kind) if fill_defaults else {}
    for name, prop in allowed.items():
        if value.get(name) is None:
            continue
        checked = _value(name, prop, value[name], where)
        if checked == "" and isinstance(prop, Text):
            continue
        parsed[name] = checked
    return parsed


def as_found(planned: dict[str, Any] | None, found: dict[str, Any] | None) -> dict[str, Any]:
    """An element's props as a visit found it: what the visit said (its props hold only that), over the plan's
    field by field. The one rule of every reader: the city map, the open data's as-built layer, and the browser's
    supervision/model.js (tests/data/as-found.json holds the cases both check)."""
    return {**(planned or {}), **(found or {})}


def group_count(planned: dict[str, Any] | None, found: dict[str, Any] | None, count: int | None) -> int:
    """How many trees (or benches) a group holds as a visit found it: the visit's `count` when it gives one (0
    included), else the count of its props as found, else one. The one rule of the green ledger and the city map;
    the browser's supervision/model.js groupCount is the same, and tests/data/as-found.json the cases both check."""
    return count if count is not None else as_found(planned, found).get("count") or 1


def for_browser() -> dict[str, dict[str, dict[str, Any]]]:
    """The table as plain data: kind → field → its description."""
    return {kind: {name: prop.describe() for name, prop in fields.items()} for kind, fields in PROPS.items()}
