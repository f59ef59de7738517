"""The live session as an evening runs it (issue 20), in real Chromium: the facilitator's console at 1440 px, tablets
at 1024 x 768 in English and 768 x 1024 in Russian, a phone in Kazakh, the projector. Where everyone's map looks,
the countdown, moving to voting and back, the projector's names and join code, and the list people vote in."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from ..support import PARK, LiveClient, create_workshop, wait_until
from .conftest import LANDSCAPE, PORTRAIT, assert_accessible, screenshot
from .tablet import Tablet, tap_on

# Its tests each make a workshop of their own and read only it: one server for the module (conftest.app_server).
pytestmark = pytest.mark.one_server

FACILITATOR_SCREEN = {"width": 1440, "height": 900}
PROJECTOR_SCREEN = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
LONG_NAME = "Сквер для бабушек и дедушек у старого фонтана"

# Where the map looks, from the boxes on screen: the whole site inside the map, or a spot (the site's outline
# larger than the map).
SITE_BOXES = """() => {
    const edges = (box) => [box.left, box.top, box.right, box.bottom];
    const site = document.querySelector("path.site-outline");
    const map = document.querySelector("#map");
    return site && {map: edges(map.getBoundingClientRect()), site: edges(site.getBoundingClientRect())};
}"""


# Whether nothing covers the middle of the element a selector names.
UNCOVERED = """(selector) => {
    const box = document.querySelector(selector).getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return Boolean(hit && hit.closest(selector));
}"""


def shows_whole_site(page: Page) -> bool:
    boxes = page.evaluate(SITE_BOXES)
    if not boxes:
        return False
    (ml, mt, mr, mb), (sl, st, sr, sb) = boxes["map"], boxes["site"]
    return sl >= ml - 1 and st >= mt - 1 and sr <= mr + 1 and sb <= mb + 1 and sr - sl > 50


def shows_a_spot(page: Page) -> bool:
    boxes = page.evaluate(SITE_BOXES)
    if not boxes:
        return False
    (ml, mt, mr, mb), (sl, st, sr, sb) = boxes["map"], boxes["site"]
    return sr - sl > mr - ml or sb - st > mb - mt


def open_console(pages, workshop: dict, locale: str = "en-US") -> Page:
    """The facilitator's private link on a laptop, then the console."""
    console = pages.new_page(FACILITATOR_SCREEN, touch=False, locale=locale)
    console.goto(workshop["facilitator_url"])
    Tablet(console).wait_connected()
    console.goto(f"/w/{workshop['id']}/console")
    Tablet(console).wait_connected()
    return console


def open_projector(pages, workshop: dict, locale: str = "en-US") -> Page:
    """The projector's page, opened on the facilitator's laptop (its token stays on that browser)."""
    projector = pages.new_page(PROJECTOR_SCREEN, touch=False, locale=locale)
    projector.goto(workshop["facilitator_url"])
    Tablet(projector).wait_connected()
    projector.goto(f"/w/{workshop['id']}/projector")
    Tablet(projector).wait_connected()
    return projector


def set_phase(console: Page, phase: str) -> None:
    """Press a phase button on the console and confirm what it asks."""
    console.click(f'#phase-control button[data-phase="{phase}"]')
    console.click("dialog[open] .dialog__actions button:last-child")
    expect(console.locator(f'#top-phase [data-phase="{phase}"]')).to_be_visible()


def zoom_console_in(console: Page) -> None:
    """The facilitator zooms the console's map in on the site's middle (again while a fit to the site, still under
    way, takes a click's zoom back)."""

    def zoomed_in() -> bool:
        if shows_a_spot(console):
            return True
        console.click(".leaflet-control-zoom-in")
        return False

    wait_until(zoomed_in, timeout=10)


