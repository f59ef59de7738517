"""The hall on a phone (390 x 844, touch): the author's claim card on the workshop page, the supervision map's
markers, and one lawn's area shown alike on the tablet, the report and the results page."""

from __future__ import annotations

import uuid

import requests
from playwright.sync_api import expect

from ..support import PARK, TREE, LiveClient, create_workshop
from .conftest import screenshot
from .tablet import Tablet, tap_on

PHONE = {"width": 390, "height": 844}
SIDEWAYS = {"width": 844, "height": 390}

# Whether the map is at least this tall, its site outline drawn with numbers (no NaN) and the tree's marker
# inside the map's box.
MAP_SHOWS_THE_TREE = """minHeight => {
    const map = document.querySelector("#map").getBoundingClientRect();
    const outline = document.querySelector("path.site-outline");
    const tree = document.querySelector(".leaflet-marker-pane .element-marker");
    if (!outline || !tree || map.height < minHeight) return false;
    const spot = tree.getBoundingClientRect();
    const middle = [spot.x + spot.width / 2, spot.y + spot.height / 2];
    return !/NaN|Infinity/.test(outline.getAttribute("d")) && middle[0] > map.left && middle[0] < map.right
        && middle[1] > map.top && middle[1] < map.bottom;
}"""


def close_and_adopt(base: str, workshop: dict, title: str = "Green yard") -> dict:
    """Close the workshop and adopt its design of that title for construction, as the facilitator does; returns
    the project."""
    facilitator = LiveClient(base, workshop["facilitator_token"]).connect()
    try:
        design_id = next(d["id"] for d in facilitator.snapshot()["designs"] if d["title"] == title)
        assert facilitator.call("phase:set", {"phase": "closed"})["ok"]
    finally:
        facilitator.disconnect()
    answer = requests.post(f"{base}/api/workshops/{workshop['id']}/projects", timeout=5,
                           headers={"Authorization": f"Bearer {workshop['facilitator_token']}"},
                           json={"design_id": design_id, "title": title, "organisation": "Akimat"})
    assert answer.status_code == 201, answer.text
    return answer.json()


def design_as(base: str, token: str, title: str, elements: list[tuple[str, dict]]) -> str:
    """A design of these (kind, geometry) elements made with a participant's token; returns its id."""
    tablet = LiveClient(base, token).connect()
    try:
        design = tablet.call("design:create", {"id": str(uuid.uuid4()), "title": title})["design"]["id"]
        for kind, geometry in elements:
            added = tablet.call("element:add", {"id": str(uuid.uuid4()), "design_id": design, "kind": kind, "geometry": geometry})
            assert added["ok"], added
    finally:
        tablet.disconnect()
    return design


def token_of(tablet: Tablet, workshop: dict) -> str:
    """The workshop token this tablet joined with (kept in its localStorage)."""
    return tablet.page.evaluate("id => JSON.parse(localStorage.getItem('cowork.identity.' + id)).token", workshop["id"])


def test_the_author_opens_the_claim_card_on_a_phone_without_a_map_error(pages, app_server):
    # The pages fixture fails the test on any console or page error, Leaflet's "Invalid LatLng (NaN, NaN)" included.
    workshop = create_workshop(app_server.base, PARK, title="Yard")
    author = Tablet(pages.new_page(PHONE)).join(workshop["join_code"], "Aru")
    design_as(app_server.base, token_of(author, workshop), "Green yard", [("tree", TREE)])
    close_and_adopt(app_server.base, workshop)
    # Back at the workshop page later (a reload): the map keeps the site in view, no finger has moved it since.
    author.page.reload()
    author.wait_connected()
    prompt = author.page.locator("#claim-area")
    expect(prompt).to_contain_text("Green yard")
    screenshot(author.page, "phone-claim-prompt")
    tap_on(author.page, "#claim-area button")
    qr = author.page.locator("#claim-area img")
    author.page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    # The card scrolls in a row of its own: the map keeps room, the site fitted in it and the tree on it, while
    # the phone is held upright, turned sideways (little room left) and back.
    for viewport, name in ((PHONE, "phone-claim-card"), (SIDEWAYS, "phone-claim-card-sideways"), (PHONE, "")):
        author.page.set_viewport_size(viewport)
        author.page.wait_for_function(MAP_SHOWS_THE_TREE, arg=150 if viewport is PHONE else 1)
        if name:
            screenshot(author.page, name)
    assert not any("NaN" in problem for problem in pages.problems), pages.problems
