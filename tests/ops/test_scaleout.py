"""Two cowork processes sharing one Redis (Flask-SocketIO's message queue and our shared state) and one database,
with real python-socketio clients over websockets: rooms, sequence numbers, votes, presence, a killed process,
restricted events, removal and the timer all hold across processes."""

from __future__ import annotations

import random
import threading
import uuid

import pytest
import redis
import requests
import socketio

from ..conftest import BACKENDS, fresh_database_url
from ..servers import NginxServer, RedisServer
from ..support import (
    LAWN,
    PATH,
    TREE,
    LiveClient,
    ServerProcess,
    create_workshop,
    join,
    wait_until,
)

# Short, so that a killed process's tablets leave the presence list within the test's patience.
PRESENCE_TIMEOUT_S = 2.0


class Cluster:
    """redis-server and two `run.py` processes, A and B, on one database."""

    def __init__(self, folder, database_url: str):
        self.redis = RedisServer(folder / "redis")
        self.database_url = database_url
        self.folder = folder
        # The settings docs/deploy.md gives every process: one database, one Redis, one secret key.
        self.env = {
            "COWORK_MESSAGE_QUEUE": self.redis.url,
            "COWORK_SECRET_KEY": "one-key-for-every-process",
            "COWORK_PRESENCE_TIMEOUT_S": str(PRESENCE_TIMEOUT_S),
        }
        self.clients: list[LiveClient] = []
        # The first process creates the schema; the second starts once it answers (docs/deploy.md).
        self.nodes = {"A": self._start()}
        self.nodes["B"] = self._start()

    def _start(self) -> ServerProcess:
        return ServerProcess(self.database_url, instance=self.folder, env=self.env)

    @property
    def a(self) -> ServerProcess:
        return self.nodes["A"]

    @property
    def b(self) -> ServerProcess:
        return self.nodes["B"]

    def revive(self) -> None:
        """Start again any process a test killed."""
        for name, node in self.nodes.items():
            if not node.alive():
                self.nodes[name] = self._start()

    def connect(self, node: ServerProcess, token: str) -> LiveClient:
        """A tablet or console connected to one process."""
        live = LiveClient(node.base, token)
        self.clients.append(live)
        return live.connect()

    def close_clients(self) -> None:
        """Disconnect every client at once (each close may wait for its handshake)."""
        closers = [threading.Thread(target=live.disconnect) for live in self.clients]
        for closer in closers:
            closer.start()
        for closer in closers:
            closer.join(10)
        self.clients.clear()

    def stop(self) -> None:
        self.close_clients()
        for node in self.nodes.values():
            node.stop()
        self.redis.stop()


@pytest.fixture(scope="module", params=BACKENDS)
def cluster(request, tmp_path_factory):
    """One cluster per database backend for the whole module (starting processes is the slow part)."""
    folder = tmp_path_factory.mktemp(f"cluster-{request.param}")
    running = Cluster(folder, fresh_database_url(request.param, folder))
    yield running
    running.stop()


@pytest.fixture
def nodes(cluster) -> Cluster:
    """The cluster with both processes running; the test's clients are closed after it."""
    cluster.revive()
    yield cluster
    cluster.close_clients()


def new_id() -> str:
    return str(uuid.uuid4())


def design_of(live: LiveClient, title: str) -> str:
    ack = live.call("design:create", {"id": new_id(), "title": title})
    assert ack["ok"], ack
    return ack["design"]["id"]


def element(design_id: str, kind: str = "tree", geometry: dict = TREE) -> dict:
    return {"id": new_id(), "design_id": design_id, "kind": kind, "geometry": geometry}


def current_seq(base: str, workshop_id: str) -> int:
    return requests.get(f"{base}/api/workshops/{workshop_id}", timeout=5).json()["seq"]


def assert_every_seq_once(clients: list[LiveClient], first: int, last: int) -> None:
    """Each client got every seq of (first, last] exactly once: an event or a tick, no gap, no duplicate."""
    expected = set(range(first + 1, last + 1))
    for live in clients:
        wait_until(lambda live=live: expected <= set(live.numbered()), timeout=10)
    for live in clients:
        got = [seq for seq in live.numbered() if first < seq <= last]
        assert sorted(got) == sorted(expected), f"duplicates: {sorted({s for s in got if got.count(s) > 1})}"