def test_everyone_looks_at_the_whole_site_when_asked_and_when_voting_starts(pages, app_server):
    workshop = create_workshop(app_server.base, PARK, title="Evening views")
    console = open_console(pages, workshop)
    projector = open_projector(pages, workshop)
    a = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Aigerim")
    b = Tablet(pages.new_page(PORTRAIT, locale="ru-RU")).join(workshop["join_code"], "Болат")
    a.new_design("Shady corner")
    a.place("tree", a.at(0.3, 0.3))
    b.new_design(LONG_NAME)
    b.place("bench", b.at(0.7, 0.7))
    b.wait_counts(points=2)
    screens = (a.page, b.page, projector)

    # "Everyone look here" takes every screen to the spot...
    zoom_console_in(console)
    console.click("#share-view")
    for page in screens:
        wait_until(lambda page=page: shows_a_spot(page), timeout=10)
    # ...and the console's "whole site" brings every screen back, each fitting the site to its own size.
    console.click("#fit-site")
    for page in (console, *screens):
        wait_until(lambda page=page: shows_whole_site(page), timeout=10)
    expect(a.page.locator(".toast").last).to_contain_text("whole site")

    # Each tablet has its own "whole site": after the facilitator's spot, one tablet goes back alone.
    zoom_console_in(console)
    console.click("#share-view")
    for page in screens:
        wait_until(lambda page=page: shows_a_spot(page), timeout=10)
    expect(b.page.locator(".site-control__button")).to_have_accessible_name("Весь участок")
    # The bench Bolat just placed has its panel open: the button stays in sight beside it.
    expect(b.page.locator("#element-panel")).to_be_visible()
    assert b.page.evaluate(UNCOVERED, ".site-control__button"), "the element panel covers the whole-site button"
    tap_on(b.page, ".site-control__button")
    wait_until(lambda: shows_whole_site(b.page), timeout=10)
    assert shows_a_spot(a.page)

    # Voting starts where the facilitator's spot left everyone: every tablet and the projector see the whole site.
    set_phase(console, "voting")
    for page in screens:
        wait_until(lambda page=page: shows_whole_site(page), timeout=10)
    screenshot(b.page, "voting-starts-on-the-whole-site-ru")

    # "Show" in the list brings that design into view (a lone bench: close up), the tablet's button back out.
    expect(a.page.locator("#design-list")).to_be_visible()
    tap_on(a.page, f'#design-list .design-item:has-text("{LONG_NAME}") .design-item__actions .btn >> nth=0')
    wait_until(lambda: shows_a_spot(a.page), timeout=10)
    bench = a.page.locator(".leaflet-marker-pane .element-marker:has([aria-label='Bench'])").first
    expect(bench).to_be_in_viewport()
    tap_on(a.page, ".site-control__button")
    wait_until(lambda: shows_whole_site(a.page), timeout=10)
    assert_accessible(a.page, "tablet in voting with its whole-site button")


def test_the_countdown_stops_with_its_phase_and_agrees_with_the_server_after_going_back(pages, app_server):
    workshop = create_workshop(app_server.base, PARK, title="Evening timer")
    console = open_console(pages, workshop)
    projector = open_projector(pages, workshop, locale="ru-RU")
    # Watched, not routed: Playwright's routing would turn the browser's cache off, which going Back reads.
    a = Tablet(pages.new_page(LANDSCAPE, intercept=False)).join(workshop["join_code"], "Aigerim")
    joined = time.monotonic()
    b = Tablet(pages.new_page(PORTRAIT, locale="ru-RU")).join(workshop["join_code"], "Болат")
    countdowns = {
        "console": console.locator("#top-countdown"),
        "projector": projector.locator("#countdown"),
        "tablet": a.page.locator("#phase-bar .countdown"),
        "tablet ru": b.page.locator("#phase-bar .countdown"),
    }

    console.click('#timer-control button:has-text("3 min")')
    for countdown in countdowns.values():
        expect(countdown).to_have_text(re.compile(r"^(3:00|2:[45]\d)$"))
    # Closing stops it: no countdown runs on to a red 0:00 over a closed workshop.
    set_phase(console, "closed")
    for name, countdown in countdowns.items():
        expect(countdown, name).to_have_text("")
    expect(console.locator("#timer-card")).to_be_hidden()  # the console's timer leaves with the sketching
    screenshot(projector, "projector-closed-without-countdown-ru")

    # A tablet reads the results, the facilitator reopens the vote with a new countdown meanwhile, the tablet
    # comes Back: it counts down with the server's clock, as the console does, without a reload. (Going Back,
    # Chromium answers the page's first requests from its cache, with the date they had when joining.)
    tap_on(a.page, "#phase-bar a.btn--primary")
    a.page.wait_for_url(re.compile(r"/results$"))
    expect(a.page.locator(".design-result, .results-empty, main").first).to_be_visible()
    console.select_option("#reopen-phase", "voting")
    console.click('#phase-control button:has-text("Reopen")')
    expect(console.locator("#top-phase")).to_contain_text("Voting")
    console.click('#timer-control button:has-text("10 min")')
    expect(countdowns["console"]).to_have_text(re.compile(r"^(10:00|9:[45]\d)$"))
    wait_until(lambda: time.monotonic() - joined > 4, timeout=10)  # the kept answers are seconds old by now
    a.page.go_back()
    a.wait_connected()
    expect(countdowns["tablet"]).to_have_text(re.compile(r"^(10:00|9:[45]\d)$"))

    def seconds(text: str) -> int:
        minutes, rest = text.split(":")
        return int(minutes) * 60 + int(rest)

    def agree() -> bool:
        # Read back to back, twice a second at most apart: the two may straddle a tick, never more.
        return abs(seconds(countdowns["tablet"].inner_text()) - seconds(countdowns["console"].inner_text())) <= 1

    wait_until(agree, timeout=5)
    for _ in range(3):
        assert agree(), (countdowns["tablet"].inner_text(), countdowns["console"].inner_text())
    screenshot(a.page, "tablet-back-from-results-voting-en")
    assert_accessible(a.page, "tablet back from the results")


