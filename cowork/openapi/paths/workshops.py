"""The workshops' operations: creating, joining, results, exports, archives, the event log, the session."""

from __future__ import annotations

from ...core import facts
from ..builders import (
    INTEGER,
    STRING,
    UUID,
    Route,
    obj,
    ref,
    route,
    text,
)
from . import EXAMPLE_SITE, GEOJSON, GEOPACKAGE, ORGANIZER, WORKSHOP, _ok


def workshop_routes() -> list[Route]:
    """Workshops, joining, results, exports, archives, the event log, the facilitator's session."""
    tag = "workshops"
    return [
        route(
            "post",
            "/api/workshops",
            "createWorkshop",
            "Create a workshop on a site (the organizer key's holder, or anyone when the server has none); at most "
            "COWORK_LIMIT_WORKSHOPS per address and per account.",
            tag=tag,
            security=ORGANIZER,
            optional_security=True,
            body=obj(
                {
                    "title": text(facts.MAX_TITLE),
                    "site_name": text(facts.MAX_TITLE),
                    "boundary": ref("Boundary"),
                    "phase": {"type": "string", "enum": ["setup", "sketching"]},
                },
                required=("title", "site_name", "boundary"),
            ),
            example={"title": "Park workshop", "site_name": "Panfilov Park", "boundary": EXAMPLE_SITE},
            ok={
                201: _ok(
                    "The workshop, with its join code and the facilitator's token (shown once).", ref("WorkshopCreated")
                )
            },
            refused=("invalid_geometry", "conflict", "rate_limited"),
        ),
        route(
            "post",
            "/api/sites/parse",
            "parseSiteFile",
            "A site boundary read from a GIS file (GeoJSON, KML, KMZ, "
            "GeoPackage or a zipped Shapefile, in any CRS it names), for whoever may create a workshop.",
            tag=tag,
            security=ORGANIZER,
            optional_security=True,
            request_media="multipart/form-data",
            body=obj({"file": {"type": "string", "format": "binary"}}),
            refused=("unsupported_format", "no_polygon", "invalid_geometry", "rate_limited", "too_costly"),
            ok={
                200: _ok(
                    "The largest polygon as the boundary, and every polygon to choose from, largest first.",
                    ref("ParsedSite"),
                )
            },
        ),
        route(
            "post",
            "/api/join",
            "joinWorkshop",
            "Join a workshop by its code and a name.",
            tag=tag,
            body=obj({"code": text(facts.MAX_JOIN_CODE), "name": text(facts.MAX_NAME)}),
            example={"code": "K7MP4X", "name": "Aigerim"},
            ok={201: _ok("The participant and their token.", ref("Joined"))},
            refused=("not_found", "rate_limited"),
        ),
        route(
            "get",
            "/api/me",
            "whoami",
            "Who the bearer token stands for.",
            tag=tag,
            security=WORKSHOP,
            ok={200: _ok("The token's participant or facilitator.", ref("Me"))},
        ),
        route(
            "get",
            "/api/workshops/{workshop_id}",
            "workshopSummary",
            "The public summary of a workshop; with the token "
            "of its facilitator or of one of its participants, its join code too (any other token reads it as anyone).",
            tag=tag,
            security=WORKSHOP,
            optional_security=True,
            refuses_bad_token=False,
            ok={
                200: _ok(
                    "The summary with counts; `join_code` only for the workshop's own token.", ref("WorkshopSummary")
                )
            },
        ),
        route(
            "get",
            "/api/workshops/{workshop_id}/export.geojson",
            "exportWorkshop",
            "The workshop's elements as RFC 7946 GeoJSON (hidden ones too, marked, for the facilitator): its "
            "participants' and facilitator's until it closes, then public.",
            tag=tag,
            security=WORKSHOP,
            optional_security=True,
            refused=("forbidden",),
            ok={200: _ok("A FeatureCollection.", ref("FeatureCollection"), GEOJSON)},
        ),
        route(
            "get",
            "/api/workshops/{workshop_id}/export.gpkg",
            "exportWorkshopGeoPackage",
            "The workshop's `sites` and `sketches` layers as a GeoPackage (read by whom and shown as the GeoJSON "
            "export is).",
            tag=tag,
            security=WORKSHOP,
            optional_security=True,
            refused=("forbidden", "rate_limited"),
            ok={200: _ok("A GeoPackage (EPSG:4326).", STRING, GEOPACKAGE)},
        ),
        route(
            "get",
            "/api/workshops/{workshop_id}/results",
            "workshopResults",
            "Designs ranked by votes: public once closed, before that the facilitator's.",
            tag=tag,
            security=WORKSHOP,
            optional_security=True,
            refused=("forbidden",),
            ok={200: _ok("The ranking.", ref("Results"))},
        ),
        route(
            "get",
            "/api/workshops/{workshop_id}/export.csv",
            "exportTallies",
            "The tallies and the comments as CSV, under the results' rule.",
            tag=tag,
            security=WORKSHOP,
            optional_security=True,
            refused=("forbidden",),
            ok={200: _ok("rank,design_id,title,votes,authors,comments_count,comments", STRING, "text/csv")},
        ),
        route(
            "get",
            "/api/workshops/{workshop_id}/archive",
            "exportArchive",
            "The whole workshop as JSON (facilitator).",
            tag=tag,
            security=WORKSHOP,
            refused=("forbidden",),
            ok={200: _ok("The archive.", ref("Archive"))},
        ),
        route(
            "post",
            "/api/workshops/import",
            "importArchive",
            "A new workshop from an archive "
            f"(up to COWORK_MAX_IMPORT_BYTES; JSON at most {facts.MAX_JSON_DEPTH} levels deep).",
            tag=tag,
            security=ORGANIZER,
            optional_security=True,
            body=ref("Archive"),
            refused=("invalid_geometry", "outside_site", "conflict", "rate_limited"),
            ok={201: _ok("The new workshop, as POST /api/workshops answers.", ref("WorkshopCreated"))},
        ),
        route(
            "get",
            "/api/workshops/{workshop_id}/events",
            "eventLog",
            "The event log after `since`, for replay.",
            tag=tag,
            security=WORKSHOP,
            optional_security=True,
            refused=("invalid", "forbidden"),
            query=[{"name": "since", "in": "query", "required": False, "schema": INTEGER}],
            ok={200: _ok("The events, in order.", ref("EventLog"))},
        ),
        route(
            "post",
            "/api/session",
            "openSession",
            "Remember a facilitator's token in a signed cookie, for their pages.",
            tag=tag,
            security=WORKSHOP,
            refused=("forbidden",),
            ok={200: _ok("The workshop.", obj({"workshop_id": UUID}))},
        ),
    ]
