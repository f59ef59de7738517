"""The city map (GET /api/city) on both databases: the cycle network's every figure against pyproj, snapping and
gaps at their limits, the green ledger summed and over time, the signs to review, what never appears, and the route."""

from __future__ import annotations

import json

import pytest
import requests
import schemathesis
from pyproj import Geod
from shapely.geometry import LineString, Polygon, shape

from cowork.city.cycle_network import FACILITIES, LANE_STATUSES, Lane, build_network
from cowork.city.figures import Sign, Target, project_status, signs_to_review
from cowork.openapi.document import document
from cowork.supervision.payloads import ObservationIn, VisitCreate
from cowork.workshop.payloads import PhaseSet, SettingsUpdate

from ..support import assert_limited_per_address
from .world import A1_BUILT, B1, C1, LAWN, Builder, at, build_city, line, mapped, point, seen, sites_of, square

WGS84 = Geod(ellps="WGS84")


def geodesic_length(geometry: dict) -> float:
    return WGS84.geometry_length(LineString(geometry["coordinates"]))


def geodesic_distance(a, b) -> float:
    return WGS84.inv(a[0], a[1], b[0], b[1])[2]


@pytest.fixture
def city(cowork):
    return build_city(cowork)


def lanes_of(layers) -> dict[str, dict]:
    return {f["properties"]["id"]: f for f in layers["cycle_lanes"]["features"]}


def test_the_cycle_network_of_three_workshops_against_pyproj(cowork, city):
    answer = cowork.city.city()
    network = answer["cycle_network"]
    built, proposed, planned = geodesic_length(A1_BUILT), geodesic_length(B1), geodesic_length(C1)
    assert network["length_m_by_status"] == pytest.approx(
        {"proposed": proposed, "planned": planned, "in_progress": 0, "built": built, "built_with_deviation": 0},
        abs=0.051,
    )
    # A1's facility as built (separated) over its design's (painted); B1 as its design says; C1 by default.
    assert network["length_m_by_facility"] == pytest.approx(
        {"separated": built, "shared": proposed, "painted": planned}, abs=0.051
    )
    assert network["parts"] == 2
    (gap,) = network["gaps"]
    assert gap["a"] == B1["coordinates"][-1] and gap["b"] == C1["coordinates"][0] and gap["parts"] == [0, 1]
    assert gap["distance_m"] == pytest.approx(geodesic_distance(gap["a"], gap["b"]), abs=0.051)
    assert gap["distance_m"] == pytest.approx(100, abs=0.2)
    lanes = lanes_of(mapped(cowork))
    a1, b1, c1 = (lanes[city.ids[name]] for name in ("A1", "B1", "C1"))
    # The adopted lane is drawn as built, with its as-built facility; the proposed one as its top-ranked design.
    assert a1["geometry"] == A1_BUILT and b1["geometry"] == B1 and c1["geometry"] == C1
    assert [
        (f["properties"]["status"], f["properties"]["facility"], f["properties"]["two_way"], f["properties"]["part"])
        for f in (a1, b1, c1)
    ] == [("built", "separated", True, 0), ("proposed", "shared", True, 0), ("planned", "painted", False, 1)]
    assert (a1["properties"]["project_id"], b1["properties"]["project_id"], c1["properties"]["project_id"]) == (
        city.zeta,
        None,
        city.alpha,
    )
    assert b1["properties"]["workshop_id"] == city.proposed
    assert a1["properties"]["length_m"] == pytest.approx(built, abs=0.051)
    (drawn,) = mapped(cowork)["gaps"]["features"]
    assert drawn["geometry"] == {"type": "LineString", "coordinates": [gap["a"], gap["b"]]}
    assert drawn["properties"] == {"distance_m": gap["distance_m"], "parts": [0, 1]}


def straight(name: str, start, end, status: str = "planned") -> Lane:
    return Lane(name, (tuple(start), tuple(end)), status, "painted", False, "w")


@pytest.mark.parametrize("apart_m, parts", [(4, 1), (6, 2)])
def test_ends_within_5_m_snap_together_and_6_m_apart_do_not(apart_m, parts):
    lanes = [straight("a", at(0, 0), at(300, 0)), straight("b", at(300 + apart_m, 0), at(700, 0))]
    network = build_network(lanes)
    assert network.parts == parts
    if parts == 1:
        assert network.gaps == [] and network.part_of == [0, 0]
    else:
        # Two parts, numbered longest first, and the 6 m between them is a gap.
        assert network.part_of == [1, 0]
        (gap,) = network.gaps
        assert gap.distance_m == pytest.approx(geodesic_distance(at(300, 0), at(306, 0)), abs=0.051)


