"""Each connection's budget of events, kept with the `limits` library (Flask-Limiter's own storage layer).

A tablet may send a burst and then a steady few dozen events a second; beyond its budget an event is refused with
`rate_limited` (cheaply: nothing is read or written), and a connection that goes on being refused is closed. The
budget is per socket and so per process: a socket lives in the process that accepted it.
"""

from __future__ import annotations

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter


class EventBudget:
    """The allowance of events of every open socket of this process."""

    def __init__(self, allowance: str, closing: str):
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._allowance = parse(allowance)
        self._closing = parse(closing)

    def allow(self, sid: str) -> bool:
        """Spend one event of a socket's allowance; False when it has none left."""
        return self._limiter.hit(self._allowance, "events", sid)

    def should_close(self, sid: str) -> bool:
        """Note a refused event; True once the socket has been refused more than its closing limit allows."""
        return not self._limiter.hit(self._closing, "refused", sid)

    def forget(self, sid: str) -> None:
        """Drop a closed socket's counts."""
        self._limiter.clear(self._allowance, "events", sid)
        self._limiter.clear(self._closing, "refused", sid)
