"""Construction supervision in real Chromium: an author on a phone records a visit with a GPS-placed bench and
a photo, and sees progress change; residents see it on the public page."""

from __future__ import annotations

import io
import re
import uuid

import pytest
import requests
from PIL import Image
from playwright.sync_api import Page, expect

from ..support import PARK, LiveClient
from .conftest import LANDSCAPE, assert_accessible, screenshot

# Its tests each make a workshop of their own and read only it: one server for the module (conftest.app_server).
pytestmark = pytest.mark.one_server

PHONE = {"width": 390, "height": 844}
BENCH = {"type": "Point", "coordinates": [76.9520, 43.2604]}
TREE = {"type": "Point", "coordinates": [76.9525, 43.2608]}
LAWN = {
    "type": "Polygon",
    "coordinates": [
        [[76.9540, 43.2604], [76.9550, 43.2604], [76.9550, 43.2612], [76.9540, 43.2612], [76.9540, 43.2604]]
    ],
}


GREEN_HEART = (("bench", "bench", BENCH, {}), ("tree", "tree", TREE, {}), ("lawn", "green_area", LAWN, {}))


def adopt_a_design(
    base: str, elements=GREEN_HEART, *, title: str = "Green heart", adoption: dict | None = None
) -> dict:
    """A closed workshop whose design `title` (by default a bench, a tree, a lawn; else these (name, kind, geometry,
    props)) is adopted as "`title`, phase 1", with these more fields of the adoption; returns ids, the author's link
    and key."""
    workshop = requests.post(
        f"{base}/api/workshops", json={"title": "Park", "site_name": "Panfilov Park", "boundary": PARK}, timeout=5
    ).json()
    author = requests.post(f"{base}/api/join", json={"code": workshop["join_code"], "name": "Aru"}, timeout=5).json()
    tablet = LiveClient(base, author["token"]).connect()
    facilitator = LiveClient(base, workshop["facilitator_token"]).connect()
    design = tablet.call("design:create", {"id": str(uuid.uuid4()), "title": title})["design"]["id"]
    ids = {}
    for name, kind, geometry, props in elements:
        ids[name] = str(uuid.uuid4())
        added = tablet.call(
            "element:add", {"id": ids[name], "design_id": design, "kind": kind, "geometry": geometry, "props": props}
        )
        assert added["ok"], added
    assert facilitator.call("phase:set", {"phase": "closed"})["ok"]
    tablet.disconnect()
    facilitator.disconnect()
    project = requests.post(
        f"{base}/api/workshops/{workshop['id']}/projects",
        timeout=5,
        headers={"Authorization": f"Bearer {workshop['facilitator_token']}"},
        json={"design_id": design, "title": f"{title}, phase 1", "organisation": "Akimat", **(adoption or {})},
    ).json()
    access = project["access"][0]
    return {"project_id": project["id"], "link": access["link"], "key": access["key"], "ids": ids}


def tap_tab(page: Page, name: str) -> None:
    """Tap a tab of the workspace with a finger and wait until it is the selected one (no fixed pause)."""
    tab = page.locator(f"#tab-{name}")
    tab.tap()
    expect(tab).to_have_attribute("aria-selected", "true")


