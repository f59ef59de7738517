"""In Chromium: the offline app shell. A tablet that reloads with the network down still shows its map, the site,
every element it had and its own pending strokes; back online its strokes reach the server once, and every other
tablet. A new build replaces the shell kept on the tablet at the next visit with a network."""

from __future__ import annotations

import io
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests
from PIL import Image
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from ..support import PARK, ServerProcess, create_workshop, exported, release_copy, stored_edits, wait_until
from .conftest import LANDSCAPE, PORTRAIT, screenshot
from .tablet import Tablet, tap_on
from .test_supervision_flow import adopt_a_design, photo_file, tap_tab

SHELL_READY = """async (build) => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration?.active || registration.installing || registration.waiting) return false;
    if (navigator.serviceWorker.controller !== registration.active) return false;
    const names = await caches.keys();
    if (build && names.join() !== `cowork-shell-${build}`) return false;
    return Boolean(await caches.match(location.origin + location.pathname));
}"""


def wait_shell_kept(page: Page, build: str = "") -> None:
    """Wait until the service worker (of that build: its cache alone) controls the page, nothing is installing,
    and it keeps a copy of the page for an offline reload."""

    # page.evaluate awaits the predicate's promise (wait_for_function would take the promise itself as true).
    def ready() -> bool:
        try:
            return page.evaluate(SHELL_READY, build)
        except PlaywrightError as error:  # the page loads again (a new worker took it over)
            if "destroyed" in str(error) or "navigat" in str(error):
                return False
            raise

    wait_until(ready, timeout=30, interval=0.1)


def reload_offline(tablet: Tablet) -> None:
    """Reload the page with the network down, and wait for the badge to say so."""
    tablet.page.reload()
    expect(tablet.page.locator("#connection-status")).to_have_attribute("data-status", "offline")


def kinds_on_server(base: str, workshop: dict) -> list[str]:
    features = exported(base, workshop["id"], workshop["facilitator_token"])["features"]
    return sorted(feature["properties"]["kind"] for feature in features)


def test_a_tablet_reloaded_offline_keeps_its_map_and_sends_its_strokes_once(pages, app_server, tmp_path):
    workshop = create_workshop(app_server.base, PARK)
    a = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Asel")
    b = Tablet(pages.new_page(PORTRAIT)).join(workshop["join_code"], "Bolat")
    a.new_design("Shade")
    a.place("bench", a.at(0.3, 0.3))
    a.draw_line("path", [a.at(0.1, 0.7), a.at(0.5, 0.72)])
    a.wait_saved()
    wait_shell_kept(a.page)

    a.page.context.set_offline(True)
    reload_offline(a)
    # The site, the design and both elements, from the copy kept on the tablet.
    expect(a.page.locator("path.site-outline").first).to_be_visible()
    a.wait_counts(points=1, lines=1)
    expect(a.page.locator("#design-bar")).to_contain_text("Shade")
    a.place("tree", a.at(0.6, 0.4))
    expect(a.page.locator("#connection-status")).to_contain_text("1 edit waiting")
    reload_offline(a)
    a.wait_counts(points=2, lines=1)
    expect(a.page.locator(".leaflet-pane .is-pending")).to_have_count(1)
    expect(a.page.locator("#connection-status")).to_contain_text("1 edit waiting")
    screenshot(a.page, "tablet-offline-reloaded")
    assert kinds_on_server(app_server.base, workshop) == ["bench", "path"]

    # Editing, deleting and undo go on offline too, and a reload keeps what they did.
    a.open_element('.leaflet-marker-pane .element-marker:has([aria-label="Bench"])')
    a.panel_button("Edit note")
    a.answer_dialog("by the old oak")
    a.close_panel()
    a.open_element("path.element-line")
    a.panel_button("Delete")
    a.wait_counts(points=2, lines=0)
    tap_on(a.page, "#undo-button")
    a.wait_counts(points=2, lines=1)
    a.open_element("path.element-line")
    a.panel_button("Delete")
    a.wait_counts(points=2, lines=0)
    reload_offline(a)
    a.wait_counts(points=2, lines=0)
    assert "by the old oak" in a.open_element('.leaflet-marker-pane .element-marker:has([aria-label="Bench"])')
    a.close_panel()
    assert kinds_on_server(app_server.base, workshop) == ["bench", "path"]

    a.page.context.set_offline(False)
    a.wait_connected()
    a.wait_saved()
    b.wait_counts(points=2, lines=0)
    assert kinds_on_server(app_server.base, workshop) == ["bench", "tree"]
    features = exported(app_server.base, workshop["id"], workshop["facilitator_token"])["features"]
    assert {f["properties"]["kind"]: f["properties"]["note"] for f in features}["bench"] == "by the old oak"
    # Nothing twice: the undone delete brought the path back as one more element (and its second delete took it),
    # and each element was added once.
    edits = stored_edits(f"sqlite:///{tmp_path / 'e2e.db'}")
    assert len(edits["elements"]) == 4 and edits["added"] == 4, edits


