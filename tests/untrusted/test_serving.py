"""The production server (gunicorn, gevent) while a costly file is read: it answers everyone else meanwhile,
since the file is read in a worker process, and the worker past its limit is answered with what it exceeded."""

from __future__ import annotations

import threading
from pathlib import Path

import requests

from ..support import ServerProcess, wait_until
from .files import big_site_file


def descends_from(pid: int, ancestor: int) -> bool:
    """Whether the process is the ancestor's child, grandchild, ..."""
    while pid > 1:
        try:
            pid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            return False
        if pid == ancestor:
            return True
    return False


def busy_worker(server: ServerProcess) -> int | None:
    """The pid of the server's worker that has been given its job (it has put a CPU limit on itself), if any."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if b"cowork.untrusted.worker" not in (entry / "cmdline").read_bytes():
                continue
            limits = (entry / "limits").read_text()
        except OSError:
            continue
        cpu = next(line for line in limits.splitlines() if line.startswith("Max cpu time"))
        if "unlimited" not in cpu and descends_from(int(entry.name), server.process.pid):
            return int(entry.name)
    return None


def test_the_server_answers_while_a_costly_site_file_is_read_and_then_refuses_it(tmp_path):
    # 1.3 million positions (32 MB): GDAL alone needs over 2 s of CPU to read them; the worker may use 1.
    data = big_site_file(1_300_000)
    server = ServerProcess(
        f"sqlite:///{tmp_path / 'cowork.db'}",
        instance=tmp_path,
        env={"COWORK_MAX_SITE_FILE_BYTES": str(64 << 20), "COWORK_UNTRUSTED_CPU_SECONDS": "1"},
    )
    answers: list[requests.Response] = []
    try:
        upload = threading.Thread(
            target=lambda: answers.append(
                requests.post(f"{server.base}/api/sites/parse", files={"file": ("ponds.geojson", data)}, timeout=60)
            )
        )
        upload.start()
        wait_until(lambda: busy_worker(server), timeout=30)
        health = requests.get(f"{server.base}/healthz", timeout=5)
        reading = upload.is_alive()
        upload.join(60)
        assert health.status_code == 200
        assert reading, "the server answered /healthz only once the file was read"
        assert answers[0].status_code == 422
        assert answers[0].json() == {
            "error": {
                "code": "too_costly",
                "message": "Reading the file needed more than 1 s of CPU time, the most one file may take.",
            },
            "exceeded": "cpu_seconds",
            "limit": 1.0,
        }
        assert requests.get(f"{server.base}/healthz", timeout=5).status_code == 200
    finally:
        server.stop()
