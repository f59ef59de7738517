"""GeoPackage exports read back with GDAL: a workshop's, a project's and the city's, each compared feature by feature
with the GeoJSON export (or the open-data collections) of the same thing; access and limits as the exports'."""

from __future__ import annotations

import subprocess
import uuid

import pytest
import requests
import shapely
from shapely.geometry import shape

from cowork import create_app
from cowork.opendata.service import COLLECTIONS
from cowork.workshop.payloads import (
    DesignCreate,
    ElementAdd,
    Join,
    Moderate,
    PhaseSet,
    SettingsUpdate,
    VoteChange,
    WorkshopCreate,
)

from ..support import PARK, TREE, read_geopackage
from .world import open_city


@pytest.fixture
def city(cowork):
    return open_city(cowork)


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def same_shape(a: dict, b: dict) -> bool:
    return shapely.equals_exact(shape(a), shape(b), tolerance=1e-9)


def fetch(url: str, **kwargs) -> requests.Response:
    response = requests.get(url, timeout=30, **kwargs)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/geopackage+sqlite3"
    assert response.content.startswith(b"SQLite format 3\x00")
    return response


def test_a_workshop_geopackage_holds_what_its_geojson_export_holds(server, city):
    for headers in ({}, bearer(city.secrets[0])):  # anyone, then the facilitator (hidden things too)
        layers = read_geopackage(fetch(f"{server}/api/workshops/{city.published}/export.gpkg", headers=headers).content)
        assert list(layers) == ["sites", "sketches"]
        exported = requests.get(
            f"{server}/api/workshops/{city.published}/export.geojson", headers=headers, timeout=30
        ).json()
        rows = {f["properties"]["id"]: f for f in layers["sketches"]}
        assert set(rows) == {f["id"] for f in exported["features"]}
        for feature in exported["features"]:
            row, props = rows[feature["id"]], feature["properties"]
            assert same_shape(row["geometry"], feature["geometry"])
            got = row["properties"]
            assert (got["kind"], got["design_id"], got["design_title"], got["design_votes"], got["note"]) == (
                props["kind"],
                props["design_id"],
                props["design_title"],
                props["design_votes"],
                props["note"],
            )
            assert (got["length_m"], got["area_m2"]) == (
                props["measure"].get("length_m"),
                props["measure"].get("area_m2"),
            )
            assert got["created_at"] == props["created_at"] and got["updated_at"] == props["updated_at"]
        (site,) = layers["sites"]
        assert site["properties"]["id"] == city.published and site["properties"]["phase"] == "closed"
    assert city.hidden_element_id in rows  # the facilitator's file, as the facilitator's GeoJSON export
    public = read_geopackage(fetch(f"{server}/api/workshops/{city.published}/export.gpkg").content)
    assert city.hidden_element_id not in {f["properties"]["id"] for f in public["sketches"]}


def test_a_workshop_geopackage_gives_no_dots_to_whoever_may_not_see_running_tallies(server, cowork):
    """The attacker's probe of issue 21: in `voting` with `show_running_tallies` off, the workshop GeoPackage's
    `sites.votes` carried the total (3 after three dots; 1 after the facilitator hid one of two designs, which is
    the other's tally), and each sketch its `design_rank`. A participant now gets neither, the facilitator both."""
    created = cowork.workshops.create(WorkshopCreate("Dots", "Park", PARK))
    facilitator = cowork.access.participant(created["facilitator_token"])
    tokens = [cowork.workshops.join(Join(created["join_code"], name))["token"] for name in ("Aru", "Bek", "Cem")]
    aru, bek, cem = (cowork.access.participant(token) for token in tokens)
    shade, water = (
        cowork.sketches.create_design(who, DesignCreate(title, str(uuid.uuid4()))).reply["design"]["id"]
        for who, title in ((aru, "Shade"), (bek, "Water"))
    )
    for who, design in ((aru, shade), (bek, water)):
        cowork.sketches.add_element(who, ElementAdd(str(uuid.uuid4()), design, "tree", TREE, ""))
    cowork.facilitation.set_phase(facilitator, PhaseSet("voting"))
    for who, design in ((bek, shade), (cem, shade), (aru, water)):
        cowork.voting.cast(who, VoteChange(design))
    url = f"{server}/api/workshops/{created['id']}/export.gpkg"

    def dots(token: str) -> tuple:
        layers = read_geopackage(fetch(url, headers=bearer(token)).content)
        (site,) = layers["sites"]
        sketches = {f["properties"]["design_title"]: f["properties"] for f in layers["sketches"]}
        return site["properties"]["votes"], {t: (p["design_votes"], p["design_rank"]) for t, p in sketches.items()}

    unseen = {"Shade": (None, None), "Water": (None, None)}
    assert dots(tokens[2]) == (None, unseen)
    assert dots(created["facilitator_token"]) == (3, {"Shade": (2, 1), "Water": (1, 2)})
    cowork.facilitation.moderate(facilitator, Moderate("design", shade, True, "off-topic"))
    assert dots(tokens[2]) == (None, {"Water": (None, None)})
    assert requests.get(url, timeout=30).status_code == 401  # and no one else reads a live workshop at all
    cowork.facilitation.update_settings(facilitator, SettingsUpdate({"show_running_tallies": True}))
    assert dots(tokens[2]) == (1, {"Water": (1, 1)})


