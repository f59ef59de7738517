"""Visits with deviations, progress and the green ledger, and visits refused."""

from __future__ import annotations

import uuid

import pytest

from ..support import LAWN, PATH, TREE
from .adopted import bearer, moved


def test_deviations_on_known_cases(adopted):
    response = adopted.visit(
        adopted.aru_key,
        "2027-05-10",
        [
            {"element_id": adopted.ids["bench"], "status": "built", "as_built": moved(TREE, east_m=5), "count": 1},
            {"element_id": adopted.ids["path"], "status": "built", "as_built": moved(PATH, north_m=3)},
            {"element_id": adopted.ids["play"], "status": "built", "as_built": moved(LAWN, scale_east=0.8)},
            {
                "element_id": adopted.ids["tree1"],
                "status": "built",
                "as_built": moved({"type": "Point", "coordinates": [76.9520, 43.2608]}, east_m=1),
            },
        ],
    )
    assert response.status_code == 201, response.get_json()
    observations = {o["element_id"]: o for o in response.get_json()["observations"]}
    bench, path, play, tree = (observations[adopted.ids[n]] for n in ("bench", "path", "play", "tree1"))
    assert (
        bench["deviation"]["offset_m"] == pytest.approx(5, abs=0.05)
        and bench["effective_status"] == "built_with_deviation"
    )
    assert path["deviation"]["hausdorff_m"] == pytest.approx(3, abs=0.05)
    assert (
        path["deviation"]["length_change_pct"] == pytest.approx(0, abs=0.1)
        and path["effective_status"] == "built_with_deviation"
    )
    assert play["deviation"]["area_change_pct"] == pytest.approx(-20, abs=0.3)
    assert (
        play["deviation"]["iou"] == pytest.approx(0.8, abs=0.01) and play["effective_status"] == "built_with_deviation"
    )
    assert tree["deviation"]["offset_m"] == pytest.approx(1, abs=0.05) and tree["effective_status"] == "built"


def test_progress_counts_latest_observations_and_never_observed_as_planned(adopted):
    adopted.visit(
        adopted.aru_key,
        "2027-05-10",
        [
            {"element_id": adopted.ids["bench"], "status": "built"},
            {"element_id": adopted.ids["tree1"], "status": "built"},
            {"element_id": adopted.ids["path"], "status": "in_progress"},
        ],
    )
    progress = adopted.summary()["progress"]
    assert (progress["built"], progress["total"], progress["percent"]) == (2, 6, 33.3)
    assert progress["by_kind"]["tree"] == {"total": 2, "built": 1, "percent": 50.0}
    assert progress["statuses"]["planned"] == 3 and progress["statuses"]["in_progress"] == 1
    # A later visit finds the bench removed: progress follows the latest observation.
    adopted.visit(adopted.bek_key, "2027-06-01", [{"element_id": adopted.ids["bench"], "status": "removed"}])
    assert adopted.summary()["progress"]["built"] == 1
    # An earlier-dated visit recorded afterwards does not override the newer one.
    adopted.visit(adopted.bek_key, "2027-05-20", [{"element_id": adopted.ids["bench"], "status": "built"}])
    assert adopted.summary()["progress"]["built"] == 1


