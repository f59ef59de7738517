"""A worker process for trusted jobs: `python -m cowork.jobs.worker MODULE...`.

The untrusted worker's loop (untrusted/worker.py: import the modules while waiting, read one job frame from stdin,
answer on stdout, exit) with one difference of preparation: no memory or CPU limit (the job is ours, and reads as
much of the city as it is asked to, a page at a time), the lowest CPU priority instead, so that a city's export
takes the cores the serving processes leave. The job's arguments carry the database URL; the environment does not.
"""

from __future__ import annotations

import os
import resource
import sys
from typing import Any

from ..untrusted import worker
from . import NICENESS


def lower_priority(header: dict[str, Any]) -> None:
    """Give the CPU to the serving processes first; leave no core file behind."""
    os.nice(NICENESS)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


if __name__ == "__main__":
    sys.exit(worker.main(sys.argv[1:], prepare=lower_priority))
