"""The city map's kept answer (`cowork.city.city()`, rebuilt only when its stamp moves) follows every change of what
it is made of, on SQLite and PostgreSQL: a lane hidden by moderation in a closed workshop, a closed workshop
reopened (it leaves the map), a workshop imported from an archive, a design adopted as a project. Each case first
shows the answer is kept (a second read is the same object), then that the change is in the next answer."""

from __future__ import annotations

import json

import pytest

from cowork.errors import CoworkError
from cowork.models.workshop import Element
from cowork.supervision.payloads import ProjectCreate
from cowork.workshop.payloads import Moderate, PhaseSet

from ..archive.test_archive import archive_on_own_instance
from .world import B1, Builder, build_city, line


def lanes(answer: dict) -> dict[str, str]:
    """The city's lanes: id → status."""
    return {f["properties"]["id"]: f["properties"]["status"] for f in answer["map"]["cycle_lanes"]["features"]}


def kept(cowork) -> dict:
    """The city map after its first build, checked to be the kept answer (not rebuilt on a second read)."""
    first = cowork.city.city()
    assert cowork.city.city() is first
    return first


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
    after = cowork.city.city()
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
    after = cowork.city.city()
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
    after = cowork.city.city()
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
    after = cowork.city.city()
    assert lanes(after)[city.ids["B1"]] == "planned"
    assert "Middle lanes" in {p["title"] for p in after["projects"]}
    assert len(after["projects"]) == len(before["projects"]) + 1
    assert B1["coordinates"][0] in (f["geometry"]["coordinates"][0] for f in after["map"]["cycle_lanes"]["features"])
