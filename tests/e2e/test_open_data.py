"""The facilitator decides in the console whether a closed workshop is open city data: the city's GeoPackage
follows at once, in both directions."""

from __future__ import annotations

import requests
from playwright.sync_api import expect

from ..support import PARK, create_workshop, read_geopackage, wait_until
from .conftest import DESKTOP, assert_accessible, screenshot
from .tablet import Tablet


def published_sites(base: str) -> list[str]:
    """The workshop ids the city's open data shows now."""
    layers = read_geopackage(requests.get(f"{base}/api/city/export.gpkg", timeout=30).content)
    return [f["properties"]["workshop_id"] for f in layers["sites"]]


def test_the_facilitator_withholds_and_publishes_a_closed_workshop_from_the_console(pages, app_server):
    workshop = create_workshop(app_server.base, PARK)
    console = pages.new_page(DESKTOP, touch=False)
    console.goto(workshop["facilitator_url"])
    Tablet(console).wait_connected()
    console.goto(f"/w/{workshop['id']}/console")
    Tablet(console).wait_connected()
    toggle = console.locator("#open-data-toggle")
    expect(toggle).to_be_checked()
    expect(console.locator("#open-data-status")).to_contain_text("when you close")
    assert published_sites(app_server.base) == []  # still sketching: nothing is published yet

    console.click('#phase-control button[data-phase="closed"]')
    console.click("dialog[open] .btn--danger-solid")
    expect(console.locator("#open-data-status")).to_contain_text("Published")
    assert published_sites(app_server.base) == [workshop["id"]]
    screenshot(console, "console-open-data")
    assert_accessible(console, "console-open-data")

    # Closed, and still the facilitator's to decide: off withdraws the site from the city's data, on brings it back.
    toggle.uncheck()
    expect(console.locator("#open-data-status")).to_contain_text("Not published")
    wait_until(lambda: published_sites(app_server.base) == [])
    expect(toggle).to_be_enabled()
    toggle.check()
    expect(console.locator("#open-data-status")).to_contain_text("Published")
    wait_until(lambda: published_sites(app_server.base) == [workshop["id"]])
    console.reload()
    Tablet(console).wait_connected()
    expect(console.locator("#open-data-toggle")).to_be_checked()
