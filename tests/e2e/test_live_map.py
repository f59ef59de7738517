"""The live map in real Chromium with touch: create a site by drawing, two tablets, drawing, editing, offline."""

from __future__ import annotations

import re

import requests
from playwright.sync_api import expect

from ..support import PARK, create_workshop, exported, wait_until
from .conftest import DESKTOP, LANDSCAPE, PORTRAIT, assert_accessible, screenshot
from .tablet import Tablet, drag, tap, tap_on

AREA_MEASURE = re.compile(r"Size\s+([\d\s\u00a0\u202f,.]+)\s*m²")
LINE_MEASURE = re.compile(r"Size\s+([\d\s\u00a0\u202f.,]+)\s*m\b")


def number(text: str) -> float:
    """A measure as the English page writes it: `13,757.5` (comma thousands, dot decimals)."""
    return float(re.sub(r"[\s\u00a0\u202f,]", "", text))


def create_by_drawing(pages) -> tuple[str, str]:
    """The facilitator draws the site on /new with a finger; returns the join code and the facilitator link."""
    page = pages.new_page(LANDSCAPE)
    page.goto("/new")
    page.fill("#workshop-title", "Courtyard ideas")
    page.fill("#site-name", "Courtyard, Abay 150")
    tap_on(page, "#draw-area")
    box = page.locator("#new-map").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    corners = [(cx - 160, cy - 130), (cx + 160, cy - 130), (cx + 160, cy + 130), (cx - 160, cy + 130)]
    for corner in corners:
        tap(page, *corner)
    tap(page, *corners[0])
    expect(page.locator("#boundary-summary")).to_contain_text("1")
    screenshot(page, "new-workshop-drawn")
    tap_on(page, "#new-submit")
    expect(page.locator("#created")).to_be_visible()
    code = re.sub(r"\s", "", page.inner_text("#created-code"))
    facilitator_url = page.input_value("#created-facilitator-url")
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{6}", code), code
    assert "#token=" in facilitator_url
    screenshot(page, "new-workshop-created")
    return code, facilitator_url


