"""What every HTTP handler needs from the request: the services, the JSON body, and who is asking.

The bearer token is read here, once, and turned into an identity by the access service; handlers pass the
identity on, never the token.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from flask import current_app, g, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.routing import BaseConverter, ValidationError

from ..core import strict_json
from ..core.identities import Identity, Organizer, Supervisor
from ..errors import CoworkError

if TYPE_CHECKING:  # named for their types only: the web layer sits beside them, not above (docs/architecture.md)
    from ..realtime.broadcast import Broadcaster
    from ..services import Cowork


def cowork() -> Cowork:
    """The app's services."""
    return current_app.extensions["cowork"]


def realtime() -> Broadcaster:
    """The app's broadcaster, for service calls whose events the workshop's sockets must hear."""
    return current_app.extensions["realtime"]


class StrictJSONProvider(DefaultJSONProvider):
    """Flask's JSON, but every client's JSON is decoded by `strict_json.loads` (bounded depth, finite numbers,
    Unicode)."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        """Decode with `strict_json.loads`; its `MalformedJSON` is a ValueError, which Flask answers with 400."""
        return strict_json.loads(s)


class IdConverter(BaseConverter):
    """`<id:name>` in a route: a UUID, as every id of ours is, given to the handler in canonical lower-case form.
    Anything else is not a route (404) and never reaches a query (a NUL in a PostgreSQL query was a 500)."""

    regex = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

    def to_python(self, value: str) -> str:
        """The id in canonical form."""
        try:
            return str(uuid.UUID(value))
        except ValueError:
            raise ValidationError() from None

    def to_url(self, value: Any) -> str:
        """The id as it stands in a URL."""
        return str(value)


def json_body() -> Any:
    """The request's JSON body, or `invalid` saying why it is not one (too large is `too_large`, 413)."""
    if not request.is_json:
        raise CoworkError("invalid", "The request body must be JSON (Content-Type: application/json).")
    try:
        return strict_json.loads(request.get_data(cache=True))
    except strict_json.MalformedJSON as error:
        raise CoworkError("invalid", f"The request body is not usable JSON: {error}") from None


def bearer_token() -> str:
    """The token of `Authorization: Bearer <token>`, or an empty string."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def organizer() -> Organizer:
    """Who creates workshops or imports archives (`unauthorized` for a wrong organizer key), found once per request:
    the per-account limit (web/limits.py) needs it before the handler does."""
    if "organizer" not in g:
        g.organizer = cowork().access.organizer(bearer_token())
    return g.organizer


def participant() -> Identity:
    """The participant or facilitator behind the bearer token, or `unauthorized`."""
    identity = cowork().access.participant(bearer_token())
    note_workshop(identity.workshop_id)
    return identity


def note_workshop(workshop_id: str) -> None:
    """Name the workshop this request is about, for its log line (web/logs.py), where the URL does not say."""
    g.log_workshop = workshop_id


def optional_participant() -> Identity | None:
    """The bearer's identity when a token is sent (401 if it is bad), else None."""
    return participant() if request.headers.get("Authorization") else None


def reader() -> Identity | None:
    """The bearer's identity when a valid workshop token is sent, else None: for a public read that shows its own
    people more (the join code) and so refuses nobody (a removed or stale token just reads what anyone reads)."""
    if not request.headers.get("Authorization"):
        return None
    try:
        return participant()
    except CoworkError as error:
        if error.code != "unauthorized":
            raise  # the database did not answer: `unavailable`, not a reader without a code
        return None


def supervisor(project_id: str) -> Supervisor:
    """The author (by key) or facilitator acting on a project, or `unauthorized`."""
    return cowork().access.supervisor(bearer_token(), project_id)


def project_reader(project_id: str) -> Supervisor | None:
    """The author (by key) or facilitator reading a project, else None: for a public read that shows its own
    people more, and so refuses nobody (a stale or revoked key reads what anyone reads). An unknown project is
    still `not_found`."""
    if not request.headers.get("Authorization"):
        cowork().access.project_exists(project_id)
        return None
    try:
        return supervisor(project_id)
    except CoworkError as error:
        if error.code != "unauthorized":
            raise  # no such project, or the database did not answer
        return None
