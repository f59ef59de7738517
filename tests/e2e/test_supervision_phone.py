"""Supervision on a phone (issue 20, point 16): on a 390 x 844 phone the visit form has most of the screen (the map
and the tabs took half of it, leaving about 340 px to fill in a visit), the map stays in sight above it, and it
grows back while an as-built shape is drawn on it."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from ..support import ROOT
from .conftest import assert_accessible, screenshot
from .test_supervision_flow import PHONE, adopt_a_design, tap_tab

# Its tests each make a workshop of their own and read only it: one server for the module (conftest.app_server).
pytestmark = pytest.mark.one_server

# The form has most of the screen: at least this share of its height, below the tabs, down to the screen's bottom.
FORM_SHARE = 0.6
MAP_AT_LEAST_PX = 90  # the site and the elements stay in sight, to tap


def box(page: Page, selector: str) -> dict:
    found = page.locator(selector).first.bounding_box()
    assert found, selector
    return found


@pytest.mark.parametrize("locale", ["en-US", "kk-KZ"])
def test_the_visit_form_has_most_of_a_phone_screen(pages, app_server, locale):
    adopted = adopt_a_design(app_server.base)
    page = pages.new_page(PHONE, locale=locale)
    page.goto(adopted["link"])
    expect(page.locator(".sv-progress__percent")).to_contain_text("0")
    tap_tab(page, "record")
    bench = adopted["ids"]["bench"]
    expect(page.locator(f"#obs-status-{bench}")).to_be_visible()
    # Nothing moves any more (the map's row changes its height as the tab opens).
    page.wait_for_function(
        """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"""
    )
    tabs, panel, area = box(page, "#tabs"), box(page, "#panel"), box(page, "#map")
    form_height = panel["y"] + panel["height"] - (tabs["y"] + tabs["height"])
    assert form_height >= FORM_SHARE * PHONE["height"], (form_height, PHONE["height"])
    assert panel["y"] + panel["height"] <= PHONE["height"] + 1
    assert area["height"] >= MAP_AT_LEAST_PX and area["y"] + area["height"] <= tabs["y"] + 1, area
    # The map's element markers are still there to tap (one of them at least, in the strip).
    expect(page.locator("#map .leaflet-marker-icon").first).to_be_attached()
    screenshot(page, f"phone-visit-form-{locale[:2]}")
    assert_accessible(page, "the visit form on a phone")

    # Drawing an as-built shape takes the map back to most of the screen; done, the form has it again.
    page.select_option(f"#obs-status-{bench}", "built")
    words = json.loads((ROOT / "static" / "i18n" / f"{locale[:2]}.json").read_text(encoding="utf-8"))
    page.locator(f'[data-obs-key="{bench}"] button', has_text=words["sv.form.draw_as_built"]).click()
    expect(page.locator("#draw-bar")).to_be_visible()
    page.wait_for_function(
        "limit => document.querySelector('#map').getBoundingClientRect().height > limit", arg=0.5 * PHONE["height"]
    )
    page.locator("#draw-bar button", has_text=words["sv.draw.cancel"]).click()
    expect(page.locator("#draw-bar")).to_be_hidden()
    page.wait_for_function(
        """share => {
            const tabs = document.querySelector('#tabs').getBoundingClientRect();
            const panel = document.querySelector('#panel').getBoundingClientRect();
            return panel.bottom - tabs.bottom >= share * innerHeight;
        }""",
        arg=FORM_SHARE,
    )
    # Another tab gives the map its room back.
    tap_tab(page, "overview")
    page.wait_for_function(
        "limit => document.querySelector('#map').getBoundingClientRect().height >= limit", arg=0.25 * PHONE["height"]
    )
