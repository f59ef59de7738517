"""The JSON API: creating and joining workshops, summaries, exports, and errors as code + message."""

from __future__ import annotations

import json
import re

import pytest
from shapely.geometry import shape
from sqlalchemy import func, select

from cowork.core.tokens import CODE_ALPHABET as JOIN_CODE_ALPHABET
from cowork.models.workshop import Participant, Workshop

from ..support import CORRIDOR, PARK, PATH, TREE, YARDS, create_workshop, join


def error_of(response) -> tuple[int, str]:
    body = response.get_json()
    assert set(body["error"]) == {"code", "message"} and body["error"]["message"]
    return response.status_code, body["error"]["code"]


def test_create_workshop_returns_code_token_and_phase(client):
    created = create_workshop(client)
    assert created["phase"] == "sketching"
    assert re.fullmatch(f"[{JOIN_CODE_ALPHABET}]{{6}}", created["join_code"])
    assert not set("01OIL") & set(created["join_code"])
    assert len(created["facilitator_token"]) >= 40
    assert created["facilitator_url"] == f"/w/{created['id']}#token={created['facilitator_token']}"
    assert shape(created["boundary"]).equals(shape(PARK))


@pytest.mark.parametrize("boundary", [PARK, CORRIDOR, YARDS], ids=["polygon-with-hole", "corridor", "multipolygon"])
def test_every_fixture_site_can_host_a_workshop(client, boundary):
    created = create_workshop(client, boundary)
    summary = client.get(f"/api/workshops/{created['id']}").get_json()
    assert shape(summary["boundary"]).equals(shape(boundary))


def test_join_by_code_tolerates_case_and_dashes(client):
    created = create_workshop(client)
    code = created["join_code"]
    typed = f"{code[:3].lower()}-{code[3:]} "
    joined = join(client, typed, "  Aigerim ")
    assert joined["workshop_id"] == created["id"] and joined["name"] == "Aigerim"
    assert joined["token"] != created["facilitator_token"] and len(joined["token"]) >= 40
    me = client.get("/api/me", headers={"Authorization": f"Bearer {joined['token']}"}).get_json()
    assert me == {
        "participant_id": joined["participant_id"],
        "name": "Aigerim",
        "role": "participant",
        "workshop_id": created["id"],
    }


def test_summary_counts_and_no_secrets(client, cowork):
    created = create_workshop(client)
    join(client, created["join_code"], "A")
    join(client, created["join_code"], "B")
    response = client.get(f"/api/workshops/{created['id']}")
    body = response.get_json()
    assert body["counts"] == {"participants": 2, "designs": 0, "elements": 0}
    assert {"title", "site_name", "boundary", "phase"} <= set(body)
    assert created["facilitator_token"] not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "body, status, code",
    [
        ({"title": "x", "site_name": "y"}, 400, "invalid"),
        ({"title": "", "site_name": "y", "boundary": PARK}, 400, "invalid"),
        ({"title": "t" * 201, "site_name": "y", "boundary": PARK}, 400, "invalid"),
        ({"title": "x", "site_name": "y", "boundary": TREE}, 400, "invalid_geometry"),
        ({"title": "x", "site_name": "y", "boundary": PATH}, 400, "invalid_geometry"),
        (
            {
                "title": "x",
                "site_name": "y",
                "boundary": {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},
            },
            400,
            "invalid_geometry",
        ),
        (
            {
                "title": "x",
                "site_name": "y",
                "boundary": {"type": "Polygon", "coordinates": [[[0, 0], [5, 0], [5, 5], [0, 5], [0, 0]]]},
            },
            400,
            "invalid_geometry",
        ),
        ([1, 2], 400, "invalid"),
    ],
)
def test_create_workshop_refuses_bad_input(client, cowork, body, status, code):
    create_workshop(client)  # one that is accepted, so the count below is known to move
    response = client.post("/api/workshops", json=body)
    assert error_of(response) == (status, code)
    with cowork.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Workshop)) == 1
        assert session.scalar(select(func.count()).select_from(Participant)) == 1


