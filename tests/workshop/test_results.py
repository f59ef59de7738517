"""Results, exports, the archive round trip and the pages of the facilitator, over HTTP."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid

import pytest
from pyproj import Geod

from cowork import create_app
from cowork.config import TestConfig
from cowork.workshop.payloads import (
    CommentAdd,
    DesignCreate,
    ElementAdd,
    Join,
    Moderate,
    PhaseSet,
    VoteChange,
    WorkshopCreate,
)

from ..support import LAWN, PARK, PATH, TREE

WGS84 = Geod(ellps="WGS84")


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


class Session:
    """A workshop run through the services: three designs, votes, a comment, a moderated element."""

    def __init__(self, cowork):
        self.cowork = cowork
        created = cowork.workshops.create(WorkshopCreate("Park vote", "Panfilov Park", PARK))
        self.workshop_id, self.token = created["id"], created["facilitator_token"]
        self.facilitator = cowork.access.participant(self.token)
        people = [
            cowork.access.participant(cowork.workshops.join(Join(created["join_code"], n))["token"])
            for n in ("Aru", "Bek", "Cholpon", "Dana")
        ]
        self.people = people

        def design(who, title):
            return cowork.sketches.create_design(who, DesignCreate(title, str(uuid.uuid4()))).reply["design"]["id"]

        self.green, self.play, self.third = (
            design(people[0], "Green heart"),
            design(people[1], "Play first"),
            design(people[2], "=cmd|' /C calc'!A0"),
        )

        def add(who, d, kind, geometry, note=""):
            return cowork.sketches.add_element(who, ElementAdd(str(uuid.uuid4()), d, kind, geometry, note))

        for lon in (76.9520, 76.9525, 76.9530):
            add(people[0], self.green, "tree", {"type": "Point", "coordinates": [lon, 43.2604]})
        add(people[0], self.green, "bench", TREE)
        add(people[0], self.green, "green_area", LAWN)
        add(people[0], self.green, "path", PATH, "along `the` ${river}")
        add(people[1], self.play, "play_area", LAWN)
        add(people[1], self.play, "lighting", TREE)
        hidden = add(people[1], self.play, "lighting", TREE).reply["element"]["id"]
        cowork.facilitation.moderate(self.facilitator, Moderate("element", hidden, True, "duplicate"))
        cowork.voting.add_comment(
            people[3], CommentAdd(str(uuid.uuid4()), "<script>alert(1)</script>", design_id=self.green)
        )
        cowork.facilitation.set_phase(self.facilitator, PhaseSet("voting"))
        for who in people[1:]:
            cowork.voting.cast(who, VoteChange(self.green))
        cowork.voting.cast(people[0], VoteChange(self.play))
        cowork.voting.cast(people[3], VoteChange(self.play))

    def close(self) -> None:
        self.cowork.facilitation.set_phase(self.facilitator, PhaseSet("closed"))


@pytest.fixture
def session_(cowork) -> Session:
    return Session(cowork)


def test_results_rank_designs_with_figures_on_known_geometry(client, session_):
    response = client.get(f"/api/workshops/{session_.workshop_id}/results", headers=bearer(session_.token))
    body = response.get_json()
    assert response.status_code == 200 and body["total_votes"] == 5
    ranking = body["ranking"]
    assert [(r["rank"], r["title"], r["votes"]) for r in ranking] == [
        (1, "Green heart", 3),
        (2, "Play first", 2),
        (3, "=cmd|' /C calc'!A0", 0),
    ]
    green, play = ranking[0]["figures"], ranking[1]["figures"]
    lawn_area = abs(WGS84.geometry_area_perimeter(__import__("shapely.geometry", fromlist=["shape"]).shape(LAWN))[0])
    path_length = WGS84.line_length([c[0] for c in PATH["coordinates"]], [c[1] for c in PATH["coordinates"]])
    assert green["trees"] == 3 and green["benches"] == 1 and green["lights"] == 0 and green["elements"] == 6
    assert green["green_area_m2"] == pytest.approx(lawn_area, rel=0.005)
    assert green["path_length_m"] == pytest.approx(path_length, rel=0.005)
    assert green["play_area_m2"] == 0 and green["bike_lane_length_m"] == 0
    assert play["play_area_m2"] == pytest.approx(lawn_area, rel=0.005)
    assert play["lights"] == 1 and play["elements"] == 2  # the hidden light is left out
    assert ranking[0]["authors"] == ["Aru"]


def test_results_are_public_only_once_closed(client, session_):
    url = f"/api/workshops/{session_.workshop_id}/results"
    assert client.get(url).status_code == 401
    participant = session_.cowork.workshops.join(
        Join(session_.cowork.workshops.summary(session_.workshop_id, session_.facilitator)["join_code"], "Eve")
    )
    assert client.get(url, headers=bearer(participant["token"])).status_code == 403
    assert client.get(f"/api/workshops/{session_.workshop_id}/export.csv").status_code == 401
    assert client.get(f"/w/{session_.workshop_id}/results").status_code == 403
    session_.close()
    assert client.get(url).status_code == 200
    assert client.get(f"/w/{session_.workshop_id}/results").status_code == 200


def test_csv_of_tallies_is_safe_for_spreadsheets(client, session_):
    session_.close()
    response = client.get(f"/api/workshops/{session_.workshop_id}/export.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["rank", "design_id", "title", "votes", "authors", "comments_count", "comments"]
    assert rows[1][2:4] == ["Green heart", "3"] and rows[2][2:4] == ["Play first", "2"]
    assert rows[3][2] == "'=cmd|' /C calc'!A0"


def test_residents_comments_reach_results_csv_and_geojson_without_names_and_never_hidden(client, session_):
    cowork, people = session_.cowork, session_.people

    def comment(who, text, **target):
        return cowork.voting.add_comment(who, CommentAdd(str(uuid.uuid4()), text, **target))

    exported = cowork.state.export_features(session_.workshop_id, session_.facilitator)["features"]
    oak = next(f["id"] for f in exported if f["properties"]["kind"] == "tree")
    comment(people[1], '=HYPERLINK("http://evil")\nsecond line', element_id=oak)
    hidden = comment(people[2], "rude words", design_id=session_.play).reply["comment"]["id"]
    cowork.facilitation.moderate(session_.facilitator, Moderate("comment", hidden, True, "rude"))
    comment(people[3], "Swings for the little ones", design_id=session_.play)
    session_.close()

    ranking = client.get(f"/api/workshops/{session_.workshop_id}/results").get_json()["ranking"]
    assert [[(c["element_kind"], c["text"]) for c in row["comments"]] for row in ranking] == [
        [(None, "<script>alert(1)</script>"), ("tree", '=HYPERLINK("http://evil")\nsecond line')],
        [(None, "Swings for the little ones")],
        [],
    ]
    names = {"Aru", "Bek", "Cholpon", "Dana"}
    assert all(set(c) == {"text", "element_kind", "created_at"} for row in ranking for c in row["comments"])

    rows = list(csv.reader(io.StringIO(client.get(f"/api/workshops/{session_.workshop_id}/export.csv").text)))
    assert [row[5:] for row in rows[1:]] == [
        ["2", '<script>alert(1)</script>\n[tree] =HYPERLINK("http://evil") second line'],
        ["1", "Swings for the little ones"],
        ["0", ""],
    ]
    assert "rude" not in "".join(rows[2]) and not names & set(rows[1][6].split())
    # A comment first in its cell that would be a formula is written as text.
    cowork.facilitation.set_phase(session_.facilitator, PhaseSet("voting", reopen=True))
    comment(people[0], "+1 for shade", design_id=session_.third)
    session_.close()
    rows = list(csv.reader(io.StringIO(client.get(f"/api/workshops/{session_.workshop_id}/export.csv").text)))
    assert rows[3][5:] == ["1", "'+1 for shade"]

    features = client.get(f"/api/workshops/{session_.workshop_id}/export.geojson").get_json()["features"]
    tree = next(f for f in features if f["id"] == oak)["properties"]
    assert tree["comments"] == ['=HYPERLINK("http://evil")\nsecond line']
    assert tree["design_comments"] == ["<script>alert(1)</script>"]
    play = [f["properties"] for f in features if f["properties"]["design_id"] == session_.play]
    assert play and all(p["design_comments"] == ["Swings for the little ones"] for p in play)
    facilitator = client.get(
        f"/api/workshops/{session_.workshop_id}/export.geojson", headers=bearer(session_.token)
    ).get_json()
    assert "rude words" not in json.dumps(facilitator), "a hidden comment never leaves, not even for its facilitator"


def test_results_page_draws_folium_maps_with_local_leaflet_and_escaped_text(client, session_):
    session_.close()
    response = client.get(f"/w/{session_.workshop_id}/results")
    html = response.get_data(as_text=True)
    csp = response.headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert html.count('class="folium-map"') == 3
    assert "/vendor/leaflet/dist/leaflet.js" in html
    assert not re.search(r"https?://(?!127\.0\.0\.1)", html.replace("https://leafletjs.com", "")), "no CDN"
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline and all(f'nonce="{nonce}"' in attrs for attrs in inline)
    assert "${river}" not in html and "&#36;{river}" in html  # user text can't run in folium's template strings
    assert "<script>alert(1)</script>" not in html
    first_design = re.findall(r'data-figure="(trees|benches)">(\d+)<', html)[:2]
    assert first_design == [("trees", "3"), ("benches", "1")]


def test_facilitator_cookie_opens_the_results_page_before_closing(client, session_):
    assert client.get(f"/w/{session_.workshop_id}/results").status_code == 403
    assert client.post("/api/session", headers=bearer(session_.token)).status_code == 200
    assert client.get(f"/w/{session_.workshop_id}/results").status_code == 200
    participant_token = session_.cowork.workshops.join(
        Join(session_.cowork.workshops.summary(session_.workshop_id, session_.facilitator)["join_code"], "P")
    )["token"]
    assert client.post("/api/session", headers=bearer(participant_token)).status_code == 403


def test_events_for_replay(client, session_):
    url = f"/api/workshops/{session_.workshop_id}/events"
    assert client.get(url).status_code == 401
    facilitator_log = client.get(url, headers=bearer(session_.token)).get_json()
    assert [e["seq"] for e in facilitator_log["events"]] == list(range(1, facilitator_log["seq"] + 1))
    assert all(e["at"].endswith("Z") for e in facilitator_log["events"])
    session_.close()
    public = client.get(url).get_json()["events"]
    # The public replay shows what participants saw: votes (before closing) and hidden things only as ticks.
    assert "votes:updated" not in {e["type"] for e in public}
    assert client.get(f"{url}?since=x").status_code == 400


def test_qr_code_and_facilitator_pages_are_served(client, session_):
    assert client.get(f"/w/{session_.workshop_id}/qr.svg").status_code == 403  # it carries the join code
    assert client.post("/api/session", headers=bearer(session_.token)).status_code == 200
    svg = client.get(f"/w/{session_.workshop_id}/qr.svg")
    assert svg.mimetype == "image/svg+xml" and svg.get_data(as_text=True).lstrip().startswith("<svg")
    assert 'xmlns="http://www.w3.org/2000/svg"' in svg.get_data(as_text=True)  # renders as an <img> too
    for page in ("console", "projector", "replay"):
        assert client.get(f"/w/{session_.workshop_id}/{page}").status_code == 200, page
    assert client.get("/w/nope/console").status_code == 404


def test_archive_round_trip_between_two_fresh_databases_gives_identical_exports(client, session_, tmp_path):
    session_.close()
    archive_response = client.get(f"/api/workshops/{session_.workshop_id}/archive", headers=bearer(session_.token))
    assert archive_response.status_code == 200
    text = archive_response.get_data(as_text=True)
    assert session_.token not in text and "token" not in text
    archive = json.loads(text)
    assert {"workshop", "participants", "designs", "elements", "votes", "comments", "events"} <= set(archive)
    other = create_app(
        TestConfig(DATABASE_URL=f"sqlite:///{tmp_path / 'other.db'}", INSTANCE_DIR=str(tmp_path / "other"))
    )
    try:
        other_client = other.test_client()
        imported = other_client.post("/api/workshops/import", json=archive)
        assert imported.status_code == 201, imported.get_json()
        new = imported.get_json()
        assert new["id"] != session_.workshop_id and len(new["facilitator_token"]) >= 40

        def exports(c, workshop_id, token):
            geojson = c.get(f"/api/workshops/{workshop_id}/export.geojson", headers=bearer(token)).get_json()
            geojson.pop("name")
            results = c.get(f"/api/workshops/{workshop_id}/results").get_json()
            results.pop("workshop")
            tallies = c.get(f"/api/workshops/{workshop_id}/export.csv").get_data(as_text=True)
            events = c.get(f"/api/workshops/{workshop_id}/events").get_json()
            return geojson, results, tallies, events

        assert exports(client, session_.workshop_id, session_.token) == exports(
            other_client, new["id"], new["facilitator_token"]
        )
        # The imported facilitator token works; the archive of the copy equals the original's but for ids and codes.
        copy = other_client.get(
            f"/api/workshops/{new['id']}/archive", headers=bearer(new["facilitator_token"])
        ).get_json()
        for part in ("designs", "elements", "votes", "comments", "events", "participants"):
            assert copy[part] == archive[part], part
        # Importing the same archive twice into one instance is a conflict, and nothing is half-saved.
        again = other_client.post("/api/workshops/import", json=archive)
        assert again.status_code == 409
        assert other_client.post("/api/workshops/import", json={"format": "zip"}).status_code == 400
        broken = {
            **archive,
            "elements": [{**archive["elements"][0], "geometry": {"type": "Point", "coordinates": [999, 0]}}],
        }
        assert other_client.post("/api/workshops/import", json=broken).status_code == 400
    finally:
        other.extensions["cowork"].db.dispose()


def test_archive_is_for_the_facilitator_only(client, session_):
    url = f"/api/workshops/{session_.workshop_id}/archive"
    assert client.get(url).status_code == 401
    participant = session_.cowork.workshops.join(
        Join(session_.cowork.workshops.summary(session_.workshop_id, session_.facilitator)["join_code"], "Eve")
    )
    assert client.get(url, headers=bearer(participant["token"])).status_code == 403


def test_a_group_counts_as_many_trees_or_benches_as_its_props_say(client, cowork):
    created = cowork.workshops.create(WorkshopCreate("Groves", "Panfilov Park", PARK))
    author = cowork.access.participant(cowork.workshops.join(Join(created["join_code"], "Aru"))["token"])
    design = cowork.sketches.create_design(author, DesignCreate("Grove", str(uuid.uuid4()))).reply["design"]["id"]
    for kind, props in (
        ("tree", {"species": "elm", "count": 12}),
        ("tree", {}),
        ("bench", {"count": 3}),
        ("lighting", {}),
    ):
        cowork.sketches.add_element(author, ElementAdd(str(uuid.uuid4()), design, kind, TREE, "", props))
    body = client.get(
        f"/api/workshops/{created['id']}/results", headers=bearer(created["facilitator_token"])
    ).get_json()
    figures = body["ranking"][0]["figures"]
    assert (figures["trees"], figures["benches"], figures["lights"], figures["elements"]) == (13, 3, 1, 4)
