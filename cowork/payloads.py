"""The protocol written down as types: one small class per incoming message, validated on arrival.

Both the HTTP API and the Socket.IO handlers parse requests through these classes, so a malformed
payload is refused with `invalid` before any service runs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Optional

from .errors import invalid
from .geo import KINDS

MAX_TITLE = 200
MAX_NOTE = 2000
MAX_NAME = 40


class Fields:
    """Typed access to a JSON object's fields; every failure is an `invalid` error naming the field."""

    def __init__(self, data: Any):
        if not isinstance(data, dict):
            raise invalid("The payload must be a JSON object.")
        self.data = data

    def _value(self, name: str, required: bool) -> Any:
        value = self.data.get(name)
        if value is None and required:
            raise invalid(f"'{name}' is required.")
        return value

    def text(self, name: str, max_length: int, *, required: bool = True, allow_empty: bool = False) -> Optional[str]:
        """A string field, stripped, at most `max_length` characters."""
        value = self._value(name, required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise invalid(f"'{name}' must be a string.")
        value = value.strip()
        if not value and not allow_empty:
            raise invalid(f"'{name}' must not be empty.")
        if len(value) > max_length:
            raise invalid(f"'{name}' is longer than {max_length} characters.")
        if "\x00" in value:
            raise invalid(f"'{name}' contains a NUL character.")
        return value

    def uuid(self, name: str, *, required: bool = True) -> Optional[str]:
        """A UUID field, returned in canonical lower-case form."""
        value = self._value(name, required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise invalid(f"'{name}' must be a UUID string.")
        try:
            return str(uuid.UUID(value))
        except ValueError:
            raise invalid(f"'{name}' is not a UUID.") from None

    def integer(self, name: str, *, minimum: int = 0, required: bool = True) -> Optional[int]:
        """A whole-number field, at least `minimum`."""
        value = self._value(name, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise invalid(f"'{name}' must be a whole number.")
        if value < minimum:
            raise invalid(f"'{name}' must be at least {minimum}.")
        return value

    def choice(self, name: str, options: tuple[str, ...], *, required: bool = True) -> Optional[str]:
        """A field that must be one of `options`."""
        value = self._value(name, required)
        if value is None:
            return None
        if value not in options:
            raise invalid(f"'{name}' must be one of: {', '.join(options)}.")
        return value

    def obj(self, name: str, *, required: bool = True) -> Optional[dict]:
        """A JSON-object field (a GeoJSON geometry, say)."""
        value = self._value(name, required)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise invalid(f"'{name}' must be an object.")
        return value


@dataclass(frozen=True)
class WorkshopCreate:
    """`POST /api/workshops`: a new workshop on a site."""

    title: str
    site_name: str
    boundary: dict

    @classmethod
    def parse(cls, data: Any) -> "WorkshopCreate":
        f = Fields(data)
        return cls(f.text("title", MAX_TITLE), f.text("site_name", MAX_TITLE), f.obj("boundary"))


@dataclass(frozen=True)
class Join:
    """`POST /api/join`: a participant joins by code with a name."""

    code: str
    name: str

    @classmethod
    def parse(cls, data: Any) -> "Join":
        f = Fields(data)
        return cls(f.text("code", 40), f.text("name", MAX_NAME))


@dataclass(frozen=True)
class DesignCreate:
    """`design:create`: a participant starts a design."""

    title: str
    id: Optional[str] = None

    @classmethod
    def parse(cls, data: Any) -> "DesignCreate":
        f = Fields(data)
        return cls(title=f.text("title", MAX_TITLE), id=f.uuid("id", required=False))


@dataclass(frozen=True)
class DesignJoin:
    """`design:join`: a participant becomes co-author of a design."""

    design_id: str

    @classmethod
    def parse(cls, data: Any) -> "DesignJoin":
        return cls(Fields(data).uuid("design_id"))


@dataclass(frozen=True)
class ElementAdd:
    """`element:add`: a new element in a design, with a client-generated id."""

    id: str
    design_id: str
    kind: str
    geometry: dict
    note: str

    @classmethod
    def parse(cls, data: Any) -> "ElementAdd":
        f = Fields(data)
        return cls(
            id=f.uuid("id"),
            design_id=f.uuid("design_id"),
            kind=f.choice("kind", KINDS),
            geometry=f.obj("geometry"),
            note=f.text("note", MAX_NOTE, required=False, allow_empty=True) or "",
        )


@dataclass(frozen=True)
class ElementUpdate:
    """`element:update`: a change to an element, based on the version the sender saw."""

    id: str
    base_version: int
    geometry: Optional[dict] = None
    note: Optional[str] = None
    kind: Optional[str] = None

    @classmethod
    def parse(cls, data: Any) -> "ElementUpdate":
        f = Fields(data)
        update = cls(
            id=f.uuid("id"),
            base_version=f.integer("base_version", minimum=1),
            geometry=f.obj("geometry", required=False),
            note=f.text("note", MAX_NOTE, required=False, allow_empty=True),
            kind=f.choice("kind", KINDS, required=False),
        )
        if update.geometry is None and update.note is None and update.kind is None:
            raise invalid("An update must change 'geometry', 'note' or 'kind'.")
        return update


@dataclass(frozen=True)
class ElementDelete:
    """`element:delete`: an element is removed from its design."""

    id: str

    @classmethod
    def parse(cls, data: Any) -> "ElementDelete":
        return cls(Fields(data).uuid("id"))


@dataclass(frozen=True)
class Sync:
    """`sync`: a reconnecting client asks for the events after the last sequence number it saw."""

    since: int

    @classmethod
    def parse(cls, data: Any) -> "Sync":
        return cls(Fields(data).integer("since", minimum=0))
