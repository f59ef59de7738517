"""Importing archives: malformed ones are refused at the door, naming the field, and nothing is half-saved."""

from __future__ import annotations

import copy
import json
import uuid
from datetime import datetime

import pytest
from sqlalchemy import func, select

from cowork import create_app
from cowork.archive.payloads import ArchiveIn
from cowork.config import TestConfig
from cowork.models.workshop import Workshop

from ..builders import supervised_workshop

MISSING = object()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def build_archive(cowork) -> dict:
    """The archive of a supervised workshop with every kind of record, as a client sends it."""
    built = supervised_workshop(cowork)
    facilitator = cowork.access.participant(built.facilitator_token)
    return json.loads(json.dumps(cowork.archive.export(built.workshop_id, facilitator)))


def archive_on_own_instance(folder, build) -> dict:
    """The archive `build(cowork)` makes on an instance of its own in `folder` (ids are kept on import, so an archive
    is imported elsewhere than where it was made)."""
    app = create_app(TestConfig(DATABASE_URL=f"sqlite:///{folder / 'source.db'}", INSTANCE_DIR=str(folder)))
    try:
        return build(app.extensions["cowork"])
    finally:
        app.extensions["cowork"].db.dispose()


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> dict:
    """The archive every case below spoils in one place (built once, on an instance of its own)."""
    return archive_on_own_instance(tmp_path_factory.mktemp("source"), build_archive)


def changed(archive: dict, path: str, value) -> dict:
    """A copy of the archive with the field at `path` (`elements.3.kind`) set to `value`, or removed for MISSING."""
    spoilt = copy.deepcopy(archive)
    *parents, last = (int(key) if key.isdigit() else key for key in path.split("."))
    target = spoilt
    for key in parents:
        target = target[key]
    if value is MISSING:
        del target[last]
    else:
        target[last] = value
    return spoilt


def workshops_in(cowork) -> int:
    """How many workshops the database holds."""
    with cowork.db.read() as session:
        return session.scalar(select(func.count()).select_from(Workshop))


