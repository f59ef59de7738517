"""The city map (/city) in real Chromium, over a city built through the HTTP API and Socket.IO: an adopted project
with a separated lane, a group of trees, a lawn not planted yet and two signs; two closed workshops whose top designs
propose lanes (one joins the project's lane, one leaves a gap of about 65 m); a workshop still sketching, which the
map leaves out (only published workshops are on it). Layers turn
off and on, the gap is drawn with its distance, the green chart is shown, the page prints on A4 (its figures read
back from the PDF), reads in Kazakh, fits a phone."""

from __future__ import annotations

import gzip
import io
import re
import uuid

import requests
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from cowork.core import i18n

from ..support import LAWN, PARK, TREE, LiveClient, load_sites
from .conftest import assert_accessible, screenshot

WIDE = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 1024, "height": 768}
LANE_LAT = 43.2565  # south of the park's memorial zone, inside its outline
PROJECT_LANE = [[76.9520, LANE_LAT], [76.9540, LANE_LAT]]
JOINING_LANE = [[76.95402, LANE_LAT], [76.9560, LANE_LAT]]  # starts 1.6 m from the project lane's end: one part
DISTANT_LANE = [[76.9568, LANE_LAT], [76.9580, LANE_LAT]]  # starts about 65 m further east: a second part
# Points south at nothing within 300 m (the lanes are 500 m away, the outline behind it): to review.
LOST_SIGN = {"type": "Point", "coordinates": [76.9530, 43.2610]}
# Points south across the project's lane, 222 m ahead.
GOOD_SIGN = {"type": "Point", "coordinates": [76.9530, 43.2585]}
PDF_A4 = (595.92, 842.88)  # points, as Chromium writes A4
MM = 96 / 25.4  # CSS pixels per millimetre


def line(coordinates) -> dict:
    return {"type": "LineString", "coordinates": coordinates}


def closed_workshop(base: str, title: str, elements: list[tuple[str, dict, dict]], boundary: dict = PARK) -> dict:
    """A workshop whose one design holds these (kind, geometry, props), then closed; its ids and tokens."""
    workshop = requests.post(
        f"{base}/api/workshops", json={"title": title, "site_name": title, "boundary": boundary}, timeout=10
    ).json()
    author = requests.post(f"{base}/api/join", json={"code": workshop["join_code"], "name": "Aru"}, timeout=10).json()
    tablet = LiveClient(base, author["token"]).connect()
    design = tablet.call("design:create", {"id": str(uuid.uuid4()), "title": f"{title} plan"})["design"]["id"]
    ids = []
    for kind, geometry, props in elements:
        ids.append(str(uuid.uuid4()))
        added = tablet.call(
            "element:add", {"id": ids[-1], "design_id": design, "kind": kind, "geometry": geometry, "props": props}
        )
        assert added["ok"], added
    tablet.disconnect()
    facilitator = LiveClient(base, workshop["facilitator_token"]).connect()
    assert facilitator.call("phase:set", {"phase": "closed"})["ok"]
    facilitator.disconnect()
    return {**workshop, "design_id": design, "element_ids": ids}


def build_city(base: str) -> dict:
    """The city of the module docstring; returns the adopted project's id."""
    park = closed_workshop(
        base,
        "Panfilov Park",
        [
            ("bike_lane", line(PROJECT_LANE), {"facility": "separated", "two_way": True}),
            ("tree", TREE, {"species": "Oak", "count": 4}),
            ("green_area", LAWN, {}),
            ("sign", LOST_SIGN, {"text": "To the river", "bearing": 180, "sign_type": "direction"}),
            ("sign", GOOD_SIGN, {"text": "Bike park", "bearing": 180, "sign_type": "direction"}),
        ],
    )
    lane, tree = park["element_ids"][:2]
    project = requests.post(
        f"{base}/api/workshops/{park['id']}/projects",
        timeout=10,
        headers={"Authorization": f"Bearer {park['facilitator_token']}"},
        json={"design_id": park["design_id"], "title": "Alley of oaks", "organisation": "Akimat"},
    ).json()
    key = {"Authorization": f"Bearer {project['access'][0]['key']}"}
    for date, alive in (("2027-05-10", 3), ("2027-06-01", 2)):
        visit = requests.post(
            f"{base}/api/projects/{project['id']}/visits",
            headers=key,
            timeout=10,
            json={
                "date": date,
                "observations": [
                    {"element_id": tree, "status": "built", "count": alive},
                    {"element_id": lane, "status": "built"},
                ],
            },
        )
        assert visit.status_code == 201, visit.text
    closed_workshop(base, "Zhibek Zholy", [("bike_lane", line(JOINING_LANE), {"facility": "painted"})])
    closed_workshop(base, "Kok Tobe road", [("bike_lane", line(DISTANT_LANE), {"facility": "shared"})])
    requests.post(
        f"{base}/api/workshops",
        timeout=10,
        json={"title": "Vesnovka", "site_name": "Vesnovka", "boundary": load_sites()[1]["geometry"]},
    ).raise_for_status()
    return {"project_id": project["id"]}


