"""Errors mapped once to HTTP: JSON envelopes under /api and /ogcapi (whose clients are programs), plain pages
elsewhere."""

from __future__ import annotations

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

from ..errors import CoworkError

# When to ask again after `unavailable` (a database restarting is usually back within seconds).
RETRY_UNAVAILABLE_S = 2

_CODE_OF_STATUS = {
    400: "invalid",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "invalid",
    409: "conflict",
    413: "too_large",
}


def register_error_handlers(app: Flask) -> None:
    """Install the handlers that turn errors into `{"error": {"code", "message"}}` answers."""

    @app.errorhandler(CoworkError)
    def domain_error(error: CoworkError):
        response = jsonify(error.as_dict())
        if error.code == "unavailable":
            response.headers["Retry-After"] = str(RETRY_UNAVAILABLE_S)  # the database is away: soon, not never
        return response, error.http_status

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if not request.path.startswith(("/api/", "/ogcapi")):
            return error
        status = error.code or 500
        code = _CODE_OF_STATUS.get(status, "invalid" if status < 500 else "internal")
        message = "The request body is too large." if status == 413 else str(error.description)
        return jsonify(CoworkError(code, message).as_dict()), status
