"""The /ogcapi routes written once as OpenAPI 3.0 operations: they are the OGC definition (`service-desc`,
`GET /ogcapi/api`) and one area of the whole document at /api/openapi.json, so each path has one definition."""

from __future__ import annotations

from typing import Any

from ...core.fields import MAX_INTEGER
from ...openapi.builders import (
    NUMBER,
    STRING,
    TIME,
    UUID,
    Route,
    Schema,
    answer,
    array,
    grouped,
    nullable,
    obj,
    ref,
    route,
)
from ...openapi.components import error_responses, schemas
from ..service import COLLECTIONS
from .documents import CONFORMANCE, GEOJSON, HTML, JSON, JSON_SCHEMA, OPENAPI
from .query import DEFAULT_LIMIT, FEATURE_ID_PATTERN, MAX_LIMIT

TAG = "ogcapi"
TAG_INFO = {
    "name": TAG,
    "description": "OGC API – Features (Part 1: Core, GeoJSON, OpenAPI 3.0): the published open data.",
}
SCHEMA_NAMES = (
    "OgcLink",
    "LandingPage",
    "ConfClasses",
    "Collection",
    "Collections",
    "OgcFeature",
    "OgcFeatureCollection",
)

_COLLECTION_ID = {
    "name": "collectionId",
    "in": "path",
    "required": True,
    "description": "The collection's id.",
    "schema": {"type": "string", "enum": list(COLLECTIONS)},
}
_FEATURE_ID = {
    "name": "featureId",
    "in": "path",
    "required": True,
    "description": "The feature's id in its collection.",
    "schema": {"type": "string", "pattern": FEATURE_ID_PATTERN},
}


def _query(name: str, schema: Schema, description: str, **more: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description, **more}


