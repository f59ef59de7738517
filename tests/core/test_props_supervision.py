"""Props through supervision, over HTTP: adoption copies them to the plan, a visit may set the as-built props
(checked against the kind observed), the views and the project export carry both, and the green ledger counts
tree groups."""

from __future__ import annotations

import uuid

import pytest
import shapely.geometry

from cowork.core.props import MAX_GROUP
from cowork.openapi.document import document
from cowork.workshop.payloads import DesignCreate, ElementAdd, Join, PhaseSet, WorkshopCreate

from ..supervision.adopted import bearer
from ..support import PARK, PATH, TREE, load_sites

GROVE = {"type": "Point", "coordinates": [76.9520, 43.2608]}
LONE = {"type": "Point", "coordinates": [76.9525, 43.2608]}
ELSEWHERE = {"type": "Point", "coordinates": [76.9540, 43.2610]}


class Grove:
    """An adopted design: a group of 12 elms, a lone tree (no count), a separated bike lane and a bench."""

    def __init__(self, cowork, client):
        self.client = client
        created = cowork.workshops.create(WorkshopCreate("Park", "Panfilov Park", PARK))
        author = cowork.access.participant(cowork.workshops.join(Join(created["join_code"], "Aru"))["token"])
        design = cowork.sketches.create_design(author, DesignCreate("Shade", str(uuid.uuid4()))).reply["design"]["id"]
        self.ids, self.props = {}, {}
        for name, kind, geometry, props in (
            ("grove", "tree", GROVE, {"species": "Ulmus pumila", "count": 12}),
            ("lone", "tree", LONE, {}),
            ("lane", "bike_lane", PATH, {"facility": "separated", "two_way": True}),
            ("bench", "bench", TREE, {"count": 2}),
        ):
            self.ids[name] = str(uuid.uuid4())
            added = cowork.sketches.add_element(author, ElementAdd(self.ids[name], design, kind, geometry, "", props))
            self.props[name] = added.reply["element"]["props"]
        cowork.facilitation.set_phase(cowork.access.participant(created["facilitator_token"]), PhaseSet("closed"))
        response = client.post(
            f"/api/workshops/{created['id']}/projects",
            headers=bearer(created["facilitator_token"]),
            json={"design_id": design, "title": "Shade, phase 1"},
        )
        assert response.status_code == 201, response.get_json()
        self.project_id = response.get_json()["id"]
        self.key = response.get_json()["access"][0]["key"]

    def visit(self, date: str, observations: list[dict]):
        return self.client.post(
            f"/api/projects/{self.project_id}/visits",
            headers=bearer(self.key),
            json={"date": date, "observations": observations},
        )

    def summary(self) -> dict:
        return self.client.get(f"/api/projects/{self.project_id}").get_json()

    def plan(self, name: str) -> dict:
        return next(e for e in self.summary()["plan"] if e["element_id"] == self.ids[name])


@pytest.fixture
def grove(cowork, client) -> Grove:
    return Grove(cowork, client)


def test_adoption_copies_every_elements_props_to_the_plan(grove):
    assert grove.props["lane"] == {"facility": "separated", "two_way": True}
    for name, props in grove.props.items():
        plan = grove.plan(name)
        assert plan["props"] == props, name
        assert plan["as_built_props"] is None
    features = grove.client.get(f"/api/projects/{grove.project_id}/export.geojson").get_json()["features"]
    designed = {
        f["properties"]["element_id"]: f["properties"]["props"]
        for f in features
        if f["properties"]["layer"] == "design"
    }
    assert designed == {grove.ids[name]: props for name, props in grove.props.items()}


def test_a_visit_sets_as_built_props_checked_against_the_kind_observed(grove):
    response = grove.visit(
        "2027-05-10",
        [
            {"element_id": grove.ids["grove"], "status": "built", "props": {"species": " Ulmus laevis ", "count": 10}},
            {"element_id": grove.ids["lane"], "status": "built", "as_built": PATH, "props": {"facility": "painted"}},
            {"element_id": grove.ids["bench"], "status": "built"},
            {"kind": "tree", "status": "built", "as_built": ELSEWHERE, "props": {"species": "Acer", "count": 3}},
        ],
    )
    assert response.status_code == 201, response.get_json()
    observed = response.get_json()["observations"]
    assert [o["props"] for o in observed] == [
        {"species": "Ulmus laevis", "count": 10},
        {"facility": "painted"},
        None,
        {"species": "Acer", "count": 3},
    ]
    summary = grove.summary()
    assert grove.plan("grove")["as_built_props"] == {"species": "Ulmus laevis", "count": 10}
    assert grove.plan("grove")["props"] == grove.props["grove"]  # the design stays as adopted
    assert grove.plan("bench")["as_built_props"] is None
    assert [a["props"] for a in summary["additions"]] == [{"species": "Acer", "count": 3}]
    assert summary["visits"][0]["observations"] == observed
    features = grove.client.get(f"/api/projects/{grove.project_id}/export.geojson").get_json()["features"]
    built = {
        f["properties"]["element_id"]: f["properties"]["props"]
        for f in features
        if f["properties"]["layer"] != "design"
    }
    assert built[grove.ids["lane"]] == {"facility": "painted"} and {"species": "Acer", "count": 3} in built.values()


