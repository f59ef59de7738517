"""`GET /api/openapi.json`: the OpenAPI 3.0 document of the whole HTTP API, written as data.

The document is assembled from one list of routes per area (paths/) and the parts they share
(components.py, builders.py). OGC API under `/ogcapi` is one more area (opendata/ogcapi/openapi.py), whose same
routes also make the OGC definition `GET /ogcapi/api`: one definition of each path. tests/openapi/test_openapi.py
checks that the document lists exactly the routes Flask has, and runs schemathesis against a live server with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, jsonify

from ..opendata.ogcapi.openapi import TAG_INFO, ogc_routes, ogc_schemas
from .builders import Route, grouped
from .components import SECURITY_SCHEMES, error_responses, parameters, schemas
from .paths.city import city_routes
from .paths.site import site_routes
from .paths.supervision import supervision_routes
from .paths.workshops import workshop_routes

openapi = Blueprint("openapi", __name__)

# Each area of the API: a function returning its routes.
AREAS: tuple[Callable[[], list[Route]], ...] = (
    workshop_routes,
    supervision_routes,
    city_routes,
    site_routes,
    ogc_routes,
)

TAGS = [
    {"name": "workshops", "description": "Workshops, joining, results, exports, archives and the event log."},
    {"name": "supervision", "description": "Construction supervision of adopted designs."},
    {"name": "city", "description": "The city map: sites, projects, the cycle network, green spaces and signs."},
    {"name": "pages", "description": "HTML pages for browsers."},
    {"name": "files", "description": "Static files and vendored browser libraries."},
    {"name": "operations", "description": "Health and this document."},
    TAG_INFO,
]


def document() -> dict[str, Any]:
    """The whole OpenAPI document."""
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "cowork",
            "version": "1",
            "description": "Residents co-design public spaces on a live map; facilitators run workshops; authors "
            "supervise construction. The Socket.IO protocol is in docs/api.md. Every refusal is "
            '`{"error": {"code", "message"}}`.',
        },
        "servers": [{"url": "/"}],
        "tags": TAGS,
        "paths": grouped(route for area in AREAS for route in area()),
        "components": {
            "schemas": {**schemas(), **ogc_schemas()},
            "parameters": parameters(),
            "responses": error_responses(),
            "securitySchemes": SECURITY_SCHEMES,
        },
    }


@openapi.get("/api/openapi.json")
def openapi_document():
    """The OpenAPI document, as JSON."""
    return jsonify(document())
