"""An element's details on a tablet, as the evening's residents met them (1024 x 768 and 768 x 1024, English and
Russian): a tree just placed asks for its species and count, each field says when it is saved (and, offline, that
the tablet keeps it), a sign's arrow is turned by dragging a handle on the map (the degrees stay a detail, and the
handle answers the keyboard), and Undo says what it undid, with Redo beside it, offline and after a reload too, in
Kazakh, Russian and English."""

from __future__ import annotations

import math

import pytest
from playwright.sync_api import Page, expect

from ..support import PARK, LiveClient, create_workshop, wait_until
from .conftest import LANDSCAPE, PORTRAIT, assert_accessible, screenshot
from .tablet import Tablet, tap_on
from .test_offline_shell import reload_offline, wait_shell_kept
from .test_props import arrow_angle, wait_arrow

# Its tests each make a workshop of their own and read only it: one server for the module (conftest.app_server).
pytestmark = pytest.mark.one_server

TREE = ".leaflet-marker-pane .element-marker:has(.element-badge[aria-label^='Tree'])"


def server_elements(base: str, workshop: dict) -> list[dict]:
    """The workshop's elements as the server keeps them (the facilitator's snapshot)."""
    watcher = LiveClient(base, workshop["facilitator_token"]).connect()
    try:
        return watcher.snapshot()["elements"]
    finally:
        watcher.disconnect()


def cue_of(page: Page, label: str):
    """The saved cue under the element panel's field of that label."""
    field = page.locator("#element-panel .props-field").filter(has=page.get_by_label(label, exact=False))
    return field.locator(".props-field__saved")


def map_at_rest(page: Page) -> None:
    """Wait until the map neither pans nor zooms (the panel that opened may have moved it)."""
    page.wait_for_function("() => !document.querySelector('.leaflet-pan-anim, .leaflet-zoom-anim')")
    box = None

    def still() -> bool:
        nonlocal box
        now = page.locator(".leaflet-marker-pane .element-marker").last.bounding_box()
        steady = now == box
        box = now
        return steady

    wait_until(still, timeout=5, interval=0.1)


def turn_round(page: Page, centre: tuple[float, float], radius: float, start: float, end: float) -> None:
    """One finger put down at `start` degrees (clockwise from north) round `centre`, moved along the circle to
    `end`, and lifted (the touch events go through CDP, as tablet.drag's do)."""
    cdp = page.context.new_cdp_session(page)

    def at(degrees: float) -> dict:
        angle = math.radians(degrees)
        return {"x": centre[0] + radius * math.sin(angle), "y": centre[1] - radius * math.cos(angle)}

    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [at(start)]})
    for step in range(1, 19):
        point = at(start + (end - start) * step / 18)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def test_a_tree_just_placed_asks_for_its_species_and_count_and_each_field_says_it_was_saved(pages, app_server):
    workshop = create_workshop(app_server.base, PARK)
    a = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Aigerim")
    a.new_design("Shade")
    a.place("tree", a.at(0.3, 0.35))
    # Done placing: the tree's panel opens by itself and asks for what only a person can say.
    panel = a.page.locator("#element-panel")
    expect(panel).to_be_visible()
    details = panel.locator(".element-panel__props")
    expect(details.locator("legend")).to_have_text("Add its details")
    expect(details).to_contain_text("Which species, and how many trees in this group?")
    assert_accessible(a.page, "a tree's panel just after placing it")
    screenshot(a.page, "details-tree-invited")

    count = panel.get_by_label("Number of trees", exact=False)
    count.fill("12")
    count.press("Enter")
    expect(cue_of(a.page, "Number of trees")).to_have_text("✓ Saved")
    a.wait_saved()
    [tree] = server_elements(app_server.base, workshop)
    assert tree["props"] == {"count": 12}

    # Offline the tablet keeps the species, and says so; back online, it is saved.
    a.page.context.set_offline(True)
    expect(a.page.locator("#connection-status")).to_have_attribute("data-status", "offline")
    species = panel.get_by_label("Species")
    species.fill("Elm")
    species.press("Enter")
    expect(cue_of(a.page, "Species")).to_have_text("✓ Kept on this tablet; it goes out when the connection is back")
    expect(cue_of(a.page, "Number of trees")).to_have_count(0)
    screenshot(a.page, "details-tree-kept-offline")
    a.page.context.set_offline(False)
    expect(cue_of(a.page, "Species")).to_have_text("✓ Saved")
    a.wait_saved()
    [tree] = server_elements(app_server.base, workshop)
    assert tree["props"] == {"count": 12, "species": "Elm"}

    # Tapped again later, it is just the tree: no invitation, no cue.
    a.close_panel()
    a.open_element(TREE)
    expect(details.locator("legend")).to_have_text("Details")
    expect(panel.locator(".props-field__saved")).to_have_count(0)