PROBE = "static/css/e2e-build-probe.css"
READ_PROBE = "async () => (await fetch('/static/css/e2e-build-probe.css')).text()"


def build_of(base: str) -> str:
    return re.search(r'"build": "(\w+)"', requests.get(f"{base}/sw.js", timeout=5).text).group(1)


def test_a_new_build_replaces_the_shell_kept_on_the_tablet(pages, app_server, tmp_path):
    """A release changes a static file: the next visit with a network brings the new build's files, the old cache
    goes, and an offline reload then shows the new file. Each release is a copy of the app deployed on its own (the
    repository's static/ is never written: other tests may be serving it meanwhile)."""
    database = f"sqlite:///{tmp_path / 'e2e.db'}"
    app_server.stop()
    servers = []
    try:
        release = release_copy(tmp_path / "release-1", {PROBE: "/* release 1 */\n"})
        servers.append(ServerProcess(database, port=app_server.port, instance=tmp_path, root=release))
        first = build_of(app_server.base)
        page = pages.new_page(LANDSCAPE, intercept=False)
        page.goto("/")
        wait_shell_kept(page, first)
        assert page.evaluate(READ_PROBE) == "/* release 1 */\n"
        servers.pop().stop()

        release = release_copy(tmp_path / "release-2", {PROBE: "/* release 2 */\n"})
        servers.append(ServerProcess(database, port=app_server.port, instance=tmp_path, root=release))
        second = build_of(app_server.base)
        assert second != first
        page.reload()
        # The new worker installs, takes the page over and deletes the old build's cache.
        wait_shell_kept(page, second)
        assert page.evaluate("document.documentElement.dataset.build") == second

        page.context.set_offline(True)
        page.reload()
        assert page.evaluate("document.documentElement.dataset.build") == second
        assert page.evaluate(READ_PROBE) == "/* release 2 */\n"
        screenshot(page, "home-offline-new-build")
        page.context.set_offline(False)
    finally:
        for server in servers:
            server.stop()


def test_a_visit_recorded_offline_with_a_photo_reaches_the_server_once(pages, app_server, tmp_path):
    """On the supervision page with no signal: the page loads from the device, a visit with a photo waits there
    (its count shown) across a reload, and goes once when the signal returns."""
    adopted = adopt_a_design(app_server.base)
    page = pages.new_page(LANDSCAPE)
    page.goto(adopted["link"])
    expect(page.locator(".sv-progress__percent")).to_contain_text("0")
    wait_shell_kept(page)

    page.context.set_offline(True)
    page.reload()
    expect(page.locator(".sv-progress__percent")).to_contain_text("0")  # the copy kept on the device
    tap_tab(page, "record")
    bench = adopted["ids"]["bench"]
    page.select_option(f"#obs-status-{bench}", "built")
    page.fill("#visit-notes", "Recorded in the basement, no signal")
    page.get_by_label("Add photos of Bench").set_input_files(photo_file(tmp_path))
    page.locator("form.sv-form button[type=submit]").click()
    outbox = page.locator("#outbox")
    expect(outbox).to_have_text("1 visit waiting to be sent · 1 photo")
    screenshot(page, "supervise-offline-outbox")
    page.reload()
    expect(outbox).to_have_text("1 visit waiting to be sent · 1 photo")
    summary_url = f"{app_server.base}/api/projects/{adopted['project_id']}"
    assert requests.get(summary_url, timeout=5).json()["visits"] == []

    page.context.set_offline(False)
    expect(outbox).to_be_hidden(timeout=20000)
    # Read as its author (the visit's notes are hers: it was not marked public).
    key = adopted["link"].split("#key=", 1)[1]
    summary = requests.get(summary_url, headers={"Authorization": f"Bearer {key}"}, timeout=5).json()
    assert len(summary["visits"]) == 1 and len(summary["visits"][0]["photos"]) == 1, summary["visits"]
    assert summary["visits"][0]["notes"] == "Recorded in the basement, no signal"
    assert summary["progress"]["built"] == 1
    assert summary["visits"][0]["photos"][0]["element_id"] == bench


