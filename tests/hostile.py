"""A workshop whose every piece of user text is an attempt to run script, built through a live server (HTTP and
Socket.IO, as tablets and phones would build it): the material of the hostile-text and headers tests."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass, field

import requests
from PIL import Image

from .support import PARK, LiveClient

# What people might type to make a page run their script: markup with handlers, a script element, a break out
# of an attribute, a link scheme, template-literal and Jinja breakers, a break out of an inline script.
PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    '"><svg onload=alert(3)>',
    "javascript:alert(4)",
    "${alert(5)}",
    "`+alert(6)+`",
    "</script><script>alert(7)//",
    "' onfocus='alert(8)",
    "\\`${alert(9)}",
    "{{7*7}}",
)
TITLE_LIMIT = 200  # the shortest limit of the long fields (titles, reasons, conditions): cowork/core/facts.py
LONG = 500  # room for every payload (notes and comments)


def hostile(label: str, limit: int = TITLE_LIMIT) -> str:
    """A label followed by as many payloads as fit in `limit` characters, in the order above."""
    text = label
    for payload in PAYLOADS:
        if len(text) + 1 + len(payload) <= limit:
            text += " " + payload
    return text


def short(label: str, index: int) -> str:
    """A label and one payload, for fields as short as a name (40 characters)."""
    return f"{label} {PAYLOADS[index % len(PAYLOADS)]}"


# Every kind of text a person types, each findable by its label.
TEXT = {
    "title": hostile("Workshop"),
    "site": hostile("Site"),
    "design_a": hostile("DesignA"),
    "design_b": hostile("DesignB"),
    "name_a": short("Aru", 0),
    "name_b": short("Bek", 1),
    "name_c": short("Cem", 2),
    "note_tree": hostile("TreeNote", LONG),
    "note_bench": hostile("BenchNote", LONG),
    "note_note": hostile("NoteNote", LONG),
    "note_path": hostile("PathNote", LONG),
    "comment_element": hostile("ElementComment", LONG),
    "comment_design": hostile("DesignComment", LONG),
    "comment_hidden": hostile("HiddenComment", LONG),
    "reason_element": hostile("BenchReason"),
    "reason_comment": hostile("CommentReason"),
    "project": hostile("Project"),
    "organisation": hostile("Organisation"),
    "contractor": hostile("Contractor"),
    "visit_notes": hostile("VisitNotes", LONG),
    "conditions": hostile("Conditions"),
    "observation": hostile("ObservationNote", LONG),
    "addition": hostile("AdditionNote", LONG),
    "signoff_visit": hostile("VisitSignoff", LONG),
    "signoff_element": hostile("ElementSignoff", LONG),
    "photo_name": "<img src=x onerror=alert(10)>.png",
}

TREE = {"type": "Point", "coordinates": [76.9520, 43.2604]}
BENCH = {"type": "Point", "coordinates": [76.9525, 43.2604]}
NOTE = {"type": "Point", "coordinates": [76.9530, 43.2607]}
SIGN = {"type": "Point", "coordinates": [76.9541, 43.2611]}
PATH = {"type": "LineString", "coordinates": [[76.9515, 43.2600], [76.9540, 43.2598]]}
LAWN = {
    "type": "Polygon",
    "coordinates": [
        [[76.9520, 43.2570], [76.9535, 43.2570], [76.9535, 43.2580], [76.9520, 43.2580], [76.9520, 43.2570]]
    ],
}


@dataclass
class Hostile:
    """The ids and secrets of the hostile workshop and its project."""

    workshop_id: str
    join_code: str
    facilitator_token: str
    tokens: dict[str, str]
    design_a: str
    design_b: str
    elements: dict[str, str]
    project_id: str
    keys: dict[str, str]
    visit_id: str
    photo_id: str
    ids: dict[str, str] = field(default_factory=dict)


def _ok(answer: dict) -> dict:
    assert answer.get("ok"), answer
    return answer


def _post(base: str, path: str, body: dict, token: str | None = None, status: int = 201) -> dict:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = requests.post(f"{base}{path}", json=body, headers=headers, timeout=10)
    assert response.status_code == status, response.text
    return response.json()


def build_hostile_workshop(base: str) -> Hostile:
    """A closed workshop with two designs, notes, comments, a moderated element and comment, votes, and an
    adopted project with a visit (notes, conditions, an unplanned addition), a photo and two sign-offs."""
    workshop = _post(base, "/api/workshops", {"title": TEXT["title"], "site_name": TEXT["site"], "boundary": PARK})
    joined = {
        who: _post(base, "/api/join", {"code": workshop["join_code"], "name": TEXT[f"name_{who}"]})
        for who in ("a", "b")
    }
    tokens = {who: j["token"] for who, j in joined.items()}
    a, b = LiveClient(base, tokens["a"]).connect(), LiveClient(base, tokens["b"]).connect()
    facilitator = LiveClient(base, workshop["facilitator_token"]).connect()
    try:
        design_a = _ok(a.call("design:create", {"id": str(uuid.uuid4()), "title": TEXT["design_a"]}))["design"]["id"]
        _ok(b.call("design:join", {"design_id": design_a}))
        design_b = _ok(b.call("design:create", {"id": str(uuid.uuid4()), "title": TEXT["design_b"]}))["design"]["id"]
        elements = {}
        for name, kind, geometry, note in (
            ("tree", "tree", TREE, TEXT["note_tree"]),
            ("bench", "bench", BENCH, TEXT["note_bench"]),
            ("note", "note", NOTE, TEXT["note_note"]),
            ("path", "path", PATH, TEXT["note_path"]),
            ("lawn", "green_area", LAWN, ""),
        ):
            elements[name] = str(uuid.uuid4())
            _ok(
                a.call(
                    "element:add",
                    {"id": elements[name], "design_id": design_a, "kind": kind, "geometry": geometry, "note": note},
                )
            )
        _ok(
            b.call(
                "comment:add",
                {"id": str(uuid.uuid4()), "element_id": elements["tree"], "text": TEXT["comment_element"]},
            )
        )
        _ok(b.call("comment:add", {"id": str(uuid.uuid4()), "design_id": design_a, "text": TEXT["comment_design"]}))
        hidden_comment = str(uuid.uuid4())
        _ok(a.call("comment:add", {"id": hidden_comment, "design_id": design_b, "text": TEXT["comment_hidden"]}))
        _ok(
            facilitator.call(
                "moderate",
                {"target": "element", "id": elements["bench"], "hidden": True, "reason": TEXT["reason_element"]},
            )
        )
        _ok(
            facilitator.call(
                "moderate",
                {"target": "comment", "id": hidden_comment, "hidden": True, "reason": TEXT["reason_comment"]},
            )
        )
        _ok(facilitator.call("phase:set", {"phase": "voting"}))
        _ok(b.call("vote:cast", {"design_id": design_a}))
        _ok(a.call("vote:cast", {"design_id": design_b}))
        _ok(facilitator.call("phase:set", {"phase": "closed"}))
    finally:
        for client in (a, b, facilitator):
            client.disconnect()
    project = _post(
        base,
        f"/api/workshops/{workshop['id']}/projects",
        {
            "design_id": design_a,
            "title": TEXT["project"],
            "organisation": TEXT["organisation"],
            "contractor": TEXT["contractor"],
            "planned_start": "2027-04-01",
            "planned_completion": "2027-10-31",
            # Both said their (hostile) names may be shown in public: the public pages show them, as text.
            "shown_as": {j["participant_id"]: "name" for j in joined.values()},
        },
        workshop["facilitator_token"],
    )
    keys = {("a" if access["name"] == TEXT["name_a"] else "b"): access["key"] for access in project["access"]}
    visit = _post(
        base,
        f"/api/projects/{project['id']}/visits",
        {
            "date": "2027-05-10",
            "notes": TEXT["visit_notes"],
            "notes_public": True,  # so that the public pages show them too
            "conditions": TEXT["conditions"],
            "observations": [
                {
                    "element_id": elements["tree"],
                    "status": "built",
                    "as_built": {"type": "Point", "coordinates": [76.95204, 43.2604]},
                    "count": 1,
                    "note": TEXT["observation"],
                },
                {"kind": "sign", "status": "built", "as_built": SIGN, "note": TEXT["addition"]},
            ],
        },
        keys["a"],
    )
    png = io.BytesIO()
    Image.new("RGB", (32, 24), (40, 120, 40)).save(png, format="PNG")
    response = requests.post(
        f"{base}/api/projects/{project['id']}/visits/{visit['id']}/photos",
        timeout=10,
        headers={"Authorization": f"Bearer {keys['a']}"},
        files={"file": (TEXT["photo_name"], png.getvalue(), "image/png")},
        data={"element_id": elements["tree"]},
    )
    assert response.status_code == 201, response.text
    _post(
        base,
        f"/api/projects/{project['id']}/signoffs",
        {"visit_id": visit["id"], "verdict": "accept", "comment": TEXT["signoff_visit"]},
        keys["b"],
    )
    _post(
        base,
        f"/api/projects/{project['id']}/signoffs",
        {"element_id": elements["path"], "verdict": "object", "comment": TEXT["signoff_element"]},
        keys["b"],
    )
    return Hostile(
        workshop_id=workshop["id"],
        join_code=workshop["join_code"],
        facilitator_token=workshop["facilitator_token"],
        tokens=tokens,
        design_a=design_a,
        design_b=design_b,
        elements=elements,
        project_id=project["id"],
        keys=keys,
        visit_id=visit["id"],
        photo_id=response.json()["id"],
    )
