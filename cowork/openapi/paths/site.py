"""The site's operations: pages, the language switch, the health check, static files, tiles, this document."""

from __future__ import annotations

from ...core import i18n
from ..builders import (
    ANY_OBJECT,
    INTEGER,
    STRING,
    Route,
    answer,
    ref,
    route,
)
from . import HTML, _ok


def _page(path: str, operation_id: str, summary: str, *, forbidden: bool = False) -> Route:
    ok = {200: _ok("The page.", STRING, HTML), 404: _ok("No such page.", STRING, HTML)}
    if forbidden:
        ok[403] = _ok("Locked until the workshop is closed (the facilitator's session opens it).", STRING, HTML)
    return route("get", path, operation_id, summary, tag="pages", ok=ok)


def _tile_answer() -> dict:
    image = {"schema": {"type": "string", "format": "binary"}}
    return {
        "description": "The tile (png, jpg or webp as the file holds), or a 1×1 transparent png where the file has "
        "none; cached a day (an hour for a missing one), with an ETag.",
        "headers": {"ETag": {"schema": STRING}, "Cache-Control": {"schema": STRING}},
        "content": dict.fromkeys(("image/png", "image/jpeg", "image/webp"), image),
    }


def site_routes() -> list[Route]:
    """The pages, the language switch, the health check, static files, vendored libraries, base map tiles and this
    document."""
    filename = {"name": "filename", "in": "path", "required": True, "schema": STRING, "description": "A file's path."}
    not_found = _ok("No such file.", STRING, HTML)
    return [
        _page("/", "home", "The front door: join a workshop or run one."),
        _page("/new", "newWorkshopPage", "The facilitator's form for a new workshop."),
        _page("/recover", "recoverPage", "Where an author types a recovery code."),
        _page(
            "/city",
            "cityPage",
            "The city map: sites, projects, the cycle network, green spaces and signs; prints on A4.",
        ),
        _page("/w/{workshop_id}", "workshopPage", "The live map of a workshop."),
        _page("/w/{workshop_id}/console", "consolePage", "The facilitator's console."),
        _page("/w/{workshop_id}/projector", "projectorPage", "The projector view."),
        _page("/w/{workshop_id}/replay", "replayPage", "The replay with a time slider."),
        _page("/w/{workshop_id}/results", "resultsPage", "The results, printable on A4.", forbidden=True),
        _page("/p/{project_id}", "progressPage", "A project's public progress page."),
        _page("/p/{project_id}/supervise", "supervisePage", "The supervision workspace."),
        route(
            "get",
            "/w/{workshop_id}/qr.svg",
            "joinQr",
            "A QR code of the participant link (it carries the join code): "
            "for the facilitator's page session (POST /api/session) only.",
            tag="pages",
            ok={
                200: _ok("The QR code.", STRING, "image/svg+xml"),
                403: _ok("Not the facilitator's session.", STRING, HTML),
                404: _ok("No such workshop.", STRING, HTML),
            },
        ),
        route(
            "get",
            "/lang/{code}",
            "switchLanguage",
            "Remember a language on this device and go back.",
            tag="pages",
            params=[
                {
                    "name": "code",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "enum": list(i18n.LANGUAGES)},
                }
            ],
            query=[
                {
                    "name": "next",
                    "in": "query",
                    "required": False,
                    "schema": STRING,
                    "description": "Where to go back to: a path of this site (anything else goes to /).",
                }
            ],
            ok={
                302: answer("Back to `next`, with the cookie set.", media="", headers={"Location": {"schema": STRING}}),
                404: _ok("Not a language.", STRING, HTML),
            },
        ),
        route(
            "get",
            "/healthz",
            "health",
            "For a load balancer: can this process serve?",
            tag="operations",
            ok={
                200: _ok("It can.", ref("Health")),
                503: _ok("It cannot: the part that does not answer is marked.", ref("Health")),
            },
        ),
        route(
            "get",
            "/static/{filename}",
            "staticFile",
            "The app's own scripts, styles and images.",
            tag="files",
            params=[filename],
            ok={200: _ok("The file.", STRING, "*/*"), 404: not_found},
        ),
        route(
            "get",
            "/vendor/{filename}",
            "vendorFile",
            "A file of an allowed browser library.",
            tag="files",
            params=[filename],
            ok={200: _ok("The file.", STRING, "*/*"), 404: not_found},
        ),
        route(
            "get",
            "/tiles/{z}/{x}/{y}",
            "basemapTile",
            "A tile of the base map file COWORK_BASEMAP (rows counted from "
            "the north); a transparent one where the file has none.",
            tag="files",
            params=[
                {"name": name, "in": "path", "required": True, "schema": INTEGER, "description": words}
                for name, words in (
                    ("z", "The zoom level."),
                    ("x", "The column, from the west."),
                    ("y", "The row, from the north."),
                )
            ],
            ok={
                200: _tile_answer(),
                404: _ok("No base map file is set, or z/x/y names no tile of the grid.", STRING, HTML),
            },
        ),
        route(
            "get",
            "/sw.js",
            "serviceWorker",
            "The offline shell's service worker, carrying the build id (never cached by the browser's HTTP cache).",
            tag="files",
            ok={200: _ok("The worker script.", STRING, "text/javascript")},
        ),
        route(
            "get",
            "/api/openapi.json",
            "openapi",
            "This document.",
            tag="operations",
            ok={200: _ok("The OpenAPI 3.0 document of the HTTP API.", ANY_OBJECT)},
        ),
    ]
