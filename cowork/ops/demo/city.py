"""The demo's city: two finished workshops on the other Almaty fixture sites, so /city shows what it is for.

The Vesnovka corridor was designed, voted on and adopted: its southern bike lane is built (separated), the
northern one still planned, with a gap of about 110 m between them; signs point along the lanes, a group of
spruces is planted and partly alive. The courtyards' workshop closed with a proposed lane nobody adopted yet.
Everything goes through the services, as a facilitator and participants would do it, in the demo's language.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from ...services import Cowork, Identity
from ...supervision.payloads import ObservationIn, ProjectCreate, VisitCreate
from ...workshop.payloads import DesignCreate, ElementAdd, Join, PhaseSet, VoteChange, WorkshopCreate

SOUTH_LANE = {"type": "LineString", "coordinates": [[76.9312, 43.2335], [76.9314, 43.2390], [76.9316, 43.2445]]}
NORTH_LANE = {"type": "LineString", "coordinates": [[76.9317, 43.2455], [76.9319, 43.2500], [76.9320, 43.2550]]}
PROMENADE = {"type": "LineString", "coordinates": [[76.9309, 43.2340], [76.9311, 43.2400]]}
SPRUCES = {"type": "Point", "coordinates": [76.9313, 43.2360]}
MEADOW = {
    "type": "Polygon",
    "coordinates": [
        [[76.9310, 43.2410], [76.9316, 43.2410], [76.9316, 43.2420], [76.9310, 43.2420], [76.9310, 43.2410]]
    ],
}

Text = Callable[[str], str]  # a `demo.*` catalogue key → its text in the demo's language


def _vesnovka(text: Text) -> list[tuple[str, dict, str, dict[str, Any]]]:
    """(kind, geometry, note, props) of the adopted Vesnovka design."""
    return [
        ("bike_lane", SOUTH_LANE, text("demo.lane_note"), {"facility": "separated", "two_way": True}),
        ("bike_lane", NORTH_LANE, "", {"facility": "painted"}),
        ("path", PROMENADE, "", {"surface": "gravel"}),
        ("tree", SPRUCES, "", {"species": text("demo.spruce"), "count": 12}),
        ("green_area", MEADOW, text("demo.meadow_note"), {}),
        (
            "sign",
            {"type": "Point", "coordinates": [76.9313, 43.2338]},
            "",
            {"text": text("demo.sign_north"), "bearing": 2, "sign_type": "direction"},
        ),
        (
            "sign",
            {"type": "Point", "coordinates": [76.9318, 43.2545]},
            "",
            {"text": text("demo.sign_promenade"), "bearing": 180, "sign_type": "direction"},
        ),
    ]


COURTYARD_LANE = {"type": "LineString", "coordinates": [[76.9122, 43.2382], [76.9133, 43.2388]]}


def _workshop(
    cowork: Cowork, text: Text, title: str, site_name: str, site: dict[str, Any], names: tuple[str, ...]
) -> tuple[str, Identity, list[Identity]]:
    created = cowork.workshops.create(
        WorkshopCreate(title, site_name, site["geometry"]), facilitator_name=text("new.facilitator_name")
    )
    facilitator = cowork.access.participant(created["facilitator_token"])
    joined = [cowork.workshops.join(Join(created["join_code"], name)) for name in names]
    return created["id"], facilitator, [cowork.access.participant(j["token"]) for j in joined]


def _design(
    cowork: Cowork, author: Identity, title: str, elements: list[tuple[str, dict, str, dict[str, Any]]]
) -> tuple[str, list[str]]:
    design_id = cowork.sketches.create_design(author, DesignCreate(title, str(uuid.uuid4()))).reply["design"]["id"]
    ids = []
    for kind, geometry, note, props in elements:
        ids.append(str(uuid.uuid4()))
        cowork.sketches.add_element(author, ElementAdd(ids[-1], design_id, kind, geometry, note, props))
    return design_id, ids


def _close(cowork: Cowork, facilitator: Identity, voters: list[Identity], design_id: str) -> None:
    cowork.facilitation.set_phase(facilitator, PhaseSet("voting"))
    for voter in voters:
        cowork.voting.cast(voter, VoteChange(design_id))
    cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))


def seed_city(cowork: Cowork, sites: list[dict[str, Any]], text: Text) -> None:
    """Two closed workshops on `sites[1]` (the corridor, adopted and partly built) and `sites[2]` (proposed), their
    words in the demo's language (`text`)."""
    if len(sites) < 3:
        return
    workshop_id, facilitator, (aigerim, daniyar) = _workshop(
        cowork,
        text,
        text("demo.vesnovka_title"),
        text("demo.vesnovka"),
        sites[1],
        (text("demo.name_aigerim"), text("demo.name_daniyar")),
    )
    design_id, ids = _design(cowork, aigerim, text("demo.vesnovka_design"), _vesnovka(text))
    _close(cowork, facilitator, [aigerim, daniyar], design_id)
    adopted = cowork.supervision.adopt(
        facilitator,
        workshop_id,
        ProjectCreate(
            design_id,
            text("demo.project_title"),
            text("demo.organisation"),
            "Qala Build",
            "2027-04-01",
            "2027-10-31",
        ),
    ).reply
    supervisor = cowork.access.supervisor(adopted["access"][0]["key"], adopted["id"])
    south, _north, promenade, spruces, meadow = ids[:5]
    cowork.supervision.record_visit(
        supervisor,
        VisitCreate(
            None,
            "2027-05-12",
            text("demo.visit_first"),
            text("demo.visit_first_weather"),
            (
                ObservationIn(south, None, "in_progress", None, None, ""),
                ObservationIn(spruces, None, "built", None, 12, text("demo.spruces_planted")),
            ),
        ),
    )
    cowork.supervision.record_visit(
        supervisor,
        VisitCreate(
            None,
            "2027-08-30",
            text("demo.visit_second"),
            text("demo.visit_second_weather"),
            (
                ObservationIn(south, None, "built", SOUTH_LANE, None, ""),
                ObservationIn(spruces, None, "built", None, 10, text("demo.spruces_to_replace")),
                ObservationIn(promenade, None, "built", PROMENADE, None, ""),
                ObservationIn(meadow, None, "in_progress", None, None, text("demo.meadow_sown")),
            ),
        ),
    )

    workshop_id, facilitator, (madina,) = _workshop(
        cowork, text, text("demo.courtyards_title"), text("demo.courtyards"), sites[2], (text("demo.name_madina"),)
    )
    design_id, _ids = _design(
        cowork,
        madina,
        text("demo.courtyards_design"),
        [
            ("bike_lane", COURTYARD_LANE, "", {"facility": "shared"}),
            (
                "sign",
                {"type": "Point", "coordinates": [76.9123, 43.2385]},
                "",
                {"text": text("demo.sign_school"), "bearing": 60, "sign_type": "direction"},
            ),
        ],
    )
    _close(cowork, facilitator, [madina], design_id)
