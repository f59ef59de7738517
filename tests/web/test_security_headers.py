"""Every HTML page carries a policy under which no inline script runs but its own, is never framed by others, and
holds no inline script without its nonce nor any handler attribute, even when all its text is hostile
(tests/hostile.py). Every other answer (JSON, photos, exports, files) is not to be sniffed either.

The routes are read from the app's URL map, so a new page is checked as soon as it exists."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from ..hostile import Hostile, build_hostile_workshop
from ..mbtiles import PARK_CENTRE, build_mbtiles, tile_of
from ..support import create_workshop

# Pages that must be among the HTML answers (a route renamed or lost fails here, not silently).
PAGES = {
    "workshop_pages.home",
    "workshop_pages.new_workshop",
    "workshop_pages.workshop_map",
    "workshop_pages.console",
    "workshop_pages.projector",
    "workshop_pages.replay",
    "workshop_pages.results",
    "supervision_pages.project_progress",
    "supervision_pages.supervise",
    "supervision_pages.recover_access",
    "city_pages.city_map",
    "supervision_pages.report",
}


@pytest.fixture
def settings(settings, tmp_path):
    """The app with a base map file, so that its tiles' route answers too and the maps draw them."""
    build_mbtiles(tmp_path / "city.mbtiles")
    settings.BASEMAP = str(tmp_path / "city.mbtiles")
    return settings


@pytest.fixture
def hostile(server) -> Hostile:
    return build_hostile_workshop(server)


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy as directive → sources."""
    header = response.headers.get("Content-Security-Policy", "")
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {words[0]: words[1:] for words in directives}


class Markup(HTMLParser):
    """What a page's HTML holds that could run: inline scripts (with their nonce) and handler attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inline_scripts: list[str | None] = []
        self.handlers: list[str] = []
        self.script_links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
            if value and re.match(r"\s*javascript:", value, re.I):
                self.script_links.append(f"<{tag} {name}={value!r}>")
        if tag == "script" and "src" not in attributes:
            self.inline_scripts.append(attributes.get("nonce"))


def assert_safe_page(response, where: str) -> None:
    """The headers and the markup of one HTML answer."""
    rules = policy(response)
    scripts = rules.get("script-src", [])
    assert scripts and not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"} & set(scripts), (
        f"{where}: {scripts}"
    )
    assert rules.get("frame-ancestors") in (["'self'"], ["'none'"]), where
    assert rules.get("object-src") == ["'none'"], where
    assert rules.get("base-uri") in (["'self'"], ["'none'"]), where
    assert response.headers["X-Content-Type-Options"] == "nosniff", where
    assert response.headers["Referrer-Policy"] == "no-referrer", where
    markup = Markup()
    markup.feed(response.get_data(as_text=True))
    assert not markup.handlers, f"{where}: {markup.handlers}"
    assert not markup.script_links, f"{where}: {markup.script_links}"
    nonces = {source[len("'nonce-") : -1] for source in scripts if source.startswith("'nonce-")}
    for nonce in markup.inline_scripts:
        assert nonce is not None and nonce in nonces, f"{where}: an inline script without the response's nonce"


def route_values(hostile: Hostile) -> dict[str, str]:
    """A real value for each URL parameter of a GET route."""
    x, y = tile_of(*PARK_CENTRE, 16)
    return {
        "workshop_id": hostile.workshop_id,
        "project_id": hostile.project_id,
        "photo_id": hostile.photo_id,
        "code": "en",
        "z": "16",
        "x": str(x),
        "y": str(y),
        "collectionId": "sites",
        "featureId": hostile.workshop_id,
    }


FILES = {"static": "css/shared/base.css", "vendor.vendor_file": "leaflet/dist/leaflet.js"}
# Routes whose query is required: the one a client sends.
QUERIES = {"city.city_layers": {"bbox": "76.90,43.20,77.00,43.30", "zoom": "15"}}


def get_routes(app, hostile: Hostile) -> list[tuple[str, str]]:
    """(endpoint, URL) of every GET route, its parameters filled in; an unknown parameter fails the test."""
    values = route_values(hostile)
    routes = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        arguments = {}
        for name in rule.arguments:
            if name == "filename":
                arguments[name] = FILES[rule.endpoint]
            else:
                assert name in values, f"{rule.rule}: give the test a value for <{name}>"
                arguments[name] = values[name]
        with app.test_request_context():
            from flask import url_for

            routes.append((rule.endpoint, url_for(rule.endpoint, **arguments, **QUERIES.get(rule.endpoint, {}))))
    return routes


