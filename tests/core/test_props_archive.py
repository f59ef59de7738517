"""Props through the workshop archive: elements, plan elements and observations export them and import them back
(on SQLite and PostgreSQL), a bad one is refused `invalid` naming its place with nothing imported, and an archive
made before props imports with each kind's defaults."""

from __future__ import annotations

import copy
import json

import pytest

from cowork.supervision.payloads import ObservationIn

from ..archive.test_archive import archive_on_own_instance, bearer, changed, workshops_in
from ..builders import adopted_design
from ..support import PATH, TREE

SIGN = {"type": "Point", "coordinates": [76.9525, 43.2604]}
GROVE = {"type": "Point", "coordinates": [76.9520, 43.2608]}
ELSEWHERE = {"type": "Point", "coordinates": [76.9541, 43.2611]}

DRAWN = {
    "lane": ("bike_lane", PATH, {"facility": "separated", "two_way": True}),
    "sign": ("sign", SIGN, {"text": "Lake 200 m", "bearing": 45, "sign_type": "direction"}),
    "grove": ("tree", GROVE, {"species": "Ulmus pumila", "count": 12}),
    "lamp": ("lighting", TREE, {"height_m": 4.5}),
}


def drawn_and_supervised(cowork) -> dict:
    """A closed workshop whose design has props on every element, adopted, with a visit that found as-built props;
    its archive as a client sends it."""
    drawn = adopted_design(
        cowork,
        DRAWN,
        lambda ids: (
            ObservationIn(ids["grove"], None, "built", None, None, "", {"species": "Ulmus laevis", "count": 10}),
            ObservationIn(ids["lane"], None, "built", PATH, None, "", {"facility": "painted"}),
            ObservationIn(ids["sign"], None, "built", None, None, ""),
            ObservationIn(None, "tree", "built", ELSEWHERE, None, "compensation", {"count": 3}),
        ),
    )
    return json.loads(json.dumps(cowork.archive.export(drawn.workshop_id, drawn.facilitator)))


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> dict:
    """The archive, made once on an instance of its own."""
    return archive_on_own_instance(tmp_path_factory.mktemp("props-source"), drawn_and_supervised)


def test_the_archive_carries_every_props(source):
    assert [e["props"] for e in source["elements"]] == [props for _k, _g, props in DRAWN.values()]
    plan = source["projects"][0]["plan"]
    assert [e["props"] for e in plan] == [props for _k, _g, props in DRAWN.values()]
    observed = [o["props"] for o in source["projects"][0]["visits"][0]["observations"]]
    assert observed == [{"species": "Ulmus laevis", "count": 10}, {"facility": "painted"}, None, {"count": 3}]


def test_props_round_trip_through_import_and_export(client, cowork, source):
    new = client.post("/api/workshops/import", json=source)
    assert new.status_code == 201, new.get_json()
    new = new.get_json()
    copy_of = client.get(f"/api/workshops/{new['id']}/archive", headers=bearer(new["facilitator_token"])).get_json()
    assert copy_of["elements"] == source["elements"]
    assert copy_of["projects"] == source["projects"]
    # And every reader of the imported rows sees them: the export, the project summary and its green ledger.
    exported = client.get(
        f"/api/workshops/{new['id']}/export.geojson", headers=bearer(new["facilitator_token"])
    ).get_json()
    assert [f["properties"]["props"] for f in exported["features"]] == [p for _k, _g, p in DRAWN.values()]
    summary = client.get(f"/api/projects/{source['projects'][0]['id']}").get_json()
    grove = next(e for e in summary["plan"] if e["kind"] == "tree")
    assert grove["props"] == DRAWN["grove"][2] and grove["as_built_props"] == {"species": "Ulmus laevis", "count": 10}
    assert (summary["green_ledger"]["trees_required"], summary["green_ledger"]["trees_alive"]) == (12, 13)


BAD = [
    (
        "elements.{lane}.props",
        {"facility": "fast"},
        "Archive: elements[{lane}]: 'props.facility' must be one of: separated",
    ),
    ("elements.{grove}.props", {"count": 0}, "Archive: elements[{grove}]: 'props.count' must be from 1 to 500."),
    ("elements.{sign}.props", {"bearing": 400}, "Archive: elements[{sign}]: 'props.bearing' must be from 0 to 359."),
    (
        "elements.{lamp}.props",
        {"species": "oak"},
        "Archive: elements[{lamp}]: 'props' of a lighting has no field 'species'",
    ),
    ("elements.{lane}.props", "painted", "Archive: elements[{lane}]: 'props' must be a JSON object."),
    (
        "projects.0.plan.1.props",
        {"text": "x" * 81},
        "Archive: projects[0].plan[1]: 'props.text' is longer than 80 characters.",
    ),
    (
        "projects.0.visits.0.observations.0.props",
        {"count": 501},
        "Archive: projects[0].visits[0].observations[0]: 'props.count' must be from 1 to 500.",
    ),
    (
        "projects.0.visits.0.observations.0.count",
        501,
        "Archive: projects[0].visits[0].observations[0]: 'count' must be at most 500.",
    ),
    (
        "projects.0.visits.0.observations.1.props",
        {"surface": "paved"},
        "Archive: projects[0].visits[0].observations[1]: 'props' of a bike_lane has no field 'surface'",
    ),
]