def test_green_ledger_required_planted_alive_and_history(adopted):
    lawn_area = next(e for e in adopted.summary()["plan"] if e["kind"] == "green_area")["measure"]["area_m2"]
    adopted.visit(
        adopted.aru_key,
        "2027-05-10",
        [
            {"element_id": adopted.ids["tree1"], "status": "built"},
            {"element_id": adopted.ids["tree2"], "status": "built"},
            {"element_id": adopted.ids["lawn"], "status": "built"},
            {
                "kind": "tree",
                "status": "built",
                "as_built": {"type": "Point", "coordinates": [76.9540, 43.2610]},
                "note": "compensation",
            },
        ],
    )
    ledger = adopted.summary()["green_ledger"]
    assert (ledger["trees_required"], ledger["trees_planted"], ledger["trees_alive"], ledger["trees_shortfall"]) == (
        2,
        3,
        3,
        0,
    )
    assert ledger["green_required_m2"] == pytest.approx(lawn_area) and ledger["green_alive_m2"] == pytest.approx(
        lawn_area
    )
    adopted.visit(
        adopted.aru_key,
        "2027-09-01",
        [
            {"element_id": adopted.ids["tree1"], "status": "missing", "note": "dried out"},
            {"element_id": adopted.ids["tree2"], "status": "missing"},
        ],
    )
    ledger = adopted.summary()["green_ledger"]
    assert (ledger["trees_planted"], ledger["trees_alive"], ledger["trees_shortfall"]) == (3, 1, 1)
    assert [h["trees_alive"] for h in ledger["history"]] == [3, 1]
    assert adopted.summary()["progress"]["additions"] == 1


def test_bad_visits_are_refused_and_save_nothing(adopted):
    cases = [
        ({"date": "10.05.2027", "observations": []}, 400),
        ({"date": "2027-05-10", "observations": [{"element_id": adopted.ids["bench"], "status": "finished"}]}, 400),
        ({"date": "2027-05-10", "observations": [{"element_id": str(uuid.uuid4()), "status": "built"}]}, 404),
        (
            {
                "date": "2027-05-10",
                "observations": [{"element_id": adopted.ids["bench"], "status": "built", "as_built": PATH}],
            },
            400,
        ),
        (
            {
                "date": "2027-05-10",
                "observations": [
                    {
                        "element_id": adopted.ids["bench"],
                        "status": "built",
                        "as_built": {"type": "Point", "coordinates": [76.9, 43.2]},
                    }
                ],
            },
            400,
        ),
        ({"date": "2027-05-10", "observations": [{"status": "built"}]}, 400),
    ]
    for body, status in cases:
        response = adopted.client.post(
            f"/api/projects/{adopted.project_id}/visits", headers=bearer(adopted.aru_key), json=body
        )
        assert response.status_code == status, (body, response.get_json())
    assert adopted.summary()["visits"] == []


def test_a_later_visit_without_a_new_shape_keeps_the_measured_deviation(adopted):
    adopted.visit(
        adopted.aru_key,
        "2027-05-10",
        [{"element_id": adopted.ids["bench"], "status": "built", "as_built": moved(TREE, east_m=8)}],
    )
    later = adopted.visit(
        adopted.aru_key, "2027-06-10", [{"element_id": adopted.ids["bench"], "status": "built"}]
    ).get_json()
    assert later["observations"][0]["effective_status"] == "built_with_deviation"
    bench = next(e for e in adopted.summary()["plan"] if e["element_id"] == adopted.ids["bench"])
    assert bench["status"] == "built_with_deviation" and bench["deviation"]["offset_m"] == pytest.approx(8, abs=0.05)
    # A new measurement replaces it.
    adopted.visit(
        adopted.aru_key, "2027-07-10", [{"element_id": adopted.ids["bench"], "status": "built", "as_built": TREE}]
    )
    bench = next(e for e in adopted.summary()["plan"] if e["element_id"] == adopted.ids["bench"])
    assert bench["status"] == "built" and bench["deviation"]["offset_m"] == 0


def test_a_polygon_corner_built_20_m_away_is_flagged_by_distance(adopted):
    corner_moved = {
        "type": "Polygon",
        "coordinates": [
            [[76.9520, 43.2570], [76.9535, 43.2570], [76.95375, 43.2580], [76.9520, 43.2580], [76.9520, 43.2570]]
        ],
    }
    response = adopted.visit(
        adopted.aru_key,
        "2027-05-10",
        [{"element_id": adopted.ids["play"], "status": "built", "as_built": corner_moved}],
    )
    observation = response.get_json()["observations"][0]
    assert observation["deviation"]["hausdorff_m"] > 15 and observation["deviation"]["iou"] > 0.9
    assert observation["deviation"]["flagged"] is True and observation["effective_status"] == "built_with_deviation"