# Whether every table of figures stays inside its section and clear of the others (two may sit side by side); the
# charts' tables for screen readers are clipped to nothing, whatever their box says.
TABLES_FIT = """() => {
    const tables = [...document.querySelectorAll(".city-section table:not(.visually-hidden)")]
        .map((table) => [table, table.getBoundingClientRect()]);
    const inside = tables.every(([table, box]) => {
        const section = table.closest(".city-section").getBoundingClientRect();
        return box.left >= section.left && box.right <= section.right;
    });
    const apart = tables.every(([, a], i) => tables.slice(i + 1).every(([, b]) =>
        a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top));
    return inside && apart;
}"""


# The size each word of the green charts is drawn at, in CSS pixels: its font size times the drawing's scale.
CHART_TEXT_PX = """() => [...document.querySelectorAll("#green-chart svg")].flatMap((svg) => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll("text")].map((text) => parseFloat(getComputedStyle(text).fontSize) * scale);
})"""


def open_city(page: Page, language: str = "en") -> None:
    page.goto(f"/lang/{language}?next=/city")
    expect(page.locator("body")).to_have_attribute("data-city-ready", "true")


def shapes(page: Page, layer: str):
    return page.locator(f"#map path.city-shape--{layer}")


def metres(language: str, value: float) -> str:
    """A length as the page writes it: the shared rounding of the server's catalogues."""
    return i18n.translate(
        language, "unit.m", value=i18n.format_number(language, value, i18n.measure_decimals("length_m", value))
    )


def area(language: str, value: float) -> str:
    """An area as the page writes it (the same shared rounding)."""
    return i18n.translate(
        language, "unit.m2", value=i18n.format_number(language, value, i18n.measure_decimals("area_m2", value))
    )


def unspaced(text: str) -> str:
    """Text with no white space at all: a PDF's text breaks its lines where the layout did."""
    return re.sub(r"\s", "", text)


