"""The words people read, in real Chromium: the replay says what each moment did (an undo names the shape and its
design, an adoption is an adoption, never an event's wire name); the demo speaks the language it was made in; the
Russian results keep a figure on one line with its unit, and nothing reads "0.0 m²"."""

from __future__ import annotations

import re
import uuid

import requests
from playwright.sync_api import expect

from ..support import PARK, LiveClient, ServerProcess, create_workshop, join
from .conftest import LANDSCAPE, PORTRAIT
from .tablet import Tablet, tap_on

FACILITATOR_SCREEN = {"width": 1440, "height": 900}
# A green area of about 15,900 m² in the park, clear of its memorial zone: a five-digit figure.
MEADOW = {
    "type": "Polygon",
    "coordinates": [
        [[76.9515, 43.2590], [76.9530, 43.2590], [76.9530, 43.2602], [76.9515, 43.2602], [76.9515, 43.2590]]
    ],
}

# How many lines each figure of the results takes on screen.
FIGURE_LINES = """() => [...document.querySelectorAll(".design-result td[data-figure]")].map((cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return [cell.dataset.figure, new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size];
})"""


def test_the_replay_names_an_undone_shape_and_an_adoption_in_words(pages, app_server):
    workshop = create_workshop(app_server.base, PARK, title="Courtyard")
    author = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Aigerim")
    author.new_design("Shady corner")
    author.place("tree", author.at(0.3, 0.3))
    author.wait_saved()
    tap_on(author.page, "#undo-button")
    author.wait_counts(points=0)
    author.wait_saved()
    facilitator = LiveClient(app_server.base, workshop["facilitator_token"]).connect()
    design_id = facilitator.snapshot()["designs"][0]["id"]
    assert facilitator.call("phase:set", {"phase": "closed"})["ok"]
    facilitator.disconnect()
    adopted = requests.post(
        f"{app_server.base}/api/workshops/{workshop['id']}/projects",
        headers={"Authorization": f"Bearer {workshop['facilitator_token']}"},
        json={"design_id": design_id, "title": "Shady corner, stage 1"},
        timeout=5,
    )
    assert adopted.status_code == 201, adopted.text

    replay = pages.new_page(FACILITATOR_SCREEN, touch=False)
    replay.goto(f"/w/{workshop['id']}/replay")
    moment = replay.locator("#replay-moment")
    # The last moment: the adoption.
    expect(moment).to_contain_text("Adopted for construction: Shady corner, stage 1")
    expect(moment).not_to_contain_text("project:adopted")
    replay.locator("#replay-slider").focus()
    replay.keyboard.press("ArrowLeft")
    expect(moment).to_contain_text("Phase: Closed")
    replay.keyboard.press("ArrowLeft")
    expect(moment).to_contain_text("Tree removed from Shady corner")
    replay.keyboard.press("ArrowLeft")
    expect(moment).to_contain_text("Tree added to Shady corner")


def test_the_russian_results_keep_each_figure_on_one_line_and_write_zero_plainly(pages, app_server):
    workshop = create_workshop(app_server.base, PARK, title="Courtyard")
    author = LiveClient(app_server.base, join(app_server.base, workshop["join_code"], "Aigerim")["token"]).connect()
    design = author.call("design:create", {"id": str(uuid.uuid4()), "title": "Green heart"})["design"]["id"]
    added = author.call(
        "element:add", {"id": str(uuid.uuid4()), "design_id": design, "kind": "green_area", "geometry": MEADOW}
    )
    assert added["ok"] and added["element"]["measure"]["area_m2"] > 10000, added
    author.disconnect()
    facilitator = LiveClient(app_server.base, workshop["facilitator_token"]).connect()
    assert facilitator.call("phase:set", {"phase": "closed"})["ok"]
    facilitator.disconnect()

    # A tablet held upright, in Russian: the figures' column is narrow beside the map.
    results = pages.new_page(PORTRAIT, locale="ru-RU")
    results.goto(f"/lang/ru?next=/w/{workshop['id']}/results")
    green = results.locator("td[data-figure=green_area_m2]")
    expect(green).to_have_text(re.compile(r"^\d{2}\u202f\d{3} м²$"))
    assert all(lines == 1 for _figure, lines in results.evaluate(FIGURE_LINES)), results.evaluate(FIGURE_LINES)
    # What the design has none of reads as none, not to a tenth.
    for figure, unit in (("play_area_m2", "м²"), ("path_length_m", "м"), ("bike_lane_length_m", "м")):
        expect(results.locator(f"td[data-figure={figure}]")).to_have_text(f"0 {unit}")


def test_the_demo_is_made_in_the_language_it_is_started_with(pages, tmp_path):
    demo = ServerProcess(f"sqlite:///{tmp_path / 'demo.db'}", "--demo", "--lang", "kk", instance=tmp_path)
    opened = []
    try:
        link = re.search(r"Facilitator link:\s+(\S+)", demo.output()).group(1)
        tablet = pages.new_page(LANDSCAPE, locale="kk-KZ")
        opened.append(tablet)
        tablet.goto(link)
        Tablet(tablet).wait_connected()
        expect(tablet.locator("#workshop-title")).to_have_text("Панфилов саябағы: бәріне көбірек көлеңке")
        expect(tablet.locator(".design-chip__title")).to_have_text("Мысал: көлеңкелі серуен")
        tap_on(tablet, ".design-chip")
        expect(tablet.locator("#design-list .design-item__meta")).to_contain_text("Авторлары: Фасилитатор")
        # The city beside it: its workshops and project in Kazakh too.
        city = pages.new_page(LANDSCAPE, locale="kk-KZ")
        opened.append(city)
        city.goto(f"{demo.base}/lang/kk?next=/city")
        expect(city.locator("body")).to_have_attribute("data-city-ready", "true")
        expect(city.locator("body")).to_contain_text("Весновка велосипед жолы, бірінші кезең")
        expect(city.locator("body")).not_to_contain_text("Vesnovka")
    finally:
        for page in opened:  # before the server goes: a page left open would lose its socket and say so
            page.context.close()
        demo.stop()
