"""Every read path applies the live broadcast's visibility rule, and every write path the live geometry rules."""

from __future__ import annotations

import json
import uuid

import requests
from sqlalchemy import func, select

from cowork.models.workshop import Workshop
from cowork.workshop.payloads import (
    CommentAdd,
    DesignCreate,
    ElementAdd,
    Join,
    Moderate,
    PhaseSet,
    SettingsUpdate,
    WorkshopCreate,
)

from ..builders import supervised_workshop
from ..support import LAWN, PARK, TREE

FAR = {"type": "Point", "coordinates": [20.0, 50.0]}  # about 4,000 km west of the park


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def export_ids(client, workshop_id: str, token: str | None = None) -> set[str]:
    response = client.get(f"/api/workshops/{workshop_id}/export.geojson", headers=bearer(token) if token else {})
    assert response.status_code == 200
    return {feature["id"] for feature in response.get_json()["features"]}


def test_the_export_hides_private_designs_as_the_live_map_does(client, cowork):
    created = cowork.workshops.create(WorkshopCreate("Private", "Park", PARK))
    facilitator = cowork.access.participant(created["facilitator_token"])
    cowork.facilitation.update_settings(facilitator, SettingsUpdate.parse({"private_sketching": True}))
    joined = {name: cowork.workshops.join(Join(created["join_code"], name)) for name in ("Aru", "Bek", "Cem")}
    aru, bek = (cowork.access.participant(joined[n]["token"]) for n in ("Aru", "Bek"))
    mine = {}
    for who in (aru, bek):
        design = cowork.sketches.create_design(who, DesignCreate(f"{who.name}'s", str(uuid.uuid4()))).reply["design"][
            "id"
        ]
        mine[who.name] = cowork.sketches.add_element(
            who, ElementAdd(str(uuid.uuid4()), design, "note", TREE, "secret plan")
        ).reply["element"]["id"]
    workshop = created["id"]
    assert export_ids(client, workshop, joined["Cem"]["token"]) == set()  # Cem drew nothing
    assert export_ids(client, workshop, joined["Aru"]["token"]) == {mine["Aru"]}
    assert export_ids(client, workshop, joined["Bek"]["token"]) == {mine["Bek"]}
    assert export_ids(client, workshop, created["facilitator_token"]) == set(mine.values())
    # After "reveal all" everyone sees everything, as on the live map.
    cowork.facilitation.update_settings(facilitator, SettingsUpdate.parse({"revealed": True}))
    assert export_ids(client, workshop, joined["Cem"]["token"]) == set(mine.values())


def test_the_public_log_after_closing_keeps_no_text_the_facilitator_hid(client, cowork):
    created = cowork.workshops.create(WorkshopCreate("Moderated", "Park", PARK))
    facilitator = cowork.access.participant(created["facilitator_token"])
    aru = cowork.access.participant(cowork.workshops.join(Join(created["join_code"], "Aru"))["token"])
    design = cowork.sketches.create_design(aru, DesignCreate("Plan", str(uuid.uuid4()))).reply["design"]["id"]
    kept = cowork.sketches.add_element(
        aru, ElementAdd(str(uuid.uuid4()), design, "green_area", LAWN, "a quiet lawn")
    ).reply
    rude = cowork.sketches.add_element(aru, ElementAdd(str(uuid.uuid4()), design, "note", TREE, "RUDE-NOTE-TEXT")).reply
    comment = cowork.voting.add_comment(aru, CommentAdd(str(uuid.uuid4()), "RUDE-COMMENT-TEXT", design_id=design)).reply
    cowork.facilitation.moderate(facilitator, Moderate("element", rude["element"]["id"], True, "abuse"))
    cowork.facilitation.moderate(facilitator, Moderate("comment", comment["comment"]["id"], True, "abuse"))
    cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))
    url = f"/api/workshops/{created['id']}/events"
    public = client.get(url)
    assert public.status_code == 200
    text = public.get_data(as_text=True)
    assert "RUDE-NOTE-TEXT" not in text and "RUDE-COMMENT-TEXT" not in text
    events = public.get_json()["events"]
    by_seq = {e["seq"]: e for e in events}
    assert by_seq[rude["seq"]]["type"] == "seq" and by_seq[comment["seq"]]["type"] == "seq"
    assert (
        by_seq[kept["seq"]]["type"] == "element:added"
        and by_seq[kept["seq"]]["data"]["element"]["note"] == "a quiet lawn"
    )
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))  # still gap-free
    # The facilitator's own log keeps everything.
    assert "RUDE-NOTE-TEXT" in client.get(url, headers=bearer(created["facilitator_token"])).get_data(as_text=True)


def test_an_archive_cannot_bring_in_what_the_site_would_refuse_live(client, cowork):
    built = supervised_workshop(cowork)
    archive = client.get(
        f"/api/workshops/{built.workshop_id}/archive", headers=bearer(built.facilitator_token)
    ).get_json()
    far_element = json.loads(json.dumps(archive))
    point = next(e for e in far_element["elements"] if e["kind"] == "tree")
    point["geometry"] = FAR
    refused = client.post("/api/workshops/import", json=far_element)
    assert refused.status_code == 400 and refused.get_json()["error"]["code"] == "outside_site"
    assert refused.get_json()["error"]["message"].startswith("Archive: elements[")
    far_visit = json.loads(json.dumps(archive))
    observation = next(o for o in far_visit["projects"][0]["visits"][0]["observations"] if o["as_built"])
    observation["as_built"] = FAR
    refused = client.post("/api/workshops/import", json=far_visit)
    assert refused.status_code == 400 and refused.get_json()["error"]["code"] == "outside_site"
    # Nothing of either refused import was saved.
    with cowork.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Workshop)) == 1


