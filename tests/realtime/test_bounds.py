"""Every bound on what a client may send, each with its clear answer, over the live server: JSON nesting depth,
numbers JSON does not have, text that is not Unicode, ids, whole numbers, text lengths, vertices, HTTP bodies and
Socket.IO messages; and the bugs hostile input found, each pinned by its case."""

from __future__ import annotations

import json

import pytest
import requests
from websocket import ABNF

from cowork.core import geo
from cowork.core.facts import MAX_COMMENT, MAX_JSON_DEPTH, MAX_NAME, MAX_NOTE, MAX_TITLE
from cowork.core.fields import MAX_INTEGER
from cowork.core.props import MAX_GROUP

from ..fuzzing import RawClient, RawJSON, WholeMessage, assert_refused, dump_database, new_design, new_id
from ..support import LAWN, PARK, TREE, wait_until


@pytest.fixture
def raw(connect):
    """Factory: a connected RawClient for a token."""
    return lambda token: connect(token, RawClient)


def post(server: str, path: str, body: str | bytes, token: str | None = None) -> requests.Response:
    """POST raw JSON text."""
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    return requests.post(f"{server}{path}", data=body, headers=headers, timeout=30)


def refused(response: requests.Response, status: int, code: str) -> str:
    """The refusal's message, once its status and code are as expected."""
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["message"], error
    return error["message"]


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def ring(vertices: int) -> list[list[float]]:
    """A closed ring of that many positions (a thin fan inside the park), valid as a polygon."""
    points = [[76.9520 + 0.0015 * i / vertices, 43.2570 + 0.0010 * (i % 2)] for i in range(vertices - 1)]
    return [*points, points[0]]


# ------------------------------------------------------------------ HTTP


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 1000, 10_000, 100_000])
def test_json_nested_too_deep_is_refused_invalid_not_a_500(server, depth):
    message = refused(post(server, "/api/workshops", nested(depth)), 400, "invalid")
    assert f"at most {MAX_JSON_DEPTH} levels" in message
    assert requests.get(f"{server}/healthz", timeout=10).status_code == 200


def test_json_as_deep_as_allowed_is_read(server):
    # Read, then refused for what it is (not an object), not for its depth.
    message = refused(post(server, "/api/workshops", nested(MAX_JSON_DEPTH)), 400, "invalid")
    assert message == "The payload must be a JSON object."


@pytest.mark.parametrize(
    "body, says",
    [
        ('{"code": "X", "name": NaN}', "no NaN"),
        ('{"code": "X", "name": -Infinity}', "no -Infinity"),
        ('{"code": "X", "name": "a\\ud800b"}', "lone surrogate"),  # was a 500: UnicodeEncodeError at the INSERT
        ('{"code": "\\udfff", "name": "Aru"}', "lone surrogate"),
        ('{"code": "X", "name": ' + "9" * 101 + "}", "more than 100 digits"),
        (b'{"code": "X", "name": "\xed\xa0\x80"}', "not valid UTF-8"),
        ('{"code": "X", "name": "Aru"', "Not valid JSON"),
    ],
)
def test_json_that_is_not_plain_unicode_json_is_refused(server, body, says):
    assert says in refused(post(server, "/api/join", body), 400, "invalid")


def test_a_huge_integer_coordinate_is_out_of_range_not_an_overflow():
    # Was an OverflowError (a 500) in math.isfinite; JSON now stops such a number first, geo copes anyway.
    with pytest.raises(geo.GeometryError, match="out of range"):
        geo.parse_geometry({"type": "Point", "coordinates": [10**400, 0]}, ("Point",))


@pytest.mark.parametrize(
    "path", ["/api/workshops/a%00b", "/api/projects/%00", "/w/a%00b", "/api/workshops/not-an-id/results"]
)
def test_an_id_that_is_no_uuid_is_404_before_any_query(server, path):
    # A NUL in a PostgreSQL query was a 500.
    response = requests.get(f"{server}{path}", timeout=10)
    assert response.status_code == 404
    if path.startswith("/api/"):
        assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("since", [str(MAX_INTEGER + 1), "999999999998", "²", "-1", "1.5"])
