"""Construction supervision on a 390 x 844 phone, as a screenshot review in kk, ru and en found it, measured from boxes
on screen: the map strip above the visit form shows the site across its width with its elements apart and no label
over most of it; the tabs keep to one line each, clear of the screen's edges; the overview's values line up; the
"notes public" box is not hidden under the sticky Save button; the public report's tables fit the phone, and
"built with deviation" has one colour on the report and the progress page."""

from __future__ import annotations

import colorsys
import re

import pytest
import requests
from playwright.sync_api import Page, expect

from .conftest import assert_accessible
from .test_supervision_flow import PHONE, adopt_a_design, tap_tab

# Its tests each make a workshop of their own and read only it: one server for the module (conftest.app_server).
pytestmark = pytest.mark.one_server

LOCALES = ["kk-KZ", "ru-RU", "en-US"]
LABEL_SHARE = 0.15  # of the map's area, at most, that the no-build label may cover


def point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


def square(lon: float, lat: float, side: float) -> dict:
    ring = [[lon, lat], [lon + side, lat], [lon + side, lat + side], [lon, lat + side], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


# The evening's "shady corner", spread over the park as residents drew it.
SHADY_CORNER = (
    ("trees", "tree", point(76.9520, 43.2604), {"species": "Elm", "count": 12}),
    ("trees2", "tree", point(76.9532, 43.2607), {"species": "Elm", "count": 5}),
    ("bench", "bench", point(76.9527, 43.2598), {"count": 3}),
    ("lawn", "green_area", square(76.9520, 43.2570, 0.0012), {}),
    ("sign", "sign", point(76.9540, 43.2592), {"text": "Pond 300 m", "bearing": 90, "sign_type": "direction"}),
    ("lamp", "lighting", point(76.9545, 43.2585), {"height_m": 4}),
)


def adopted_with_a_visit(base: str) -> dict:
    """A closed workshop's design of six elements adopted with its planned dates, and one visit that found a tree
    built with a deviation, one in progress, the lawn built and the bench missing; returns the project's id and
    the author's link."""
    adopted = adopt_a_design(
        base,
        SHADY_CORNER,
        title="Shady corner",
        adoption={
            "organisation": "Almaty City Akimat",
            "contractor": "Qala Build",
            "planned_start": "2026-04-01",
            "planned_completion": "2026-10-31",
        },
    )
    ids = adopted["ids"]
    visit = requests.post(
        f"{base}/api/projects/{adopted['project_id']}/visits",
        timeout=5,
        headers={"Authorization": f"Bearer {adopted['key']}"},
        json={
            "date": "2026-05-14",
            "notes": "Some trees planted, no benches yet",
            "notes_public": True,
            "observations": [
                {"element_id": ids["trees"], "status": "built", "count": 10},
                {"element_id": ids["trees2"], "status": "in_progress"},
                {"element_id": ids["lawn"], "status": "built", "as_built": square(76.9522, 43.2572, 0.0010)},
                {"element_id": ids["bench"], "status": "missing"},
            ],
        },
    )
    assert visit.status_code == 201, visit.text
    return {"project_id": adopted["project_id"], "link": adopted["link"]}


def settled(page: Page) -> None:
    """Two frames drawn: nothing moves any more (the map's row changes its height as a tab opens)."""
    page.wait_for_function("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def area(box: dict) -> float:
    return box["width"] * box["height"]


def one_line_each(page: Page, selector: str) -> list[str]:
    """The texts of the elements matching `selector` that take more than one line."""
    return page.evaluate(
        """selector => [...document.querySelectorAll(selector)].filter(node => {
            const range = document.createRange();
            range.selectNodeContents(node);
            const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            return tops.size > 1;
        }).map(node => node.textContent)""",
        selector,
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_the_map_strip_above_the_visit_form_shows_the_site_on_a_phone(pages, app_server, locale, tmp_path):
    adopted = adopted_with_a_visit(app_server.base)
    page = pages.new_page(PHONE, locale=locale)
    page.goto(adopted["link"])
    expect(page.locator(".sv-progress__percent")).to_be_visible()
    tap_tab(page, "record")
    expect(page.locator("#visit-notes")).to_be_visible()
    settled(page)
    strip = page.locator("#map").bounding_box()
    page.screenshot(path=str(tmp_path / f"visit-form-{locale}.png"))
    # The site across the strip's width (to a quarter zoom step), not an 80 px thumbnail in its middle.
    site = page.locator("path.site-outline").first.bounding_box()
    assert site["width"] >= 0.7 * strip["width"], (site, strip)
    # Its elements apart: more than one marker to tap, no cluster gathering all six.
    page.wait_for_function("() => document.querySelectorAll('#map .leaflet-marker-icon').length >= 2")
    counts = page.locator("#map .sv-cluster").all_inner_texts()
    assert all(int(count) < len(SHADY_CORNER) for count in counts), counts
    # The no-build zone's label, if shown, covers little of the strip.
    label = page.locator(".site-hole-label")
    if label.is_visible():
        assert area(label.bounding_box()) <= LABEL_SHARE * area(strip), (label.bounding_box(), strip)
    # The tabs: one line each, clear of the screen's edges.
    assert not one_line_each(page, "#tabs .sv-tab")
    for tab in page.locator("#tabs .sv-tab").all():
        text = tab.evaluate(
            "node => { const r = document.createRange(); r.selectNodeContents(node); "
            "const b = r.getBoundingClientRect(); return [b.left, b.right]; }"
        )
        assert text[0] >= 6 and text[1] <= PHONE["width"] - 6, (tab.inner_text(), text)
    # The "notes public" box, reached from the notes, is in sight above the sticky Save button.
    page.locator("#visit-notes").focus()
    page.keyboard.press("Tab")
    expect(page.locator("#visit-notes-public")).to_be_focused()
    settled(page)
    box = page.locator("#visit-notes-public").bounding_box()
    save = page.locator(".sv-form__submit .btn").bounding_box()
    assert box["y"] + box["height"] <= save["y"], (box, save)
    assert_accessible(page, f"the visit form on a phone ({locale})")

    # The overview's facts: every value starts at the same left edge, the long planned dates' row too.
    tap_tab(page, "overview")
    settled(page)
    lefts = page.locator("#facts .sv-facts dd").evaluate_all("dds => dds.map(d => d.getBoundingClientRect().left)")
    assert len(lefts) >= 4 and max(lefts) - min(lefts) <= 1, lefts
    page.screenshot(path=str(tmp_path / f"overview-{locale}.png"))


@pytest.mark.parametrize("locale", ["kk-KZ", "ru-RU"])
def test_the_progress_page_keeps_the_no_build_label_small_on_a_phone(pages, app_server, locale, tmp_path):
    adopted = adopted_with_a_visit(app_server.base)
    page = pages.new_page(PHONE, locale=locale)
    page.goto(f"/p/{adopted['project_id']}")
    expect(page.locator(".sv-progress__percent")).to_be_visible()
    page.locator("#map").scroll_into_view_if_needed()
    settled(page)
    strip = page.locator("#map").bounding_box()
    label = page.locator(".site-hole-label")
    if label.is_visible():
        assert area(label.bounding_box()) <= LABEL_SHARE * area(strip), (label.bounding_box(), strip)
    lefts = page.locator(".sv-facts dd").evaluate_all("dds => dds.map(d => d.getBoundingClientRect().left)")
    assert len(lefts) >= 3 and max(lefts) - min(lefts) <= 1, lefts
    page.screenshot(path=str(tmp_path / f"progress-{locale}.png"), full_page=True)


def hue(colour: str) -> float:
    """The hue in degrees of a CSS colour as the browser gives it ("rgb(138, 86, 0)" or "#f29900")."""
    colour = colour.strip()
    if colour.startswith("#"):
        red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    else:
        red, green, blue = (int(v) for v in re.findall(r"\d+", colour)[:3])
    return colorsys.rgb_to_hsv(red / 255, green / 255, blue / 255)[0] * 360


@pytest.mark.parametrize("locale", ["kk-KZ", "ru-RU"])
def test_the_public_report_fits_a_phone_and_colours_a_deviation_as_the_progress_page(
    pages, app_server, locale, tmp_path
):
    adopted = adopted_with_a_visit(app_server.base)
    report = pages.new_page(PHONE, locale=locale)
    report.goto(f"/api/projects/{adopted['project_id']}/report")
    expect(report.locator(".elements-table")).to_be_visible()
    report.screenshot(path=str(tmp_path / f"report-{locale}.png"), full_page=True)
    # Every figure and fact of the ledger and the elements within the screen and its card: nothing cut, nothing
    # hidden past an edge to scroll to.
    cut = report.evaluate(
        """width => [...document.querySelectorAll(".figures th, .figures td")]
            .filter(cell => cell.getClientRects().length && !cell.closest("thead"))
            .map(cell => [cell, cell.getBoundingClientRect(), cell.closest(".design-result").getBoundingClientRect()])
            .filter(([, b, card]) => b.right > Math.min(width, card.right) + 0.5 || b.left < card.left - 0.5)
            .map(([cell, b]) => `${cell.textContent.trim()}: ${b.left}-${b.right}`)""",
        PHONE["width"],
    )
    assert not cut, cut
    hidden = report.locator(".report__scroll").evaluate_all("all => all.map(s => s.scrollWidth - s.clientWidth)")
    assert all(extra <= 1 for extra in hidden), hidden
    assert_accessible(report, f"the report on a phone ({locale})")

    # "Built with deviation": amber on the report as on the progress page, not the red of "missing".
    deviation = report.locator('td[data-status="built_with_deviation"]').first
    missing = report.locator('td[data-status="missing"]').first
    on_report = deviation.evaluate("cell => getComputedStyle(cell).color")
    assert on_report != missing.evaluate("cell => getComputedStyle(cell).color")
    progress = pages.new_page(PHONE, locale=locale)
    progress.goto(f"/p/{adopted['project_id']}")
    chip = progress.locator('.sv-status[data-status="built_with_deviation"]').first
    expect(chip).to_be_visible()
    on_progress = chip.evaluate("chip => getComputedStyle(chip).getPropertyValue('--st-color')")
    assert abs(hue(on_report) - hue(on_progress)) <= 8, (on_report, on_progress)