def test_the_city_map_shows_layers_figures_and_prints(pages, app_server):
    built = build_city(app_server.base)
    city = requests.get(f"{app_server.base}/api/city", timeout=10).json()
    assert city["cycle_network"]["parts"] == 2 and len(city["cycle_network"]["gaps"]) == 1, city["cycle_network"]
    [gap] = city["cycle_network"]["gaps"]
    page = pages.new_page(WIDE, touch=False)
    page.goto("/")
    page.get_by_role("link", name="The city map: every published site and adopted project").click()
    expect(page).to_have_url(re.compile("/city$"))
    expect(page.locator("body")).to_have_attribute("data-city-ready", "true")

    # Every layer is drawn; the cycle network's three lanes and the signs leave the map and come back.
    expect(shapes(page, "cycle")).to_have_count(3)
    expect(shapes(page, "sites")).to_have_count(3)  # the three closed ones; the one still sketching is not published
    expect(page.locator("#map .city-sign-marker")).to_have_count(2)
    page.locator("#layer-cycle").uncheck()
    expect(shapes(page, "cycle")).to_have_count(0)
    expect(shapes(page, "sites")).to_have_count(3)
    page.locator("#layer-cycle").check()
    expect(shapes(page, "cycle")).to_have_count(3)
    page.locator("#layer-signs").uncheck()
    expect(page.locator("#map .city-sign-marker")).to_have_count(0)
    page.locator("#layer-signs").check()
    expect(page.locator("#map .city-sign-marker.leaflet-marker-icon")).to_have_count(2)
    expect(page.locator("#map .city-sign.is-review")).to_have_count(1)
    # The lost sign's arrow is turned to its bearing (south: 180°).
    assert page.locator("#map .city-sign.is-review svg").evaluate("svg => svg.style.transform") == "rotate(180deg)"

    # The gap: a line between the two ends, labelled with its distance; listed, and shown on the map from the list.
    expect(shapes(page, "gaps")).to_have_count(1)
    expect(page.locator(".city-gap-label")).to_have_text(metres("en", gap["distance_m"]))
    expect(page.locator("#gap-list .city-gap")).to_have_text(
        re.compile(f"Parts 1 and 2: {re.escape(metres('en', gap['distance_m']))}")
    )
    # At the city's zoom the gap is a short thin line; a finger's tap beside it still opens its card.
    page.locator("#map").evaluate("map => map.scrollIntoView({block: 'end'})")
    gap_box = shapes(page, "gaps").bounding_box()
    assert gap_box["height"] < 10, gap_box
    page.mouse.click(gap_box["x"] + gap_box["width"] / 2, gap_box["y"] + gap_box["height"] / 2 + 10)
    expect(page.locator("#shape-info")).to_be_visible()
    expect(page.locator("#shape-info .city-info__title")).to_have_text("Gap in the cycle network")
    page.keyboard.press("Escape")
    page.locator("#layer-gaps").uncheck()
    expect(page.locator(".city-gap-label")).to_have_count(0)
    page.get_by_role("button", name="Show gap 1 on the map").click()
    expect(page.locator("#layer-gaps")).to_be_checked()
    gap_box, map_box = shapes(page, "gaps").bounding_box(), page.locator("#map").bounding_box()
    assert map_box["x"] <= gap_box["x"] and gap_box["x"] + gap_box["width"] <= map_box["x"] + map_box["width"]
    assert gap_box["width"] > 40, "the gap is shown close enough to see it"

    # Figures: lengths by status and facility, the green totals and chart, projects linking to their pages, signs.
    network = city["cycle_network"]
    expect(page.locator('#cycle tr[data-key="built"] td')).to_have_text(
        metres("en", network["length_m_by_status"]["built"])
    )
    expect(page.locator('#cycle tr[data-key="proposed"] td')).to_have_text(
        metres("en", network["length_m_by_status"]["proposed"])
    )
    expect(page.locator('#cycle tr[data-key="shared"] td')).to_have_text(
        metres("en", network["length_m_by_facility"]["shared"])
    )
    expect(page.locator("#cycle")).to_contain_text("2 connected parts")
    green = city["green"]
    area_short = green["green_area_m2_shortfall"]
    assert area_short == round(green["green_area_m2_required"] - green["green_area_m2_alive"], 1)
    assert area_short > 0, "the lawn is not planted yet"
    required = [str(green["trees_required"]), area("en", green["green_area_m2_required"])]
    expect(page.locator('#green tr[data-key="required"] td')).to_have_text(required)
    expect(page.locator('#green tr[data-key="alive"] td').first).to_have_text(str(green["trees_alive"]))
    expect(page.locator('#green tr[data-key="shortfall"] td').last).to_have_text(area("en", area_short))
    expect(page.locator("#green-chart .sv-chart")).to_have_count(2)
    expect(page.locator("#green-chart .sv-chart__dot")).to_have_count(4)  # two visits, two charts
    link = page.locator(f'#project-list a[href="/p/{built["project_id"]}"]')
    expect(link).to_have_text("Alley of oaks")
    owed = next(p["green"] for p in city["projects"] if p["id"] == built["project_id"])
    short_text = ", ".join(
        ([f"{owed['trees_shortfall']} trees"] if owed["trees_shortfall"] else []) + [area("en", area_short)]
    )
    expect(page.locator("#project-list .city-project.is-short")).to_contain_text(f"Shortfall: {short_text}")
    expect(page.locator("#signs")).to_contain_text("2 signs on the map")
    expect(page.locator("#review-list li")).to_have_text(re.compile("“To the river”, arrow to 180° \\(south\\)"))
    # Every sign in view, the one to review first: its text, type, arrow turned to its bearing, its project, the
    # mark. The list follows the map (the gap's close view holds no sign): the page opened again shows the city.
    expect(page.locator("#sign-list li")).to_have_count(0)
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-city-ready", "true")
    every = page.locator("#sign-list li")
    expect(every).to_have_text(
        [
            re.compile(r"“To the river” · Direction · arrow to 180° \(south\) · Alley of oaks · To review"),
            re.compile(r"“Bike park” · Direction · arrow to 180° \(south\) · Alley of oaks$"),
        ]
    )
    expect(every.first).to_have_class(re.compile("is-review"))
    assert every.last.locator("svg").evaluate("svg => svg.style.transform") == "rotate(180deg)"
    expect(every.first.get_by_role("link", name="Alley of oaks")).to_have_attribute("href", f"/p/{built['project_id']}")

    # A tapped lane names its project and links to its public progress page (the built one is drawn green; the
    # click goes to the path, as a finger's would, whatever else the map shows at this zoom around it).
    page.locator('#map path.city-shape--cycle[stroke="#2e7d32"]').dispatch_event("click")
    expect(page.locator("#shape-info")).to_contain_text("Built · Separated track")
    expect(page.locator("#shape-info a")).to_have_attribute("href", f"/p/{built['project_id']}")
    # The card closes: with its finger-sized button named in the page's language, with Esc, with a tap on the
    # empty map, and when "Show gap" moves the map.
    card, lane = page.locator("#shape-info"), page.locator('#map path.city-shape--cycle[stroke="#2e7d32"]')
    close = card.get_by_role("button", name="Close")
    box = close.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, box
    close.click()
    expect(card).to_be_hidden()
    lane.dispatch_event("click")
    expect(card).to_be_visible()
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    lane.dispatch_event("click")
    map_box = page.locator("#map").bounding_box()
    corner = {"x": map_box["width"] - 12, "y": 12}
    assert (
        page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).id", [map_box["x"] + corner["x"], map_box["y"] + corner["y"]]
        )
        == "map"
    )
    page.locator("#map").click(position=corner)
    expect(card).to_be_hidden()
    lane.dispatch_event("click")
    page.get_by_role("button", name="Show gap 1 on the map").click()
    expect(card).to_be_hidden()
    # From the keyboard: Enter on a sign opens its card with the focus in it; Esc gives the focus back to the sign.
    sign = page.locator("#map .city-sign-marker").first
    sign.focus()
    page.keyboard.press("Enter")
    expect(card).to_be_focused()
    expect(card).to_contain_text("Sign")
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    expect(sign).to_be_focused()
    lane.dispatch_event("click")
    screenshot(page, "city-wide")
    assert_accessible(page, "city map")
    link.click()
    expect(page).to_have_url(re.compile(f"/p/{built['project_id']}$"))
    page.go_back()
    expect(page.locator("body")).to_have_attribute("data-city-ready", "true")

    # On paper: the map across the A4 page, the switches and navigation gone, the figures after the map.
    page.locator("#layer-green").uncheck()
    page.emulate_media(media="print")
    map_box = page.locator("#map").bounding_box()
    assert abs(map_box["width"] - 182 * MM) < 2 and abs(map_box["height"] - 125 * MM) < 2, map_box
    for hidden in ("#print", ".lang-bar", ".leaflet-control-zoom", "#layer-cycle"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator(".city-switch", has=page.locator("#layer-green"))).to_be_hidden()  # a layer turned off: no key
    expect(page.locator(".city-switch", has=page.locator("#layer-cycle")).locator(".city-key")).to_be_visible()
    for section in ("#cycle", "#green", "#signs"):
        assert page.locator(section).bounding_box()["y"] > map_box["y"] + map_box["height"], section
    expect(page.locator("#cycle")).to_contain_text(metres("en", gap["distance_m"]))
    expect(page.locator("#green-chart")).to_be_visible()
    printed = PdfReader(io.BytesIO(page.pdf(format="A4"))).pages
    assert 2 <= len(printed) <= 4, [p.mediabox.width for p in printed]
    assert all(
        abs(float(p.mediabox.width) - PDF_A4[0]) < 1 and abs(float(p.mediabox.height) - PDF_A4[1]) < 1 for p in printed
    )
    texts = [p.extract_text() for p in printed]
    assert unspaced("City map") in unspaced(texts[0]), "the title and the map open the report"
    paper = unspaced("".join(texts))
    for figure in (
        f"Parts 1 and 2: {metres('en', gap['distance_m'])}",
        metres("en", network["length_m_by_status"]["built"]),
        "2 connected parts",
        area("en", green["green_area_m2_required"]),
        "Alley of oaks",
        "“To the river”, arrow to 180°",
        "“Bike park” · Direction · arrow to 180° (south)",
        "Trees alive in the city at each visit",
    ):
        assert unspaced(figure) in paper, figure
    assert unspaced("Print the city report") not in paper and unspaced("Show gap 1") not in paper

    # The print dialog (the page's button) gives the map its paper box before the paper layout, and takes it back.
    page.emulate_media(media="screen")
    screen_width = page.locator("#map").bounding_box()["width"]
    page.get_by_role("button", name="Show gap 1 on the map").click()
    gap_box = shapes(page, "gaps").bounding_box()
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert abs(page.locator("#map").bounding_box()["width"] - 182 * MM) < 1
    expect(shapes(page, "sites")).to_have_count(3)
    assert shapes(page, "gaps").bounding_box()["width"] < gap_box["width"] / 2, "on paper, the whole city"
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("#map").bounding_box()["width"] == screen_width
    assert shapes(page, "gaps").bounding_box() == gap_box, "back on screen, the view the person had"


