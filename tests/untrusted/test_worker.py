"""Untrusted work in a worker process: what it answers, and what it answers past each limit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cowork import untrusted
from cowork.errors import CoworkError
from cowork.untrusted import pool, protocol
from cowork.workshop import site_files

from ..support import load_sites
from .files import big_photo, big_site_file

ROOMY = untrusted.Budget(memory_mb=768, cpu_seconds=20, wall_seconds=60)


def park_file() -> bytes:
    import json

    return json.dumps({"type": "FeatureCollection", "features": [load_sites()[0]]}).encode()


def read(data: bytes, budget: untrusted.Budget) -> dict:
    facts, blobs = untrusted.run(
        "cowork.workshop.site_files:read_job", data, {"filename": "site.geojson", "max_bytes": 20 << 20}, budget
    )
    assert blobs == []
    return facts


def refusal(job, *args) -> CoworkError:
    with pytest.raises(CoworkError) as refused:
        job(*args)
    return refused.value


def test_a_site_file_read_in_a_worker_is_what_the_reader_answers():
    data = park_file()
    assert read(data, ROOMY) == site_files.parse_site_file(data, "site.geojson", max_bytes=1 << 20).as_dict()


def test_a_refusal_comes_back_as_the_reader_raised_it():
    error = refusal(read, b"<nothing/>", ROOMY)
    assert (error.code, error.message) == (
        "unsupported_format",
        "Expected GeoJSON, KML, KMZ, a GeoPackage or a zipped Shapefile.",
    )


def test_a_photo_comes_back_cleaned_with_its_thumbnail():
    import io

    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (640, 480), (10, 200, 30)).save(picture, "PNG")
    facts, (stored, thumbnail) = untrusted.run(
        "cowork.supervision.photos:clean_job", picture.getvalue(), {"max_pixels": 1_000_000}, ROOMY
    )
    assert facts == {"format": "PNG", "width": 640, "height": 480, "position": None}
    assert Image.open(io.BytesIO(stored)).size == (640, 480)
    assert Image.open(io.BytesIO(thumbnail)).format == "JPEG"


@pytest.fixture(scope="module")
def photo() -> bytes:
    return big_photo()


def clean(photo: bytes, budget: untrusted.Budget) -> CoworkError:
    return refusal(untrusted.run, "cowork.supervision.photos:clean_job", photo, {"max_pixels": 50_000_000}, budget)


def test_past_its_memory_the_file_is_too_large_and_says_which_limit(photo):
    error = clean(photo, untrusted.Budget(memory_mb=64, cpu_seconds=20, wall_seconds=60))  # its pixels alone: 150 MB
    assert error.code == "too_large"
    assert error.extra == {"exceeded": "memory_mb", "limit": 64}
    assert "64 MB" in error.message


def test_past_its_cpu_time_the_file_is_too_costly(photo):
    error = clean(photo, untrusted.Budget(memory_mb=768, cpu_seconds=0.5, wall_seconds=60))
    assert error.code == "too_costly"
    assert error.extra == {"exceeded": "cpu_seconds", "limit": 0.5}


def live_workers() -> set[int]:
    """This process's worker processes still running (not ended, not a zombie)."""
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if (
                int(stat[1]) == os.getpid()
                and stat[0] != "Z"
                and b"cowork.untrusted.worker" in (entry / "cmdline").read_bytes()
            ):
                found.add(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def test_past_its_deadline_the_worker_is_killed_and_the_file_is_too_costly():
    error = refusal(read, big_site_file(), untrusted.Budget(memory_mb=768, cpu_seconds=20, wall_seconds=0.05))
    assert error.code == "too_costly"
    assert error.extra == {"exceeded": "seconds", "limit": 0.05}
    assert live_workers() == {pool._spare.pid}  # the one that read it ended; only the next one waits


def test_when_every_place_stays_taken_the_answer_is_unavailable():
    budget = untrusted.Budget(memory_mb=768, cpu_seconds=20, wall_seconds=0.2, workers=1)
    with pool.place(1, 1):
        error = refusal(read, park_file(), budget)
    assert error.code == "unavailable"
    assert read(park_file(), untrusted.Budget(768, 20, 60, workers=1))["name"]  # the place is free again


def test_each_job_has_a_fresh_process_and_a_spare_waits():
    first = pool.take()
    second = pool.take()
    try:
        assert first.pid != second.pid != os.getpid()
        assert pool._spare is not None and pool._spare.pid not in (first.pid, second.pid)
    finally:
        pool.kill(first)
        pool.kill(second)
        pool.stderr_of(first)
        pool.stderr_of(second)


@pytest.mark.parametrize(
    "frame",
    [
        b"",
        b"no header",
        b"[1, 2]\n",
        b'{"blobs": [5]}\nabc',
        b'{"blobs": [1]}\nabc',
        b'{"blobs": "x"}\n',
        b"[" * 200_000 + b"\n",  # deeper than the JSON parser goes
    ],
)
def test_a_broken_frame_is_refused(frame):
    with pytest.raises(protocol.FrameError):
        protocol.decode(frame, max_bytes=1 << 20)


def test_a_frame_round_trips():
    frame = b"".join(protocol.encode({"ok": {"a": 1}}, [b"xy", b"", b"\n\n"]))
    assert protocol.decode(frame, max_bytes=100) == ({"ok": {"a": 1}}, [b"xy", b"", b"\n\n"])


def test_a_page_offering_an_upload_starts_the_spare(client):
    if pool._spare is not None:
        pool.kill(pool._spare)
        pool._spare.wait()
    assert client.get("/new").status_code == 200
    assert pool._spare is not None and pool._spare.poll() is None
    assert read(park_file(), ROOMY)["name"]  # a job takes that one


def test_a_worker_has_a_group_of_its_own_none_of_the_servers_settings_and_its_limits(monkeypatch):
    monkeypatch.setenv("COWORK_SECRET_KEY", "do-not-pass-me-on")
    monkeypatch.setenv("COWORK_DATABASE_URL", "postgresql://secret@db/cowork")
    if pool._spare is not None:  # the spare was started before these settings: start one that sees them
        pool.kill(pool._spare)
        pool._spare.wait()
    facts, (echoed,) = untrusted.run("cowork.untrusted.worker:describe", b"abc", {}, ROOMY)
    assert echoed == b"cba" and facts["bytes"] == 3
    assert facts["pid"] == facts["pgid"] == facts["sid"] != os.getpid()  # killed as a group, apart from ours
    assert not [name for name in facts["environment"] if name.startswith("COWORK_")]
    assert facts["address_space_limit"] - facts["address_space"] <= 768 << 20
    assert 19 < facts["cpu_timer_s"] <= 20.01  # the CPU timer is set (the kernel rounds it to its tick)


@pytest.mark.parametrize(
    ("header", "code", "message"),
    [
        (
            {"error": {"code": "unsupported_format", "message": "Not a site file."}},
            "unsupported_format",
            "Not a site file.",
        ),
        # A worker is believed only about a file's faults, and only their code and words.
        ({"error": {"code": "unauthorized", "message": "log in"}}, "internal", None),
        ({"error": {"code": "too_large", "message": "big", "extra": {"error": {"code": "ok"}}}}, "too_large", "big"),
        ({"error": {"code": "no_polygon", "message": 7}}, "internal", None),
        ({"neither": 1}, "internal", None),
        ({"error": {"code": "memory"}}, "too_large", None),
    ],
)
def test_what_a_worker_says_is_believed_only_as_a_files_refusal(header, code, message):
    with pytest.raises(CoworkError) as refused:
        untrusted._accepted((header, []), "cowork.x:y", ROOMY, "")
    assert refused.value.code == code
    assert refused.value.extra == (
        {"exceeded": "memory_mb", "limit": 768} if header == {"error": {"code": "memory"}} else {}
    )
    if message:
        assert refused.value.message == message


GOOD_PHOTO = {"format": "JPEG", "width": 640, "height": 480, "position": [76.95, 43.25]}


@pytest.mark.parametrize(
    ("meta", "blobs"),
    [
        (GOOD_PHOTO, [b"photo"]),
        (GOOD_PHOTO, [b"photo", b""]),
        ({**GOOD_PHOTO, "format": "SVG"}, [b"photo", b"thumb"]),
        ({**GOOD_PHOTO, "width": True}, [b"photo", b"thumb"]),
        ({**GOOD_PHOTO, "height": -1}, [b"photo", b"thumb"]),
        ({**GOOD_PHOTO, "position": [float("nan"), 1.0]}, [b"photo", b"thumb"]),
        ({**GOOD_PHOTO, "position": "here"}, [b"photo", b"thumb"]),
    ],
)
def test_a_photo_workers_answer_is_checked_before_anything_is_stored(meta, blobs):
    from cowork.supervision.photos import cleaned

    assert cleaned(GOOD_PHOTO, [b"photo", b"thumb"]) == (GOOD_PHOTO, (b"photo", b"thumb"))
    with pytest.raises(CoworkError) as refused:
        cleaned(meta, blobs)
    assert refused.value.code == "internal"