def names_online(presence: dict) -> set[str]:
    return {person["name"] for person in presence["online"]}


def test_both_processes_report_healthy_with_the_queue(nodes):
    for node in (nodes.a, nodes.b):
        answer = requests.get(f"{node.base}/healthz", timeout=5)
        assert answer.status_code == 200
        assert answer.json() == {"status": "ok", "database": "ok", "message_queue": "ok"}


def test_a_process_listens_to_the_queue_before_it_answers_anyone(nodes):
    # python-socketio subscribes a process to the queue only at its first connection, and Redis drops what is
    # published before: the tablets connecting to a process that had just started missed their first events.
    nodes.b.kill()
    nodes.revive()  # a new B, answering HTTP, with no connection yet
    queue = redis.Redis.from_url(nodes.redis.url)
    assert queue.pubsub_numsub("flask-socketio") == [(b"flask-socketio", 2)]
    queue.close()


def test_a_facilitator_session_opened_on_a_opens_pages_on_b(nodes):
    workshop = create_workshop(nodes.a.base)
    browser = requests.Session()
    opened = browser.post(
        f"{nodes.a.base}/api/session", headers={"Authorization": f"Bearer {workshop['facilitator_token']}"}
    )
    assert opened.status_code == 200
    # The results before the workshop closes are the facilitator's only: B accepts A's cookie (one secret key).
    assert browser.get(f"{nodes.b.base}/w/{workshop['id']}/results", timeout=10).status_code == 200
    assert requests.get(f"{nodes.b.base}/w/{workshop['id']}/results", timeout=10).status_code == 403


def test_an_edit_through_b_reaches_a_tablet_on_a_at_once(nodes):
    workshop = create_workshop(nodes.a.base)
    alice, bob = join(nodes.b.base, workshop["join_code"], "Alice"), join(nodes.a.base, workshop["join_code"], "Bob")
    on_a, on_b = nodes.connect(nodes.a, bob["token"]), nodes.connect(nodes.b, alice["token"])
    design = design_of(on_b, "River walk")
    on_a.wait_for("design:created", lambda d: d["design"]["id"] == design)
    ack = on_b.call("element:add", element(design, "path", PATH))
    # Pushed at once (a tablet that missed it would only catch up on its next sync).
    seen = on_a.wait_for("element:added", lambda d: d["seq"] == ack["seq"], timeout=3)
    assert seen["element"] == ack["element"]
    # And back: what A accepts reaches B.
    assert on_a.call("design:join", {"design_id": design})["ok"]
    back = on_a.call("element:add", element(design, "plaza", LAWN))
    assert on_b.wait_for("element:added", lambda d: d["seq"] == back["seq"], timeout=3)["element"] == back["element"]


def test_concurrent_edits_and_votes_on_both_processes_keep_seqs_gap_free_and_votes_in_budget(nodes):
    workshop = create_workshop(nodes.a.base)
    people = [join(nodes.a.base if i % 2 else nodes.b.base, workshop["join_code"], f"Resident {i}") for i in range(4)]
    facilitator = nodes.connect(nodes.a, workshop["facilitator_token"])
    # Everyone has a tablet on each process: the same person's edits and votes race each other.
    tablets = [(nodes.connect(nodes.a, p["token"]), nodes.connect(nodes.b, p["token"])) for p in people]
    everyone = [facilitator] + [t for pair in tablets for t in pair]
    for live in everyone:
        live.snapshot()
    start = current_seq(nodes.a.base, workshop["id"])
    designs = [design_of(pair[i % 2], f"Design {i}") for i, pair in enumerate(tablets)]

    acks: list[dict] = []
    barrier = threading.Barrier(len(tablets) * 2)

    def sketch(live: LiveClient, design_id: str) -> None:
        barrier.wait()
        acks.extend(live.call("element:add", element(design_id)) for _ in range(8))

    threads = [threading.Thread(target=sketch, args=(t, designs[i])) for i, pair in enumerate(tablets) for t in pair]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(acks) == 64 and all(ack["ok"] for ack in acks)
    assert len({ack["seq"] for ack in acks}) == 64

    # Budget 3 dots, 1 per design; each person's two tablets try every design at once: exactly 3 may pass.
    assert facilitator.call("settings:update", {"votes_per_participant": 3, "max_votes_per_design": 1})["ok"]
    assert facilitator.call("phase:set", {"phase": "voting"})["ok"]
    votes: dict[int, list[dict]] = {i: [] for i in range(len(people))}
    barrier = threading.Barrier(len(tablets) * 2)

    def vote(person: int, live: LiveClient) -> None:
        live.wait_for("snapshot", lambda s: s["phase"] == "voting")
        order = random.sample(designs, len(designs))
        barrier.wait()
        votes[person].extend(live.call("vote:cast", {"design_id": d}) for d in order)

    threads = [threading.Thread(target=vote, args=(i, t)) for i, pair in enumerate(tablets) for t in pair]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for answers in votes.values():
        accepted = [a for a in answers if a["ok"]]
        assert len(answers) == 8 and len(accepted) == 3, answers
        assert {a["error"]["code"] for a in answers if not a["ok"]} == {"vote_limit"}
        assert min(a["votes_left"] for a in accepted) == 0
    tallies = nodes.connect(nodes.b, workshop["facilitator_token"]).snapshot()["votes"]["tallies"]
    assert sum(tallies.values()) == 12 and max(tallies.values()) <= 4

    last = current_seq(nodes.b.base, workshop["id"])
    # 12 dots, and for each of the 4 voters' first dot the facilitator's list of who has voted (voters:updated).
    assert last == start + 4 + 64 + 2 + 12 + 4
    assert_every_seq_once(everyone, start, last)


