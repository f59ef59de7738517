"""The city GeoPackage leaves the serving process: written by a worker process (its pid not the server's), kept
until the data changes, written once for every request that asks meanwhile, answered `unavailable` past the
request's deadline while the writing goes on; with Redis, by `run.py worker` for every server; and the tablets of
a gevent server keep their answers while a city of thousands of features is written."""

from __future__ import annotations

import json
import logging
import os
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest
import redis
import requests
from rq import Worker

from cowork import create_app
from cowork.archive.payloads import ArchiveIn
from cowork.config import TestConfig
from cowork.opendata.export import file_name
from cowork.opendata.store import versions
from cowork.workshop.payloads import DesignCreate, ElementAdd, Join, PhaseSet, WorkshopCreate

from ..conftest import BACKENDS, fresh_database_url
from ..servers import RedisServer
from ..support import PARK, LiveClient, ServerProcess, create_workshop, join, read_geopackage, wait_until

CITY = "/api/city/export.gpkg"


def tree(index: int) -> dict:
    """The index-th of a grid of trees over the park, clear of its hole."""
    return {"type": "Point", "coordinates": [76.9516 + (index % 50) * 0.00004, 43.2599 + (index // 50) * 6e-6]}


def closed_workshop(cowork, title: str, trees: int) -> tuple[str, Any]:
    """A workshop closed with one design of `trees` trees spread over the park (all published); its id and its
    facilitator."""
    created = cowork.workshops.create(WorkshopCreate(title, f"{title} site", PARK))
    facilitator = cowork.access.participant(created["facilitator_token"])
    author = cowork.access.participant(cowork.workshops.join(Join(created["join_code"], "Aru"))["token"])
    design = cowork.sketches.create_design(author, DesignCreate("Trees", str(uuid.uuid4()))).reply["design"]["id"]
    for index in range(trees):
        cowork.sketches.add_element(author, ElementAdd(str(uuid.uuid4()), design, "tree", tree(index), ""))
    cowork.facilitation.set_phase(facilitator, PhaseSet("voting"))
    cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))
    return created["id"], facilitator


def big_workshop(cowork, folder: Path, trees: int) -> None:
    """A closed workshop of `trees` trees, imported in one transaction (its archive made from a one-tree workshop
    of a throwaway instance, the tree copied): adding thousands one by one would take minutes on PostgreSQL."""
    seed = create_app(TestConfig(DATABASE_URL=f"sqlite:///{folder / 'seed.db'}", INSTANCE_DIR=str(folder)))
    try:
        seeded = seed.extensions["cowork"]
        workshop_id, facilitator = closed_workshop(seeded, "Big", 1)
        archive = seeded.archive.export(workshop_id, facilitator)
    finally:
        seed.extensions["cowork"].db.dispose()
    (one,) = archive["elements"]
    archive["elements"] = [{**one, "id": str(uuid.uuid4()), "geometry": tree(i)} for i in range(trees)]
    cowork.archive.import_archive(ArchiveIn.parse(json.loads(json.dumps(archive))))


def builds(caplog) -> list[dict]:
    """The facts of every job that wrote a city GeoPackage in this test process's servers (their log)."""
    return [
        record.args[2]
        for record in caplog.records
        if record.name == "cowork.jobs" and record.msg.startswith("job ") and record.args[2].get("built")
    ]


def sketches_in(body: bytes) -> int:
    return len(read_geopackage(body)["sketches"])


def kept_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob("city-*.gpkg"))


@pytest.fixture
def exports(settings) -> Path:
    return Path(settings.INSTANCE_DIR) / "exports"


def test_written_by_a_worker_process_and_kept_until_the_data_changes(server, cowork, caplog, exports):
    caplog.set_level(logging.INFO, logger="cowork.jobs")
    closed_workshop(cowork, "First", 3)
    first = requests.get(server + CITY, timeout=60)
    assert first.status_code == 200 and sketches_in(first.content) == 3
    (built,) = builds(caplog)
    assert built["pid"] != os.getpid()  # another process wrote it: the serving process only waited
    with cowork.db.read() as session:
        assert kept_files(exports) == [built["file"]] == [file_name(versions(session))]

    again = requests.get(server + CITY, timeout=60)
    assert again.content == first.content and len(builds(caplog)) == 1  # kept: served as it is

    closed_workshop(cowork, "Second", 2)  # the sketches' version moves: the kept file is no longer the city
    changed = requests.get(server + CITY, timeout=60)
    assert changed.status_code == 200 and sketches_in(changed.content) == 5
    assert len(builds(caplog)) == 2
    assert kept_files(exports) == [builds(caplog)[-1]["file"]]  # the older file removed


def test_a_request_past_its_deadline_is_unavailable_and_the_writing_goes_on(server, cowork, settings, caplog):
    caplog.set_level(logging.INFO, logger="cowork.jobs")
    closed_workshop(cowork, "Only", 2)
    settings.EXPORT_WAIT_SECONDS = 0  # no waiting at all: the job is never done when it was just started
    refused = requests.get(server + CITY, timeout=60)
    assert refused.status_code == 503 and refused.json()["error"]["code"] == "unavailable"
    assert int(refused.headers["Retry-After"]) >= 1
    assert builds(caplog) == []
    # Asked again with no patience at all, until the job that went on has kept its file.
    served = wait_until(
        lambda: (r := requests.get(server + CITY, timeout=60)).status_code == 200 and r, timeout=60, interval=0.25
    )
    assert sketches_in(served.content) == 2 and len(builds(caplog)) == 1


