"""What every HTTP handler needs from the request: the services, the JSON body, and who is asking.

The bearer token is read here, once, and turned into an identity by the access service; handlers pass the
identity on, never the token.
"""

from __future__ import annotations

from typing import Any, Optional

from flask import current_app, g, request

from ..errors import CoworkError
from ..identities import Identity, Supervisor
from ..realtime.broadcast import Broadcaster
from ..services import Cowork


def cowork() -> Cowork:
    """The app's services."""
    return current_app.extensions["cowork"]


def realtime() -> Broadcaster:
    """The app's broadcaster, for service calls whose events the workshop's sockets must hear."""
    return current_app.extensions["realtime"]


def json_body() -> Any:
    """The request's JSON body, or `invalid`."""
    body = request.get_json(silent=True)
    if body is None:
        raise CoworkError("invalid", "The request body must be JSON.")
    return body


def bearer_token() -> str:
    """The token of `Authorization: Bearer <token>`, or an empty string."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def participant() -> Identity:
    """The participant or facilitator behind the bearer token, or `unauthorized`."""
    identity = cowork().access.participant(bearer_token())
    note_workshop(identity.workshop_id)
    return identity


def note_workshop(workshop_id: str) -> None:
    """Name the workshop this request is about, for its log line (web/logs.py), where the URL does not say."""
    g.log_workshop = workshop_id


def optional_participant() -> Optional[Identity]:
    """The bearer's identity when a token is sent (401 if it is bad), else None."""
    return participant() if request.headers.get("Authorization") else None


def supervisor(project_id: str) -> Supervisor:
    """The author (by key) or facilitator acting on a project, or `unauthorized`."""
    return cowork().access.supervisor(bearer_token(), project_id)