def test_two_tablets_draw_edit_and_delete_live(pages, app_server):
    code, facilitator_url = create_by_drawing(pages)
    workshop_id, token = re.search(r"/w/([0-9a-f-]+)#token=(\S+)", facilitator_url).groups()
    summary = requests.get(f"{app_server.base}/api/workshops/{workshop_id}", timeout=5).json()
    assert summary["boundary"]["type"] == "Polygon" and "join_code" not in summary  # public: no way in
    own = requests.get(
        f"{app_server.base}/api/workshops/{workshop_id}", headers={"Authorization": f"Bearer {token}"}, timeout=5
    )
    assert own.json()["join_code"] == code

    a = Tablet(pages.new_page(LANDSCAPE)).join(code.lower(), "Aigerim")
    b = Tablet(pages.new_page(PORTRAIT)).join(code, "Bolat")
    a.new_design("Shady corner")
    expect(b.page.locator(".design-chip")).to_be_visible()

    a.draw_area("play_area", [a.at(0.15, 0.15), a.at(0.45, 0.15), a.at(0.45, 0.45), a.at(0.15, 0.45)])
    a.draw_line("path", [a.at(0.1, 0.7), a.at(0.5, 0.75), a.at(0.9, 0.7)])
    a.place("tree", a.at(0.7, 0.3))
    a.wait_counts(points=1, lines=1, areas=1)
    b.wait_counts(points=1, lines=1, areas=1)
    screenshot(a.page, "tablet-landscape-drawn")
    screenshot(b.page, "tablet-portrait-follows")

    # The other tablet shows each element with its measure.
    area_text = b.open_element("path.element-area")
    assert "Play area" in area_text and "Aigerim" in area_text
    area_before = number(AREA_MEASURE.search(area_text).group(1))
    assert area_before > 100
    b.close_panel()
    line_text = b.open_element(b.at(0.5, 0.75))
    assert "Path" in line_text and number(LINE_MEASURE.search(line_text).group(1)) > 20
    b.close_panel()
    # A non-author sees no edit buttons.
    expect(b.page.locator('#element-panel button:has-text("Delete")')).to_have_count(0)

    # The author drags a corner of the play area outwards; the other tablet follows with the new area.
    a.open_element("path.element-area")
    a.panel_button("Edit shape")
    corner = a.at(0.45, 0.45)
    handle = a.page.locator(".marker-icon").first
    expect(handle).to_be_visible()
    drag(a.page, corner, (corner[0] + 60, corner[1] + 50))

    def corner_moved() -> bool:
        # The drag is over (Leaflet marks the page while one lasts) and the area reaches out past the old corner.
        area = a.page.locator("path.element-area").first.bounding_box()
        return (
            a.page.locator("body.leaflet-dragging").count() == 0
            and area is not None
            and area["x"] + area["width"] > corner[0] + 20
            and area["y"] + area["height"] > corner[1] + 15
        )

    wait_until(corner_moved)
    tap_on(a.page, '#draw-bar button:has-text("Save shape")')
    expect(a.page.locator("#draw-bar")).to_be_hidden()
    # The area stays selected: its panel comes back once the shape is saved (on the next frame), then closes.
    expect(a.page.locator("#element-panel")).to_be_visible()
    a.close_panel()

    def area_on_b() -> float:
        text = b.page.locator("#element-panel").inner_text() if b.page.locator("#element-panel").is_visible() else ""
        match = AREA_MEASURE.search(text)
        return number(match.group(1)) if match else 0.0

    b.open_element("path.element-area")
    wait_until(lambda: area_on_b() > area_before * 1.1, timeout=10)
    b.close_panel()

    # The author deletes the tree; it disappears on the other tablet.
    a.open_element(".leaflet-marker-pane .element-marker")
    a.panel_button("Delete")
    a.wait_counts(points=0)
    b.wait_counts(points=0, lines=1, areas=1)

    # Undo is one tap: the tree comes back everywhere.
    tap_on(a.page, "#undo-button")
    b.wait_counts(points=1)
    features = exported(app_server.base, workshop_id, token)["features"]
    assert sorted(f["properties"]["kind"] for f in features) == ["path", "play_area", "tree"]


def test_offline_tablet_loses_nothing_and_catches_up(pages, app_server):
    workshop = create_workshop(app_server.base, PARK)
    a = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Offline Olzhas")
    b = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Online Dana")
    a.new_design("From the back of the hall")
    b.new_design("From the front")
    baseline = b.counts()

    a.page.context.set_offline(True)
    expect(a.page.locator("#connection-status")).to_have_attribute("data-status", re.compile("offline"))
    a.place("bench", a.at(0.2, 0.2))
    a.draw_line("bike_lane", [a.at(0.1, 0.6), a.at(0.4, 0.62)])
    expect(a.page.locator("#connection-status")).to_contain_text("2 edits waiting")
    screenshot(a.page, "tablet-offline-waiting")
    # Meanwhile the other tablet draws something the offline one has not seen.
    b.place("lighting", b.at(0.3, 0.85))
    b.wait_counts(points=baseline["points"] + 1)
    # The lamp is a later change than the offline edits: had those left the tablet, they would have reached the
    # server, and then the other tablet, before the lamp was confirmed there.
    b.wait_saved()
    features = exported(app_server.base, workshop["id"], workshop["facilitator_token"])["features"]
    assert [f["properties"]["kind"] for f in features] == ["lighting"]
    assert b.counts() == {"points": baseline["points"] + 1, "lines": baseline["lines"], "areas": baseline["areas"]}
    expect(a.page.locator("#connection-status")).to_contain_text("2 edits waiting")

    a.page.context.set_offline(False)
    a.wait_connected()
    expect(a.page.locator("#connection-status")).not_to_contain_text("waiting")
    b.wait_counts(points=baseline["points"] + 2, lines=baseline["lines"] + 1)
    a.wait_counts(points=baseline["points"] + 2, lines=baseline["lines"] + 1)
    features = exported(app_server.base, workshop["id"], workshop["facilitator_token"])["features"]
    kinds = sorted(f["properties"]["kind"] for f in features)
    assert kinds == ["bench", "bike_lane", "lighting"], kinds
    # A later change from the tablet that was offline: once the other tablet shows it, it has had every broadcast
    # sent before it, so a duplicate of a resent edit would be on its map by now.
    a.place("sign", a.at(0.6, 0.4))
    a.wait_saved()
    wait_until(lambda: b.counts()["points"] >= baseline["points"] + 3, timeout=10)
    after = {"points": baseline["points"] + 3, "lines": baseline["lines"] + 1, "areas": baseline["areas"]}
    assert b.counts() == after
    assert a.counts() == after


