"""Photos with real images: checked, stripped of their metadata, thumbnailed, deduplicated, or refused."""

from __future__ import annotations

import io
import re
import uuid

import pytest
from PIL import Image

from .adopted import jpeg_with_gps, png_bytes, upload


def test_photos_are_checked_stripped_thumbnailed_and_deduplicated(adopted, settings, tmp_path):
    visit = adopted.visit(
        adopted.aru_key, "2027-05-10", [{"element_id": adopted.ids["bench"], "status": "built"}]
    ).get_json()
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
