"""The as-built props of a site visit in real Chromium on a phone: the visit form offers the fields of each checked
element's kind (a tree's species, a bike lane's facility and two-way), starts from what was known, keeps what
was typed across a reload, and sends them as `props` on each observation of POST /api/projects/<id>/visits."""

from __future__ import annotations

import json

import requests
from playwright.sync_api import expect

from .conftest import assert_accessible, screenshot
from .test_supervision_flow import adopt_a_design

PHONE = {"width": 390, "height": 844}
TREE = {"type": "Point", "coordinates": [76.9525, 43.2608]}
LANE = {"type": "LineString", "coordinates": [[76.9515, 43.2600], [76.9540, 43.2598]]}
SIGN = {"type": "Point", "coordinates": [76.9532, 43.2604]}


def spread(page) -> None:
    """Open the cluster the three points make at a phone's first zoom, so each marker shows itself."""
    cluster = page.locator(".sv-cluster-marker")
    expect(cluster).to_have_count(1)
    cluster.click()
    expect(cluster).to_have_count(0)


def test_a_visit_records_the_as_built_props_of_each_element(pages, app_server):
    # The design: 12 elms and a bike lane separated from traffic.
    adopted = adopt_a_design(
        app_server.base,
        (
            ("tree", "tree", TREE, {"species": "Elm", "count": 12}),
            ("lane", "bike_lane", LANE, {"facility": "separated"}),
            ("sign", "sign", SIGN, {"text": "Pond", "bearing": 135}),
        ),
    )
    tree, lane, sign = adopted["ids"]["tree"], adopted["ids"]["lane"], adopted["ids"]["sign"]
    page = pages.new_page(PHONE)
    page.goto(adopted["link"])
    spread(page)
    # The supervision map draws the sign's arrow turned to its bearing and the group's count, as the tablets do.
    expect(page.locator(f'.sv-marker[data-element-id="{sign}"] .element-badge__arrow')).to_have_attribute(
        "style", "transform: rotate(135deg);"
    )
    expect(page.locator(f'.sv-marker[data-element-id="{tree}"] .element-badge__count')).to_have_text("12")
    tab = page.locator("#tab-record")
    tab.tap()
    expect(tab).to_have_attribute("aria-selected", "true")

    form = page.locator("#visit-form")
    expect(form.locator(".sv-obs__props")).to_have_count(0)  # nothing checked yet
    page.select_option(f"#obs-status-{tree}", "built")
    page.select_option(f"#obs-status-{lane}", "built")
    species = page.locator(f"#obs-props-{tree}-species")
    facility = page.locator(f"#obs-props-{lane}-facility")
    expect(species).to_have_attribute("maxlength", "80")
    # The tree's count is the card's own count field (how many are alive), not a second one.
    expect(page.locator(f"#obs-props-{tree}-count")).to_have_count(0)
    expect(page.locator(f"#obs-count-{tree}")).to_be_visible()
    species.fill("Karagach")
    page.fill(f"#obs-count-{tree}", "11")
    page.locator(f"#obs-props-{lane}-two_way").check()
    expect(facility.locator("option")).to_have_text(
        ["Separated from traffic", "Painted on the road", "Shared with traffic"]
    )
    expect(facility).to_have_value("separated")  # the plan's, not the kind's default
    screenshot(page, "props-visit-form-phone")
    assert_accessible(page, "visit form with as-built props")

    # What was typed survives a reload (the draft keeps it).
    page.reload()
    tab = page.locator("#tab-record")
    tab.tap()
    expect(page.locator(f"#obs-props-{tree}-species")).to_have_value("Karagach")
    expect(page.locator(f"#obs-props-{lane}-two_way")).to_be_checked()

    with page.expect_request(
        lambda request: (
            request.method == "POST" and request.url.endswith(f"/api/projects/{adopted['project_id']}/visits")
        )
    ) as sent:
        page.locator("form.sv-form button[type=submit]").click()
    body = json.loads(sent.value.post_data)
    observations = {o["element_id"]: o for o in body["observations"]}
    assert observations[tree]["props"] == {"species": "Karagach"} and observations[tree]["count"] == 11
    # The lane starts from what was known of it (its plan said separated), with the change made here.
    assert observations[lane]["props"] == {"facility": "separated", "two_way": True}
    expect(page.locator(".sv-result")).to_be_visible(timeout=10000)

    # The server keeps them as the as-built props, and the next visit's form starts from them.
    summary = requests.get(f"{app_server.base}/api/projects/{adopted['project_id']}", timeout=5).json()
    kept = {e["element_id"]: e["as_built_props"] for e in summary["plan"]}
    assert kept == {tree: {"species": "Karagach"}, lane: {"facility": "separated", "two_way": True}, sign: None}
    # The public progress page counts the trees found alive now.
    public = pages.new_page(PHONE)
    public.goto(f"{app_server.base}/p/{adopted['project_id']}")
    spread(public)
    # Its list says what each element says of itself: the trees found of the group, the species, the sign's words.
    expect(public.locator(f"#element-{tree}")).to_contain_text("Count: 11 of 12")
    expect(public.locator(f"#element-{tree}")).to_contain_text("Karagach")
    expect(public.locator(f"#element-{sign}")).to_contain_text("Pond")
    expect(public.locator(f"#element-{sign}")).to_contain_text("135°")
    expect(public.locator(f'.sv-marker[data-element-id="{tree}"] .element-badge__count')).to_have_text("11")
    expect(public.locator(f'.sv-marker[data-element-id="{sign}"] .element-badge__arrow')).to_have_attribute(
        "style", "transform: rotate(135deg);"
    )
    page.get_by_role("button", name="Start a new visit").click()
    page.select_option(f"#obs-status-{tree}", "built")
    expect(page.locator(f"#obs-props-{tree}-species")).to_have_value("Karagach")
