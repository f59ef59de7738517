"""Workshops: creating one on a site, joining by code, and what a client sees of it (snapshot, sync, export)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..core import geo, rules
from ..core.identities import Identity
from ..core.tokens import new_code, new_token, token_hash
from ..db import Database
from ..errors import CoworkError, not_found
from ..models.workshop import Participant, Workshop
from ..service import Service, workshop_counts
from .payloads import Join, WorkshopCreate
from .serialize import workshop_view

JOIN_CODE_LENGTH = 6
FACILITATOR_NAME = "Facilitator"


def normalize_join_code(code: str) -> str:
    """A typed join code in canonical form: upper case, without spaces or dashes."""
    return "".join(ch for ch in code.upper() if ch not in " -_\t")


def new_join_code() -> str:
    """A fresh join code, easy to read aloud."""
    return new_code(JOIN_CODE_LENGTH)


class WorkshopService(Service):
    """Creating and joining workshops, and reading their state."""

    def __init__(self, db: Database, settings: Any):
        super().__init__(db, settings)
        self._codes: dict[str, str] = {}  # workshop id → join code, for log lines

    def create(
        self, request: WorkshopCreate, *, is_demo: bool = False, facilitator_name: str = FACILITATOR_NAME
    ) -> dict[str, Any]:
        """Create a workshop and its facilitator (named `facilitator_name`: the demo's, in its language); returns the
        summary with the join code and facilitator token."""
        try:
            boundary = geo.to_geojson(geo.parse_site_boundary(request.boundary))
        except geo.GeometryError as exc:
            raise CoworkError(exc.code, f"Site boundary: {exc.message}") from None
        token = new_token()
        for _attempt in range(20):
            workshop_id = str(uuid.uuid4())
            try:
                with self.db.write() as session:
                    workshop = Workshop(
                        id=workshop_id,
                        title=request.title,
                        site_name=request.site_name,
                        boundary=boundary,
                        join_code=new_join_code(),
                        phase=request.phase,
                        seq=0,
                        is_demo=is_demo,
                    )
                    session.add(workshop)
                    session.flush()
                    session.add(
                        Participant(
                            id=str(uuid.uuid4()),
                            workshop_id=workshop_id,
                            name=facilitator_name,
                            role="facilitator",
                            token_hash=token_hash(token),
                        )
                    )
                    summary = workshop_view(workshop, join_code=True)  # to its creator, with the facilitator token
            except IntegrityError:
                continue  # the join code was taken: draw another
            return {**summary, "facilitator_token": token, "facilitator_url": f"/w/{workshop_id}#token={token}"}
        raise CoworkError("conflict", "Could not find a free join code; try again.")

    def join(self, request: Join) -> dict[str, Any]:
        """A participant joins a workshop by its code; returns their id and a new token."""
        code = normalize_join_code(request.code)
        token = new_token()
        with self.db.write() as session:
            workshop = session.scalars(select(Workshop).where(Workshop.join_code == code)).first()
            if workshop is None:
                raise not_found("workshop with that code")
            participant = Participant(
                id=str(uuid.uuid4()),
                workshop_id=workshop.id,
                name=request.name,
                role="participant",
                token_hash=token_hash(token),
            )
            session.add(participant)
            return {
                "workshop_id": workshop.id,
                "participant_id": participant.id,
                "token": token,
                "name": participant.name,
                "role": participant.role,
                "title": workshop.title,
            }

    def reissue_facilitator_token(self, workshop_id: str) -> str:
        """Give the facilitator a new token (the old one stops working); used by the demo at start."""
        token = new_token()
        with self.db.write() as session:
            facilitator = session.scalars(
                select(Participant).where(Participant.workshop_id == workshop_id, Participant.role == "facilitator")
            ).first()
            if facilitator is None:
                raise not_found("facilitator")
            facilitator.token_hash = token_hash(token)
        return token

    def find_demo(self) -> dict[str, Any] | None:
        """The newest demo workshop's summary with its join code (printed on the operator's terminal), if any."""
        with self.db.read() as session:
            workshop = session.scalars(
                select(Workshop).where(Workshop.is_demo.is_(True)).order_by(Workshop.created_at.desc())
            ).first()
            return None if workshop is None else workshop_view(workshop, join_code=True)

    def join_code(self, workshop_id: str) -> str | None:
        """A workshop's join code (for log lines), None for an unknown one. Codes never change, so they are kept."""
        code = self._codes.get(workshop_id)
        if code is None:
            with self.db.read() as session:
                code = session.scalar(select(Workshop.join_code).where(Workshop.id == workshop_id))
            if code is not None:
                if len(self._codes) >= 10_000:
                    self._codes.clear()
                self._codes[workshop_id] = code
        return code

    def summary(self, workshop_id: str, reader: Identity | None = None) -> dict[str, Any]:
        """The public summary of a workshop, with counts; the join code only for the workshop's own people."""
        with self.db.read() as session:
            workshop = self.load_workshop(session, workshop_id)
            return workshop_view(
                workshop, workshop_counts(session, workshop_id), join_code=rules.join_code_visible(reader, workshop_id)
            )
