"""Countdowns: `timer:expired` reaches the facilitator once when a countdown ends.

`LocalTimers` waits in a background task of this process (enough when it is the only one); `RedisTimers`
(redis_state.py) keeps the end times in Redis, where any process may send them, so a countdown survives the
process that set it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

Due = Callable[[str, str], None]


class Timers(Protocol):
    """Where running countdowns are kept until they are due."""

    def schedule(self, workshop_id: str, ends_at: str) -> None:
        """Remember a countdown's end (ISO 8601)."""

    def start(self, due: Due) -> None:
        """From now on, call `due(workshop_id, ends_at)` once for each countdown that ends."""


class LocalTimers:
    """Countdowns as background tasks of this process."""

    def __init__(self, start_task: Callable, sleep: Callable[[float], None]):
        self._start_task = start_task
        self._sleep = sleep
        self._due: Due | None = None

    def schedule(self, workshop_id: str, ends_at: str) -> None:
        """Wait for the end in the background."""
        self._start_task(self._wait, workshop_id, ends_at)

    def start(self, due: Due) -> None:
        """Where ended countdowns go."""
        self._due = due

    def _wait(self, workshop_id: str, ends_at: str) -> None:
        end = datetime.fromisoformat(ends_at.replace("Z", "+00:00"))
        remaining = (end - datetime.now(UTC)).total_seconds()
        if remaining > 0:
            self._sleep(remaining)
        if self._due is not None:
            self._due(workshop_id, ends_at)