def test_since_beyond_the_seq_column_or_not_ascii_digits_is_invalid(server, workshop, since):
    # PostgreSQL refused 2**31 as an integer (a 500); "²" passed isdigit() and failed int() (a 500).
    response = requests.get(
        f"{server}/api/workshops/{workshop['id']}/events",
        params={"since": since},
        headers={"Authorization": f"Bearer {workshop['facilitator_token']}"},
        timeout=10,
    )
    refused(response, 400, "invalid")


@pytest.mark.parametrize("field, limit", [("title", MAX_TITLE), ("site_name", MAX_TITLE)])
def test_workshop_texts_longer_than_their_limit_are_invalid(server, field, limit):
    body = {"title": "Park", "site_name": "Panfilov Park", "boundary": PARK, field: "ы" * (limit + 1)}
    assert f"longer than {limit}" in refused(post(server, "/api/workshops", json.dumps(body)), 400, "invalid")


def test_a_name_longer_than_its_limit_is_invalid(server, workshop):
    body = json.dumps({"code": workshop["join_code"], "name": "😀" * (MAX_NAME + 1)})
    assert f"longer than {MAX_NAME}" in refused(post(server, "/api/join", body), 400, "invalid")


def test_a_site_with_too_many_vertices_is_invalid_geometry(server):
    body = {
        "title": "Park",
        "site_name": "Park",
        "boundary": {"type": "Polygon", "coordinates": [ring(geo.MAX_SITE_VERTICES + 1)]},
    }
    assert "Too many vertices" in refused(post(server, "/api/workshops", json.dumps(body)), 400, "invalid_geometry")


def test_a_body_over_the_request_limit_is_too_large(server, app):
    limit = app.config["MAX_CONTENT_LENGTH"]
    body = json.dumps({"code": "X", "name": "Aru", "pad": "x" * limit})
    refused(post(server, "/api/join", body), 413, "too_large")


def test_a_visit_count_beyond_an_integer_column_is_invalid(client, cowork):
    # Beyond 2**31 - 1, PostgreSQL refused the INSERT (a 500); every whole number a client sends is now bounded.
    from ..builders import supervised_workshop

    world = supervised_workshop(cowork)
    body = {
        "date": "2027-06-01",
        "observations": [{"element_id": new_id(), "status": "built", "count": MAX_INTEGER + 1}],
    }
    response = client.post(
        f"/api/projects/{world.project_id}/visits",
        json=body,
        headers={"Authorization": f"Bearer {world.facilitator_token}"},
    )
    # Bounded tighter still now: a count says how many of a group (props.MAX_GROUP), never more than a column holds.
    assert response.status_code == 400 and f"at most {MAX_GROUP}" in response.get_json()["error"]["message"]
    assert MAX_GROUP < MAX_INTEGER


# ------------------------------------------------------------------ Socket.IO


def test_a_socket_message_nested_too_deep_gets_a_refused_ack(raw, alice, cowork):
    live = raw(alice["token"])
    before = dump_database(cowork)
    for depth in (MAX_JSON_DEPTH + 1, 10_000):
        ack = live.call("element:add", RawJSON(nested(depth)))
        assert f"at most {MAX_JSON_DEPTH} levels" in ack["error"]["message"]
        assert_refused(ack, "invalid")
    assert dump_database(cowork) == before
    assert live.call("sync", {"since": 0})["ok"]


@pytest.mark.parametrize(
    "payload", ["NaN", "[1, Infinity]", '{"since": 1e999}', '"\\ud800"', '{"since": ' + "1" * 101 + "}"]
)
def test_socket_json_that_is_not_plain_unicode_json_gets_a_refused_ack(raw, alice, payload):
    live = raw(alice["token"])
    assert_refused(live.call("sync", RawJSON(payload)), "invalid")


