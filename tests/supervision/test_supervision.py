"""Construction supervision over HTTP: adoption, access rules, visits with deviations, progress, the green ledger,
photos with real images, sign-offs, report and export."""

from __future__ import annotations

import io
import re
import uuid

import pytest
from PIL import Image
from pyproj import Geod

from cowork.workshop.payloads import DesignCreate, DesignJoin, ElementAdd, ElementUpdate, Join, PhaseSet, WorkshopCreate

from ..support import LAWN, PARK, PATH, TREE

WGS84 = Geod(ellps="WGS84")


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def moved(data: dict, east_m: float = 0.0, north_m: float = 0.0, scale_east: float = 1.0) -> dict:
    """A GeoJSON geometry moved by metres (geodesic), or for polygons shrunk east-west by `scale_east`."""
    def shift(position, extra_east=0.0):
        lon, lat = position
        if east_m + extra_east:
            lon, lat, _ = WGS84.fwd(lon, lat, 90 if east_m + extra_east > 0 else 270, abs(east_m + extra_east))
        if north_m:
            lon, lat, _ = WGS84.fwd(lon, lat, 0 if north_m > 0 else 180, abs(north_m))
        return [lon, lat]

    if data["type"] == "Point":
        return {"type": "Point", "coordinates": shift(data["coordinates"])}
    if data["type"] == "LineString":
        return {"type": "LineString", "coordinates": [shift(p) for p in data["coordinates"]]}
    ring = data["coordinates"][0]
    west = min(p[0] for p in ring)

    def squeeze(p):
        _az, _baz, from_west = WGS84.inv(west, p[1], p[0], p[1])
        return shift(p, extra_east=-(from_west * (1 - scale_east))) if from_west > 0.01 else list(p)

    return {"type": "Polygon", "coordinates": [[squeeze(p) for p in ring]]}


class Adopted:
    """A closed workshop whose design (two authors) is adopted for construction."""

    def __init__(self, cowork, client):
        self.cowork, self.client = cowork, client
        created = cowork.workshops.create(WorkshopCreate("Park", "Panfilov Park", PARK))
        self.workshop_id, self.facilitator_token = created["id"], created["facilitator_token"]
        join = lambda name: cowork.workshops.join(Join(created["join_code"], name))
        self.aru, self.bek, self.other = join("Aru"), join("Bek"), join("Other")
        aru = cowork.access.participant(self.aru["token"])
        design = cowork.sketches.create_design(aru, DesignCreate("Green heart", str(uuid.uuid4()))).reply["design"]["id"]
        cowork.sketches.join_design(cowork.access.participant(self.bek["token"]), DesignJoin(design))
        self.ids: dict[str, str] = {}
        for name, kind, geometry in (("bench", "bench", TREE), ("path", "path", PATH), ("play", "play_area", LAWN),
                                     ("tree1", "tree", {"type": "Point", "coordinates": [76.9520, 43.2608]}),
                                     ("tree2", "tree", {"type": "Point", "coordinates": [76.9525, 43.2608]}),
                                     ("lawn", "green_area", moved(LAWN, north_m=200))):
            self.ids[name] = str(uuid.uuid4())
            cowork.sketches.add_element(aru, ElementAdd(self.ids[name], design, kind, geometry, ""))
        self.design_id = design
        facilitator = cowork.access.participant(self.facilitator_token)
        cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))
        response = client.post(f"/api/workshops/{self.workshop_id}/projects", headers=bearer(self.facilitator_token),
                               json={"design_id": design, "title": "Green heart, phase 1", "organisation": "Akimat",
                                     "planned_start": "2027-04-01", "planned_completion": "2027-10-31"})
        assert response.status_code == 201, response.get_json()
        body = response.get_json()
        self.project_id = body["id"]
        self.access = {a["author_id"]: a for a in body["access"]}
        self.aru_key = self.access[self.aru["participant_id"]]["key"]
        self.bek_key = self.access[self.bek["participant_id"]]["key"]

    def visit(self, key: str, date: str, observations: list[dict], **extra):
        return self.client.post(f"/api/projects/{self.project_id}/visits", headers=bearer(key),
                                json={"date": date, "notes": "Walked the site", "observations": observations, **extra})

    def summary(self) -> dict:
        return self.client.get(f"/api/projects/{self.project_id}").get_json()