def test_a_sign_is_turned_by_dragging_its_arrow_on_the_map_or_with_the_keyboard(pages, app_server):
    workshop = create_workshop(app_server.base, PARK)
    a = Tablet(pages.new_page(PORTRAIT, locale="ru-RU")).join(workshop["join_code"], "Айгерим")
    b = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Bolat")
    a.new_design("Указатели")
    a.place("sign", a.at(0.35, 0.45))
    panel = a.page.locator("#element-panel")
    expect(panel.locator(".element-panel__props legend")).to_have_text("Добавьте подробности")
    # The degrees stay, as a detail under the way a finger does it.
    expect(panel).to_contain_text("Поверните стрелку круглой ручкой на карте или введите градусы.")
    knob = a.page.locator(".bearing-handle__knob")
    expect(knob).to_be_visible()
    expect(knob).to_have_attribute("aria-label", "Направление стрелки")
    map_at_rest(a.page)
    grip = knob.bounding_box()
    assert grip["width"] >= 44 and grip["height"] >= 44
    sign = a.page.locator(".leaflet-marker-pane .element-marker").bounding_box()
    centre = (sign["x"] + sign["width"] / 2, sign["y"] + sign["height"] / 2)
    start = (grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2)
    assert math.isclose(start[0], centre[0], abs_tol=1.5) and start[1] < centre[1], "a sign without one points north"
    screenshot(a.page, "details-sign-handle-portrait-ru")

    # A quarter turn clockwise, one finger going round the sign: the arrow points east.
    turn_round(a.page, centre, centre[1] - start[1], 0, 90)
    a.wait_saved()
    bearing = panel.get_by_label("Направление стрелки", exact=False)
    expect(bearing).to_have_value("90")
    expect(knob).to_have_attribute("aria-valuenow", "90")
    expect(a.page.locator("#element-panel .props-field__saved")).to_have_text("✓ Сохранено")
    wait_arrow(a.page, 90)
    wait_arrow(b.page, 90)
    screenshot(a.page, "details-sign-turned-portrait-ru")

    # The keyboard turns it too, 15° a key.
    knob.focus()
    knob.press("ArrowRight")
    a.wait_saved()
    expect(bearing).to_have_value("105")
    wait_arrow(b.page, 105)
    [stored] = server_elements(app_server.base, workshop)
    # Each turn was one edit, like typing it: the add, the drag, the key.
    assert (stored["props"], stored["version"]) == ({"bearing": 105}, 3)
    assert_accessible(a.page, "a sign's turning handle")

    # Closing the panel puts the handle away; the arrow stays.
    a.close_panel()
    expect(knob).to_have_count(0)
    assert math.isclose(arrow_angle(a.page), 105, abs_tol=0.01)


def toast_says(page: Page, text: str) -> None:
    expect(page.locator("#toasts")).to_contain_text(text)


def test_undo_says_what_it_undid_and_redo_makes_it_again_offline_and_after_a_reload(pages, app_server):
    workshop = create_workshop(app_server.base, PARK)
    a = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Aigerim")
    a.new_design("Shade")
    undo, redo = a.page.locator("#undo-button"), a.page.locator("#redo-button")
    expect(redo).to_be_disabled()
    a.place("tree", a.at(0.3, 0.35))
    a.close_panel()
    a.wait_saved()

    tap_on(a.page, "#undo-button")
    toast_says(a.page, "Removed: Tree")
    a.wait_counts(points=0)
    expect(redo).to_be_enabled()
    tap_on(a.page, "#redo-button")
    toast_says(a.page, "Added again: Tree")
    a.wait_counts(points=1)
    expect(redo).to_be_disabled()

    a.open_element(TREE)
    count = a.page.locator("#element-panel").get_by_label("Number of trees", exact=False)
    count.fill("4")
    count.press("Enter")
    a.close_panel()
    a.wait_saved()
    tap_on(a.page, "#undo-button")
    toast_says(a.page, "Changed back: Tree (details)")
    a.wait_saved()
    assert server_elements(app_server.base, workshop)[0]["props"] == {}
    screenshot(a.page, "undo-said")

    # Offline: the undo goes into the journal like any edit, and what Redo would do survives a reload.
    wait_shell_kept(a.page)
    a.page.context.set_offline(True)
    tap_on(a.page, "#undo-button")
    toast_says(a.page, "Removed: Tree")
    a.wait_counts(points=0)
    reload_offline(a)
    a.wait_counts(points=0)
    expect(redo).to_be_enabled()
    expect(undo).to_be_disabled()  # everything there was to undo is undone
    tap_on(a.page, "#redo-button")
    toast_says(a.page, "Added again: Tree")
    a.wait_counts(points=1)
    expect(undo).to_be_enabled()
    expect(redo).to_be_enabled()  # the count's change, next
    expect(a.page.locator("#connection-status")).to_contain_text("2 edits waiting")
    a.page.context.set_offline(False)
    a.wait_connected()
    a.wait_saved()
    [tree] = server_elements(app_server.base, workshop)
    assert (tree["kind"], tree["props"]) == ("tree", {})

    # The same words in Russian and Kazakh.
    for locale, removed, again in (
        ("ru-RU", "Убрано: Дерево", "Снова добавлено: Дерево"),
        ("kk-KZ", "Алып тасталды: Ағаш", "Қайта қосылды: Ағаш"),
    ):
        tablet = Tablet(pages.new_page(LANDSCAPE, locale=locale)).join(workshop["join_code"], locale)
        tablet.new_design(locale)
        tablet.place("tree", tablet.at(0.6, 0.3))
        tablet.close_panel()
        tap_on(tablet.page, "#undo-button")
        toast_says(tablet.page, removed)
        tap_on(tablet.page, "#redo-button")
        toast_says(tablet.page, again)
        screenshot(tablet.page, f"undo-redo-{locale[:2]}")
