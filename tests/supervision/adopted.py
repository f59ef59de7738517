"""An adopted project to supervise (a closed workshop, a design of two authors) and what its tests share: tokens
as headers, geometry moved by metres, photo bytes and their upload."""

from __future__ import annotations

import io
import uuid

from PIL import Image
from pyproj import Geod

from cowork.workshop.payloads import DesignCreate, DesignJoin, ElementAdd, Join, PhaseSet, WorkshopCreate

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

        def join(name):
            return cowork.workshops.join(Join(created["join_code"], name))

        self.aru, self.bek, self.other = join("Aru"), join("Bek"), join("Other")
        aru = cowork.access.participant(self.aru["token"])
        design = cowork.sketches.create_design(aru, DesignCreate("Green heart", str(uuid.uuid4()))).reply["design"][
            "id"
        ]
        cowork.sketches.join_design(cowork.access.participant(self.bek["token"]), DesignJoin(design))
        self.ids: dict[str, str] = {}
        for name, kind, geometry in (
            ("bench", "bench", TREE),
            ("path", "path", PATH),
            ("play", "play_area", LAWN),
            ("tree1", "tree", {"type": "Point", "coordinates": [76.9520, 43.2608]}),
            ("tree2", "tree", {"type": "Point", "coordinates": [76.9525, 43.2608]}),
            ("lawn", "green_area", moved(LAWN, north_m=200)),
        ):
            self.ids[name] = str(uuid.uuid4())
            cowork.sketches.add_element(aru, ElementAdd(self.ids[name], design, kind, geometry, ""))
        self.design_id = design
        facilitator = cowork.access.participant(self.facilitator_token)
        cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))
        response = client.post(
            f"/api/workshops/{self.workshop_id}/projects",
            headers=bearer(self.facilitator_token),
            json={
                "design_id": design,
                "title": "Green heart, phase 1",
                "organisation": "Akimat",
                "planned_start": "2027-04-01",
                "planned_completion": "2027-10-31",
            },
        )
        assert response.status_code == 201, response.get_json()
        body = response.get_json()
        self.project_id = body["id"]
        self.access = {a["author_id"]: a for a in body["access"]}
        self.aru_key = self.access[self.aru["participant_id"]]["key"]
        self.bek_key = self.access[self.bek["participant_id"]]["key"]

    def visit(self, key: str, date: str, observations: list[dict], **extra):
        return self.client.post(
            f"/api/projects/{self.project_id}/visits",
            headers=bearer(key),
            json={"date": date, "notes": "Walked the site", "observations": observations, **extra},
        )

    def summary(self) -> dict:
        return self.client.get(f"/api/projects/{self.project_id}").get_json()


def png_bytes(size=(64, 48), colour=(40, 120, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


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
    return adopted.client.post(
        f"/api/projects/{adopted.project_id}/visits/{visit_id}/photos",
        headers=bearer(key or adopted.aru_key),
        data=form,
        content_type="multipart/form-data",
    )