def test_a_participants_sync_keeps_no_text_the_facilitator_hid(cowork):
    created = cowork.workshops.create(WorkshopCreate("Moderated", "Park", PARK))
    facilitator = cowork.access.participant(created["facilitator_token"])
    aru = cowork.access.participant(cowork.workshops.join(Join(created["join_code"], "Aru"))["token"])
    design = cowork.sketches.create_design(aru, DesignCreate("HIDDEN-DESIGN-TITLE", str(uuid.uuid4()))).reply["design"][
        "id"
    ]
    mine = cowork.sketches.create_design(aru, DesignCreate("Plan", str(uuid.uuid4()))).reply["design"]["id"]
    kept = cowork.sketches.add_element(aru, ElementAdd(str(uuid.uuid4()), mine, "note", TREE, "a quiet bench")).reply
    rude = cowork.sketches.add_element(aru, ElementAdd(str(uuid.uuid4()), mine, "note", TREE, "RUDE-NOTE-TEXT")).reply
    cowork.voting.add_comment(aru, CommentAdd(str(uuid.uuid4()), "RUDE-COMMENT-TEXT", design_id=design))
    cowork.facilitation.moderate(facilitator, Moderate("element", rude["element"]["id"], True, "abuse"))
    cowork.facilitation.moderate(facilitator, Moderate("design", design, True, "abuse"))
    # A participant who joins now, and asks for the whole log as a reconnecting tablet would.
    bek = cowork.access.participant(cowork.workshops.join(Join(created["join_code"], "Bek"))["token"])
    answer = cowork.state.sync(bek, 0)
    text = json.dumps(answer)
    assert "RUDE-NOTE-TEXT" not in text and "RUDE-COMMENT-TEXT" not in text and "HIDDEN-DESIGN-TITLE" not in text
    by_seq = {e["seq"]: e for e in answer["events"]}
    assert by_seq[kept["seq"]]["data"]["element"]["note"] == "a quiet bench"
    assert [e["seq"] for e in answer["events"]] == list(range(1, answer["seq"] + 1))  # still gap-free
    # The facilitator's sync keeps everything, as the live broadcast showed it.
    assert "RUDE-NOTE-TEXT" in json.dumps(cowork.state.sync(facilitator, 0))


LIVE_EXPORTS = ("export.geojson", "export.gpkg", "export.csv", "results", "events")


def test_a_live_workshops_exports_are_for_its_own_people_until_it_closes(server, cowork):
    """The attacker's probe of issue 21: a live workshop's id (it sat on the city map) opened its GeoJSON export to
    anyone, with every note and sign text. Until it closes, only its participants and facilitator read the sketches'
    exports; no export of it reaches a reader without a credential (`unauthorized`) or another workshop's
    (`forbidden`), as results and the replay already refused; once closed, anyone reads them."""
    created = cowork.workshops.create(WorkshopCreate("Live", "Park", PARK, "setup"))
    facilitator = cowork.access.participant(created["facilitator_token"])
    joined = cowork.workshops.join(Join(created["join_code"], "Aru"))
    outsider = cowork.workshops.create(WorkshopCreate("Elsewhere", "Park", PARK))["facilitator_token"]
    base = f"{server}/api/workshops/{created['id']}"

    def ask(path: str, token: str | None = None) -> tuple[int, str]:
        response = requests.get(f"{base}/{path}", headers=bearer(token) if token else {}, timeout=20)
        return response.status_code, (response.json()["error"]["code"] if response.status_code >= 400 else "")

    for phase in ("setup", "sketching", "voting"):
        cowork.facilitation.set_phase(facilitator, PhaseSet(phase))
        if phase == "sketching":
            aru = cowork.access.participant(joined["token"])
            design = cowork.sketches.create_design(aru, DesignCreate("Quiet corner", str(uuid.uuid4()))).reply
            element = ElementAdd(str(uuid.uuid4()), design["design"]["id"], "note", TREE, "meet me at the oak")
            cowork.sketches.add_element(aru, element)
        for path in LIVE_EXPORTS:
            assert ask(path) == (401, "unauthorized"), (phase, path)
            assert ask(path, outsider) == (403, "forbidden"), (phase, path)
        for path in ("export.geojson", "export.gpkg"):
            assert ask(path, joined["token"]) == (200, ""), (phase, path)
            assert ask(path, created["facilitator_token"]) == (200, ""), (phase, path)
    note = requests.get(f"{base}/export.geojson", headers=bearer(joined["token"]), timeout=20).json()
    assert [f["properties"]["note"] for f in note["features"]] == ["meet me at the oak"]
    cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))
    for path in LIVE_EXPORTS:
        assert ask(path) == (200, "") and ask(path, outsider) == (200, ""), path
