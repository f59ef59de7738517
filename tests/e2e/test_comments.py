"""Residents' comments in real Chromium: a resident on a portrait tablet in Russian comments on an author's tree and
on the design; the console (1440 px) counts both and lists both in the design's details; the author's landscape
tablet marks the design until its comments are shown; the results page and the CSV carry the words, no names."""

from __future__ import annotations

import csv
import io

import requests
from playwright.sync_api import Page, expect

from ..support import PARK, LiveClient, create_workshop
from .conftest import LANDSCAPE, PORTRAIT
from .tablet import Tablet, tap_on

FACILITATOR_SCREEN = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


def post_comment(page: Page, panel: str, text: str) -> None:
    """Type a comment into a panel's box and post it; done when the panel lists it, sent."""
    page.fill(f"{panel} .comments__input", text)
    tap_on(page, f"{panel} .comments__form button[type=submit]")
    expect(page.locator(f"{panel} .comment:not(.is-pending)", has_text=text)).to_have_count(1)


def test_comments_are_counted_marked_for_the_author_and_kept_in_the_results(pages, app_server):
    workshop = create_workshop(app_server.base, PARK, title="Courtyard")
    author = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Aigerim")
    author.new_design("Shady corner")
    author.place("tree", author.at(0.3, 0.3))
    author.wait_saved()
    # The tree's panel, open to ask for its details, would show her the comment on it at once: she closes it.
    author.close_panel()

    resident = Tablet(pages.new_page(PORTRAIT, locale="ru-RU")).join(workshop["join_code"], "Bolat")
    resident.wait_counts(points=1)
    resident.open_element(".leaflet-marker-pane .element-marker")
    post_comment(resident.page, "#element-panel", "Оставьте этот дуб")
    resident.close_panel()
    tap_on(resident.page, ".design-chip")
    tap_on(resident.page, '#design-list .design-item:has-text("Shady corner") .design-item__actions button >> nth=-1')
    post_comment(resident.page, "#design-panel", "=1+1 больше тени")
    # Her design's panel lists both, the one on the tree saying so.
    expect(resident.page.locator("#design-panel .comment")).to_have_count(2)
    expect(resident.page.locator("#design-panel .comment").first).to_contain_text("Дерево:")

    # The author is told: a mark on the design bar, and on the design in the list, until the comments are shown.
    badge = author.page.locator(".design-chip__badge")
    expect(badge).to_have_text("2")
    expect(author.page.locator(".design-chip")).to_have_attribute(
        "aria-label", "Choose a design: Shady corner · 2 new comments"
    )
    tap_on(author.page, ".design-chip")
    item = author.page.locator('#design-list .design-item:has-text("Shady corner")')
    expect(item.locator(".tag--new")).to_have_text("2 new comments")
    expect(item.locator(".design-item__actions button").last).to_have_text("2 comments")
    tap_on(author.page, '#design-list .design-item:has-text("Shady corner") .design-item__actions button >> nth=-1')
    panel = author.page.locator("#design-panel")
    expect(panel.locator(".comment")).to_have_count(2)
    expect(panel.locator(".comment").first).to_contain_text("Tree: Оставьте этот дуб")
    expect(badge).to_be_hidden()
    # Seen stays seen on this tablet, a reload included.
    author.page.reload()
    author.wait_connected()
    expect(author.page.locator(".design-chip__title")).to_have_text("Shady corner")
    expect(badge).to_be_hidden()

    # The facilitator's console at 1440 px: the list counts both, the design's details list both.
    console = pages.new_page(FACILITATOR_SCREEN, touch=False)
    console.goto(workshop["facilitator_url"])
    Tablet(console).wait_connected()
    console.goto(f"/w/{workshop['id']}/console")
    Tablet(console).wait_connected()
    row = console.locator("#design-list .console-design", has_text="Shady corner")
    expect(row.locator(".console-design__meta").last).to_contain_text("2 comments")
    row.locator("button", has_text="Details").click()
    expect(console.locator("#design-panel .comment")).to_have_count(2)
    expect(console.locator("#design-panel")).to_contain_text("Tree: Оставьте этот дуб")
    expect(console.locator("#design-panel")).to_contain_text("=1+1 больше тени")

    # Closed: the results, public, carry the residents' words without their names, on a phone in Russian.
    facilitator = LiveClient(app_server.base, workshop["facilitator_token"]).connect()
    assert facilitator.call("phase:set", {"phase": "closed"})["ok"]
    facilitator.disconnect()
    results = pages.new_page(PHONE, locale="ru-RU")
    results.goto(f"/lang/ru?next=/w/{workshop['id']}/results")
    comments = results.locator(".design-result .result-comment")
    expect(comments).to_have_count(2)
    expect(comments.first).to_have_text("Дерево: Оставьте этот дуб")
    expect(comments.last).to_contain_text("=1+1 больше тени")
    expect(results.locator(".result-comments")).not_to_contain_text("Bolat")

    table = requests.get(f"{app_server.base}/api/workshops/{workshop['id']}/export.csv", timeout=5)
    rows = list(csv.reader(io.StringIO(table.text)))
    assert rows[1][5:] == ["2", "[tree] Оставьте этот дуб\n=1+1 больше тени"], rows
