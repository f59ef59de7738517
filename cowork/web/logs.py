"""One log line per HTTP request: method, path (never the query string, where a join code or anything else a
client sends could sit), status, duration, and the workshop with its join code when the request has one.

Tokens, keys and recovery codes travel in headers and bodies, which are never logged; the part of a link after
`#` never reaches the server at all.
"""

from __future__ import annotations

import logging
import re
import time
from urllib.parse import quote

from flask import Flask, Response, g, request

from .context import cowork

log = logging.getLogger("cowork.http")
_ID = re.compile(r"[0-9a-f-]{36}")


def request_line(status: int, seconds: float, workshop_id: str | None, project_id: str | None) -> str:
    """The line for the current request."""
    # Quoted: a path is the client's text, and must stay one line.
    parts = [request.method, quote(request.path, safe="/-._~:@!$&'()*+,;="), str(status), f"{seconds * 1000:.1f}ms"]
    # Ids from the URL are the client's text too: named only when they are a workshop's (or look like an id).
    try:
        code = cowork().workshops.join_code(workshop_id) if workshop_id else None
    except Exception:  # the database is down: the line goes out without the code
        code = None
    if code:
        parts += [f"workshop={workshop_id}", f"code={code}"]
    if project_id and _ID.fullmatch(project_id):
        parts.append(f"project={project_id}")
    return " ".join(parts)


def init_request_log(app: Flask) -> None:
    """Time every request and log it when its response is ready."""

    @app.before_request
    def start_clock() -> None:
        g.log_started = time.perf_counter()

    @app.after_request
    def log_request(response: Response) -> Response:
        seconds = time.perf_counter() - g.get("log_started", time.perf_counter())
        args = request.view_args or {}
        workshop_id = args.get("workshop_id") or g.get("log_workshop")
        log.info("%s", request_line(response.status_code, seconds, workshop_id, args.get("project_id")))
        return response