def test_voting_is_confirmed_and_sketching_comes_back_with_nothing_lost(pages, app_server):
    workshop = create_workshop(app_server.base, PARK, title="Evening vote")
    console = open_console(pages, workshop)
    a = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Aigerim")
    b = Tablet(pages.new_page(PORTRAIT, locale="ru-RU")).join(workshop["join_code"], "Болат")
    a.new_design("Shady corner")
    a.place("tree", a.at(0.3, 0.3))
    b.new_design(LONG_NAME)
    b.place("bench", b.at(0.6, 0.6))
    b.wait_counts(points=2)

    # A misclick on Voting asks first, and Cancel leaves every tablet drawing.
    console.click('#phase-control button[data-phase="voting"]')
    dialog = console.locator("dialog[open]")
    expect(dialog).to_contain_text("Start voting?")
    expect(dialog).to_contain_text("nothing drawn is lost")
    screenshot(console, "console-asks-before-voting")
    assert_accessible(console, "console asking before voting")
    dialog.locator("button", has_text="Cancel").click()
    expect(dialog).to_have_count(0)
    expect(console.locator('#phase-control button[data-phase="sketching"]')).to_have_attribute("aria-pressed", "true")
    expect(a.page.locator("#palette")).to_be_visible()
    a.place("bench", a.at(0.4, 0.5))
    b.wait_counts(points=3)

    # Voting, a dot on the bench design; then back to sketching: it says what happens to the dots.
    set_phase(console, "voting")
    expect(b.page.locator("#palette")).to_be_hidden()
    give = f'#design-list .design-item:has-text("{LONG_NAME}") button[aria-label^="Give a dot"]'
    expect(a.page.locator("#design-list")).to_be_visible()
    tap_on(a.page, give)
    expect(a.page.locator(".phase-bar__dots")).to_have_text("2 dots left")
    console.click('#phase-control button[data-phase="sketching"]')
    expect(dialog).to_contain_text("dots already given stay")
    dialog.locator(".btn--primary").click()
    for tablet in (a, b):
        expect(tablet.page.locator("#palette")).to_be_visible()
        tablet.wait_counts(points=3)
    b.place("tree", b.at(0.7, 0.3))  # drawing works again
    a.wait_counts(points=4)

    # Voting again: the dot is where it was, the drawing of the pause is there too.
    set_phase(console, "voting")
    expect(a.page.locator(".phase-bar__dots")).to_have_text("2 dots left")
    expect(a.page.locator(give)).to_be_disabled()
    wait_until(lambda: re.search(r"бабушек\D*1", console.inner_text("#tally-list")), timeout=10)
    b.wait_counts(points=4)


def test_the_projector_shows_whole_names_and_puts_the_code_away_once_closed(pages, app_server):
    workshop = create_workshop(app_server.base, PARK, title="Evening screen")
    facilitator = LiveClient(app_server.base, workshop["facilitator_token"]).connect()
    try:
        assert facilitator.call("settings:update", {"show_running_tallies": True})["ok"]
        projector = open_projector(pages, workshop, locale="ru-RU")
        b = Tablet(pages.new_page(PORTRAIT, locale="ru-RU")).join(workshop["join_code"], "Болат")
        b.new_design(LONG_NAME)
        b.place("bench", b.at(0.6, 0.6))
        b.wait_saved()
        assert facilitator.call("phase:set", {"phase": "voting"})["ok"]
        title = projector.locator("#tally-list .tally__title", has_text="Сквер")
        expect(title).to_be_visible()
        # The whole name is on the screen: nothing cut or hidden by an ellipsis.
        expect(title).to_have_text(LONG_NAME)
        assert projector.evaluate(
            "el => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1",
            title.element_handle(),
        )
        expect(projector.locator("#join-qr")).to_be_visible()
        screenshot(projector, "projector-voting-ru")
        assert_accessible(projector, "projector while voting")

        assert facilitator.call("phase:set", {"phase": "closed"})["ok"]
        expect(projector.locator("#tally-heading")).to_have_text("Итоги")
        for part in ("#join-code", "#join-qr", "#join-heading"):
            expect(projector.locator(part)).to_be_hidden()
        expect(projector.locator("#tally-list .tally__title", has_text="Сквер")).to_have_text(LONG_NAME)
        screenshot(projector, "projector-closed-ru")
        # Reopened, people may join again: the code comes back.
        assert facilitator.call("phase:set", {"phase": "voting", "reopen": True})["ok"]
        expect(projector.locator("#join-code")).to_be_visible()
    finally:
        facilitator.disconnect()


