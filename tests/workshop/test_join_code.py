"""The join code reaches only the workshop's own people: no public read (summary, results, the replay log, the QR
code) gives it to whoever learned a workshop's id from a public link, also once a closed workshop is reopened."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from cowork.models.workshop import Event
from cowork.workshop.payloads import JoinCodeRotate, ParticipantRemove, PhaseSet

from ..support import create_workshop, join


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def closed(client, cowork):
    """A workshop whose code was rotated (so the log holds a `join_code:changed`), then closed; and its people."""
    created = create_workshop(client)
    facilitator = cowork.access.participant(created["facilitator_token"])
    alice, bob = join(client, created["join_code"], "Alice"), join(client, created["join_code"], "Bob")
    cowork.facilitation.remove_participant(facilitator, ParticipantRemove(bob["participant_id"]))
    code = cowork.facilitation.rotate_join_code(facilitator, JoinCodeRotate()).reply["join_code"]
    cowork.facilitation.set_phase(facilitator, PhaseSet("voting"))
    cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))
    outsider = create_workshop(client, title="Elsewhere")["facilitator_token"]
    return {
        "id": created["id"],
        "code": code,
        "facilitator": created["facilitator_token"],
        "alice": alice["token"],
        "removed": bob["token"],
        "outsider": outsider,
        "identity": facilitator,
    }


def test_the_summary_carries_the_code_only_for_the_workshops_own_tokens(client, closed):
    url = f"/api/workshops/{closed['id']}"
    for who in ("facilitator", "alice"):
        assert client.get(url, headers=bearer(closed[who])).get_json()["join_code"] == closed["code"], who
    for headers in ({}, bearer(closed["outsider"]), bearer(closed["removed"]), bearer("not-a-token")):
        answer = client.get(url, headers=headers)
        assert answer.status_code == 200 and closed["code"] not in answer.get_data(as_text=True), headers
        assert {"title", "boundary", "phase", "counts"} <= set(answer.get_json())


def test_no_public_read_of_a_closed_workshop_holds_the_code(client, closed):
    wid = closed["id"]
    for path in (
        f"/api/workshops/{wid}",
        f"/api/workshops/{wid}/results",
        f"/api/workshops/{wid}/events",
        f"/api/workshops/{wid}/export.geojson",
        f"/api/workshops/{wid}/export.csv",
        f"/w/{wid}/results",
        f"/w/{wid}/replay",
        f"/w/{wid}/projector",
        f"/w/{wid}/console",
        f"/w/{wid}",
        f"/api/workshops/{wid}/projects",
    ):
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert closed["code"] not in answer.get_data(as_text=True), path
    assert client.get(f"/w/{wid}/qr.svg").status_code == 403
    # The facilitator's log keeps it; a participant reads it as a tick, as live.
    own = client.get(f"/api/workshops/{wid}/events", headers=bearer(closed["facilitator"])).get_json()["events"]
    assert any(e["type"] == "join_code:changed" and e["data"]["join_code"] == closed["code"] for e in own)
    theirs = client.get(f"/api/workshops/{wid}/events", headers=bearer(closed["alice"])).get_json()["events"]
    assert "join_code:changed" not in {e["type"] for e in theirs} and len(theirs) == len(own)
    assert (
        client.get(f"/api/workshops/{wid}/results", headers=bearer(closed["alice"])).get_json()["workshop"]["join_code"]
        == closed["code"]
    )


def test_a_reopened_workshop_does_not_hand_out_its_code(client, cowork, closed):
    cowork.facilitation.set_phase(closed["identity"], PhaseSet("sketching", reopen=True))
    assert "join_code" not in client.get(f"/api/workshops/{closed['id']}").get_json()
    assert join(client, closed["code"], "Invited")["workshop_id"] == closed["id"]  # the code itself still works


def test_a_logged_code_stays_the_facilitators_whatever_audience_the_row_holds(client, cowork, closed):
    # An imported archive brings its own audiences: a `join_code:changed` open to everyone is still a tick.
    with cowork.db.write() as session:
        session.execute(
            update(Event)
            .where(Event.workshop_id == closed["id"], Event.type == "join_code:changed")
            .values(audience=None)
        )
    public = client.get(f"/api/workshops/{closed['id']}/events")
    assert closed["code"] not in public.get_data(as_text=True)


def test_the_qr_code_is_the_facilitators_page_session_only(client, closed):
    url = f"/w/{closed['id']}/qr.svg"
    client.post("/api/session", headers=bearer(closed["outsider"]))  # a session for another workshop opens nothing here
    assert client.get(url).status_code == 403
    assert client.post("/api/session", headers=bearer(closed["facilitator"])).status_code == 200
    assert client.get(url).status_code == 200


def test_an_archive_carries_no_join_code(client, closed):
    archive = client.get(f"/api/workshops/{closed['id']}/archive", headers=bearer(closed["facilitator"]))
    assert archive.status_code == 200 and closed["code"] not in archive.get_data(as_text=True)
    assert any(e["type"] == "join_code:changed" for e in archive.get_json()["events"])  # the change, without the code
