"""A small city for the open-data tests, built through the services: what must be published and what never."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from cowork.supervision.payloads import ObservationIn, ProjectCreate, VisitCreate
from cowork.workshop.payloads import (
    DesignCreate,
    ElementAdd,
    Join,
    Moderate,
    PhaseSet,
    SettingsUpdate,
    VoteChange,
    WorkshopCreate,
)

from ..support import LAWN, PARK, PATH, TREE, load_sites

BENCH = {"type": "Point", "coordinates": [76.9525, 43.2604]}
BUILT_PATH = {"type": "LineString", "coordinates": [[76.9515, 43.26005], [76.9540, 43.25985]]}


@dataclass
class OpenCity:
    """Ids of what was built and every secret handed out (none may be published)."""

    published: str = ""  # closed, open_data on: its site and sketches are published
    withheld: str = ""  # closed, open_data turned off
    running: str = ""  # still sketching
    project_id: str = ""
    design_id: str = ""  # the adopted design (2 dots)
    second_design_id: str = ""  # 1 dot
    hidden_design_id: str = ""
    elements: dict[str, str] = field(default_factory=dict)  # kind -> id, of the published workshop
    hidden_element_id: str = ""
    withheld_element_id: str = ""
    running_element_id: str = ""
    secrets: list[str] = field(default_factory=list)  # tokens, keys, recovery codes, join codes
    keys: list[str] = field(default_factory=list)  # the authors' supervision keys
    names: list[str] = field(default_factory=list)  # participant names


def _workshop(cowork, city: OpenCity, title: str, boundary: dict, names: tuple[str, ...]):
    created = cowork.workshops.create(WorkshopCreate(title, f"{title} site", boundary))
    facilitator = cowork.access.participant(created["facilitator_token"])
    joined = [cowork.workshops.join(Join(created["join_code"], name)) for name in names]
    city.secrets += [created["facilitator_token"], created["join_code"], *(j["token"] for j in joined)]
    city.names += list(names)
    return created["id"], facilitator, [cowork.access.participant(j["token"]) for j in joined]


def _add(cowork, who, design: str, kind: str, geometry: dict, note: str = "") -> str:
    element_id = str(uuid.uuid4())
    cowork.sketches.add_element(who, ElementAdd(element_id, design, kind, geometry, note))
    return element_id


def open_city(cowork) -> OpenCity:
    """Three workshops (published, withheld, running) and a supervised project with as-built shapes."""
    city = OpenCity()
    city.published, facilitator, (aru, bek, cem) = _workshop(
        cowork, city, "Panfilov", PARK, ("Aruzhan Q", "Bekzat Q", "Cemile Q")
    )
    city.design_id = cowork.sketches.create_design(aru, DesignCreate("Green heart", str(uuid.uuid4()))).reply["design"][
        "id"
    ]
    city.second_design_id = cowork.sketches.create_design(bek, DesignCreate("Quiet corner", str(uuid.uuid4()))).reply[
        "design"
    ]["id"]
    city.hidden_design_id = cowork.sketches.create_design(cem, DesignCreate("Spam design", str(uuid.uuid4()))).reply[
        "design"
    ]["id"]
    for kind, geometry in (("tree", TREE), ("path", PATH), ("green_area", LAWN)):
        city.elements[kind] = _add(cowork, aru, city.design_id, kind, geometry, f"a {kind}")
    city.elements["bench"] = _add(cowork, bek, city.second_design_id, "bench", BENCH, "rest")
    city.hidden_element_id = _add(cowork, aru, city.design_id, "bench", BENCH, "rude words")
    city.elements["spam"] = _add(cowork, cem, city.hidden_design_id, "tree", TREE, "spam")
    cowork.facilitation.moderate(facilitator, Moderate("element", city.hidden_element_id, True, "rude"))
    cowork.facilitation.moderate(facilitator, Moderate("design", city.hidden_design_id, True, "spam"))
    cowork.facilitation.set_phase(facilitator, PhaseSet("voting"))
    cowork.voting.cast(bek, VoteChange(city.design_id))
    cowork.voting.cast(cem, VoteChange(city.design_id))
    cowork.voting.cast(aru, VoteChange(city.second_design_id))
    cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))
    adopted = cowork.supervision.adopt(
        facilitator,
        city.published,
        ProjectCreate(city.design_id, "Panfilov phase 1", "Akimat", "BuildCo", "2027-04-01", "2027-10-31"),
    ).reply
    city.project_id = adopted["id"]
    city.keys = [a["key"] for a in adopted["access"]]
    city.secrets += city.keys + [a["recovery_code"] for a in adopted["access"]]
    supervisor = cowork.access.supervisor(adopted["access"][0]["key"], city.project_id)
    cowork.supervision.record_visit(
        supervisor,
        VisitCreate(
            None,
            "2027-05-10",
            "Walked the site",
            "dry",
            (
                ObservationIn(
                    city.elements["tree"], None, "built", {"type": "Point", "coordinates": [76.95204, 43.2604]}, 1, ""
                ),
                ObservationIn(city.elements["path"], None, "in_progress", BUILT_PATH, None, "half"),
            ),
        ),
    )

    other = load_sites()[1]["geometry"]
    city.withheld, facilitator, (dana,) = _workshop(cowork, city, "Withheld", other, ("Dana Q",))
    design = cowork.sketches.create_design(dana, DesignCreate("Private plan", str(uuid.uuid4()))).reply["design"]["id"]
    city.withheld_element_id = _add(cowork, dana, design, "tree", _inside(other))
    cowork.facilitation.update_settings(facilitator, SettingsUpdate({"open_data": False}))
    cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))

    city.running, facilitator, (erlan,) = _workshop(cowork, city, "Running", other, ("Erlan Q",))
    design = cowork.sketches.create_design(erlan, DesignCreate("Draft", str(uuid.uuid4()))).reply["design"]["id"]
    city.running_element_id = _add(cowork, erlan, design, "tree", _inside(other))
    return city


def _inside(boundary: dict) -> dict:
    """A point inside a site."""
    from shapely.geometry import mapping, shape

    return mapping(shape(boundary).representative_point())
