"""The world the authorisation walk asks in: one workshop per context of cowork/authorization/, each holding
someone of every role, and a probe per row that asks as that role over the real server and names the outcome."""

from __future__ import annotations

import io
import json
import re
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests
from PIL import Image
from sqlalchemy import select

from cowork import authorization
from cowork.models.workshop import Event, Workshop
from cowork.supervision.payloads import PhotoUpload, ProjectCreate, VisitCreate
from cowork.workshop.payloads import (
    CommentAdd,
    DesignCreate,
    DesignJoin,
    ElementAdd,
    Join,
    JoinCodeRotate,
    Moderate,
    ParticipantRemove,
    PhaseSet,
    SettingsUpdate,
    VoteChange,
    WorkshopCreate,
)

from ..mbtiles import PARK_CENTRE, tile_of
from ..support import PARK, TREE, LiveClient, read_geopackage

WRONG_RECOVERY_CODE = "ABCDEFGHJK"  # well formed, issued to nobody (a 1 in 31^10 chance otherwise)


def png_bytes() -> bytes:
    """A small real PNG."""
    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), (30, 110, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass
class Project:
    """The adopted project, and the supervision secrets of its authors."""

    id: str
    visit_id: str
    photo_id: str
    keys: dict[str, str]  # role -> key ("key_holder", "revoked", and "removed" if a removed author got one)
    codes: dict[str, str]  # role -> recovery code
    target_author: str  # the author whose access the reissue and revoke cells change


@dataclass
class World:
    """One workshop in one context: its ids, a token per workshop role, and the targets each role acts on."""

    context: str
    workshop_id: str
    tokens: dict[str, str]
    design: str  # the design acted on: the author's
    design_title: str
    other_design: str  # the author's second design, which others join
    to_update: dict[str, str]  # role -> an element of `design` that role's update cell changes
    to_delete: dict[str, str]  # role -> an element that role's delete cell deletes
    comments: dict[str, str]  # role -> a comment that role's moderate cell hides
    victims: dict[str, str]  # role -> a participant that role's remove cell removes
    code: Callable[[], str]  # the join code now (the walk's `join_code:rotate` cells change it)
    sync_from: int = 0  # the last change of the whole view: a `sync` from there answers with events, not a snapshot
    clients: dict[str, LiveClient] = field(default_factory=dict)
    connected: dict[str, str] = field(default_factory=dict)  # role -> outcome of connecting
    archive: dict | None = None
    project: Project | None = None
    facilitator_http: requests.Session = field(default_factory=requests.Session)


def build_world(cowork, context: str) -> World:
    """A workshop in this context, built through the services as the app would build it."""
    created = cowork.workshops.create(WorkshopCreate(f"Walk {context}", "Panfilov Park", PARK))
    facilitator = cowork.access.participant(created["facilitator_token"])
    if context == "private":
        cowork.facilitation.update_settings(facilitator, SettingsUpdate.parse({"private_sketching": True}))

    def joined(name: str) -> dict:
        return cowork.workshops.join(Join(current_code(cowork, created["id"]), name))

    people = {role: joined(role.title()) for role in ("participant", "author", "removed")}
    author = cowork.access.participant(people["author"]["token"])
    # A title found nowhere else, so a read shows the design exactly when its title is in the answer.
    title = f"Shade {uuid.uuid4().hex}"
    design = cowork.sketches.create_design(author, DesignCreate(title, str(uuid.uuid4()))).reply["design"]["id"]
    other = cowork.sketches.create_design(author, DesignCreate("Water", str(uuid.uuid4()))).reply["design"]["id"]

    def element() -> str:
        return cowork.sketches.add_element(author, ElementAdd(str(uuid.uuid4()), design, "tree", TREE, "")).reply[
            "element"
        ]["id"]

    def comment() -> str:
        return cowork.voting.add_comment(author, CommentAdd(str(uuid.uuid4()), "shade here", design_id=design)).reply[
            "comment"
        ]["id"]

    roles = authorization.ROLES
    world = World(
        context=context,
        workshop_id=created["id"],
        tokens={"facilitator": created["facilitator_token"], **{role: j["token"] for role, j in people.items()}},
        design=design,
        design_title=title,
        other_design=other,
        to_update={r: element() for r in roles},
        to_delete={r: element() for r in roles},
        comments={r: comment() for r in roles},
        victims={r: joined(f"Victim {i}")["participant_id"] for i, r in enumerate(roles)},
        code=lambda: current_code(cowork, created["id"]),
    )
    project_authors = (
        {role: joined(role.title()) for role in ("key_holder", "revoked", "target")} if context == "closed" else {}
    )
    if project_authors:
        # The removed participant had co-authored the design: removal must also keep them out of its supervision.
        project_authors["removed"] = people["removed"]
    for person in project_authors.values():
        cowork.sketches.join_design(cowork.access.participant(person["token"]), DesignJoin(design))
    cowork.facilitation.remove_participant(facilitator, ParticipantRemove(people["removed"]["participant_id"]))
    # A code rotated once: the log then holds a `join_code:changed` with a code that works, for the replay's rows.
    cowork.facilitation.rotate_join_code(facilitator, JoinCodeRotate.parse({}))
    if context == "moderated":
        cowork.facilitation.moderate(facilitator, Moderate("design", design, True, "walk"))
    if context == "tallies":
        cowork.facilitation.update_settings(facilitator, SettingsUpdate.parse({"show_running_tallies": True}))
    for phase in {
        "setup": ("setup",),
        "voting": ("voting",),
        "tallies": ("voting",),
        "closed": ("voting", "closed"),
    }.get(context, ()):
        cowork.facilitation.set_phase(facilitator, PhaseSet(phase))
    if context in ("voting", "tallies"):
        voter = cowork.access.participant(joined("Voter")["token"])  # tallies to show, whichever cells run
        cowork.voting.cast(voter, VoteChange(design))
    with cowork.db.read() as session:
        logged = session.scalars(select(Event).where(Event.workshop_id == world.workshop_id)).all()
        world.sync_from = max((e.seq for e in logged if e.data.get("resync")), default=0)
    if context == "closed":
        world.project = adopt(cowork, world, facilitator, project_authors)
        world.archive = cowork.archive.export(world.workshop_id, facilitator)
    return world


def current_code(cowork, workshop_id: str) -> str:
    """A workshop's join code as the database has it now."""
    with cowork.db.read() as session:
        return session.scalar(select(Workshop.join_code).where(Workshop.id == workshop_id))


def adopt(cowork, world: World, facilitator, authors: dict[str, dict]) -> Project:
    """Adopt the design with a visit and a photo; revoke one author's access."""
    adopted = cowork.supervision.adopt(
        facilitator, world.workshop_id, ProjectCreate(world.design, "Walk plan", "", "", None, None)
    ).reply
    access = {a["author_id"]: a for a in adopted["access"]}
    by_role = {
        role: access[person["participant_id"]] for role, person in authors.items() if person["participant_id"] in access
    }
    holder = cowork.access.supervisor(by_role["key_holder"]["key"], adopted["id"])
    visit = cowork.supervision.record_visit(holder, VisitCreate(None, "2027-05-10", "walk", "", ()))
    photo, _ = cowork.photos.upload(holder, PhotoUpload(visit["id"], None, png_bytes(), "a.png"))
    by_facilitator = cowork.access.supervisor(world.tokens["facilitator"], adopted["id"])
    cowork.supervision.revoke(by_facilitator, by_role["revoked"]["author_id"])
    return Project(
        id=adopted["id"],
        visit_id=visit["id"],
        photo_id=photo["id"],
        keys={role: by_role[role]["key"] for role in ("key_holder", "revoked", "removed") if role in by_role},
        codes={
            role: by_role[role]["recovery_code"] for role in ("key_holder", "revoked", "removed") if role in by_role
        },
        target_author=by_role["target"]["author_id"],
    )


def connect_all(base: str, worlds: list[World], project: Project, secrets: dict[str, str]) -> None:
    """Open a socket for every role of every world, all at once (a refused websocket takes its time to close);
    whoever is refused is `unauthorized` for every event."""

    def attempt(world: World, role: str) -> None:
        live = LiveClient(base, credential(world, project, secrets, role))
        try:
            live.connect()
            world.clients[role] = live
            world.connected[role] = "ok"
        except Exception:  # python-socketio raises its ConnectionError with the server's refusal in `refusals`
            world.connected[role] = "unauthorized" if live.refusals else "no answer"

    threads = [threading.Thread(target=attempt, args=(world, role)) for world in worlds for role in authorization.ROLES]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)


