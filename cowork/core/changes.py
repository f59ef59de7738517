"""What a write transaction changed that others keep derived copies of (the published features, the city map).

A service notes here, in its session, which workshop or project it changed; the keepers of derived rows read the
notes just before the transaction commits (`Database.before_commit`) and bring their rows up to date in the same
transaction, so what is published is never older or newer than what it is made of. The notes live in the session's
`info` and end with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

_KEY = "cowork.changes"


@dataclass
class Changes:
    """The workshops and projects a transaction changed, in the order first noted."""

    workshops: dict[str, None] = field(default_factory=dict)
    projects: dict[str, None] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.workshops or self.projects)


def of(session: Session) -> Changes:
    """The changes noted in this session so far (an empty set when none)."""
    found = session.info.get(_KEY)
    if found is None:
        found = session.info[_KEY] = Changes()
    return found


def workshop_changed(session: Session, workshop_id: str) -> None:
    """Note that what a workshop publishes may have changed (its phase, settings, moderation, designs)."""
    of(session).workshops[workshop_id] = None


def project_changed(session: Session, project_id: str) -> None:
    """Note that an adopted project changed (adopted, a visit recorded, imported)."""
    of(session).projects[project_id] = None