@pytest.mark.parametrize("apart_m, parts, gaps", [(4, 1, 0), (6, 2, 1), (149, 2, 1), (151, 2, 0)])
def test_two_workshops_lanes_snap_or_leave_a_gap_through_the_services(cowork, apart_m, parts, gaps):
    builder = Builder(cowork)
    for title, start, end in (
        ("West", (100, 1000), (600, 1000)),
        ("East", (600 + apart_m, 1000), (1000 + apart_m, 1000)),
    ):
        _, facilitator, (author,) = builder.workshop(title, ("Author",))
        design = builder.design(author, "Lane")
        builder.add(author, design, title, "bike_lane", line(start, end))
        builder.close(facilitator)
    network = cowork.city.city()["cycle_network"]
    assert (network["parts"], len(network["gaps"])) == (parts, gaps)
    if gaps:
        assert network["gaps"][0]["distance_m"] == pytest.approx(
            geodesic_distance(at(600, 1000), at(600 + apart_m, 1000)), abs=0.051
        )


@pytest.mark.parametrize("apart_m, listed", [(149, True), (151, False)])
def test_a_gap_of_149_m_is_listed_and_one_of_151_m_is_not(apart_m, listed):
    lanes = [
        straight("a", at(0, 0), at(300, 0)),
        straight("b", at(300 + apart_m, 0), at(500 + apart_m, 0)),
        straight("far", at(0, 1000), at(0, 1400)),
    ]
    network = build_network(lanes)
    assert network.parts == 3 and network.part_of == [1, 2, 0]  # "far" is the longest
    assert [g.parts for g in network.gaps] == ([(1, 2)] if listed else [])
    if listed:
        assert network.gaps[0].distance_m == pytest.approx(
            geodesic_distance(at(300, 0), at(300 + apart_m, 0)), abs=0.051
        )


def test_gaps_are_each_pair_of_parts_nearest_ends_nearest_first():
    lanes = [
        straight("long", at(0, 0), at(1000, 0)),
        straight("near", at(1050, 0), at(1050, 300)),
        straight("farther", at(0, 120), at(-400, 120)),
    ]
    network = build_network(lanes)
    assert network.part_of == [0, 2, 1]
    assert [(g.parts, round(g.distance_m)) for g in network.gaps] == [((0, 2), 50), ((0, 1), 120)]
    # Between "near" and "farther" the nearest ends are over 150 m apart: no gap.


