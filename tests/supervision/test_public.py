"""What the public reads of an adopted project's people and notes (issue 20, point 5): each author as the facilitator
asked her at adoption (never her full name unless she said so), and a visit's notes only when marked public; the
project's supervisors read them whole."""

from __future__ import annotations

import json
import uuid

import pytest

from cowork.supervision.public import initials, public_name

from .adopted import Adopted, bearer


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Aru", "A."),
        ("aru bekova", "A. B."),
        ("  Aru   Bek-Ata ", "A. B. A."),
        ("Серік Әлиұлы", "С. Ә."),
        ("A B C D", "A. B. C."),
        ("-", ""),
    ],
)
def test_initials(name, expected):
    assert initials(name) == expected


def test_a_name_is_shown_as_chosen():
    assert public_name("Aru Bekova", "name") == "Aru Bekova"
    assert public_name("Aru Bekova", "initials") == "A. B."
    assert public_name("Aru Bekova", "author") is None
    assert public_name("-", "initials") is None  # no letter to show: the author, unnamed


def adopt(adopted: Adopted, shown_as: dict) -> dict:
    """Adopt the design again, as a second project, with these choices."""
    return adopted.client.post(
        f"/api/workshops/{adopted.workshop_id}/projects",
        headers=bearer(adopted.facilitator_token),
        json={"design_id": adopted.design_id, "title": "Phase 2", "shown_as": shown_as},
    )


def test_the_facilitator_says_at_adoption_how_each_author_appears(adopted):
    aru, bek = adopted.aru["participant_id"], adopted.bek["participant_id"]
    answer = adopt(adopted, {aru: "name", bek: "author"})
    assert answer.status_code == 201
    assert {a["name"]: a["shown_as"] for a in answer.get_json()["access"]} == {"Aru": "name", "Bek": "author"}
    # By default (the fixture's adoption asked nothing) neither full name is public.
    assert [(a["name"], a["shown_as"], a["number"]) for a in adopted.summary()["authors"]] == [
        ("A.", "initials", 1),
        ("B.", "initials", 2),
    ]
    other = adopted.client.get(f"/api/projects/{answer.get_json()['id']}").get_json()
    assert [(a["name"], a["shown_as"], a["number"]) for a in other["authors"]] == [
        ("Aru", "name", 1),
        (None, "author", 2),
    ]


@pytest.mark.parametrize(
    "choices",
    [
        lambda a: {"not-an-id": "name"},
        lambda a: "name",
        lambda a: [],
        lambda a: {a.aru["participant_id"]: "nickname"},
        lambda a: {str(uuid.uuid4()): "name"},
        # Someone who joined but is no author of the design is no author of the project either.
        lambda a: {a.other["participant_id"]: "name"},
    ],
)
def test_a_choice_for_no_author_or_of_no_kind_is_refused(adopted, choices):
    answer = adopt(adopted, choices(adopted))
    assert answer.status_code == 400 and answer.get_json()["error"]["code"] == "invalid"


def test_visit_notes_are_the_authors_unless_marked_public(adopted):
    bench, lawn = adopted.ids["bench"], adopted.ids["lawn"]
    private = adopted.visit(
        adopted.aru_key,
        "2027-05-10",
        [
            {"element_id": bench, "status": "built", "note": "Neighbour complained again"},
            {
                "kind": "tree",
                "status": "built",
                "as_built": {"type": "Point", "coordinates": [76.9531, 43.2606]},
                "note": "Planted by my brother",
            },
        ],
        notes="Foreman was rude to me",
    )
    assert private.status_code == 201
    # The answer to its author is whole.
    assert private.get_json()["notes"] == "Foreman was rude to me" and private.get_json()["notes_public"] is False
    shared = adopted.visit(
        adopted.bek_key,
        "2027-05-20",
        [{"element_id": lawn, "status": "in_progress", "note": "Half sown"}],
        notes="Lawn half sown",
        notes_public=True,
    )
    assert shared.status_code == 201
    adopted.client.post(
        f"/api/projects/{adopted.project_id}/signoffs",
        headers=bearer(adopted.aru_key),
        json={"visit_id": shared.get_json()["id"], "verdict": "accept", "comment": "Good"},
    )
    base = f"/api/projects/{adopted.project_id}"
    public = adopted.summary()
    by_date = {v["date"]: v for v in public["visits"]}
    assert by_date["2027-05-10"]["notes"] == "" and by_date["2027-05-10"]["notes_public"] is False
    assert [o["note"] for o in by_date["2027-05-10"]["observations"]] == ["", ""]
    assert by_date["2027-05-20"]["notes"] == "Lawn half sown"
    assert [o["note"] for o in by_date["2027-05-20"]["observations"]] == ["Half sown"]
    assert [a["note"] for a in public["additions"]] == [""]
    assert by_date["2027-05-10"]["by"] == {"name": "A.", "shown_as": "initials", "number": 1}
    assert public["signoffs"][0]["author"] == {"name": "A.", "shown_as": "initials", "number": 1}
    everything_public = json.dumps(public, ensure_ascii=False) + "".join(
        adopted.client.get(base + path).get_data(as_text=True) for path in ("/report", "/export.geojson")
    )
    for secret in ("Foreman was rude", "Neighbour complained", "Planted by my brother", "Aru", "Bek"):
        assert secret not in everything_public, secret
    assert "Lawn half sown" in adopted.client.get(base + "/report").get_data(as_text=True)
    # The project's supervisors read it all, with how each appears in public beside the name.
    for token in (adopted.bek_key, adopted.facilitator_token):
        inside = adopted.client.get(base, headers=bearer(token)).get_json()
        notes = {v["date"]: v["notes"] for v in inside["visits"]}
        assert notes == {"2027-05-10": "Foreman was rude to me", "2027-05-20": "Lawn half sown"}
        assert [a["note"] for a in inside["additions"]] == ["Planted by my brother"]
        assert inside["authors"][0] == {
            "participant_id": adopted.aru["participant_id"],
            "name": "Aru",
            "shown_as": "initials",
            "number": 1,
            "public_name": "A.",
        }
    # A key that stopped working reads what anyone reads.
    adopted.client.post(f"{base}/claim", headers=bearer(adopted.aru["token"]), json={"replace": True})
    stale = adopted.client.get(base, headers=bearer(adopted.aru_key)).get_json()
    assert {v["date"]: v["notes"] for v in stale["visits"]}["2027-05-10"] == ""


def test_a_visit_of_the_facilitator_is_the_facilitators(adopted):
    assert adopted.visit(adopted.facilitator_token, "2027-05-10", []).status_code == 201
    assert adopted.summary()["visits"][0]["by"] == {"name": "Facilitator", "shown_as": "facilitator", "number": None}
