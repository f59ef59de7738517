"""A small city for the city map's tests, built through the services, its geometry laid out in metres.

Every workshop has the same 2 km square site. Positions are metres east and north of its south-west corner, turned
into longitude and latitude with pyproj's geodesic `fwd` and rounded as the server stores them, so a test measures
what was stored with pyproj independently of the code under test.

    north
    2000 ┌──────────────────────────────────────────────┐
         │                                              │
    1500 │            S2↑ (points at nothing)     C1 end│
         │                                  │           │
    1200 │   S1→   path P (x=500)           │C1 (planned, painted, project "Alpha")
    1100 │                   lawn           │           │
    1000 │ A1 ═══════════ B1 ══════════════ │ gap 100 m │
         │ (built as built, separated) (proposed, shared)
     300 │                                    S3→ 320 m → path Q (x=1820)
       0 └──────────────────────────────────────────────┘ east
         0    100       600             1100 1200        2000
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from pyproj import Geod

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

GEOD = Geod(ellps="WGS84")
ORIGIN = (76.90, 43.20)  # the site's south-west corner
SIDE_M = 2000.0


def at(east_m: float, north_m: float) -> list[float]:
    """The position east_m east and north_m north of the origin (north first, then east), as stored (7 decimals)."""
    lon, lat, _ = GEOD.fwd(ORIGIN[0], ORIGIN[1], 0, north_m)
    lon, lat, _ = GEOD.fwd(lon, lat, 90, east_m)
    return [round(lon, 7), round(lat, 7)]


def line(*points: tuple[float, float]) -> dict:
    """A GeoJSON LineString through positions given in metres."""
    return {"type": "LineString", "coordinates": [at(*p) for p in points]}


def point(east_m: float, north_m: float) -> dict:
    """A GeoJSON Point at a position given in metres."""
    return {"type": "Point", "coordinates": at(east_m, north_m)}


def square(west: float, south: float, east: float, north: float) -> dict:
    """A GeoJSON Polygon of a box given in metres."""
    ring = [at(west, south), at(east, south), at(east, north), at(west, north), at(west, south)]
    return {"type": "Polygon", "coordinates": [ring]}


SITE = square(0, 0, SIDE_M, SIDE_M)
A1 = line((100, 1000), (600, 1000))
A1_BUILT = line((100, 1000), (350, 1001), (598.5, 1000))  # within the deviation tolerance: `built`
B1 = line((601.5, 1000), (1100, 1000))  # starts 3 m from A1's as-built end: one part
C1 = line((1200, 1000), (1200, 1500))  # 100 m from B1's end: the gap
PATH_P = line((500, 1100), (500, 1300))
PATH_Q = line((1820, 200), (1820, 400))
LAWN = square(975, 1075, 1025, 1125)  # at the site plane's centre: measured alike on its own plane


@dataclass
class City:
    """The ids of what was built."""

    adopted: str = ""  # workshop of project "Zeta": lane A1, two trees, path P, sign S1
    proposed: str = ""  # closed, published, no project: its top design's lane B1 and sign S2 are proposed
    planned: str = ""  # workshop of project "Alpha": lane C1, a tree, a lawn, path Q, signs S3 and S4
    withheld: str = ""  # closed with open_data off: never shown
    zeta: str = ""
    alpha: str = ""
    ids: dict[str, str] = field(default_factory=dict)  # element name -> id
    never: list[str] = field(default_factory=list)  # ids and words that must never appear
    supervisors: dict[str, object] = field(default_factory=dict)  # project name -> its author's supervisor
    facilitators: dict[str, object] = field(default_factory=dict)  # workshop id -> its facilitator's identity


class Builder:
    """Builds the city through the services."""

    def __init__(self, cowork):
        self.cowork = cowork
        self.city = City()

    def workshop(self, title: str, names: tuple[str, ...], site: dict = SITE):
        created = self.cowork.workshops.create(WorkshopCreate(title, f"{title} site", site))
        facilitator = self.cowork.access.participant(created["facilitator_token"])
        self.city.facilitators[created["id"]] = facilitator
        people = [
            self.cowork.access.participant(self.cowork.workshops.join(Join(created["join_code"], n))["token"])
            for n in names
        ]
        return created["id"], facilitator, people

    def design(self, who, title: str) -> str:
        return self.cowork.sketches.create_design(who, DesignCreate(title, str(uuid.uuid4()))).reply["design"]["id"]

    def add(self, who, design: str, name: str, kind: str, geometry: dict, props: dict | None = None) -> str:
        element_id = str(uuid.uuid4())
        data = {"id": element_id, "design_id": design, "kind": kind, "geometry": geometry, "note": name}
        if props is not None:
            data["props"] = props
        self.cowork.sketches.add_element(who, ElementAdd.parse(data))
        self.city.ids[name] = element_id
        return element_id

    def close(self, facilitator, votes: list[tuple[object, str]] = ()) -> None:
        self.cowork.facilitation.set_phase(facilitator, PhaseSet("voting"))
        for who, design in votes:
            self.cowork.voting.cast(who, VoteChange(design))
        self.cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))

    def adopt(self, facilitator, workshop_id: str, design: str, title: str):
        adopted = self.cowork.supervision.adopt(
            facilitator, workshop_id, ProjectCreate(design, title, "Akimat", "", None, None)
        ).reply
        return adopted["id"], self.cowork.access.supervisor(adopted["access"][0]["key"], adopted["id"])

    def visit(self, supervisor, date: str, *observations: ObservationIn) -> None:
        self.cowork.supervision.record_visit(supervisor, VisitCreate(None, date, "", "", tuple(observations)))


def seen(
    element_id: str, status: str, as_built: dict | None = None, count: int | None = None, props: dict | None = None
) -> ObservationIn:
    """An observation of a plan element (with the props found, when given)."""
    return ObservationIn(element_id, None, status, as_built, count, "", props)


def build_city(cowork) -> City:
    """The three workshops of the map above, and one whose facilitator turned open data off."""
    b = Builder(cowork)
    city = b.city

    city.adopted, facilitator, (aru,) = b.workshop("Adopted", ("Aru",))
    design = b.design(aru, "Lanes west")
    b.add(aru, design, "A1", "bike_lane", A1, {"facility": "painted"})
    b.add(aru, design, "tree1", "tree", point(200, 900), {"species": "elm"})
    b.add(aru, design, "tree2", "tree", point(220, 900))
    b.add(aru, design, "P", "path", PATH_P, {"surface": "paved"})
    b.add(aru, design, "S1", "sign", point(300, 1200), {"text": "To the path", "bearing": 90, "sign_type": "direction"})
    b.close(facilitator)
    city.zeta, zeta = b.adopt(facilitator, city.adopted, design, "Zeta lanes")
    city.supervisors["zeta"] = zeta
    # A1 was built separated and two-way, where its design said painted.
    b.visit(
        zeta,
        "2027-05-10",
        seen(city.ids["A1"], "built", A1_BUILT, props={"facility": "separated", "two_way": True}),
        seen(city.ids["tree1"], "built"),
        seen(city.ids["tree2"], "built"),
    )
    b.visit(zeta, "2027-06-15", seen(city.ids["tree2"], "removed"))

    city.proposed, facilitator, (bek, cem, dana) = b.workshop("Proposed", ("Bek", "Cem", "Dana"))
    top, other = b.design(bek, "Lanes middle"), b.design(dana, "Lanes elsewhere")
    b.add(bek, top, "B1", "bike_lane", B1, {"facility": "shared", "two_way": True})
    b.add(bek, top, "S2", "sign", point(1000, 1500), {"text": "Nowhere", "bearing": 0})
    hidden = b.add(bek, top, "hidden lane", "bike_lane", line((1000, 200), (1000, 600)))
    cowork.facilitation.moderate(facilitator, Moderate("element", hidden, True, "rude"))
    b.add(dana, other, "not top", "bike_lane", line((900, 1790), (1500, 1790)))  # S2 would point at it
    b.close(facilitator, [(bek, top), (cem, top), (dana, other)])
    city.never += [hidden, city.ids["not top"]]

    city.planned, facilitator, (erlan,) = b.workshop("Planned", ("Erlan",))
    design = b.design(erlan, "Lanes east")
    b.add(erlan, design, "C1", "bike_lane", C1)  # no props: painted by default
    b.add(erlan, design, "tree3", "tree", point(1300, 1550))
    b.add(erlan, design, "lawn", "green_area", LAWN)
    b.add(erlan, design, "Q", "path", PATH_Q)
    b.add(erlan, design, "S3", "sign", point(1500, 300), {"text": "Too far", "bearing": 90})
    b.add(erlan, design, "S4", "sign", point(1500, 500), {"text": "No arrow", "sign_type": "information"})
    b.close(facilitator)
    city.alpha, alpha = b.adopt(facilitator, city.planned, design, "Alpha lanes")
    city.supervisors["alpha"] = alpha
    b.visit(alpha, "2027-05-20", seen(city.ids["tree3"], "built"), seen(city.ids["lawn"], "built"))

    city.withheld, facilitator, (fatima,) = b.workshop("Withheld", ("Fatima",))
    design = b.design(fatima, "Private lanes")
    withheld = b.add(fatima, design, "withheld lane", "bike_lane", line((100, 100), (900, 100)))
    withheld_sign = b.add(fatima, design, "withheld sign", "sign", point(100, 150), {"text": "Secret", "bearing": 180})
    cowork.facilitation.update_settings(facilitator, SettingsUpdate({"open_data": False}))
    b.close(facilitator)
    city.never += [city.withheld, withheld, withheld_sign, "Withheld", "Secret"]
    return city


def mapped(cowork, bbox: str = "-180,-90,180,90", zoom: int = 22) -> dict:
    """The city map's layers in a view (GET /api/city/layers' answer), the whole world at the closest zoom by
    default: every feature of this small city, none clustered."""
    return cowork.city.layers(bbox, str(zoom))["layers"]


def sites_of(layers: dict) -> list[dict]:
    """The sites of a layers answer: each one's properties."""
    return [f["properties"] for f in layers["sites"]["features"]]
