"""Every event the server sends, as one small dataclass: its name, its fields, and who receives it.

Services build these and return them in an `Outcome`; only the realtime layer (cowork/realtime/) sends them.
A `LoggedEvent` is first written to the workshop's event log under the next sequence number (`seq`), inside the
service's transaction, so what is broadcast is exactly what `sync` and replay read back later.
docs/api.md's event tables are checked against this module by tests/test_events.py.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, ClassVar, Self


class To(Enum):
    """Who receives an event."""

    ROOM = "room"  # every socket of the workshop
    AUDIENCE = (
        "audience"  # the facilitator and the event's audience (e.g. a design's authors); the rest get a `seq` tick
    )
    FACILITATOR = "facilitator"  # the workshop's facilitator sockets
    SOCKET = "socket"  # one socket


# Fields that say where an event goes and how it is logged, not what it says.
_ROUTING = frozenset({"workshop_id", "seq", "audience", "resync", "sid"})


@dataclass(frozen=True, kw_only=True)
class ServerEvent:
    """Base of every server-sent event; `payload()` is what the client receives."""

    name: ClassVar[str]
    to: ClassVar[To]
    # Fields a subclass sends in a shape of its own (see its payload()).
    reshaped: ClassVar[frozenset[str]] = frozenset()

    workshop_id: str

    def payload(self) -> dict[str, Any]:
        """The event's fields as the client receives them."""
        skip = _ROUTING | self.reshaped
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name not in skip}


@dataclass(frozen=True, kw_only=True)
class LoggedEvent(ServerEvent):
    """An event kept in the workshop's log with a gap-free `seq`. `audience` (for `To.AUDIENCE`) is None when
    everyone may see it, else the participant ids who may; `resync` asks for fresh snapshots all round."""

    to: ClassVar[To] = To.ROOM

    seq: int = 0
    audience: frozenset[str] | None = None
    resync: bool = False

    def payload(self) -> dict[str, Any]:
        """The fields, with `seq` (and `resync` when set)."""
        data = {**super().payload(), "seq": self.seq}
        if self.resync:
            data["resync"] = True
        return data

    def numbered(self, seq: int) -> Self:
        """This event under its sequence number."""
        return dataclasses.replace(self, seq=seq)


# ---------------------------------------------------------------------- sketching


@dataclass(frozen=True, kw_only=True)
class DesignCreated(LoggedEvent):
    """`design:created {"design", "seq"}`: a participant started a design."""

    name: ClassVar[str] = "design:created"
    to: ClassVar[To] = To.AUDIENCE
    design: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class DesignUpdated(LoggedEvent):
    """`design:updated {"design", "seq"}`: a design gained an author."""

    name: ClassVar[str] = "design:updated"
    to: ClassVar[To] = To.AUDIENCE
    design: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class ElementAdded(LoggedEvent):
    """`element:added {"element", "seq"}`: an author added an element."""

    name: ClassVar[str] = "element:added"
    to: ClassVar[To] = To.AUDIENCE
    element: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class ElementUpdated(LoggedEvent):
    """`element:updated {"element", "seq"}`: an author changed an element."""

    name: ClassVar[str] = "element:updated"
    to: ClassVar[To] = To.AUDIENCE
    element: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class ElementDeleted(LoggedEvent):
    """`element:deleted {"id", "seq"}`: an author deleted an element."""

    name: ClassVar[str] = "element:deleted"
    to: ClassVar[To] = To.AUDIENCE
    id: str


# ---------------------------------------------------------------------- facilitation


@dataclass(frozen=True, kw_only=True)
class PhaseChanged(LoggedEvent):
    """`phase:changed {"phase", "seq"}`: the facilitator moved the workshop to a phase (fresh snapshots follow)."""

    name: ClassVar[str] = "phase:changed"
    phase: str
    resync: bool = True


@dataclass(frozen=True, kw_only=True)
class TimerChanged(LoggedEvent):
    """`timer {"ends_at", "seq"}`: the countdown started (or was cleared, `ends_at` null)."""

    name: ClassVar[str] = "timer"
    ends_at: str | None


@dataclass(frozen=True, kw_only=True)
class SettingsChanged(LoggedEvent):
    """`settings:changed {"settings", "seq"}`: the facilitator changed settings."""

    name: ClassVar[str] = "settings:changed"
    settings: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class Moderated(LoggedEvent):
    """`moderated {"target", "id", "hidden", "reason", "seq"}`, with the restored `element`, `design` or `comment`
    under the target's name when `hidden` is false."""

    name: ClassVar[str] = "moderated"
    to: ClassVar[To] = To.AUDIENCE
    reshaped: ClassVar[frozenset[str]] = frozenset({"restored"})
    target: str
    id: str
    hidden: bool
    reason: str
    restored: dict[str, Any] | None = None

    def payload(self) -> dict[str, Any]:
        """The fields, the restored thing under its target's name."""
        data = super().payload()
        if self.restored is not None:
            data[self.target] = self.restored
        return data


@dataclass(frozen=True, kw_only=True)
class JoinCodeChanged(LoggedEvent):
    """`join_code:changed {"join_code", "seq"}`: to the facilitator (console, projector); the old code stops working."""

    name: ClassVar[str] = "join_code:changed"
    to: ClassVar[To] = To.AUDIENCE
    join_code: str
    audience: frozenset[str] | None = frozenset()  # nobody but the facilitator


