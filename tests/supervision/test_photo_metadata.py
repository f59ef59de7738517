"""Issue 21, point 6: no metadata segment survives an upload, in the photo, its thumbnail or photos.zip; a photo with
a colour profile keeps its look; the GPS position is still read into the photo's row."""

from __future__ import annotations

import io
import zipfile

import pytest
import requests
from PIL import Image

from .adopted import bearer
from .metadata import SECRET, jpeg_with_everything, metadata_left, png_with_everything, webp_with_everything

LON, LAT = 76.9521, 43.2601


def _upload(server: str, adopted, visit_id: str, data: bytes, name: str) -> dict:
    response = requests.post(
        f"{server}/api/projects/{adopted.project_id}/visits/{visit_id}/photos",
        headers=bearer(adopted.aru_key),
        files={"file": (name, data)},
        timeout=10,
    )
    assert response.status_code == 201, response.text
    return response.json()


def _grey(data: bytes) -> tuple[int, ...]:
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGB").getpixel((image.width // 2, image.height // 2))


def test_a_photo_its_thumbnail_and_the_zip_carry_no_metadata_and_keep_their_look(adopted, server):
    visit = adopted.visit(adopted.aru_key, "2027-05-10", []).get_json()
    originals = {
        "IMG_0001.jpg": jpeg_with_everything(LON, LAT),
        "scan.png": png_with_everything(LON, LAT),
        "shot.webp": webp_with_everything(LON, LAT),
    }
    for name, original in originals.items():
        assert metadata_left(original) and SECRET in original, name  # the test's own images do carry it all
        photo = _upload(server, adopted, visit["id"], original, name)
        # The camera's position is read on purpose, before the tags go.
        assert photo["position"] == [pytest.approx(LON, abs=1e-5), pytest.approx(LAT, abs=1e-5)], name
        served = requests.get(f"{server}{photo['url']}", timeout=10).content
        thumbnail = requests.get(f"{server}{photo['thumbnail_url']}", timeout=10).content
        for what, data in (("photo", served), ("thumbnail", thumbnail)):
            assert metadata_left(data) == [], (name, what)
            assert SECRET not in data, (name, what)
            # Grey 128 on a linear profile is sRGB's 188: converted, not merely stripped of its profile.
            assert _grey(data) == pytest.approx((188, 188, 188), abs=3), (name, what)
    zipped = requests.get(f"{server}/api/projects/{adopted.project_id}/photos.zip", timeout=10)
    assert zipped.status_code == 200
    with zipfile.ZipFile(io.BytesIO(zipped.content)) as archive:
        names = archive.namelist()
        assert len(names) == 3
        for entry in names:
            data = archive.read(entry)
            assert metadata_left(data) == [] and SECRET not in data, entry


def test_a_damaged_colour_profile_is_dropped_and_the_photo_kept(adopted, server):
    visit = adopted.visit(adopted.aru_key, "2027-05-10", []).get_json()
    original = jpeg_with_everything(LON, LAT, profile=SECRET + b"not an ICC profile at all" * 4)
    photo = _upload(server, adopted, visit["id"], original, "IMG_0002.jpg")
    served = requests.get(f"{server}{photo['url']}", timeout=10).content
    assert metadata_left(served) == [] and SECRET not in served
    assert _grey(served) == pytest.approx((128, 128, 128), abs=3)  # the pixels as they were
