"""The facilitator's console over an evening, in real Chromium on a laptop (1440 px) and at 1024 px: designs told apart
on the map and filtered by design, the room at a glance (who has not drawn, who has not voted, the dots cast) above the
fold, never the facilitator among the participants, and adoption that starts from the winner, asks first and keeps the
adopted design shown. The participants are real Socket.IO clients; the console is the page under test."""

from __future__ import annotations

import re
import uuid

import pytest
import requests
from playwright.sync_api import Page, expect

from ..support import PARK, PATH, TREE, LiveClient, create_workshop, join
from .conftest import LANDSCAPE, assert_accessible, screenshot
from .tablet import Tablet

# Its tests each make a workshop of their own and read only it: one server for the module (conftest.app_server).
pytestmark = pytest.mark.one_server

LAPTOP = {"width": 1440, "height": 900}  # the facilitator's laptop of the issue
BENCH = {"type": "Point", "coordinates": [76.9525, 43.2575]}
OAK = {"type": "Point", "coordinates": [76.9523, 43.2601]}
# The designs' colours in the order they were made (static/js/workshop/ui/design-colour.js), as CSS reads them.
BLUE, ORANGE, GREEN = "rgb(0, 114, 178)", "rgb(213, 94, 0)", "rgb(0, 158, 115)"


class Evening:
    """A workshop as the demo starts one (the facilitator's example design first) and three participants: Aigerim
    draws "Shady corner" (a tree and a path), Bolat "Play first" (a bench), Dana joins and draws nothing."""

    def __init__(self, base: str):
        self.base = base
        self.workshop = create_workshop(base, PARK, title="Courtyard of Abai street")
        self.facilitator = LiveClient(base, self.workshop["facilitator_token"]).connect()
        self.example = self.design(self.facilitator, "Example: a shady walk", [("tree", OAK)])
        self.people = {name: join(base, self.workshop["join_code"], name) for name in ("Aigerim", "Bolat", "Dana")}
        self.live = {name: LiveClient(base, person["token"]).connect() for name, person in self.people.items()}
        self.shady = self.design(self.live["Aigerim"], "Shady corner", [("tree", TREE), ("path", PATH)])
        self.play = self.design(self.live["Bolat"], "Play first", [("bench", BENCH)])

    @staticmethod
    def design(live: LiveClient, title: str, elements) -> str:
        design = live.call("design:create", {"id": str(uuid.uuid4()), "title": title})["design"]["id"]
        for kind, geometry in elements:
            ack = live.call(
                "element:add", {"id": str(uuid.uuid4()), "design_id": design, "kind": kind, "geometry": geometry}
            )
            assert ack["ok"], ack
        return design

    def phase(self, phase: str) -> None:
        assert self.facilitator.call("phase:set", {"phase": phase})["ok"]

    def vote(self, name: str, design: str) -> None:
        assert self.live[name].call("vote:cast", {"design_id": design})["ok"]

    def projects(self) -> list[dict]:
        url = f"{self.base}/api/workshops/{self.workshop['id']}/projects"
        return requests.get(url, timeout=5).json()["projects"]

    def close(self) -> None:
        for live in [self.facilitator, *self.live.values()]:
            live.disconnect()


@pytest.fixture
def evening(app_server):
    made = Evening(app_server.base)
    yield made
    made.close()


def open_console(pages, workshop: dict, viewport: dict = LAPTOP, locale: str = "en-US") -> Page:
    """The facilitator's private link on a laptop, then the console."""
    console = pages.new_page(viewport, touch=False, locale=locale)
    console.goto(workshop["facilitator_url"])
    Tablet(console).wait_connected()
    console.goto(f"/w/{workshop['id']}/console")
    Tablet(console).wait_connected()
    return console


def top_of(page: Page, selector: str) -> float:
    box = page.locator(selector).bounding_box()
    assert box, f"{selector} is not shown"
    return box["y"]


def badge_rings(page: Page) -> list[str]:
    """The edge colour of every point's badge on the map."""
    return page.eval_on_selector_all(
        ".leaflet-marker-pane .element-badge", "badges => badges.map(b => getComputedStyle(b).borderTopColor)"
    )


