"""Untrusted work out of the serving process: a stranger's file (a site file, a photo; the scans of paper sheets
when they come) is decoded by GDAL or Pillow in a worker process of its own, with a memory limit, a CPU-time limit
and a wall-clock deadline, and killed past them with everything it started. The serving process only writes the
bytes to the worker's stdin and reads its answer, so it never waits on a decoder in its own thread of control (on
gevent these waits yield to the other greenlets; in threading mode, to the other threads).

    facts, blobs = untrusted.run("cowork.workshop.site_files:read_job", data, {...}, Budget.of(settings))

A job is a function `(data: bytes, args: dict) -> (facts: dict, blobs: list[bytes])` in a cowork module; it raises
CoworkError to refuse the file, and the error comes back with its code and message when the code is one a file's
refusal may have (REFUSALS; a worker is not believed about anything else). Past a limit the answer is `too_large`
(memory) or `too_costly` (CPU time, wall-clock time), with `exceeded` and `limit` saying which. The deadline counts
from the moment the job is sent; the wait for a free place is bounded by it too, and a worker's start by
pool.STARTUP_SECONDS.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import threading
from dataclasses import dataclass
from typing import Any

from ..errors import CoworkError
from . import pool, protocol

__all__ = ["Budget", "run", "warm"]

log = logging.getLogger(__name__)

# The answer's largest size: a photo and its thumbnail, or a site file's candidates, are far smaller.
MAX_ANSWER_BYTES = 128 * 1024 * 1024
# The codes a worker's refusal may carry (a file's fault, said in the file's terms); any other is logged as ours.
REFUSALS = frozenset(
    {"invalid", "invalid_geometry", "no_polygon", "not_an_image", "too_large", "unsupported_format", "unsupported_type"}
)
# What a worker may write to stderr that is kept for the log.
STDERR_TAIL = 2000
# Signals that stop a worker from outside (a server shutting down, an operator): not the file's doing.
STOPPED = frozenset({-signal.SIGINT, -signal.SIGTERM, -signal.SIGHUP, -signal.SIGQUIT})


@dataclass(frozen=True)
class Budget:
    """What one job may spend: memory beyond the worker's resting size, CPU seconds, wall-clock seconds."""

    memory_mb: int
    cpu_seconds: float
    wall_seconds: float
    workers: int = 2  # jobs of this server process at once; more wait for a free place

    @classmethod
    def of(cls, settings: Any) -> Budget:
        """The budget the settings give (COWORK_UNTRUSTED_*)."""
        return cls(
            memory_mb=int(settings.UNTRUSTED_MEMORY_MB),
            cpu_seconds=float(settings.UNTRUSTED_CPU_SECONDS),
            wall_seconds=float(settings.UNTRUSTED_SECONDS),
            workers=int(settings.UNTRUSTED_WORKERS),
        )


def run(job: str, data: bytes, args: dict[str, Any], budget: Budget) -> tuple[dict[str, Any], list[bytes]]:
    """Run `module:function` on the bytes in a worker process within the budget: its facts and blobs, or the
    CoworkError it raised, or `too_large`/`too_costly` when it went past a limit, or `unavailable` when every
    place stayed taken for the whole deadline."""
    frame = protocol.encode(
        {"job": job, "args": args, "memory_bytes": budget.memory_mb * 1024 * 1024, "cpu_seconds": budget.cpu_seconds},
        [data],
    )
    with pool.place(budget.workers, budget.wall_seconds):
        worker = pool.ready(pool.take())
        return _answer(worker, frame, job, budget)


def warm() -> None:
    """Start this process's spare worker now if it has none, so that the next file does not wait for its imports."""
    pool.warm()


def _answer(
    worker: subprocess.Popen, frame: list[bytes], job: str, budget: Budget
) -> tuple[dict[str, Any], list[bytes]]:
    """Give the worker its frame, read its answer by the deadline, and make sense of how it ended."""
    late = threading.Event()

    def past_deadline() -> None:
        late.set()
        pool.kill(worker)  # its whole process group: the pipe closes, so the read below ends

    timer = threading.Timer(budget.wall_seconds, past_deadline)
    timer.daemon = True
    timer.start()
    feeder = threading.Thread(target=_feed, args=(worker, frame), daemon=True)
    feeder.start()
    answer, broken = None, ""
    try:
        assert worker.stdout is not None
        try:
            answer = protocol.read(worker.stdout, max_bytes=MAX_ANSWER_BYTES)
        except protocol.FrameError as broken_frame:
            broken = str(broken_frame)
        if answer is not None or broken.startswith("the frame is longer"):
            pool.kill(worker)  # answered (or answering too much): nothing more is wanted of it or what it started
        returncode = worker.wait()
    finally:
        timer.cancel()
        pool.kill(worker)
        feeder.join()
    errors = pool.stderr_of(worker, STDERR_TAIL).decode("utf-8", "replace")
    if answer is not None:
        return _accepted(answer, job, budget, errors)
    if late.is_set():
        raise _too_costly("seconds", budget.wall_seconds, f"took longer than {budget.wall_seconds:g} s")
    if returncode in (-signal.SIGPROF, -signal.SIGXCPU):
        raise _too_costly("cpu_seconds", budget.cpu_seconds, f"needed more than {budget.cpu_seconds:g} s of CPU time")
    log.warning("untrusted job %s ended with %s without an answer (%s): %s", job, returncode, broken, errors)
    if returncode in STOPPED or broken.startswith("the frame is longer"):
        raise CoworkError("unavailable", "The reader of the file was stopped; send it again in a minute.")
    # Killed by another signal (SIGKILL from RLIMIT_CPU's hard limit or the kernel's OOM killer, SIGABRT, SIGSEGV)
    # or exited without an answer: under an address-space limit that is how C and C++ code dies of a failed
    # allocation (std::bad_alloc aborts, a NULL it did not check faults), so it is reported as memory; the log says
    # how it ended, in case it was something else.
    raise _too_large_memory(budget)


def _accepted(
    answer: tuple[dict[str, Any], list[bytes]], job: str, budget: Budget, errors: str
) -> tuple[dict[str, Any], list[bytes]]:
    """A whole answer: the job's facts and blobs, or its refusal, believed only as far as a file's refusal goes."""
    header, blobs = answer
    if isinstance(header.get("ok"), dict):
        return header["ok"], blobs
    refusal: dict[str, Any] = header["error"] if isinstance(header.get("error"), dict) else {}
    code, message = refusal.get("code"), refusal.get("message")
    if code == "memory":
        raise _too_large_memory(budget)
    if code in REFUSALS and isinstance(message, str):
        raise CoworkError(code, message[:2000])
    log.error("untrusted job %s failed: %s %s", job, str(refusal)[:2000], errors)
    raise CoworkError("internal", "The file could not be read: an error of ours, logged.")


def _feed(worker: subprocess.Popen, frame: list[bytes]) -> None:
    """Write the job to the worker's stdin, part by part, and close it; a worker already gone is fine."""
    assert worker.stdin is not None
    try:
        for part in frame:
            worker.stdin.write(part)
        worker.stdin.close()
    except (BrokenPipeError, OSError, ValueError):
        pass


def _too_costly(exceeded: str, limit: float, words: str) -> CoworkError:
    return CoworkError(
        "too_costly", f"Reading the file {words}, the most one file may take.", exceeded=exceeded, limit=limit
    )


def _too_large_memory(budget: Budget) -> CoworkError:
    return CoworkError(
        "too_large",
        f"Reading the file needed more than {budget.memory_mb} MB of memory, the most one file may take.",
        exceeded="memory_mb",
        limit=budget.memory_mb,
    )
