"""The offline app shell: the service worker (`/sw.js`) and the build id it carries, computed once at start from
the content of every file it caches, so a new release gets a new cache and never serves files of two versions."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Flask, Response, current_app

from ..config import ROOT
from .security import worker_policy
from .vendor import NODE_MODULES

shell = Blueprint("shell", __name__)

STATIC = ROOT / "static"
# The worker's own code; /sw.js is this file behind one line of settings.
WORKER_SOURCE = STATIC / "js" / "shared" / "shell" / "service-worker.js"
# The vendored files the pages load (templates/map_assets.html and the pages' scripts), with the images
# leaflet.css points at.
VENDOR_FILES = (
    "leaflet/dist/leaflet.js",
    "leaflet/dist/leaflet.css",
    "leaflet/dist/images/layers.png",
    "leaflet/dist/images/layers-2x.png",
    "leaflet/dist/images/marker-icon.png",
    "leaflet/dist/images/marker-icon-2x.png",
    "leaflet/dist/images/marker-shadow.png",
    "@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css",
    "@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.min.js",
    "socket.io-client/dist/socket.io.min.js",
    "leaflet.markercluster/dist/leaflet.markercluster.js",
    "leaflet.markercluster/dist/MarkerCluster.css",
)
EXTENSION = "cowork_shell"


@dataclass(frozen=True)
class ShellBuild:
    """What one start of the server serves offline: its build id, the URLs to cache, and the worker script."""

    build_id: str
    urls: tuple[str, ...]
    script: str
    policy: str


def shell_files(static: Path = STATIC, node_modules: Path = NODE_MODULES) -> list[tuple[str, Path]]:
    """Every file the shell caches as (URL, path): all of static/ (scripts, styles, catalogues, icons) and the
    vendored libraries; source maps and hidden files left out."""
    files = [
        (f"/static/{path.relative_to(static).as_posix()}", path)
        for path in sorted(static.rglob("*"))
        if path.is_file() and not path.name.startswith(".") and not path.name.endswith(".map")
    ]
    files += [(f"/vendor/{name}", node_modules / name) for name in VENDOR_FILES if (node_modules / name).is_file()]
    return files


def build_id(files: list[tuple[str, Path]]) -> str:
    """A short hash over the URLs and the bytes of the files: it changes whenever any of them does."""
    digest = hashlib.sha256()
    for url, path in files:
        digest.update(url.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def make_build(
    tile_url: str, static: Path = STATIC, node_modules: Path = NODE_MODULES, tile_limit: int = 2000
) -> ShellBuild:
    """The shell of this start: hash the files, and write the worker's settings in front of its code."""
    files = shell_files(static, node_modules)
    build = build_id(files)
    settings = {"build": build, "precache": [url for url, _ in files], "tileUrl": tile_url, "tileLimit": tile_limit}
    script = f"self.COWORK_SHELL = {json.dumps(settings)};\n" + WORKER_SOURCE.read_text(encoding="utf-8")
    return ShellBuild(build, tuple(url for url, _ in files), script, worker_policy(tile_url))


def current_build() -> ShellBuild:
    """The shell computed when this app started."""
    return current_app.extensions[EXTENSION]


def init_shell(app: Flask, tile_url: str, tile_limit: int) -> None:
    """Compute the build once, offer its id to templates (`<html data-build>`), and serve the worker."""
    app.extensions[EXTENSION] = make_build(tile_url, tile_limit=tile_limit)
    app.register_blueprint(shell)

    @app.context_processor
    def build_of_pages() -> dict:
        return {"build_id": current_build().build_id}


@shell.get("/sw.js")
def service_worker():
    """The service worker, from the root so that its scope covers every page; never cached by the browser's
    HTTP cache, so a new build is seen on the next visit with a network."""
    response = Response(current_build().script, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Content-Security-Policy"] = current_build().policy
    return response
