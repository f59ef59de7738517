"""The city map's kept rows and figures (city/store.py, kept in the transaction of each change) follow every change
of what they are made of at once, on SQLite and PostgreSQL: a lane hidden by moderation in a closed workshop, a
closed workshop reopened (it leaves the map), a workshop imported from an archive, a design adopted as a project, a
visit recorded. After each change the kept figures and layers equal those of the whole city built again from the
workshops and projects (`store.rebuild`, what the old per-process build did on every change)."""

from __future__ import annotations

import json

import pytest

from cowork.city import store
from cowork.errors import CoworkError
from cowork.models.workshop import Element
from cowork.supervision.payloads import ProjectCreate
from cowork.workshop.payloads import Moderate, PhaseSet

from ..archive.test_archive import archive_on_own_instance
from .world import B1, Builder, build_city, line, mapped, sites_of


def lanes(answer: dict) -> dict[str, str]:
    """The city's lanes: id → status."""
    return {f["properties"]["id"]: f["properties"]["status"] for f in answer["map"]["cycle_lanes"]["features"]}


def kept(cowork) -> dict:
    """The city's figures with its layers (`map`) and sites as kept, checked to equal the whole city built again."""
    answer = {**cowork.city.city(), "map": mapped(cowork)}
    answer["sites"] = sites_of(answer["map"])
    with cowork.db.write() as session:
        store.rebuild(session)
    again = {**cowork.city.city(), "map": mapped(cowork)}
    again["sites"] = sites_of(again["map"])
    assert comparable(again) == comparable(answer)
    return answer


def comparable(answer: dict) -> dict:
    """An answer without the moment it was made, its layers' features without their order."""
    layers = {
        name: sorted(json.dumps(f, sort_keys=True) for f in layer["features"]) for name, layer in answer["map"].items()
    }
    sites = sorted(answer["sites"], key=lambda site: site["workshop_id"])
    return {**{k: v for k, v in answer.items() if k not in ("generated_at", "map")}, "map": layers, "sites": sites}


def test_a_lane_hidden_by_moderation_in_a_closed_workshop_leaves_the_network(cowork):
    """Moderation is refused while a workshop is closed, so the facilitator reopens it, hides the lane and closes it
    again: the city kept before shows the lane, the one after does not, though the design is still proposed."""
    city = build_city(cowork)
    facilitator = city.facilitators[city.proposed]
    before = kept(cowork)
    assert lanes(before)[city.ids["B1"]] == "proposed"
    with pytest.raises(CoworkError) as refused:
        cowork.facilitation.moderate(facilitator, Moderate("element", city.ids["B1"], True, "misplaced"))
    assert refused.value.code == "phase"
    cowork.facilitation.set_phase(facilitator, PhaseSet("voting", reopen=True))
    cowork.facilitation.moderate(facilitator, Moderate("element", city.ids["B1"], True, "misplaced"))
    cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))
    after = kept(cowork)
    assert city.ids["B1"] not in lanes(after)
    assert (
        after["cycle_network"]["length_m_by_status"]["proposed"]
        < before["cycle_network"]["length_m_by_status"]["proposed"]
    )
    assert after["signs"] == before["signs"]  # its sign S2 is still proposed: the design stands, without the lane


def test_a_reopened_workshops_proposal_leaves_the_network(cowork):
    city = build_city(cowork)
    assert lanes(kept(cowork))[city.ids["B1"]] == "proposed"
    cowork.facilitation.set_phase(city.facilitators[city.proposed], PhaseSet("voting", reopen=True))
    after = kept(cowork)
    assert city.ids["B1"] not in lanes(after) and city.ids["S2"] not in {s["id"] for s in after["signs_to_review"]}
    assert city.proposed not in {s["workshop_id"] for s in after["sites"]}  # a live workshop is not published


def closed_workshop_with_a_lane(cowork) -> dict:
    """The archive of a closed workshop with one lane, made on an instance of its own (ids are kept on import)."""
    b = Builder(cowork)
    workshop_id, facilitator, (aru,) = b.workshop("Imported", ("Aru",))
    design = b.design(aru, "Lane from elsewhere")
    b.add(aru, design, "far lane", "bike_lane", line((100, 1800), (700, 1800)), {"facility": "separated"})
    b.close(facilitator)
    archive = json.loads(json.dumps(cowork.archive.export(workshop_id, facilitator)))
    return {"archive": archive, "lane": b.city.ids["far lane"]}


def test_a_workshop_imported_from_an_archive_joins_the_network(cowork, client, tmp_path):
    build_city(cowork)
    made = archive_on_own_instance(tmp_path, closed_workshop_with_a_lane)
    before = kept(cowork)
    assert made["lane"] not in lanes(before)
    imported = client.post("/api/workshops/import", json=made["archive"])
    assert imported.status_code == 201, imported.get_json()
    after = kept(cowork)
    assert lanes(after)[made["lane"]] == "proposed"
    assert imported.get_json()["id"] in {s["workshop_id"] for s in after["sites"]}


def test_a_design_adopted_as_a_project_turns_its_proposal_into_a_plan(cowork):
    city = build_city(cowork)
    before = kept(cowork)
    assert lanes(before)[city.ids["B1"]] == "proposed"
    with cowork.db.read() as session:
        design = session.get(Element, city.ids["B1"]).design_id  # the top-ranked design, whose lane B1 is
    cowork.supervision.adopt(
        city.facilitators[city.proposed], city.proposed, ProjectCreate(design, "Middle lanes", "Akimat", "", None, None)
    )
    after = kept(cowork)
    assert lanes(after)[city.ids["B1"]] == "planned"
    assert "Middle lanes" in {p["title"] for p in after["projects"]}
    assert len(after["projects"]) == len(before["projects"]) + 1
    assert B1["coordinates"][0] in (f["geometry"]["coordinates"][0] for f in after["map"]["cycle_lanes"]["features"])
