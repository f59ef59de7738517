"""A new participant's first screen on the demo (run.py --demo), as the evening's newcomers met it: tablets at
1024 x 768 and 768 x 1024 in English and Russian. They are put in nobody's design; one row says plainly what to do,
start your own design or join one, and the palette beside it keeps all its kinds in view."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .conftest import LANDSCAPE, PORTRAIT, assert_accessible, screenshot
from .tablet import Tablet, tap_on

EXAMPLE = "Example: a shady walk"  # the demo's design (cowork/ops/demo/workshop.py)
WORDS = {
    "en-US": {
        "title": "Start your own design, or join one",
        "create": "+ Start my own design",
        "join": f"Join «{EXAMPLE}»",
        "none": "No design chosen",
    },
    "ru-RU": {
        "title": "Начните свой проект или присоединитесь к другому",
        "create": "+ Начать свой проект",
        "join": f"Присоединиться к «{EXAMPLE}»",
        "none": "Проект не выбран",
    },
}

# Each kind of the palette: whether it lies whole inside the palette and the window (nothing to scroll to), and its
# size (a finger's target).
PALETTE = """() => {
    const palette = document.getElementById("palette").getBoundingClientRect();
    return [...document.querySelectorAll("#palette .kind-button")].map(button => {
        const box = button.getBoundingClientRect();
        return {kind: button.dataset.kind, width: box.width, height: box.height,
                whole: box.top >= palette.top - 0.5 && box.bottom <= palette.bottom + 0.5
                       && box.left >= palette.left - 0.5 && box.right <= palette.right + 0.5
                       && box.bottom <= innerHeight + 0.5 && box.right <= innerWidth + 0.5};
    });
}"""


def palette_is_whole(page: Page) -> None:
    """Every kind of the palette in view, none cut off, each at least 44 px either way."""
    kinds = page.evaluate(PALETTE)
    assert len(kinds) == 11
    assert [k["kind"] for k in kinds if not k["whole"]] == []
    assert all(k["width"] >= 44 and k["height"] >= 44 for k in kinds), kinds


def test_a_newcomer_is_asked_to_start_a_design_or_join_one_with_the_palette_whole(demo):
    for locale, words in WORDS.items():
        for viewport, size in ((LANDSCAPE, "landscape"), (PORTRAIT, "portrait")):
            page = demo.pages.new_page(viewport, locale=locale)
            Tablet(page).join(demo.code, "Newcomer")
            start = page.locator("#start-card")
            expect(start.locator("h2")).to_have_text(words["title"])
            # Not put inside the demo's design: nobody's, until they choose.
            expect(page.locator(".design-chip__title")).to_have_text(words["none"])
            # One button to start (the design bar's "New design" makes way), and the demo's design to join.
            expect(start.locator(".start-card__create")).to_have_text(words["create"])
            expect(page.locator(".design-bar__new")).to_be_hidden()
            expect(start.locator(".start-card__join")).to_have_text([words["join"]])
            # The palette waits for a design, whole: no hint pushes Water and Plaza out of it.
            expect(page.locator(".kind-button").first).to_be_disabled()
            expect(page.locator(".palette__hint")).to_be_hidden()
            palette_is_whole(page)
            assert_accessible(page, f"first screen, {size}, {locale}")
            screenshot(page, f"first-screen-{size}-{locale[:2]}")
            page.context.close()


def test_joining_or_starting_from_the_first_screen_opens_the_palette(demo):
    joiner = Tablet(demo.pages.new_page(LANDSCAPE)).join(demo.code, "Joiner")
    tap_on(joiner.page, ".start-card__join")
    expect(joiner.page.locator(".design-chip__title")).to_have_text(EXAMPLE)
    expect(joiner.page.locator("#start-card")).to_be_hidden()
    expect(joiner.page.locator('.kind-button[data-kind="plaza"]')).to_be_enabled()
    palette_is_whole(joiner.page)

    starter = Tablet(demo.pages.new_page(PORTRAIT, locale="ru-RU")).join(demo.code, "Starter")
    starter.new_design("Тенистый двор")
    expect(starter.page.locator(".design-chip__title")).to_have_text("Тенистый двор")
    expect(starter.page.locator("#start-card")).to_be_hidden()
    expect(starter.page.locator(".design-bar__new")).to_be_visible()
    palette_is_whole(starter.page)
    # Showing someone else's design from the list, the row offers to join it or go back to mine.
    tap_on(starter.page, ".design-chip")
    expect(starter.page.locator("#design-list")).to_be_visible()
    tap_on(starter.page, f'.design-item:has-text("{EXAMPLE}") button:has-text("Показать")')
    expect(starter.page.locator("#start-card h2")).to_contain_text(EXAMPLE)
    expect(starter.page.locator("#start-card")).to_contain_text("Вернуться к «Тенистый двор»")
    palette_is_whole(starter.page)
    screenshot(starter.page, "first-screen-someone-elses-portrait-ru")
    tap_on(starter.page, '#start-card button:has-text("Вернуться")')
    expect(starter.page.locator(".design-chip__title")).to_have_text("Тенистый двор")
