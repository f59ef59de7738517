"""Issue 21, point 6: no metadata segment survives an upload, in the photo, its thumbnail or photos.zip; a photo with
a colour profile keeps its look; the GPS position is still read into the photo's row; `run.py photos scrub` cleans
the photos earlier versions stored with a comment or a colour profile left in."""

from __future__ import annotations

import hashlib
import io
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import requests
from PIL import Image
from sqlalchemy import update

from cowork.models.supervision import Photo

from ..support import ROOT
from .adopted import bearer
from .metadata import (
    GREY,
    SECRET,
    jpeg_with_everything,
    linear_rgb_profile,
    metadata_left,
    png_with_everything,
    webp_with_everything,
)

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


def _stored_as_before(cowork, photo_id: str, extension: str, photo: bytes, thumbnail: bytes) -> str:
    """Put a photo back as an earlier version stored it: these bytes under their content's name, the row naming
    them. Returns their name."""
    sha = hashlib.sha256(photo).hexdigest()
    folder = Path(cowork.settings.upload_dir) / sha[:2]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{sha}.{extension}").write_bytes(photo)
    (folder / f"{sha}.thumb.jpg").write_bytes(thumbnail)
    with cowork.db.write() as session:
        session.execute(update(Photo).where(Photo.id == photo_id).values(stored_sha256=sha, size_bytes=len(photo)))
    return sha


def _with_comment(jpeg: bytes) -> bytes:
    comment = SECRET + b"comment of an earlier version"
    return jpeg[:2] + b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment + jpeg[2:]


def test_photos_stored_with_metadata_by_an_earlier_version_are_scrubbed_by_run_py(adopted, server, cowork, settings):
    visit = adopted.visit(adopted.aru_key, "2027-05-10", []).get_json()
    jpeg = _upload(server, adopted, visit["id"], jpeg_with_everything(LON, LAT), "IMG_0003.jpg")
    png = _upload(server, adopted, visit["id"], png_with_everything(LON, LAT), "scan.png")
    clean_jpeg = requests.get(f"{server}{jpeg['url']}", timeout=10).content
    clean_thumbnail = requests.get(f"{server}{jpeg['thumbnail_url']}", timeout=10).content
    # What the version before kept: a JPEG's comment in the photo and its thumbnail, a PNG's colour profile with the
    # pixels it describes.
    old_png = io.BytesIO()
    Image.new("RGB", (200, 150), GREY).save(old_png, format="PNG", optimize=True, icc_profile=linear_rgb_profile())
    old = [
        _stored_as_before(cowork, jpeg["id"], "jpg", _with_comment(clean_jpeg), _with_comment(clean_thumbnail)),
        _stored_as_before(cowork, png["id"], "png", old_png.getvalue(), _with_comment(clean_thumbnail)),
    ]
    served = [requests.get(f"{server}{p['url']}", timeout=10).content for p in (jpeg, png)]
    assert all(metadata_left(data) for data in served)  # the leak the scrub is for

    env = {"PATH": "/usr/bin:/bin", "COWORK_DATABASE_URL": settings.DATABASE_URL, "COWORK_SECRET_KEY": "t"}
    env["COWORK_UPLOAD_DIR"] = cowork.settings.upload_dir
    scrub = [sys.executable, "run.py", "photos", "scrub"]
    done = subprocess.run(scrub, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "2 of 2 stored photos rewritten" in done.stdout, done.stdout + done.stderr

    for photo in (jpeg, png):
        for url in (photo["url"], photo["thumbnail_url"]):
            data = requests.get(f"{server}{url}", timeout=10).content
            assert metadata_left(data) == [] and SECRET not in data, url
    # The JPEG lost its comment and nothing else: not decoded, not encoded again. The PNG was converted to sRGB.
    assert requests.get(f"{server}{jpeg['url']}", timeout=10).content == clean_jpeg
    assert _grey(requests.get(f"{server}{png['url']}", timeout=10).content) == pytest.approx((188, 188, 188), abs=3)
    with zipfile.ZipFile(
        io.BytesIO(requests.get(f"{server}/api/projects/{adopted.project_id}/photos.zip").content)
    ) as z:
        assert all(metadata_left(z.read(name)) == [] for name in z.namelist())
    assert not [p for p in Path(cowork.settings.upload_dir).rglob("*") if p.name.split(".")[0] in old]
    again = subprocess.run(scrub, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert "0 of 2 stored photos rewritten" in again.stdout, again.stdout + again.stderr
