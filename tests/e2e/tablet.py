"""What a person does on a tablet, as touch input: taps, one-finger drags, the app's buttons and dialogs.

Nothing here calls the app's JavaScript: every action is a pointer or touch event on the page, and every check
reads what the page shows (or, for a tap, which clicks the browser dispatched).
"""

from __future__ import annotations

import re

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from ..support import wait_until

# Leaflet takes two taps on the map less than 200 ms apart for a double tap and zooms in
# (leaflet/src/dom/DomEvent.DoubleTap.js); a person's taps are further apart than that.
DOUBLE_TAP_MS = 200

# Counts the clicks the page has had and notes, on the page's clock, when the last one came.
WATCH_CLICKS = """() => {
    if (!window.__tabletTaps) {
        window.__tabletTaps = {count: 0, at: -Infinity};
        addEventListener("click", () => {
            window.__tabletTaps.count += 1;
            window.__tabletTaps.at = performance.now();
        }, true);
    }
    return window.__tabletTaps.count;
}"""


def tap(page: Page, x: float, y: float) -> None:
    """One finger tap at a page position, at a person's pace: once the previous tap is too old to make a double
    tap with this one, and done when the page has had the tap's click (or has gone to another page)."""
    seen = page.evaluate(WATCH_CLICKS)
    page.wait_for_function(f"() => performance.now() - window.__tabletTaps.at > {DOUBLE_TAP_MS}")
    page.touchscreen.tap(x, y)
    try:
        page.wait_for_function("seen => !window.__tabletTaps || window.__tabletTaps.count > seen", arg=seen)
    except PlaywrightError as error:
        if "destroyed" not in str(error):  # the tap opened another page while we looked
            raise


def tap_on(page: Page, selector: str) -> None:
    """Tap the middle of the first element matching the selector (found again if the map redraws it meanwhile)."""
    for attempt in range(3):
        target = page.locator(selector).first
        try:
            target.scroll_into_view_if_needed()
            box = target.bounding_box()
        except PlaywrightError:
            if attempt == 2:
                raise
            continue
        assert box, f"{selector} is not visible"
        tap(page, box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        return


def drag(page: Page, start: tuple[float, float], end: tuple[float, float], steps: int = 10) -> None:
    """A one-finger drag (Playwright's touchscreen only taps, so the touch events go through CDP)."""
    cdp = page.context.new_cdp_session(page)
    (x0, y0), (x1, y1) = start, end
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x0, "y": y0}]})
    for i in range(1, steps + 1):
        point = {"x": x0 + (x1 - x0) * i / steps, "y": y0 + (y1 - y0) * i / steps}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


