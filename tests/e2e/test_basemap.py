"""The offline base map in real Chromium: with COWORK_BASEMAP set (and a tile server set too, which nobody may
reach), a participant's tablet, the projector, the results' folium maps, the progress page, the city map and the
report draw the file's tiles from /tiles/, each one the colour the file holds, never asking beyond its zoom levels,
and the tiles it lacks cause no console error."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from ..hostile import build_hostile_workshop
from ..mbtiles import PARK_CENTRE, build_mbtiles, tile_bounds, tile_of
from ..support import ServerProcess, create_workshop
from .conftest import LANDSCAPE, PORTRAIT, screenshot
from .tablet import Tablet, tap_on

TILE_SERVER = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
ZOOMS = (14, 15, 16)
TILE = re.compile(r"/tiles/(\d+)/(\d+)/(\d+)$")

# Every tile image of the page's maps: its address, whether it has loaded, its width, and the colour of its middle
# pixel as the browser decoded it (the tiles are our own origin's, so a canvas may read them).
TILE_IMAGES = """(selector) => [...document.querySelectorAll(selector)].map((img) => {
    let rgb = null;
    if (img.complete && img.naturalWidth > 1) {
        const canvas = document.createElement("canvas");
        canvas.width = canvas.height = 1;
        const context = canvas.getContext("2d");
        context.drawImage(img, img.naturalWidth / 2, img.naturalHeight / 2, 1, 1, 0, 0, 1, 1);
        rgb = [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    }
    return {src: img.src, complete: img.complete, width: img.naturalWidth, rgb};
})"""
ALL_LOADED = """(selector) => {
    const tiles = [...document.querySelectorAll(selector)];
    return tiles.length > 0 && tiles.every((img) => img.complete && img.naturalWidth > 0);
}"""


# The file: nine tiles a level around the park at 14–16, less one beside the park's middle at 16 (which the map
# asks for, lacking), and `bounds` around the tiles at 16 (beyond which the map asks for nothing).
X16, Y16 = tile_of(*PARK_CENTRE, 16)
HOLE = (16, X16 + 1, Y16)
WEST, NORTH = tile_bounds(16, X16 - 1, Y16 - 1)[0], tile_bounds(16, X16 - 1, Y16 - 1)[3]
EAST, SOUTH = tile_bounds(16, X16 + 1, Y16 + 1)[2], tile_bounds(16, X16 + 1, Y16 + 1)[1]


@pytest.fixture
def tileset(tmp_path):
    return build_mbtiles(
        tmp_path / "almaty.mbtiles",
        zooms=ZOOMS,
        radius=1,
        leave_out=[HOLE],
        metadata={"attribution": "© Almaty city GIS", "bounds": f"{WEST},{SOUTH},{EAST},{NORTH}"},
    )


@pytest.fixture
def app_server(tmp_path, tileset) -> ServerProcess:
    """run.py with the base map file, and COWORK_TILE_URL pointing at a server off this machine."""
    server = ServerProcess(
        f"sqlite:///{tmp_path / 'e2e.db'}",
        instance=tmp_path,
        env={"COWORK_BASEMAP": str(tileset.path), "COWORK_TILE_URL": TILE_SERVER},
    )
    yield server
    server.stop()


class Requests:
    """Every request a page's context made, and where it went."""

    def __init__(self, page: Page):
        self.urls: list[str] = []
        page.context.on("request", lambda request: self.urls.append(request.url))

    def tiles(self) -> list[tuple[int, int, int]]:
        """The z/x/y of every tile asked for from /tiles/."""
        found = (TILE.search(urlsplit(url).path) for url in self.urls)
        return [tuple(int(n) for n in match.groups()) for match in found if match]

    def assert_all_ours(self, base: str) -> None:
        """Nothing went anywhere but our own origin (or stayed in the page as data)."""
        strays = [url for url in self.urls if not url.startswith((base + "/", "data:", "blob:"))]
        assert strays == [], strays
        assert not any("openstreetmap" in url for url in self.urls)


def wait_tiles(page: Page, selector: str) -> list[dict]:
    """Once every tile image of the maps has loaded: what each shows."""
    page.wait_for_function(ALL_LOADED, arg=selector, timeout=20000)
    return page.evaluate(TILE_IMAGES, selector)


def zoom_until(page: Page, button: str, done: str, most: int = 8) -> None:
    """Tap a zoom button, once each zoom has finished (a tap during one is lost, as for a person), until `done`."""
    for _ in range(most):
        if page.evaluate(done):
            return
        tap_on(page, button)
        page.evaluate("() => new Promise((settled) => requestAnimationFrame(() => requestAnimationFrame(settled)))")
        page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
    assert page.evaluate(done), f"{most} taps on {button} did not get there"


def assert_the_files_tiles(images: list[dict], base: str, tileset, *, missing_too: bool = False) -> None:
    """Each image is a tile of ours: one the file holds, 256 pixels of its colour, or one it lacks, a transparent
    1×1."""
    held = [image for image in images if image["width"] == 256]
    lacking = [image for image in images if image["width"] == 1]
    assert held and len(held) + len(lacking) == len(images), images
    for image in images:
        assert image["src"].startswith(base + "/tiles/"), image["src"]
    for image in held:
        address = tuple(int(n) for n in TILE.search(image["src"]).groups())
        assert tuple(image["rgb"]) == tileset.colours[address], (address, image["rgb"])
    if missing_too:
        assert lacking, "the map asked for no tile the file lacks"
    for image in lacking:
        address = tuple(int(n) for n in TILE.search(image["src"]).groups())
        assert address not in tileset.colours


def test_a_participants_tablet_draws_the_files_streets_with_no_internet(pages, app_server, tileset):
    workshop = create_workshop(app_server.base)
    page = pages.new_page(LANDSCAPE)
    requests_made = Requests(page)
    tablet = Tablet(page).join(workshop["join_code"], "Aliya")
    tablet.site_box()  # the site is drawn, over the tiles
    images = wait_tiles(page, ".leaflet-tile-pane img")
    assert_the_files_tiles(images, app_server.base, tileset, missing_too=True)
    assert "© Almaty city GIS" in page.inner_text(".leaflet-control-attribution")
    screenshot(page, "basemap-workshop-tablet")

    # Zoomed in as far as the map goes (19), past the file's deepest level: its tiles are enlarged, nothing
    # deeper is asked for.
    zoom_until(
        page, ".leaflet-control-zoom-in", "() => document.querySelector('.leaflet-control-zoom-in.leaflet-disabled')"
    )
    wait_tiles(page, ".leaflet-tile-pane img")
    assert max(z for z, _x, _y in requests_made.tiles()) == 16
    # Zoomed out above its lowest level, the layer is not drawn: nothing higher is asked for either.
    zoom_until(
        page, ".leaflet-control-zoom-out", "() => document.querySelectorAll('.leaflet-tile-pane img').length === 0"
    )
    asked = requests_made.tiles()
    assert asked and {z for z, _x, _y in asked} <= set(ZOOMS), sorted(set(asked))
    assert HOLE in asked
    # Nor any tile outside the file's bounds: each one asked overlaps them or touches their edge (as Leaflet counts).
    for address in set(asked):
        west, south, east, north = tile_bounds(*address)
        assert west <= EAST and east >= WEST and south <= NORTH and north >= SOUTH, address
    requests_made.assert_all_ours(app_server.base)


def test_the_projector_the_results_the_progress_page_the_city_map_and_the_report_draw_the_files_tiles(
    pages, app_server, tileset
):
    world = build_hostile_workshop(app_server.base)
    # The projector's browser is the facilitator's: it has opened the workshop with its token first.
    facilitator = f"/w/{world.workshop_id}#token={world.facilitator_token}"
    checks = [
        ([f"/w/{world.workshop_id}/results"], ".folium-map .leaflet-tile-pane img", PORTRAIT),
        ([f"/api/projects/{world.project_id}/report"], ".folium-map .leaflet-tile-pane img", PORTRAIT),
        ([f"/p/{world.project_id}"], ".leaflet-tile-pane img", LANDSCAPE),
        (["/city"], ".leaflet-tile-pane img", LANDSCAPE),
        ([facilitator, f"/w/{world.workshop_id}/projector"], ".leaflet-tile-pane img", LANDSCAPE),
    ]
    for paths, selector, viewport in checks:
        page = pages.new_page(viewport)
        requests_made = Requests(page)
        for path in paths:
            page.goto(path)
        assert_the_files_tiles(wait_tiles(page, selector), app_server.base, tileset)
        requests_made.assert_all_ours(app_server.base)