def test_green_totals_over_two_projects_shortfall_first_and_history(cowork, city):
    answer = cowork.city.city()
    ledgers = {p: cowork.supervision.summary(p)["green_ledger"] for p in (city.zeta, city.alpha)}
    # "Zeta lanes" owes a tree (one removed): it comes before "Alpha lanes".
    assert [p["id"] for p in answer["projects"]] == [city.zeta, city.alpha]
    zeta, alpha = answer["projects"]
    assert zeta["green"] == {
        "trees_required": 2,
        "trees_planted": 2,
        "trees_alive": 1,
        "trees_shortfall": 1,
        "green_area_m2_required": 0,
        "green_area_m2_planted": 0,
        "green_area_m2_alive": 0,
        "green_area_m2_shortfall": 0,
    }
    lawn = ledgers[city.alpha]["green_required_m2"]
    assert lawn == pytest.approx(abs(WGS84.geometry_area_perimeter(shape(LAWN))[0]), rel=0.005)
    planted = ledgers[city.alpha]["green_planted_m2"]
    alive, owed = ledgers[city.alpha]["green_alive_m2"], ledgers[city.alpha]["green_shortfall_m2"]
    assert alpha["green"] == {
        "trees_required": 1,
        "trees_planted": 1,
        "trees_alive": 1,
        "trees_shortfall": 0,
        "green_area_m2_required": lawn,
        "green_area_m2_planted": planted,
        "green_area_m2_alive": alive,
        "green_area_m2_shortfall": owed,
    }
    green = answer["green"]
    assert {k: v for k, v in green.items() if k != "history"} == {
        "trees_required": 3,
        "trees_planted": 3,
        "trees_alive": 2,
        "trees_shortfall": 1,
        "green_area_m2_required": lawn,
        "green_area_m2_planted": planted,
        "green_area_m2_alive": alive,
        "green_area_m2_shortfall": owed,
    }
    # Each date: each project's ledger as of its latest visit on or before it (Alpha's first visit is on 20 May).
    assert green["history"] == [
        {
            "date": "2027-05-10",
            "trees_planted": 2,
            "trees_alive": 2,
            "green_area_m2_planted": 0.0,
            "green_area_m2_alive": 0.0,
        },
        {
            "date": "2027-05-20",
            "trees_planted": 3,
            "trees_alive": 3,
            "green_area_m2_planted": planted,
            "green_area_m2_alive": alive,
        },
        {
            "date": "2027-06-15",
            "trees_planted": 3,
            "trees_alive": 2,
            "green_area_m2_planted": planted,
            "green_area_m2_alive": alive,
        },
    ]
    assert (zeta["status"], alpha["status"]) == ("in_progress", "in_progress")
    assert zeta["progress"] == cowork.supervision.summary(city.zeta)["progress"]
    assert zeta["url"] == f"/p/{city.zeta}" and len(zeta["bbox"]) == 4
    trees = [f for f in mapped(cowork)["green"]["features"] if f["properties"]["kind"] == "tree"]
    # The removed tree stays on the green layer, marked: a lost tree is what this layer is for.
    assert sorted((f["properties"]["status"], f["properties"]["species"] or "") for f in trees) == [
        ("built", ""),
        ("built", "elm"),
        ("removed", ""),
    ]


def test_signs_pointing_at_nothing_within_300_m_are_listed_for_review(cowork, city):
    answer = cowork.city.city()
    assert answer["signs"] == 4  # S1, S2 (proposed), S3, S4: none of the withheld workshop's
    review = {s["id"]: s for s in answer["signs_to_review"]}
    # S1 points at a path 200 m ahead: fine. S2 points away from everything, S3 at a path 320 m ahead: listed.
    # S4 has no bearing, so no arrow to check.
    assert set(review) == {city.ids["S2"], city.ids["S3"]}
    assert review[city.ids["S2"]] == {
        "id": city.ids["S2"],
        "text": "Nowhere",
        "bearing": 0,
        "sign_type": None,
        "position": at(1000, 1500),
        "project_id": None,
        "workshop_id": city.proposed,
    }
    assert review[city.ids["S3"]]["project_id"] == city.alpha
    flags = {f["properties"]["id"]: f["properties"]["review"] for f in mapped(cowork)["signs"]["features"]}
    assert flags == {city.ids["S1"]: False, city.ids["S2"]: True, city.ids["S3"]: True, city.ids["S4"]: False}


def test_an_arrow_points_at_what_lies_within_ten_degrees_of_its_bearing():
    """A sign beside a lane, pointing along it, points at the lane; one turned 25° off a short path points at
    nothing."""
    lane = LineString([at(7, 0), at(7, 250)])  # 7 m east of the signs, running north
    path = LineString([at(-20, 100), at(20, 100)])  # 40 m across, 100 m north
    signs = [
        Sign("along", at(0, 0), 0, None, None, "w"),
        Sign("off", at(0, 0), 25, None, None, "w"),
        Sign("back", at(0, 0), 180, None, None, "w"),
        Sign("near-edge", at(0, 0), 9, None, None, "w"),
    ]
    assert signs_to_review(signs, [Target(path)]) == {"off", "back"}  # 9° still meets the path's end (11° off north)
    assert signs_to_review(signs, [Target(lane)]) == {"back"}


def test_a_sign_does_not_point_at_the_edge_of_its_own_site():
    """In a courtyard 200 m across, every arrow reaches its own fence within 300 m: that is not pointing at anything.
    The next site's outline, ahead of it, is."""
    own = Polygon([at(-100, -100), at(100, -100), at(100, 100), at(-100, 100)])
    next_door = Polygon([at(150, -20), at(250, -20), at(250, 20), at(150, 20)])  # east of the courtyard
    signs = [Sign(f"b{bearing}", at(0, 0), bearing, None, None, "yard") for bearing in range(0, 360, 45)]
    targets = [Target(own.boundary, "yard"), Target(next_door.boundary, "next")]
    assert signs_to_review(signs, targets) == {s.id for s in signs} - {"b90"}
    assert signs_to_review(signs, [Target(own.boundary, "elsewhere")]) == set(), "another site's outline is a target"


