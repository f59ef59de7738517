"""What the public reads of a project's people and notes (pure functions): each author as she chose at adoption
(her name, its initials, or "author" with a number), the facilitator as the facilitator, and a visit's notes only
when its author marked them public. The progress page, the report, the exports, the open data and the city map
all read people and notes through here; the project's own supervisors (its authors' keys, the facilitator) read
names and notes whole, with how each shows in public beside them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..core.facts import DEFAULT_SHOWN_AS
from ..models.supervision import Visit

# The parts of a name whose first letters are its initials: words split by spaces and hyphens ("Aru Bek-Ata").
_PARTS = re.compile(r"[\s\-]+")


def initials(name: str) -> str:
    """`Aru Bekova` → `A. B.`: the first letter of each part, upper case, each with a full stop."""
    letters = [part[0].upper() for part in _PARTS.split(name.strip()) if part and part[0].isalnum()]
    return " ".join(f"{letter}." for letter in letters[:3])


def public_name(name: str, shown_as: str) -> str | None:
    """The text the public reads for a person shown so: the name, its initials, or None (shown as "author")."""
    if shown_as == "name":
        return name
    if shown_as == "initials":
        return initials(name) or None
    return None


@dataclass(frozen=True)
class People:
    """The people of one project as a reader sees them."""

    names: dict[str, str]  # participant id → name as given in the workshop
    shown_as: dict[str, str]  # author's participant id → her choice (facts.SHOWN_AS)
    numbers: dict[str, int]  # author's participant id → her place among the design's authors (1, 2...), if several
    facilitators: frozenset[str] = field(default_factory=frozenset)
    insider: bool = False  # a supervisor of the project reads: whole names beside how each shows in public

    def person(self, participant_id: str | None, fallback_name: str = "") -> dict[str, Any]:
        """`{"name", "shown_as", "number"}` (and `public_name` for an insider): `name` is what to show (None: say
        "author", with `number` when the design has several), `shown_as` one of SHOWN_AS or `facilitator`."""
        name = self.names.get(participant_id or "", fallback_name)
        if participant_id in self.facilitators:
            return {"name": name, "shown_as": "facilitator", "number": None}
        shown_as = self.shown_as.get(participant_id or "", DEFAULT_SHOWN_AS)
        public = public_name(name, shown_as)
        view: dict[str, Any] = {
            "name": name if self.insider else public,
            "shown_as": shown_as,
            "number": self.numbers.get(participant_id or ""),
        }
        if self.insider:
            view["public_name"] = public
        return view


def public_notes(visits: Iterable[Visit]) -> set[str]:
    """The ids of the observations whose notes the public may read: those of visits marked public."""
    return {o.id for visit in visits if visit.notes_public for o in visit.observations}
