"""In Chromium: a tablet deletes things while offline that a co-author changes meanwhile; back online, the person
reads why each was not deleted, in a list that stays until closed, and the things are back in their new version."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from ..support import PARK, LiveClient, create_workshop, exported, join
from .conftest import LANDSCAPE, screenshot
from .tablet import Tablet, tap_on


def test_deletes_queued_offline_of_things_changed_meanwhile_are_each_explained(pages, app_server):
    workshop = create_workshop(app_server.base, PARK)
    a = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Aigerim")
    a.new_design("Shade")
    a.place("tree", a.at(0.3, 0.3))
    a.draw_line("path", [a.at(0.1, 0.7), a.at(0.5, 0.72)])
    a.wait_saved()
    bolat = LiveClient(app_server.base, join(app_server.base, workshop["join_code"], "Bolat")["token"]).connect()
    try:
        state = bolat.snapshot()
        assert bolat.call("design:join", {"design_id": state["designs"][0]["id"]})["ok"]

        a.page.context.set_offline(True)
        expect(a.page.locator("#connection-status")).to_have_attribute("data-status", re.compile("offline"))
        a.open_element(".leaflet-marker-pane .element-marker")
        a.panel_button("Delete")
        a.open_element("path.element-line")
        a.panel_button("Delete")
        a.wait_counts(points=0, lines=0)
        # Meanwhile Bolat, online, changes both.
        for element in state["elements"]:
            assert bolat.call("element:update", {"id": element["id"], "base_version": 1, "note": "keep it"})["ok"]

        a.page.context.set_offline(False)
        a.wait_connected()
        notice = a.page.locator(".toast--lasting")
        expect(notice).to_contain_text("2 changes were not saved as you made them")
        expect(notice.locator("li")).to_have_count(2)
        expect(notice.locator("li").first).to_contain_text("Tree: someone else changed it after you last saw it")
        expect(notice.locator("li").last).to_contain_text("Path: someone else changed it")
        a.wait_counts(points=1, lines=1)  # both back, in Bolat's version
        a.wait_saved()
        screenshot(a.page, "tablet-offline-conflicts")
        tap_on(a.page, ".toast--lasting .toast__close")
        expect(notice).to_have_count(0)
        features = exported(app_server.base, workshop["id"], workshop["facilitator_token"])["features"]
        assert [f["properties"]["note"] for f in features] == ["keep it", "keep it"]
    finally:
        bolat.disconnect()
