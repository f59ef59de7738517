"""The offline shell's worker as the server serves it: its scope, caching and policy headers, the build id computed
from the content of the files it caches (a changed byte is a new build), and the list of what it caches."""

from __future__ import annotations

import json
import re

from cowork.web.shell import VENDOR_FILES, make_build
from cowork.web.vendor import NODE_MODULES

from ..support import ROOT


def worker_settings(script: str) -> dict:
    first = script.split("\n", 1)[0]
    match = re.fullmatch(r"self\.COWORK_SHELL = (.*);", first)
    assert match, first
    return json.loads(match.group(1))


def test_the_worker_is_served_from_the_root_uncached_with_its_own_policy(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    settings = worker_settings(response.get_data(as_text=True))
    page = client.get("/").get_data(as_text=True)
    assert f'data-build="{settings["build"]}"' in page
    assert "/static/js/shared/shell/register.js" in page
    assert "worker-src 'self'" in client.get("/").headers["Content-Security-Policy"]


def test_it_caches_every_static_file_catalogue_and_vendored_library(client):
    settings = worker_settings(client.get("/sw.js").get_data(as_text=True))
    cached = set(settings["precache"])
    for path in (ROOT / "static").rglob("*"):
        if path.is_file():
            assert f"/static/{path.relative_to(ROOT / 'static').as_posix()}" in cached
    assert {"/static/i18n/kk.json", "/static/i18n/ru.json", "/static/js/workshop/pages/workshop.js"} <= cached
    assert {f"/vendor/{name}" for name in VENDOR_FILES} <= cached
    for url in settings["precache"]:
        assert client.get(url).status_code == 200, url
    # Every vendored file a page template loads is among them, or that page would not load offline.
    loaded = {
        m
        for path in (ROOT / "templates").rglob("*.html")
        for m in re.findall(r"/vendor/[^\"'\s]+", path.read_text(encoding="utf-8"))
    }
    assert loaded and loaded <= cached, sorted(loaded - cached)


def test_the_build_id_follows_the_content_of_the_files(tmp_path):
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "a.css").write_text("body {}", encoding="utf-8")
    first = make_build("", static, NODE_MODULES)
    assert make_build("", static, NODE_MODULES).build_id == first.build_id, "the same files, the same build"
    (static / "css" / "a.css").write_text("body { color: red }", encoding="utf-8")
    changed = make_build("", static, NODE_MODULES)
    assert changed.build_id != first.build_id
    assert f'"build": "{changed.build_id}"' in changed.script
    assert "/static/css/a.css" in changed.urls


def test_the_worker_may_fetch_tiles_from_the_tile_server_only():
    build = make_build("https://{s}.tile.example.org/{z}/{x}/{y}.png")
    assert build.policy.endswith("connect-src 'self' https://*.tile.example.org")
    assert worker_settings(build.script)["tileUrl"] == "https://{s}.tile.example.org/{z}/{x}/{y}.png"
    assert worker_settings(build.script)["tileLimit"] == 2000
