"""Elements' props on the live map in real Chromium with touch: one tablet gives a sign its text and bearing and a
tree group its count in the element panel; another tablet draws the sign's arrow turned to the bearing and the
tree's count, live and after a reload; bad values are stopped in the form."""

from __future__ import annotations

import math

import pytest
from playwright.sync_api import Page, expect

from ..support import PARK, LiveClient, create_workshop, wait_until
from .conftest import LANDSCAPE, assert_accessible, screenshot
from .tablet import Tablet, tap_on
from .test_offline_shell import reload_offline, wait_shell_kept

# Its tests each make a workshop of their own and read only it: one server for the module (conftest.app_server).
pytestmark = pytest.mark.one_server

PHONE = {"width": 390, "height": 844}
SIGN = '.leaflet-marker-pane .element-marker:has(.element-badge[aria-label="Sign"])'
TREE = ".leaflet-marker-pane .element-marker:has(.element-badge[aria-label^='Tree'])"

# The angle (degrees, clockwise) of the sign's arrow as the browser computes it: rotate(θ) is matrix(cos θ, sin θ, ...).
ARROW_ANGLE = """() => {
    const arrow = document.querySelector(".element-badge__arrow");
    if (!arrow) return null;
    const matrix = getComputedStyle(arrow).transform.match(/matrix\\(([^)]+)\\)/);
    if (!matrix) return null;
    const [a, b] = matrix[1].split(",").map(Number);
    return (Math.atan2(b, a) * 180 / Math.PI + 360) % 360;
}"""


def arrow_angle(page: Page) -> float | None:
    """The sign's arrow's computed angle on this page, or None while there is none."""
    return page.evaluate(ARROW_ANGLE)


def wait_arrow(page: Page, degrees: float) -> None:
    """Wait until the sign's arrow on this page is turned to `degrees`."""
    wait_until(
        lambda: (angle := arrow_angle(page)) is not None and math.isclose(angle, degrees, abs_tol=0.01), timeout=10
    )


def two_tablets(pages, app_server) -> tuple[dict, Tablet, Tablet]:
    """A workshop, Aigerim's tablet with her design shown, and Bolat's beside it."""
    workshop = create_workshop(app_server.base, PARK, title="Wayfinding walk")
    a = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Aigerim")
    b = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Bolat")
    a.new_design("Signs to the pond")
    return workshop, a, b


def shows_the_sign_and_the_tree(tablet: Tablet) -> None:
    """Wait until the map draws the sign's arrow at 90° (east) and the tree's badge with 12."""
    wait_arrow(tablet.page, 90)
    expect(tablet.page.locator(".element-badge__count")).to_have_text("12")
    expect(tablet.page.locator(TREE + " .element-badge")).to_have_attribute("aria-label", "Tree: 12")