def credential(
    world: World, project: Project, secrets: dict[str, str], role: str, scope: str = "workshop"
) -> str | None:
    """What a role presents as its bearer token: on a project, a removed author shows the key they were given,
    if any; `secrets` holds the organiser key and the outsider's token."""
    if role in ("key_holder", "revoked") or (scope == "project" and role in project.keys):
        return project.keys[role]
    return secrets.get(role) or world.tokens.get(role)


# ---------------------------------------------------------------------------------------------- probes

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def fresh_ids(archive: dict) -> dict:
    """The archive with every id replaced, consistently: importing it into the instance it came from is then a
    new workshop, not a clash of ids."""
    mapping: dict[str, str] = {}
    text = UUID.sub(lambda m: mapping.setdefault(m.group(0), str(uuid.uuid4())), json.dumps(archive))
    return json.loads(text)


def outcome_of(response: requests.Response) -> str:
    """The outcome an HTTP answer stands for: `ok`, or the error code (from the body, else the status)."""
    if response.status_code < 400:
        return "ok"
    try:
        return response.json()["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return {401: "unauthorized", 403: "forbidden", 404: "not_found", 400: "invalid"}.get(
            response.status_code, str(response.status_code)
        )


def ack_outcome(ack: Any) -> str:
    """The outcome an ack stands for."""
    return "ok" if isinstance(ack, dict) and ack.get("ok") else ack["error"]["code"]


