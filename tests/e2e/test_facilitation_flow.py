"""The facilitator runs a session in real Chromium: console, timer, phases, a dot vote, moderation, results."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ..support import PARK, create_workshop, wait_until
from .conftest import DESKTOP, LANDSCAPE, PORTRAIT, assert_accessible, screenshot
from .tablet import Tablet, tap_on

# Its tests each make a workshop of their own and read only it: one server for the module (conftest.app_server).
pytestmark = pytest.mark.one_server


def open_console(pages, workshop):
    """The facilitator opens their private link on a laptop, then the console."""
    console = pages.new_page(DESKTOP, touch=False)
    console.goto(workshop["facilitator_url"])
    Tablet(console).wait_connected()
    console.goto(f"/w/{workshop['id']}/console")
    Tablet(console).wait_connected()
    return console


def test_facilitator_runs_phases_timer_and_a_vote_to_a_ranked_result(pages, app_server):
    workshop = create_workshop(app_server.base, PARK, title="Courtyard vote")
    console = open_console(pages, workshop)
    a = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Aigerim")
    b = Tablet(pages.new_page(PORTRAIT)).join(workshop["join_code"], "Bolat")
    a.new_design("Shady corner")
    a.place("tree", a.at(0.3, 0.3))
    b.new_design("Play first")
    b.place("bench", b.at(0.3, 0.7))
    # Presence: the console sees who is on which design.
    expect(console.locator("#people-list")).to_contain_text("Aigerim")
    expect(console.locator("#people-list")).to_contain_text("Play first")

    # A shared countdown: the same on every device.
    console.click('#timer-control button:has-text("3 min")')
    for tablet in (a, b):
        expect(tablet.page.locator("#phase-bar .countdown")).to_have_text(re.compile(r"^(3:00|2:[45]\d)$"))
    screenshot(a.page, "tablet-sketching-timer")

    # Voting (the console asks first): sketches freeze, the design list opens with dots.
    console.click('#phase-control button[data-phase="voting"]')
    console.click("dialog[open] .btn--primary")
    for tablet in (a, b):
        expect(tablet.page.locator("#phase-bar")).to_contain_text("Voting")
        expect(tablet.page.locator("#palette")).to_be_hidden()

    def give(tablet, title):
        tap_on(tablet.page, f'#design-list .design-item:has-text("{title}") button[aria-label^="Give a dot"]')

    expect(a.page.locator("#design-list")).to_be_visible()
    give(a, "Play first")
    expect(a.page.locator("#phase-bar")).to_contain_text("2 dots left")
    expect(
        a.page.locator('#design-list .design-item:has-text("Play first") button[aria-label^="Give a dot"]')
    ).to_be_disabled()
    if not b.page.locator("#design-list").is_visible():
        tap_on(b.page, ".design-chip")
    give(b, "Play first")
    # The dot is counted, and the list drawn again with it, before the next tap (a rebuild under it swallows it).
    expect(b.page.locator("#phase-bar")).to_contain_text("2 dots left")
    give(b, "Shady corner")
    expect(b.page.locator("#phase-bar")).to_contain_text("1 dot left")
    screenshot(b.page, "tablet-portrait-voting")
    # Tallies reach the console live, not the tablets (running tallies are off by default).
    expect(console.locator("#tally-list")).to_contain_text("Play first")
    wait_until(lambda: re.search(r"Play first\D*2", console.inner_text("#tally-list")), timeout=10)
    screenshot(console, "console-voting")
    assert_accessible(console, "console")
    assert_accessible(b.page, "tablet in voting")

    # The projector: the join code large with its QR code, the timer; tallies stay off the big screen.
    projector = pages.new_page({"width": 1280, "height": 720}, touch=False)
    projector.goto(workshop["facilitator_url"])
    Tablet(projector).wait_connected()
    projector.goto(f"/w/{workshop['id']}/projector")
    expect(projector.locator("body")).to_contain_text(workshop["join_code"][:3])
    qr = projector.locator("#join-qr")
    expect(qr).to_be_visible()
    wait_until(lambda: projector.evaluate("img => img.complete && img.naturalWidth > 0", qr.element_handle()))
    expect(projector.locator("#tally-box")).to_be_hidden()
    screenshot(projector, "projector")
    assert_accessible(projector, "projector")

    # Close; the results page, public now, shows the ranking with the folium maps.
    console.click('#phase-control button[data-phase="closed"]')
    console.click("dialog[open] .btn--danger-solid")
    for tablet in (a, b):
        expect(tablet.page.locator("#phase-bar")).to_contain_text(re.compile("thank", re.I))
    results = pages.new_page(LANDSCAPE)
    results.goto(f"/w/{workshop['id']}/results")
    ranking = results.locator(".design-result")
    expect(ranking).to_have_count(2)
    expect(ranking.nth(0)).to_contain_text("Play first")
    expect(ranking.nth(0).locator(".design-result__votes")).to_contain_text("2 votes")
    expect(ranking.nth(1)).to_contain_text("Shady corner")
    expect(results.locator(".folium-map .leaflet-interactive").first).to_be_attached()
    screenshot(results, "results")
    assert_accessible(results, "results")

    # Replay: the slider walks the session; at the start the map is empty, at the end both elements are back.
    replay = pages.new_page(DESKTOP, touch=False)
    replay.goto(f"/w/{workshop['id']}/replay")
    slider = replay.locator("#replay-slider")
    expect(slider).to_be_visible()
    # The log loads after the page: the replay opens at the end of the session once it has.
    wait_until(lambda: Tablet(replay).counts()["points"] == 2, timeout=10)
    slider.focus()
    replay.keyboard.press("Home")
    wait_until(lambda: Tablet(replay).counts()["points"] == 0)
    replay.keyboard.press("End")
    wait_until(lambda: Tablet(replay).counts()["points"] == 2)
    expect(replay.locator("#replay-moment")).not_to_be_empty()
    assert_accessible(replay, "replay")


def test_moderation_and_private_sketching_from_the_console(pages, app_server):
    workshop = create_workshop(app_server.base, PARK)
    console = open_console(pages, workshop)
    console.locator("#settings-card summary").click()  # settings are folded at the bottom of the column
    console.check("#setting-private")
    console.click("#settings-form button[type=submit]")
    a = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Asel")
    b = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Baurzhan")
    a.new_design("Asel's idea")
    a.place("sign", a.at(0.3, 0.3))
    a.wait_counts(points=1)
    a.wait_saved()
    b.new_design("Baurzhan's idea")
    # Baurzhan's bench is a later change than Asel's sign: once it is confirmed on his tablet, the sign (or the
    # tick that stands for it under private sketching) has reached it too.
    b.place("bench", b.at(0.2, 0.7))
    wait_until(lambda: b.counts()["points"] >= 1)
    b.wait_saved()
    assert b.counts()["points"] == 1  # private: Baurzhan sees his bench, not Asel's sign
    console.click("#reveal-button")
    console.click("dialog[open] .btn--primary")
    b.wait_counts(points=2)
    a.wait_counts(points=2)
    # The facilitator hides the sign: it vanishes from both tablets, and comes back on restore.
    console.locator('.leaflet-marker-pane .element-marker:has([aria-label="Sign"])').first.click()
    console.click('#element-panel button:has-text("Hide")')
    console.fill("dialog[open] .dialog__input", "Off topic")
    console.click("dialog[open] .btn--primary")
    a.wait_counts(points=1)
    b.wait_counts(points=1)
    expect(b.page.locator('.leaflet-marker-pane [aria-label="Sign"]')).to_have_count(0)
    console.click('#element-panel button:has-text("Restore")')
    b.wait_counts(points=2)
    # "Done, next person" on a shared tablet forgets the identity and keeps the code for the next person.
    tap_on(a.page, "#phase-bar .phase-bar__done")
    tap_on(a.page, "dialog[open] .btn--primary")
    a.page.wait_for_url(re.compile(r"/\?code="))
    expect(a.page.locator("#join-code")).to_have_value(re.compile(workshop["join_code"]))
    assert not a.page.evaluate("() => Object.keys(localStorage).some(k => k.startsWith('cowork.identity.'))")


def test_a_new_join_code_from_the_console_reaches_the_projector_and_the_old_one_stops(pages, app_server):
    import requests

    workshop = create_workshop(app_server.base, PARK, title="Leaked code")
    console = open_console(pages, workshop)
    projector = pages.new_page(DESKTOP, touch=False)
    projector.goto(workshop["facilitator_url"])
    Tablet(projector).wait_connected()
    projector.goto(f"/w/{workshop['id']}/projector")
    Tablet(projector).wait_connected()
    old = workshop["join_code"]
    expect(console.locator("#top-code")).to_have_text(old)
    # The QR code is drawn from a POST's body (blob: URL), so the code stands in no address.
    qr = projector.locator("#join-qr")
    expect(qr).to_be_visible()
    expect(qr).to_have_attribute("src", re.compile(r"^blob:"))
    old_qr = qr.get_attribute("src")
    console.locator("#join-card summary").click()  # joining is folded at the bottom of the column
    console.click("#rotate-code")
    console.get_by_role("button", name="New code").click()
    expect(console.locator("#top-code")).not_to_have_text(old)
    new = console.locator("#top-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{6}", new)
    expect(console.locator("#join-url")).to_have_value(re.compile(f"code={new}"))
    expect(projector.locator("#join-code")).to_contain_text(new[:3])
    expect(qr).not_to_have_attribute("src", old_qr)
    expect(qr).to_be_visible()
    assert projector.evaluate("() => document.getElementById('join-qr').naturalWidth") > 0
    refused = requests.post(f"{app_server.base}/api/join", json={"code": old, "name": "Late"}, timeout=5)
    assert refused.status_code == 404
    Tablet(pages.new_page(LANDSCAPE)).join(new, "On time")
