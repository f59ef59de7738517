"""docs/deploy.md shows only commands that a test or CI runs, and its systemd units start cowork the way we test."""

from __future__ import annotations

import configparser
import os
import re
import shlex
import signal
import subprocess
import threading
from pathlib import Path

import pytest
import requests

from cowork.ops.cli import _parser

from ..support import ROOT, free_port, wait_until

DEPLOY = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")

# Each documented command, by its shape, and the test (or CI step) that runs it.
RUN_BY = [
    (
        r"\./dev demo( --host 0\.0\.0\.0 --port \d+)?$",
        "tests/ops/test_deploy_doc.py::test_the_venue_command_serves_the_demo",
    ),
    (r"\./dev setup$", ".ci/run: ./dev test runs setup first"),
    (r"\./dev tls( \S+)+$", "tests/ops/test_tls.py::venue_tls"),
    (r"\./dev demo --host 0\.0\.0\.0 --port \d+ --certfile \S+ --keyfile \S+$", "tests/ops/test_tls.py::https_server"),
    (
        r"redis-server --port \d+ --bind 127\.0\.0\.1 --dir \S+ --save '' --appendonly no$",
        "tests/servers.py::RedisServer",
    ),
    (r"su postgres -c \"psql -qc .*(CREATE ROLE|CREATE DATABASE)", ".ci/run"),
    (r"su postgres -c \"psql -d \w+ -qc 'CREATE EXTENSION IF NOT EXISTS postgis'\"$", ".ci/run (in template1)"),
    (
        r"export COWORK_(DATABASE_URL|MESSAGE_QUEUE|SECRET_KEY)=\S+$",
        "tests/ops/test_scaleout.py (every process's settings)",
    ),
    (r"(\.venv/bin/)?python run\.py --host 127\.0\.0\.1 --port \d+$", "tests/support.py::ServerProcess"),
    (
        r"python run\.py db (upgrade|current)$",
        "tests/ops/test_migrations.py::test_the_db_commands_upgrade_show_the_revision_and_the_history",
    ),
    (
        r"python run\.py backup \S+$",
        "tests/ops/test_backup.py::test_backup_while_serving_and_restore_into_an_empty_instance",
    ),
    (
        r"(COWORK_\w+=\S+ )*python run\.py restore \S+$",
        "tests/ops/test_backup.py::test_backup_while_serving_and_restore_into_an_empty_instance",
    ),
]


def documented_commands() -> list[str]:
    """Every command line of the document's `sh` blocks (continuation lines joined)."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", DEPLOY, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            if line.strip():
                commands.append(re.sub(r"\s+", " ", line.strip()))
    return commands


def test_every_documented_command_is_one_a_test_or_ci_runs():
    commands = documented_commands()
    assert len(commands) > 10
    unmatched = [c for c in commands if not any(re.match(pattern, c) for pattern, _by in RUN_BY)]
    assert not unmatched, f"commands in docs/deploy.md that no test runs: {unmatched}"
    for _pattern, runner in RUN_BY:
        path = runner.split("::")[0].split(":")[0].split(" ")[0]
        assert (ROOT / path).exists(), runner
        if "::" in runner:
            assert (
                f"def {runner.split('::')[1]}" in (ROOT / path).read_text()
                or f"class {runner.split('::')[1]}" in (ROOT / path).read_text()
            )
    assert "CREATE ROLE" in CI and "CREATE DATABASE" in CI and "CREATE EXTENSION IF NOT EXISTS postgis" in CI


@pytest.mark.parametrize("unit", ["cowork.service", "cowork-backup.service"])
def test_the_systemd_units_start_cowork_as_the_tests_do(unit):
    parsed = configparser.ConfigParser(interpolation=None, strict=False)
    parsed.read_string((ROOT / "docs" / "systemd" / unit).read_text(encoding="utf-8"))
    service = parsed["Service"]
    lines = [service[key] for key in ("ExecStartPre", "ExecStart") if key in service]
    assert lines
    for line in lines:
        words = shlex.split(line)
        assert words[0].endswith("/.venv/bin/python") and words[1] == "run.py"
        args = _parser().parse_args(words[2:])  # our own command line accepts it
        documented = " ".join(["python", *words[1:]])
        assert any(re.match(pattern, documented) for pattern, _by in RUN_BY), documented
        assert args.command in (None, "db", "backup")
    timer = (ROOT / "docs" / "systemd" / "cowork-backup.timer").read_text(encoding="utf-8")
    assert "OnCalendar=" in timer and "Persistent=true" in timer


def test_the_venue_command_serves_the_demo(tmp_path):
    port = free_port()
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "COWORK_INSTANCE_DIR": str(tmp_path),
        "COWORK_TILE_URL": "",
        "PYTHONUNBUFFERED": "1",
    }
    process = subprocess.Popen(
        [str(ROOT / "dev"), "demo", "--host", "0.0.0.0", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: list[str] = []
    try:

        def ready() -> bool:
            assert process.poll() is None, "".join(lines) + (process.stdout.read() or "")
            try:
                return requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200
            except requests.ConnectionError:
                return False

        threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True).start()
        wait_until(ready, timeout=120, interval=0.2)
        output = "".join(lines)
        assert re.search(r"Join code:\s+[A-Z2-9]{6}", output) and "#token=" in output
        assert (Path(tmp_path) / "cowork.db").exists()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(20)
