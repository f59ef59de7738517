"""Who acts: a workshop's participant or facilitator, or a project's supervisor. Built once, at the door, from a
token; services take these and never a raw token."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Identity:
    """A participant or the facilitator of one workshop."""

    participant_id: str
    workshop_id: str
    name: str
    role: str

    @property
    def is_facilitator(self) -> bool:
        """Whether this identity is the workshop's facilitator."""
        return self.role == "facilitator"

    def facilitates(self, workshop_id: str) -> bool:
        """Whether this identity is the facilitator of that workshop."""
        return self.is_facilitator and self.workshop_id == workshop_id

    def as_you(self) -> dict[str, str]:
        """The `you` part of a snapshot."""
        return {"participant_id": self.participant_id, "name": self.name, "role": self.role}


@dataclass(frozen=True)
class Organizer:
    """Whoever may create workshops and import archives: the holder of the organizer key, or anyone when the
    server has none."""

    keyed: bool  # False: the server has no organizer key, so anyone is an organizer
    # Who creates, as a limit's key (COWORK_LIMIT_WORKSHOPS per account): never a credential itself. Today the
    # organizer key's keyed hash (all its holders are one account); a sign-on gives each account its own id here.
    # None: anonymous (a server without a key), limited per address only.
    account: str | None = None


@dataclass(frozen=True)
class Supervisor:
    """Who acts on a project: one of its authors (through their key) or the workshop's facilitator."""

    project_id: str
    participant_id: str
    name: str
    role: str  # "author" or "facilitator"

    @property
    def is_facilitator(self) -> bool:
        """Whether this is the facilitator of the project's workshop."""
        return self.role == "facilitator"

    def as_you(self) -> dict[str, Any]:
        """Who a supervision credential stands for on its project (`GET /api/projects/<id>/me`)."""
        return {
            "supervising": True,
            "project_id": self.project_id,
            "participant_id": self.participant_id,
            "name": self.name,
            "role": self.role,
        }
