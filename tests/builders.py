"""Instances with real data for the tests: built through the services, as the app would build them."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass

from PIL import Image
from sqlalchemy import func, select

from cowork.models.workshop import Event
from cowork.supervision.payloads import ObservationIn, PhotoUpload, ProjectCreate, SignoffCreate, VisitCreate
from cowork.workshop.payloads import (
    CommentAdd,
    DesignCreate,
    DesignJoin,
    ElementAdd,
    Join,
    Moderate,
    PhaseSet,
    VoteChange,
    WorkshopCreate,
)

from .support import LAWN, PARK, PATH, TREE


@dataclass
class Supervised:
    """What a supervised workshop was built with: its ids and every secret it handed out."""

    workshop_id: str
    facilitator_token: str
    participant_tokens: dict[str, str]
    design_id: str
    project_id: str
    keys: dict[str, str]
    recovery_codes: dict[str, str]


def supervised_workshop(cowork) -> Supervised:
    """A closed workshop with every kind of record, a project with a visit, a photo and a sign-off."""
    created = cowork.workshops.create(WorkshopCreate("Park", "Panfilov Park", PARK))
    facilitator = cowork.access.participant(created["facilitator_token"])
    joined = {name: cowork.workshops.join(Join(created["join_code"], name)) for name in ("Aru", "Bek")}
    aru, bek = (cowork.access.participant(joined[name]["token"]) for name in ("Aru", "Bek"))
    design = cowork.sketches.create_design(aru, DesignCreate("Green heart", str(uuid.uuid4()))).reply["design"]["id"]
    cowork.sketches.join_design(bek, DesignJoin(design))
    ids = {}
    for kind, geometry in (
        ("tree", TREE),
        ("bench", {"type": "Point", "coordinates": [76.9525, 43.2604]}),
        ("path", PATH),
        ("green_area", LAWN),
    ):
        ids[kind] = str(uuid.uuid4())
        cowork.sketches.add_element(aru, ElementAdd(ids[kind], design, kind, geometry, f"a {kind}"))
    cowork.facilitation.moderate(facilitator, Moderate("element", ids["bench"], True, "duplicate"))
    cowork.voting.add_comment(bek, CommentAdd(str(uuid.uuid4()), "More shade", element_id=ids["tree"]))
    cowork.facilitation.set_phase(facilitator, PhaseSet("voting"))
    cowork.voting.cast(bek, VoteChange(design))
    cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))
    adopted = cowork.supervision.adopt(
        facilitator,
        created["id"],
        # Aru said her name may be shown; Bek said nothing (his initials, the default).
        ProjectCreate(design, "Phase 1", "Akimat", "", "2027-04-01", "2027-10-31", {aru.participant_id: "name"}),
    ).reply
    keys = {a["author_id"]: a["key"] for a in adopted["access"]}
    by_aru = cowork.access.supervisor(keys[aru.participant_id], adopted["id"])
    visit = cowork.supervision.record_visit(
        by_aru,
        VisitCreate(
            None,
            "2027-05-10",
            "Walked the site",
            "dry",
            (
                ObservationIn(ids["tree"], None, "built", {"type": "Point", "coordinates": [76.95204, 43.2604]}, 1, ""),
                ObservationIn(
                    None, "sign", "built", {"type": "Point", "coordinates": [76.9541, 43.2611]}, None, "unplanned"
                ),
            ),
            notes_public=True,
        ),
    )
    png = io.BytesIO()
    Image.new("RGB", (32, 24), (40, 120, 40)).save(png, format="PNG")
    cowork.photos.upload(by_aru, PhotoUpload(visit["id"], None, png.getvalue(), "a.png"))
    by_bek = cowork.access.supervisor(keys[bek.participant_id], adopted["id"])
    cowork.supervision.sign(by_bek, SignoffCreate("accept", "fine", visit_id=visit["id"]))
    names = {aru.participant_id: "Aru", bek.participant_id: "Bek"}
    return Supervised(
        workshop_id=created["id"],
        facilitator_token=created["facilitator_token"],
        participant_tokens={name: j["token"] for name, j in joined.items()},
        design_id=design,
        project_id=adopted["id"],
        keys={names[a["author_id"]]: a["key"] for a in adopted["access"]},
        recovery_codes={names[a["author_id"]]: a["recovery_code"] for a in adopted["access"]},
    )


class Room:
    """A workshop with its facilitator, an author with a design, and a participant who is not its author."""

    def __init__(self, cowork):
        self.cowork = cowork
        created = cowork.workshops.create(WorkshopCreate("Edits", "Park", PARK))
        self.workshop_id = created["id"]
        self.facilitator = cowork.access.participant(created["facilitator_token"])
        self.author = self.join(created["join_code"], "Author")
        self.other = self.join(created["join_code"], "Other")
        self.design = cowork.sketches.create_design(self.author, DesignCreate("Plan", str(uuid.uuid4()))).reply[
            "design"
        ]["id"]

    def join(self, code, name):
        return self.cowork.access.participant(self.cowork.workshops.join(Join(code, name))["token"])

    def add(self, who=None, kind="tree", geometry=TREE, element_id=None, note=""):
        request = ElementAdd(element_id or str(uuid.uuid4()), self.design, kind, geometry, note)
        return self.cowork.sketches.add_element(who or self.author, request)

    def seq(self) -> int:
        return self.cowork.workshops.summary(self.workshop_id)["seq"]

    def events(self) -> int:
        with self.cowork.db.read() as session:
            return session.scalar(select(func.count()).select_from(Event).where(Event.workshop_id == self.workshop_id))


@dataclass
class Drawn:
    """A closed workshop whose one design was adopted: its ids, the facilitator, and each element's id by name."""

    workshop_id: str
    facilitator: object
    project_id: str
    ids: dict[str, str]


def adopted_design(cowork, elements: dict[str, tuple], observed) -> Drawn:
    """A closed workshop with one design of `elements` (name → (kind, geometry, props)), adopted, and one visit of the
    observations `observed(ids)` returns (none when it returns none)."""
    created = cowork.workshops.create(WorkshopCreate("Park", "Panfilov Park", PARK))
    facilitator = cowork.access.participant(created["facilitator_token"])
    aru = cowork.access.participant(cowork.workshops.join(Join(created["join_code"], "Aru"))["token"])
    design = cowork.sketches.create_design(aru, DesignCreate("Green heart", str(uuid.uuid4()))).reply["design"]["id"]
    ids = {}
    for name, (kind, geometry, props) in elements.items():
        ids[name] = str(uuid.uuid4())
        cowork.sketches.add_element(aru, ElementAdd(ids[name], design, kind, geometry, "", props))
    cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))
    adopted = cowork.supervision.adopt(
        facilitator, created["id"], ProjectCreate(design, "Phase 1", "Akimat", "", None, None)
    ).reply
    observations = tuple(observed(ids))
    if observations:
        by_aru = cowork.access.supervisor(adopted["access"][0]["key"], adopted["id"])
        cowork.supervision.record_visit(by_aru, VisitCreate(None, "2027-05-10", "", "", observations))
    return Drawn(created["id"], facilitator, adopted["id"], ids)
