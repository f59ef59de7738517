"""The workshop's rules as data: phases and who may do what in each, settings and their defaults, visibility.

Pure functions over rows already loaded; no sessions, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, Protocol

from ..errors import CoworkError, forbidden, invalid
from ..models.workshop import Comment, Design, Element, Workshop
from . import geo
from .identities import Identity

PHASES = ("setup", "sketching", "voting", "closed")

# action -> (phases a participant may do it in, phases the facilitator may do it in);
# None for participants means facilitator-only.
ACTION_PHASES: dict[str, tuple[tuple[str, ...] | None, tuple[str, ...]]] = {
    "sketch": (("sketching",), ("setup", "sketching")),
    "comment": (("sketching", "voting"), ("setup", "sketching", "voting")),
    "vote": (("voting",), ()),
    "phase": (None, PHASES),
    "timer": (None, ("setup", "sketching", "voting")),
    "view": (None, PHASES),
    "settings": (None, ("setup", "sketching", "voting")),
    # Whether a workshop is open city data matters most once it is closed: it may change in any phase.
    "publishing": (None, PHASES),
    "moderate": (None, ("setup", "sketching", "voting")),
    "remove": (None, ("setup", "sketching", "voting")),
    "join_code": (None, PHASES),
}

PHASE_WORDS = {
    "sketch": "Sketches can be changed only while sketching.",
    "comment": "Comments are open while sketching and voting.",
    "vote": "Votes are open only during voting.",
}


def require(action: str, is_facilitator: bool, phase: str) -> None:
    """Raise `forbidden` if the role may never do this, `phase` if the current phase does not allow it."""
    participant_phases, facilitator_phases = ACTION_PHASES[action]
    if is_facilitator:
        if not facilitator_phases and participant_phases:
            raise forbidden("Only participants do this.")
        allowed = facilitator_phases
    else:
        if participant_phases is None:
            raise forbidden("Only the facilitator may do this.")
        allowed = participant_phases
    if phase not in allowed:
        raise CoworkError("phase", PHASE_WORDS.get(action, f"Not possible in the {phase} phase."))


def countdown_end(workshop: Workshop) -> datetime | None:
    """When the workshop's countdown ends, or None: none runs in a phase where it cannot be set (`closed`). A phase
    change clears it; this also hides one kept by a workshop closed before that (or imported so)."""
    return workshop.timer_ends_at if workshop.phase in ACTION_PHASES["timer"][1] else None


# ------------------------------------------------------------------ settings

DEFAULT_SETTINGS: dict[str, Any] = {
    "palette": list(geo.KINDS),
    "votes_per_participant": 3,
    "max_votes_per_design": 1,
    "authors_may_vote_own": True,
    "show_running_tallies": False,
    "private_sketching": False,
    "revealed": False,
    # Once closed, the workshop's site and sketches are open city data (the OGC API, the city's GeoPackage),
    # unless the facilitator turns this off.
    "open_data": True,
}
# The whole-number settings and their ranges (inclusive).
VOTE_LIMITS: dict[str, tuple[int, int]] = {"votes_per_participant": (0, 100), "max_votes_per_design": (1, 100)}
# Settings about the data's life after the session (`publishing`, any phase), not about the session itself.
PUBLISHING_SETTINGS = ("open_data",)
# The phases in which private sketching, when on and not revealed, hides others' designs (the browser gets them).
PRIVATE_PHASES = ("setup", "sketching")
# Settings whose change alters what participants see as a whole: they get fresh snapshots.
VIEW_SETTINGS = ("private_sketching", "revealed", "show_running_tallies")


class PhaseAndSettings(Protocol):
    """What the rules read of a workshop: its row, or the head of it that an edit reads under the row's lock."""

    @property
    def phase(self) -> str: ...

    @property
    def settings(self) -> dict[str, Any]: ...


def settings_of(workshop: PhaseAndSettings) -> dict[str, Any]:
    """The workshop's settings, defaults filled in."""
    return settings_from(workshop.settings)


def settings_from(stored: dict[str, Any] | None) -> dict[str, Any]:
    """Settings as stored in a workshop's column (read without its row), defaults filled in."""
    return {**DEFAULT_SETTINGS, **(stored or {})}


def settings_action(changes: dict[str, Any]) -> str:
    """The action a settings change is: `publishing` when it changes only publishing settings, else `settings`."""
    return "publishing" if set(changes) <= set(PUBLISHING_SETTINGS) else "settings"