@pytest.mark.parametrize(
    "observation, named",
    [
        ({"name": "grove", "props": {"count": 501}}, "'props.count'"),
        ({"name": "grove", "props": {"facility": "painted"}}, "'facility'"),  # a bike lane's field on a tree
        ({"name": "lane", "props": {"facility": "wide"}}, "'props.facility'"),
        ({"name": "lane", "props": {"species": "oak"}}, "'species'"),
        ({"name": "bench", "props": "two"}, "'props'"),
        ({"addition": "tree", "props": {"count": 0}}, "'props.count'"),
        ({"addition": "bench", "props": {"species": "oak"}}, "'species'"),
    ],
)
def test_bad_as_built_props_are_refused_invalid_and_nothing_is_recorded(grove, observation, named):
    if "name" in observation:
        item = {"element_id": grove.ids[observation["name"]], "status": "built", "props": observation["props"]}
    else:
        item = {
            "kind": observation["addition"],
            "status": "built",
            "as_built": ELSEWHERE,
            "props": observation["props"],
        }
    response = grove.visit("2027-05-10", [{"element_id": grove.ids["lone"], "status": "built"}, item])
    assert response.status_code == 400, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and named in error["message"], error
    assert grove.summary()["visits"] == []


def test_the_green_ledger_counts_tree_groups(grove):
    ledger = grove.summary()["green_ledger"]
    assert ledger["trees_required"] == 13  # the group of 12 and the lone tree
    # The plan's count when the visit gives none; one for a tree of no count.
    grove.visit(
        "2027-05-10",
        [{"element_id": grove.ids["grove"], "status": "built"}, {"element_id": grove.ids["lone"], "status": "built"}],
    )
    ledger = grove.summary()["green_ledger"]
    assert (ledger["trees_planted"], ledger["trees_alive"], ledger["trees_shortfall"]) == (13, 13, 0)
    # The as-built props' count next, then the observation's own count over both.
    grove.visit("2027-06-10", [{"element_id": grove.ids["grove"], "status": "built", "props": {"count": 9}}])
    assert grove.summary()["green_ledger"]["trees_alive"] == 10
    grove.visit(
        "2027-07-10",
        [
            {"element_id": grove.ids["grove"], "status": "built", "count": 7, "props": {"count": 9}},
            {"kind": "tree", "status": "built", "as_built": ELSEWHERE, "props": {"count": 4}},
        ],
    )
    ledger = grove.summary()["green_ledger"]
    assert (ledger["trees_alive"], ledger["trees_shortfall"]) == (7 + 1 + 4, 1)
    assert [h["trees_alive"] for h in ledger["history"]] == [13, 10, 12]
    # Planted is the most ever counted at each spot (12 at the grove, then 4 elsewhere), not what is alive now.
    assert ledger["trees_planted"] == 12 + 1 + 4
    assert [h["trees_planted"] for h in ledger["history"]] == [13, 13, 17]
    grove.visit("2027-08-10", [{"element_id": grove.ids["lone"], "status": "missing"}])
    assert grove.summary()["green_ledger"]["trees_alive"] == 11