def test_the_facilitator_on_a_sees_the_tablets_on_b(nodes):
    workshop = create_workshop(nodes.a.base)
    facilitator = nodes.connect(nodes.a, workshop["facilitator_token"])
    facilitator.wait_for("presence")
    before = len(facilitator.received("presence"))
    people = [join(nodes.b.base, workshop["join_code"], f"Tablet {i}") for i in range(10)]
    tablets = [nodes.connect(nodes.b if i < 5 else nodes.a, p["token"]) for i, p in enumerate(people)]
    expected = {"Facilitator"} | {f"Tablet {i}" for i in range(10)}
    facilitator.wait_for("presence", lambda p: names_online(p) == expected, timeout=10)
    # Ten connections on two processes, coalesced into a handful of messages.
    assert len(facilitator.received("presence")) - before <= 6
    design = design_of(tablets[0], "Here")
    assert tablets[0].call("presence:design", {"design_id": design})["ok"]
    facilitator.wait_for("presence", lambda p: any(o["design_id"] == design for o in p["online"]))
    seen = len(facilitator.received("presence"))
    tablets[1].disconnect()
    facilitator.wait_for("presence", lambda p: names_online(p) == expected - {"Tablet 1"}, after=seen)
    # A console opened on B sees the same list, its own A side included.
    second_console = nodes.connect(nodes.b, workshop["facilitator_token"])
    assert names_online(second_console.snapshot()["presence"]) == expected - {"Tablet 1"}


def test_private_sketching_across_processes(nodes):
    workshop = create_workshop(nodes.a.base)
    alice, bob = (join(nodes.a.base, workshop["join_code"], name) for name in ("Alice", "Bob"))
    facilitator = nodes.connect(nodes.a, workshop["facilitator_token"])
    assert facilitator.call("settings:update", {"private_sketching": True})["ok"]
    alice_a, alice_b = nodes.connect(nodes.a, alice["token"]), nodes.connect(nodes.b, alice["token"])
    bob_b = nodes.connect(nodes.b, bob["token"])
    everyone = [facilitator, alice_a, alice_b, bob_b]
    for live in everyone:
        live.snapshot()
    start = current_seq(nodes.a.base, workshop["id"])

    mine = design_of(alice_a, "Alice's secret garden")
    added = alice_b.call("element:add", element(mine))
    theirs = design_of(bob_b, "Bob's plan")
    # A later event for everyone, sent after the private ones: once it has arrived, they all have.
    later = facilitator.call("settings:update", {"votes_per_participant": 5})
    assert_every_seq_once(everyone, start, later["seq"])

    def kinds(live: LiveClient) -> dict[int, str]:
        return {
            data["seq"]: name
            for name, data in live.events
            if isinstance(data, dict) and "seq" in data and name != "snapshot"
        }

    assert kinds(alice_b)[added["seq"] - 1] == "design:created" and kinds(alice_a)[added["seq"]] == "element:added"
    assert kinds(bob_b)[added["seq"] - 1] == kinds(bob_b)[added["seq"]] == "seq"
    assert kinds(alice_a)[added["seq"] + 1] == kinds(alice_b)[added["seq"] + 1] == "seq"
    assert kinds(facilitator)[added["seq"]] == "element:added"
    assert not [d for d in bob_b.received("design:created") if d["design"]["id"] == mine]
    # "Reveal all" sends fresh snapshots, to the sockets of both processes.
    assert facilitator.call("settings:update", {"revealed": True})["ok"]
    shown = bob_b.wait_for("snapshot", lambda s: any(d["id"] == mine for d in s["designs"]))
    assert {d["id"] for d in shown["designs"]} == {mine, theirs}
    assert any(e["id"] == added["element"]["id"] for e in shown["elements"])