@pytest.fixture
def adopted(cowork, client) -> Adopted:
    return Adopted(cowork, client)


def test_adoption_freezes_the_plan_and_gives_every_author_access(adopted, cowork):
    assert set(adopted.access) == {adopted.aru["participant_id"], adopted.bek["participant_id"]}
    for access in adopted.access.values():
        assert len(access["key"]) >= 40 and re.fullmatch(r"[A-HJKMNP-Z2-9]{10}", access["recovery_code"])
    summary = adopted.summary()
    assert len(summary["plan"]) == 6 and all(e["status"] == "planned" for e in summary["plan"])
    assert summary["progress"]["percent"] == 0 and summary["organisation"] == "Akimat"
    # Later edits to the workshop do not move the plan.
    facilitator = cowork.access.participant(adopted.facilitator_token)
    cowork.facilitation.set_phase(facilitator, PhaseSet("sketching", reopen=True))
    cowork.sketches.update_element(facilitator, ElementUpdate(adopted.ids["bench"], 1, geometry=moved(TREE, east_m=30)))
    bench = next(e for e in adopted.summary()["plan"] if e["element_id"] == adopted.ids["bench"])
    assert bench["geometry"] == TREE
    text = adopted.client.get(f"/api/projects/{adopted.project_id}").get_data(as_text=True)
    assert adopted.aru_key not in text and "recovery" not in text and "key_hash" not in text


def test_adoption_needs_a_closed_workshop_and_the_facilitator(cowork, client):
    created = cowork.workshops.create(WorkshopCreate("Open", "Park", PARK))
    facilitator = cowork.access.participant(created["facilitator_token"])
    design = cowork.sketches.create_design(facilitator, DesignCreate("D", str(uuid.uuid4()))).reply["design"]["id"]
    url = f"/api/workshops/{created['id']}/projects"
    body = {"design_id": design, "title": "Too early"}
    assert client.post(url, headers=bearer(created["facilitator_token"]), json=body).status_code == 409
    participant = cowork.workshops.join(Join(created["join_code"], "P"))
    cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))
    assert client.post(url, headers=bearer(participant["token"]), json=body).status_code == 403
    assert client.post(url, json=body).status_code == 401
    assert client.post(url, headers=bearer(created["facilitator_token"]), json={**body, "planned_start": "2027-13-01"}).status_code == 400


def test_deviations_on_known_cases(adopted):
    response = adopted.visit(adopted.aru_key, "2027-05-10", [
        {"element_id": adopted.ids["bench"], "status": "built", "as_built": moved(TREE, east_m=5), "count": 1},
        {"element_id": adopted.ids["path"], "status": "built", "as_built": moved(PATH, north_m=3)},
        {"element_id": adopted.ids["play"], "status": "built", "as_built": moved(LAWN, scale_east=0.8)},
        {"element_id": adopted.ids["tree1"], "status": "built", "as_built": moved({"type": "Point", "coordinates": [76.9520, 43.2608]}, east_m=1)},
    ])
    assert response.status_code == 201, response.get_json()
    observations = {o["element_id"]: o for o in response.get_json()["observations"]}
    bench, path, play, tree = (observations[adopted.ids[n]] for n in ("bench", "path", "play", "tree1"))
    assert bench["deviation"]["offset_m"] == pytest.approx(5, abs=0.05) and bench["effective_status"] == "built_with_deviation"
    assert path["deviation"]["hausdorff_m"] == pytest.approx(3, abs=0.05)
    assert path["deviation"]["length_change_pct"] == pytest.approx(0, abs=0.1) and path["effective_status"] == "built_with_deviation"
    assert play["deviation"]["area_change_pct"] == pytest.approx(-20, abs=0.3)
    assert play["deviation"]["iou"] == pytest.approx(0.8, abs=0.01) and play["effective_status"] == "built_with_deviation"
    assert tree["deviation"]["offset_m"] == pytest.approx(1, abs=0.05) and tree["effective_status"] == "built"