def http_request(world: World, action: str) -> dict[str, Any]:
    """The method, URL path and body with which a row's HTTP endpoint is asked in this world."""
    method, path = action.split(" ", 1)
    project = world.project
    values = {
        "<workshop_id>": world.workshop_id,
        "<path:filename>": "",
        "<code>": "en",
        "<project_id>": project.id if project else "",
        "<photo_id>": project.photo_id if project else "",
        "<visit_id>": project.visit_id if project else "",
        "<author_id>": project.target_author if project else "",
        # The open data: this world's workshop as a feature of `sites` (a closed workshop is published).
        "<collectionId>": "sites",
        "<featureId>": world.workshop_id,
    }
    if path.startswith("/static/"):
        values["<path:filename>"] = "css/shared/base.css"
    if path.startswith("/vendor/"):
        values["<path:filename>"] = "leaflet/dist/leaflet.js"
    if path.startswith("/tiles/"):
        x, y = tile_of(*PARK_CENTRE, 16)  # a tile of the walk's base map
        values.update({"<int:z>": "16", "<int:x>": str(x), "<int:y>": str(y)})
    for name, value in values.items():
        path = path.replace(name, value)
    bodies: dict[str, Any] = {
        "POST /api/qr.svg": {"text": "hello"},
        "POST /api/workshops": {"title": "Walk", "site_name": "Park", "boundary": PARK},
        "POST /api/workshops/import": fresh_ids(world.archive) if world.archive else None,
        "POST /api/workshops/<workshop_id>/projects": {"design_id": world.design, "title": "Walk"},
        "POST /api/projects/<project_id>/claim": {"replace": True},
        "POST /api/projects/<project_id>/visits": {"date": "2027-06-01", "observations": []},
        "POST /api/projects/<project_id>/signoffs": {
            "verdict": "accept",
            "comment": "fine",
            "visit_id": project.visit_id if project else None,
        },
    }
    params = {
        "GET /lang/<code>": {"next": "/"},
        "GET /api/city/layers": {"bbox": "76.90,43.20,77.00,43.30", "zoom": "15"},
    }.get(action, {})
    return {
        "method": method,
        "path": path,
        "json": bodies.get(action, {} if method == "POST" else None),
        "params": params,
    }


def ask_http(base: str, world: World, project: Project, secrets: dict[str, str], action: str, role: str) -> str:
    """Ask an HTTP endpoint as a role in a world."""
    spec = http_request(world, action)
    token = credential(world, project, secrets, role, authorization.rows_by_action()[action].scope)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    session = world.facilitator_http if role == "facilitator" else requests
    kwargs: dict[str, Any] = {"headers": headers, "params": spec["params"], "timeout": 20, "allow_redirects": False}
    if action == "POST /api/join":
        spec["json"] = {"code": world.code(), "name": "Walker"}
    if action == "POST /api/supervision/recover":
        spec["json"] = {"code": project.codes.get(role, WRONG_RECOVERY_CODE)}
    if action.endswith("/photos") and spec["method"] == "POST":
        kwargs["files"] = {"file": ("walk.png", png_bytes(), "image/png")}
    elif action == "POST /api/sites/parse":
        kwargs["files"] = {
            "file": (
                "walk.geojson",
                json.dumps({"type": "Feature", "properties": {}, "geometry": PARK}),
                "application/geo+json",
            )
        }
    elif spec["json"] is not None:
        kwargs["json"] = spec["json"]
    response = session.request(spec["method"], base + spec["path"], **kwargs)
    if action == "POST /api/supervision/recover" and response.status_code == 200:
        project.keys[role] = response.json()["key"]  # the old key stopped working; later cells use the new one
    return outcome_of(response)