def test_the_city_map_reads_in_kazakh_and_fits_a_phone(pages, app_server):
    build_city(app_server.base)
    city = requests.get(f"{app_server.base}/api/city", timeout=10).json()
    [gap] = city["cycle_network"]["gaps"]
    page = pages.new_page(PHONE)
    open_city(page, "kk")
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    expect(page).to_have_title("Қала картасы · cowork")
    expect(page.locator("h1")).to_have_text("Қала картасы")
    expect(page.locator(".city-gap-label")).to_have_text(metres("kk", gap["distance_m"]))
    # Leaflet's own zoom buttons too (its defaults are English), as on every map page (shared/map/base-map.js).
    expect(page.locator(".leaflet-control-zoom-in")).to_have_attribute("title", i18n.translate("kk", "map.zoom_in"))
    expect(page.locator(".leaflet-control-zoom-out")).to_have_attribute(
        "aria-label", i18n.translate("kk", "map.zoom_out")
    )
    expect(page.locator("#cycle")).to_contain_text("2 байланысқан бөлік")
    expect(page.locator("#layers")).to_contain_text("Велосипед желісі")
    expect(page.locator("#sign-list li").first).to_contain_text(
        "«To the river» · Бағыт көрсеткіш · нұсқар 180° (оңтүстік)"
    )
    expect(page.locator("#sign-list li").first).to_contain_text("Тексеру керек")
    expect(page.locator('.lang-switch__link[aria-current="true"]')).to_have_text("Қазақша")

    # One column: the map, then the layer switches, then the figures; nothing wider than the phone.
    boxes = {name: page.locator(name).bounding_box() for name in ("#map", "#layers", "#cycle", "#green", "#signs")}
    assert boxes["#map"]["width"] > 330
    assert boxes["#layers"]["y"] >= boxes["#map"]["y"] + boxes["#map"]["height"]
    assert boxes["#cycle"]["y"] >= boxes["#layers"]["y"] + boxes["#layers"]["height"]
    assert boxes["#green"]["y"] > boxes["#cycle"]["y"] and boxes["#signs"]["y"] > boxes["#green"]["y"]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    # A switch is reached and turned with a finger.
    page.locator("#layer-plans").tap()
    expect(shapes(page, "plans")).to_have_count(0)
    page.locator("#layer-plans").tap()
    expect(shapes(page, "plans")).not_to_have_count(0)
    expect(page.locator("#green-chart .sv-chart")).to_have_count(2)
    # The chart's words are read on the phone at their CSS size: the drawing is not scaled down to fit.
    assert min(page.evaluate(CHART_TEXT_PX)) >= 12, page.evaluate(CHART_TEXT_PX)
    page.evaluate("() => window.scrollTo(0, 0)")
    screenshot(page, "city-phone-kk")
    assert_accessible(page, "city map, Kazakh, phone")

    # At a desk, Kazakh's long words still fit: no table of figures runs over its section or over another.
    page.set_viewport_size(WIDE)
    assert page.evaluate(TABLES_FIT), "a table of figures runs over its neighbour or its section"
    # ... and every word of the layers' key stays inside the layer panel ("Жоспарланған" ran past it at 1440 px).
    for size in (WIDE, {"width": 1440, "height": 900}):
        page.set_viewport_size(size)
        outside = page.evaluate(
            """() => {
                const panel = document.querySelector("#layers").getBoundingClientRect();
                return [...document.querySelectorAll("#layers .city-key__item span")].filter(span => {
                    const words = span.getBoundingClientRect();
                    return words.width && (words.right > panel.right - 4 || words.left < panel.left);
                }).map(span => span.textContent);
            }"""
        )
        assert not outside, (size, outside)

    # On a tablet, the layer panel shows every switch and its whole key: nothing scrolls or is cut inside it; the
    # map beside it grows with it, no taller than the screen.
    page.set_viewport_size(TABLET)
    panel = page.locator("#layers")
    assert panel.evaluate("p => p.scrollHeight <= p.clientHeight + 1"), "the layer panel scrolls inside"
    panel_box = panel.bounding_box()
    for item in page.locator("#layers input[type=checkbox], #layers .city-key__item").all():
        box = item.bounding_box()
        assert panel_box["y"] <= box["y"] and box["y"] + box["height"] <= panel_box["y"] + panel_box["height"], box
    map_box = page.locator("#map").bounding_box()
    assert TABLET["height"] * 0.68 - 1 <= map_box["height"] <= TABLET["height"], map_box