# (where, what is put there, what the message must say)
MALFORMED = [
    ("format", "zip", "Not a cowork archive"),
    ("version", 2, "Unsupported archive version 2"),
    ("version", True, "Unsupported archive version True"),
    ("workshop", MISSING, "Archive: 'workshop' is required."),
    ("workshop", [], "Archive: 'workshop' must be an object."),
    ("workshop.title", MISSING, "Archive: workshop: 'title' is required."),
    ("workshop.title", "x" * 201, "Archive: workshop: 'title' is longer than 200 characters."),
    ("workshop.site_name", 7, "Archive: workshop: 'site_name' must be a string."),
    ("workshop.boundary", "POLYGON((0 0))", "Archive: workshop: 'boundary' must be an object."),
    ("workshop.phase", "party", "Archive: workshop: 'phase' must be one of: setup, sketching, voting, closed."),
    ("workshop.seq", "12", "Archive: workshop: 'seq' must be a whole number."),
    ("workshop.seq", 10**30, "Archive: workshop: 'seq' must be at most 2147483647."),
    ("workshop.settings", {"colour": "red"}, "Archive: workshop.settings: Unknown setting 'colour'."),
    (
        "workshop.settings",
        {"votes_per_participant": 1000},
        "Archive: workshop.settings: 'votes_per_participant' must be",
    ),
    ("workshop.created_at", "yesterday", "Archive: workshop: 'created_at' is not an ISO 8601 time."),
    ("workshop.timer_ends_at", 1700000000, "Archive: workshop: 'timer_ends_at' must be an ISO 8601 time string."),
    ("participants", {}, "Archive: 'participants' must be a list."),
    ("participants.1", "Aru", "Archive: participants[1] must be a JSON object."),
    ("participants.1.id", "aru", "Archive: participants[1]: 'id' is not a UUID."),
    ("participants.1.name", "A" * 41, "Archive: participants[1]: 'name' is longer than 40 characters."),
    ("participants.1.name", "A\x00", "Archive: participants[1]: 'name' contains a NUL character."),
    ("participants.0.role", "owner", "Archive: participants[0]: 'role' must be one of: facilitator, participant."),
    (
        "participants.2.removed_at",
        "2027-02-30T10:00:00Z",
        "Archive: participants[2]: 'removed_at' is not an ISO 8601 time.",
    ),
    ("designs", MISSING, "Archive: 'designs' is required."),
    ("designs.0.title", "", "Archive: designs[0]: 'title' must not be empty."),
    ("designs.0.colour_index", True, "Archive: designs[0]: 'colour_index' must be a whole number."),
    ("designs.0.authors", "Aru", "Archive: designs[0]: 'authors' must be a list."),
    ("designs.0.authors.1.participant_id", MISSING, "Archive: designs[0].authors[1]: 'participant_id' is required."),
    ("elements.3.kind", "fountain", "Archive: elements[3]: 'kind' must be one of: tree, bench, lighting"),
    ("elements.0.geometry", [76.95, 43.26], "Archive: elements[0]: 'geometry' must be an object."),
    ("elements.0.note", "n" * 2001, "Archive: elements[0]: 'note' is longer than 2000 characters."),
    ("elements.0.version", 0, "Archive: elements[0]: 'version' must be at least 1."),
    ("elements.2.deleted_seq", "never", "Archive: elements[2]: 'deleted_seq' must be a whole number."),
    ("elements.1.hidden_reason", "r" * 201, "Archive: elements[1]: 'hidden_reason' is longer than 200 characters."),
    ("elements.1.hidden_at", ["2027"], "Archive: elements[1]: 'hidden_at' must be an ISO 8601 time string."),
    ("votes.0.count", -1, "Archive: votes[0]: 'count' must be at least 0."),
    ("comments.0.text", "c" * 501, "Archive: comments[0]: 'text' is longer than 500 characters."),
    ("comments.0.element_id", 12, "Archive: comments[0]: 'element_id' must be a UUID string."),
    ("events.0.data", "phase changed", "Archive: events[0]: 'data' must be an object."),
    ("events.0.data", MISSING, "Archive: events[0]: 'data' is required."),
    ("events.0.seq", 1.5, "Archive: events[0]: 'seq' must be a whole number."),
    ("events.0.type", "t" * 41, "Archive: events[0]: 'type' is longer than 40 characters."),
    ("events.0.audience", ["everyone"], "Archive: events[0]: 'audience' holds something that is not a UUID."),
    ("events.0.audience", "everyone", "Archive: events[0]: 'audience' must be a list of UUID strings."),
    ("projects", {}, "Archive: 'projects' must be a list."),
    ("projects.0.title", None, "Archive: projects[0]: 'title' is required."),
    ("projects.0.planned_start", "2027-13-01", "Archive: projects[0]: 'planned_start' is not a real date."),
    ("projects.0.plan.2.kind", "fountain", "Archive: projects[0].plan[2]: 'kind' must be one of: tree"),
    (
        "projects.0.authors.0.revoked_at",
        "soon",
        "Archive: projects[0].authors[0]: 'revoked_at' is not an ISO 8601 time.",
    ),
    (
        "projects.0.authors.0.shown_as",
        "nickname",
        "Archive: projects[0].authors[0]: 'shown_as' must be one of: name, initials, author.",
    ),
    ("projects.0.visits.0.date", "10/05/2027", "Archive: projects[0].visits[0]: 'date' must be a date as YYYY-MM-DD."),
    (
        "projects.0.visits.0.notes_public",
        "yes",
        "Archive: projects[0].visits[0]: 'notes_public' must be true or false.",
    ),
    (
        "projects.0.visits.0.conditions",
        "c" * 201,
        "Archive: projects[0].visits[0]: 'conditions' is longer than 200 characters.",
    ),
    (
        "projects.0.visits.0.observations.0.status",
        "done",
        "Archive: projects[0].visits[0].observations[0]: 'status' must be one of: planned, in_progress, built",
    ),
    (
        "projects.0.visits.0.observations.1.unplanned",
        "yes",
        "Archive: projects[0].visits[0].observations[1]: 'unplanned' must be true or false.",
    ),
    (
        "projects.0.visits.0.observations.0.as_built",
        "here",
        "Archive: projects[0].visits[0].observations[0]: 'as_built' must be an object.",
    ),
    (
        "projects.0.visits.0.observations",
        [{}] * 2001,
        "Archive: projects[0].visits[0]: 'observations' may hold at most 2000 items.",
    ),
    (
        "projects.0.photos.0.stored_sha256",
        "../../../etc/passwd",
        "Archive: projects[0].photos[0]: 'stored_sha256' must be 64 lower-case hex",
    ),
    ("projects.0.photos.0.width", "wide", "Archive: projects[0].photos[0]: 'width' must be a whole number."),
    (
        "projects.0.photos.0.size_bytes",
        2**40,
        "Archive: projects[0].photos[0]: 'size_bytes' must be at most 2147483647.",
    ),
    ("projects.0.photos.0.lon", "east", "Archive: projects[0].photos[0]: 'lon' must be a finite number."),
    ("projects.0.photos.0.lat", 43.2, "Archive: projects[0].photos[0]: 'lon' and 'lat' come together or not at all."),
    (
        "projects.0.signoffs.0.verdict",
        "maybe",
        "Archive: projects[0].signoffs[0]: 'verdict' must be one of: accept, object.",
    ),
]