def test_reopening_the_tablet_brings_back_identity_and_state(pages, app_server):
    workshop = create_workshop(app_server.base, PARK)
    page = pages.new_page(LANDSCAPE)
    a = Tablet(page).join(workshop["join_code"], "Saule")
    a.new_design("Saule's lawn")
    a.place("tree", a.at(0.2, 0.2), a.at(0.3, 0.2))
    a.wait_counts(points=2)
    url = page.url
    context = page.context
    page.close()

    again = Tablet(context.new_page())
    again.page.goto("/")
    continue_link = again.page.locator(f'a[href="{url.replace(app_server.base, "")}"]')
    expect(continue_link.first).to_contain_text("Saule")
    tap_on(again.page, f'a[href="{url.replace(app_server.base, "")}"]')
    again.wait_connected()
    again.wait_counts(points=2)
    expect(again.page.locator(".design-chip")).to_contain_text("Saule's lawn")
    # Still an author: the palette is enabled and drawing works.
    again.place("bench", again.at(0.4, 0.3))
    again.wait_counts(points=3)


def test_the_pages_fit_a_tablet_in_both_orientations(pages, app_server):
    workshop = create_workshop(app_server.base, PARK)
    for viewport, name in ((LANDSCAPE, "landscape"), (PORTRAIT, "portrait")):
        page = pages.new_page(viewport)
        page.goto("/")
        screenshot(page, f"home-{name}")
        Tablet(page).join(workshop["join_code"], f"Viewer {name}")
        screenshot(page, f"map-{name}")
        for path in ("/", "/new", page.url.replace(app_server.base, "")):
            page.goto(path)
            page.wait_for_load_state("networkidle")
            width = page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= viewport["width"], (path, width)
            assert_accessible(page, f"{path} at {name}")
        small = page.evaluate(
            """() => [...document.querySelectorAll('button, a.btn, .kind-button')]
                 .filter(n => n.offsetParent !== null)
                 .map(n => n.getBoundingClientRect())
                 .filter(r => r.width < 44 || r.height < 44).length"""
        )
        assert small == 0
    desktop = pages.new_page(DESKTOP, touch=False)
    desktop.goto("/")
    screenshot(desktop, "home-desktop")


def test_facilitator_can_paste_a_site_with_a_hole_as_geojson(pages, app_server):
    from shapely.geometry import shape

    from ..support import DATA

    page = pages.new_page(LANDSCAPE)
    page.goto("/new")
    page.fill("#workshop-title", "Panfilov Park")
    page.fill("#site-name", "Panfilov Park")
    tap_on(page, ".geojson-input summary")
    page.fill("#geojson-text", (DATA / "almaty-sites.geojson").read_text(encoding="utf-8"))
    tap_on(page, "#geojson-show")
    expect(page.locator("#boundary-summary")).to_contain_text("1")
    tap_on(page, "#new-submit")
    expect(page.locator("#created")).to_be_visible()
    workshop_id = re.search(r"/w/([0-9a-f-]+)", page.input_value("#created-facilitator-url")).group(1)
    summary = requests.get(f"{app_server.base}/api/workshops/{workshop_id}", timeout=5).json()
    assert shape(summary["boundary"]).equals(shape(PARK))
    # The facilitator's own link opens the map as facilitator, and the hole shows as a no-build zone.
    tap_on(page, "#created-open")
    Tablet(page).wait_connected()
    expect(page.locator("path.site-hole")).to_have_count(1)