def test_in_a_small_site_a_sign_pointing_only_at_its_fence_is_listed_and_additions_are_on_the_map(cowork):
    """A courtyard 200 m across: one sign points at a path, one only at the courtyard's own fence (listed). A visit
    finds a lane and three trees built that the design did not have: they are on the map and in the network."""
    b = Builder(cowork)
    yard, facilitator, (aru,) = b.workshop("Yard", ("Aru",), site=square(0, 0, 200, 200))
    design = b.design(aru, "Yard plan")
    b.add(aru, design, "path", "path", line((20, 150), (180, 150)))
    b.add(aru, design, "to path", "sign", point(100, 50), {"text": "Path", "bearing": 0})
    b.add(aru, design, "to fence", "sign", point(100, 50), {"text": "Fence", "bearing": 180})
    b.close(facilitator)
    project, author = b.adopt(facilitator, yard, design, "Yard")
    added_lane, added_trees = line((190, 20), (190, 180)), point(30, 100)
    b.visit(
        author,
        "2027-05-10",
        ObservationIn(None, "bike_lane", "built", added_lane, None, "", {"facility": "separated"}),
        ObservationIn(None, "tree", "built", added_trees, 3, "compensation"),
    )
    answer = cowork.city.city()
    assert [s["text"] for s in answer["signs_to_review"]] == ["Fence"]
    lanes = mapped(cowork)["cycle_lanes"]["features"]
    assert [(f["properties"]["facility"], f["properties"]["status"], f["properties"]["project_id"]) for f in lanes] == [
        ("separated", "built", project)
    ]
    assert answer["cycle_network"]["length_m_by_status"]["built"] == pytest.approx(geodesic_length(added_lane), abs=0.1)
    green = [f["properties"] for f in mapped(cowork)["green"]["features"]]
    assert green == [
        {"project_id": project, "kind": "tree", "status": "built", "unplanned": True, "count": 3, "species": None}
    ]
    assert answer["green"]["trees_alive"] == 3  # the ledger counted them already: now the map shows them too


def test_hidden_elements_other_designs_and_a_workshop_without_open_data_never_appear(cowork, city):
    answer = cowork.city.city()
    text = json.dumps(answer, ensure_ascii=False)
    for never in city.never:
        assert never not in text, never
    assert [s["workshop_id"] for s in sites_of(mapped(cowork))] == [city.adopted, city.proposed, city.planned]
    assert all(s["results_url"] == f"/w/{s['workshop_id']}/results" for s in sites_of(mapped(cowork)))
    # Turning open data off withdraws a site and its proposal at once (the kept answer follows the change).
    cowork.facilitation.update_settings(city.facilitators[city.proposed], SettingsUpdate({"open_data": False}))
    after = cowork.city.city()
    assert city.proposed not in json.dumps(after)
    assert after["cycle_network"]["length_m_by_status"]["proposed"] == 0 and after["cycle_network"]["gaps"] == []


def test_a_live_workshop_is_not_on_the_city_map_and_every_listed_id_opens_only_a_closed_workshop(cowork, city, server):
    """The attacker's probe of issue 21: `/api/city` listed every workshop with open data on, in any phase, and its
    id opened the live workshop's GeoJSON export to anyone. The map now lists published workshops only (closed,
    open data on), and each id it lists opens an export anyone may read."""
    b = Builder(cowork)
    live, facilitator, (gul,) = b.workshop("Live", ("Gul",))
    b.add(gul, b.design(gul, "Still drawing"), "sign", "sign", point(700, 700), {"text": "Draft words", "bearing": 0})
    for phase in ("sketching", "voting", "closed"):
        cowork.facilitation.set_phase(facilitator, PhaseSet(phase))
        answer = requests.get(f"{server}/api/city/layers?bbox=-180,-90,180,90&zoom=22", timeout=30).json()
        listed = [site["workshop_id"] for site in sites_of(answer["layers"])]
        assert (live in listed, "Draft words" in json.dumps(answer)) == (phase == "closed",) * 2, phase
        assert {site["phase"] for site in sites_of(answer["layers"])} == {"closed"}
        for workshop_id in listed:
            assert requests.get(f"{server}/api/workshops/{workshop_id}/export.geojson", timeout=30).status_code == 200