def validated_settings(changes: Any) -> dict[str, Any]:
    """Check a partial settings update, or raise `invalid` naming the bad key."""
    if not isinstance(changes, dict) or not changes:
        raise invalid("Send at least one setting to change.")
    result: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in DEFAULT_SETTINGS:
            raise invalid(f"Unknown setting {key!r}.")
        if key == "palette":
            if not isinstance(value, list) or not value or any(kind not in geo.KINDS for kind in value):
                raise invalid(f"'palette' must be a non-empty list of kinds from: {', '.join(geo.KINDS)}.")
            value = [kind for kind in geo.KINDS if kind in value]
        elif key in VOTE_LIMITS:
            low, high = VOTE_LIMITS[key]
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise invalid(f"'{key}' must be a whole number from {low} to {high}.")
        elif not isinstance(value, bool):
            raise invalid(f"'{key}' must be true or false.")
        result[key] = value
    return result


# ------------------------------------------------------------------ visibility


def private_active(workshop: PhaseAndSettings) -> bool:
    """Whether participants currently see only their own designs."""
    settings = settings_of(workshop)
    return settings["private_sketching"] and not settings["revealed"] and workshop.phase in PRIVATE_PHASES


def tallies_visible(workshop: PhaseAndSettings) -> bool:
    """Whether participants may see the vote tallies now."""
    return workshop.phase == "closed" or settings_of(workshop)["show_running_tallies"]


def design_audience(workshop: Workshop, design: Design, *, ignore_hidden: bool = False) -> frozenset[str] | None:
    """Who may see a design: None for everyone, else the participant ids (the facilitator always may)."""
    return design_audience_of(
        workshop,
        design.hidden_at is not None and not ignore_hidden,
        lambda: (author.participant_id for author in design.authors),
    )


def design_audience_of(
    workshop: PhaseAndSettings, hidden: bool, authors: Callable[[], Iterable[str]]
) -> frozenset[str] | None:
    """`design_audience` from what it depends on: whether the design is hidden, and its authors' ids (asked for
    only under private sketching, so a caller may read them from the database only then)."""
    if hidden:
        return frozenset()
    if private_active(workshop):
        return frozenset(authors())
    return None


def element_audience(
    workshop: Workshop, design: Design, element: Element, *, ignore_hidden: bool = False
) -> frozenset[str] | None:
    """Who may see an element: its design's audience, or nobody but the facilitator when it is hidden."""
    return element_audience_of(element.hidden_at is not None and not ignore_hidden, design_audience(workshop, design))


def element_audience_of(hidden: bool, design_audience: frozenset[str] | None) -> frozenset[str] | None:
    """`element_audience` from whether the element is hidden and its design's audience."""
    return frozenset() if hidden else design_audience


def comment_audience(
    workshop: Workshop, design: Design, element: Element | None, comment: Comment, *, ignore_hidden: bool = False
) -> frozenset[str] | None:
    """Who may see a comment: its target's audience, or only the facilitator when it is hidden."""
    if comment.hidden_at is not None and not ignore_hidden:
        return frozenset()
    if element is not None:
        return element_audience(workshop, design, element)
    return design_audience(workshop, design)


def sees(audience: frozenset[str] | None, participant_id: str, is_facilitator: bool) -> bool:
    """Whether someone is in an audience."""
    return is_facilitator or audience is None or participant_id in audience


def join_code_visible(reader: Identity | None, workshop_id: str) -> bool:
    """Whether a reader is shown a workshop's join code: only its facilitator and its participants."""
    # Whoever reads the code can join, and workshop ids sit in public links (results, replay, progress pages) for
    # years; a removed participant has no identity at all (access refuses the token).
    return reader is not None and reader.workshop_id == workshop_id


def require_own_until_closed(reader: Identity | None, workshop: Workshop, what: str) -> None:
    """Refuse a read of a live workshop's sketches to all but its own people (its participants and facilitator):
    `unauthorized` with no credential, `forbidden` with another workshop's; once closed, anyone reads them."""
    # A workshop id travels in links and QR codes: knowing it must not open what the room is still drawing.
    if workshop.phase == "closed" or join_code_visible(reader, workshop.id):
        return
    message = f"{what} is public once the workshop is closed; until then only its participants and facilitator read it."
    if reader is None:
        raise CoworkError("unauthorized", message)
    raise forbidden(message)
