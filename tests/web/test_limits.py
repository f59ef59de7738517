"""Limits on guessing: wrong join and recovery codes from one address are refused with 429 and Retry-After; a
hall joining with the right code never is."""

from __future__ import annotations

import logging
import threading

import requests

from ..support import create_workshop, join


def test_wrong_join_codes_are_limited_and_say_when_to_retry(server, workshop):
    answers = [
        requests.post(f"{server}/api/join", json={"code": f"WRNG{i:02d}", "name": "Guesser"}, timeout=5)
        for i in range(25)
    ]
    statuses = [a.status_code for a in answers]
    assert statuses[:20] == [404] * 20, statuses
    assert set(statuses[20:]) == {429}
    limited = answers[-1]
    assert limited.json()["error"]["code"] == "rate_limited" and limited.json()["error"]["message"]
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    # From that address even the right code waits now: the limit is on the address, not on the code.
    assert (
        requests.post(f"{server}/api/join", json={"code": workshop["join_code"], "name": "Late"}, timeout=5).status_code
        == 429
    )


def test_a_whole_hall_behind_one_address_joins_at_once(server):
    created = create_workshop(server)
    statuses: list[int] = []
    lock = threading.Lock()

    def one(i: int) -> None:
        response = requests.post(
            f"{server}/api/join", json={"code": created["join_code"], "name": f"Resident {i}"}, timeout=20
        )
        with lock:
            statuses.append(response.status_code)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert statuses == [201] * 40


def test_wrong_recovery_codes_are_limited(server):
    answers = [
        requests.post(f"{server}/api/supervision/recover", json={"code": f"WRONGCODE{i}"}, timeout=5) for i in range(12)
    ]
    statuses = [a.status_code for a in answers]
    assert statuses[:10] == [404] * 10 and set(statuses[10:]) == {429}, statuses
    assert answers[-1].json()["error"]["code"] == "rate_limited" and "Retry-After" in answers[-1].headers


def test_a_malformed_code_does_not_count_as_a_guess(server, workshop):
    # 400s (no code at all) are mistakes, not guesses; they do not use up the address's tries.
    for _ in range(30):
        assert requests.post(f"{server}/api/join", json={"name": "No code"}, timeout=5).status_code == 400
    assert join(server, workshop["join_code"], "Still welcome")["name"] == "Still welcome"


def test_an_organizer_key_guards_creating_and_importing(settings, tmp_path):
    from cowork import create_app

    from ..support import PARK

    settings.ORGANIZER_KEY = "organizers-only-3c1e"
    app = create_app(settings)
    client = app.test_client()
    body = {"title": "Park", "site_name": "Park", "boundary": PARK}
    try:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Bearer organizers-only-3c1"}):
            refused = client.post("/api/workshops", json=body, headers=headers)
            assert refused.status_code == 401 and refused.get_json()["error"]["code"] == "unauthorized"
            assert client.post("/api/workshops/import", json={"format": "x"}, headers=headers).status_code == 401
        created = client.post("/api/workshops", json=body, headers={"Authorization": "Bearer organizers-only-3c1e"})
        assert created.status_code == 201
        page = client.get("/new").get_data(as_text=True)
        assert 'id="organizer-key"' in page and "organizers-only" not in page
    finally:
        app.extensions["cowork"].db.dispose()


def test_without_an_organizer_key_anyone_may_create_and_the_server_says_so(tmp_path):
    from ..support import ServerProcess

    server = ServerProcess(f"sqlite:///{tmp_path / 'open.db'}", instance=tmp_path)
    try:
        assert create_workshop(server.base)["join_code"]
        assert "anyone who reaches this server may create workshops" in server.output()
        assert 'id="organizer-key"' not in requests.get(f"{server.base}/new", timeout=5).text
    finally:
        server.stop()


def create(client, address: str, key: str = ""):
    """POST /api/workshops from an address (as the one trusted proxy says), with the organizer key if given."""
    from ..support import PARK

    headers = {"X-Forwarded-For": address, **({"Authorization": f"Bearer {key}"} if key else {})}
    return client.post("/api/workshops", json={"title": "Park", "site_name": "Park", "boundary": PARK}, headers=headers)


def test_creating_workshops_is_limited_per_address(settings):
    from cowork import create_app

    settings.PROXY_HOPS, settings.LIMIT_WORKSHOPS = 1, "3/hour"
    app = create_app(settings)
    client = app.test_client()
    try:
        answers = [create(client, "198.51.100.7") for _ in range(4)]
        assert [a.status_code for a in answers] == [201, 201, 201, 429]
        created_id, created_token = answers[0].get_json()["id"], answers[0].get_json()["facilitator_token"]
        refused = create(client, "198.51.100.7")
        assert (
            refused.get_json()["error"]["code"] == "rate_limited"
            and "address" in refused.get_json()["error"]["message"]
        )
        assert 1 <= int(refused.headers["Retry-After"]) <= 3600
        # Importing an archive makes a workshop too: the same count refuses it.
        archive = client.get(
            f"/api/workshops/{created_id}/archive", headers={"Authorization": f"Bearer {created_token}"}
        ).get_json()
        imported = client.post("/api/workshops/import", json=archive, headers={"X-Forwarded-For": "198.51.100.7"})
        assert imported.status_code == 429 and imported.get_json()["error"]["code"] == "rate_limited"
        # Without an organizer key there is no account: another address has its own count, imports included.
        assert create(client, "198.51.100.8").status_code == 201
        again = client.post("/api/workshops/import", json=archive, headers={"X-Forwarded-For": "198.51.100.8"})
        assert again.status_code == 409  # let through by the limit, refused only because its workshop is here already
    finally:
        app.extensions["cowork"].db.dispose()


def test_creating_workshops_is_limited_per_account_from_any_address(settings, caplog):
    from cowork import create_app
    from cowork.web.limits import limiter

    caplog.set_level(logging.DEBUG)
    key = "organizers-only-7f2a"
    settings.PROXY_HOPS, settings.LIMIT_WORKSHOPS, settings.ORGANIZER_KEY = 1, "3/hour", key
    app = create_app(settings)
    client = app.test_client()
    try:
        statuses = [create(client, f"203.0.113.{i}", key).status_code for i in range(1, 5)]
        assert statuses == [201, 201, 201, 429]
        refused = create(client, "203.0.113.50", key)
        assert refused.status_code == 429 and "account" in refused.get_json()["error"]["message"]
        # A wrong key is no account: refused as before, and counted against nobody's account.
        assert create(client, "203.0.113.51", "wrong").status_code == 401
        # The counts are kept under a hash of the key, never the key (they live in Redis with several processes).
        counted = " ".join(str(name) for name in limiter.storage.events)  # type: ignore[attr-defined]
        assert "organizer-key:" in counted and key not in counted
        assert "organizer-key:" in caplog.text and key not in caplog.text  # Flask-Limiter logs each refusal's key
    finally:
        app.extensions["cowork"].db.dispose()
