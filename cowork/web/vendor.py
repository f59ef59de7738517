"""Browser libraries installed by `npm ci`, served from node_modules: the venue's Wi-Fi never decides."""

from __future__ import annotations

from flask import Blueprint, abort, send_from_directory

from ..config import ROOT

vendor = Blueprint("vendor", __name__)

NODE_MODULES = ROOT / "node_modules"
# Only the packages pages use; nothing else in node_modules is reachable.
SERVED_PACKAGES = (
    "leaflet/",
    "@geoman-io/leaflet-geoman-free/",
    "socket.io-client/dist/",
    "leaflet.markercluster/dist/",
)


@vendor.get("/vendor/<path:filename>")
def vendor_file(filename: str):
    """One file of an allowed npm package."""
    # A path through ".." (or ".") could leave the package while still starting with its name.
    if not filename.startswith(SERVED_PACKAGES) or {".", ".."} & set(filename.split("/")):
        abort(404)
    return send_from_directory(NODE_MODULES, filename, max_age=3600)