def test_progress_counts_latest_observations_and_never_observed_as_planned(adopted):
    adopted.visit(adopted.aru_key, "2027-05-10", [
        {"element_id": adopted.ids["bench"], "status": "built"},
        {"element_id": adopted.ids["tree1"], "status": "built"},
        {"element_id": adopted.ids["path"], "status": "in_progress"},
    ])
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
    adopted.visit(adopted.aru_key, "2027-05-10", [
        {"element_id": adopted.ids["tree1"], "status": "built"},
        {"element_id": adopted.ids["tree2"], "status": "built"},
        {"element_id": adopted.ids["lawn"], "status": "built"},
        {"kind": "tree", "status": "built", "as_built": {"type": "Point", "coordinates": [76.9540, 43.2610]}, "note": "compensation"},
    ])
    ledger = adopted.summary()["green_ledger"]
    assert (ledger["trees_required"], ledger["trees_planted"], ledger["trees_alive"], ledger["trees_shortfall"]) == (2, 3, 3, 0)
    assert ledger["green_required_m2"] == pytest.approx(lawn_area) and ledger["green_alive_m2"] == pytest.approx(lawn_area)
    adopted.visit(adopted.aru_key, "2027-09-01", [
        {"element_id": adopted.ids["tree1"], "status": "missing", "note": "dried out"},
        {"element_id": adopted.ids["tree2"], "status": "missing"},
    ])
    ledger = adopted.summary()["green_ledger"]
    assert (ledger["trees_planted"], ledger["trees_alive"], ledger["trees_shortfall"]) == (3, 1, 1)
    assert [h["trees_alive"] for h in ledger["history"]] == [3, 1]
    assert adopted.summary()["progress"]["additions"] == 1


ACCESS_CASES = [
    # (who, action, expected status)
    ("author", "visit", 201), ("coauthor", "visit", 201), ("facilitator", "visit", 201),
    ("other_participant", "visit", 401), ("revoked", "visit", 401), ("public", "visit", 401),
    ("author", "signoff", 201), ("facilitator", "signoff", 403), ("other_participant", "signoff", 401),
    ("revoked", "signoff", 401), ("public", "signoff", 401),
    ("author", "photo", 201), ("facilitator", "photo", 201), ("public", "photo", 401), ("revoked", "photo", 401),
    ("author", "reissue", 403), ("facilitator", "reissue", 200), ("public", "reissue", 401),
    ("public", "summary", 200), ("public", "export", 200), ("public", "report", 200),
]


