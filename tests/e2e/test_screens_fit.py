"""What a screenshot review of every main screen in kk, ru and en found, measured from boxes on screen: the console's
adoption form stays inside its card (Kazakh and Russian options are long), its Timer card leaves once the workshop
is closed; on the tablet the drawing hint and the "Whole site" button do not cover each other, and the element
panel's colour swatch keeps its distance from the design's name."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ..support import PARK, TREE, LiveClient, create_workshop, join
from .conftest import LANDSCAPE, PORTRAIT, assert_accessible
from .tablet import Tablet
from .test_phone import design_as

# Its tests each make a workshop of their own and read only it: one server for the module (conftest.app_server).
pytestmark = pytest.mark.one_server

FACILITATOR_SCREEN = {"width": 1440, "height": 900}
LOCALES = ["kk-KZ", "ru-RU", "en-US"]
TITLES = {
    "kk-KZ": ["Көлеңкелі бұрыш", "Саябақ арқылы өтетін веложол", "Отбасылық көгал"],
    "ru-RU": ["Тенистый уголок", "Велодорожка через весь парк", "Семейная поляна"],
    "en-US": ["Shady corner", "Bike lane through the park", "Family lawn"],
}
# A long design title, as a resident may type one (no spaces to wrap at in its middle).
LONG_TITLE = "Велодорожка-через-весь-парк-вдоль-пруда-и-детской-площадки " * 2


def boxes_outside(page: Page, container: str, inside: str) -> list[str]:
    """Every element matching `inside` (visible) whose box passes its container's left or right edge."""
    return page.evaluate(
        """([container, inside]) => {
            const card = document.querySelector(container).getBoundingClientRect();
            return [...document.querySelectorAll(inside)]
                .filter(e => e.getClientRects().length)
                .map(e => [e, e.getBoundingClientRect()])
                .filter(([, b]) => b.left < card.left - 0.5 || b.right > card.right + 0.5)
                .map(([e, b]) => `${e.tagName}#${e.id}: ${b.left}-${b.right} outside ${card.left}-${card.right}`);
        }""",
        [container, inside],
    )


def closed_workshop_console(pages, base: str, locale: str) -> Page:
    """A closed workshop with three designs (one of them with a long title), its console open at 1440 px."""
    workshop = create_workshop(base, PARK, title="Panfilov Park")
    people = [join(base, workshop["join_code"], name) for name in ("Aigerim Sadykova", "Bolat", "Dana")]
    for person, title in zip(people, [*TITLES[locale], LONG_TITLE], strict=False):
        design_as(base, person["token"], title, [("tree", TREE)])
    design_as(base, people[0]["token"], LONG_TITLE.strip()[:200], [("tree", TREE)])
    facilitator = LiveClient(base, workshop["facilitator_token"]).connect()
    try:
        assert facilitator.call("timer:set", {"seconds": 600})["ok"]
        assert facilitator.call("phase:set", {"phase": "closed"})["ok"]
    finally:
        facilitator.disconnect()
    console = pages.new_page(FACILITATOR_SCREEN, touch=False, locale=locale)
    console.goto(workshop["facilitator_url"])
    Tablet(console).wait_connected()
    console.goto(f"/w/{workshop['id']}/console")
    Tablet(console).wait_connected()
    expect(console.locator("#adoption-card .adopt__form")).to_be_visible()
    return console


@pytest.mark.parametrize("locale", LOCALES)
def test_the_adoption_form_stays_inside_its_card(pages, app_server, locale, tmp_path):
    console = closed_workshop_console(pages, app_server.base, locale)
    console.locator("#adoption-card").screenshot(path=str(tmp_path / f"adoption-card-{locale}.png"))
    form = "#adoption-card .adopt__form"
    fields = f"{form} select, {form} input, {form} button, {form} label, {form} legend"
    assert not boxes_outside(console, "#adoption-card", fields)
    # Whichever design is picked, the long title and its select stay inside too.
    design = console.locator(f"{form} select").first
    for value in design.locator("option").evaluate_all("options => options.map(o => o.value)"):
        design.select_option(value)
        assert not boxes_outside(console, "#adoption-card", fields), value
    console.locator(f"{form} button[type=submit]").scroll_into_view_if_needed()
    console.screenshot(path=str(tmp_path / f"adoption-form-end-{locale}.png"))
    # The authors' legend lines up with the fields' labels, with no rule drawn through it.
    legend, label = console.locator(f"{form} legend"), console.locator(f"{form} .adopt__field label").first
    assert abs(legend.bounding_box()["x"] - label.bounding_box()["x"]) <= 1
    assert console.locator(f"{form} .adopt__public").evaluate("f => getComputedStyle(f).borderTopStyle") == "none"
    assert_accessible(console, f"the console's adoption card ({locale})")


