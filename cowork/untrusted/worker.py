"""A worker process for untrusted work: `python -m cowork.untrusted.worker MODULE...`.

It imports the modules named (GDAL, Pillow and the job code: the slow part, done while it waits as the spare),
then reads one job from stdin, puts its limits on itself, runs the job, writes the result to stdout and exits: one
job per process, so nothing of one stranger's file outlives it. The limits count from the resting state reached
after the imports: the memory a job may add to the address space (RLIMIT_AS) and the CPU seconds it may use
(RLIMIT_CPU, whose SIGXCPU ends the process); the serving process keeps the wall-clock deadline.
"""

from __future__ import annotations

import importlib
import math
import os
import re
import resource
import signal
import sys
import traceback
from typing import Any

from ..errors import CoworkError
from . import protocol

# How a decoder written in C words a failed allocation.
OUT_OF_MEMORY = re.compile(r"insufficient memory|out of memory|cannot allocate|memory allocation|bad_alloc", re.I)
# The byte a worker writes once it is ready for its job.
READY = b"R"
# The largest job frame: the file (site files and photos are capped well below this) and its arguments.
MAX_JOB_BYTES = 256 * 1024 * 1024
# What the job may write to disk, per file (a site file's unzipped members are capped at 64 MB).
MAX_FILE_BYTES = 256 * 1024 * 1024


def address_space() -> int:
    """This process's virtual memory size in bytes (Linux's /proc), 0 where it cannot be read."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def limit_self(memory_bytes: int, cpu_seconds: float) -> None:
    """Allow the job this much more memory and CPU time than the worker has used so far."""
    resting = address_space()
    if resting:
        resource.setrlimit(resource.RLIMIT_AS, (resting + memory_bytes, resting + memory_bytes))
    # The CPU limit to the microsecond: SIGPROF, whose default action ends the process, once the job has used
    # cpu_seconds of CPU time (all its threads counted; a decoder busy in C cannot put it off). RLIMIT_CPU (whole
    # seconds) stands behind it, in case a library set SIGPROF's action for itself.
    signal.signal(signal.SIGPROF, signal.SIG_DFL)
    signal.setitimer(signal.ITIMER_PROF, cpu_seconds)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(usage.ru_utime + usage.ru_stime + cpu_seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 2))  # SIGXCPU at soft, SIGKILL at hard
    resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_FILE_BYTES, MAX_FILE_BYTES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a killed worker leaves no core file of a stranger's bytes


def run_job(header: dict[str, Any], blobs: list[bytes]) -> bytes:
    """The answer frame to one job frame: `{"ok": facts}` and the result's blobs, or `{"error": {...}}`."""
    module_name, _, function_name = str(header.get("job", "")).partition(":")
    if not module_name.startswith("cowork.") or not function_name:
        return protocol.encode({"error": {"code": "internal", "message": "No such job."}})
    try:
        job = getattr(importlib.import_module(module_name), function_name)
        facts, out = job(blobs[0] if blobs else b"", header.get("args") or {})
        return protocol.encode({"ok": facts}, list(out))
    except CoworkError as error:
        return protocol.encode({"error": {"code": error.code, "message": error.message, "extra": error.extra}})
    except MemoryError:
        return protocol.encode({"error": {"code": "memory", "message": "out of memory"}})
    except Exception as error:
        text = "".join(traceback.format_exception_only(type(error), error))[-2000:]
        # A C library that could not allocate says so in words (libjpeg: "Insufficient memory", GDAL: "Cannot
        # allocate"): the limit's doing, not a bug; anything else is a bug of ours, which the serving process logs.
        code = "memory" if OUT_OF_MEMORY.search(text) else "internal"
        return protocol.encode({"error": {"code": code, "message": text}})


def main(modules: list[str]) -> int:
    """Import the modules, wait for one job on stdin, answer it on stdout."""
    answer_fd = os.dup(1)
    os.dup2(2, 1)  # whatever the libraries print goes to stderr: stdout carries nothing but the answer
    for name in modules:
        importlib.import_module(name)
    os.write(answer_fd, READY)  # the imports are done: the job's deadline starts when it is sent, not before
    try:
        header, blobs = protocol.read(sys.stdin.buffer, max_bytes=MAX_JOB_BYTES)
    except protocol.FrameError:
        return 0  # the serving process went away (or changed its mind): nothing to do
    limit_self(int(header["memory_bytes"]), float(header["cpu_seconds"]))
    answer = run_job(header, blobs)
    with os.fdopen(answer_fd, "wb") as out:
        out.write(answer)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
