"""The one error type of cowork's domain, with its code; mapped once to HTTP and once to Socket.IO acks."""

from __future__ import annotations

from typing import Any

HTTP_STATUS = {
    "invalid": 400,
    "invalid_geometry": 400,
    "outside_site": 400,
    "unauthorized": 401,
    "forbidden": 403,
    "not_found": 404,
    "conflict": 409,
    "too_large": 413,
    "too_costly": 422,
    "not_an_image": 400,
    "unsupported_type": 415,
    "unsupported_format": 415,
    "no_polygon": 400,
    "phase": 409,
    "vote_limit": 409,
    "rate_limited": 429,
    "internal": 500,
    "unavailable": 503,
}


class CoworkError(Exception):
    """A refused request: a machine-readable code, a human message, and optional extra fields for the answer."""

    def __init__(self, code: str, message: str, **extra: Any):
        super().__init__(message)
        self.code = code
        self.message = message
        self.extra = extra

    @property
    def http_status(self) -> int:
        """The HTTP status for this error's code."""
        return HTTP_STATUS.get(self.code, 400)

    def as_dict(self) -> dict[str, Any]:
        """The error envelope `{"error": {"code", "message"}, ...extra}`."""
        return {"error": {"code": self.code, "message": self.message}, **self.extra}


def invalid(message: str) -> CoworkError:
    """A malformed-payload error."""
    return CoworkError("invalid", message)


def not_found(what: str) -> CoworkError:
    """An unknown-thing error."""
    return CoworkError("not_found", f"No such {what}.")


def forbidden(message: str) -> CoworkError:
    """A not-allowed error."""
    return CoworkError("forbidden", message)
