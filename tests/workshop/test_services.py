"""The domain services on a real SQLite file: one transaction per change, a gap-free log, nothing half-saved."""

from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import func, select

from cowork.errors import CoworkError
from cowork.models.workshop import Element, Event, Workshop
from cowork.workshop.payloads import DesignCreate, ElementAdd, ElementDelete, ElementUpdate, Join, WorkshopCreate

from ..support import IN_HOLE, LAWN, PARK, PATH, TREE


@pytest.fixture
def facilitator(cowork):
    created = cowork.workshops.create(WorkshopCreate("Park", "Panfilov Park", PARK))
    return cowork.access.participant(created["facilitator_token"])


@pytest.fixture
def design(cowork, facilitator):
    return cowork.sketches.create_design(facilitator, DesignCreate(title="Plan A")).reply["design"]


def log_of(cowork, workshop_id):
    with cowork.db.read() as session:
        return [
            (e.seq, e.type)
            for e in session.scalars(select(Event).where(Event.workshop_id == workshop_id).order_by(Event.seq))
        ]


def test_default_database_is_an_sqlite_file_with_wal_and_foreign_keys(tmp_path):
    from cowork.config import Config
    from cowork.db import Database
    from cowork.ops import migrate

    url = Config(INSTANCE_DIR=str(tmp_path), DATABASE_URL="").database_url
    assert url == f"sqlite:///{tmp_path / 'cowork.db'}"
    database = Database(url)
    migrate.upgrade(url)
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    database.dispose()
    assert (tmp_path / "cowork.db").exists()


def test_each_change_is_committed_with_its_event(cowork, facilitator, design):
    element_id = str(uuid.uuid4())
    outcome = cowork.sketches.add_element(facilitator, ElementAdd(element_id, design["id"], "green_area", LAWN, ""))
    ack, (event,) = outcome.reply, outcome.events
    assert event.name == "element:added" and event.payload() == {"element": ack["element"], "seq": ack["seq"]}
    with cowork.db.read() as session:
        assert session.get(Element, element_id).created_seq == ack["seq"]
        assert session.get(Workshop, facilitator.workshop_id).seq == ack["seq"]
    assert log_of(cowork, facilitator.workshop_id) == [(1, "design:created"), (2, "element:added")]


def test_refused_changes_leave_no_trace(cowork, facilitator, design):
    before = log_of(cowork, facilitator.workshop_id)
    bad = [
        ElementAdd(str(uuid.uuid4()), design["id"], "tree", IN_HOLE, ""),
        ElementAdd(str(uuid.uuid4()), str(uuid.uuid4()), "tree", TREE, ""),
        ElementAdd(str(uuid.uuid4()), design["id"], "path", TREE, ""),
    ]
    for request in bad:
        with pytest.raises(CoworkError):
            cowork.sketches.add_element(facilitator, request)
    with pytest.raises(CoworkError) as caught:
        cowork.sketches.update_element(facilitator, ElementUpdate(str(uuid.uuid4()), 1, note="x"))
    assert caught.value.code == "not_found"
    assert log_of(cowork, facilitator.workshop_id) == before
    with cowork.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Element)) == 0


def test_stale_update_is_refused_with_the_current_element(cowork, facilitator, design):
    element_id = str(uuid.uuid4())
    cowork.sketches.add_element(facilitator, ElementAdd(element_id, design["id"], "path", PATH, ""))
    cowork.sketches.update_element(facilitator, ElementUpdate(element_id, 1, note="first"))
    with pytest.raises(CoworkError) as caught:
        cowork.sketches.update_element(facilitator, ElementUpdate(element_id, 1, note="second"))
    assert caught.value.code == "conflict" and caught.value.http_status == 409
    assert caught.value.extra["element"]["note"] == "first" and caught.value.extra["element"]["version"] == 2


def test_deleted_elements_stay_deleted_and_keep_their_row(cowork, facilitator, design):
    element_id = str(uuid.uuid4())
    add = ElementAdd(element_id, design["id"], "tree", TREE, "")
    cowork.sketches.add_element(facilitator, add)
    ack = cowork.sketches.delete_element(facilitator, ElementDelete(element_id)).reply
    again = cowork.sketches.add_element(facilitator, add)
    assert again.events == () and again.reply["element"]["deleted"] is True
    with pytest.raises(CoworkError):
        cowork.sketches.update_element(facilitator, ElementUpdate(element_id, 1, note="back?"))
    with cowork.db.read() as session:
        assert session.get(Element, element_id).deleted_seq == ack["seq"]


def test_concurrent_service_calls_get_distinct_consecutive_seqs(cowork, facilitator, design):
    participants = [
        cowork.access.participant(cowork.workshops.join(Join(code=_code(cowork, facilitator), name=f"P{i}"))["token"])
        for i in range(4)
    ]
    designs = [cowork.sketches.create_design(p, DesignCreate(title=p.name)).reply["design"]["id"] for p in participants]
    start = log_of(cowork, facilitator.workshop_id)[-1][0]
    seqs: list[int] = []
    errors: list[BaseException] = []

    def work(identity, design_id):
        try:
            for _ in range(20):
                ack = cowork.sketches.add_element(
                    identity, ElementAdd(str(uuid.uuid4()), design_id, "tree", TREE, "")
                ).reply
                seqs.append(ack["seq"])
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=pair) for pair in zip(participants, designs, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert sorted(seqs) == list(range(start + 1, start + 81))
    assert [seq for seq, _type in log_of(cowork, facilitator.workshop_id)] == list(range(1, start + 81))


def _code(cowork, identity) -> str:
    return cowork.workshops.summary(identity.workshop_id, identity)["join_code"]