class Tablet:
    """A participant's tablet on the workshop map."""

    def __init__(self, page: Page):
        self.page = page

    # -- joining
    def join(self, code: str, name: str) -> Tablet:
        """Open the home page, type the code and a name, and land on the live map."""
        self.page.goto("/")
        self.page.fill("#join-code", code)
        self.page.fill("#join-name", name)
        tap_on(self.page, "#join-submit")
        self.page.wait_for_url(re.compile(r"/w/[0-9a-f-]+$"))
        self.wait_connected()
        return self

    def wait_connected(self) -> None:
        """Wait for the connection badge to say connected."""
        self.page.wait_for_selector('#connection-status[data-status="connected"]', timeout=20000)

    def wait_saved(self) -> None:
        """Wait until the server has confirmed every edit made on this tablet and the map shows them confirmed.

        The map is drawn again after the last confirmation, and this tablet's socket brought everything the server
        sent it before that confirmation: what the map shows then is all that had reached this tablet."""
        expect(self.page.locator("#connection-status")).not_to_contain_text("waiting")
        expect(self.page.locator(".leaflet-pane .is-pending")).to_have_count(0)

    # -- the map
    def site_box(self) -> dict:
        """The site outline's box on screen."""
        box = self.page.locator("path.site-outline").first.bounding_box()
        assert box
        return box

    def at(self, fx: float, fy: float) -> tuple[float, float]:
        """The screen position at fractions of the site's box (0,0 top left)."""
        box = self.site_box()
        return (box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)

    def counts(self) -> dict[str, int]:
        """How many points, lines and areas the map shows (confirmed and pending)."""
        return {
            "points": self.page.locator(".leaflet-marker-pane .element-marker").count(),
            "lines": self.page.locator("path.element-line").count(),
            "areas": self.page.locator("path.element-area").count(),
        }

    def wait_counts(self, timeout: float = 10, **expected: int) -> None:
        """Wait until the map shows exactly these numbers of points, lines or areas."""
        wait_until(lambda: all(self.counts()[k] == v for k, v in expected.items()), timeout=timeout)

    # -- designs
    def new_design(self, title: str) -> None:
        """Start a design with a title: on the first screen's "Start my own design" (a person with no design of
        their own), else on the design bar's "New design"."""
        button = ".start-card__create:visible, .design-bar__new:visible"
        expect(self.page.locator(button).first).to_be_visible()  # the first snapshot drawn
        tap_on(self.page, button)
        self.answer_dialog(title)

    def answer_dialog(self, text: str) -> None:
        """Type into the app's prompt and confirm it."""
        self.page.wait_for_selector("dialog[open] .dialog__input")
        self.page.fill("dialog[open] .dialog__input", text)
        tap_on(self.page, "dialog[open] .btn--primary")
        expect(self.page.locator("dialog[open]")).to_have_count(0)

    # -- drawing
    def pick(self, kind: str) -> None:
        """Pick a kind from the palette."""
        tap_on(self.page, f'.kind-button[data-kind="{kind}"]')
        expect(self.page.locator("#draw-bar")).to_be_visible()

    def draw_area(self, kind: str, corners: list[tuple[float, float]]) -> None:
        """Tap the corners of an area, then the first corner again to close it."""
        self.pick(kind)
        for corner in corners:
            tap(self.page, *corner)
        tap(self.page, *corners[0])
        expect(self.page.locator("#draw-bar")).to_be_hidden()

    def draw_line(self, kind: str, points: list[tuple[float, float]]) -> None:
        """Tap the points of a line, then Finish."""
        self.pick(kind)
        for point in points:
            tap(self.page, *point)
        tap_on(self.page, "#draw-bar .btn--primary")
        expect(self.page.locator("#draw-bar")).to_be_hidden()

    def place(self, kind: str, *points: tuple[float, float]) -> None:
        """Tap to place one or more points of a kind, then Done."""
        self.pick(kind)
        for point in points:
            tap(self.page, *point)
        tap_on(self.page, "#draw-bar .btn--primary")
        expect(self.page.locator("#draw-bar")).to_be_hidden()

    # -- the element panel
    def open_element(self, target: str | tuple[float, float]) -> str:
        """Tap an element on the map (a selector, or a screen position on it) and return the panel's text."""
        if isinstance(target, str):
            tap_on(self.page, target)
        else:
            tap(self.page, *target)
        panel = self.page.locator("#element-panel")
        expect(panel).to_be_visible()
        return panel.inner_text()

    def close_panel(self) -> None:
        """Close the element panel."""
        tap_on(self.page, ".element-panel__close")
        expect(self.page.locator("#element-panel")).to_be_hidden()

    def panel_button(self, label: str) -> None:
        """Tap a button of the element panel by its text."""
        tap_on(self.page, f'#element-panel button:has-text("{label}")')

    def status(self) -> str:
        """The connection badge's text."""
        return self.page.inner_text("#connection-status")


def make_supervision_link(page: Page) -> str:
    """On an author's tablet after adoption: open her supervision card, make her own link there and confirm it (the
    link made at adoption then stops working); returns the link the card shows."""
    tap_on(page, "#claim-area .claim-prompt__card > button")
    tap_on(page, "#claim-area .sv-claim button.btn--primary")
    tap_on(page, "dialog[open] .btn--danger-solid")
    field = page.locator("#claim-area input.sv-claim__link").first
    expect(field).to_be_visible()
    return field.input_value()
