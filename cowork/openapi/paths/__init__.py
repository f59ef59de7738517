"""The operations of the OpenAPI document, one module per area of the HTTP API, as docs/api.md lists them:
workshops.py, supervision.py, city.py and site.py (pages, files, operations). What they share is here."""

from __future__ import annotations

from ..builders import answer

HTML = "text/html"
GEOJSON = "application/geo+json"
GEOPACKAGE = "application/geopackage+sqlite3"
# A small square site in Almaty, for the examples.
EXAMPLE_SITE = {
    "type": "Polygon",
    "coordinates": [[[76.95, 43.25], [76.96, 43.25], [76.96, 43.26], [76.95, 43.26], [76.95, 43.25]]],
}

# Who may ask, as a token scheme of the document (components.SECURITY_SCHEMES).
WORKSHOP, SUPERVISION, ORGANIZER = "workshopToken", "supervisionKey", "organizerKey"


def _ok(description: str, schema: dict | None = None, media: str = "application/json") -> dict:
    return answer(description, schema, media)
