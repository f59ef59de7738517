"""OGC API – Features at /ogcapi, so a city's GIS (QGIS, GDAL, OWSLib) reads cowork's published data directly.

Thin handlers: the query is parsed at the door (ogcapi_query.py), the open-data service decides what is published
and selects it, the documents are built by ogcapi_documents.py with links from the URL the client reached (after
ProxyFix, so a server behind TLS links in https). JSON whatever the Accept header says (a client sending none gets
JSON); features as GeoJSON. Refusals are our one error envelope. Every request counts against one generous limit per
address (`COWORK_LIMIT_OGCAPI`), since one page may hold 10,000 features.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, render_template, request, url_for

from ...errors import not_found
from ...web.context import cowork
from ...web.limits import limiter, refused
from ..service import COLLECTIONS, collection_info
from . import documents
from .openapi import definition
from .query import DEFAULT_LIMIT, FILTERS, SELECTION, feature_query, is_feature_id, require_known

ogcapi = Blueprint("ogcapi", __name__)
# One count per address for the whole blueprint (a per-route count would let a client read six routes' worth).
limiter.shared_limit(lambda: current_app.config["LIMIT_OGCAPI"], scope="ogcapi", on_breach=refused)(ogcapi)


@ogcapi.after_request
def readable_from_any_origin(response: Response) -> Response:
    """Any web page may read the open data (a city portal's map, /rec/core/cors): it is public, and no credential
    is ever read here, so a browser sends none with `*`."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def base_url() -> str:
    """The URL of /ogcapi as this client reached it: scheme and host from the request (ProxyFix applied)."""
    return url_for("ogcapi.landing", _external=True)


def answer(document: Any, media: str = documents.JSON) -> Response:
    """A document as JSON of its media type, its keys in their order (a GIS shows the fields as the schema orders
    them); coordinates in CRS84 (`Content-Crs`, as Part 2 names it)."""
    response = Response(current_app.json.dumps(document, sort_keys=False), mimetype=media)
    if media == documents.GEOJSON:
        response.headers["Content-Crs"] = f"<{documents.CRS84}>"
    return response


def takes_no_parameters() -> None:
    """Refuse any query parameter: the resource takes none (/req/core/query-param-unknown)."""
    require_known(request.args.to_dict(flat=False), ())


@ogcapi.get("/ogcapi")
def landing():
    """The landing page: links to the API definition, its documentation, conformance and the collections."""
    takes_no_parameters()
    return answer(documents.landing_page(base_url()))


@ogcapi.get("/ogcapi/")
def landing_slash():
    """The landing page, reached with a trailing slash (as some clients type the URL)."""
    return landing()


@ogcapi.get("/ogcapi/conformance")
def conformance():
    """The conformance classes: Core, GeoJSON, OpenAPI 3.0."""
    takes_no_parameters()
    return answer(documents.conformance(base_url()))


@ogcapi.get("/ogcapi/api")
def api_definition():
    """The OpenAPI 3.0 definition of /ogcapi (`service-desc`)."""
    takes_no_parameters()
    return answer(definition(request.host_url), documents.OPENAPI)


@ogcapi.get("/ogcapi/api.html")
def api_documentation():
    """The documentation for people (`service-doc`): the collections, their fields and how to read them."""
    extents = cowork().opendata.extents()
    return render_template("opendata/ogcapi.html", collections=COLLECTIONS.values(), extents=extents, base=base_url())


@ogcapi.get("/ogcapi/collections")
def collections():
    """Every collection with its extent and links."""
    takes_no_parameters()
    return answer(documents.collections(base_url(), cowork().opendata.extents()))


@ogcapi.get("/ogcapi/collections/<collectionId>")
def collection(collectionId: str):  # the path parameter's name in the standard
    """One collection."""
    info = collection_info(collectionId)
    takes_no_parameters()
    return answer(documents.collection(base_url(), info, cowork().opendata.extent(info.id)))


@ogcapi.get("/ogcapi/collections/<collectionId>/schema")
def schema(collectionId: str):
    """The JSON Schema of a collection's features (`describedby`): GDAL and QGIS type their fields from it."""
    info = collection_info(collectionId)
    takes_no_parameters()
    return answer(documents.feature_schema(base_url(), info), documents.JSON_SCHEMA)


@ogcapi.get("/ogcapi/collections/<collectionId>/items")
def items(collectionId: str):
    """A page of a collection's features, selected by bbox, datetime and its filters."""
    info = collection_info(collectionId)
    args = request.args.to_dict(flat=False)
    query = feature_query(args, info.filters)
    page = cowork().opendata.features(info.id, query)
    selection = {name: args[name][0] for name in (*SELECTION, *FILTERS) if name in args}
    limit = query.limit or DEFAULT_LIMIT  # the parser always gives one
    return answer(
        documents.feature_collection(
            base_url(), info, page, selection, offset=query.offset, limit=limit, after=query.after
        ),
        documents.GEOJSON,
    )


@ogcapi.get("/ogcapi/collections/<collectionId>/items/<featureId>")
def item(collectionId: str, featureId: str):
    """One feature, by the id it has in its collection."""
    info = collection_info(collectionId)
    takes_no_parameters()
    if not is_feature_id(featureId):
        raise not_found("feature")
    return answer(documents.feature(base_url(), info, cowork().opendata.feature(info.id, featureId)), documents.GEOJSON)