@pytest.mark.parametrize("path, value, message", BAD, ids=[path for path, _v, _m in BAD])
def test_a_bad_prop_in_an_archive_is_refused_naming_its_place_and_nothing_is_imported(
    client, cowork, source, path, value, message
):
    places = {name: next(i for i, e in enumerate(source["elements"]) if e["props"] == DRAWN[name][2]) for name in DRAWN}
    before = workshops_in(cowork)
    response = client.post("/api/workshops/import", json=changed(source, path.format(**places), value))
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and error["message"].startswith(message.format(**places)), error
    assert workshops_in(cowork) == before


def test_an_archive_made_before_props_imports_with_each_kinds_defaults(client, cowork, source):
    old = copy.deepcopy(source)
    for element in old["elements"] + old["projects"][0]["plan"]:
        del element["props"]
    for observation in old["projects"][0]["visits"][0]["observations"]:
        del observation["props"]
    new = client.post("/api/workshops/import", json=old)
    assert new.status_code == 201, new.get_json()
    new = new.get_json()
    copy_of = client.get(f"/api/workshops/{new['id']}/archive", headers=bearer(new["facilitator_token"])).get_json()
    defaults = {"bike_lane": {"facility": "painted"}, "sign": {}, "tree": {}, "lighting": {}}
    assert {e["kind"]: e["props"] for e in copy_of["elements"]} == defaults
    assert {e["kind"]: e["props"] for e in copy_of["projects"][0]["plan"]} == defaults
    assert all(o["props"] is None for o in copy_of["projects"][0]["visits"][0]["observations"])


def test_an_archived_observations_props_import_as_said_with_no_default_filled_in(client, cowork, source):
    said = changed(source, "projects.0.visits.0.observations.1.props", {"two_way": False})
    new = client.post("/api/workshops/import", json=said)
    assert new.status_code == 201, new.get_json()
    summary = client.get(f"/api/projects/{source['projects'][0]['id']}").get_json()
    lane = next(e for e in summary["plan"] if e["kind"] == "bike_lane")
    assert lane["as_built_props"] == {"two_way": False} and lane["props"] == DRAWN["lane"][2]


# An observation must be of what it names: each of these was taken, and the city map then answered 500 for everyone.
MISLABELLED = [
    (
        "a lane relabelled a tree",
        1,
        {"kind": "tree", "as_built": GROVE, "props": {"species": "Quercus robur"}},
        "'kind' 'tree' differs from the plan element's 'bike_lane'.",
    ),
    (
        "a planned one called unplanned",
        1,
        {"unplanned": True},
        "an unplanned addition's 'element_id' is one of the plan's.",
    ),
    (
        "an addition naming a plan element",
        3,
        {"element_id": "{lane}"},
        "an unplanned addition's 'element_id' is one of the plan's.",
    ),
    (
        "a planned one naming nothing",
        0,
        {"element_id": "0f0e0d0c-0b0a-4909-8807-060504030201"},
        "'element_id' names no element of the project's plan",
    ),
]


@pytest.mark.parametrize("case, index, change, message", MISLABELLED, ids=[case for case, *_rest in MISLABELLED])
def test_an_observation_of_another_kind_than_it_names_is_refused_and_nothing_is_imported(
    client, cowork, source, case, index, change, message
):
    lane = source["projects"][0]["plan"][0]["element_id"]
    assert source["projects"][0]["plan"][0]["kind"] == "bike_lane"
    bad = copy.deepcopy(source)
    observation = bad["projects"][0]["visits"][0]["observations"][index]
    observation.update(
        {key: value.format(lane=lane) if isinstance(value, str) else value for key, value in change.items()}
    )
    before = workshops_in(cowork)
    response = client.post("/api/workshops/import", json=bad)
    assert response.status_code == 400, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == "invalid", error
    assert error["message"].startswith(f"Archive: projects[0].visits[0].observations[{index}]: {message}"), error
    assert workshops_in(cowork) == before
    assert client.get("/api/city").status_code == 200
    # The honest archive still imports, and the city map reads it.
    assert client.post("/api/workshops/import", json=source).status_code == 201
    assert client.get("/api/city").status_code == 200