def test_every_html_page_has_the_policy_and_no_inline_code_even_with_hostile_text(app, client, hostile):
    bearer = {"Authorization": f"Bearer {hostile.facilitator_token}"}
    # The facilitator's page session too, as their browser has it: the join QR code is only theirs.
    assert client.post("/api/session", headers=bearer).status_code == 200
    html_endpoints = set()
    for endpoint, url in get_routes(app, hostile):
        response = client.get(url, headers=bearer)
        assert response.status_code in (200, 302), f"{url}: {response.status_code}"
        assert response.headers["X-Content-Type-Options"] == "nosniff", url
        if response.mimetype == "text/html":
            html_endpoints.add(endpoint)
            assert_safe_page(response, url)
    assert html_endpoints >= PAGES, sorted(PAGES - html_endpoints)


def test_pages_with_inline_scripts_get_a_fresh_nonce_that_only_their_own_scripts_carry(client, hostile):
    for url in (f"/w/{hostile.workshop_id}/results", f"/api/projects/{hostile.project_id}/report"):
        first, second = client.get(url), client.get(url)
        nonces = [[s for s in policy(r)["script-src"] if s.startswith("'nonce-")] for r in (first, second)]
        assert len(nonces[0]) == 1 and nonces[0] != nonces[1], url
        markup = Markup()
        markup.feed(first.get_data(as_text=True))
        assert markup.inline_scripts and set(markup.inline_scripts) == {nonces[0][0][len("'nonce-") : -1]}, url


def test_error_pages_refusals_and_the_locked_results_page_carry_the_policy_too(client, server):
    running = create_workshop(server)
    locked = client.get(f"/w/{running['id']}/results")
    assert locked.status_code == 403
    assert_safe_page(locked, "locked results")
    for url in ("/w/no-such-workshop", "/p/no-such-project", "/no-such-page"):
        response = client.get(url)
        assert response.status_code == 404 and response.mimetype == "text/html", url
        assert_safe_page(response, url)
    for url in ("/api/workshops/no-such-workshop", "/api/me"):
        response = client.get(url)
        assert response.is_json and response.headers["X-Content-Type-Options"] == "nosniff", url


def test_uploads_and_exports_are_not_sniffed(client, hostile):
    photo = f"/api/projects/{hostile.project_id}/photos/{hostile.photo_id}"
    answers = [
        client.get(photo),
        client.get(photo + "/thumbnail"),
        client.get(f"/api/projects/{hostile.project_id}/photos.zip"),
        client.get(f"/api/workshops/{hostile.workshop_id}/export.csv"),
        client.post("/api/qr.svg", json={"text": "<script>alert(1)</script>"}),
    ]
    for response in answers:
        assert response.status_code == 200, response.request.path
        assert response.headers["X-Content-Type-Options"] == "nosniff", response.request.path
        assert response.mimetype != "text/html", response.request.path
    assert b"<script" not in answers[-1].data


def test_a_language_switch_never_sends_anyone_to_another_site(client):
    for target in (
        "//evil.example",
        "/\t/evil.example",
        "/\\evil.example",
        "https://evil.example",
        "/\n/evil.example",
        "javascript:alert(1)",
    ):
        response = client.get("/lang/en", query_string={"next": target})
        assert response.status_code == 302 and response.headers["Location"] == "/", target
    assert client.get("/lang/kk", query_string={"next": "/w/abc?x=1"}).headers["Location"] == "/w/abc?x=1"


def test_folium_labels_are_inert_and_a_script_that_would_close_its_element_is_refused(monkeypatch):
    from cowork.web import folium_maps

    from ..support import PARK, TREE

    note = "</script><script>alert(1)</script>`${alert(2)}`\\"
    rendered = folium_maps.design_map(PARK, [{"kind": "tree", "geometry": TREE, "note": note}])
    assert "<script" not in rendered.script and "${" not in rendered.script and "`${" not in rendered.script
    monkeypatch.setattr(folium_maps, "safe_label", lambda text: text)  # as if labels went in raw
    with pytest.raises(ValueError):
        folium_maps.design_map(PARK, [{"kind": "tree", "geometry": TREE, "note": note}])