def test_the_console_tells_designs_apart_and_shows_who_has_not_drawn_or_voted(pages, evening):
    console = open_console(pages, evening.workshop)
    room = console.locator("#room-summary")
    # The room at a glance, on the first screen: everyone is here, Dana has drawn nothing yet.
    expect(room).to_contain_text("3 of 3 online")
    expect(room).to_contain_text("1 participant has not drawn anything yet:")
    expect(room.locator(".room__names")).to_have_text("Dana")
    assert top_of(console, "#room-card") < LAPTOP["height"] / 3
    assert top_of(console, "#designs-heading") < LAPTOP["height"] - 48  # the designs start on the first screen too

    # The facilitator is never a participant with a Remove button, though they made the example design.
    people = console.locator("#people-list")
    expect(people.locator(".people__name")).to_have_text(["Aigerim", "Bolat", "Dana"])
    expect(people.get_by_role("button", name="Remove")).to_have_count(3)
    expect(people).not_to_contain_text("Facilitator")

    # On the map each design rings its elements in its own colour, and the key over the map says whose is whose.
    tablet = Tablet(console)
    tablet.wait_counts(points=3, lines=1)
    assert sorted(badge_rings(console)) == sorted([BLUE, ORANGE, GREEN])
    key = console.locator("#map-key")
    expect(key).to_be_visible()
    expect(key.locator(".map-key__title")).to_have_text(["Example: a shady walk", "Shady corner", "Play first"])
    swatches = key.locator(".map-key__swatch").evaluate_all("s => s.map(e => getComputedStyle(e).borderTopColor)")
    assert swatches == [BLUE, ORANGE, GREEN]
    casing = console.locator("path.element-line__casing").first
    expect(casing).to_have_attribute("stroke", "#D55E00")
    screenshot(console, "console-designs-apart")

    # The key filters by design: Shady corner off the map, then back with every design.
    key.get_by_label("Shady corner").uncheck()
    tablet.wait_counts(points=2, lines=0)
    assert sorted(badge_rings(console)) == sorted([BLUE, GREEN])
    key.get_by_role("button", name="Show every design").click()
    tablet.wait_counts(points=3, lines=1)
    expect(key.get_by_label("Shady corner")).to_be_checked()

    # Voting: who has not voted, and the dots cast, change live as dots are cast.
    evening.phase("voting")
    expect(room).to_contain_text("3 participants have not voted yet:")
    expect(room).to_contain_text("Dots cast: 0 of 9")
    evening.vote("Dana", evening.shady)
    expect(room).to_contain_text("2 participants have not voted yet:")
    expect(room.locator(".room__line--voted .room__names")).to_have_text("Aigerim, Bolat")
    expect(room).to_contain_text("Dots cast: 1 of 9")
    evening.vote("Dana", evening.play)  # a second dot: still the same people to wait for
    expect(room).to_contain_text("Dots cast: 2 of 9")
    expect(room.locator(".room__line--voted .room__names")).to_have_text("Aigerim, Bolat")
    assert top_of(console, "#room-card") < LAPTOP["height"] / 3
    screenshot(console, "console-room-voting")
    assert_accessible(console, "console with the room and the key")


def test_adopting_starts_from_the_winner_asks_first_and_keeps_the_adopted_design(pages, evening):
    evening.phase("voting")
    for name, design in (("Dana", evening.shady), ("Bolat", evening.shady), ("Aigerim", evening.example)):
        evening.vote(name, design)
    evening.phase("closed")
    console = open_console(pages, evening.workshop)
    card = console.locator("#adoption-card")
    design = card.get_by_label("Design")
    # The winner is offered first and chosen; the example design, made first, is not.
    expect(design).to_have_value(evening.shady)
    expect(design.locator("option")).to_have_text(
        ["1. Shady corner — 2 dots", "2. Example: a shady walk — 1 dot", "3. Play first — 0 dots"]
    )
    expect(card.get_by_label("Project title")).to_have_value("Shady corner")
    card.get_by_label("Responsible organisation").fill("Akimat")

    # Adopting asks first, naming the design and what adoption does; cancelling adopts nothing.
    card.get_by_role("button", name="Adopt for construction").click()
    dialog = console.locator("dialog[open]")
    expect(dialog.locator(".dialog__title")).to_have_text("Adopt “Shady corner” for construction?")
    message = dialog.locator(".dialog__message")
    for words in ("2 elements", "frozen as its plan", "(Aigerim)", "supervision link", "city map", "cannot be undone"):
        expect(message).to_contain_text(words)
    screenshot(console, "console-adopt-confirm")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_have_count(0)
    assert evening.projects() == []

    card.get_by_role("button", name="Adopt for construction").click()
    dialog.get_by_role("button", name="Adopt for construction").click()
    expect(card.locator(".adopt__access")).to_contain_text("Aigerim")
    # The form still shows the design just adopted, marked so, not the first design again.
    expect(design.locator("option:checked")).to_have_text(re.compile(r"^1\. Shady corner — 2 dots · adopted$"))
    expect(design).to_have_value(evening.shady)
    expect(card.locator(".adopt__adopted")).to_be_visible()
    expect(card.locator(".adopt__projects")).to_contain_text("Shady corner")
    assert [project["design_id"] for project in evening.projects()] == [evening.shady]
    screenshot(console, "console-adopted")
    assert_accessible(console, "console after adoption")


@pytest.mark.parametrize("locale", ["kk-KZ", "ru-RU", "en-US"])
def test_the_console_keeps_the_room_and_the_designs_in_view_in_every_language(pages, evening, locale):
    evening.phase("voting")
    evening.vote("Dana", evening.shady)
    language = locale[:2]
    for viewport, name in ((LAPTOP, "laptop"), (LANDSCAPE, "1024")):
        console = open_console(pages, evening.workshop, viewport, locale)
        expect(console.locator("html")).to_have_attribute("lang", language)
        expect(console.locator("#room-summary .room__line--voted .room__names")).to_have_text("Aigerim, Bolat")
        # The room is on the first screen; on the laptop the designs too, and nothing runs out of the column.
        assert top_of(console, "#room-card") < viewport["height"] / 3
        if viewport is LAPTOP:
            assert top_of(console, "#designs-heading") < viewport["height"] - 48
        assert console.eval_on_selector("#console-side", "side => side.scrollWidth <= side.clientWidth")
        # The key over the map is open on the laptop, folded at 1024 px where the map is narrow.
        key_open = console.eval_on_selector("#map-key", "key => key.open")
        assert key_open == (viewport is LAPTOP)
        screenshot(console, f"console-{name}-{language}")
