"""The city's green chart in real Chromium, over a project visited across two years whose trees end as many as
required: its dates say their years, and no word of the chart covers another, at a desk in English and on a phone
in Kazakh and Russian."""

from __future__ import annotations

import requests
from playwright.sync_api import expect

from ..support import TREE
from .test_city import PHONE, closed_workshop, open_city

FACILITATOR_SCREEN = {"width": 1440, "height": 900}
# (date, trees alive): the last visit finds as many as the design requires, so the alive dot sits on the dashed line.
VISITS = (("2026-12-06", 2), ("2027-05-12", 3), ("2027-08-30", 4))

# The words of each chart whose boxes meet another's: [[chart, a, b]], none when they all stand apart.
OVERLAPS = """() => [...document.querySelectorAll("#green-chart svg")].flatMap((svg, chart) => {
    const words = [...svg.querySelectorAll("text")].map((text) => [text.textContent, text.getBoundingClientRect()]);
    return words.flatMap(([a, boxA], i) => words.slice(i + 1)
        .filter(([, boxB]) => boxA.left < boxB.right && boxB.left < boxA.right
            && boxA.top < boxB.bottom && boxB.top < boxA.bottom)
        .map(([b]) => [chart, a, b]));
})"""
# The dates under the axis of the first chart (the trees').
DATES = """() => [...document.querySelectorAll("#green-chart svg")][0]
    .querySelectorAll("text.sv-chart__tick[text-anchor]").length"""


def visited_across_two_years(base: str) -> None:
    """A closed workshop's design of 4 trees, adopted, and visited on VISITS's dates."""
    park = closed_workshop(base, "Panfilov Park", [("tree", TREE, {"species": "Oak", "count": 4})])
    project = requests.post(
        f"{base}/api/workshops/{park['id']}/projects",
        headers={"Authorization": f"Bearer {park['facilitator_token']}"},
        json={"design_id": park["design_id"], "title": "Alley of oaks"},
        timeout=10,
    ).json()
    key = {"Authorization": f"Bearer {project['access'][0]['key']}"}
    for date, alive in VISITS:
        visit = requests.post(
            f"{base}/api/projects/{project['id']}/visits",
            headers=key,
            json={
                "date": date,
                "observations": [{"element_id": park["element_ids"][0], "status": "built", "count": alive}],
            },
            timeout=10,
        )
        assert visit.status_code == 201, visit.text


def test_the_green_chart_dates_say_their_years_and_no_words_collide(pages, app_server):
    visited_across_two_years(app_server.base)
    desk = pages.new_page(FACILITATOR_SCREEN, touch=False)
    open_city(desk, "en")
    chart = desk.locator("#green-chart svg").first
    expect(chart.locator(".sv-chart__tick", has_text="Dec 6, 2026")).to_have_count(1)
    expect(chart.locator(".sv-chart__tick", has_text="Aug 30, 2027")).to_have_count(1)
    expect(chart.locator(".sv-chart__label")).to_have_count(2)  # required, and alive
    assert desk.evaluate(OVERLAPS) == [], desk.evaluate(OVERLAPS)
    assert desk.evaluate(DATES) >= 3 + 2, "at a desk every date is named"  # the two value ticks, then the dates

    for language, year in (("kk", "2026"), ("ru", "2026")):
        phone = pages.new_page(PHONE)
        open_city(phone, language)
        phone.locator("#green-chart").scroll_into_view_if_needed()
        first = phone.locator("#green-chart svg").first
        expect(first.locator(".sv-chart__tick", has_text=year)).to_have_count(1)
        expect(first.locator(".sv-chart__tick", has_text="2027")).not_to_have_count(0)
        assert phone.evaluate(OVERLAPS) == [], (language, phone.evaluate(OVERLAPS))
