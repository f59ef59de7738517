"""The documents of OGC API – Features Part 1 (Core, GeoJSON, OpenAPI 3.0): landing page, conformance, collections,
feature collections and features, with every link absolute (from `base`, the URL of /ogcapi as the client reached it)
and carrying `rel` and `type`. Pure functions of what the open-data service gives: no request, no database."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlencode

from ..service import COLLECTIONS, CollectionExtent, CollectionInfo, FeaturePage

JSON = "application/json"
GEOJSON = "application/geo+json"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
HTML = "text/html"
JSON_SCHEMA = "application/schema+json"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
GREGORIAN = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"
CONFORMANCE = (
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
)
# An empty collection has no extent of its own: the whole of CRS84 includes all of its (no) geometries.
WHOLE_WORLD = (-180.0, -90.0, 180.0, 90.0)
TITLE = "cowork open data"
DESCRIPTION = (
    "Published co-design workshops (sites and their sketches) and adopted projects (plans, progress and "
    "what was built), as OGC API – Features. No names of participants, no tokens, no keys."
)

Document = dict[str, Any]


def link(href: str, rel: str, media: str, title: str) -> dict[str, str]:
    """One link: every link has `rel` and `type` (and a title a person can read)."""
    return {"href": href, "rel": rel, "type": media, "title": title}


def landing_page(base: str) -> Document:
    """`GET /ogcapi`: what the API is, and links to its definition, conformance and collections."""
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "links": [
            link(base, "self", JSON, "This document"),
            link(f"{base}/api", "service-desc", OPENAPI, "The API definition (OpenAPI 3.0)"),
            link(f"{base}/api.html", "service-doc", HTML, "The API documentation"),
            link(f"{base}/conformance", "conformance", JSON, "The conformance classes this API implements"),
            link(f"{base}/collections", "data", JSON, "The feature collections"),
        ],
    }


def conformance(base: str) -> Document:
    """`GET /ogcapi/conformance`: the conformance classes implemented."""
    return {"links": [link(f"{base}/conformance", "self", JSON, "This document")], "conformsTo": list(CONFORMANCE)}


def collection(base: str, info: CollectionInfo, extent: CollectionExtent) -> Document:
    """One collection's description: id, title, extent, item type, CRS and links to itself and its items."""
    here = f"{base}/collections/{info.id}"
    return {
        "id": info.id,
        "title": info.title,
        "description": info.description,
        "links": [
            link(here, "self", JSON, f"The {info.title} collection"),
            link(f"{here}/items", "items", GEOJSON, f"The {info.title} features"),
            # GDAL 3.6 looks for `describedBy`, as the standard's early drafts spelled it; IANA's relation is lower
            # case.
            *(
                link(f"{here}/schema", rel, JSON_SCHEMA, f"The fields of the {info.title} features")
                for rel in ("describedby", "describedBy")
            ),
        ],
        "extent": {
            "spatial": {"bbox": [list(extent.bbox or WHOLE_WORLD)], "crs": CRS84},
            "temporal": {"interval": [list(extent.interval)], "trs": GREGORIAN},
        },
        "itemType": "feature",
        "crs": [CRS84],
        "storageCrs": CRS84,
    }


def collections(base: str, extents: Mapping[str, CollectionExtent]) -> Document:
    """`GET /ogcapi/collections`: every collection, in the service's order."""
    return {
        "links": [link(f"{base}/collections", "self", JSON, "The feature collections")],
        "collections": [collection(base, info, extents[cid]) for cid, info in COLLECTIONS.items()],
    }


def _query(params: Mapping[str, Any]) -> str:
    return "?" + urlencode(params) if params else ""


def feature_collection(
    base: str,
    info: CollectionInfo,
    page: FeaturePage,
    params: Mapping[str, str],
    *,
    offset: int,
    limit: int,
    after: int | None = None,
    now: datetime | None = None,
) -> Document:
    """`GET .../items`: one page of features, counted where counting is cheap, with `self`, `next` and `prev` links
    carrying the selection. `params` is the selection as parsed (bbox, datetime, filters), without the paging. The
    `next` link pages by keyset (`after` the last feature of this page), so features published meanwhile never
    shift the pages a client walks; `prev` is given to a page reached by `offset`."""
    items = f"{base}/collections/{info.id}/items"
    here = {
        **params,
        "limit": limit,
        **({"after": after} if after is not None else {}),
        **({"offset": offset} if offset else {}),
    }
    links = [
        link(items + _query(here), "self", GEOJSON, "This page"),
        link(f"{base}/collections/{info.id}", "collection", JSON, f"The {info.title} collection"),
    ]
    if page.next_after is not None:
        links.append(
            link(items + _query({**params, "limit": limit, "after": page.next_after}), "next", GEOJSON, "The next page")
        )
    if offset > 0 and after is None:
        earlier = max(0, offset - limit)
        links.append(
            link(
                items + _query({**params, "limit": limit, **({"offset": earlier} if earlier else {})}),
                "prev",
                GEOJSON,
                "The previous page",
            )
        )
    document: Document = {
        "type": "FeatureCollection",
        "features": page.features,
        "links": links,
        "timeStamp": timestamp(now),
    }
    if page.matched is not None:
        document["numberMatched"] = page.matched
    document["numberReturned"] = len(page.features)
    return document


def feature(base: str, info: CollectionInfo, found: Mapping[str, Any]) -> Document:
    """`GET .../items/{featureId}`: one feature, with links to itself and its collection."""
    here = f"{base}/collections/{info.id}"
    return {
        **found,
        "links": [
            link(f"{here}/items/{quote(str(found['id']), safe='')}", "self", GEOJSON, "This feature"),
            link(here, "collection", JSON, f"The {info.title} collection"),
        ],
    }


def timestamp(now: datetime | None = None) -> str:
    """When the response was made, in RFC 3339 UTC (`timeStamp`)."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


# Each field type as JSON Schema: a date or a moment is a string of that format (RFC 3339).
SCHEMA_OF_TYPE: dict[str, dict[str, str]] = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "datetime": {"type": "string", "format": "date-time"},
    "date": {"type": "string", "format": "date"},
}


def feature_schema(base: str, info: CollectionInfo) -> Document:
    """The JSON Schema of one feature of a collection: a GeoJSON Feature whose properties are its fields, in order
    (each may be null when the feature has no value for it)."""
    return {
        "$schema": "https://json-schema.org/draft/2019-09/schema",
        "$id": f"{base}/collections/{info.id}/schema",
        "title": info.title,
        "description": info.description,
        "type": "object",
        "required": ["type", "geometry", "properties"],
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "id": {"type": "string"},
            "geometry": {"type": "object", "description": f"GeoJSON, in CRS84: {info.geometry_type}"},
            "properties": {
                "type": "object",
                "properties": {
                    f.name: {**SCHEMA_OF_TYPE[f.type], "title": f.description or f.name} for f in info.fields
                },
            },
        },
    }


def fields_markdown() -> str:
    """The collections and their fields as docs/opendata.md shows them
    (`python -m cowork.opendata.ogcapi.documents`)."""
    lines = []
    for info in COLLECTIONS.values():
        filters = ", ".join(f"`{name}`" for name in info.filters) or "none"
        lines += [
            f"### `{info.id}`: {info.title}",
            "",
            f"{info.description} Geometry: {info.geometry_type}. Filters: {filters}.",
            "",
            "| field | type | what |",
            "|---|---|---|",
        ]
        lines += [f"| `{field.name}` | {field.type} | {field.description} |" for field in info.fields]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(fields_markdown(), end="")
