"""A server with an organizer key: the new-workshop page asks for it, refuses a wrong one, and creates with it."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from ..support import DATA, ServerProcess, load_sites
from .conftest import LANDSCAPE, assert_accessible
from .tablet import tap_on

KEY = "city-organizers-key-2027-5f2c9a"


@pytest.fixture
def app_server(tmp_path):
    """run.py with an organizer key set (the pages fixture watches this server's pages)."""
    server = ServerProcess(f"sqlite:///{tmp_path / 'e2e.db'}", instance=tmp_path, env={"COWORK_ORGANIZER_KEY": KEY})
    yield server
    server.stop()


def fill_the_form(page) -> None:
    page.fill("#workshop-title", "Yard of house 12")
    page.fill("#site-name", "Courtyard")
    tap_on(page, ".geojson-input summary")
    page.fill("#geojson-text", (DATA / "almaty-sites.geojson").read_text(encoding="utf-8"))
    tap_on(page, "#geojson-show")
    expect(page.locator("#boundary-summary")).to_contain_text("1")


def test_the_new_workshop_page_asks_for_the_organizer_key(pages, app_server):
    page = pages.new_page(LANDSCAPE)
    page.goto("/new")
    key = page.get_by_label("Organizer key")
    expect(key).to_be_visible()
    assert_accessible(page, "new-with-key")
    fill_the_form(page)
    key.fill("a wrong key")
    tap_on(page, "#new-submit")
    expect(page.locator("#new-error")).to_have_text("That organizer key is not right. Check it and try again.")
    expect(page.locator("#created")).to_be_hidden()
    # The browser notes the refused request (401) in its console: expected here, not a fault of the page.
    pages.problems[:] = [p for p in pages.problems if "status of 401" not in p]
    key.fill(KEY)
    tap_on(page, "#new-submit")
    expect(page.locator("#created")).to_be_visible()
    assert page.locator("#created-code").inner_text().strip()


def test_a_site_file_is_read_with_the_organizer_key(pages, app_server, tmp_path):
    page = pages.new_page(LANDSCAPE)
    page.goto("/new")
    path = tmp_path / "park.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": load_sites()[:1]}), encoding="utf-8")
    page.set_input_files("#site-file", str(path))  # no key typed yet: asked for, nothing sent
    expect(page.locator("#new-error")).to_have_text("Type the organizer key first, then choose the file again.")
    page.get_by_label("Organizer key").fill(KEY)
    page.set_input_files("#site-file", str(path))
    expect(page.locator("#site-file-status")).to_have_text("1 polygon in park.geojson")
    expect(page.locator("#new-error")).to_be_hidden()
    expect(page.locator("#site-name")).to_have_value(load_sites()[0]["properties"]["name"])
