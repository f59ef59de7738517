"""A facilitator on a tablet makes a workshop from a GIS file: a zipped Shapefile in UTM (made by ogr2ogr) holding
two sites; both show on the map, the smaller is picked on the map, and the workshop is created on it."""

from __future__ import annotations

import base64
import json
import re

import pytest
import requests
from playwright.sync_api import expect
from shapely.geometry import shape

from ..site_files import (
    PARK_FEATURE,
    PARK_NAME,
    YARDS_FEATURE,
    YARDS_NAME,
    collection,
    every_format,
    round_park,
    shapefile_zip,
    write_geojson,
)
from ..support import ServerProcess
from ..untrusted.files import big_site_file
from .conftest import LANDSCAPE, WatchedPages, assert_accessible, screenshot
from .tablet import tap, tap_on

PHONE = {"width": 390, "height": 844}


def two_sites_zip(folder) -> bytes:
    source = write_geojson(folder, "two-sites", collection(PARK_FEATURE, YARDS_FEATURE))
    return shapefile_zip(source, folder, "-t_srs", "EPSG:32643")


def screen_point(page, selector: str, geometry: dict, lonlat: tuple[float, float]) -> tuple[float, float]:
    """Where a lon/lat lies on screen, from where the map drew a geometry (its path's box is the geometry's bounds;
    over a few hundred metres Web Mercator is linear enough)."""
    box = page.locator(selector).bounding_box()
    minx, miny, maxx, maxy = shape(geometry).bounds
    return (
        box["x"] + (lonlat[0] - minx) / (maxx - minx) * box["width"],
        box["y"] + (maxy - lonlat[1]) / (maxy - miny) * box["height"],
    )


def test_a_two_site_shapefile_is_picked_from_on_the_map(pages, app_server, tmp_path):
    path = tmp_path / "two-sites.zip"
    path.write_bytes(two_sites_zip(tmp_path))
    page = pages.new_page(LANDSCAPE)
    page.goto("/new")
    page.fill("#workshop-title", "Yards of house 12")
    page.set_input_files("#site-file", str(path))

    candidates = page.locator("path.site-candidate")
    expect(candidates).to_have_count(2)
    expect(page.locator("path.site-candidate--chosen")).to_have_count(1)
    buttons = page.locator("#site-candidate-list button")
    expect(buttons).to_have_count(2)
    expect(buttons.nth(0)).to_contain_text(PARK_NAME)
    expect(buttons.nth(0)).to_have_attribute("aria-pressed", "true")
    expect(buttons.nth(1)).to_contain_text(YARDS_NAME)
    expect(page.locator("#site-name")).to_have_value(PARK_NAME)  # empty, so the pick named it
    expect(page.locator("#site-file-status")).to_contain_text("2 polygons in two-sites.zip")
    screenshot(page, "new-workshop-file-tablet")
    assert_accessible(page, "new-with-candidates")

    # Tap the smaller site (the yards, drawn dashed) on the map, inside its first yard.
    yards = YARDS_FEATURE["geometry"]
    inside = shape({"type": "Polygon", "coordinates": yards["coordinates"][0]}).representative_point()
    unchosen = "path.site-candidate:not(.site-candidate--chosen)"
    tap(page, *screen_point(page, unchosen, yards, (inside.x, inside.y)))
    expect(buttons.nth(1)).to_have_attribute("aria-pressed", "true")
    expect(buttons.nth(0)).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#site-name")).to_have_value(YARDS_NAME)
    expect(page.locator("#boundary-summary")).to_contain_text("2")  # the yards are two areas
    screenshot(page, "new-workshop-file-picked")

    tap_on(page, "#new-submit")
    expect(page.locator("#created")).to_be_visible()
    workshop_id = page.locator("#created-open").get_attribute("href").rsplit("/", 1)[1]
    created = requests.get(f"{app_server.base}/api/workshops/{workshop_id}", timeout=10).json()
    parsed = requests.post(
        f"{app_server.base}/api/sites/parse", files={"file": ("two-sites.zip", path.read_bytes())}, timeout=30
    ).json()
    assert shape(created["boundary"]).equals(shape(parsed["candidates"][1]["boundary"]))
    assert created["site_name"] == YARDS_NAME
    assert shape(created["boundary"]).symmetric_difference(shape(yards)).area < 1e-3 * shape(yards).area


def test_on_a_phone_the_file_and_its_candidates_fit(pages, app_server, tmp_path):
    path = tmp_path / "two-sites.zip"
    path.write_bytes(two_sites_zip(tmp_path))
    page = pages.new_page(PHONE)
    page.goto("/new")
    page.set_input_files("#site-file", str(path))
    expect(page.locator("path.site-candidate")).to_have_count(2)
    tap_on(page, "#site-candidate-list button >> nth=1")
    expect(page.locator("#site-candidate-list button").nth(1)).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]  # nothing spills sideways
    screenshot(page, "new-workshop-file-phone")


def test_a_file_that_holds_no_site_is_refused_in_the_pages_language(pages, app_server, tmp_path):
    page = pages.new_page(LANDSCAPE, locale="ru-RU")
    page.goto("/new")
    assert page.evaluate("() => document.documentElement.lang") == "ru"
    path = tmp_path / "notes.txt"
    path.write_bytes(b"not a map at all")
    page.set_input_files("#site-file", str(path))
    expect(page.locator("#new-error")).to_have_text(
        "Этот файл не удаётся прочитать. Используйте GeoJSON, KML, KMZ, GeoPackage или Shapefile в zip-архиве "
        "(.shp вместе с .shx, .dbf и .prj)."
    )
    expect(page.locator("path.site-candidate")).to_have_count(0)
    # The browser notes the refused request (415) in its console: expected here, not a fault of the page.
    pages.problems[:] = [p for p in pages.problems if "status of 415" not in p]