def items_query() -> list[dict[str, Any]]:
    """The query parameters of items, as the standard writes `limit`, `bbox` and `datetime`."""
    filters = {
        name: sorted(cid for cid, info in COLLECTIONS.items() if name in info.filters)
        for name in ("workshop_id", "project_id")
    }
    return [
        _query(
            "limit",
            {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
            f"At most this many features (a larger value counts as {MAX_LIMIT}).",
            style="form",
            explode=False,
        ),
        _query(
            "offset",
            {"type": "integer", "minimum": 0, "maximum": MAX_INTEGER, "default": 0},
            "How many matching features to skip (what a `prev` link carries).",
        ),
        _query(
            "after",
            {"type": "integer", "minimum": 0, "maximum": MAX_INTEGER},
            "The page starts after this feature: what a `next` link carries (paging by keyset, so features "
            "published meanwhile shift no page).",
        ),
        _query(
            "bbox",
            {"type": "array", "minItems": 4, "maxItems": 6, "items": NUMBER},
            "minLon,minLat,maxLon,maxLat in CRS84 (six numbers: with heights, which are ignored): features whose "
            "geometry meets the box.",
            style="form",
            explode=False,
        ),
        _query(
            "datetime",
            STRING,
            "An RFC 3339 instant (2027-05-10T09:00:00Z, or a date for its whole day) or an "
            "interval start/end whose open end is `..`: features whose time meets it.",
            style="form",
            explode=False,
        ),
        *(
            _query(
                name,
                UUID,
                f"Only the features of this {name.removesuffix('_id')} (collections: {', '.join(ids)}; "
                "elsewhere the parameter is unknown, 400).",
            )
            for name, ids in filters.items()
        ),
    ]


def _ok(description: str, schema: Schema, media: str = JSON) -> dict[str, Any]:
    return answer(description, schema, media)


def ogc_routes() -> list[Route]:
    """Every /ogcapi operation: public reads; an unknown query parameter or a bad value is 400."""
    refused = ("invalid", "rate_limited")
    landing = _ok("The landing page.", ref("LandingPage"))
    return [
        route(
            "get",
            "/ogcapi",
            "ogcLandingPage",
            "The landing page of OGC API – Features.",
            tag=TAG,
            ok={200: landing},
            refused=refused,
        ),
        route(
            "get",
            "/ogcapi/",
            "ogcLandingPageSlash",
            "The landing page, with a trailing slash.",
            tag=TAG,
            ok={200: landing},
            refused=refused,
        ),
        route(
            "get",
            "/ogcapi/conformance",
            "ogcConformance",
            "The conformance classes implemented.",
            tag=TAG,
            ok={200: _ok("The conformance classes.", ref("ConfClasses"))},
            refused=refused,
        ),
        route(
            "get",
            "/ogcapi/api",
            "ogcApiDefinition",
            "This OpenAPI 3.0 definition of /ogcapi (service-desc).",
            tag=TAG,
            ok={200: _ok("The definition.", {"type": "object"}, OPENAPI)},
            refused=refused,
        ),
        route(
            "get",
            "/ogcapi/api.html",
            "ogcApiDocumentation",
            "The documentation for people (service-doc).",
            tag=TAG,
            ok={200: _ok("The page.", STRING, HTML)},
            refused=("rate_limited",),
        ),
        route(
            "get",
            "/ogcapi/collections",
            "ogcCollections",
            "Every feature collection.",
            tag=TAG,
            ok={200: _ok("The collections.", ref("Collections"))},
            refused=refused,
        ),
        route(
            "get",
            "/ogcapi/collections/{collectionId}",
            "ogcCollection",
            "One feature collection.",
            tag=TAG,
            params=[_COLLECTION_ID],
            ok={200: _ok("The collection.", ref("Collection"))},
            refused=(*refused, "not_found"),
        ),
        route(
            "get",
            "/ogcapi/collections/{collectionId}/schema",
            "ogcSchema",
            "The JSON Schema of a collection's features: their fields, typed (linked as `describedby`).",
            tag=TAG,
            params=[_COLLECTION_ID],
            ok={200: _ok("The schema.", {"type": "object"}, JSON_SCHEMA)},
            refused=(*refused, "not_found"),
        ),
        route(
            "get",
            "/ogcapi/collections/{collectionId}/items",
            "ogcItems",
            "A page of a collection's features.",
            tag=TAG,
            params=[_COLLECTION_ID],
            query=items_query(),
            refused=(*refused, "not_found"),
            ok={200: _ok("The features, counted, with next and prev links.", ref("OgcFeatureCollection"), GEOJSON)},
        ),
        route(
            "get",
            "/ogcapi/collections/{collectionId}/items/{featureId}",
            "ogcItem",
            "One feature.",
            tag=TAG,
            params=[_COLLECTION_ID, _FEATURE_ID],
            refused=(*refused, "not_found"),
            ok={200: _ok("The feature.", ref("OgcFeature"), GEOJSON)},
        ),
    ]


def ogc_schemas() -> dict[str, Schema]:
    """The schemas of the OGC documents (after the standard's landingPage, confClasses, collection(s),
    featureGeoJSON)."""
    links = array(ref("OgcLink"))
    bbox = array(NUMBER, minItems=4, maxItems=6)
    moment = nullable(TIME)
    return {
        "OgcLink": obj(
            {"href": STRING, "rel": STRING, "type": STRING, "title": STRING}, required=("href", "rel", "type")
        ),
        "LandingPage": obj({"title": STRING, "description": STRING, "links": links}, required=("links",)),
        "ConfClasses": obj(
            {"conformsTo": array({"type": "string", "enum": list(CONFORMANCE)}), "links": links},
            required=("conformsTo",),
        ),
        "Collection": obj(
            {
                "id": {"type": "string", "enum": list(COLLECTIONS)},
                "title": STRING,
                "description": STRING,
                "links": links,
                "extent": obj(
                    {
                        "spatial": obj({"bbox": array(bbox, minItems=1), "crs": STRING}),
                        "temporal": obj(
                            {"interval": array(array(moment, minItems=2, maxItems=2), minItems=1), "trs": STRING}
                        ),
                    }
                ),
                "itemType": {"type": "string", "enum": ["feature"]},
                "crs": array(STRING),
                "storageCrs": STRING,
            },
            required=("id", "links"),
        ),
        "Collections": obj({"links": links, "collections": array(ref("Collection"))}),
        "OgcFeature": obj(
            {
                "type": {"type": "string", "enum": ["Feature"]},
                "id": STRING,
                "geometry": nullable(ref("Geometry")),
                "properties": nullable({"type": "object"}),
                "links": links,
            },
            required=("type", "geometry", "properties"),
        ),
        "OgcFeatureCollection": obj(
            {
                "type": {"type": "string", "enum": ["FeatureCollection"]},
                "features": array(ref("OgcFeature")),
                "links": links,
                "timeStamp": TIME,
                # Absent when more than 10,000 match a box or a filter: counting them costs as much as reading them.
                "numberMatched": {"type": "integer", "minimum": 0},
                "numberReturned": {"type": "integer", "minimum": 0, "maximum": MAX_LIMIT},
            },
            required=("type", "features"),
        ),
    }


def definition(server_url: str) -> dict[str, Any]:
    """The OGC definition: the /ogcapi paths only, on this server (`server_url`, as the client reached it)."""
    shared = schemas()
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "cowork open data (OGC API – Features)",
            "version": "1.0",
            "description": "Published workshops and adopted projects as OGC API – Features Part 1 (Core, GeoJSON, "
            'OpenAPI 3.0). Every refusal is `{"error": {"code", "message"}}`.',
        },
        "servers": [{"url": server_url}],
        "tags": [TAG_INFO],
        "paths": grouped(ogc_routes()),
        "components": {
            "schemas": {"Error": shared["Error"], "Geometry": shared["Geometry"], **ogc_schemas()},
            "responses": error_responses(),
        },
    }
