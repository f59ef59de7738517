"""Sign-offs, the printed report and the export, and the archive of a supervised project."""

from __future__ import annotations

import re

import pytest

from ..support import TREE
from .adopted import bearer, moved, png_bytes, upload


def test_signoffs_report_and_export(adopted):
    visit = adopted.visit(
        adopted.aru_key,
        "2027-05-10",
        [
            {"element_id": adopted.ids["bench"], "status": "built", "as_built": moved(TREE, east_m=5)},
            {"element_id": adopted.ids["tree1"], "status": "built"},
        ],
    ).get_json()
    base = f"/api/projects/{adopted.project_id}"
    objection = adopted.client.post(
        f"{base}/signoffs",
        headers=bearer(adopted.bek_key),
        json={"element_id": adopted.ids["bench"], "verdict": "object", "comment": "The bench faces the road <now>"},
    )
    assert objection.status_code == 201
    assert (
        adopted.client.post(
            f"{base}/signoffs",
            headers=bearer(adopted.aru_key),
            json={"visit_id": visit["id"], "verdict": "accept", "comment": ""},
        ).status_code
        == 201
    )
    assert (
        adopted.client.post(f"{base}/signoffs", headers=bearer(adopted.aru_key), json={"verdict": "accept"}).status_code
        == 400
    )
    report = adopted.client.get(f"{base}/report")
    html = report.get_data(as_text=True)
    assert report.status_code == 200 and "folium-map" in html and "/vendor/leaflet/dist/leaflet.js" in html
    assert re.search(r'data-figure="progress">\s*33\.3 % built \(2 of 6\)', html)
    assert re.search(r'data-figure="trees_alive">1<', html) and re.search(
        r'data-figure="trees_shortfall" class="shortfall">1<', html
    )
    assert "The bench faces the road &lt;now&gt;" in html and "built with deviation" in html
    assert adopted.aru_key not in html
    exported = adopted.client.get(f"{base}/export.geojson")
    assert exported.mimetype == "application/geo+json"
    features = exported.get_json()["features"]
    layers = {(f["properties"]["element_id"], f["properties"]["layer"]) for f in features}
    assert (adopted.ids["bench"], "as_built") in layers and (adopted.ids["bench"], "design") in layers
    bench_built = next(f for f in features if f["id"] == f"{adopted.ids['bench']}:as_built")
    assert bench_built["properties"]["status"] == "built_with_deviation" and bench_built["properties"]["deviation"][
        "offset_m"
    ] == pytest.approx(5, abs=0.05)


def test_archive_carries_projects_visits_and_photo_metadata(adopted, tmp_path):
    from cowork import create_app
    from cowork.config import TestConfig

    visit = adopted.visit(
        adopted.aru_key,
        "2027-05-10",
        [
            {"element_id": adopted.ids["bench"], "status": "built", "as_built": moved(TREE, east_m=5)},
            {"kind": "sign", "status": "built", "as_built": {"type": "Point", "coordinates": [76.9541, 43.2611]}},
        ],
    ).get_json()
    assert upload(adopted, visit["id"], png_bytes(), "a.png").status_code == 201
    adopted.client.post(
        f"/api/projects/{adopted.project_id}/signoffs",
        headers=bearer(adopted.bek_key),
        json={"visit_id": visit["id"], "verdict": "accept", "comment": "fine"},
    )
    archive = adopted.client.get(
        f"/api/workshops/{adopted.workshop_id}/archive", headers=bearer(adopted.facilitator_token)
    ).get_json()
    text = str(archive)
    assert adopted.aru_key not in text and adopted.access[adopted.aru["participant_id"]]["recovery_code"] not in text
    [project] = archive["projects"]
    assert len(project["visits"]) == 1 and len(project["photos"]) == 1 and len(project["signoffs"]) == 1
    other = create_app(
        TestConfig(DATABASE_URL=f"sqlite:///{tmp_path / 'copy.db'}", INSTANCE_DIR=str(tmp_path / "copy"))
    )
    try:
        copy = other.test_client()
        assert copy.post("/api/workshops/import", json=archive).status_code == 201
        original, imported = adopted.summary(), copy.get(f"/api/projects/{adopted.project_id}").get_json()
        for part in ("plan", "progress", "green_ledger", "signoffs", "additions"):
            assert imported[part] == original[part], part
        assert [v["observations"] for v in imported["visits"]] == [v["observations"] for v in original["visits"]]
    finally:
        other.extensions["cowork"].db.dispose()
