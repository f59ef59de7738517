"""Issue 21, point 7: a design the facilitator hides after its adoption (reopen, hide, close again) is published
nowhere: the project stays, under its own title, with no design title in its summary, its pages, the open data,
the city map or the GeoPackages; the facilitator still reads it."""

from __future__ import annotations

import uuid

import requests

from ..support import TREE, create_workshop, join
from .adopted import bearer

TITLE = "Hidden-Design-Marker"


def _get(url: str, **kwargs) -> requests.Response:
    response = requests.get(url, timeout=20, **kwargs)
    assert response.status_code == 200, (url, response.status_code, response.text[:300])
    return response


def test_a_design_hidden_after_its_adoption_is_published_nowhere(server, connect):
    created = create_workshop(server)
    author = join(server, created["join_code"], "Aru")
    tablet = connect(author["token"])
    design = tablet.call("design:create", {"id": str(uuid.uuid4()), "title": TITLE})["design"]["id"]
    tablet.call("element:add", {"id": str(uuid.uuid4()), "design_id": design, "kind": "tree", "geometry": TREE})
    console = connect(created["facilitator_token"])
    assert console.call("phase:set", {"phase": "closed"})["ok"]
    adopted = requests.post(
        f"{server}/api/workshops/{created['id']}/projects",
        headers=bearer(created["facilitator_token"]),
        json={"design_id": design, "title": "Park renewal"},
        timeout=10,
    )
    assert adopted.status_code == 201, adopted.text
    project_id = adopted.json()["id"]
    projects = f"{server}/ogcapi/collections/projects/items"
    assert _get(projects).json()["features"][0]["properties"]["design_title"] == TITLE  # published while shown

    # The probe: the facilitator reopens the workshop, hides the adopted design, and closes it again.
    assert console.call("phase:set", {"phase": "sketching", "reopen": True})["ok"]
    assert console.call("moderate", {"target": "design", "id": design, "hidden": True, "reason": "abuse"})["ok"]
    assert console.call("phase:set", {"phase": "closed"})["ok"]

    summary = _get(f"{server}/api/projects/{project_id}").json()
    assert (summary["title"], summary["design_title"], summary["design_id"]) == ("Park renewal", None, design)
    (feature,) = _get(projects).json()["features"]
    assert (feature["properties"]["title"], feature["properties"]["design_title"]) == ("Park renewal", None)
    public = [
        f"/api/projects/{project_id}",
        f"/api/projects/{project_id}/report",
        f"/api/projects/{project_id}/export.geojson",
        f"/api/projects/{project_id}/export.gpkg",
        f"/p/{project_id}",
        "/ogcapi/collections/projects/items",
        f"/ogcapi/collections/projects/items/{project_id}",
        "/ogcapi/collections/sketches/items",
        "/api/city",
        "/api/city/layers?bbox=-180,-90,180,90&zoom=22",
        "/city",
        "/api/city/export.gpkg",
        f"/api/workshops/{created['id']}/projects",
        f"/api/workshops/{created['id']}/export.geojson",
        f"/api/workshops/{created['id']}/results",
        f"/api/workshops/{created['id']}/export.gpkg",
        f"/w/{created['id']}/results",
    ]
    for path in public:
        assert TITLE.encode() not in _get(f"{server}{path}").content, path
    # The facilitator, who hid it, still reads it, as she does in the workshop.
    facilitator = _get(f"{server}/api/projects/{project_id}", headers=bearer(created["facilitator_token"])).json()
    assert facilitator["design_title"] == TITLE
