"""The protocol written down as types: one small class per incoming message, validated on arrival.

Both the HTTP API and the Socket.IO handlers parse requests through these classes, so a malformed
payload is refused with `invalid` before any service runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core import props as element_props
from ..core import rules
from ..core.facts import MAX_COMMENT, MAX_JOIN_CODE, MAX_NAME, MAX_NOTE, MAX_REASON, MAX_TIMER_SECONDS, MAX_TITLE
from ..core.fields import MAX_INTEGER, Fields
from ..core.geo import KINDS
from ..errors import invalid


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
        if not (
            isinstance(center, list)
            and len(center) == 2
            and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in center)
            and -180 <= center[0] <= 180
            and -90 <= center[1] <= 90
        ):
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