def test_the_console_loads_offline_with_the_workshop_as_last_seen(pages, app_server):
    workshop = create_workshop(app_server.base, PARK)
    a = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Asel")
    a.new_design("Shade")
    a.place("bench", a.at(0.3, 0.3))
    a.wait_saved()
    console = pages.new_page(LANDSCAPE)
    console.goto(workshop["facilitator_url"])
    Tablet(console).wait_connected()
    console.goto(f"/w/{workshop['id']}/console")
    Tablet(console).wait_connected()
    Tablet(console).wait_counts(points=1)
    wait_shell_kept(console)

    console.context.set_offline(True)
    console.reload()
    expect(console.locator("#connection-status")).to_have_attribute("data-status", "offline")
    expect(console.locator("path.site-outline").first).to_be_visible()
    Tablet(console).wait_counts(points=1)
    screenshot(console, "console-offline-reloaded")
    console.context.set_offline(False)
    Tablet(console).wait_connected()


class TileServer:
    """A venue's tile server on this machine: any /{z}/{x}/{y}.png is a small green square; requests are counted."""

    def __init__(self):
        image = io.BytesIO()
        Image.new("RGB", (256, 256), (150, 200, 150)).save(image, format="PNG")
        body = image.getvalue()
        served = self.served = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # http.server's name
                served.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_port}/{{z}}/{{x}}/{{y}}.png"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def stop(self):
        self.http.shutdown()


TILES_SHOWN = "() => [...document.querySelectorAll('img.leaflet-tile-loaded')].length"
TILES_KEPT = "async () => (await (await caches.open('cowork-tiles')).keys()).length"


def test_tiles_seen_online_show_offline(pages, app_server, tmp_path):
    tiles = TileServer()
    app_server.stop()
    server = ServerProcess(
        f"sqlite:///{tmp_path / 'e2e.db'}", port=app_server.port, instance=tmp_path, env={"COWORK_TILE_URL": tiles.url}
    )
    try:
        workshop = create_workshop(app_server.base, PARK)
        a = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Asel")
        wait_shell_kept(a.page)
        a.page.reload()  # now under the worker, which keeps each tile it fetches
        a.wait_connected()
        wait_until(
            lambda: a.page.evaluate(TILES_SHOWN) > 0 and a.page.evaluate(TILES_KEPT) >= a.page.evaluate(TILES_SHOWN),
            timeout=20,
            interval=0.1,
        )
        kept = a.page.evaluate(TILES_KEPT)

        a.page.context.set_offline(True)
        served = len(tiles.served)
        reload_offline(a)
        wait_until(lambda: a.page.evaluate(TILES_SHOWN) > 0, timeout=20, interval=0.1)
        assert len(tiles.served) == served, "offline, every tile came from the device"
        assert a.page.evaluate(TILES_KEPT) == kept
        screenshot(a.page, "tablet-offline-tiles")
        a.page.context.close()  # before its server goes: a tablet left open would try to reconnect
    finally:
        server.stop()
        tiles.stop()


def test_a_tablet_keeps_no_more_tiles_than_its_budget(pages, app_server, tmp_path):
    tiles = TileServer()
    app_server.stop()
    server = ServerProcess(
        f"sqlite:///{tmp_path / 'e2e.db'}",
        port=app_server.port,
        instance=tmp_path,
        env={"COWORK_TILE_URL": tiles.url, "COWORK_OFFLINE_TILES": "4"},
    )
    try:
        workshop = create_workshop(app_server.base, PARK)
        a = Tablet(pages.new_page(LANDSCAPE)).join(workshop["join_code"], "Asel")
        wait_shell_kept(a.page)
        a.page.reload()
        a.wait_connected()
        wait_until(lambda: a.page.evaluate(TILES_SHOWN) > 4 and len(set(tiles.served)) > 4, timeout=20, interval=0.1)
        # Every tile shown was fetched through the worker; it kept the last four.
        wait_until(lambda: a.page.evaluate(TILES_KEPT) == 4, timeout=20, interval=0.1)
        a.page.context.close()
    finally:
        server.stop()
        tiles.stop()


def test_without_service_workers_the_page_works_and_the_journal_survives(pages, app_server):
    """A browser with no service worker (plain HTTP to a venue laptop is not a secure context): the pages register
    nothing and say nothing, and strokes drawn offline still wait in localStorage and go out on reconnect."""
    page = pages.new_page(LANDSCAPE)
    page.context.add_init_script("delete Navigator.prototype.serviceWorker")
    workshop = create_workshop(app_server.base, PARK)
    a = Tablet(page).join(workshop["join_code"], "Asel")
    assert page.evaluate("'serviceWorker' in navigator") is False
    a.new_design("Shade")
    page.context.set_offline(True)
    expect(page.locator("#connection-status")).to_have_attribute("data-status", "offline")
    a.place("tree", a.at(0.6, 0.4))
    journal = page.evaluate(
        "Object.keys(localStorage).filter(key => key.startsWith('cowork.queue.'))"
        ".map(key => localStorage.getItem(key)).join()"
    )
    assert '"element:add"' in journal
    page.context.set_offline(False)
    a.wait_connected()
    a.wait_saved()
    assert kinds_on_server(app_server.base, workshop) == ["tree"]