def photo_file(tmp_path) -> str:
    path = tmp_path / "bench.jpg"
    image = Image.new("RGB", (640, 480), (120, 160, 90))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_author_records_a_visit_with_a_photo_and_sees_progress_change(pages, app_server, tmp_path):
    adopted = adopt_a_design(app_server.base)
    page = pages.new_page(PHONE)
    # The bench is found 6 m east of where it was designed: the phone's GPS says so.
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"longitude": 76.95207, "latitude": 43.2604, "accuracy": 4})
    page.goto(adopted["link"])
    expect(page.locator(".sv-progress__percent")).to_contain_text("0")
    assert "#key=" not in page.url  # the key left the address bar
    assert_accessible(page, "supervision workspace")

    tap_tab(page, "record")
    bench, tree = adopted["ids"]["bench"], adopted["ids"]["tree"]
    page.select_option(f"#obs-status-{bench}", "built")
    page.get_by_role("button", name="Use my location for Bench").click()
    expect(page.locator("#visit-form")).to_contain_text(re.compile("From \\d+ GPS fixes"), timeout=20000)
    page.select_option(f"#obs-status-{tree}", "built")
    page.fill("#visit-notes", "First visit: bench and tree in")
    screenshot(page, "supervise-phone-visit-form")
    page.locator("form.sv-form button[type=submit]").click()
    result = page.locator(".sv-result")
    expect(result).to_be_visible(timeout=10000)
    expect(result).to_contain_text(re.compile("deviation", re.I))
    expect(result).to_contain_text(re.compile(r"[56](\.\d)? m"))

    # Progress changes: two of three planned elements are built.
    tap_tab(page, "overview")
    expect(page.locator(".sv-progress__percent")).to_contain_text("66")
    expect(page.locator(".sv-progress__detail")).to_contain_text("2 of 3")

    # A photo of the visit.
    tap_tab(page, "visits")
    visit = page.locator(".sv-visit").first
    visit.locator("input[type=file]").set_input_files(photo_file(tmp_path))
    expect(visit.locator(".sv-thumb")).to_have_count(1, timeout=15000)
    screenshot(page, "supervise-phone-visit-photo")

    summary = requests.get(f"{app_server.base}/api/projects/{adopted['project_id']}", timeout=5).json()
    assert summary["progress"]["built"] == 2 and len(summary["visits"][0]["photos"]) == 1
    bench_state = next(e for e in summary["plan"] if e["element_id"] == bench)
    assert bench_state["status"] == "built_with_deviation" and 5 < bench_state["deviation"]["offset_m"] < 7

    # Residents see it on the public page, without any key.
    public = pages.new_page(LANDSCAPE)
    public.goto(f"/p/{adopted['project_id']}")
    expect(public.locator("body")).to_contain_text("Green heart, phase 1")
    expect(public.locator(".sv-progress__percent")).to_contain_text("66")
    expect(public.locator(".sv-thumb")).to_have_count(1)
    screenshot(public, "progress-public")
    assert_accessible(public, "public progress page")
    report = pages.new_page(LANDSCAPE)
    report.goto(f"/api/projects/{adopted['project_id']}/report")
    expect(report.locator("[data-figure=progress]")).to_contain_text("2")
    assert_accessible(report, "report")


def test_facilitator_adopts_in_the_console_and_the_author_claims_on_the_tablet(pages, app_server):
    from ..support import create_workshop
    from .tablet import Tablet, make_supervision_link

    workshop = create_workshop(app_server.base, PARK, title="Yard")
    author = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Aru")
    author.new_design("Green yard")
    author.place("tree", author.at(0.3, 0.3))
    console = pages.new_page({"width": 1366, "height": 900}, touch=False)
    console.goto(workshop["facilitator_url"])
    Tablet(console).wait_connected()
    console.goto(f"/w/{workshop['id']}/console")
    Tablet(console).wait_connected()
    console.click('#phase-control button[data-phase="closed"]')
    console.click("dialog[open] .btn--danger-solid")
    card = console.locator("#adoption-card")
    expect(card).to_be_visible()
    card.get_by_label("Responsible organisation").fill("Akimat")
    card.get_by_role("button", name="Adopt for construction").click()
    console.locator("dialog[open]").get_by_role("button", name="Adopt for construction").click()
    expect(card.locator(".adopt__access")).to_contain_text("Aru")
    link = card.locator(".adopt__access input").first.input_value()
    assert re.search(r"/p/[0-9a-f-]+/supervise#key=\S{40,}$", link)
    assert_accessible(console, "console with adoption")
    # The author's tablet hears of the adoption and claims a personal link, with a QR code to keep.
    prompt = author.page.locator("#claim-area")
    expect(prompt).to_contain_text("Green yard")
    claimed = make_supervision_link(author.page)
    qr = author.page.locator("#claim-area img")
    expect(qr).to_be_visible()
    author.page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    assert claimed != link and "#key=" in claimed
    screenshot(author.page, "tablet-claim-card")
    # The claimed link opens the workspace on another device (a phone), the console's copy no longer works.
    phone = pages.new_page(PHONE)
    phone.goto(claimed)
    expect(phone.locator(".sv-progress__percent")).to_contain_text("0")
    project_id, old_key = re.search(r"/p/([0-9a-f-]+)/supervise#key=(\S+)$", link).groups()
    refused = requests.post(
        f"{app_server.base}/api/projects/{project_id}/visits",
        timeout=5,
        headers={"Authorization": f"Bearer {old_key}"},
        json={"date": "2027-05-10", "observations": []},
    )
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized"