# No bare number: on the wire it would read as more of the ack id, or "-5" as an attachment count (Socket.IO's
# packet has no separator before its data), and the server's answer would carry another ack id.
@pytest.mark.parametrize("text", ["true", '{"a": 1}', '"design:create"', "[]", "null", '[["sync"]]', '[{"a": 1}]'])
def test_a_message_that_is_no_event_gets_a_refused_ack(raw, alice, text):
    # A bare value, or an event "named" by a list or an object, never reached a handler and was never answered.
    live = raw(alice["token"])
    assert_refused(live.call(WholeMessage(text)), "invalid")
    assert live.call("sync", {"since": 0})["ok"]


@pytest.mark.parametrize("event", ["connect", "disconnect"])
def test_an_event_named_as_the_servers_own_is_refused_and_changes_nothing(raw, alice, event):
    # `connect` ran the connect handler again (and raised, unanswered); `disconnect` made the server forget the
    # connection, so every later event of that tablet was `unauthorized`.
    live = raw(alice["token"])
    assert_refused(live.call(event, {"token": alice["token"]}), "invalid")
    assert live.call("sync", {"since": 0})["ok"]


def test_socket_texts_longer_than_their_limit_are_invalid(raw, alice):
    live = raw(alice["token"])
    design = new_design(live)
    too_long = {
        "design:create": {"id": new_id(), "title": "x" * (MAX_TITLE + 1)},
        "element:add": {
            "id": new_id(),
            "design_id": design,
            "kind": "note",
            "geometry": TREE,
            "note": "n" * (MAX_NOTE + 1),
        },
        "comment:add": {"id": new_id(), "design_id": design, "text": "𝄞" * (MAX_COMMENT + 1)},
    }
    for event, payload in too_long.items():
        assert "longer than" in live.call(event, payload)["error"]["message"], event


def test_an_element_with_too_many_vertices_is_invalid_geometry(raw, alice):
    live = raw(alice["token"])
    polygon = {"type": "Polygon", "coordinates": [ring(geo.MAX_VERTICES + 1)]}
    ack = live.call(
        "element:add", {"id": new_id(), "design_id": new_design(live), "kind": "plaza", "geometry": polygon}
    )
    assert_refused(ack, "invalid_geometry")
    assert "Too many vertices" in ack["error"]["message"]
    assert live.call("element:add", {"id": new_id(), "design_id": new_design(live), "kind": "plaza", "geometry": LAWN})[
        "ok"
    ]


def test_a_million_vertex_polygon_is_refused_by_size_while_another_tablet_edits(raw, alice, bob, cowork, app):
    sender, other = raw(alice["token"]), raw(bob["token"])
    design, theirs = new_design(sender), new_design(other)
    vertices = ",".join(["[76.9520001,43.2570001]"] * 1_000_000)
    head = (
        f'42["element:add",{{"id":"{new_id()}","design_id":"{design}","kind":"plaza",'
        '"geometry":{"type":"Polygon","coordinates":[['
    )
    message = head + vertices + "]]}}]"
    assert len(message) > 20 * app.extensions["cowork"].settings.MAX_MESSAGE_BYTES
    ws = sender.sio.eio.ws
    # The first part of the message, then nothing for now: the server holds an unfinished message of this tablet.
    ws.send_frame(ABNF.create_frame(message[:500_000], ABNF.OPCODE_TEXT, fin=0))
    added = other.call("element:add", {"id": new_id(), "design_id": theirs, "kind": "tree", "geometry": TREE})
    assert added["ok"], added
    before = dump_database(cowork)
    ws.send_frame(ABNF.create_frame(message[500_000:], ABNF.OPCODE_CONT, fin=1))
    wait_until(lambda: not sender.sio.connected, timeout=30)
    assert dump_database(cowork) == before
    assert other.call("element:add", {"id": new_id(), "design_id": theirs, "kind": "tree", "geometry": TREE})["ok"]


def test_a_message_over_the_byte_limit_closes_that_connection_only(raw, alice, bob, app):
    sender, other = raw(alice["token"]), raw(bob["token"])
    limit = app.extensions["cowork"].settings.MAX_MESSAGE_BYTES
    sender.sio.emit("design:create", {"id": new_id(), "title": "x" * limit})
    wait_until(lambda: not sender.sio.connected, timeout=10)
    assert other.call("sync", {"since": 0})["ok"]