def test_a_sign_turns_its_arrow_and_a_tree_group_shows_its_count_on_every_tablet(pages, app_server):
    workshop, a, b = two_tablets(pages, app_server)
    a.place("sign", a.at(0.35, 0.4))
    a.place("tree", a.at(0.65, 0.4))
    a.wait_counts(points=2)
    b.wait_counts(points=2)
    # A new sign has no bearing yet: no arrow; a single tree no count.
    assert arrow_angle(b.page) is None
    expect(b.page.locator(".element-badge__count")).to_have_count(0)

    # The author opens the sign: its fields, with the limits of the facts' table.
    a.open_element(SIGN)
    panel = a.page.locator("#element-panel")
    text = panel.get_by_label("Text on the sign")
    bearing = panel.get_by_label("Arrow direction", exact=False)
    sign_type = panel.get_by_label("Type of sign")
    expect(text).to_have_attribute("maxlength", "80")
    expect(bearing).to_have_attribute("min", "0")
    expect(bearing).to_have_attribute("max", "359")
    expect(sign_type.locator("option:checked")).to_have_text("Not set")
    text.fill("Pond 300 m")
    text.press("Enter")
    # A bearing out of range is stopped in the form, with the reason, and nothing goes to the server.
    bearing.fill("400")
    bearing.press("Enter")
    expect(panel.locator(".props-field__error:visible")).to_have_text("From 0 to 359.")
    expect(bearing).to_have_attribute("aria-invalid", "true")
    bearing.fill("90")
    bearing.press("Enter")
    expect(panel.locator(".props-field__error:visible")).to_have_count(0)
    sign_type.select_option("direction")
    a.wait_saved()
    assert math.isclose(arrow_angle(a.page), 90, abs_tol=0.01)
    assert_accessible(a.page, "element panel of a sign")
    screenshot(a.page, "props-sign-panel-tablet")
    a.page.set_viewport_size(PHONE)
    expect(panel.get_by_label("Type of sign")).to_be_visible()
    screenshot(a.page, "props-sign-panel-phone")
    assert_accessible(a.page, "element panel of a sign on a phone")
    a.page.set_viewport_size(LANDSCAPE)
    a.close_panel()

    # The tree becomes a group of 12.
    a.open_element(TREE)
    count = panel.get_by_label("Number of trees", exact=False)
    expect(count).to_have_attribute("max", "500")
    panel.get_by_label("Species").fill("Elm")
    panel.get_by_label("Species").press("Enter")
    count.fill("12")
    count.press("Enter")
    a.wait_saved()
    a.close_panel()

    # The other tablet follows live, and sees the props as facts (it is not an author of the design).
    shows_the_sign_and_the_tree(b)
    # The park's no-build label lies below every marker (it used to cover a group's count badge).
    below = b.page.evaluate("""() => {
        const label = document.querySelector('.site-hole-label');
        const markers = document.querySelector('.leaflet-marker-pane');
        const z = (element) => Number(getComputedStyle(element.closest('.leaflet-pane')).zIndex);
        return [z(label), z(markers)];
    }""")
    assert below[0] < below[1], below
    screenshot(b.page, "props-map-follows")
    b.open_element(SIGN)
    b_panel = b.page.locator("#element-panel")
    expect(b_panel).to_contain_text("Pond 300 m")
    expect(b_panel).to_contain_text("Direction")
    expect(b_panel).to_contain_text("90°")
    expect(b_panel.locator("input, select")).to_have_count(0)
    # A label as long as Kazakh's ("Бағыттауыштың бағыты") never runs over its value.
    overlaps = b.page.evaluate("""() => [...document.querySelectorAll('.element-panel__fact')].filter((fact) => {
        fact.querySelector('dt').textContent = 'Бағыттауыштың бағыты';
        const label = fact.querySelector('dt').getBoundingClientRect();
        const value = fact.querySelector('dd').getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(fact.querySelector('dt'));
        return range.getBoundingClientRect().right > value.left + 0.5 || label.right > value.left + 0.5;
    }).length""")
    assert overlaps == 0
    screenshot(b.page, "props-sign-facts")
    b.close_panel()

    # The server keeps them as sent, each edit once.
    watcher = LiveClient(app_server.base, workshop["facilitator_token"]).connect()
    try:
        kept = {e["kind"]: (e["props"], e["version"]) for e in watcher.snapshot()["elements"]}
    finally:
        watcher.disconnect()
    # One update per settled field (Enter, then leaving the field, is one), none for the bearing of 400.
    assert kept == {
        "sign": ({"text": "Pond 300 m", "bearing": 90, "sign_type": "direction"}, 4),
        "tree": ({"species": "Elm", "count": 12}, 3),
    }

    # After a reload, both tablets still draw them; the author's form shows the stored values.
    for tablet in (b, a):
        tablet.page.reload()
        tablet.wait_connected()
        shows_the_sign_and_the_tree(tablet)
    a.open_element(SIGN)
    expect(panel.get_by_label("Arrow direction", exact=False)).to_have_value("90")
    expect(panel.get_by_label("Text on the sign")).to_have_value("Pond 300 m")
    # Emptying the bearing takes the arrow away everywhere.
    bearing = panel.get_by_label("Arrow direction", exact=False)
    bearing.fill("")
    bearing.press("Enter")
    a.wait_saved()
    wait_until(lambda: arrow_angle(b.page) is None, timeout=10)
    tap_on(a.page, ".element-panel__close")


def test_a_bearing_set_offline_survives_a_reload_and_reaches_the_other_tablet_once(pages, app_server):
    workshop, a, b = two_tablets(pages, app_server)
    a.place("sign", a.at(0.4, 0.4))
    a.wait_saved()
    b.wait_counts(points=1)
    wait_shell_kept(a.page)

    a.page.context.set_offline(True)
    reload_offline(a)
    a.open_element(SIGN)
    bearing = a.page.locator("#element-panel").get_by_label("Arrow direction", exact=False)
    bearing.fill("180")
    bearing.press("Enter")
    expect(a.page.locator("#connection-status")).to_contain_text("1 edit waiting")
    a.close_panel()
    # Reloaded with no network: the edit is still there, drawn and in the form, waiting.
    reload_offline(a)
    wait_arrow(a.page, 180)
    a.open_element(SIGN)
    expect(a.page.locator("#element-panel").get_by_label("Arrow direction", exact=False)).to_have_value("180")
    a.close_panel()
    assert arrow_angle(b.page) is None

    a.page.context.set_offline(False)
    a.wait_connected()
    a.wait_saved()
    wait_arrow(b.page, 180)
    watcher = LiveClient(app_server.base, workshop["facilitator_token"]).connect()
    try:
        [sign] = watcher.snapshot()["elements"]
    finally:
        watcher.disconnect()
    assert (sign["props"], sign["version"]) == ({"bearing": 180}, 2)
