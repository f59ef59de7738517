"""The suite runs on every core (pytest-xdist, `./dev test`): what its workers would share is theirs alone."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from .. import support
from ..conftest import POSTGRES_URL, worker_database_url

BASE = "postgresql+psycopg://cowork_ci:secret@127.0.0.1:5432/cowork_ci"


def test_each_worker_tests_on_a_postgresql_database_of_its_own():
    assert worker_database_url(BASE, "") == BASE  # one process: the database named, as ever
    names = {make_url(worker_database_url(BASE, worker)).database for worker in ("gw0", "gw1")}
    assert names == {"cowork_ci_gw0", "cowork_ci_gw1"}
    assert make_url(worker_database_url(BASE, "gw1")).password == "secret"


def test_this_process_database_exists_and_answers():
    if not POSTGRES_URL:
        assert worker_database_url("", "gw0") == ""  # no PostgreSQL given: the SQLite runs only
        return
    engine = create_engine(POSTGRES_URL)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT current_database()").scalar() == make_url(POSTGRES_URL).database
    finally:
        engine.dispose()


def test_workers_take_ports_from_blocks_apart_below_the_ephemeral_range(monkeypatch):
    ephemeral_low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    blocks = []
    for worker in ("gw0", "gw1", "gw2"):
        monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
        monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", "3")
        blocks.append(set(support._port_block()))
    assert all(len(block) > 1000 for block in blocks)
    assert not (blocks[0] & blocks[1]) and not (blocks[1] & blocks[2]) and not (blocks[0] & blocks[2])
    assert max(max(block) for block in blocks) < ephemeral_low
    taken = {support.free_port() for _ in range(20)}
    assert len(taken) == 20 and taken <= set(support.PORT_BLOCK)