def test_removing_a_participant_on_a_closes_their_sockets_on_b(nodes):
    workshop = create_workshop(nodes.a.base)
    alice, bob = (join(nodes.b.base, workshop["join_code"], name) for name in ("Alice", "Bob"))
    facilitator = nodes.connect(nodes.a, workshop["facilitator_token"])
    alice_b, alice_a = nodes.connect(nodes.b, alice["token"]), nodes.connect(nodes.a, alice["token"])
    bob_b = nodes.connect(nodes.b, bob["token"])
    facilitator.wait_for("presence", lambda p: {"Alice", "Bob"} <= names_online(p))
    seen = len(facilitator.received("presence"))
    assert facilitator.call("participant:remove", {"participant_id": alice["participant_id"]})["ok"]
    wait_until(lambda: not alice_b.sio.connected and not alice_a.sio.connected)
    bob_b.wait_for("participant:removed", lambda d: d["participant_id"] == alice["participant_id"])
    facilitator.wait_for("presence", lambda p: names_online(p) == {"Facilitator", "Bob"}, after=seen)
    for node in (nodes.a, nodes.b):
        again = LiveClient(node.base, alice["token"])
        with pytest.raises(socketio.exceptions.ConnectionError):
            again.connect()
        assert again.refusals == [{"message": "unauthorized"}]


def test_nginx_with_the_documented_config_keeps_each_session_on_its_process(nodes, tmp_path):
    proxy = NginxServer(tmp_path / "nginx", [nodes.a.port, nodes.b.port])
    try:
        assert requests.get(f"{proxy.base}/healthz", timeout=5).json()["status"] == "ok"
        workshop = create_workshop(proxy.base)
        alice, bob, carol, dave = (
            join(proxy.base, workshop["join_code"], n) for n in ("Alice", "Bob", "Carol", "Dave")
        )
        # Long-polling only: each poll is a new request, which must reach the process holding the session.
        polling = socketio.Client(reconnection=False)
        polling.connect(proxy.base, auth={"token": alice["token"]}, transports=["polling"], wait_timeout=5)
        through_proxy = LiveClient(proxy.base, bob["token"]).connect()  # a websocket through nginx
        # Whichever process nginx chose, one of these is on the other.
        direct = [nodes.connect(nodes.a, carol["token"]), nodes.connect(nodes.b, dave["token"])]
        design = polling.call("design:create", {"id": new_id(), "title": "Through the proxy"}, timeout=10)["design"][
            "id"
        ]
        acks = [polling.call("element:add", element(design), timeout=10) for _ in range(3)]
        assert all(ack["ok"] for ack in acks)
        for live in [through_proxy, *direct]:
            live.wait_for("element:added", lambda d: d["seq"] == acks[-1]["seq"])
        polling.disconnect()
    finally:
        proxy.stop()
    log = proxy.access_log.read_text(encoding="utf-8")
    assert "POST /api/join" in log and "GET /socket.io/" in log
    assert "?" not in log and all(p["token"] not in log for p in (alice, bob, carol, dave))


