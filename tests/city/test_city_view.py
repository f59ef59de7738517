"""The city map's layers by view (GET /api/city/layers) on both databases: a view answers only what is in it, the
sites and signs come as counted clusters at low zoom, and a malformed view is refused."""

from __future__ import annotations

import pytest
import requests

from cowork.workshop.payloads import PhaseSet

from .world import Builder, at, build_city, mapped, sites_of


def box(south_west: list[float], north_east: list[float]) -> str:
    return ",".join(str(v) for v in (*south_west, *north_east))


def test_a_view_answers_only_what_is_in_it(cowork):
    city = build_city(cowork)
    # Around lane C1 (x = 1200 m, north 1000 to 1500 m) and nothing else drawn: no other lane, no sign, no path.
    near_c1 = mapped(cowork, box(at(1150, 1200), at(1250, 1400)), 18)
    assert [f["properties"]["id"] for f in near_c1["cycle_lanes"]["features"]] == [city.ids["C1"]]
    assert near_c1["signs"]["features"] == [] and near_c1["gaps"]["features"] == []
    assert [f["properties"]["kind"] for f in near_c1["plans"]["features"]] == ["bike_lane"]
    # Every site is the same 2 km square: each one meets the view.
    assert {s["workshop_id"] for s in sites_of(near_c1)} == {city.adopted, city.proposed, city.planned}
    # Around S2 (1000 m east, 1500 m north): the proposed sign alone, with its flag.
    near_s2 = mapped(cowork, box(at(990, 1490), at(1010, 1510)), 18)
    assert [f["properties"]["id"] for f in near_s2["signs"]["features"]] == [city.ids["S2"]]
    assert near_s2["signs"]["features"][0]["properties"]["review"] is True
    # Far from the city: nothing.
    far = mapped(cowork, "10,10,11,11", 18)
    assert all(layer["features"] == [] and layer["clustered"] is False for layer in far.values())


def test_sites_and_signs_are_counted_in_clusters_at_low_zoom(cowork):
    city = build_city(cowork)
    whole = box(at(-100, -100), at(2100, 2100))
    low = mapped(cowork, whole, 10)
    assert low["sites"]["clustered"] and low["signs"]["clustered"]
    (sites,) = low["sites"]["features"]  # three sites on one square: one cell at zoom 10 (a cell is ~10 km)
    assert sites["properties"] == {"cluster": True, "count": 3}
    lon, lat = sites["geometry"]["coordinates"]
    assert at(0, 0)[0] < lon < at(2000, 0)[0] and at(0, 0)[1] < lat < at(0, 2000)[1]
    assert sum(f["properties"]["count"] for f in low["signs"]["features"]) == 4
    assert not low["cycle_lanes"]["clustered"] and len(low["cycle_lanes"]["features"]) == 3  # few: as they are
    # Closer, cells are smaller: the signs 1.2 km apart fall into cells of their own.
    closer = mapped(cowork, whole, 13)
    assert len(closer["signs"]["features"]) > 1
    assert sum(f["properties"]["count"] for f in closer["signs"]["features"]) == 4
    # From zoom 14 the features themselves.
    close = mapped(cowork, whole, 14)
    assert not close["sites"]["clustered"] and {s["workshop_id"] for s in sites_of(close)} == {
        city.adopted,
        city.proposed,
        city.planned,
    }


def test_a_withdrawn_site_leaves_its_cluster(cowork):
    build_city(cowork)
    b = Builder(cowork)
    live, facilitator, _ = b.workshop("Late", ("Dana",))
    b.close(facilitator)
    whole = box(at(-100, -100), at(2100, 2100))
    assert mapped(cowork, whole, 10)["sites"]["features"][0]["properties"]["count"] == 4
    cowork.facilitation.set_phase(facilitator, PhaseSet("voting", reopen=True))
    assert mapped(cowork, whole, 10)["sites"]["features"][0]["properties"]["count"] == 3
    assert live not in str(mapped(cowork, whole, 14))


@pytest.mark.parametrize(
    "query",
    ["bbox=1,2,3&zoom=10", "bbox=3,2,1,4&zoom=10", "bbox=a,b,c,d&zoom=10", "bbox=1,2,3,4&zoom=30", "bbox=1,2,3,4"],
)
def test_a_malformed_view_is_refused(server, query):
    response = requests.get(f"{server}/api/city/layers?{query}", timeout=30)
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid"