def test_a_new_visit_is_seen_at_once(cowork, city):
    first = cowork.city.city()
    assert cowork.city.city() == first  # kept while nothing changes
    supervisor = city.supervisors["alpha"]
    cowork.supervision.record_visit(
        supervisor, VisitCreate(None, "2027-07-01", "", "", (seen(city.ids["C1"], "built"),))
    )
    after = cowork.city.city()
    assert after["cycle_network"]["length_m_by_status"]["built"] == pytest.approx(
        geodesic_length(A1_BUILT) + geodesic_length(C1), abs=0.11
    )
    assert after["cycle_network"]["length_m_by_status"]["planned"] == 0


def test_a_city_with_nothing_in_it(cowork):
    answer = cowork.city.city()
    assert (answer["projects"], answer["signs"], answer["signs_to_review"], answer["bbox"]) == ([], 0, [], None)
    assert answer["counts"] == dict.fromkeys(("sites", "plans", "green", "cycle_lanes", "gaps", "signs"), 0)
    assert answer["cycle_network"] == {
        "length_m_by_status": dict.fromkeys(LANE_STATUSES, 0.0),
        "length_m_by_facility": dict.fromkeys(FACILITIES, 0.0),
        "parts": 0,
        "gaps": [],
    }
    assert answer["green"]["history"] == [] and answer["green"]["trees_required"] == 0
    assert all(layer["features"] == [] for layer in mapped(cowork).values())


@pytest.mark.parametrize(
    "statuses, expected",
    [
        ({}, "planned"),
        ({"planned": 2, "missing": 1}, "planned"),
        ({"planned": 1, "built": 1}, "in_progress"),
        ({"in_progress": 1}, "in_progress"),
        ({"built": 3}, "built"),
        ({"built": 2, "built_with_deviation": 1}, "built_with_deviation"),
        ({"built": 2, "removed": 1}, "built_with_deviation"),
    ],
)
def test_a_projects_status(statuses, expected):
    assert project_status(statuses) == expected


def test_get_api_city_is_public_json_of_the_contracts_shape(city, server):
    response = requests.get(f"{server}/api/city", timeout=30)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {
        "generated_at",
        "projects",
        "cycle_network",
        "green",
        "signs",
        "signs_to_review",
        "counts",
        "bbox",
    }
    assert set(body["projects"][0]) == {"id", "workshop_id", "title", "status", "progress", "green", "url", "bbox"}
    assert set(body["cycle_network"]) == {"length_m_by_status", "length_m_by_facility", "parts", "gaps"}
    assert body["generated_at"].endswith("Z") and body["cycle_network"]["parts"] == 2
    # Every field of this city's answer (lanes, gaps, signs to review, history) as the OpenAPI document says.
    schemathesis.openapi.from_dict(document())["/api/city"]["GET"].validate_response(response)
    layers = requests.get(f"{server}/api/city/layers", params={"bbox": "-180,-90,180,90", "zoom": 22}, timeout=30)
    assert set(layers.json()["layers"]) == {"sites", "plans", "green", "cycle_lanes", "gaps", "signs"}
    assert body["counts"] == {name: len(layer["features"]) for name, layer in layers.json()["layers"].items()}
    assert (body["counts"]["sites"], body["counts"]["signs"], body["counts"]["gaps"]) == (3, 4, 1)
    square = [at(0, 0)[0], at(0, 0)[1], at(2000, 2000)[0], at(2000, 2000)[1]]  # the sites' (its sides are geodesics)
    assert body["bbox"] == pytest.approx(square, abs=1e-5)
    schemathesis.openapi.from_dict(document())["/api/city/layers"]["GET"].validate_response(layers)
    assert len(layers.content) < 20_000 and len(response.content) < 10_000  # the figures carry no geometry


@pytest.fixture
def limited(settings):
    """Settings for a server behind one trusted proxy that lets an address read the city map 3 times a minute."""
    settings.PROXY_HOPS, settings.LIMIT_CITY = 1, "3/minute"
    return settings


def test_get_api_city_is_rate_limited_per_address(limited, server):
    assert_limited_per_address(server, "/api/city", 3)
