"""The public progress page shows each author as asked at adoption and only the notes she made public (issue 20,
point 5): the facilitator at 1440 px asks how each author appears; an author on her phone keeps one visit's notes
to herself and shows another's; a resident on a phone, in Kazakh, reads initials and "Author 2", never a full name
or a private note, on the progress page and the printed report."""

from __future__ import annotations

import json

import requests
from playwright.sync_api import Page, expect

from ..support import PARK, ROOT, TREE, LiveClient, create_workshop, join
from .conftest import assert_accessible, screenshot
from .tablet import Tablet
from .test_phone import PHONE, design_as

FACILITATOR_SCREEN = {"width": 1440, "height": 900}
PRIVATE, SHARED = "Foreman shouted at me again", "Lawn half sown, path edged"


def catalogue(language: str) -> dict[str, str]:
    return json.loads((ROOT / "static" / "i18n" / f"{language}.json").read_text(encoding="utf-8"))


def record_visit(page: Page, tree: str, date: str, notes: str, *, public: bool) -> None:
    """On the workspace's Record tab: a visit of that date with the tree built and these notes, shown in public or
    not; saved, and the form ready for the next."""
    page.locator("#tab-record").tap()
    page.fill("#visit-date", date)
    page.select_option(f"#obs-status-{tree}", "built")
    page.fill("#visit-notes", notes)
    box = page.locator("#visit-notes-public")
    expect(box).not_to_be_checked()  # the notes are hers unless she says otherwise
    if public:
        box.check()
    page.locator("form.sv-form button[type=submit]").click()
    expect(page.locator(".sv-result")).to_be_visible(timeout=10000)
    page.locator(".sv-result button").click()
    expect(page.locator("#visit-notes")).to_have_value("")


def test_the_public_reads_authors_as_asked_at_adoption_and_only_public_notes(pages, app_server):
    workshop = create_workshop(app_server.base, PARK, title="Yard")
    aru = join(app_server.base, workshop["join_code"], "Aru Bekova")
    dana = join(app_server.base, workshop["join_code"], "Dana Serik")
    design = design_as(app_server.base, aru["token"], "Green yard", [("tree", TREE)])
    second = LiveClient(app_server.base, dana["token"]).connect()
    try:
        assert second.call("design:join", {"design_id": design})["ok"]
    finally:
        second.disconnect()
    facilitator = LiveClient(app_server.base, workshop["facilitator_token"]).connect()
    try:
        assert facilitator.call("phase:set", {"phase": "closed"})["ok"]
    finally:
        facilitator.disconnect()

    # The facilitator adopts it from the console, asking each author how she appears: Aru keeps the default
    # (initials), Dana wants only "author".
    console = pages.new_page(FACILITATOR_SCREEN, touch=False)
    console.goto(workshop["facilitator_url"])
    Tablet(console).wait_connected()
    console.goto(f"/w/{workshop['id']}/console")
    Tablet(console).wait_connected()
    card = console.locator("#adoption-card")
    expect(card).to_be_visible()
    aru_choice, dana_choice = card.get_by_label("Aru Bekova"), card.get_by_label("Dana Serik")
    expect(aru_choice).to_have_value("initials")
    expect(dana_choice).to_have_value("initials")
    expect(aru_choice.locator("option:checked")).to_have_text("Initials (A. B.)")
    dana_choice.select_option("author")
    screenshot(console, "console-adopt-public-names-en")
    assert_accessible(console, "console with the authors' choices")
    card.get_by_role("button", name="Adopt for construction").click()
    console.locator("dialog[open]").get_by_role("button", name="Adopt for construction").click()
    expect(card.locator(".adopt__access")).to_contain_text("In public: Initials (A. B.)")
    link = card.locator(".adopt__access input").first.input_value()
    project_id = link.split("/p/", 1)[1].split("/", 1)[0]
    tree = requests.get(f"{app_server.base}/api/projects/{project_id}", timeout=5).json()["plan"][0]["element_id"]

    # Aru on her phone: one visit whose notes she keeps, one she shows in public.
    phone = pages.new_page(PHONE)
    phone.goto(link)
    expect(phone.locator(".sv-progress__percent")).to_contain_text("0")
    expect(phone.locator("#facts")).to_contain_text("Shown in public as")
    expect(phone.locator("#facts")).to_contain_text("A. B., Author 2")
    record_visit(phone, tree, "2027-05-10", PRIVATE, public=False)
    record_visit(phone, tree, "2027-05-20", SHARED, public=True)
    phone.locator("#tab-visits").tap()
    # Her workspace reads both, and says which the public does not.
    expect(phone.locator("#timeline")).to_contain_text(PRIVATE)
    expect(phone.locator("#timeline")).to_contain_text(SHARED)
    expect(phone.locator(".sv-visit__private")).to_have_count(1)
    screenshot(phone, "workspace-private-note-en")

    # A resident on a phone, in Kazakh: initials and "Автор 2", the shared notes, nothing private.
    words = catalogue("kk")
    resident = pages.new_page(PHONE, locale="kk-KZ")
    resident.goto(f"/p/{project_id}")
    page_text = resident.locator("body")
    expect(resident.locator(".sv-progress__percent")).to_be_visible()
    expect(page_text).to_contain_text(SHARED)
    expect(page_text).to_contain_text("A. B.")
    expect(page_text).to_contain_text(words["sv.people.author_n"].replace("{number}", "2"))
    for secret in ("Aru", "Bekova", "Dana", "Serik", PRIVATE):
        expect(page_text).not_to_contain_text(secret)
    screenshot(resident, "progress-public-names-kk")
    assert_accessible(resident, "public progress page")
    report = pages.new_page(PHONE, locale="kk-KZ")
    report.goto(f"/api/projects/{project_id}/report")
    expect(report.locator("body")).to_contain_text(SHARED)
    expect(report.locator("body")).to_contain_text("A. B.")
    for secret in ("Aru", "Bekova", "Dana", "Serik", PRIVATE):
        expect(report.locator("body")).not_to_contain_text(secret)
    screenshot(report, "report-public-names-kk")
