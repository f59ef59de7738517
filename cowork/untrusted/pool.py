"""The worker processes of this server process: one spare kept ready (its imports take a second or more, which
no one should wait for), a fresh one for each job, and a bounded number of jobs at once."""

from __future__ import annotations

import atexit
import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from ..errors import CoworkError
from .protocol import READY

# What the spare imports while it waits: the modules whose jobs it may be given (named, not imported here: this
# package stays below the capabilities).
PRELOAD = ("cowork.workshop.site_files", "cowork.supervision.photos")
# The folder holding the cowork package: the worker is started there (`python -m` finds the package in it).
ROOT = Path(__file__).resolve().parent.parent.parent
# One thread for the numeric libraries (each thread of OpenBLAS reserves address space, which counts against the
# memory limit) and few malloc arenas, for the same reason.
WORKER_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MALLOC_ARENA_MAX": "2", "GDAL_NUM_THREADS": "1"}
# What of the server's environment a worker gets: where programs, libraries' data and temporary files are, and the
# language; never the server's settings (COWORK_SECRET_KEY, the database URL, the organizer key).
PASSED_ENV = ("PATH", "LANG", "LANGUAGE", "TMPDIR", "PYTHONPATH", "GDAL_DATA", "PROJ_DATA", "PROJ_LIB", "HOME")

# How long a worker may take to start and import PRELOAD (about a second on an idle machine).
STARTUP_SECONDS = 60.0

log = logging.getLogger(__name__)
_lock = threading.Lock()
_spare: subprocess.Popen | None = None
_spare_of_pid = 0  # the process that started the spare (a forked server process must start its own)
_stderr: dict[int, IO[bytes]] = {}
_places: dict[int, threading.BoundedSemaphore] = {}


def start(module: str = "cowork.untrusted.worker", preload: tuple[str, ...] = PRELOAD) -> subprocess.Popen:
    """A new worker process (`python -m module`, by default the untrusted worker), importing `preload` while it
    waits for its job on stdin. Whatever the module, the environment is filtered the same way (PASSED_ENV)."""
    # A file, not a pipe, so a chatty worker never blocks; kept open until the job's end (stderr_of closes it).
    stderr = tempfile.TemporaryFile(prefix="cowork-worker-")  # noqa: SIM115
    env = {k: v for k, v in os.environ.items() if k in PASSED_ENV or k.startswith("LC_")} | WORKER_ENV
    worker = subprocess.Popen(
        [sys.executable, "-s", "-m", module, *preload],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=stderr,
        cwd=ROOT,
        env=env,
        close_fds=True,
        start_new_session=True,  # a process group of its own, killed whole (kill): what the job forks goes with it
    )
    _stderr[worker.pid] = stderr
    return worker


def warm() -> None:
    """Have a spare worker starting or ready (a page that offers an upload calls this, so the file seldom waits)."""
    global _spare, _spare_of_pid
    with _lock:
        if _spare is not None and _spare_of_pid == os.getpid() and _spare.poll() is None:
            return
        _retire(_spare, _spare_of_pid)
        _spare, _spare_of_pid = start(), os.getpid()


def take() -> subprocess.Popen:
    """The spare, if it is alive and ours, else a new worker; and a new spare started in its place."""
    global _spare, _spare_of_pid
    with _lock:
        spare, owner = _spare, _spare_of_pid
        _spare, _spare_of_pid = start(), os.getpid()
    if spare is not None and owner == os.getpid() and spare.poll() is None:
        return spare
    _retire(spare, owner)
    return start()


def _retire(worker: subprocess.Popen | None, owner: int) -> None:
    """Let go of a spare that is dead or another process's (a forked server process inherits its parent's)."""
    if worker is not None and owner == os.getpid():
        kill(worker)
        worker.poll()  # reaped if it has ended (it has, or soon will: killed)
        stderr_of(worker)


def ready(worker: subprocess.Popen) -> subprocess.Popen:
    """The worker once it has imported what it needs (it says so with one byte), or `unavailable` if it does not
    within STARTUP_SECONDS (a machine so loaded that it cannot start a process is not one to read files on)."""
    timer = threading.Timer(STARTUP_SECONDS, kill, (worker,))
    timer.daemon = True
    timer.start()
    try:
        assert worker.stdout is not None
        said = worker.stdout.read(len(READY))
    finally:
        timer.cancel()
    if said != READY:
        kill(worker)
        worker.wait()
        log.error("an untrusted-work worker did not start: %s", stderr_of(worker)[-2000:].decode("utf-8", "replace"))
        raise CoworkError("unavailable", "The server could not start a reader for the file; try again in a minute.")
    return worker


def kill(worker: subprocess.Popen) -> None:
    """End the worker and whatever it started (its process group) now; safe to call again, and after it ended:
    the group's id is not given to another process while any member of the group lives."""
    with suppress(OSError):  # the group is gone already
        os.killpg(worker.pid, signal.SIGKILL)


def stderr_of(worker: subprocess.Popen, tail: int = 1 << 20) -> bytes:
    """The end (`tail` bytes at most) of what the worker wrote to stderr; its file closed afterwards."""
    stderr = _stderr.pop(worker.pid, None)
    if stderr is None:
        return b""
    try:
        size = stderr.seek(0, os.SEEK_END)
        stderr.seek(max(0, size - tail))
        return stderr.read()
    finally:
        stderr.close()


@contextmanager
def place(workers: int, wait_seconds: float) -> Iterator[None]:
    """One of `workers` places for a job, waited for at most `wait_seconds` (then `unavailable`)."""
    with _lock:
        places = _places.setdefault(workers, threading.BoundedSemaphore(workers))
    if not places.acquire(timeout=wait_seconds):
        raise CoworkError("unavailable", "The server is reading other files; send this one again in a minute.")
    try:
        yield
    finally:
        places.release()


@atexit.register
def _stop_spare() -> None:
    if _spare is not None and _spare_of_pid == os.getpid():
        kill(_spare)