def test_a_city_with_nothing_published_yet_shows_zeros_and_says_so(pages, app_server):
    page = pages.new_page(WIDE, touch=False)
    open_city(page)
    expect(page.locator("#summary")).to_have_text("0 sites, 0 projects, 0 m of cycle network.")
    expect(page.locator("#map path.city-shape")).to_have_count(0)
    expect(page.locator("#cycle")).to_contain_text("No gaps of up to 150 m between parts.")
    expect(page.locator("#green")).to_contain_text("No adopted project yet.")
    expect(page.locator("#green")).to_contain_text("No visits yet")
    expect(page.locator("#signs")).to_contain_text("Every sign points at a path, a bike lane or a site.")
    assert_accessible(page, "empty city map")


def test_a_phone_loads_the_city_in_under_300_kb_before_it_is_usable(pages, app_server):
    """Every response Chromium receives from the first request to the page saying it is ready, at phone size: the
    figures, then the layers of the view, never the whole city. Counted as nginx sends them with docs/nginx.conf
    (gzip at its default level 1 for scripts, styles and JSON; run.py itself sends them whole): under 300 KB. Then
    the view moves and the page reads in Russian (a screenshot to look at)."""
    build_city(app_server.base)
    page = pages.new_page(PHONE, intercept=False)
    responses: list = []
    page.on("response", lambda response: responses.append(response))
    page.goto("/city")
    expect(page.locator("body")).to_have_attribute("data-city-ready", "true")
    ready = {response.url: response.body() for response in list(responses)}
    sent = {
        url: len(gzip.compress(body, compresslevel=1)) if len(body) >= 1024 else len(body)
        for url, body in ready.items()
    }
    whole, compressed = sum(len(body) for body in ready.values()), sum(sent.values())
    data = {url: size for url, size in sent.items() if "/api/city" in url}
    assert any("/api/city/layers?" in url for url in data) and len(data) == 2, data  # the figures, one view
    assert compressed < 300_000, sorted(sent.items(), key=lambda item: -item[1])[:10]
    assert sum(data.values()) < 10_000, data
    # The report's figures (pytest -s shows them).
    print(f"phone first load: {compressed / 1000:.0f} kB as nginx sends it, {whole / 1000:.0f} kB whole")
    # The view moves: the layers of the new view are asked for (once the map rests) and drawn.
    asked = len([url for url in ready if "/api/city/layers?" in url])
    page.locator(".leaflet-control-zoom-out").tap()
    page.wait_for_function(
        "asked => performance.getEntriesByType('resource')"
        ".filter(entry => entry.name.includes('/api/city/layers?')).length > asked",
        arg=asked,
    )
    expect(page.locator("#map path.city-shape--sites, #map path.city-cluster--sites")).not_to_have_count(0)
    open_city(page, "ru")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("#cycle")).to_contain_text("2")
    page.evaluate("() => window.scrollTo(0, 0)")
    screenshot(page, "city-phone-ru")
