"""In Chromium: the offline app shell. A tablet that reloads with the network down still shows its map, the site,
every element it had and its own pending strokes; back online its strokes reach the server once, and every other
tablet. A new build replaces the shell kept on the tablet at the next visit with a network."""

from __future__ import annotations

import re

import requests
from playwright.sync_api import Page, expect

from ..support import PARK, create_workshop, stored_edits
from .conftest import LANDSCAPE, PORTRAIT, screenshot
from .tablet import Tablet


def wait_shell_kept(page: Page) -> None:
    """Wait until the service worker controls the page and keeps a copy of it for an offline reload."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20000)
    page.wait_for_function("async () => Boolean(await caches.match(location.origin + location.pathname))", timeout=20000)


def reload_offline(tablet: Tablet) -> None:
    """Reload the page with the network down, and wait for the badge to say so."""
    tablet.page.reload()
    expect(tablet.page.locator("#connection-status")).to_have_attribute("data-status", "offline")


def kinds_on_server(base: str, workshop_id: str) -> list[str]:
    exported = requests.get(f"{base}/api/workshops/{workshop_id}/export.geojson", timeout=5).json()
    return sorted(feature["properties"]["kind"] for feature in exported["features"])


def test_a_tablet_reloaded_offline_keeps_its_map_and_sends_its_strokes_once(pages, app_server, tmp_path):
    workshop = create_workshop(app_server.base, PARK)
    a = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Asel")
    b = Tablet(pages.new_page(PORTRAIT)).join(workshop["join_code"], "Bolat")
    a.new_design("Shade")
    a.place("bench", a.at(0.3, 0.3))
    a.draw_line("path", [a.at(0.1, 0.7), a.at(0.5, 0.72)])
    a.wait_saved()
    wait_shell_kept(a.page)

    a.page.context.set_offline(True)
    reload_offline(a)
    # The site, the design and both elements, from the copy kept on the tablet.
    expect(a.page.locator("path.site-outline").first).to_be_visible()
    a.wait_counts(points=1, lines=1)
    expect(a.page.locator("#design-bar")).to_contain_text("Shade")
    a.place("tree", a.at(0.6, 0.4))
    expect(a.page.locator("#connection-status")).to_contain_text("1 edit waiting")
    reload_offline(a)
    a.wait_counts(points=2, lines=1)
    expect(a.page.locator(".leaflet-pane .is-pending")).to_have_count(1)
    expect(a.page.locator("#connection-status")).to_contain_text("1 edit waiting")
    screenshot(a.page, "tablet-offline-reloaded")
    assert kinds_on_server(app_server.base, workshop["id"]) == ["bench", "path"]

    a.page.context.set_offline(False)
    a.wait_connected()
    a.wait_saved()
    b.wait_counts(points=2, lines=1)
    assert kinds_on_server(app_server.base, workshop["id"]) == ["bench", "path", "tree"]
    edits = stored_edits(f"sqlite:///{tmp_path / 'e2e.db'}")
    assert len(edits["elements"]) == 3 and edits["added"] == 3, edits
