"""One supervision link per author, that dies only when she asks, and says so when it is dead (issue 20, point 1).

An author at her tablet after adoption: seeing her link does not silently replace the one the console gave the
facilitator to hand over; making her own here is asked first and says what stops working; the link the tablet made
comes back the same after a reload; and a link that no longer works says so on her phone as it opens, before any
typing."""

from __future__ import annotations

import json

import pytest
import requests
from playwright.sync_api import Page, expect

from ..support import PARK, ROOT, TREE, create_workshop
from .conftest import LANDSCAPE, PORTRAIT, assert_accessible, screenshot
from .tablet import Tablet, tap_on
from .test_phone import PHONE, close_and_adopt, design_as, token_of

# Its tests each make a workshop of their own and read only it: one server for the module (conftest.app_server).
pytestmark = pytest.mark.one_server


def catalogue(language: str) -> dict[str, str]:
    return json.loads((ROOT / "static" / "i18n" / f"{language}.json").read_text(encoding="utf-8"))


def works(base: str, link: str) -> bool:
    """Whether a supervision link's key still works (the server's word, as the workspace asks it)."""
    project_id = link.split("/p/", 1)[1].split("/", 1)[0]
    key = link.split("#key=", 1)[1]
    answer = requests.get(f"{base}/api/projects/{project_id}/me", headers={"Authorization": f"Bearer {key}"}, timeout=5)
    assert answer.status_code == 200, answer.text
    return answer.json()["supervising"]


def open_card(page: Page) -> None:
    """Tap the prompt's button (its only one) and wait for the card."""
    tap_on(page, "#claim-area .claim-prompt__card > button")
    expect(page.locator("#claim-area .sv-claim")).to_be_visible()


@pytest.mark.parametrize(("language", "viewport"), [("en", LANDSCAPE), ("ru", PORTRAIT)])
def test_the_author_keeps_one_link_and_a_dead_one_says_so_as_it_opens(pages, app_server, language, viewport):
    words = catalogue(language)
    locale = {"en": "en-US", "ru": "ru-RU"}[language]
    workshop = create_workshop(app_server.base, PARK, title="Yard")
    author = Tablet(pages.new_page(viewport, locale=locale)).join(workshop["join_code"], "Aru")
    design_as(app_server.base, token_of(author, workshop), "Green yard", [("tree", TREE)])
    handed_over = app_server.base + close_and_adopt(app_server.base, workshop)["access"][0]["link"]
    page = author.page
    expect(page.locator("#claim-area")).to_contain_text("Green yard")

    # Asking to see her link shows none and replaces nothing: the console's link was made for her at adoption.
    expect(page.locator("#claim-area .claim-prompt__card > button")).to_have_text(words["claim.button"])
    open_card(page)
    card = page.locator("#claim-area .sv-claim")
    expect(card).to_contain_text(words["sv.claim.exists"])
    expect(card.locator("input")).to_have_count(0)
    assert works(app_server.base, handed_over)
    screenshot(page, f"claim-card-exists-{language}")
    assert_accessible(page, "claim card")

    # Making her own link here is asked first, saying what stops working; "Cancel" keeps everything as it was.
    tap_on(page, f'#claim-area .sv-claim button:has-text("{words["sv.claim.make"]}")')
    dialog = page.locator("dialog[open]")
    expect(dialog).to_contain_text(words["sv.claim.confirm_first"])
    tap_on(page, f'dialog[open] button:has-text("{words["dialog.cancel"]}")')
    expect(dialog).to_have_count(0)
    expect(card.locator("input")).to_have_count(0)
    assert works(app_server.base, handed_over)
    tap_on(page, f'#claim-area .sv-claim button:has-text("{words["sv.claim.make"]}")')
    tap_on(page, "dialog[open] .btn--danger-solid")
    link_field = card.locator("input.sv-claim__link")
    expect(link_field).to_be_visible()
    made = link_field.input_value()
    assert "#key=" in made and made != handed_over
    expect(card.locator("img.sv-claim__qr")).to_be_visible()
    expect(card).to_contain_text(words["sv.claim.made"])
    assert works(app_server.base, made) and not works(app_server.base, handed_over)

    # After a reload the tablet shows the same link again, and showing it replaces nothing.
    page.reload()
    author.wait_connected()
    expect(page.locator("#claim-area .claim-prompt__card > button")).to_have_text(words["claim.show"])
    open_card(page)
    expect(card.locator("input.sv-claim__link")).to_have_value(made)
    expect(card).to_contain_text(words["sv.claim.kept"])
    assert works(app_server.base, made)
    screenshot(page, f"claim-card-kept-{language}")

    # The link handed over at adoption, opened on her phone: it says at once that it no longer works, with no
    # visit form to fill in; her own link opens the workspace.
    phone = pages.new_page(PHONE, locale=locale)
    phone.goto(handed_over)
    notice = phone.locator("#access-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(words["sv.access.lost_title"])
    expect(phone.locator("#workspace")).to_be_hidden()
    expect(phone.locator("#visit-form")).to_be_hidden()
    box = notice.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"], "the notice is whole on the screen"
    screenshot(phone, f"phone-dead-link-{language}")
    assert_accessible(phone, "a dead supervision link")
    phone.goto(made)
    expect(phone.locator(".sv-progress__percent")).to_contain_text("0")
    expect(phone.locator("#access-notice")).to_be_hidden()
