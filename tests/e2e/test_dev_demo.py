"""`./dev demo` as a newcomer runs it: before each slow step (the Python packages, the demo's first start) it says
what it is doing, in a few short lines, and then the facilitator link it prints opens the demo in real Chromium."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time

import requests
from playwright.sync_api import expect

from ..support import ROOT, free_port, wait_until
from .conftest import LANDSCAPE
from .tablet import Tablet

# Newer than requirements.txt once the packages are in: made older, the next start installs them again (pip finds
# them all there already: a few seconds, no download).
STAMP = ROOT / ".venv" / ".cowork-requirements"


def test_dev_demo_says_what_it_does_before_the_slow_steps(pages, tmp_path):
    if STAMP.exists():
        os.utime(STAMP, (0, 0))
    port = free_port()
    env = {
        **os.environ,
        "COWORK_DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}",
        "COWORK_INSTANCE_DIR": str(tmp_path),
        "COWORK_TILE_URL": "",
        "PYTHONUNBUFFERED": "1",
    }
    started = time.monotonic()
    process = subprocess.Popen(
        [str(ROOT / "dev"), "demo", "--port", str(port), "--lang", "en"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: list[tuple[float, str]] = []

    def collect() -> None:
        for line in process.stdout:
            lines.append((time.monotonic() - started, line.rstrip("\n")))

    threading.Thread(target=collect, daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    tablet = None
    try:

        def serving() -> bool:
            assert process.poll() is None, "\n".join(text for _, text in lines)
            try:
                return requests.get(f"{base}/healthz", timeout=1).status_code == 200
            except requests.ConnectionError:
                return False

        wait_until(serving, timeout=240, interval=0.2)
        said = [(at, text) for at, text in lines if text.startswith("cowork: ")]
        first_at, first = lines[0]
        # The first thing it prints says what it does, at once, and the packages' step is said before it runs.
        assert first == "cowork: installing the Python packages of requirements.txt into .venv...", lines
        assert first_at < 5, lines
        starting = next(at for at, text in said if text.startswith("cowork: starting the demo"))
        assert starting >= first_at
        # Short: a line a step (the server's own log lines follow).
        assert [text.split(" (")[0].split("...")[0] for _, text in said] == [
            "cowork: installing the Python packages of requirements.txt into .venv",
            "cowork: starting the demo",
        ], said

        link = re.search(r"Facilitator link:\s+(\S+)", "\n".join(text for _, text in lines)).group(1)
        tablet = pages.new_page(LANDSCAPE)
        tablet.goto(link)
        Tablet(tablet).wait_connected()
        expect(tablet.locator("#workshop-title")).to_have_text("Panfilov Park: a shadier park for everyone")
    finally:
        if tablet is not None:
            tablet.context.close()  # before the server goes: an open page would lose its socket and say so
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(20)
