"""User text never runs, in real Chromium: every title, name, note, comment, reason, project field, visit and
sign-off of a workshop holds markup, script and template breakers (tests/hostile.py), and every page shows them
as text.

Each page is watched as always (console errors, page errors, requests leaving the machine) and more: any
`alert`/`confirm`/`prompt` fails the test, and so does any element that carries an `on…` attribute, an `<img
src=x>`, a `javascript:` link or an inline script without the page's nonce (`inert`)."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from cowork.core.facts import kind_colour

from ..hostile import PAYLOADS, TEXT, Hostile, build_hostile_workshop
from ..support import PARK, wait_until
from .conftest import DESKTOP, LANDSCAPE, WatchedPages
from .tablet import Tablet

# One server and one hostile world for the module (conftest.app_server): the tests read the world, and the last of
# them, that joins it with one more hostile name, reads only what it made.
pytestmark = pytest.mark.one_server

PHONE = {"width": 390, "height": 844}

# What a page would hold had a payload become markup or code.
FIND_INJECTED = """(root) => {
    const found = [];
    for (const node of root.querySelectorAll("*")) {
        for (const attribute of node.attributes) {
            if (/^on/i.test(attribute.name)) found.push(`${node.tagName} ${attribute.name}=${attribute.value}`);
            if (/^\\s*javascript:/i.test(attribute.value)) {
                found.push(`${node.tagName} ${attribute.name}=${attribute.value}`);
            }
        }
    }
    for (const image of root.querySelectorAll("img[src='x'], image")) found.push(`injected image ${image.outerHTML}`);
    for (const script of root.querySelectorAll("script:not([src])")) {
        if (!script.nonce) found.push(`inline script without the nonce: ${script.textContent.slice(0, 80)}`);
    }
    return found;
}"""
SCAN = f"() => ({FIND_INJECTED})(document)"


class Trapped:
    """Watched pages that also fail the test on any dialog (an alert, a confirm, a prompt)."""

    def __init__(self, pages: WatchedPages):
        self.pages = pages
        self.expected: list[str] = []

    def new_page(self, viewport: dict = LANDSCAPE, **options) -> Page:
        page = self.pages.new_page(viewport, **options)
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        return page

    def _console(self, message) -> None:
        # The one refusal a test provokes on purpose: an unknown recovery code is a 404, which Chromium logs.
        if (
            message.type == "error"
            and message.location.get("url", "").endswith("/api/supervision/recover")
            and "404" in message.text
        ):
            self.expected.append(f"console error: {message.text}")

    def forget_expected(self) -> None:
        for problem in self.expected:
            if problem in self.pages.problems:
                self.pages.problems.remove(problem)

    def _dialog(self, dialog) -> None:
        self.pages.problems.append(
            f"a {dialog.type} ran: {dialog.message!r} on {dialog.page.url if dialog.page else '?'}"
        )
        dialog.dismiss()


@pytest.fixture
def trapped(pages) -> Trapped:
    trap = Trapped(pages)
    yield trap
    trap.forget_expected()


@pytest.fixture
def hostile(module_server) -> Hostile:
    """A hostile world of each test's own, on the module's one server: a test may change it (the workshop pages'
    test claims author a's supervision link, which ends the key the supervision pages' test opens)."""
    return build_hostile_workshop(module_server.base)


def inert(page: Page, where: str) -> None:
    """No payload became an element, an attribute or a script on this page."""
    found = page.evaluate(SCAN)
    assert not found, f"{where}: " + "\n".join(found)


def shows(page: Page, text: str, within: str = "body") -> None:
    """The text is on the page as visible text (whitespace as HTML shows it)."""
    expect(page.locator(within).get_by_text(text).filter(visible=True).first).to_be_visible()


def shows_all(page: Page, where: str, *keys: str, within: str = "body") -> None:
    for key in keys:
        shows(page, TEXT[key], within)
    inert(page, where)


def test_the_workshop_pages_show_hostile_text_as_text(trapped, hostile):
    # A participant's tablet: the title, the designs, a note with its comment and the commenter's name.
    tablet = trapped.new_page(LANDSCAPE)
    tablet.goto(f"/w/{hostile.workshop_id}#token={hostile.tokens['a']}")
    Tablet(tablet).wait_connected()
    expect(tablet.locator("#workshop-title")).to_have_text(TEXT["title"])
    assert TEXT["title"] in tablet.title()
    tablet.locator(".leaflet-marker-pane .element-marker:has([aria-label='Tree'])").click()
    panel = "#element-panel"
    shows_all(tablet, "participant's element panel", "note_tree", "comment_element", "name_b", "design_a", within=panel)
    tablet.locator(".element-panel__close").click()
    tablet.locator(".design-chip").click()
    shows_all(tablet, "participant's design list", "design_a", "design_b", "name_a", within="#design-list")
    # The author is told their design will be built, and claims a personal link.
    shows(tablet, TEXT["project"], "#claim-area")
    tablet.locator("#claim-area button", has_text="Get my supervision link").click()
    tablet.locator("#claim-area button", has_text="Make my link on this tablet").click()
    tablet.locator("dialog[open] .btn--danger-solid").click()
    expect(tablet.locator("#claim-area img")).to_be_visible()
    shows_all(tablet, "claim card", "project", within="#claim-area")

    # The facilitator's map: the hidden bench with the reason, and the hidden comment with its own.
    facilitator = trapped.new_page(DESKTOP, touch=False)
    facilitator.goto(f"/w/{hostile.workshop_id}#token={hostile.facilitator_token}")
    Tablet(facilitator).wait_connected()
    facilitator.locator(".leaflet-marker-pane .element-marker:has([aria-label='Bench'])").click()
    shows_all(facilitator, "facilitator's element panel", "note_bench", "reason_element", within=panel)

    # The console: the designs with their authors, the people, the tallies, the adopted project and its access.
    console = facilitator
    console.goto(f"/w/{hostile.workshop_id}/console")
    Tablet(console).wait_connected()
    expect(console.locator("#workshop-title")).to_have_text(TEXT["title"])
    shows_all(console, "console's lists", "design_a", "design_b", within="#design-list")
    shows_all(console, "console's people", "name_a", "name_b", within="#people-list")
    shows_all(console, "console's tallies", "design_a", within="#tally-list")
    shows_all(console, "console's adoption", "project", "name_a", within="#adoption-card")
    console.locator("#design-list button", has_text="Details").nth(1).click()
    shows_all(console, "console's design panel", "design_b", "comment_hidden", "reason_comment", within="#design-panel")
    console.locator(".leaflet-marker-pane .element-marker:has([aria-label='Note'])").click()
    shows_all(console, "console's element panel", "note_note", within=panel)

    # The projector, and the replay walked to the comment.
    projector = trapped.new_page({"width": 1280, "height": 720}, touch=False)
    projector.goto(f"/w/{hostile.workshop_id}#token={hostile.facilitator_token}")
    Tablet(projector).wait_connected()
    projector.goto(f"/w/{hostile.workshop_id}/projector")
    Tablet(projector).wait_connected()
    expect(projector.locator("#workshop-title")).to_have_text(TEXT["title"])
    shows_all(projector, "projector", "design_a", "design_b", within="#tally-list")
    replay = trapped.new_page(DESKTOP, touch=False)
    replay.goto(f"/w/{hostile.workshop_id}/replay")
    shows_all(replay, "replay", "title", "design_a", "design_b")
    slider = replay.locator("#replay-slider")
    expect(slider).to_be_enabled()
    slider.focus()
    replay.keyboard.press("Home")
    moment = replay.locator("#replay-moment")
    for _step in range(40):
        shown = moment.text_content() or ""
        if TEXT["comment_element"] in shown:
            break
        replay.keyboard.press("ArrowRight")
        # The moment is drawn after the slider moves: wait for it, or the next step skips a moment unread.
        wait_until(lambda shown=shown: (moment.text_content() or "") != shown)
    expect(moment).to_contain_text(TEXT["comment_element"])
    expect(moment).to_contain_text(TEXT["name_b"])
    inert(replay, "replay at the comment")


def test_the_results_page_and_its_folium_tooltips_show_hostile_text_as_text(trapped, hostile):
    results = trapped.new_page(LANDSCAPE)
    results.goto(f"/w/{hostile.workshop_id}/results")
    shows_all(results, "results", "title", "site", "design_a", "design_b")
    shows(results, f"By {TEXT['name_a']}, {TEXT['name_b']}")
    assert TEXT["title"] in results.title()
    # Folium writes tooltips as HTML inside JS template literals: the note must come out as the same text.
    tree = results.locator(f".design-result:has-text('DesignA') .folium-map path[fill='{kind_colour('tree')}']").first
    tree.hover()
    tooltip = results.locator(".leaflet-tooltip")
    expect(tooltip).to_have_count(1)
    expect(tooltip).to_contain_text("tree: " + TEXT["note_tree"][:120])
    assert tooltip.locator("*").count() == 1, tooltip.inner_html()  # folium's own <div>, nothing of ours
    inert(results, "results with a tooltip")


def test_the_supervision_pages_show_hostile_text_as_text(trapped, hostile):
    everything = (
        "project",
        "organisation",
        "contractor",
        "visit_notes",
        "conditions",
        "observation",
        "addition",
        "signoff_visit",
        "signoff_element",
        "note_tree",
    )
    public = trapped.new_page(LANDSCAPE)
    public.goto(f"/p/{hostile.project_id}")
    expect(public.locator(".sv-progress__percent")).to_be_visible()
    shows_all(public, "public progress page", *everything, "name_a", "name_b", "design_a")
    assert TEXT["project"] in public.title()

    phone = trapped.new_page(PHONE)
    phone.goto(f"/p/{hostile.project_id}/supervise#key={hostile.keys['a']}")
    expect(phone.locator(".sv-progress__percent")).to_be_visible()
    expect(phone.locator("#project-title")).to_have_text(TEXT["project"])
    shows_all(phone, "workspace overview", "organisation", "contractor")
    for tab, keys in (
        ("elements", ("note_tree", "note_path", "signoff_element", "addition")),
        ("visits", ("visit_notes", "conditions", "observation", "signoff_visit")),
    ):
        phone.locator(f"#tab-{tab}").tap()
        expect(phone.locator(f"#tab-{tab}")).to_have_attribute("aria-selected", "true")
        shows_all(phone, f"workspace {tab}", *keys)
    phone.locator("#tab-record").tap()
    expect(phone.locator("#visit-form")).to_be_visible()
    shows_all(phone, "visit form", "note_tree", within="#visit-form")

    report = trapped.new_page(LANDSCAPE)
    report.goto(f"/api/projects/{hostile.project_id}/report")
    # The printed report lists visits without each observation's note.
    shows_all(report, "report", *(key for key in everything if key != "observation"), "site", "design_a", "name_a")
    assert TEXT["project"] in report.title()


def test_the_front_door_recovery_and_new_workshop_pages_keep_typed_text_inert(trapped, hostile):
    # A link with a hostile code: only the characters a code has reach the field.
    home = trapped.new_page(LANDSCAPE)
    home.goto("/?code=" + "%20".join(p.replace("#", "%23").replace("&", "%26") for p in PAYLOADS))
    expect(home.locator("#join-code")).not_to_have_value("")
    assert "<" not in home.locator("#join-code").input_value()
    inert(home, "home with a hostile code")
    # Someone joins with a hostile name from a real code's link; back home, "continue" names them and the title.
    home.goto(f"/?code={hostile.join_code}")
    expect(home.locator("#join-code")).to_have_value(hostile.join_code)
    home.fill("#join-name", TEXT["name_c"])
    home.locator("#join-submit").click()
    home.wait_for_url(f"**/w/{hostile.workshop_id}")
    Tablet(home).wait_connected()
    home.goto("/")
    shows(home, f"Continue as {TEXT['name_c']} in {TEXT['title']}", "#continue-list")
    inert(home, "home with a continue link")

    # A hostile recovery code is refused with the page's own words; nothing of it is echoed as markup.
    recover = trapped.new_page(PHONE)
    recover.goto("/recover")
    recover.fill("#recover-code", PAYLOADS[0])
    recover.locator("#recover-submit").click()
    expect(recover.locator("#recover-error")).to_be_visible()
    inert(recover, "recovery with a hostile code")

    # A new workshop with a hostile title and site name, then its console.
    new = trapped.new_page(DESKTOP, touch=False)
    new.goto("/new")
    new.fill("#workshop-title", TEXT["title"])
    new.fill("#site-name", TEXT["site"])
    new.locator(".geojson-input summary").click()
    new.fill("#geojson-text", json.dumps(PARK))
    new.locator("#geojson-show").click()
    expect(new.locator("#boundary-summary")).not_to_be_empty()
    new.locator("#new-submit").click()
    expect(new.locator("#created")).to_be_visible()
    inert(new, "new workshop created")
    new.locator("#created-console").click()
    Tablet(new).wait_connected()
    expect(new.locator("#workshop-title")).to_have_text(TEXT["title"])
    inert(new, "console of the new workshop")


def test_the_scan_catches_what_it_looks_for(browser):
    """The trap itself works: markup with a handler, a javascript: link and an inline script is caught. It is
    parsed into a template's content, where nothing loads or runs, on a blank page without a policy (Chromium
    reports a handler attribute to the page's CSP as soon as it is parsed)."""
    page = browser.new_page()
    found = page.evaluate(f"""() => {{
        const inert = document.createElement("template");
        inert.innerHTML = `{PAYLOADS[0]}<a href="javascript:void 0">x</a>{PAYLOADS[1]}`;
        return ({FIND_INJECTED})(inert.content);
    }}""")
    page.close()
    assert len(found) == 4, found  # the handler, the image, the link and the script
