"""Trusted heavy work out of the serving process: our own jobs over the city's data (the city GeoPackage now; an
impact over every design or a rebuild after a migration next), each run once for everyone who asks, in a worker
process, while the serving process only waits for the answer (cooperatively: on gevent the wait yields to the
tablets' greenlets; in threading mode it holds one request's thread).

    pending = jobs.submit("city-gpkg-3-1-4", "cowork.opendata.export:build_job", {}, settings)
    facts = pending.wait(30.0)  # None: not done yet, and the job goes on

A package beside cowork/untrusted/, not an option of it, on purpose. An untrusted worker decodes a stranger's bytes:
it gets no settings, runs within a memory and CPU budget, and is killed at its request's deadline, and nothing
here changes that. A trusted job runs code and data of ours and reads the database: it is handed the database URL
and the export folder in its frame (never in the environment, which pool.start filters for both kinds alike), has
no budget but the lowest CPU priority (the tablets' process comes first), and outlives the request that started
it, so that a request that stops waiting answers `unavailable` and the next one finds the answer kept. Both share
the process handling (a process group killed whole, stderr to a file) and the framing (untrusted/protocol.py).

With Redis configured (COWORK_MESSAGE_QUEUE) the job goes to RQ instead (jobs/queue.py), under an id made of its
key, so that every server asking for the same key waits for the same job, run by `python run.py worker`; while no
such worker is running (a deployment that has not started one yet), the server runs the job itself, as alone.

A job is a function `(data: bytes, args: dict) -> (facts: dict, blobs: list[bytes])`, as an untrusted one; its
args get `database_url` and `export_dir` (`context`); a CoworkError it raises reaches every waiter.
"""

from __future__ import annotations

import atexit
import logging
import threading
from typing import Any, Protocol

from ..errors import CoworkError
from ..untrusted import pool, protocol

__all__ = ["Pending", "context", "export_dir", "submit"]

log = logging.getLogger(__name__)

# The answer's largest size: a job's facts (its files are written to the export folder, not sent back).
MAX_ANSWER_BYTES = 1024 * 1024
# Lowered CPU priority of a worker (nice): a job takes the cores the serving processes leave.
NICENESS = 10

_lock = threading.Lock()
_running: dict[tuple[str, str], Running] = {}
_workers: set[Any] = set()  # the worker processes of running jobs, ended with this process


class Pending(Protocol):
    """A job submitted, local or queued: its facts once it is done."""

    def wait(self, seconds: float) -> dict[str, Any] | None:
        """The job's facts, waited for at most `seconds` (None: still running); its error, raised."""
        ...


def export_dir(settings: Any) -> str:
    """The folder in force for the files jobs keep: COWORK_EXPORT_DIR, else `exports` in the instance folder."""
    return str(settings.EXPORT_DIR or f"{settings.INSTANCE_DIR}/exports")


def context(settings: Any) -> dict[str, Any]:
    """What a trusted job is told of the settings: where the database is and where its files go."""
    return {"database_url": settings.database_url, "export_dir": export_dir(settings)}


def submit(key: str, job: str, args: dict[str, Any], settings: Any) -> Pending:
    """The job of this key, started unless it is running already (here, or in the queue when Redis is configured):
    `module:function` with `args` and the trusted `context`."""
    if settings.MESSAGE_QUEUE:
        from .queue import submit as queued  # RQ is imported where it is used: a lone server needs none of it

        pending = queued(settings.MESSAGE_QUEUE, key, job, args)
        if pending is not None:
            return pending
    trusted = context(settings)
    # Keyed by where its files go as well: two apps in one process (tests) keep their own.
    local_key = (trusted["export_dir"], key)
    with _lock:
        for ended in [k for k, r in _running.items() if r.done.is_set()]:
            del _running[ended]  # its answer is kept where it wrote it (or, if it failed, the next asker tries again)
        running = _running.get(local_key)
        if running is None:
            running = _running[local_key] = Running(job, {**args, **trusted})
        return running


class Running:
    """A job in a worker process of this server process, watched by a thread (a greenlet on gevent) that reads
    its answer; whoever asks for it waits on `done`."""

    def __init__(self, job: str, args: dict[str, Any]):
        self.job = job
        self.done = threading.Event()
        self.facts: dict[str, Any] | None = None
        self.error: CoworkError | None = None
        self.worker: Any = None
        frame = protocol.encode({"job": job, "args": args})
        threading.Thread(target=self._run, args=(frame,), daemon=True, name=f"job {job}").start()

    def wait(self, seconds: float) -> dict[str, Any] | None:
        """The job's facts, waited for at most `seconds` (None: still running); its error, raised."""
        if not self.done.wait(max(0.0, seconds)):
            return None
        if self.error is not None:
            raise self.error
        return self.facts

    def _run(self, frame: list[bytes]) -> None:
        try:
            self.facts = self._answer(frame)
            log.info("job %s done in worker process %s: %s", self.job, self.worker.pid, self.facts)
        except CoworkError as error:
            self.error = error
        except Exception:  # a broken worker: logged, and every waiter told `internal`
            log.exception("job %s failed", self.job)
            self.error = CoworkError("internal", "The work could not be done: an error of ours, logged.")
        finally:
            self.done.set()

    def _answer(self, frame: list[bytes]) -> dict[str, Any]:
        module = self.job.partition(":")[0]
        self.worker = pool.start("cowork.jobs.worker", (module,))
        _workers.add(self.worker)
        try:
            worker = pool.ready(self.worker)
            assert worker.stdin is not None and worker.stdout is not None
            for part in frame:  # a few hundred bytes: the pipe takes them at once
                worker.stdin.write(part)
            worker.stdin.close()
            try:
                header, _blobs = protocol.read(worker.stdout, max_bytes=MAX_ANSWER_BYTES)
            except protocol.FrameError as broken:
                worker.wait()
                errors = pool.stderr_of(worker, 2000).decode("utf-8", "replace")
                raise RuntimeError(f"no answer ({broken}; exit {worker.returncode}): {errors}") from None
        finally:
            pool.kill(self.worker)  # with whatever it started
            self.worker.wait()
            pool.stderr_of(self.worker)
            _workers.discard(self.worker)
        if isinstance(header.get("ok"), dict):
            return header["ok"]
        refusal = header["error"] if isinstance(header.get("error"), dict) else {}
        code, message = str(refusal.get("code")), str(refusal.get("message"))
        if code in ("internal", "memory"):
            raise RuntimeError(message)
        raise CoworkError(code, message)  # a trusted job's refusal: believed, and told to every waiter


@atexit.register
def _stop_workers() -> None:
    # A server process that ends takes its jobs with it: a queued job belongs to the RQ worker, not to a server.
    for worker in list(_workers):
        pool.kill(worker)
