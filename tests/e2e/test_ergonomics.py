"""Tablet ergonomics and accessibility beyond the flows: finger precision, pinch on the map, keyboard, languages."""

from __future__ import annotations

import math
import re

from playwright.sync_api import expect

from ..support import PARK, create_workshop, exported
from .conftest import DESKTOP, LANDSCAPE, PORTRAIT, assert_accessible, screenshot
from .tablet import Tablet

PARK_LON = (76.9507, 76.9586)  # the park's outer ring, west to east
PARK_LAT = (43.2553, 43.2622)  # south to north


def metres_between(a, b) -> float:
    """Distance between two lon/lat positions on a local plane (good to centimetres over a park)."""
    k = 111_320 * math.cos(math.radians(a[1]))
    return math.hypot((a[0] - b[0]) * k, (a[1] - b[1]) * 110_574)


def test_a_finger_places_a_path_within_a_10_m_wide_strip(pages, app_server):
    workshop = create_workshop(app_server.base, PARK)
    tablet = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Precise")
    tablet.new_design("Straight path")
    box = tablet.site_box()

    # The site's outline box on screen spans the ring's lon/lat box: where a tap should land on the ground.
    def expected(fx, fy):
        return (PARK_LON[0] + (PARK_LON[1] - PARK_LON[0]) * fx, PARK_LAT[1] - (PARK_LAT[1] - PARK_LAT[0]) * fy)

    fractions = [(0.1, 0.62), (0.3, 0.62), (0.5, 0.62)]
    tablet.draw_line("path", [tablet.at(fx, fy) for fx, fy in fractions])
    tablet.wait_counts(lines=1)
    metres_per_pixel = metres_between(expected(0, 0.5), expected(1, 0.5)) / box["width"]
    assert metres_per_pixel < 2, "the site's zoom gives at least one pixel per two metres"
    [feature] = exported(app_server.base, workshop["id"], workshop["facilitator_token"])["features"]
    # The outline box is the ring's box within a pixel or two; each vertex lands within 5 m of where the finger was.
    for vertex, (fx, fy) in zip(feature["geometry"]["coordinates"], fractions, strict=True):
        assert metres_between(vertex, expected(fx, fy)) < 5, (vertex, expected(fx, fy))


def test_a_pinch_on_the_map_never_zooms_the_page(pages, app_server):
    workshop = create_workshop(app_server.base, PARK)
    page = pages.new_page(PORTRAIT)
    Tablet(page).join(workshop["join_code"], "Pincher")
    assert page.evaluate("() => getComputedStyle(document.getElementById('map')).touchAction") == "none"
    viewport = page.evaluate("() => document.querySelector('meta[name=viewport]').content")
    assert "width=device-width" in viewport
    # Buttons answer a tap at once (no double-tap zoom delay), and nothing needs hover.
    assert page.evaluate("() => getComputedStyle(document.querySelector('.kind-button')).touchAction") in (
        "manipulation",
        "none",
    )
    hover_only = page.evaluate(
        """() => [...document.styleSheets].flatMap(s => { try { return [...s.cssRules]; } catch { return []; } })
             .filter(r => r.selectorText && /:hover/.test(r.selectorText)
                          && /display|visibility/.test(r.cssText)).length"""
    )
    assert hover_only == 0, "no control appears only on hover"


def test_keyboard_alone_joins_and_reaches_the_palette(pages, app_server):
    workshop = create_workshop(app_server.base, PARK)
    page = pages.new_page(DESKTOP, touch=False)
    page.goto("/")
    page.locator("#join-code").focus()
    page.keyboard.type(workshop["join_code"])
    page.keyboard.press("Tab")
    page.keyboard.type("Keyboard Kairat")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/w/"))
    Tablet(page).wait_connected()
    # Start a design with the keyboard: tab to the first screen's button, Enter, type, Enter.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('start-card__create')"):
            break
    else:
        raise AssertionError("the Start my own design button is not reachable with Tab")
    page.keyboard.press("Enter")
    page.keyboard.type("Typed plan")
    page.keyboard.press("Enter")
    expect(page.locator(".design-chip")).to_contain_text("Typed plan")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.kind-button')"):
            break
    else:
        raise AssertionError("the palette is not reachable with Tab")
    focused = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert focused != "none", "the focused control shows a focus ring"
    page.keyboard.press("Enter")
    expect(page.locator("#draw-bar")).to_be_visible()
    page.keyboard.press("Escape")


def test_every_page_speaks_kazakh_and_russian(pages, app_server):
    workshop = create_workshop(app_server.base, PARK)
    for locale, code in (("kk-KZ", "kk"), ("ru-RU", "ru")):
        page = pages.new_page(LANDSCAPE, locale=locale)
        page.goto("/")
        assert page.evaluate("() => document.documentElement.lang") == code
        screenshot(page, f"home-{code}")
        Tablet(page).join(workshop["join_code"], f"Reader {code}")
        assert page.evaluate("() => document.documentElement.lang") == code
        # The palette names its kinds in the page's language.
        expect(page.locator('.kind-button[data-kind="tree"]')).to_contain_text("Ағаш" if code == "kk" else "Дерево")
        screenshot(page, f"map-{code}")
        assert_accessible(page, f"map in {code}")
    # The switch: from Russian to Kazakh on the same device, remembered.
    page.goto("/")
    page.get_by_role("link", name="Қазақша").click()
    assert page.evaluate("() => document.documentElement.lang") == "kk"
    page.goto("/new")
    assert page.evaluate("() => document.documentElement.lang") == "kk"


def test_recover_page_is_accessible(pages, app_server):
    page = pages.new_page(PORTRAIT)
    page.goto("/recover")
    assert_accessible(page, "recover")
