"""The new-workshop page with no map background (no tile server, no base map file: the tests' servers have none), in
real Chromium: the map says how a site is marked all the same and draws a scale in the page's language; a site
drawn to that scale is a site. At a desk in English, on tablets in Kazakh and Russian, on a phone in Kazakh."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from cowork.core import i18n

from .conftest import LANDSCAPE, PORTRAIT, assert_accessible

# Its tests each make a workshop of their own and read only it: one server for the module (conftest.app_server).
pytestmark = pytest.mark.one_server

FACILITATOR_SCREEN = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
# The bar's words and its length in pixels.
SCALE = """() => {
    const box = document.querySelector("#new-map .map-scale");
    const bar = box && box.querySelector(".map-scale__bar");
    return box && !box.hidden ? [box.querySelector(".map-scale__text").textContent,
        bar.getBoundingClientRect().width] : null;
}"""


def test_a_blank_map_says_how_to_mark_the_site_and_draws_a_scale(pages, app_server):
    page = pages.new_page(FACILITATOR_SCREEN, touch=False)
    page.goto("/new")
    hint = page.locator("#map-hint")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("No streets on this map")
    expect(hint).to_contain_text("draw its outline with “Draw an area”")
    expect(hint).to_contain_text("drop a GIS file on the map or choose one")
    expect(hint).to_contain_text("paste its GeoJSON under “Paste or upload GeoJSON”")
    words, length = page.evaluate(SCALE)
    assert re.fullmatch(r"\d+ (m|km)", words) and 40 <= length <= 120, (words, length)
    # Zooming in, the scale follows.
    page.locator(".leaflet-control-zoom-in").click()
    page.wait_for_function(f"words => ({SCALE})()[0] !== words", arg=words)
    assert_accessible(page, "new workshop, blank map")

    # Drawing to scale: the hint makes way, and the outline is the site.
    page.locator("#draw-area").click()
    expect(hint).to_be_hidden()
    box = page.locator("#new-map").bounding_box()
    corners = [(0.3, 0.3), (0.7, 0.3), (0.7, 0.7), (0.3, 0.7)]
    for fx, fy in [*corners, corners[0]]:
        page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
    expect(page.locator("#boundary-summary")).to_contain_text("1 area")
    expect(hint).to_be_hidden()
    page.locator("#clear-boundary").click()
    expect(hint).to_be_visible()


def test_a_blank_map_speaks_kazakh_and_russian_on_tablets_and_phones(pages, app_server):
    for language, size in (("kk", LANDSCAPE), ("ru", PORTRAIT)):
        page = pages.new_page(size, locale=language)
        page.goto("/new")
        expect(page.locator("#map-hint")).to_contain_text(i18n.translate(language, "new.no_tiles_heading"))
        text, length = page.evaluate(SCALE)
        assert re.fullmatch(r"[\d\u202f]+ (м|км)", text) and length > 0, (language, text)
        # The hint sits on the map, inside it.
        hint, map_box = page.locator("#map-hint").bounding_box(), page.locator("#new-map").bounding_box()
        assert hint["x"] >= map_box["x"] and hint["x"] + hint["width"] <= map_box["x"] + map_box["width"] + 1
        assert hint["y"] + hint["height"] <= map_box["y"] + map_box["height"], (language, hint, map_box)
        assert_accessible(page, f"new workshop, blank map, {language}")

    # On a phone it would cover most of the map: it stands under it, whole.
    page = pages.new_page(PHONE, locale="kk")
    page.goto("/new")
    hint, map_box = page.locator("#map-hint").bounding_box(), page.locator("#new-map").bounding_box()
    assert hint["y"] >= map_box["y"] + map_box["height"] and hint["x"] + hint["width"] <= PHONE["width"], hint
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
