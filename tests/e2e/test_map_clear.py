"""What covers what on the map, as the evening found it: in portrait the element panel hid the element tapped; a
Russian tree group's count stood out of line with the other facts; the "No-build zone" label lay under a note's
badge (worse in Kazakh, whose label is longest) and, on the author's phone, under a cluster's count. Each is now
shown where it can be read, at the sizes and in the languages the evening used."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page, expect

from ..support import PARK, LiveClient, create_workshop, join, wait_until
from .conftest import LANDSCAPE, PORTRAIT, assert_accessible, screenshot
from .tablet import Tablet, tap_on
from .test_phone import MAP_TARGETS, PHONE, close_and_adopt, design_as

# Its tests each make a workshop of their own and read only it: one server for the module (conftest.app_server).
pytestmark = pytest.mark.one_server

# A tree by the park's south-eastern corner, where the panel of a portrait tablet opens (bottom right).
EAST_TREE = {"type": "Point", "coordinates": [76.9579, 43.2566]}

BOX = """selector => { const b = document.querySelector(selector)?.getBoundingClientRect();
    return b ? {left: b.left, top: b.top, right: b.right, bottom: b.bottom} : null; }"""


def box_of(page: Page, selector: str) -> dict | None:
    return page.evaluate(BOX, selector)


def overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def inside(inner: dict, outer: dict) -> bool:
    return (
        inner["left"] >= outer["left"]
        and inner["right"] <= outer["right"]
        and inner["top"] >= outer["top"]
        and inner["bottom"] <= outer["bottom"]
    )


def in_sight(page: Page, selector: str) -> bool:
    """Whether the element at `selector` lies on the map, clear of the open element panel, the map at rest."""
    if page.locator(".leaflet-pan-anim, .leaflet-zoom-anim").count():
        return False
    target, panel, map_box = box_of(page, selector), box_of(page, "#element-panel"), box_of(page, "#map")
    return bool(target and panel and map_box) and inside(target, map_box) and not overlap(target, panel)


def test_in_portrait_the_panel_never_hides_the_element_tapped(pages, app_server):
    workshop = create_workshop(app_server.base, PARK)
    author = join(app_server.base, workshop["join_code"], "Aigerim")
    design_as(app_server.base, author["token"], "East side", [("tree", EAST_TREE)])
    for locale in ("en-US", "ru-RU"):
        tablet = Tablet(pages.new_page(PORTRAIT, locale=locale)).join(workshop["join_code"], f"Reader {locale}")
        tablet.wait_counts(points=1)
        tree = ".leaflet-marker-pane .element-marker"
        before = box_of(tablet.page, tree)
        tablet.open_element(tree)
        wait_until(lambda tablet=tablet, tree=tree: in_sight(tablet.page, tree), timeout=10)
        assert box_of(tablet.page, tree) != before, "the map moved the tree out from under the panel"
        screenshot(tablet.page, f"panel-clear-of-tree-portrait-{locale[:2]}")
        tablet.close_panel()
        tablet.page.context.close()


def test_a_tree_groups_facts_line_up_in_russian(pages, app_server):
    workshop = create_workshop(app_server.base, PARK)
    author = join(app_server.base, workshop["join_code"], "Aigerim")
    client = LiveClient(app_server.base, author["token"]).connect()
    try:
        design = client.call("design:create", {"id": str(uuid.uuid4()), "title": "Аллея"})["design"]["id"]
        added = client.call(
            "element:add",
            {
                "id": str(uuid.uuid4()),
                "design_id": design,
                "kind": "tree",
                "geometry": {"type": "Point", "coordinates": [76.9530, 43.2600]},
                "note": "Вдоль дорожки",
                "props": {"species": "Карагач", "count": 12},
            },
        )
        assert added["ok"], added
    finally:
        client.disconnect()
    reader = Tablet(pages.new_page(PORTRAIT, locale="ru-RU")).join(workshop["join_code"], "Болат")
    reader.wait_counts(points=1)
    text = reader.open_element(".leaflet-marker-pane .element-marker")
    assert "Количество деревьев" in text and "12" in text
    # Every value starts where the others do, the count's beside its long label included.
    lefts = reader.page.evaluate(
        "() => [...document.querySelectorAll('#element-panel .element-panel__fact dd')]"
        ".map(dd => Math.round(dd.getBoundingClientRect().left))"
    )
    assert len(lefts) == 5 and len(set(lefts)) == 1, lefts
    # ... and no label runs into its value.
    clear = reader.page.evaluate(
        """() => [...document.querySelectorAll('#element-panel .element-panel__fact')].every(fact => {
            const range = document.createRange();
            range.selectNodeContents(fact.querySelector('dt'));
            return range.getBoundingClientRect().right <= fact.querySelector('dd').getBoundingClientRect().left + 0.5;
        })"""
    )
    assert clear
    assert_accessible(reader.page, "a tree group's facts in Russian")
    screenshot(reader.page, "tree-facts-portrait-ru")


# The label's box and every marker's (an element's badge, a cluster's count), map button's and page panel's over
# the map (the supervision map's key, the element panel), once the map is at rest.
LABEL_AND_MARKERS = """() => {
    if (document.querySelector(".leaflet-zoom-anim, .leaflet-pan-anim, .leaflet-cluster-anim")) return null;
    const box = (element) => { const b = element.getBoundingClientRect();
        return {left: b.left, top: b.top, right: b.right, bottom: b.bottom}; };
    const label = document.querySelector(".site-hole-label");
    const markers = [...document.querySelectorAll("#map .leaflet-marker-icon, #map .leaflet-control, [data-over-map]")]
        .filter(marker => marker.getClientRects().length && getComputedStyle(marker).opacity !== "0");
    return label && markers.length ? {label: box(label), map: box(document.querySelector("#map")),
                                      markers: markers.map(box)} : null;
}"""


def wait_label_clear(page: Page) -> None:
    """Wait until the no-build label lies on the map, under no marker and no map button."""
    seen = {}

    def clear() -> bool:
        seen["last"] = found = page.evaluate(LABEL_AND_MARKERS)
        return (
            bool(found)
            and inside(found["label"], found["map"])
            and not any(overlap(found["label"], marker) for marker in found["markers"])
        )

    try:
        wait_until(clear, timeout=10)
    except AssertionError:
        raise AssertionError(f"the no-build label is covered or off the map: {seen.get('last')}") from None


def test_the_no_build_label_is_never_under_a_marker_in_kazakh(demo):
    for viewport, size in ((LANDSCAPE, "landscape"), (PORTRAIT, "portrait")):
        page = demo.pages.new_page(viewport, locale="kk-KZ")
        Tablet(page).join(demo.code, "Жаңа қатысушы")
        expect(page.locator(".site-hole-label")).to_have_text("Құрылыс салынбайтын аймақ")
        Tablet(page).wait_counts(points=4, lines=1, areas=1)
        wait_label_clear(page)
        screenshot(page, f"no-build-label-{size}-kk")
        page.context.close()


# Trees and benches just outside the park's no-build zone, west, east and north of it: on a phone, at the site's
# zoom, they gather into clusters beside the zone, where its label (wider than the zone) would stand.
AROUND_THE_ZONE = [
    (kind, {"type": "Point", "coordinates": [lon, lat]})
    for kind, lon, lat in (
        ("tree", 76.95585, 43.25835),
        ("tree", 76.95590, 43.25815),
        ("bench", 76.95760, 43.25830),
        ("bench", 76.95765, 43.25820),
        ("tree", 76.95675, 43.25915),
        ("tree", 76.95680, 43.25920),
    )
]


def test_the_no_build_label_is_never_under_a_cluster_on_the_phone(pages, app_server):
    workshop = create_workshop(app_server.base, PARK, title="Memorial walk")
    author = join(app_server.base, workshop["join_code"], "Aru")
    design_as(app_server.base, author["token"], "Green yard", AROUND_THE_ZONE)
    project = close_and_adopt(app_server.base, workshop)
    phone = pages.new_page(PHONE, locale="kk-KZ")
    phone.goto(project["access"][0]["link"])
    targets = phone.wait_for_function(MAP_TARGETS).json_value()
    assert any(target["cluster"] for target in targets), "close markers are gathered on a phone"
    wait_label_clear(phone)
    screenshot(phone, "no-build-label-supervision-phone-kk")
    # Zoomed in, where the markers part, the label still finds a clear place.
    tap_on(phone, ".leaflet-control-zoom-in")
    wait_label_clear(phone)