def socket_payloads(world: World, role: str) -> dict[str, Callable[[], Any]]:
    """What each event carries when this role sends it in this world (fresh ids where it creates something)."""
    # The outsider's own workshop stays in sketching: its phase:set must change nothing there either.
    phase = "sketching" if role == "outsider" else authorization.PHASE_OF.get(world.context, world.context)
    return {
        "*": lambda: {},
        "malformed": lambda: "sent by name",
        "design:create": lambda: {"id": str(uuid.uuid4()), "title": "Walk"},
        "design:join": lambda: {"design_id": world.other_design},
        "element:add": lambda: {"id": str(uuid.uuid4()), "design_id": world.design, "kind": "tree", "geometry": TREE},
        "element:update": lambda: {"id": world.to_update[role], "base_version": 1, "note": "moved"},
        "element:delete": lambda: {"id": world.to_delete[role]},
        "sync": lambda: {"since": 0},
        "presence:design": lambda: {"design_id": None},
        "phase:set": lambda: {"phase": phase},
        "timer:set": lambda: {"seconds": 0},
        "view:share": lambda: {"center": [76.952, 43.26], "zoom": 16},
        "settings:update": lambda: {"votes_per_participant": 3},
        "moderate": lambda: {"target": "comment", "id": world.comments[role], "hidden": True, "reason": "walk"},
        "join_code:rotate": lambda: {},
        "participant:remove": lambda: {"participant_id": world.victims[role]},
        "vote:cast": lambda: {"design_id": world.design},
        "vote:retract": lambda: {"design_id": world.design},
        "comment:add": lambda: {"id": str(uuid.uuid4()), "design_id": world.design, "text": "walk"},
    }


def ask_socket(world: World, event: str, role: str) -> str:
    """Send an event as a role in a world (over its open socket) and name the outcome of its ack."""
    if event == "connect" or role not in world.clients:
        return world.connected[role]
    client = world.clients[role]
    payload = socket_payloads(world, role)[event]()
    if event == "vote:retract":
        client.call("vote:cast", payload)  # a dot to take back, so the cell asks only whether one may
    return ack_outcome(client.call("no:such:event" if event == "*" else event, payload))


# ---------------------------------------------------------------------------------------------- visibility


def shows(world: World, what: str, answer: Any) -> bool:
    """Whether a read's answer shows the design acted on (its title), the join code, or the tallies (with the
    design in them)."""
    if what in ("design", "code"):
        sought = world.design_title if what == "design" else world.code()
        return sought in (answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False))
    if isinstance(answer, dict) and "votes" in answer:  # a snapshot
        return world.design in (answer["votes"]["tallies"] or {})
    if isinstance(answer, dict) and "events" in answer:  # a sync answer
        return any(e["type"] == "votes:updated" for e in answer["events"])
    # An export: the design's dots or its rank (the order of the dots), or a GeoPackage site's sum of the dots (a
    # sum that drops when a design is hidden gives that design's dots away).
    return any(
        f["properties"]["design_id"] == world.design
        and (f["properties"]["design_votes"] is not None or f["properties"].get("design_rank") is not None)
        for f in answer["features"]
    ) or any(site["properties"]["votes"] is not None for site in answer.get("sites", ()))


def look(base: str, world: World, project: Project, secrets: dict[str, str], row: authorization.Row, role: str) -> str:
    """Read as a role in a world and say whether the design (or the tallies) is shown, or how the read is refused."""
    if row.action.startswith("socket "):
        if role not in world.clients:
            return world.connected[role]
        # `since` beyond the server's seq answers with a fresh snapshot.
        since = 10**9 if row.action == "socket snapshot" else world.sync_from
        answer = world.clients[role].call("sync", {"since": since})
        if not answer.get("ok"):
            return ack_outcome(answer)
        answer = answer.get("snapshot", answer)
    else:
        token = credential(world, project, secrets, role)
        session = world.facilitator_http if role == "facilitator" else requests
        response = session.get(
            base + http_request(world, row.action)["path"],
            timeout=20,
            headers={"Authorization": f"Bearer {token}"} if token else {},
        )
        if response.status_code >= 400:
            return outcome_of(response)
        kind = response.headers.get("Content-Type", "")
        if "geopackage" in kind:  # its layers, read back with GDAL: the sketches as features, and the site
            layers = read_geopackage(response.content)
            answer = {"features": layers["sketches"], "sites": layers["sites"]}
        else:
            answer = response.json() if "json" in kind else response.text
    return "shown" if shows(world, row.scope, answer) else "left_out"
