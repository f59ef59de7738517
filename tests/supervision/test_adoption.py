"""Adopting a design: the plan frozen, every author's access, who may adopt, and the tablets told."""

from __future__ import annotations

import re
import uuid

from cowork.workshop.payloads import DesignCreate, ElementUpdate, Join, PhaseSet, WorkshopCreate

from ..support import PARK, TREE
from .adopted import bearer, moved


def test_adoption_freezes_the_plan_and_gives_every_author_access(adopted, cowork):
    assert set(adopted.access) == {adopted.aru["participant_id"], adopted.bek["participant_id"]}
    for access in adopted.access.values():
        assert len(access["key"]) >= 40 and re.fullmatch(r"[A-HJKMNP-Z2-9]{10}", access["recovery_code"])
    summary = adopted.summary()
    assert len(summary["plan"]) == 6 and all(e["status"] == "planned" for e in summary["plan"])
    assert summary["progress"]["percent"] == 0 and summary["organisation"] == "Akimat"
    # Later edits to the workshop do not move the plan.
    facilitator = cowork.access.participant(adopted.facilitator_token)
    cowork.facilitation.set_phase(facilitator, PhaseSet("sketching", reopen=True))
    cowork.sketches.update_element(facilitator, ElementUpdate(adopted.ids["bench"], 1, geometry=moved(TREE, east_m=30)))
    bench = next(e for e in adopted.summary()["plan"] if e["element_id"] == adopted.ids["bench"])
    assert bench["geometry"] == TREE
    text = adopted.client.get(f"/api/projects/{adopted.project_id}").get_data(as_text=True)
    assert adopted.aru_key not in text and "recovery" not in text and "key_hash" not in text


def test_adoption_needs_a_closed_workshop_and_the_facilitator(cowork, client):
    created = cowork.workshops.create(WorkshopCreate("Open", "Park", PARK))
    facilitator = cowork.access.participant(created["facilitator_token"])
    design = cowork.sketches.create_design(facilitator, DesignCreate("D", str(uuid.uuid4()))).reply["design"]["id"]
    url = f"/api/workshops/{created['id']}/projects"
    body = {"design_id": design, "title": "Too early"}
    assert client.post(url, headers=bearer(created["facilitator_token"]), json=body).status_code == 409
    participant = cowork.workshops.join(Join(created["join_code"], "P"))
    cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))
    assert client.post(url, headers=bearer(participant["token"]), json=body).status_code == 403
    assert client.post(url, json=body).status_code == 401
    assert (
        client.post(
            url, headers=bearer(created["facilitator_token"]), json={**body, "planned_start": "2027-13-01"}
        ).status_code
        == 400
    )


def test_adoption_reaches_the_workshop_tablets_and_authors_claim_there(cowork, server):
    import requests

    from ..support import LiveClient

    created = requests.post(
        f"{server}/api/workshops", json={"title": "W", "site_name": "Park", "boundary": PARK}, timeout=5
    ).json()
    author = requests.post(f"{server}/api/join", json={"code": created["join_code"], "name": "Aru"}, timeout=5).json()
    tablet = LiveClient(server, author["token"]).connect()
    try:
        design = tablet.call("design:create", {"id": str(uuid.uuid4()), "title": "Mine"})["design"]["id"]
        tablet.call("element:add", {"id": str(uuid.uuid4()), "design_id": design, "kind": "tree", "geometry": TREE})
        facilitator = LiveClient(server, created["facilitator_token"]).connect()
        assert facilitator.call("phase:set", {"phase": "closed"})["ok"]
        facilitator.disconnect()
        adopted = requests.post(
            f"{server}/api/workshops/{created['id']}/projects",
            headers=bearer(created["facilitator_token"]),
            json={"design_id": design, "title": "Build it"},
            timeout=5,
        ).json()
        news = tablet.wait_for("project:adopted")
        assert (
            news["project"] == {"id": adopted["id"], "title": "Build it", "design_id": design}
            and news["seq"] == adopted["seq"]
        )
        assert LiveClient(server, author["token"]).connect().snapshot()["projects"] == [news["project"]]
        claimed = requests.post(
            f"{server}/api/projects/{adopted['id']}/claim",
            headers=bearer(author["token"]),
            json={"replace": True},
            timeout=5,
        ).json()
        qr = requests.post(f"{server}/api/qr.svg", json={"text": f"{server}{claimed['link']}"}, timeout=5)
        assert qr.status_code == 200 and qr.headers["Content-Type"].startswith("image/svg+xml")
        assert (
            requests.post(
                f"{server}/api/projects/{adopted['id']}/visits",
                headers=bearer(claimed["key"]),
                json={"date": "2027-05-01", "observations": []},
                timeout=5,
            ).status_code
            == 201
        )
    finally:
        tablet.disconnect()
