"""Authentication: the one place a raw bearer token, supervision key or recovery code is turned into an identity."""

from __future__ import annotations

import hmac
from typing import TypeGuard

from sqlalchemy import select

from .core.identities import Identity, Organizer, Supervisor
from .core.tokens import account_hash, token_hash
from .errors import CoworkError
from .models.supervision import Project, SupervisionAccess
from .models.workshop import Participant
from .service import Service

# Longer than any token we issue; a longer one is refused before it is hashed.
MAX_TOKEN_LENGTH = 200


def _plausible(token: object) -> TypeGuard[str]:
    return isinstance(token, str) and 0 < len(token) <= MAX_TOKEN_LENGTH


class AccessService(Service):
    """Who a token stands for. Handlers call this at the door; every other service takes the identity it returns."""

    def participant(self, token: object) -> Identity:
        """The participant or facilitator a workshop token stands for, or `unauthorized`."""
        if not _plausible(token):
            raise CoworkError("unauthorized", "A valid token is required.")
        with self.db.read() as session:
            participant = session.scalars(
                select(Participant).where(Participant.token_hash == token_hash(token))
            ).first()
            if participant is None or participant.removed_at is not None:
                raise CoworkError("unauthorized", "A valid token is required.")
            return Identity(participant.id, participant.workshop_id, participant.name, participant.role)

    def organizer(self, token: object) -> Organizer:
        """The organizer behind a bearer token: anyone when the server has no organizer key, else only the key's
        holder (compared in constant time); `unauthorized` otherwise."""
        key = str(self.settings.ORGANIZER_KEY or "")
        if not key:
            return Organizer(keyed=False)
        if not _plausible(token) or not hmac.compare_digest(token.encode("utf-8"), key.encode("utf-8")):
            raise CoworkError("unauthorized", "Creating workshops needs the organizer key.")
        return Organizer(keyed=True, account="organizer-key:" + account_hash(self.settings.secret_key(), key))

    def project_exists(self, project_id: str) -> None:
        """`not_found` unless the project exists."""
        with self.db.read() as session:
            if session.get(Project, project_id) is None:
                raise CoworkError("not_found", "No such project.")

    def supervisor(self, token: object, project_id: str) -> Supervisor:
        """Who a token stands for on a project: an author's key or the workshop's facilitator; `unauthorized`
        otherwise (`not_found` for an unknown project)."""
        if not _plausible(token):
            raise CoworkError("unauthorized", "A supervision key is required.")
        with self.db.read() as session:
            project = session.get(Project, project_id)
            if project is None:
                raise CoworkError("not_found", "No such project.")
            hashed = token_hash(token)
            access = session.scalars(select(SupervisionAccess).where(SupervisionAccess.key_hash == hashed)).first()
            if access is not None:
                author = session.get_one(Participant, access.participant_id)
                # A key outlives neither its revocation nor its holder's removal from the workshop.
                if access.revoked_at is not None or access.project_id != project_id or author.removed_at is not None:
                    raise CoworkError("unauthorized", "This supervision key is no longer valid.")
                return Supervisor(project_id, access.participant_id, author.name, "author")
            participant = session.scalars(select(Participant).where(Participant.token_hash == hashed)).first()
            if (
                participant is not None
                and participant.removed_at is None
                and participant.is_facilitator
                and participant.workshop_id == project.workshop_id
            ):
                return Supervisor(project_id, participant.id, participant.name, "facilitator")
        raise CoworkError("unauthorized", "A supervision key is required.")
