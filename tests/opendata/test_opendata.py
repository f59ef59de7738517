"""The open-data service: what is published (and what never is), the five collections' fields and figures, and the
filters of a query, on both databases."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from pyproj import Geod

from cowork.errors import CoworkError
from cowork.opendata.service import COLLECTIONS, FeatureQuery

from .world import open_city

WGS84 = Geod(ellps="WGS84")


@pytest.fixture
def city(cowork):
    return open_city(cowork)


def ids(cowork, collection, **query):
    return [f["id"] for f in cowork.opendata.features(collection, FeatureQuery(**query)).features]


def test_only_closed_workshops_with_open_data_on_are_published(cowork, city):
    assert ids(cowork, "sites") == [city.published]
    sketches = ids(cowork, "sketches")
    assert sorted(sketches) == sorted([city.elements[k] for k in ("tree", "path", "green_area", "bench")])
    for never in (city.hidden_element_id, city.elements["spam"], city.withheld_element_id, city.running_element_id):
        assert never not in sketches
    # Turning open_data off again withdraws a published workshop at once; adopted projects stay.
    from cowork.workshop.payloads import SettingsUpdate

    with cowork.db.read() as session:
        from cowork.models.workshop import Participant

        facilitator_id = (
            session.query(Participant.id).filter_by(workshop_id=city.published, role="facilitator").scalar()
        )
    from cowork.core.identities import Identity

    cowork.facilitation.update_settings(
        Identity(facilitator_id, city.published, "", "facilitator"), SettingsUpdate({"open_data": False})
    )
    assert ids(cowork, "sites") == [] and ids(cowork, "sketches") == []
    assert ids(cowork, "projects") == [city.project_id]


def test_every_feature_has_every_field_of_its_collection_and_no_name_or_secret(cowork, city):
    for collection, info in COLLECTIONS.items():
        page = cowork.opendata.features(collection)
        assert page.features, collection
        for feature in page.features:
            assert list(feature["properties"]) == [f.name for f in info.fields]
        text = json.dumps(page.features, ensure_ascii=False)
        for secret in city.secrets + city.names:
            assert secret not in text, (collection, secret)
    assert "rude" not in json.dumps(cowork.opendata.features("sketches").features)


def test_site_figures(cowork, city):
    (site,) = cowork.opendata.features("sites").features
    props = site["properties"]
    assert props["phase"] == "closed" and props["title"] == "Panfilov" and props["closed_at"].endswith("Z")
    # Three participants; the hidden design and the hidden element are not counted; three dots.
    assert (props["participants"], props["designs"], props["elements"], props["votes"]) == (3, 2, 4, 3)
    area, _ = WGS84.geometry_area_perimeter(__import__("shapely.geometry", fromlist=["shape"]).shape(site["geometry"]))
    assert props["area_m2"] == pytest.approx(abs(area), rel=0.005)


def test_sketch_attributes_rank_and_measures(cowork, city):
    features = {f["id"]: f["properties"] for f in cowork.opendata.features("sketches").features}
    tree, path, lawn, bench = (features[city.elements[k]] for k in ("tree", "path", "green_area", "bench"))
    assert (tree["design_title"], tree["design_votes"], tree["design_rank"], tree["kind"]) == (
        "Green heart",
        2,
        1,
        "tree",
    )
    assert (bench["design_title"], bench["design_votes"], bench["design_rank"]) == ("Quiet corner", 1, 2)
    assert tree["length_m"] is None and tree["area_m2"] is None
    assert isinstance(path["length_m"], float) and path["length_m"] > 100 and path["area_m2"] is None
    assert isinstance(lawn["area_m2"], float) and lawn["area_m2"] > 0


def test_projects_plans_and_as_built(cowork, city):
    (project,) = cowork.opendata.features("projects").features
    props = project["properties"]
    assert project["id"] == city.project_id and project["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert (props["title"], props["organisation"], props["visits"], props["last_visit"]) == (
        "Panfilov phase 1",
        "Akimat",
        1,
        "2027-05-10",
    )
    assert props["progress_pct"] == pytest.approx(100 / 3, abs=0.1)  # the tree of three plan elements is built
    assert (props["trees_required"], props["trees_planted"], props["trees_alive"], props["trees_shortfall"]) == (
        1,
        1,
        1,
        0,
    )
    assert props["green_area_m2_required"] > 0 and props["green_area_m2_planted"] == 0
    plans = {f["properties"]["element_id"]: f for f in cowork.opendata.features("plans").features}
    assert set(plans) == {city.elements[k] for k in ("tree", "path", "green_area")}
    # The tree stands 3 m from where it was drawn, beyond the default tolerance.
    assert plans[city.elements["tree"]]["properties"]["status"] == "built_with_deviation"
    assert plans[city.elements["path"]]["properties"]["status"] == "in_progress"
    assert plans[city.elements["green_area"]]["properties"]["status"] == "planned"
    assert all(f["id"] == f"{city.project_id}_{e}" for e, f in plans.items())
    built = {f["properties"]["element_id"]: f["properties"] for f in cowork.opendata.features("as_built").features}
    assert set(built) == {city.elements["tree"], city.elements["path"]}
    assert (
        built[city.elements["tree"]]["offset_m"] > 2
        and built[city.elements["tree"]]["flagged"] is True
        and built[city.elements["tree"]]["visit_date"] == "2027-05-10"
    )
    assert built[city.elements["path"]]["hausdorff_m"] > 0 and built[city.elements["path"]]["length_m"] > 100
    # The supervisor's note on the path ("half") is hers: her visit's notes were not marked public.
    assert built[city.elements["path"]]["note"] == ""


def test_filters_boxes_times_and_pages(cowork, city):
    everything = ids(cowork, "sketches")
    assert ids(cowork, "sketches", workshop_id=city.published) == everything
    assert ids(cowork, "sketches", workshop_id=city.withheld) == []
    assert ids(cowork, "plans", project_id=city.project_id) == ids(cowork, "plans")
    assert ids(cowork, "plans", project_id="nope") == []
    with pytest.raises(CoworkError) as refused:
        cowork.opendata.features("sites", FeatureQuery(project_id=city.project_id))
    assert refused.value.code == "invalid"
    # A box around the tree only; a box far away.
    assert ids(cowork, "sketches", bbox=(76.9519, 43.2603, 76.9521, 43.2605)) == [city.elements["tree"]]
    assert ids(cowork, "sketches", bbox=(10.0, 10.0, 11.0, 11.0)) == []
    # The visit was on 2027-05-10: the as-built shapes are in that day, not before.
    day = datetime(2027, 5, 10, 12, tzinfo=UTC)
    assert len(ids(cowork, "as_built", start=day, end=day)) == 2
    assert ids(cowork, "as_built", end=datetime(2027, 5, 9, tzinfo=UTC)) == []
    assert len(ids(cowork, "as_built", start=datetime(2027, 5, 1, tzinfo=UTC))) == 2
    page = cowork.opendata.features("sketches", FeatureQuery(offset=1, limit=2))
    assert page.matched == 4 and [f["id"] for f in page.features] == everything[1:3]


def test_extents_and_single_features(cowork, city):
    extents = cowork.opendata.extents()
    assert {cid: e.count for cid, e in extents.items()} == {
        "sites": 1,
        "sketches": 4,
        "projects": 1,
        "plans": 3,
        "as_built": 2,
    }
    west, south, east, north = extents["sites"].bbox
    assert west < 76.952 < east and south < 43.2604 < north
    assert extents["as_built"].interval == ("2027-05-10T00:00:00Z", "2027-05-10T23:59:59Z")
    assert cowork.opendata.feature("sketches", city.elements["tree"])["id"] == city.elements["tree"]
    for collection, missing in (
        ("sketches", city.hidden_element_id),
        ("sketches", city.running_element_id),
        ("sites", city.withheld),
    ):
        with pytest.raises(CoworkError) as refused:
            cowork.opendata.feature(collection, missing)
        assert refused.value.code == "not_found"
    with pytest.raises(CoworkError):
        cowork.opendata.features("roads")


def test_what_is_read_follows_every_change_at_once(cowork, city):
    # Built once and kept per process: a new visit, a vote or publishing must show at the next read all the same.
    from cowork.supervision.payloads import ObservationIn, VisitCreate

    from .world import LAWN

    assert len(ids(cowork, "as_built")) == 2 and cowork.opendata.extents()["as_built"].count == 2
    key = next(iter(cowork.opendata.features("projects").features))["properties"]
    assert key["green_area_m2_planted"] == 0
    supervisor = cowork.access.supervisor(city.keys[0], city.project_id)
    cowork.supervision.record_visit(
        supervisor,
        VisitCreate(
            None,
            "2027-06-01",
            "Lawn sown",
            "",
            (ObservationIn(city.elements["green_area"], None, "built", LAWN, None, "Sown by the contractor"),),
            notes_public=True,
        ),
    )
    assert len(ids(cowork, "as_built")) == 3 and cowork.opendata.extents()["as_built"].count == 3
    (project,) = cowork.opendata.features("projects").features
    assert project["properties"]["green_area_m2_planted"] > 0 and project["properties"]["last_visit"] == "2027-06-01"
    plans = {
        f["properties"]["element_id"]: f["properties"]["status"] for f in cowork.opendata.features("plans").features
    }
    assert plans[city.elements["green_area"]] == "built"
    # The author marked this visit's notes public: its note is published, the earlier visit's stays hers.
    notes = {
        f["properties"]["element_id"]: f["properties"]["note"] for f in cowork.opendata.features("as_built").features
    }
    assert notes[city.elements["green_area"]] == "Sown by the contractor" and notes[city.elements["path"]] == ""