def test_the_timer_expires_once_even_when_the_process_that_set_it_is_gone(nodes):
    workshop = create_workshop(nodes.a.base)
    alice = join(nodes.a.base, workshop["join_code"], "Alice")
    console_a, console_b = (nodes.connect(node, workshop["facilitator_token"]) for node in (nodes.a, nodes.b))
    tablet = nodes.connect(nodes.b, alice["token"])
    first = console_a.call("timer:set", {"seconds": 1})["ends_at"]
    for console in (console_a, console_b):
        console.wait_for("timer:expired", lambda d: d["ends_at"] == first)
    # A second countdown, set once the first has been told: by its end, a second copy of the first would be here.
    second = console_b.call("timer:set", {"seconds": 1})["ends_at"]
    for console in (console_a, console_b):
        console.wait_for("timer:expired", lambda d: d["ends_at"] == second)
        assert [d["ends_at"] for d in console.received("timer:expired")] == [first, second]
    # A countdown set through B, then B dies: A still tells the facilitator, once.
    third = console_b.call("timer:set", {"seconds": 1})["ends_at"]
    nodes.b.kill()
    console_a.wait_for("timer:expired", lambda d: d["ends_at"] == third)
    fourth = console_a.call("timer:set", {"seconds": 1})["ends_at"]
    console_a.wait_for("timer:expired", lambda d: d["ends_at"] == fourth)
    assert [d["ends_at"] for d in console_a.received("timer:expired")] == [first, second, third, fourth]
    assert tablet.received("timer:expired") == []


def test_a_tablet_whose_process_is_killed_reconnects_to_the_other_and_catches_up(nodes):
    workshop = create_workshop(nodes.a.base)
    alice, bob = (join(nodes.a.base, workshop["join_code"], name) for name in ("Alice", "Bob"))
    facilitator = nodes.connect(nodes.a, workshop["facilitator_token"])
    bob_a, alice_b = nodes.connect(nodes.a, bob["token"]), nodes.connect(nodes.b, alice["token"])
    design = design_of(alice_b, "Alice's walk")
    unacked = element(design, "path", PATH)
    acked = [alice_b.call("element:add", element(design)) for _ in range(2)] + [alice_b.call("element:add", unacked)]
    assert all(ack["ok"] for ack in acked)
    seen_before = current_seq(nodes.a.base, workshop["id"])
    wait_until(lambda: max(alice_b.numbered(), default=0) == seen_before)
    facilitator.wait_for("presence", lambda p: "Alice" in names_online(p))

    seen = len(facilitator.received("presence"))
    nodes.b.kill()
    # Her socket died with its process: the facilitator's list forgets her within the timeout.
    facilitator.wait_for(
        "presence", lambda p: "Alice" not in names_online(p), timeout=PRESENCE_TIMEOUT_S + 5, after=seen
    )
    seen = len(facilitator.received("presence"))
    # Work goes on through A meanwhile.
    mine = design_of(bob_a, "Bob's square")
    missed = [bob_a.call("element:add", element(mine)) for _ in range(3)]
    assert all(ack["ok"] for ack in missed)

    alice_a = nodes.connect(nodes.a, alice["token"])
    # Her tablet never saw the last ack: it sends that op again, which is acknowledged as it was, not doubled.
    again = alice_a.call("element:add", unacked)
    assert again["ok"] and again["seq"] == acked[-1]["seq"] and again["element"] == acked[-1]["element"]
    caught_up = alice_a.call("sync", {"since": seen_before})
    assert [event["seq"] for event in caught_up["events"]] == list(range(seen_before + 1, caught_up["seq"] + 1))
    added = [event["data"]["element"]["id"] for event in caught_up["events"] if event["type"] == "element:added"]
    assert added == [ack["element"]["id"] for ack in missed]
    assert caught_up["seq"] == current_seq(nodes.a.base, workshop["id"]) == missed[-1]["seq"]
    facilitator.wait_for("presence", lambda p: "Alice" in names_online(p), after=seen)


def test_wrong_guesses_count_together_on_every_process(nodes):
    # Recovery codes, not join codes: the other tests of this cluster join from the same address.
    tries = [
        requests.post(f"{node.base}/api/supervision/recover", json={"code": f"GUESS{i:04d}"}, timeout=5).status_code
        for i in range(5)
        for node in (nodes.a, nodes.b)
    ]
    assert tries == [404] * 10
    over = requests.post(f"{nodes.a.base}/api/supervision/recover", json={"code": "GUESS9999"}, timeout=5)
    assert over.status_code == 429 and over.json()["error"]["code"] == "rate_limited"