def boxes(page: Page, selector: str) -> list[tuple[float, float]]:
    """Where each matching element sits on the screen (its top left corner)."""
    return [(round(box["x"]), round(box["y"])) for box in page.eval_on_selector_all(selector, SCREEN_BOXES)]


SCREEN_BOXES = "els => els.map(el => { const r = el.getBoundingClientRect(); return {x: r.left, y: r.top}; })"


def test_the_voting_list_says_whose_design_it_is_and_the_dots_stay_put(pages, app_server):
    workshop = create_workshop(app_server.base, PARK, title="Evening list")
    a = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Aigerim")
    b = Tablet(pages.new_page(PORTRAIT, locale="ru-RU")).join(workshop["join_code"], "Болат")
    c = Tablet(pages.new_page(PHONE, locale="kk-KZ")).join(workshop["join_code"], "Сәуле")
    a.new_design("Shady corner")
    a.place("tree", a.at(0.3, 0.3))
    b.new_design(LONG_NAME)
    b.place("bench", b.at(0.6, 0.6))
    # Bolat joins Aigerim's design as a co-author.
    tap_on(b.page, ".design-chip")
    tap_on(b.page, '#design-list .design-item:has-text("Shady corner") .btn--primary')
    expect(b.page.locator(".design-chip")).to_contain_text("Shady corner")
    b.wait_saved()
    facilitator = LiveClient(app_server.base, workshop["facilitator_token"]).connect()
    try:
        assert facilitator.call("phase:set", {"phase": "voting"})["ok"]
    finally:
        facilitator.disconnect()

    # Each thing a design is to me is a tag of its own: shown on the map, mine as its creator or as a co-author.
    own = a.page.locator('#design-list .design-item:has-text("Shady corner")')
    expect(own.locator(".design-item__tag")).to_have_text(["Shown on the map", "Your design"])
    expect(a.page.locator("#design-list")).not_to_contain_text("co-author")
    joined = b.page.locator('#design-list .design-item:has-text("Shady corner")')
    expect(joined.locator(".design-item__tag")).to_have_text(["Показан на карте", "Вы соавтор"])
    started = b.page.locator(f'#design-list .design-item:has-text("{LONG_NAME}")')
    expect(started.locator(".design-item__tag")).to_have_text(["Ваш проект"])
    screenshot(b.page, "voting-list-tags-ru")

    # The most dots per design is one: when it is reached, why + is off appears, and the buttons stay where they were.
    other = a.page.locator(f'#design-list .design-item:has-text("{LONG_NAME}")')
    buttons = f'#design-list .design-item:has-text("{LONG_NAME}") .vote-control__button'
    before = boxes(a.page, buttons)
    tap_on(a.page, f"{buttons}.vote-control__plus")
    expect(other.locator(".vote-control__reason")).to_have_text("Most dots here")
    assert boxes(a.page, buttons) == before
    screenshot(a.page, "voting-list-at-most-en")
    assert_accessible(a.page, "voting list at the most dots")

    # The same in the phase bar, for the design shown, on a portrait tablet in Russian and a phone in Kazakh.
    # Saule drew nothing: she picks the design to look at with its "Show" in the list.
    expect(c.page.locator("#design-list")).to_be_visible()
    tap_on(c.page, f'#design-list .design-item:has-text("{LONG_NAME}") .design-item__actions .btn >> nth=0')
    for tablet, reason in ((b, "Здесь уже максимум"), (c, "Мұнда ең көп дауыс берілді")):
        if tablet.page.locator("#design-list").is_visible():
            tap_on(tablet.page, ".design-list__close")
        bar = "#phase-bar .phase-bar__this .vote-control__button"
        before = boxes(tablet.page, f"{bar}, #map")
        tap_on(tablet.page, f"{bar}.vote-control__plus")
        expect(tablet.page.locator("#phase-bar .vote-control__reason")).to_have_text(reason)
        assert boxes(tablet.page, f"{bar}, #map") == before
    screenshot(c.page, "phase-bar-at-most-kk-phone")
    assert_accessible(c.page, "phone's phase bar at the most dots")
