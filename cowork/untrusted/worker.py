"""A worker process for untrusted work: `python -m cowork.untrusted.worker MODULE...`.

It imports the modules named (GDAL, Pillow and the job code: the slow part, done while it waits as the spare),
then reads one job from stdin, puts its limits on itself, runs the job, writes the result to stdout and exits: one
job per process, so nothing of one stranger's file outlives it. The limits count from the resting state reached
after the imports: the memory a job may add to the address space (RLIMIT_AS) and the CPU seconds it may use
(ITIMER_PROF, whose SIGPROF ends the process, with RLIMIT_CPU behind it). The serving process keeps the wall-clock
deadline, and started this process in a process group of its own, which it kills whole: anything the job forks
goes with it. Should the serving process die, a resting worker reads the end of its stdin and exits, and a busy
one runs out its limits (not PR_SET_PDEATHSIG: that fires when the *thread* that started the worker ends, in
threading mode the request's thread, long before the job is given).
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
from collections.abc import Callable
from typing import Any

from ..errors import CoworkError
from . import protocol

# How a decoder written in C words a failed allocation.
OUT_OF_MEMORY = re.compile(r"insufficient memory|out of memory|cannot allocate|memory allocation|bad_alloc", re.I)
# The largest job frame: the file (site files and photos are capped well below this) and its arguments.
MAX_JOB_BYTES = 256 * 1024 * 1024
# What the job may write to disk, per file (a site file's unzipped members are capped at 64 MB).
MAX_FILE_BYTES = 256 * 1024 * 1024


def address_space() -> int:
    """This process's virtual memory size in bytes (Linux's /proc/self/statm; an OSError where it cannot be read,
    and then no job runs: without it there is no memory limit to set)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def limit_self(memory_bytes: int, cpu_seconds: float) -> None:
    """Allow the job this much more memory and CPU time than the worker has used so far."""
    resting = address_space()
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


def describe(data: bytes, args: dict[str, Any]) -> tuple[dict[str, Any], list[bytes]]:
    """A job about the worker itself, for checking how it runs: its process group and session, the names in its
    environment, and the limits in force (run it as `cowork.untrusted.worker:describe`)."""
    return {
        "pid": os.getpid(),
        "pgid": os.getpgid(0),
        "sid": os.getsid(0),
        "environment": sorted(os.environ),
        "address_space_limit": resource.getrlimit(resource.RLIMIT_AS)[0],
        "address_space": address_space(),
        "cpu_timer_s": signal.getitimer(signal.ITIMER_PROF)[0],
        "niceness": os.nice(0),
        "bytes": len(data),
    }, [data[::-1]]


def run_job(header: dict[str, Any], blobs: list[bytes]) -> list[bytes]:
    """The answer frame to one job frame: `{"ok": facts}` and the result's blobs, or `{"error": {...}}`."""
    module_name, _, function_name = str(header.get("job", "")).partition(":")
    if not module_name.startswith("cowork.") or not function_name:
        return protocol.encode({"error": {"code": "internal", "message": "No such job."}})
    try:
        job = getattr(importlib.import_module(module_name), function_name)
        facts, out = job(blobs[0] if blobs else b"", header.get("args") or {})
        return protocol.encode({"ok": facts}, list(out))
    except CoworkError as error:
        return protocol.encode({"error": {"code": error.code, "message": error.message}})
    except MemoryError:
        return protocol.encode({"error": {"code": "memory", "message": "out of memory"}})
    except Exception as error:
        text = "".join(traceback.format_exception_only(type(error), error))[-2000:]
        # A C library that could not allocate says so in words (libjpeg: "Insufficient memory", GDAL: "Cannot
        # allocate"): the limit's doing, not a bug; anything else is a bug of ours, which the serving process logs.
        code = "memory" if OUT_OF_MEMORY.search(text) else "internal"
        return protocol.encode({"error": {"code": code, "message": text}})


def limit_by(header: dict[str, Any]) -> None:
    """The untrusted worker's preparation for its job: the limits its frame names (none: no job runs)."""
    limit_self(int(header["memory_bytes"]), float(header["cpu_seconds"]))


def main(modules: list[str], prepare: Callable[[dict[str, Any]], None] = limit_by) -> int:
    """Import the modules, wait for one job on stdin, `prepare` for it (by default: put its limits on this
    process), answer it on stdout."""
    answer_fd = os.dup(1)
    os.dup2(2, 1)  # whatever the libraries print goes to stderr: stdout carries nothing but the answer
    for name in modules:
        importlib.import_module(name)
    os.write(answer_fd, protocol.READY)  # the imports are done: the job's deadline starts when it is sent, not before
    try:
        header, blobs = protocol.read(sys.stdin.buffer, max_bytes=MAX_JOB_BYTES)
    except protocol.FrameError:
        return 0  # the serving process went away (or changed its mind): nothing to do
    try:
        prepare(header)
    except (OSError, ValueError, KeyError, TypeError) as error:  # no job runs unlimited (or unprepared)
        answer = protocol.encode({"error": {"code": "internal", "message": f"no limits could be set: {error}"}})
    else:
        answer = run_job(header, blobs)
    with os.fdopen(answer_fd, "wb") as out:
        for part in answer:
            out.write(part)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