def test_a_project_geopackage_holds_the_plan_and_the_as_built_of_its_geojson_export(server, city):
    layers = read_geopackage(fetch(f"{server}/api/projects/{city.project_id}/export.gpkg").content)
    assert list(layers) == ["projects", "plans", "as_built"]
    exported = requests.get(f"{server}/api/projects/{city.project_id}/export.geojson", timeout=30).json()["features"]
    design = {f["properties"]["element_id"]: f for f in exported if f["properties"]["layer"] == "design"}
    built = {f["properties"]["element_id"]: f for f in exported if f["properties"]["layer"] == "as_built"}
    plans = {f["properties"]["element_id"]: f for f in layers["plans"]}
    assert set(plans) == set(design)
    for element_id, feature in design.items():
        got, props = plans[element_id]["properties"], feature["properties"]
        assert same_shape(plans[element_id]["geometry"], feature["geometry"])
        assert (got["kind"], got["status"], got["note"], got["length_m"], got["area_m2"]) == (
            props["kind"],
            props["status"],
            props["note"],
            props["measure"].get("length_m"),
            props["measure"].get("area_m2"),
        )
    as_built = {f["properties"]["element_id"]: f for f in layers["as_built"]}
    assert set(as_built) == set(built)
    for element_id, feature in built.items():
        got, deviation = as_built[element_id]["properties"], feature["properties"]["deviation"]
        assert same_shape(as_built[element_id]["geometry"], feature["geometry"])
        assert got["status"] == feature["properties"]["status"] and got["flagged"] == deviation["flagged"]
        for key in ("offset_m", "hausdorff_m", "length_change_pct", "area_change_pct", "iou"):
            assert got[key] == deviation.get(key), key
    (project,) = layers["projects"]
    assert project["properties"]["id"] == city.project_id and project["properties"]["trees_alive"] == 1
    assert project["properties"]["planned_start"] == "2027-04-01"


def test_the_city_geopackage_has_every_collection_as_a_typed_layer_gdal_reads(server, city, cowork, tmp_path):
    body = fetch(f"{server}/api/city/export.gpkg").content
    layers = read_geopackage(body)
    assert list(layers) == list(COLLECTIONS)
    for collection_id in COLLECTIONS:
        expected = {f["id"]: f for f in cowork.opendata.features(collection_id).features}
        rows = {f["properties"].pop("id"): f for f in layers[collection_id]}
        assert set(rows) == set(expected), collection_id
        for feature_id, feature in expected.items():
            assert rows[feature_id]["properties"] == feature["properties"], (collection_id, feature_id)
            assert same_shape(rows[feature_id]["geometry"], feature["geometry"])
    for secret in city.secrets + city.names:
        assert secret.encode() not in body
    # GDAL's own command-line tool, as a GIS user would open the file: the layers, their types and the CRS.
    path = tmp_path / "city.gpkg"
    path.write_bytes(body)
    info = subprocess.run(
        ["ogrinfo", "-ro", "-so", "-al", str(path)], capture_output=True, text=True, check=True
    ).stdout
    for collection_id in COLLECTIONS:
        assert f"Layer name: {collection_id}" in info
    assert 'ID["EPSG",4326]' in info and "progress_pct: Real" in info and "trees_alive: Integer64" in info
    assert "closed_at: DateTime" in info and "planned_start: Date" in info and "unplanned: Integer(Boolean)" in info
    assert "Warning" not in subprocess.run(["ogrinfo", "-ro", "-al", str(path)], capture_output=True, text=True).stderr


def test_empty_collections_are_still_layers_and_a_missing_thing_is_404(server):
    layers = read_geopackage(fetch(f"{server}/api/city/export.gpkg").content)
    assert list(layers) == list(COLLECTIONS) and all(rows == [] for rows in layers.values())
    for path in (
        "/api/workshops/00000000-0000-0000-0000-000000000000/export.gpkg",
        "/api/projects/00000000-0000-0000-0000-000000000000/export.gpkg",
    ):
        response = requests.get(server + path, timeout=10)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_geopackage_downloads_are_rate_limited_per_address(settings):
    settings.LIMIT_EXPORTS = "2/minute"
    client = create_app(settings).test_client()
    assert [client.get("/api/city/export.gpkg").status_code for _ in range(3)] == [200, 200, 429]
    refused = client.get("/api/city/export.gpkg")
    assert refused.json["error"]["code"] == "rate_limited" and int(refused.headers["Retry-After"]) >= 1
