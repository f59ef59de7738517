"""Trusted jobs in a kept queue, for several servers: RQ on the Redis of COWORK_MESSAGE_QUEUE.

A server submits a job under an id made of its key (`city-gpkg-3-1-4`): the first server to claim the key (a
Redis `SET NX`, so two servers asking at the same moment never enqueue it twice) enqueues it, and every server
that asks for the same key waits for that same job, reading its result from Redis. `python run.py worker` runs
the RQ worker, which gives each job a forked process of its own (RQ's work horse), out of every server; the job is
given its database and export folder from the worker's own settings (`jobs.context`), so no URL or password is
ever written to Redis. Its files go to COWORK_EXPORT_DIR, which every server and the worker must share.
"""

from __future__ import annotations

import importlib
import logging
import time
from typing import Any

import redis
from rq import Queue, Worker
from rq.exceptions import NoSuchJobError
from rq.job import Job
from rq.results import Result

from ..config import Config
from ..errors import CoworkError
from . import context

log = logging.getLogger(__name__)

QUEUE = "cowork"
# How long a claim, a job and its result are kept in Redis: past the longest job, short of clutter.
KEEP_SECONDS = 3600
# How often a waiting server asks Redis whether the job is done (each ask a round trip of well under a millisecond;
# on gevent the pause between asks yields to the tablets).
POLL_SECONDS = 0.1


def _claim(job_id: str) -> str:
    return f"cowork:jobs:{job_id}"


def submit(url: str, key: str, job: str, args: dict[str, Any]) -> Queued | None:
    """The queued job of this key, enqueued unless another server (or this one) has claimed it already; None when
    no worker serves the queue (the server then runs the job itself: a job queued for no one would never end)."""
    connection = redis.Redis.from_url(url)
    if not Worker.count(connection=connection):
        log.warning("no `run.py worker` serves the job queue: job %s is run by this server", key)
        return None
    if connection.set(_claim(key), "1", nx=True, ex=KEEP_SECONDS):
        Queue(QUEUE, connection=connection).enqueue(
            perform,
            job,
            args,
            job_id=key,
            job_timeout=KEEP_SECONDS,
            result_ttl=KEEP_SECONDS,
            failure_ttl=KEEP_SECONDS,
        )
    return Queued(connection, key)


class Queued:
    """A job in the queue, as a server waits for it."""

    def __init__(self, connection: redis.Redis, key: str):
        self.connection = connection
        self.key = key

    def wait(self, seconds: float) -> dict[str, Any] | None:
        """The job's facts, waited for at most `seconds` (None: still queued or running); its error, raised."""
        deadline = time.monotonic() + max(0.0, seconds)
        while True:
            try:
                job = Job.fetch(self.key, connection=self.connection)
            except NoSuchJobError:  # claimed by another server a moment ago, not yet enqueued (or long expired)
                job = None
            result = None if job is None else Result.fetch_latest(job)
            if result is not None:
                return self._outcome(result)
            if time.monotonic() >= deadline:
                return None
            time.sleep(POLL_SECONDS)  # gevent's sleep on a server: the loop serves the tablets meanwhile

    def _outcome(self, result: Result) -> dict[str, Any]:
        if result.type == Result.Type.SUCCESSFUL and isinstance(result.return_value, dict):
            return result.return_value
        self.connection.delete(_claim(self.key))  # the next request tries again
        refusal = result.return_value if isinstance(result.return_value, dict) else {}
        log.error("queued job %s failed: %s", self.key, (result.exc_string or "")[-2000:])
        raise CoworkError("internal", str(refusal.get("message") or "The work could not be done: an error of ours."))


def perform(job: str, args: dict[str, Any]) -> dict[str, Any]:
    """Run a trusted job in the RQ worker's work horse, with this worker's own database and export folder."""
    module_name, _, function_name = job.partition(":")
    if not module_name.startswith("cowork.") or not function_name:
        raise ValueError(f"no such job: {job}")
    function = getattr(importlib.import_module(module_name), function_name)
    facts, _blobs = function(b"", {**args, **context(Config())})
    return facts


def work(settings: Any) -> int:
    """`run.py worker`: an RQ worker on the queue of COWORK_MESSAGE_QUEUE, until it is stopped (SIGTERM finishes
    the job at hand first)."""
    if not settings.MESSAGE_QUEUE:
        log.error("run.py worker needs COWORK_MESSAGE_QUEUE (redis://...): without it the servers run their own jobs")
        return 1
    connection = redis.Redis.from_url(settings.MESSAGE_QUEUE)
    Worker([Queue(QUEUE, connection=connection)], connection=connection).work(with_scheduler=False)
    return 0
