"""The authorisation table of cowork/authorization/ holds: every cell walked over a real server, the table
covering every route and every Socket.IO event, and docs/security.md showing it as it is."""

from __future__ import annotations

import re
import secrets
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from cowork import authorization, create_app
from cowork.config import TestConfig
from cowork.workshop.payloads import WorkshopCreate

from ..mbtiles import build_mbtiles
from ..support import PARK
from .authz_world import ask_http, ask_socket, build_world, connect_all, look

ROOT = Path(__file__).resolve().parents[2]
SECURITY = ROOT / "docs" / "security.md"
ORGANISER_KEY = secrets.token_urlsafe(32)
CELLS = authorization.cells()
SEEN = authorization.cells(authorization.VISIBILITY)


@pytest.fixture(scope="module")
def walk_app(tmp_path_factory, migrated_sqlite):
    """One app for the whole walk, with an organiser key, a base map file and limits no walk reaches."""
    folder = tmp_path_factory.mktemp("authz")
    shutil.copyfile(migrated_sqlite, folder / "cowork.db")
    build_mbtiles(folder / "city.mbtiles")
    settings = TestConfig(
        DATABASE_URL=f"sqlite:///{folder / 'cowork.db'}",
        INSTANCE_DIR=str(folder),
        ORGANIZER_KEY=ORGANISER_KEY,
        LIMIT_WRONG_RECOVERY_CODES="1000/minute",
        LIMIT_WRONG_JOIN_CODES="1000/minute",
        LIMIT_EXPORTS="1000/minute",
        LIMIT_SITE_FILES="1000/minute",
        BASEMAP=str(folder / "city.mbtiles"),
    )
    application = create_app(settings)
    yield application
    application.extensions["cowork"].db.dispose()


@pytest.fixture(scope="module")
def walk(walk_app):
    """The served app and one world per context, every role's socket open in each."""
    http_server = make_server("127.0.0.1", 0, walk_app, threaded=True)
    thread = threading.Thread(target=http_server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{http_server.server_port}"
    cowork = walk_app.extensions["cowork"]
    worlds = {context: build_world(cowork, context) for context in authorization.WORKSHOP_CONTEXTS}
    project = worlds["closed"].project
    outsider = cowork.workshops.create(WorkshopCreate("Elsewhere", "Another park", PARK))["facilitator_token"]
    secrets_ = {"organiser": ORGANISER_KEY, "outsider": outsider}
    connect_all(base, list(worlds.values()), project, secrets_)
    for world in worlds.values():
        opened = world.facilitator_http.post(
            f"{base}/api/session", headers={"Authorization": f"Bearer {world.tokens['facilitator']}"}
        )
        assert opened.status_code == 200, opened.text
    worlds["project"] = worlds["site"] = worlds["closed"]
    yield base, worlds, project, secrets_
    # Each close waits on its websocket's handshake: close them all at once.
    closers = [
        threading.Thread(target=client.disconnect)
        for context in authorization.WORKSHOP_CONTEXTS
        for client in worlds[context].clients.values()
    ]
    for closer in closers:
        closer.start()
    for closer in closers:
        closer.join(10)
    http_server.shutdown()


@pytest.mark.parametrize("action, role, context, expected", CELLS, ids=[f"{a}|{r}|{c}" for a, r, c, _ in CELLS])
def test_every_cell_of_the_table_holds_on_the_real_server(walk, action, role, context, expected):
    base, worlds, project, secrets_ = walk
    world = worlds[context]
    if action.startswith("socket "):
        actual = ask_socket(world, action.removeprefix("socket "), role)
    else:
        actual = ask_http(base, world, project, secrets_, action, role)
    assert actual == expected, (
        f"{action} as {role} in {context}: the table says {expected}, the server answered {actual}"
    )


@pytest.mark.parametrize("index", range(len(SEEN)), ids=[f"{a}|{r}|{c}" for a, r, c, _ in SEEN])
def test_every_read_path_shows_what_the_live_broadcast_would(walk, index):
    base, worlds, project, secrets_ = walk
    action, role, context, expected = SEEN[index]
    row = next(r for r in authorization.VISIBILITY if r.action == action and context in r.contexts)
    actual = look(base, worlds[context], project, secrets_, row, role)
    assert actual == expected, (
        f"{action} ({row.scope}) as {role} in {context}: the table says {expected}, the server gave {actual}"
    )


CONVERTER, NAME_ONLY = re.compile(r"<id:(\w+)>"), r"<\1>"


def test_the_table_covers_every_route(walk_app):
    # Rows name a variable as the docs do (<workshop_id>), whatever its converter (<id:workshop_id>).
    routes = {
        f"{method} {CONVERTER.sub(NAME_ONLY, rule.rule)}"
        for rule in walk_app.url_map.iter_rules()
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
    }
    rows = {a for a in authorization.rows_by_action() if not a.startswith("socket ")}
    assert routes - rows == set(), "routes without a row in cowork/authorization/"
    assert rows - routes == set(), "rows for routes that do not exist"


def test_the_table_covers_every_socket_event(walk_app):
    registered = set(walk_app.extensions["socketio"].server.handlers["/"])
    rows = {a.removeprefix("socket ") for a in authorization.rows_by_action() if a.startswith("socket ")}
    assert registered - rows - set(authorization.UNWALKED_EVENTS) == set(), (
        "events without a row in cowork/authorization/"
    )
    assert rows - registered == set(), "rows for events the server does not handle"


def test_every_row_names_every_role_in_every_context():
    for row in authorization.TABLE + authorization.VISIBILITY:
        for role in authorization.ROLES:
            for context in row.contexts:
                assert row.expected(role, context) in authorization.OUTCOMES, (row.action, role, context)


def test_security_md_shows_the_table_as_it_is():
    text = SECURITY.read_text(encoding="utf-8")
    for marker, table in (("authorization", authorization.TABLE), ("visibility", authorization.VISIBILITY)):
        match = re.search(rf"<!-- {marker} table -->\n(.*?)<!-- end of the table -->", text, re.S)
        assert match, f"docs/security.md lacks the generated {marker} table between its markers"
        assert match.group(1) == authorization.render_markdown(table), (
            "docs/security.md is stale: python -m cowork.authorization"
        )
    for name, words in {**authorization.ROLE_WORDS, **authorization.CONTEXT_WORDS}.items():
        assert f"- **{name}**: {words}." in text, f"docs/security.md does not say what {name} is as the table does"
