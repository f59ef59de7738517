"""The hall on a phone (390 x 844, touch): the author's claim card on the workshop page, the supervision map's
markers, and one lawn's area shown alike on the tablet, the report and the results page."""

from __future__ import annotations

import uuid

import pytest
import requests
from playwright.sync_api import expect

from ..support import PARK, TREE, LiveClient, create_workshop, join
from .conftest import LANDSCAPE, screenshot
from .tablet import Tablet, make_supervision_link, tap, tap_on

# Its tests each make a workshop of their own and read only it: one server for the module (conftest.app_server).
pytestmark = pytest.mark.one_server

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
    answer = requests.post(
        f"{base}/api/workshops/{workshop['id']}/projects",
        timeout=5,
        headers={"Authorization": f"Bearer {workshop['facilitator_token']}"},
        json={"design_id": design_id, "title": title, "organisation": "Akimat"},
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


def design_as(base: str, token: str, title: str, elements: list[tuple[str, dict]]) -> str:
    """A design of these (kind, geometry) elements made with a participant's token; returns its id."""
    tablet = LiveClient(base, token).connect()
    try:
        design = tablet.call("design:create", {"id": str(uuid.uuid4()), "title": title})["design"]["id"]
        for kind, geometry in elements:
            added = tablet.call(
                "element:add", {"id": str(uuid.uuid4()), "design_id": design, "kind": kind, "geometry": geometry}
            )
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
    make_supervision_link(author.page)
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


def square(lon: float, lat: float, side: float) -> dict:
    """A square area with its south-west corner at (lon, lat), `side` degrees wide."""
    ring = [[lon, lat], [lon + side, lat], [lon + side, lat + side * 0.73], [lon, lat + side * 0.73], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


# Twelve elements within about 40 m: points 3 to 15 m apart, a path and two small areas among them.
CLOSE_ELEMENTS = [
    *[
        (kind, {"type": "Point", "coordinates": [76.9520 + dx * 1e-5, 43.2604 + dy * 1e-5]})
        for kind, dx, dy in (
            ("bench", 0, 0),
            ("bench", 4, 0),
            ("tree", 0, 3),
            ("tree", 8, 5),
            ("lighting", 15, 0),
            ("sign", 20, 12),
            ("tree", 30, 4),
            ("bench", 33, 6),
            ("lighting", 12, 20),
        )
    ],
    ("path", {"type": "LineString", "coordinates": [[76.95205, 43.26045], [76.95235, 43.26050]]}),
    ("green_area", square(76.95222, 43.26028, 0.00008)),
    ("play_area", square(76.95195, 43.26055, 0.00006)),
]

# The tappable markers inside the map's box, once nothing on the map moves: elements (with their id) and clusters.
MAP_TARGETS = """() => {
    if (document.querySelector(".leaflet-zoom-anim, .leaflet-cluster-anim")) return null;
    const map = document.querySelector("#map").getBoundingClientRect();
    const targets = [...document.querySelectorAll("#map .leaflet-marker-icon")].map(marker => {
        const box = marker.getBoundingClientRect();
        return {id: marker.dataset.elementId || null, cluster: marker.classList.contains("sv-cluster-marker"),
                box: {x: box.x, y: box.y, width: box.width, height: box.height},
                shown: getComputedStyle(marker).opacity === "1" && getComputedStyle(marker).pointerEvents !== "none"};
    }).filter(t => t.shown && t.box.x >= map.left && t.box.y >= map.top && t.box.x + t.box.width <= map.right
                   && t.box.y + t.box.height <= map.bottom);
    return targets.length ? targets : null;
}"""


def overlapping(targets: list[dict]) -> list[tuple]:
    """Pairs of targets whose boxes overlap."""
    pairs = []
    for i, first in enumerate(targets):
        for second in targets[i + 1 :]:
            a, b = first["box"], second["box"]
            if (
                a["x"] < b["x"] + b["width"]
                and b["x"] < a["x"] + a["width"]
                and a["y"] < b["y"] + b["height"]
                and b["y"] < a["y"] + a["height"]
            ):
                pairs.append((first, second))
    return pairs


def test_every_element_on_the_supervision_map_can_be_tapped_on_a_phone(pages, app_server):
    workshop = create_workshop(app_server.base, PARK, title="Square")
    author = join(app_server.base, workshop["join_code"], "Aru")
    design_as(app_server.base, author["token"], "Green yard", CLOSE_ELEMENTS)
    project = close_and_adopt(app_server.base, workshop)
    expected = {
        element["element_id"]
        for element in requests.get(f"{app_server.base}/api/projects/{project['id']}", timeout=5).json()["plan"]
    }
    assert len(expected) == len(CLOSE_ELEMENTS)
    phone = pages.new_page(PHONE)
    phone.goto(project["access"][0]["link"])  # the key is kept on this device and leaves the address bar
    supervise = phone.url.split("#")[0]

    def view(path: list[int]) -> list[dict]:
        """The workspace opened afresh (the site's zoom), then the clusters at these places tapped in turn."""
        phone.goto(supervise)
        targets = phone.wait_for_function(MAP_TARGETS).json_value()
        for index in path:
            cluster = sorted((t for t in targets if t["cluster"]), key=lambda t: (t["box"]["y"], t["box"]["x"]))[index]
            middle = [
                cluster["box"]["x"] + cluster["box"]["width"] / 2,
                cluster["box"]["y"] + cluster["box"]["height"] / 2,
            ]
            tapped = phone.evaluate_handle(
                "([x, y]) => document.elementFromPoint(x, y).closest('.sv-cluster-marker')", middle
            )
            tap(phone, *middle)
            # The map zooms to the cluster's markers (the cluster goes), or spreads them around it (it fades).
            phone.wait_for_function(
                "marker => !marker.isConnected || getComputedStyle(marker).opacity !== '1'", arg=tapped
            )
            targets = phone.wait_for_function(MAP_TARGETS).json_value()
        return targets

    opened: set[str] = set()
    paths: list[list[int]] = [[]]
    clusters_seen = 0
    while paths:
        path = paths.pop(0)
        assert len(path) < 6, "clusters that never part"
        targets = view(path)
        assert not overlapping(targets), overlapping(targets)
        if not path:
            screenshot(phone, "phone-supervision-clusters")
            first_view = targets
        elif len(path) == 1:
            screenshot(phone, f"phone-supervision-cluster-{path[0]}-opened")
        clusters = sorted((t for t in targets if t["cluster"]), key=lambda t: (t["box"]["y"], t["box"]["x"]))
        clusters_seen += len(clusters)
        paths.extend([*path, index] for index in range(len(clusters)))
        for target in [t for t in targets if t["id"] and t["id"] not in opened]:
            if not phone.locator(f'#map .leaflet-marker-icon[data-element-id="{target["id"]}"]').is_visible():
                view(path)  # the last tap redrew the map and folded a spread cluster: open it again
            tap_on(phone, f'#map .leaflet-marker-icon[data-element-id="{target["id"]}"]')
            # Its entry opens in the element list, selected.
            expect(phone.locator("#tab-elements")).to_have_attribute("aria-selected", "true")
            expect(phone.locator(f'.sv-element.is-selected[data-element-id="{target["id"]}"]')).to_be_visible()
            opened.add(target["id"])
    assert opened == expected
    # At the site's zoom the close elements were gathered (otherwise their markers lay on each other).
    assert clusters_seen and any(t["cluster"] for t in first_view)
    # On a tablet, the same: nothing tappable on anything else.
    phone.set_viewport_size(LANDSCAPE)
    targets = view([])
    assert not overlapping(targets), overlapping(targets)
    screenshot(phone, "tablet-supervision-clusters")


# A lawn that the server measures at 5412.5 m² on the park's plane: a half, where Python's format rounded to
# the even 5 412 and the tablet's toFixed to 5 413, and the report measured it again on its own plane (5412.7).
HALF_LAWN = {
    "type": "Polygon",
    "coordinates": [
        [[76.9520, 43.2570], [76.9530, 43.2570], [76.9530, 43.2576], [76.9520, 43.2576], [76.9520, 43.2570]]
    ],
}


def test_one_lawn_reads_the_same_on_the_tablet_the_results_and_the_report(pages, app_server):
    workshop = create_workshop(app_server.base, PARK, title="Lawn")
    tablet = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Aru")
    design_as(app_server.base, token_of(tablet, workshop), "Green yard", [("green_area", HALF_LAWN)])
    facilitator = LiveClient(app_server.base, workshop["facilitator_token"]).connect()
    try:
        lawn = next(e for e in facilitator.snapshot()["elements"] if e["kind"] == "green_area")
    finally:
        facilitator.disconnect()
    assert lawn["measure"] == {"area_m2": 5412.5}  # the half this test is about
    tablet.wait_counts(areas=1)
    panel = tablet.open_element("path.element-area")
    assert "5,413 m²" in panel, panel
    screenshot(tablet.page, "tablet-lawn-panel")
    project = close_and_adopt(app_server.base, workshop)
    results = pages.new_page(LANDSCAPE)
    results.goto(f"/w/{workshop['id']}/results")
    expect(results.locator("[data-figure=green_area_m2]").first).to_have_text("5,413 m²")
    report = pages.new_page(PHONE)
    report.goto(f"/api/projects/{project['id']}/report")
    expect(report.locator("[data-figure=green_required_m2]")).to_have_text("5,413 m²")
    screenshot(report, "phone-report-lawn")