def png_bytes(size=(64, 48), colour=(40, 120, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize("who, action, status", ACCESS_CASES, ids=[f"{w}-{a}" for w, a, _ in ACCESS_CASES])
def test_access_table(adopted, client, who, action, status):
    first = adopted.visit(adopted.aru_key, "2027-05-01", []).get_json()
    revoked = client.post(f"/api/projects/{adopted.project_id}/access/{adopted.bek['participant_id']}/revoke",
                          headers=bearer(adopted.facilitator_token))
    assert revoked.status_code == 200
    tokens = {"author": adopted.aru_key, "coauthor": adopted.aru_key, "facilitator": adopted.facilitator_token,
              "other_participant": adopted.other["token"], "revoked": adopted.bek_key, "public": None}
    headers = bearer(tokens[who]) if tokens[who] else {}
    base = f"/api/projects/{adopted.project_id}"
    if action == "visit":
        response = client.post(f"{base}/visits", headers=headers, json={"date": "2027-05-02", "observations": []})
    elif action == "signoff":
        response = client.post(f"{base}/signoffs", headers=headers, json={"visit_id": first["id"], "verdict": "object", "comment": "Benches moved"})
    elif action == "photo":
        response = client.post(f"{base}/visits/{first['id']}/photos", headers=headers,
                               data={"file": (io.BytesIO(png_bytes()), "site.png")}, content_type="multipart/form-data")
    elif action == "reissue":
        response = client.post(f"{base}/access/{adopted.aru['participant_id']}/reissue", headers=headers)
    elif action == "summary":
        response = client.get(base, headers=headers)
    elif action == "export":
        response = client.get(f"{base}/export.geojson", headers=headers)
    else:
        response = client.get(f"{base}/report", headers=headers)
    assert response.status_code == status, response.get_data(as_text=True)[:300]


def test_claim_recover_reissue_and_revoke(adopted, client):
    base = f"/api/projects/{adopted.project_id}"
    claimed = client.post(f"{base}/claim", headers=bearer(adopted.aru["token"]))
    assert claimed.status_code == 200
    new_key = claimed.get_json()["key"]
    assert new_key != adopted.aru_key and claimed.get_json()["link"].endswith(new_key)
    assert adopted.visit(adopted.aru_key, "2027-05-01", []).status_code == 401  # the old key stopped working
    assert adopted.visit(new_key, "2027-05-01", []).status_code == 201
    assert client.post(f"{base}/claim", headers=bearer(adopted.other["token"])).status_code == 403
    code = adopted.access[adopted.bek["participant_id"]]["recovery_code"]
    recovered = client.post("/api/supervision/recover", json={"code": code.lower()[:5] + "-" + code[5:]})
    assert recovered.status_code == 200 and recovered.get_json()["project_id"] == adopted.project_id
    assert adopted.visit(recovered.get_json()["key"], "2027-05-01", []).status_code == 201
    assert client.post("/api/supervision/recover", json={"code": "NOPENOPE22"}).status_code == 404
    reissued = client.post(f"{base}/access/{adopted.bek['participant_id']}/reissue", headers=bearer(adopted.facilitator_token)).get_json()
    assert reissued["recovery_code"] != code
    assert client.post("/api/supervision/recover", json={"code": code}).status_code == 404
    assert client.post(f"{base}/access/{adopted.bek['participant_id']}/revoke", headers=bearer(adopted.facilitator_token)).status_code == 200
    assert client.post("/api/supervision/recover", json={"code": reissued["recovery_code"]}).status_code == 404


def jpeg_with_gps(lon: float, lat: float) -> bytes:
    image = Image.new("RGB", (800, 600), (90, 140, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make: must not survive
    exif[0x0132] = "2027:05:10 10:00:00"

    def dms(value: float):
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        seconds = round(((value - degrees) * 60 - minutes) * 60, 4)
        return (degrees, minutes, seconds)

    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: dms(lat), 3: "E", 4: dms(lon)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(adopted, visit_id, data: bytes, name: str, key=None, element_id=None):
    form = {"file": (io.BytesIO(data), name)}
    if element_id:
        form["element_id"] = element_id
    return adopted.client.post(f"/api/projects/{adopted.project_id}/visits/{visit_id}/photos", headers=bearer(key or adopted.aru_key),
                               data=form, content_type="multipart/form-data")


def test_photos_are_checked_stripped_thumbnailed_and_deduplicated(adopted, settings, tmp_path):
    visit = adopted.visit(adopted.aru_key, "2027-05-10", [{"element_id": adopted.ids["bench"], "status": "built"}]).get_json()
    original = jpeg_with_gps(76.9521, 43.2601)
    assert b"PhoneMaker" in original
    first = upload(adopted, visit["id"], original, "IMG_0001.jpg", element_id=adopted.ids["bench"])
    assert first.status_code == 201, first.get_json()
    photo = first.get_json()
    assert photo["position"] == [pytest.approx(76.9521, abs=1e-5), pytest.approx(43.2601, abs=1e-5)]
    assert (photo["width"], photo["height"], photo["media_type"]) == (800, 600, "image/jpeg")
    served = adopted.client.get(photo["url"])
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    assert b"PhoneMaker" not in served.data and not Image.open(io.BytesIO(served.data)).getexif()
    thumbnail = Image.open(io.BytesIO(adopted.client.get(photo["thumbnail_url"]).data))
    assert max(thumbnail.size) == 320
    # A retry of the same upload (weak Wi-Fi) is the same photo, not a second one.
    again = upload(adopted, visit["id"], original, "IMG_0001.jpg", element_id=adopted.ids["bench"])
    assert again.status_code == 200 and again.get_json()["id"] == photo["id"]
    # PNG and WebP are fine too; files live under the upload folder, named by content.
    for fmt in ("PNG", "WEBP"):
        out = io.BytesIO()
        Image.new("RGB", (100, 80), (200, 10, 10)).save(out, format=fmt)
        assert upload(adopted, visit["id"], out.getvalue(), f"x.{fmt.lower()}").status_code == 201
    stored = [p for p in (tmp_path / "uploads").rglob("*") if p.is_file()]
    assert len(stored) == 6 and all(re.fullmatch(r"[0-9a-f]{64}(\.thumb)?\.(jpg|png|webp)", p.name) for p in stored)
    summary = adopted.summary()
    assert len(summary["visits"][0]["photos"]) == 3
    zipped = adopted.client.get(f"/api/projects/{adopted.project_id}/photos.zip")
    assert zipped.status_code == 200 and zipped.mimetype == "application/zip"


def test_bad_photos_get_clear_errors(adopted, settings):
    visit = adopted.visit(adopted.aru_key, "2027-05-10", []).get_json()
    renamed = upload(adopted, visit["id"], b"just some notes, not a picture\n" * 20, "notes.jpg")
    assert renamed.status_code == 400 and renamed.get_json()["error"]["code"] == "not_an_image"
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, format="GIF")
    wrong = upload(adopted, visit["id"], gif.getvalue(), "anim.gif")
    assert wrong.status_code == 415 and wrong.get_json()["error"]["code"] == "unsupported_type"
    settings.MAX_PHOTO_BYTES = 50_000
    big = io.BytesIO()
    Image.effect_noise((400, 400), 90).convert("RGB").save(big, format="PNG")
    assert len(big.getvalue()) > 50_000
    oversized = upload(adopted, visit["id"], big.getvalue(), "big.png")
    assert oversized.status_code == 413 and oversized.get_json()["error"]["code"] == "too_large"
    assert upload(adopted, str(uuid.uuid4()), png_bytes(), "x.png").status_code == 404
    assert adopted.summary()["visits"][0]["photos"] == []


def test_bad_visits_are_refused_and_save_nothing(adopted):
    cases = [
        ({"date": "10.05.2027", "observations": []}, 400),
        ({"date": "2027-05-10", "observations": [{"element_id": adopted.ids["bench"], "status": "finished"}]}, 400),
        ({"date": "2027-05-10", "observations": [{"element_id": str(uuid.uuid4()), "status": "built"}]}, 404),
        ({"date": "2027-05-10", "observations": [{"element_id": adopted.ids["bench"], "status": "built", "as_built": PATH}]}, 400),
        ({"date": "2027-05-10", "observations": [{"element_id": adopted.ids["bench"], "status": "built",
                                                   "as_built": {"type": "Point", "coordinates": [76.9, 43.2]}}]}, 400),
        ({"date": "2027-05-10", "observations": [{"status": "built"}]}, 400),
    ]
    for body, status in cases:
        response = adopted.client.post(f"/api/projects/{adopted.project_id}/visits", headers=bearer(adopted.aru_key), json=body)
        assert response.status_code == status, (body, response.get_json())
    assert adopted.summary()["visits"] == []


def test_signoffs_report_and_export(adopted):
    visit = adopted.visit(adopted.aru_key, "2027-05-10", [
        {"element_id": adopted.ids["bench"], "status": "built", "as_built": moved(TREE, east_m=5)},
        {"element_id": adopted.ids["tree1"], "status": "built"},
    ]).get_json()
    base = f"/api/projects/{adopted.project_id}"
    objection = adopted.client.post(f"{base}/signoffs", headers=bearer(adopted.bek_key),
                                    json={"element_id": adopted.ids["bench"], "verdict": "object", "comment": "The bench faces the road <now>"})
    assert objection.status_code == 201
    assert adopted.client.post(f"{base}/signoffs", headers=bearer(adopted.aru_key), json={"visit_id": visit["id"], "verdict": "accept", "comment": ""}).status_code == 201
    assert adopted.client.post(f"{base}/signoffs", headers=bearer(adopted.aru_key), json={"verdict": "accept"}).status_code == 400
    report = adopted.client.get(f"{base}/report")
    html = report.get_data(as_text=True)
    assert report.status_code == 200 and "folium-map" in html and "/vendor/leaflet/dist/leaflet.js" in html
    assert re.search(r'data-figure="progress">\s*33\.3 % built \(2 of 6\)', html)
    assert re.search(r'data-figure="trees_alive">1<', html) and re.search(r'data-figure="trees_shortfall" class="shortfall">1<', html)
    assert "The bench faces the road &lt;now&gt;" in html and "built with deviation" in html
    assert adopted.aru_key not in html
    exported = adopted.client.get(f"{base}/export.geojson")
    assert exported.mimetype == "application/geo+json"
    features = exported.get_json()["features"]
    layers = {(f["properties"]["element_id"], f["properties"]["layer"]) for f in features}
    assert (adopted.ids["bench"], "as_built") in layers and (adopted.ids["bench"], "design") in layers
    bench_built = next(f for f in features if f["id"] == f"{adopted.ids['bench']}:as_built")
    assert bench_built["properties"]["status"] == "built_with_deviation" and bench_built["properties"]["deviation"]["offset_m"] == pytest.approx(5, abs=0.05)


def test_archive_carries_projects_visits_and_photo_metadata(adopted, tmp_path):
    from cowork import create_app
    from cowork.config import TestConfig

    visit = adopted.visit(adopted.aru_key, "2027-05-10", [
        {"element_id": adopted.ids["bench"], "status": "built", "as_built": moved(TREE, east_m=5)},
        {"kind": "sign", "status": "built", "as_built": {"type": "Point", "coordinates": [76.9541, 43.2611]}},
    ]).get_json()
    assert upload(adopted, visit["id"], png_bytes(), "a.png").status_code == 201
    adopted.client.post(f"/api/projects/{adopted.project_id}/signoffs", headers=bearer(adopted.bek_key),
                        json={"visit_id": visit["id"], "verdict": "accept", "comment": "fine"})
    archive = adopted.client.get(f"/api/workshops/{adopted.workshop_id}/archive", headers=bearer(adopted.facilitator_token)).get_json()
    text = str(archive)
    assert adopted.aru_key not in text and adopted.access[adopted.aru["participant_id"]]["recovery_code"] not in text
    [project] = archive["projects"]
    assert len(project["visits"]) == 1 and len(project["photos"]) == 1 and len(project["signoffs"]) == 1
    other = create_app(TestConfig(DATABASE_URL=f"sqlite:///{tmp_path / 'copy.db'}", INSTANCE_DIR=str(tmp_path / "copy")))
    try:
        copy = other.test_client()
        assert copy.post("/api/workshops/import", json=archive).status_code == 201
        original, imported = adopted.summary(), copy.get(f"/api/projects/{adopted.project_id}").get_json()
        for part in ("plan", "progress", "green_ledger", "signoffs", "additions"):
            assert imported[part] == original[part], part
        assert [v["observations"] for v in imported["visits"]] == [v["observations"] for v in original["visits"]]
    finally:
        other.extensions["cowork"].db.dispose()


def test_adoption_reaches_the_workshop_tablets_and_authors_claim_there(cowork, server):
    import requests

    from ..support import LiveClient

    created = requests.post(f"{server}/api/workshops", json={"title": "W", "site_name": "Park", "boundary": PARK}, timeout=5).json()
    author = requests.post(f"{server}/api/join", json={"code": created["join_code"], "name": "Aru"}, timeout=5).json()
    tablet = LiveClient(server, author["token"]).connect()
    try:
        design = tablet.call("design:create", {"id": str(uuid.uuid4()), "title": "Mine"})["design"]["id"]
        tablet.call("element:add", {"id": str(uuid.uuid4()), "design_id": design, "kind": "tree", "geometry": TREE})
        facilitator = LiveClient(server, created["facilitator_token"]).connect()
        assert facilitator.call("phase:set", {"phase": "closed"})["ok"]
        facilitator.disconnect()
        adopted = requests.post(f"{server}/api/workshops/{created['id']}/projects", headers=bearer(created["facilitator_token"]),
                                json={"design_id": design, "title": "Build it"}, timeout=5).json()
        news = tablet.wait_for("project:adopted")
        assert news["project"] == {"id": adopted["id"], "title": "Build it", "design_id": design} and news["seq"] == adopted["seq"]
        assert LiveClient(server, author["token"]).connect().snapshot()["projects"] == [news["project"]]
        claimed = requests.post(f"{server}/api/projects/{adopted['id']}/claim", headers=bearer(author["token"]), timeout=5).json()
        qr = requests.post(f"{server}/api/qr.svg", json={"text": f"{server}{claimed['link']}"}, timeout=5)
        assert qr.status_code == 200 and qr.headers["Content-Type"].startswith("image/svg+xml")
        assert requests.post(f"{server}/api/projects/{adopted['id']}/visits", headers=bearer(claimed["key"]),
                             json={"date": "2027-05-01", "observations": []}, timeout=5).status_code == 201
    finally:
        tablet.disconnect()


def test_a_later_visit_without_a_new_shape_keeps_the_measured_deviation(adopted):
    adopted.visit(adopted.aru_key, "2027-05-10", [{"element_id": adopted.ids["bench"], "status": "built", "as_built": moved(TREE, east_m=8)}])
    later = adopted.visit(adopted.aru_key, "2027-06-10", [{"element_id": adopted.ids["bench"], "status": "built"}]).get_json()
    assert later["observations"][0]["effective_status"] == "built_with_deviation"
    bench = next(e for e in adopted.summary()["plan"] if e["element_id"] == adopted.ids["bench"])
    assert bench["status"] == "built_with_deviation" and bench["deviation"]["offset_m"] == pytest.approx(8, abs=0.05)
    # A new measurement replaces it.
    adopted.visit(adopted.aru_key, "2027-07-10", [{"element_id": adopted.ids["bench"], "status": "built", "as_built": TREE}])
    bench = next(e for e in adopted.summary()["plan"] if e["element_id"] == adopted.ids["bench"])
    assert bench["status"] == "built" and bench["deviation"]["offset_m"] == 0


def test_a_polygon_corner_built_20_m_away_is_flagged_by_distance(adopted):
    corner_moved = {"type": "Polygon", "coordinates": [[
        [76.9520, 43.2570], [76.9535, 43.2570], [76.95375, 43.2580], [76.9520, 43.2580], [76.9520, 43.2570]]]}
    response = adopted.visit(adopted.aru_key, "2027-05-10", [{"element_id": adopted.ids["play"], "status": "built", "as_built": corner_moved}])
    observation = response.get_json()["observations"][0]
    assert observation["deviation"]["hausdorff_m"] > 15 and observation["deviation"]["iou"] > 0.9
    assert observation["deviation"]["flagged"] is True and observation["effective_status"] == "built_with_deviation"


def test_a_decompression_bomb_is_refused_before_it_is_decoded(adopted):
    visit = adopted.visit(adopted.aru_key, "2027-05-10", []).get_json()
    # 9,000 × 9,000 pixels of one colour: a small file that would decode to 81 million pixels (under Pillow's own
    # bomb threshold, over our budget of 50 million).
    bomb = io.BytesIO()
    Image.new("1", (9_000, 9_000)).save(bomb, format="PNG", optimize=True)
    assert len(bomb.getvalue()) < 2_000_000
    refused = upload(adopted, visit["id"], bomb.getvalue(), "bomb.png")
    assert refused.status_code == 413 and refused.get_json()["error"]["code"] == "too_large"
    assert "million pixels" in refused.get_json()["error"]["message"]
    assert adopted.summary()["visits"][0]["photos"] == []