@pytest.mark.parametrize("lon, lat", [(76.9, 10**99), (76.9, 1e300), (181.0, 43.2), (76.9, -90.5)])
def test_a_photo_position_off_the_earth_is_refused_as_a_live_upload_would_be(client, cowork, source, lon, lat):
    """A live upload drops a GPS position outside [-180, 180] x [-90, 90]; an archive may not store one either."""
    before = workshops_in(cowork)
    response = client.post(
        "/api/workshops/import",
        json=changed(changed(source, "projects.0.photos.0.lon", lon), "projects.0.photos.0.lat", lat),
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == (
        "Archive: projects[0].photos[0]: 'lon' must lie in [-180, 180] and 'lat' in [-90, 90]."
    )
    assert workshops_in(cowork) == before


def test_the_untouched_archive_imports(client, cowork, source):
    """The base of every case below is valid: only the spoilt field makes a case fail."""
    response = client.post("/api/workshops/import", json=source)
    assert response.status_code == 201, response.get_json()
    assert workshops_in(cowork) == 1


@pytest.mark.parametrize(
    "path, value, message", MALFORMED, ids=[f"{path}={str(value)[:12]}" for path, value, _ in MALFORMED]
)
def test_a_malformed_archive_is_refused_naming_the_field_and_nothing_is_saved(
    client, cowork, source, path, value, message
):
    before = workshops_in(cowork)
    response = client.post("/api/workshops/import", json=changed(source, path, value))
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and error["message"].startswith(message), error
    assert workshops_in(cowork) == before


@pytest.mark.parametrize("body", [[], "archive", 3])
def test_a_body_that_is_no_object_is_not_an_archive(client, body):
    response = client.post("/api/workshops/import", json=body)
    assert response.status_code == 400 and "Not a cowork archive" in response.get_json()["error"]["message"]


def test_geometries_are_checked_by_geo_and_the_error_says_where(client, cowork, source):
    far = changed(source, "elements.2.geometry", {"type": "LineString", "coordinates": [[999, 0], [0, 0]]})
    response = client.post("/api/workshops/import", json=far)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "invalid_geometry" and error["message"].startswith(
        "Archive: elements[2].geometry: Coordinates out of range"
    )
    response = client.post(
        "/api/workshops/import", json=changed(source, "workshop.boundary", {"type": "Point", "coordinates": [0, 0]})
    )
    assert response.get_json()["error"]["message"].startswith(
        "Archive: workshop.boundary: Expected a geometry of type Polygon"
    )
    assert workshops_in(cowork) == 0


def test_refusals_inside_the_transaction_save_nothing(client, cowork, source):
    # Well-formed but without a facilitator: refused after the workshop row was written, so it must be rolled back.
    nobody = changed(source, "participants.0.role", "participant")
    response = client.post("/api/workshops/import", json=nobody)
    assert response.status_code == 400 and response.get_json()["error"]["message"] == "Archive: it has no facilitator."
    # A design author who is not in the archive breaks a reference: a conflict, and nothing half-saved.
    stranger = changed(source, "designs.0.authors.1.participant_id", str(uuid.uuid4()))
    assert client.post("/api/workshops/import", json=stranger).status_code == 409
    assert workshops_in(cowork) == 0
    assert client.post("/api/workshops/import", json=source).status_code == 201
    assert workshops_in(cowork) == 1


def test_the_service_gets_typed_values(source):
    archive = ArchiveIn.parse(source)
    assert isinstance(archive.workshop.created_at, datetime) and archive.workshop.created_at.tzinfo is None
    assert [e.kind for e in archive.elements] == ["tree", "bench", "path", "green_area"]
    assert archive.elements[1].hidden_reason == "duplicate" and archive.elements[0].hidden_reason is None
    [project] = archive.projects
    [visit] = project.visits
    assert [o.unplanned for o in visit.observations] == [False, True] and project.photos[0].element_id == ""
    assert any(e.audience == () for e in archive.events) and any(e.audience is None for e in archive.events)


def test_times_with_an_offset_become_utc(source):
    moved = changed(source, "workshop.created_at", "2027-05-10T17:30:00+05:00")
    assert ArchiveIn.parse(moved).workshop.created_at == datetime(2027, 5, 10, 12, 30)
    assert ArchiveIn.parse(
        changed(source, "workshop.created_at", "2027-05-10T12:30:00")
    ).workshop.created_at == datetime(2027, 5, 10, 12, 30)


def test_an_imported_archive_exports_as_it_came(client, cowork, source):
    new = client.post("/api/workshops/import", json=source).get_json()
    copy_of = client.get(f"/api/workshops/{new['id']}/archive", headers=bearer(new["facilitator_token"])).get_json()
    for part in ("participants", "designs", "elements", "votes", "comments", "events", "projects"):
        assert copy_of[part] == source[part], part
    workshop, original = dict(copy_of["workshop"]), dict(source["workshop"])
    assert workshop.pop("id") != original.pop("id") and workshop == original


def test_an_archive_made_before_authors_were_asked_shows_them_by_initials_and_keeps_notes_private(client, source):
    older = copy.deepcopy(source)
    for project in older["projects"]:
        for author in project["authors"]:
            del author["shown_as"]
        for visit in project["visits"]:
            del visit["notes_public"]
    assert {a["shown_as"] for a in source["projects"][0]["authors"]} == {"name", "initials"}
    assert source["projects"][0]["visits"][0]["notes_public"] is True
    new = client.post("/api/workshops/import", json=older).get_json()
    copy_of = client.get(f"/api/workshops/{new['id']}/archive", headers=bearer(new["facilitator_token"])).get_json()
    [project] = copy_of["projects"]
    assert {a["shown_as"] for a in project["authors"]} == {"initials"}
    assert [v["notes_public"] for v in project["visits"]] == [False]
    public = client.get(f"/api/projects/{project['id']}").get_json()
    assert public["visits"][0]["notes"] == "" and sorted(a["name"] for a in public["authors"]) == ["A.", "B."]