def test_a_lawn_built_as_designed_far_from_the_sites_centre_owes_nothing(cowork, client):
    """The area planted is the area required when the lawn was built as designed, wherever it lies on the site:
    measured again on its own plane, a lawn at the end of a 2.5 km corridor came out a square metre short."""
    corridor = load_sites()[1]["geometry"]
    north_lawn = {
        "type": "Polygon",
        "coordinates": [
            [[76.9316, 43.2540], [76.9322, 43.2540], [76.9322, 43.2552], [76.9316, 43.2552], [76.9316, 43.2540]]
        ],
    }
    created = cowork.workshops.create(WorkshopCreate("Corridor", "Vesnovka", corridor))
    author = cowork.access.participant(cowork.workshops.join(Join(created["join_code"], "Aru"))["token"])
    design = cowork.sketches.create_design(author, DesignCreate("Meadow", str(uuid.uuid4()))).reply["design"]["id"]
    lawn = str(uuid.uuid4())
    cowork.sketches.add_element(author, ElementAdd(lawn, design, "green_area", north_lawn, ""))
    cowork.facilitation.set_phase(cowork.access.participant(created["facilitator_token"]), PhaseSet("closed"))
    adopted = client.post(
        f"/api/workshops/{created['id']}/projects",
        headers=bearer(created["facilitator_token"]),
        json={"design_id": design, "title": "Meadow"},
    ).get_json()
    visit = client.post(
        f"/api/projects/{adopted['id']}/visits",
        headers=bearer(adopted["access"][0]["key"]),
        json={"date": "2027-05-10", "observations": [{"element_id": lawn, "status": "built"}]},
    )
    assert visit.status_code == 201, visit.get_json()
    ledger = client.get(f"/api/projects/{adopted['id']}").get_json()["green_ledger"]
    assert ledger["green_required_m2"] > 5000
    assert ledger["green_planted_m2"] == ledger["green_alive_m2"] == ledger["green_required_m2"]
    assert ledger["green_shortfall_m2"] == 0


def test_a_visits_count_is_capped_at_a_groups_maximum(grove):
    """One observation cannot claim two billion trees alive and wipe out a shortfall: 501 is refused, 500 taken."""
    refused = grove.visit("2027-05-10", [{"element_id": grove.ids["grove"], "status": "built", "count": 501}])
    assert refused.status_code == 400, refused.get_json()
    error = refused.get_json()["error"]
    assert error["code"] == "invalid" and "'count'" in error["message"] and "500" in error["message"], error
    assert grove.summary()["visits"] == []
    taken = grove.visit("2027-05-10", [{"element_id": grove.ids["grove"], "status": "built", "count": 500}])
    assert taken.status_code == 201, taken.get_json()
    assert grove.summary()["green_ledger"]["trees_alive"] == 500


def test_the_openapi_document_states_the_counts_maximum():
    paths = document()["paths"]
    body = paths["/api/projects/{project_id}/visits"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    count = body["properties"]["observations"]["items"]["properties"]["count"]
    assert (count["minimum"], count["maximum"]) == (0, MAX_GROUP) == (0, 500)
    assert document()["components"]["schemas"]["Observation"]["properties"]["count"]["maximum"] == MAX_GROUP


def test_a_visits_props_hold_only_what_it_found_and_the_plan_stands_for_the_rest(grove):
    """A separated lane seen two-way is not made painted by a default: the visit's props are what it said."""
    response = grove.visit(
        "2027-05-10",
        [
            {"element_id": grove.ids["lane"], "status": "built", "as_built": PATH, "props": {"two_way": True}},
            {"kind": "bike_lane", "status": "built", "as_built": PATH, "props": {"two_way": False}},
        ],
    )
    assert response.status_code == 201, response.get_json()
    assert [o["props"] for o in response.get_json()["observations"]] == [{"two_way": True}, {"two_way": False}]
    lane = grove.plan("lane")
    assert lane["as_built_props"] == {"two_way": True}
    assert lane["props"] == {"facility": "separated", "two_way": True}
    # The OGC as-built layer: the visit's value where it gave one, else the plan's (an addition has no plan).
    items = grove.client.get("/ogcapi/collections/as_built/items", query_string={"limit": 100}).get_json()["features"]
    built = {f["properties"]["element_id"]: f["properties"] for f in items if f["properties"]["kind"] == "bike_lane"}
    assert (built[grove.ids["lane"]]["facility"], built[grove.ids["lane"]]["two_way"]) == ("separated", True)
    added = next(p for element_id, p in built.items() if element_id != grove.ids["lane"])
    assert (added["facility"], added["two_way"]) == (None, False)
    # And the city map, which merges the plan's props with the latest as-built ones, sees the lane still separated.
    west, south, east, north = shapely.geometry.shape(grove.plan("lane")["geometry"]).bounds
    view = {"bbox": f"{west},{south},{east},{north}", "zoom": 18}
    city = grove.client.get("/api/city/layers", query_string=view).get_json()["layers"]["cycle_lanes"]["features"]
    mapped = next(f["properties"] for f in city if f["properties"]["id"] == grove.ids["lane"])
    assert (mapped["facility"], mapped["two_way"]) == ("separated", True)