def test_malformed_json_and_unknown_codes(client):
    response = client.post("/api/workshops", data="{not json", content_type="application/json")
    assert error_of(response) == (400, "invalid")
    assert error_of(client.post("/api/join", json={"code": "ZZZZZZ", "name": "A"})) == (404, "not_found")
    created = create_workshop(client)
    assert error_of(client.post("/api/join", json={"code": created["join_code"], "name": "n" * 41})) == (400, "invalid")
    assert error_of(client.post("/api/join", json={"code": created["join_code"], "name": "  "})) == (400, "invalid")
    assert error_of(client.get("/api/workshops/nope")) == (404, "not_found")
    assert error_of(client.get("/api/nothing-here")) == (404, "not_found")
    assert error_of(client.delete("/api/join")) == (405, "invalid")


def test_tokens_missing_or_unknown_are_401(client):
    assert error_of(client.get("/api/me")) == (401, "unauthorized")
    assert error_of(client.get("/api/me", headers={"Authorization": "Bearer nope"})) == (401, "unauthorized")
    assert error_of(client.get("/api/me", headers={"Authorization": "Basic abc"})) == (401, "unauthorized")


def test_body_too_large_is_413(client, settings):
    big = {"title": "x", "site_name": "y", "boundary": PARK, "pad": "x" * settings.MAX_REQUEST_BYTES}
    response = client.post("/api/workshops", data=json.dumps(big), content_type="application/json")
    assert error_of(response) == (413, "too_large")


def test_export_geojson_is_rfc7946_with_element_properties(client, cowork):
    import uuid

    from cowork.workshop.payloads import DesignCreate, ElementAdd

    created = create_workshop(client)
    facilitator = cowork.access.participant(created["facilitator_token"])
    design = cowork.sketches.create_design(facilitator, DesignCreate(title="Green heart")).reply["design"]
    tree_id, path_id = str(uuid.uuid4()), str(uuid.uuid4())
    cowork.sketches.add_element(facilitator, ElementAdd(tree_id, design["id"], "note", TREE, "Shade <b>here</b>"))
    cowork.sketches.add_element(facilitator, ElementAdd(path_id, design["id"], "path", PATH, ""))
    facilitator_token = {"Authorization": f"Bearer {created['facilitator_token']}"}
    response = client.get(f"/api/workshops/{created['id']}/export.geojson", headers=facilitator_token)
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    collection = json.loads(response.get_data(as_text=True))
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    by_id = {f["id"]: f for f in collection["features"]}
    assert set(by_id) == {tree_id, path_id}
    note = by_id[tree_id]["properties"]
    assert note["kind"] == "note" and note["note"] == "Shade <b>here</b>" and note["design_title"] == "Green heart"
    assert note["design_id"] == design["id"] and note["version"] == 1
    assert by_id[path_id]["properties"]["measure"]["length_m"] > 200
    assert by_id[path_id]["geometry"] == PATH
    assert created["facilitator_token"] not in response.get_data(as_text=True)


def test_pages_and_vendored_libraries_are_served_locally(client):
    created = create_workshop(client)
    for path in ("/", "/new", f"/w/{created['id']}"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        html = response.get_data(as_text=True)
        assert "https://" not in html.replace("https://tile", ""), path  # nothing from a CDN
    assert client.get("/w/unknown-workshop").status_code == 404
    for asset in (
        "leaflet/dist/leaflet.js",
        "leaflet/dist/leaflet.css",
        "@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.min.js",
        "socket.io-client/dist/socket.io.min.js",
    ):
        assert client.get(f"/vendor/{asset}").status_code == 200, asset
    assert client.get("/vendor/../package.json").status_code == 404
    # Within node_modules but out of a served package, through "..", plain or encoded.
    assert client.get("/vendor/leaflet/../axe-core/package.json").status_code == 404
    assert client.get("/vendor/leaflet/%2e%2e/.package-lock.json").status_code == 404
    assert client.get("/vendor/leaflet/./../axe-core/axe.min.js").status_code == 404
    assert client.get("/vendor/ws/package.json").status_code == 404
