"""The protocol written down as types: one small class per incoming message, validated on arrival.

Both the HTTP API and the Socket.IO handlers parse requests through these classes, so a malformed
payload is refused with `invalid` before any service runs.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from ..core import props as element_props
from ..core import rules
from ..core.facts import MAX_COMMENT, MAX_JOIN_CODE, MAX_NAME, MAX_NOTE, MAX_REASON, MAX_TIMER_SECONDS, MAX_TITLE
from ..core.geo import KINDS
from ..errors import CoworkError, invalid

T = TypeVar("T")

# The largest whole number a client may send: what an Integer column holds everywhere (PostgreSQL's is 32 bits).
MAX_INTEGER = 2**31 - 1


class Fields:
    """Typed access to a JSON object's fields; every failure is an `invalid` error naming the field."""

    def __init__(self, data: Any, where: str = ""):
        # A nested object's place (`elements[3]`, say) leads each of its messages.
        self.where = where
        if not isinstance(data, dict):
            raise invalid(f"{where} must be a JSON object." if where else "The payload must be a JSON object.")
        self.data = data

    def error(self, message: str) -> CoworkError:
        """An `invalid` error about this object, led by its place when it is nested."""
        return invalid(f"{self.where}: {message}" if self.where else message)

    def _value(self, name: str, required: bool) -> Any:
        value = self.data.get(name)
        if value is None and required:
            raise self.error(f"'{name}' is required.")
        return value

    def text(self, name: str, max_length: int, *, required: bool = True, allow_empty: bool = False) -> str | None:
        """A string field, stripped, at most `max_length` characters."""
        value = self._value(name, required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.error(f"'{name}' must be a string.")
        value = value.strip()
        if not value and not allow_empty:
            raise self.error(f"'{name}' must not be empty.")
        if len(value) > max_length:
            raise self.error(f"'{name}' is longer than {max_length} characters.")
        if "\x00" in value:
            raise self.error(f"'{name}' contains a NUL character.")
        return value

    def uuid(self, name: str, *, required: bool = True) -> str | None:
        """A UUID field, returned in canonical lower-case form."""
        value = self._value(name, required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.error(f"'{name}' must be a UUID string.")
        try:
            return str(uuid.UUID(value))
        except ValueError:
            raise self.error(f"'{name}' is not a UUID.") from None

    def integer(self, name: str, *, minimum: int = 0, maximum: int = MAX_INTEGER, required: bool = True) -> int | None:
        """A whole-number field from `minimum` to `maximum` (by default, as much as a database column holds)."""
        value = self._value(name, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(f"'{name}' must be a whole number.")
        if value < minimum:
            raise self.error(f"'{name}' must be at least {minimum}.")
        if value > maximum:
            raise self.error(f"'{name}' must be at most {maximum}.")
        return value

    def choice(self, name: str, options: tuple[str, ...], *, required: bool = True) -> str | None:
        """A field that must be one of `options`."""
        value = self._value(name, required)
        if value is None:
            return None
        if value not in options:
            raise self.error(f"'{name}' must be one of: {', '.join(options)}.")
        return value

    def obj(self, name: str, *, required: bool = True) -> dict | None:
        """A JSON-object field (a GeoJSON geometry, say)."""
        value = self._value(name, required)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.error(f"'{name}' must be an object.")
        return value

    def boolean(self, name: str, *, required: bool = True) -> bool | None:
        """A true-or-false field."""
        value = self._value(name, required)
        if value is not None and not isinstance(value, bool):
            raise self.error(f"'{name}' must be true or false.")
        return value

    def number(self, name: str, *, required: bool = True) -> float | None:
        """A finite number field, whole or not (kept as sent)."""
        value = self._value(name, required)
        if value is None:
            return None
        # NaN fails the comparison too; a whole number too large for a float is refused before a database sees it.
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not -sys.float_info.max <= value <= sys.float_info.max
        ):
            raise self.error(f"'{name}' must be a finite number.")
        return value

    def time(self, name: str, *, required: bool = True) -> datetime | None:
        """An ISO 8601 time, returned as naive UTC (how times are stored); one without an offset is taken as UTC."""
        value = self._value(name, required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.error(f"'{name}' must be an ISO 8601 time string.")
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise self.error(f"'{name}' is not an ISO 8601 time.") from None
        return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment

    def uuids(self, name: str, *, required: bool = True) -> tuple[str, ...] | None:
        """A list of UUIDs, each in canonical lower-case form."""
        value = self._value(name, required)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(f"'{name}' must be a list of UUID strings.")
        try:
            return tuple(str(uuid.UUID(item)) for item in value)
        except ValueError:
            raise self.error(f"'{name}' holds something that is not a UUID.") from None

    def objects(
        self, name: str, parse: Callable[[Any, str], T], *, max_length: int | None = None, required: bool = True
    ) -> tuple[T, ...]:
        """A list of JSON objects, each read by `parse(item, where)` so that its errors name it (`elements[3]: ...`)."""
        value = self._value(name, required)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.error(f"'{name}' must be a list.")
        if max_length is not None and len(value) > max_length:
            raise self.error(f"'{name}' may hold at most {max_length} items.")
        place = f"{self.where}.{name}" if self.where else name
        return tuple(parse(item, f"{place}[{index}]") for index, item in enumerate(value))

    def placed(self, check: Callable[[], T]) -> T:
        """The result of a check written elsewhere (whose messages name no place), its `invalid` error placed here."""
        try:
            return check()
        except CoworkError as exc:
            if exc.code != "invalid":
                raise
            raise self.error(exc.message) from None


@dataclass(frozen=True)
class WorkshopCreate:
    """`POST /api/workshops`: a new workshop on a site."""

    title: str
    site_name: str
    boundary: dict
    phase: str = "sketching"

    @classmethod
    def parse(cls, data: Any) -> WorkshopCreate:
        f = Fields(data)
        phase = f.choice("phase", ("setup", "sketching"), required=False) or "sketching"
        return cls(f.text("title", MAX_TITLE), f.text("site_name", MAX_TITLE), f.obj("boundary"), phase)


@dataclass(frozen=True)
class Join:
    """`POST /api/join`: a participant joins by code with a name."""

    code: str
    name: str

    @classmethod
    def parse(cls, data: Any) -> Join:
        f = Fields(data)
        return cls(f.text("code", MAX_JOIN_CODE), f.text("name", MAX_NAME))


@dataclass(frozen=True)
class DesignCreate:
    """`design:create`: a participant starts a design."""

    title: str
    id: str | None = None

    @classmethod
    def parse(cls, data: Any) -> DesignCreate:
        f = Fields(data)
        return cls(title=f.text("title", MAX_TITLE), id=f.uuid("id", required=False))


@dataclass(frozen=True)
class DesignJoin:
    """`design:join`: a participant becomes co-author of a design."""

    design_id: str

    @classmethod
    def parse(cls, data: Any) -> DesignJoin:
        return cls(Fields(data).uuid("design_id"))


@dataclass(frozen=True)
class ElementAdd:
    """`element:add`: a new element in a design, with a client-generated id."""

    id: str
    design_id: str
    kind: str
    geometry: dict
    note: str
    props: dict = field(default_factory=dict)

    @classmethod
    def parse(cls, data: Any) -> ElementAdd:
        f = Fields(data)
        kind = f.choice("kind", KINDS)
        return cls(
            id=f.uuid("id"),
            design_id=f.uuid("design_id"),
            kind=kind,
            geometry=f.obj("geometry"),
            note=f.text("note", MAX_NOTE, required=False, allow_empty=True) or "",
            props=element_props.parse(kind, data.get("props")),
        )


@dataclass(frozen=True)
class ElementUpdate:
    """`element:update`: a change to an element, based on the version the sender saw."""

    id: str
    base_version: int
    geometry: dict | None = None
    note: str | None = None
    kind: str | None = None
    # The element's props as a whole (not merged), checked against its kind by the service, which alone knows the
    # kind when the update keeps it; None keeps them, or resets them to the new kind's defaults on a change of kind.
    props: dict | None = None

    @classmethod
    def parse(cls, data: Any) -> ElementUpdate:
        f = Fields(data)
        update = cls(
            id=f.uuid("id"),
            base_version=f.integer("base_version", minimum=1),
            geometry=f.obj("geometry", required=False),
            note=f.text("note", MAX_NOTE, required=False, allow_empty=True),
            kind=f.choice("kind", KINDS, required=False),
            props=f.obj("props", required=False),
        )
        if update.kind is not None and update.props is not None:
            element_props.parse(update.kind, update.props)  # refused at the door when the kind is known here
        if update.geometry is None and update.note is None and update.kind is None and update.props is None:
            raise invalid("An update must change 'geometry', 'note', 'kind' or 'props'.")
        return update


@dataclass(frozen=True)
class ElementDelete:
    """`element:delete`: an element is removed from its design; with `base_version`, only if no one changed it since
    the sender saw that version."""

    id: str
    base_version: int | None = None

    @classmethod
    def parse(cls, data: Any) -> ElementDelete:
        f = Fields(data)
        return cls(f.uuid("id"), f.integer("base_version", minimum=1, required=False))


@dataclass(frozen=True)
class Sync:
    """`sync`: a reconnecting client asks for the events after the last sequence number it saw."""

    since: int

    @classmethod
    def parse(cls, data: Any) -> Sync:
        return cls(Fields(data).integer("since", minimum=0))


@dataclass(frozen=True)
class PhaseSet:
    """`phase:set`: the facilitator moves the workshop to a phase (`reopen` to leave `closed`)."""

    phase: str
    reopen: bool = False

    @classmethod
    def parse(cls, data: Any) -> PhaseSet:
        f = Fields(data)
        reopen = f.data.get("reopen", False)
        if not isinstance(reopen, bool):
            raise invalid("'reopen' must be true or false.")
        return cls(f.choice("phase", ("setup", "sketching", "voting", "closed")), reopen)


@dataclass(frozen=True)
class TimerSet:
    """`timer:set`: a countdown of `seconds` from now; 0 clears it."""

    seconds: int

    @classmethod
    def parse(cls, data: Any) -> TimerSet:
        seconds = Fields(data).integer("seconds", minimum=0)
        if seconds > MAX_TIMER_SECONDS:
            raise invalid(f"'seconds' must be at most {MAX_TIMER_SECONDS} (a day).")
        return cls(seconds)


@dataclass(frozen=True)
class ViewShare:
    """`view:share`: the facilitator points every tablet at a place (`center` and `zoom`), or at the whole site
    (`site`: each screen fits the site as its size allows)."""

    center: tuple[float, float] | None
    zoom: float | None
    site: bool = False

    @classmethod
    def parse(cls, data: Any) -> ViewShare:
        f = Fields(data)
        if "site" in f.data:
            if f.data["site"] is not True or "center" in f.data or "zoom" in f.data:
                raise invalid("'site' must be true, and then comes without 'center' and 'zoom'.")
            return cls(None, None, site=True)
        center, zoom = f.data.get("center"), f.data.get("zoom")
        ok_center = (
            isinstance(center, list)
            and len(center) == 2
            and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in center)
            and -180 <= center[0] <= 180
            and -90 <= center[1] <= 90
        )
        if not ok_center:
            raise invalid("'center' must be [longitude, latitude].")
        if isinstance(zoom, bool) or not isinstance(zoom, (int, float)) or not 0 <= zoom <= 22:
            raise invalid("'zoom' must be a number from 0 to 22.")
        return cls((float(center[0]), float(center[1])), float(zoom))


@dataclass(frozen=True)
class Moderate:
    """`moderate`: the facilitator hides or restores an element, a design or a comment."""

    target: str
    id: str
    hidden: bool
    reason: str

    @classmethod
    def parse(cls, data: Any) -> Moderate:
        f = Fields(data)
        hidden = f.data.get("hidden")
        if not isinstance(hidden, bool):
            raise invalid("'hidden' must be true or false.")
        reason = f.text("reason", MAX_REASON, required=False, allow_empty=True) or ""
        return cls(f.choice("target", ("element", "design", "comment")), f.uuid("id"), hidden, reason)


@dataclass(frozen=True)
class ParticipantRemove:
    """`participant:remove`: the facilitator removes someone from the workshop."""

    participant_id: str

    @classmethod
    def parse(cls, data: Any) -> ParticipantRemove:
        return cls(Fields(data).uuid("participant_id"))


@dataclass(frozen=True)
class VoteChange:
    """`vote:cast` / `vote:retract`: one dot on or off a design."""

    design_id: str

    @classmethod
    def parse(cls, data: Any) -> VoteChange:
        return cls(Fields(data).uuid("design_id"))


@dataclass(frozen=True)
class CommentAdd:
    """`comment:add`: a short comment on a design or an element."""

    id: str
    text: str
    design_id: str | None = None
    element_id: str | None = None

    @classmethod
    def parse(cls, data: Any) -> CommentAdd:
        f = Fields(data)
        design_id, element_id = f.uuid("design_id", required=False), f.uuid("element_id", required=False)
        if (design_id is None) == (element_id is None):
            raise invalid("Name either 'design_id' or 'element_id'.")
        return cls(f.uuid("id"), f.text("text", MAX_COMMENT), design_id, element_id)


@dataclass(frozen=True)
class PresenceDesign:
    """`presence:design`: the design a tablet is working on (or null)."""

    design_id: str | None

    @classmethod
    def parse(cls, data: Any) -> PresenceDesign:
        return cls(Fields(data).uuid("design_id", required=False))


@dataclass(frozen=True)
class JoinCodeRotate:
    """`join_code:rotate`: the facilitator replaces the join code (no fields)."""

    @classmethod
    def parse(cls, data: Any) -> JoinCodeRotate:
        if data is not None and data != {}:
            Fields(data)  # anything but an empty object is a mistake worth naming
            raise invalid("join_code:rotate takes no fields.")
        return cls()


@dataclass(frozen=True)
class SettingsUpdate:
    """`settings:update`: a partial change of the workshop's settings, each key checked against its rule."""

    changes: dict[str, Any]

    @classmethod
    def parse(cls, data: Any) -> SettingsUpdate:
        return cls(rules.validated_settings(data))


@dataclass(frozen=True)
class EventsQuery:
    """`GET /api/workshops/<id>/events?since=N`: the log after a sequence number."""

    since: int

    @classmethod
    def parse(cls, args: Any) -> EventsQuery:
        since = args.get("since", "0")
        # ASCII digits only ("²" is a digit to Python but no number), and no more than the seq column holds (beyond
        # it PostgreSQL refused the query: a 500).
        digits = isinstance(since, str) and since.isascii() and since.isdigit() and len(since) <= 12
        if not digits or int(since) > MAX_INTEGER:
            raise invalid(f"'since' must be a whole number from 0 to {MAX_INTEGER}.")
        return cls(int(since))