def test_the_timer_card_leaves_the_console_once_the_workshop_is_closed(pages, app_server):
    console = closed_workshop_console(pages, app_server.base, "kk-KZ")
    # A closed workshop has nothing to time: no greyed timer card between the adoption and the designs.
    expect(console.locator("#timer-card")).to_be_hidden()
    expect(console.locator("#timer-card")).to_have_count(1)


def overlap(a: dict, b: dict) -> bool:
    """Whether two boxes on screen share any area."""
    return (
        a["x"] < b["x"] + b["width"] - 0.5
        and b["x"] < a["x"] + a["width"] - 0.5
        and a["y"] < b["y"] + b["height"] - 0.5
        and b["y"] < a["y"] + a["height"] - 0.5
    )


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
@pytest.mark.parametrize("locale", LOCALES)
def test_the_drawing_hint_and_the_whole_site_button_do_not_cover_each_other(
    pages, app_server, locale, viewport, tmp_path
):
    workshop = create_workshop(app_server.base, PARK)
    tablet = Tablet(pages.new_page(viewport, locale=locale)).join(workshop["join_code"], "Aigerim")
    tablet.new_design(TITLES[locale][1])
    tablet.pick("tree")
    hint, whole_site = tablet.page.locator("#draw-bar"), tablet.page.locator(".site-control__button")
    expect(whole_site).to_be_visible()
    assert not overlap(hint.bounding_box(), whole_site.bounding_box()), (hint.bounding_box(), whole_site.bounding_box())
    # Both stay on the map, the zoom buttons clear of the hint too.
    zoom = tablet.page.locator(".leaflet-control-zoom")
    assert not overlap(hint.bounding_box(), zoom.bounding_box())
    tablet.page.screenshot(path=str(tmp_path / f"draw-hint-{locale}-{viewport['width']}.png"))


def test_the_element_panel_keeps_the_colour_swatch_apart_from_the_design_name(pages, app_server):
    workshop = create_workshop(app_server.base, PARK)
    tablet = Tablet(pages.new_page(LANDSCAPE, locale="ru-RU")).join(workshop["join_code"], "Aigerim")
    tablet.new_design(TITLES["ru-RU"][0])
    tablet.place("tree", tablet.at(0.4, 0.4))
    tablet.wait_saved()
    tablet.open_element(".leaflet-marker-pane .element-marker")
    gap = tablet.page.evaluate(
        """() => {
            const swatch = document.querySelector("#element-panel .element-panel__facts .swatch");
            const range = document.createRange();
            range.selectNodeContents(swatch.parentElement);
            range.setStartAfter(swatch);
            return range.getBoundingClientRect().left - swatch.getBoundingClientRect().right;
        }"""
    )
    assert gap >= 4, gap


@pytest.mark.parametrize("locale", ["kk-KZ", "en-US"])
def test_the_geojson_fold_of_the_new_workshop_page_shows_that_it_opens(pages, app_server, locale):
    page = pages.new_page(LANDSCAPE, locale=locale)
    page.goto("/new")
    summary = page.locator(".geojson-input summary")
    expect(summary).to_be_visible()

    def marker() -> tuple[float, str]:
        """How far the summary's words start from its edge (room for the marker), and the marker drawn there."""
        return summary.evaluate(
            """s => {
                const range = document.createRange();
                range.selectNodeContents(s);
                return [range.getBoundingClientRect().left - s.getBoundingClientRect().left,
                        getComputedStyle(s, "::before").content];
            }"""
        )

    room, closed = marker()
    assert room >= 10 and closed not in ("none", "normal", '""'), (room, closed)
    summary.click()
    expect(page.locator("#geojson-text")).to_be_visible()
    assert marker()[1] != closed  # it says it is open now


def test_kazakh_open_data_words_are_the_words_of_the_rest_of_the_app(pages, app_server):
    """The console's open-data card and the open-data page, in Kazakh: the site is "аумақ", a sketch "нобай"."""
    workshop = create_workshop(app_server.base, PARK)
    console = pages.new_page(FACILITATOR_SCREEN, touch=False, locale="kk-KZ")
    console.goto(workshop["facilitator_url"])
    Tablet(console).wait_connected()
    console.goto(f"/w/{workshop['id']}/console")
    Tablet(console).wait_connected()
    card = console.locator("section[aria-labelledby=open-data-heading]")
    expect(card).to_contain_text("аумақ")
    expect(card).to_contain_text("нобай")
    page = pages.new_page(FACILITATOR_SCREEN, touch=False, locale="kk-KZ")
    page.goto("/ogcapi/api.html")
    expect(page.locator("main")).to_contain_text("аумағы")
    for text in (card.inner_text(), page.locator("main").inner_text()):
        assert "учаске" not in text.lower() and "эскиз" not in text.lower(), text
