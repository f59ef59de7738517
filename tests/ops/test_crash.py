"""kill -9 in the middle of a burst of edits from 20 tablets, then a restart on the same database: every
acknowledged edit is there once, resent edits make no duplicates, the log has no gap, the file is sound."""

from __future__ import annotations

import functools
import threading
import time
import uuid

import pytest
from sqlalchemy import create_engine, text

from ..conftest import BACKENDS, fresh_database_url
from ..support import TREE, LiveClient, ServerProcess, create_workshop, in_threads, join, stored_edits, wait_until

TABLETS = 20
EDITS_EACH = 10


class Tablet:
    """One participant's device: its design, the element ids it will add (its journal) and the acks it got."""

    def __init__(self, base: str, joined: dict):
        self.token = joined["token"]
        self.live = LiveClient(base, self.token).connect()
        self.design_id = self.live.call("design:create", {"id": str(uuid.uuid4()), "title": joined["name"]})["design"][
            "id"
        ]
        self.journal = [str(uuid.uuid4()) for _ in range(EDITS_EACH)]
        self.acked: dict[str, int] = {}

    def add(self, element_id: str, timeout: float = 10) -> dict:
        """Send one element:add of the journal and wait for its ack."""
        return self.live.call(
            "element:add",
            {"id": element_id, "design_id": self.design_id, "kind": "tree", "geometry": TREE},
            timeout=timeout,
        )

    def burst(self, killed: threading.Event) -> None:
        """Send the journal in order, recording each acknowledged edit, until the server is killed."""
        for element_id in self.journal:
            try:
                # A short wait: after the kill no ack comes, and an edit that timed out is just unacknowledged.
                ack = self.add(element_id, timeout=2)
            except Exception:  # no ack: the server was killed, or is slow, and the edit waits
                if killed.is_set():
                    return
                continue
            if ack.get("ok"):
                self.acked[element_id] = ack["seq"]

    def resend(self, base: str) -> None:
        """Reconnect and send what is left of the journal: every unacknowledged edit (some of which the server had
        committed, its ack lost in the crash) and, as if its ack had been lost too, the last acknowledged one."""
        self.live = LiveClient(base, self.token).connect()
        acked = [element_id for element_id in self.journal if element_id in self.acked]
        again = acked[-1:] + [element_id for element_id in self.journal if element_id not in self.acked]
        self.answers = {element_id: self.add(element_id) for element_id in again}
        self.live.disconnect()


@pytest.mark.parametrize("backend", BACKENDS)
def test_acknowledged_edits_survive_kill_9_and_resends_make_no_duplicates(backend, tmp_path):
    url = fresh_database_url(backend, tmp_path)
    first = ServerProcess(url, instance=tmp_path)
    tablets: list[Tablet] = []
    try:
        workshop = create_workshop(first.base)
        tablets = [Tablet(first.base, join(first.base, workshop["join_code"], f"Tablet {n}")) for n in range(TABLETS)]
        killed = threading.Event()
        threads = in_threads([functools.partial(tablet.burst, killed) for tablet in tablets])
        # Well into the burst, before its end: a crash with edits on the wire.
        wait_until(lambda: sum(len(t.acked) for t in tablets) >= TABLETS * EDITS_EACH // 3, timeout=30)
        killed.set()
        first.kill()
        for thread in threads:
            thread.join(15)
    finally:
        if first.alive():
            first.kill()
    acked = {element_id: seq for tablet in tablets for element_id, seq in tablet.acked.items()}
    assert TABLETS * EDITS_EACH // 3 <= len(acked) < TABLETS * EDITS_EACH, "the kill did not land inside the burst"

    assert set(acked) <= set(stored_edits(url)["elements"])  # every acknowledged edit was committed

    restarting = time.monotonic()
    second = ServerProcess(url, instance=tmp_path)
    print(
        f"acked before the kill {len(acked)} of {TABLETS * EDITS_EACH}, restarted in "
        f"{time.monotonic() - restarting:.1f} s"
    )
    try:
        for thread in in_threads([functools.partial(tablet.resend, second.base) for tablet in tablets]):
            thread.join(30)
    finally:
        second.stop()
    answers = {element_id: ack for tablet in tablets for element_id, ack in getattr(tablet, "answers", {}).items()}
    assert set(answers) >= {e for t in tablets for e in t.journal} - set(acked)
    assert all(ack["ok"] for ack in answers.values())
    resent_acked = {element_id: answers[element_id]["seq"] for element_id in set(answers) & set(acked)}
    assert resent_acked and all(acked[element_id] == seq for element_id, seq in resent_acked.items())

    engine = create_engine(url)
    with engine.connect() as connection:
        final_seq = connection.execute(text("SELECT seq FROM workshops")).scalar_one()
        integrity = connection.exec_driver_sql("PRAGMA integrity_check").scalar_one() if backend == "sqlite" else "ok"
    engine.dispose()
    stored = stored_edits(url)
    assert stored["elements"] == sorted(e for t in tablets for e in t.journal)  # each edit once, none lost
    assert stored["added"] == TABLETS * EDITS_EACH  # one logged event per edit, however often it was sent
    assert stored["seqs"] == list(range(1, TABLETS + TABLETS * EDITS_EACH + 1)) == list(range(1, final_seq + 1))
    assert integrity == "ok"