def test_a_file_dropped_on_the_map_is_read(pages, app_server, tmp_path):
    source = write_geojson(tmp_path, "park", collection(PARK_FEATURE))
    kmz = base64.b64encode(every_format(source, tmp_path)["kmz"][1]).decode()
    page = pages.new_page(LANDSCAPE)
    page.goto("/new")
    dropped = page.evaluate_handle(
        """([name, b64]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
        return transfer;
    }""",
        ["park.kmz", kmz],
    )
    page.dispatch_event("#new-map", "dragover", {"dataTransfer": dropped})
    expect(page.locator("#site-file-zone")).to_have_class(re.compile(r"\bis-dragging\b"))
    page.dispatch_event("#new-map", "drop", {"dataTransfer": dropped})
    expect(page.locator("#site-file-status")).to_have_text("1 polygon in park.kmz")
    expect(page.locator("#site-file-zone")).not_to_have_class(re.compile(r"\bis-dragging\b"))
    expect(page.locator("path.site-candidate--chosen")).to_have_count(1)
    expect(page.locator("#site-candidates")).to_be_hidden()  # one polygon: nothing to choose
    expect(page.locator("#boundary-summary")).to_contain_text("1")


def test_the_candidates_are_picked_with_the_keyboard_too(pages, app_server, tmp_path):
    path = tmp_path / "two-sites.zip"
    path.write_bytes(two_sites_zip(tmp_path))
    page = pages.new_page(LANDSCAPE, touch=False)
    page.goto("/new")
    page.set_input_files("#site-file", str(path))
    buttons = page.locator("#site-candidate-list button")
    expect(buttons).to_have_count(2)
    buttons.nth(1).focus()
    page.keyboard.press("Enter")
    expect(buttons.nth(1)).to_have_attribute("aria-pressed", "true")
    expect(buttons.nth(1)).to_be_focused()  # the list is drawn anew; the focus stays on the pick
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(buttons.nth(0)).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#site-name")).to_have_value(PARK_NAME)


def test_a_site_too_detailed_for_the_city_map_is_simplified_from_a_file_and_refused_when_pasted(
    pages, app_server, tmp_path
):
    detailed = round_park(300, 2000, "Round park")
    path = tmp_path / "round.geojson"
    path.write_text(json.dumps(collection(detailed)), encoding="utf-8")
    page = pages.new_page(LANDSCAPE)
    page.goto("/new")
    page.fill("#workshop-title", "The round park")
    page.set_input_files("#site-file", str(path))
    expect(page.locator("#site-file-status")).to_contain_text(
        "An outline had more than 500 points and was simplified to fit the city map, moving by at most 0.02 m"
    )
    expect(page.locator("path.site-candidate--chosen")).to_have_count(1)

    # The same outline pasted is not simplified by the server: the page says the cap before anything is sent.
    page.locator("details.geojson-input summary").click()
    page.fill("#geojson-text", json.dumps(detailed["geometry"]))
    tap_on(page, "#geojson-show")
    expect(page.locator("#new-error")).to_contain_text("This boundary has 2,000 points; a site may have at most 500")
    expect(page.locator("path.site-candidate--chosen")).to_have_count(1)  # the file's outline is still the site

    tap_on(page, "#new-submit")
    expect(page.locator("#created")).to_be_visible()
    workshop_id = page.locator("#created-open").get_attribute("href").rsplit("/", 1)[1]
    created = requests.get(f"{app_server.base}/api/workshops/{workshop_id}", timeout=10).json()
    assert len(created["boundary"]["coordinates"][0]) <= 500
    assert shape(created["boundary"]).hausdorff_distance(shape(detailed["geometry"])) < 1e-5  # under a metre


@pytest.fixture
def stingy_server(tmp_path) -> ServerProcess:
    """A server whose worker for untrusted files may spend 10 ms of CPU: no site file fits in that."""
    server = ServerProcess(
        f"sqlite:///{tmp_path / 'e2e.db'}", instance=tmp_path, env={"COWORK_UNTRUSTED_CPU_SECONDS": "0.01"}
    )
    yield server
    server.stop()


def test_a_file_too_costly_to_read_is_refused_in_the_pages_language(browser, stingy_server, tmp_path):
    watched = WatchedPages(browser, stingy_server.base)
    try:
        page = watched.new_page(PHONE, locale="kk-KZ")
        page.goto("/new")
        ponds = tmp_path / "ponds.geojson"
        ponds.write_bytes(big_site_file(100_000))  # 2.4 MB: GDAL needs some 0.2 s of CPU, twenty times the budget
        page.set_input_files("#site-file", str(ponds))
        expect(page.locator("#new-error")).to_have_text(
            "Сервер бұл файлды тым ұзақ оқыды. Жеңілірек файл жіберіңіз: пішіндер не нүктелер азырақ болсын "
            "(ГАЖ бағдарламасы оны жеңілдете алады).",
            timeout=30_000,
        )
        expect(page.locator("path.site-candidate")).to_have_count(0)
        screenshot(page, "site-file-too-costly-kk-phone")
        # The browser notes the refused request (422) in its console: expected here, not a fault of the page.
        watched.problems[:] = [p for p in watched.problems if "status of 422" not in p]
    finally:
        watched.close()
    assert not watched.problems, "\n".join(watched.problems)