def test_requests_meanwhile_share_one_writing(server, cowork, settings, caplog, exports):
    caplog.set_level(logging.INFO, logger="cowork.jobs")
    closed_workshop(cowork, "Shared", 2)
    settings.EXPORT_WAIT_SECONDS = 0
    assert requests.get(server + CITY, timeout=60).status_code == 503  # the job started, and is running
    settings.EXPORT_WAIT_SECONDS = 60
    answers: list[requests.Response] = []
    askers = [
        threading.Thread(target=lambda: answers.append(requests.get(server + CITY, timeout=60))) for _ in range(6)
    ]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join(60)
    assert [a.status_code for a in answers] == [200] * 6
    assert len({a.content for a in answers}) == 1
    assert len(builds(caplog)) == 1 and len(kept_files(exports)) == 1


def test_with_redis_but_no_worker_running_the_server_writes_it_itself(server, cowork, settings, caplog, tmp_path):
    caplog.set_level(logging.INFO, logger="cowork.jobs")
    queue = RedisServer(tmp_path / "redis")
    try:
        settings.MESSAGE_QUEUE = queue.url  # as a deployment with Redis that has not started `run.py worker` yet
        closed_workshop(cowork, "Unqueued", 2)
        answer = requests.get(server + CITY, timeout=60)
        assert answer.status_code == 200 and sketches_in(answer.content) == 2
        (built,) = builds(caplog)
        assert built["pid"] != os.getpid()
    finally:
        queue.stop()


@pytest.mark.parametrize("backend", BACKENDS)
def test_with_redis_two_servers_share_one_job_of_the_rq_worker(backend, tmp_path):
    queue = RedisServer(tmp_path / "redis")
    url = fresh_database_url(backend, tmp_path)
    env = {"COWORK_MESSAGE_QUEUE": queue.url, "COWORK_SECRET_KEY": "one-key", "COWORK_EXPORT_DIR": str(tmp_path / "x")}
    processes = [ServerProcess(url, instance=tmp_path, env=env)]
    processes.append(ServerProcess(url, instance=tmp_path, env=env))
    processes.append(ServerProcess(url, "worker", instance=tmp_path, env=env, wait=False))
    a, b, worker = processes
    app = create_app(TestConfig(DATABASE_URL=url, INSTANCE_DIR=str(tmp_path / "tests")))
    try:
        connection = redis.Redis.from_url(queue.url)
        wait_until(lambda: Worker.all(connection=connection), timeout=30, interval=0.1)
        closed_workshop(app.extensions["cowork"], "Queued", 4)
        answers: dict[str, requests.Response] = {}
        askers = [
            threading.Thread(
                target=lambda n=n, base=s.base: answers.__setitem__(n, requests.get(base + CITY, timeout=60))
            )
            for n, s in enumerate((a, b, a, b))
        ]
        for asker in askers:
            asker.start()
        for asker in askers:
            asker.join(60)
        assert [answers[n].status_code for n in range(4)] == [200] * 4
        assert len({answer.content for answer in answers.values()}) == 1 and sketches_in(answers[0].content) == 4
        assert requests.get(a.base + CITY, timeout=60).content == answers[0].content  # kept
        wait_until(lambda: "Job OK" in worker.output(), timeout=10)
        assert worker.output().count("Job OK") == 1  # one job for the four requests and the fifth
        assert all("done in worker process" not in server.output() for server in (a, b))  # no local worker
        assert len(list((tmp_path / "x").glob("city-*.gpkg"))) == 1
    finally:
        app.extensions["cowork"].db.dispose()
        for process in processes:
            process.stop()
        queue.stop()


@pytest.mark.parametrize("backend", BACKENDS)
def test_live_tablets_keep_answering_while_a_city_is_written(backend, tmp_path):
    url = fresh_database_url(backend, tmp_path)
    server = ServerProcess(url, instance=tmp_path)  # gunicorn's gevent worker, as deployed
    app = create_app(TestConfig(DATABASE_URL=url, INSTANCE_DIR=str(tmp_path / "tests")))
    live = None
    try:
        big_workshop(app.extensions["cowork"], tmp_path / "seed", 4000)
        running = create_workshop(server.base)
        live = LiveClient(server.base, join(server.base, running["join_code"], "Tablet")["token"]).connect()
        exports = tmp_path / "exports"
        export: list[requests.Response] = []
        asker = threading.Thread(target=lambda: export.append(requests.get(server.base + CITY, timeout=120)))
        asker.start()
        wait_until(lambda: any(exports.glob(".city-*.part.gpkg")), timeout=60)  # the worker is writing the file
        ack = live.call("design:create", {"id": str(uuid.uuid4()), "title": "While it writes"})
        still_writing = not export and not any(exports.glob("city-*.gpkg"))
        assert ack["ok"], ack
        assert still_writing  # the tablet's answer came while the city was being written, not after
        asker.join(120)
        assert export[0].status_code == 200 and sketches_in(export[0].content) == 4000
    finally:
        if live is not None:
            live.disconnect()
        app.extensions["cowork"].db.dispose()
        server.stop()