@dataclass(frozen=True, kw_only=True)
class ParticipantRemoved(LoggedEvent):
    """`participant:removed {"participant_id", "seq"}`: that participant's sockets are then closed."""

    name: ClassVar[str] = "participant:removed"
    participant_id: str


# ---------------------------------------------------------------------- voting, comments, adoption


@dataclass(frozen=True, kw_only=True)
class VotesUpdated(LoggedEvent):
    """`votes:updated {"tallies", "seq"}`: to those who may see tallies."""

    name: ClassVar[str] = "votes:updated"
    to: ClassVar[To] = To.AUDIENCE
    tallies: dict[str, int]


@dataclass(frozen=True, kw_only=True)
class VotersUpdated(LoggedEvent):
    """`voters:updated {"voters", "seq"}`: to the facilitator (the others get the `seq`), the ids of everyone with a
    dot on some design now; recorded when someone casts their first dot or takes back their last."""

    name: ClassVar[str] = "voters:updated"
    to: ClassVar[To] = To.AUDIENCE
    voters: list[str]
    audience: frozenset[str] | None = frozenset()  # nobody but the facilitator


@dataclass(frozen=True, kw_only=True)
class CommentAdded(LoggedEvent):
    """`comment:added {"comment", "seq"}`: to those who may see what it is about."""

    name: ClassVar[str] = "comment:added"
    to: ClassVar[To] = To.AUDIENCE
    comment: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class ProjectAdopted(LoggedEvent):
    """`project:adopted {"project", "seq"}`: a design was adopted for construction (over HTTP)."""

    name: ClassVar[str] = "project:adopted"
    project: dict[str, Any]


# ---------------------------------------------------------------------- not logged


@dataclass(frozen=True, kw_only=True)
class ViewShared(ServerEvent):
    """`view {"center", "zoom"}`: the facilitator points every tablet at a place; or `view {"site": true}`: at the
    whole site, which each screen fits as its size allows (no seq)."""

    name: ClassVar[str] = "view"
    to: ClassVar[To] = To.ROOM
    center: list[float] | None = None
    zoom: float | None = None
    site: bool = False

    def payload(self) -> dict[str, Any]:
        """`{"site": true}` for the whole site, else the place."""
        return {"site": True} if self.site else {"center": self.center, "zoom": self.zoom}


@dataclass(frozen=True, kw_only=True)
class PresenceChanged(ServerEvent):
    """`presence {"online"}`: who is connected, on which design (no seq, at most twice a second)."""

    name: ClassVar[str] = "presence"
    to: ClassVar[To] = To.FACILITATOR
    online: list[dict[str, Any]]


@dataclass(frozen=True, kw_only=True)
class TimerExpired(ServerEvent):
    """`timer:expired {"ends_at"}`: the countdown reached zero (no seq; it cuts no one off)."""

    name: ClassVar[str] = "timer:expired"
    to: ClassVar[To] = To.FACILITATOR
    ends_at: str


@dataclass(frozen=True, kw_only=True)
class Snapshot(ServerEvent):
    """`snapshot {...}`: everything one identity may see, to one socket (on connect and after a resync)."""

    name: ClassVar[str] = "snapshot"
    to: ClassVar[To] = To.SOCKET
    reshaped: ClassVar[frozenset[str]] = frozenset({"state"})
    sid: str
    state: dict[str, Any] = field(default_factory=dict)

    def payload(self) -> dict[str, Any]:
        """The snapshot itself."""
        return self.state


@dataclass(frozen=True, kw_only=True)
class SeqTick(ServerEvent):
    """`seq {"seq"}`: what a socket gets instead of an event it may not see, so its counter stays gap-free."""

    name: ClassVar[str] = "seq"
    to: ClassVar[To] = To.SOCKET
    sid: str
    seq: int

    def payload(self) -> dict[str, Any]:
        """Only the sequence number."""
        return {"seq": self.seq}


def _all_events() -> dict[str, type[ServerEvent]]:
    found: dict[str, type[ServerEvent]] = {}
    pending = [ServerEvent]
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if "name" in sub.__dict__:
                found[sub.name] = sub
    return found


# name → class, for docs checks and for reading the log.
EVENTS: dict[str, type[ServerEvent]] = _all_events()


def field_names(event_class: type[ServerEvent]) -> set[str]:
    """The payload keys an event class sends (`seq` included for logged events)."""
    names = {f.name for f in dataclasses.fields(event_class) if f.name not in _ROUTING | event_class.reshaped}
    if issubclass(event_class, LoggedEvent) or event_class is SeqTick:
        names.add("seq")
    return names


@dataclass(frozen=True)
class Outcome:
    """What a service call gives back: the answer for the caller (the ack's fields or the HTTP body) and the
    events to send, already committed and numbered."""

    reply: dict[str, Any]
    events: tuple[ServerEvent, ...] = ()

    @classmethod
    def of(cls, reply: dict[str, Any], *events: ServerEvent | None) -> Outcome:
        """An outcome with the given events (None ones left out)."""
        return cls(reply, tuple(e for e in events if e is not None))
