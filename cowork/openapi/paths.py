"""The operations of the OpenAPI document, one function per area of the HTTP API, as docs/api.md lists them."""

from __future__ import annotations

from ..core import facts, i18n, props
from ..city.figures import GREEN_FIELDS, HISTORY_FIELDS
from .components import (
    ANY_OBJECT,
    BOOLEAN,
    DAY,
    INTEGER,
    NUMBER,
    STRING,
    TIME,
    UUID,
    Route,
    answer,
    array,
    nullable,
    obj,
    ref,
    route,
    text,
)

HTML = "text/html"
GEOJSON = "application/geo+json"
GEOPACKAGE = "application/geopackage+sqlite3"
# A small square site in Almaty, for the examples.
EXAMPLE_SITE = {"type": "Polygon", "coordinates": [[[76.95, 43.25], [76.96, 43.25], [76.96, 43.26], [76.95, 43.26], [76.95, 43.25]]]}

# Who may ask, as a token scheme of the document (openapi_components.SECURITY_SCHEMES).
WORKSHOP, SUPERVISION, ORGANIZER = "workshopToken", "supervisionKey", "organizerKey"


def _ok(description: str, schema: dict | None = None, media: str = "application/json") -> dict:
    return answer(description, schema, media)


def workshop_routes() -> list[Route]:
    """Workshops, joining, results, exports, archives, the event log, the facilitator's session."""
    tag = "workshops"
    return [
        route("post", "/api/workshops", "createWorkshop", "Create a workshop on a site (the organizer key's holder, or anyone "
              "when the server has none).", tag=tag, security=ORGANIZER, optional_security=True,
              body=obj({"title": text(facts.MAX_TITLE), "site_name": text(facts.MAX_TITLE), "boundary": ref("Boundary"),
                        "phase": {"type": "string", "enum": ["setup", "sketching"]}},
                       required=("title", "site_name", "boundary")),
              example={"title": "Park workshop", "site_name": "Panfilov Park", "boundary": EXAMPLE_SITE},
              ok={201: _ok("The workshop, with its join code and the facilitator's token (shown once).", ref("WorkshopCreated"))},
              refused=("invalid_geometry", "conflict")),
        route("post", "/api/sites/parse", "parseSiteFile", "A site boundary read from a GIS file (GeoJSON, KML, KMZ, "
              "GeoPackage or a zipped Shapefile, in any CRS it names), for whoever may create a workshop.", tag=tag,
              security=ORGANIZER, optional_security=True, request_media="multipart/form-data",
              body=obj({"file": {"type": "string", "format": "binary"}}),
              refused=("unsupported_format", "no_polygon", "invalid_geometry", "rate_limited"),
              ok={200: _ok("The largest polygon as the boundary, and every polygon to choose from, largest first.",
                           ref("ParsedSite"))}),
        route("post", "/api/join", "joinWorkshop", "Join a workshop by its code and a name.", tag=tag,
              body=obj({"code": text(facts.MAX_JOIN_CODE), "name": text(facts.MAX_NAME)}),
              example={"code": "K7MP4X", "name": "Aigerim"},
              ok={201: _ok("The participant and their token.", ref("Joined"))}, refused=("not_found", "rate_limited")),
        route("get", "/api/me", "whoami", "Who the bearer token stands for.", tag=tag, security=WORKSHOP,
              ok={200: _ok("The token's participant or facilitator.", ref("Me"))}),
        route("get", "/api/workshops/{workshop_id}", "workshopSummary", "The public summary of a workshop; with the token "
              "of its facilitator or of one of its participants, its join code too (any other token reads it as anyone).",
              tag=tag, security=WORKSHOP, optional_security=True, refuses_bad_token=False,
              ok={200: _ok("The summary with counts; `join_code` only for the workshop's own token.", ref("WorkshopSummary"))}),
        route("get", "/api/workshops/{workshop_id}/export.geojson", "exportWorkshop",
              "The workshop's elements as RFC 7946 GeoJSON (hidden ones too, marked, for the facilitator).", tag=tag,
              security=WORKSHOP, optional_security=True, ok={200: _ok("A FeatureCollection.", ref("FeatureCollection"), GEOJSON)}),
        route("get", "/api/workshops/{workshop_id}/export.gpkg", "exportWorkshopGeoPackage",
              "The workshop's `sites` and `sketches` layers as a GeoPackage (shown as the GeoJSON export shows them).", tag=tag,
              security=WORKSHOP, optional_security=True, refused=("rate_limited",),
              ok={200: _ok("A GeoPackage (EPSG:4326).", STRING, GEOPACKAGE)}),
        route("get", "/api/workshops/{workshop_id}/results", "workshopResults",
              "Designs ranked by votes: public once closed, before that the facilitator's.", tag=tag,
              security=WORKSHOP, optional_security=True, refused=("forbidden",), ok={200: _ok("The ranking.", ref("Results"))}),
        route("get", "/api/workshops/{workshop_id}/export.csv", "exportTallies", "The tallies as CSV, under the results' rule.",
              tag=tag, security=WORKSHOP, optional_security=True, refused=("forbidden",),
              ok={200: _ok("rank,design_id,title,votes,authors", STRING, "text/csv")}),
        route("get", "/api/workshops/{workshop_id}/archive", "exportArchive", "The whole workshop as JSON (facilitator).",
              tag=tag, security=WORKSHOP, refused=("forbidden",), ok={200: _ok("The archive.", ref("Archive"))}),
        route("post", "/api/workshops/import", "importArchive",
              f"A new workshop from an archive (up to COWORK_MAX_IMPORT_BYTES; JSON at most {facts.MAX_JSON_DEPTH} levels deep).",
              tag=tag, security=ORGANIZER, optional_security=True, body=ref("Archive"),
              refused=("invalid_geometry", "outside_site", "conflict"),
              ok={201: _ok("The new workshop, as POST /api/workshops answers.", ref("WorkshopCreated"))}),
        route("get", "/api/workshops/{workshop_id}/events", "eventLog", "The event log after `since`, for replay.", tag=tag,
              security=WORKSHOP, optional_security=True, refused=("invalid", "forbidden"),
              query=[{"name": "since", "in": "query", "required": False, "schema": INTEGER}],
              ok={200: _ok("The events, in order.", ref("EventLog"))}),
        route("post", "/api/session", "openSession", "Remember a facilitator's token in a signed cookie, for their pages.",
              tag=tag, security=WORKSHOP, refused=("forbidden",), ok={200: _ok("The workshop.", obj({"workshop_id": UUID}))}),
    ]


def supervision_routes() -> list[Route]:
    """Construction supervision: adoption, access, visits, photos, sign-offs, reports."""
    tag = "supervision"
    project_id_only = obj({"project_id": UUID})
    observation = obj({
        "element_id": UUID, "kind": ref("Kind"), "status": {"type": "string", "enum": list(facts.STATUSES)},
        "as_built": ref("Geometry"),
        "count": {"type": "integer", "minimum": 0, "maximum": props.MAX_GROUP, "description": "How many (a tree group alive)."}, "note": text(facts.MAX_NOTE, empty=True),
        "props": ref("Props"),  # checked against the kind observed
    }, required=("status",))
    return [
        route("post", "/api/workshops/{workshop_id}/projects", "adoptDesign", "The facilitator adopts a design of a closed workshop.",
              tag=tag, security=WORKSHOP, refused=("forbidden", "phase", "conflict"),
              body=obj({"design_id": UUID, "title": text(facts.MAX_TITLE), "organisation": text(facts.MAX_TITLE, empty=True),
                        "contractor": text(facts.MAX_TITLE, empty=True), "planned_start": DAY, "planned_completion": DAY},
                       required=("design_id", "title")),
              ok={201: _ok("The project, with each author's key and recovery code (shown once).", ref("ProjectAdopted"))}),
        route("get", "/api/workshops/{workshop_id}/projects", "projectsOf", "The projects adopted from a workshop.", tag=tag,
              ok={200: _ok("The projects.", obj({"projects": array(ref("ProjectRef"))}))}),
        route("post", "/api/qr.svg", "qrCode", "A QR code of a text (a secret link never goes into a URL).", tag=tag,
              body=obj({"text": {"type": "string", "minLength": 1, "maxLength": 500}}),
              ok={200: _ok("The QR code.", STRING, "image/svg+xml")}),
        route("get", "/api/projects/{project_id}", "projectSummary", "A project: plan, statuses, progress, ledger, visits.",
              tag=tag, ok={200: _ok("The summary.", ref("ProjectSummary"))}),
        route("post", "/api/projects/{project_id}/claim", "claimKey", "An author claims a fresh supervision key.", tag=tag,
              security=WORKSHOP, refused=("forbidden",), ok={200: _ok("The key and its link.", ref("Key"))}),
        route("post", "/api/supervision/recover", "recoverKey", "A recovery code for a fresh key.", tag=tag,
              body=obj({"code": text(facts.MAX_RECOVERY_CODE)}), refused=("not_found", "rate_limited"),
              ok={200: _ok("The key and its link.", ref("Key"))}),
        route("post", "/api/projects/{project_id}/access/{author_id}/reissue", "reissueCode", "A new recovery code for an author.",
              tag=tag, security=SUPERVISION, refused=("forbidden",),
              ok={200: _ok("The code.", obj({"author_id": UUID, "recovery_code": STRING}))}),
        route("post", "/api/projects/{project_id}/access/{author_id}/revoke", "revokeAccess", "An author's key and code stop working.",
              tag=tag, security=SUPERVISION, refused=("forbidden",),
              ok={200: _ok("Revoked.", obj({"author_id": UUID, "revoked": BOOLEAN}))}),
        route("post", "/api/projects/{project_id}/visits", "recordVisit", "A site visit with its observations.", tag=tag,
              security=SUPERVISION, refused=("forbidden", "invalid_geometry", "conflict"),
              body=obj({"id": UUID, "date": DAY, "notes": text(facts.MAX_NOTE, empty=True),
                        "conditions": text(facts.MAX_CONDITIONS, empty=True),
                        "observations": array(observation, maxItems=facts.MAX_OBSERVATIONS)}, required=("date",)),
              ok={201: _ok("The visit as recorded (a repeated id: as first recorded).", ref("Visit"))}),
        route("post", "/api/projects/{project_id}/visits/{visit_id}/photos", "uploadPhoto", "A photo of a visit.", tag=tag,
              security=SUPERVISION, refused=("forbidden", "not_an_image", "unsupported_type", "too_large"),
              body=obj({"file": {"type": "string", "format": "binary"}, "element_id": UUID}, required=("file",)),
              request_media="multipart/form-data",
              ok={201: _ok("The photo.", ref("Photo")), 200: _ok("The same bytes again: the same photo.", ref("Photo"))}),
        route("get", "/api/projects/{project_id}/photos/{photo_id}", "photoFile", "A photo, without its metadata.", tag=tag,
              ok={200: _ok("The image.", STRING, "image/*")}),
        route("get", "/api/projects/{project_id}/photos/{photo_id}/thumbnail", "photoThumbnail", "A photo's thumbnail.", tag=tag,
              ok={200: _ok("A 320 px JPEG.", STRING, "image/jpeg")}),
        route("get", "/api/projects/{project_id}/photos.zip", "photosZip", "Every photo of a project, zipped.", tag=tag,
              ok={200: _ok("The zip.", STRING, "application/zip")}),
        route("post", "/api/projects/{project_id}/signoffs", "signOff", "An author accepts or objects.", tag=tag,
              security=SUPERVISION, refused=("forbidden", "conflict"),
              body=obj({"visit_id": UUID, "element_id": UUID, "verdict": {"type": "string", "enum": ["accept", "object"]},
                        "comment": text(facts.MAX_NOTE, empty=True)}, required=("verdict",)),
              ok={201: _ok("The sign-off.", ref("Signoff"))}),
        route("get", "/api/projects/{project_id}/report", "projectReport", "The report as HTML that prints on A4.", tag=tag,
              ok={200: _ok("The report.", STRING, HTML)}),
        route("get", "/api/projects/{project_id}/export.geojson", "exportProject", "Plan and as-built as RFC 7946 GeoJSON.",
              tag=tag, ok={200: _ok("A FeatureCollection.", ref("FeatureCollection"), GEOJSON)}),
        route("get", "/api/projects/{project_id}/export.gpkg", "exportProjectGeoPackage",
              "The project's `projects`, `plans` and `as_built` layers as a GeoPackage.", tag=tag, refused=("rate_limited",),
              ok={200: _ok("A GeoPackage (EPSG:4326).", STRING, GEOPACKAGE)}),
        route("get", "/api/city/export.gpkg", "exportCityGeoPackage",
              "Every open-data collection of the city as a layer of one GeoPackage.", tag=tag, refused=("rate_limited",),
              ok={200: _ok("A GeoPackage (EPSG:4326).", STRING, GEOPACKAGE)}),
    ]


def _page(path: str, operation_id: str, summary: str, *, forbidden: bool = False) -> Route:
    ok = {200: _ok("The page.", STRING, HTML), 404: _ok("No such page.", STRING, HTML)}
    if forbidden:
        ok[403] = _ok("Locked until the workshop is closed (the facilitator's session opens it).", STRING, HTML)
    return route("get", path, operation_id, summary, tag="pages", ok=ok)


def _tile_answer() -> dict:
    image = {"schema": {"type": "string", "format": "binary"}}
    return {"description": "The tile (png, jpg or webp as the file holds), or a 1×1 transparent png where the file has "
                           "none; cached a day (an hour for a missing one), with an ETag.",
            "headers": {"ETag": {"schema": STRING}, "Cache-Control": {"schema": STRING}},
            "content": {media: image for media in ("image/png", "image/jpeg", "image/webp")}}


def site_routes() -> list[Route]:
    """The pages, the language switch, the health check, static files, vendored libraries, base map tiles and this
    document."""
    filename = {"name": "filename", "in": "path", "required": True, "schema": STRING, "description": "A file's path."}
    not_found = _ok("No such file.", STRING, HTML)
    return [
        _page("/", "home", "The front door: join a workshop or run one."),
        _page("/new", "newWorkshopPage", "The facilitator's form for a new workshop."),
        _page("/recover", "recoverPage", "Where an author types a recovery code."),
        _page("/city", "cityPage", "The city map: sites, projects, the cycle network, green spaces and signs; prints on A4."),
        _page("/w/{workshop_id}", "workshopPage", "The live map of a workshop."),
        _page("/w/{workshop_id}/console", "consolePage", "The facilitator's console."),
        _page("/w/{workshop_id}/projector", "projectorPage", "The projector view."),
        _page("/w/{workshop_id}/replay", "replayPage", "The replay with a time slider."),
        _page("/w/{workshop_id}/results", "resultsPage", "The results, printable on A4.", forbidden=True),
        _page("/p/{project_id}", "progressPage", "A project's public progress page."),
        _page("/p/{project_id}/supervise", "supervisePage", "The supervision workspace."),
        route("get", "/w/{workshop_id}/qr.svg", "joinQr", "A QR code of the participant link (it carries the join code): "
              "for the facilitator's page session (POST /api/session) only.", tag="pages",
              ok={200: _ok("The QR code.", STRING, "image/svg+xml"), 403: _ok("Not the facilitator's session.", STRING, HTML),
                  404: _ok("No such workshop.", STRING, HTML)}),
        route("get", "/lang/{code}", "switchLanguage", "Remember a language on this device and go back.", tag="pages",
              params=[{"name": "code", "in": "path", "required": True, "schema": {"type": "string", "enum": list(i18n.LANGUAGES)}}],
              query=[{"name": "next", "in": "query", "required": False, "schema": STRING,
                      "description": "Where to go back to: a path of this site (anything else goes to /)."}],
              ok={302: answer("Back to `next`, with the cookie set.", media="", headers={"Location": {"schema": STRING}}),
                  404: _ok("Not a language.", STRING, HTML)}),
        route("get", "/healthz", "health", "For a load balancer: can this process serve?", tag="operations",
              ok={200: _ok("It can.", ref("Health")), 503: _ok("It cannot: the part that does not answer is marked.", ref("Health"))}),
        route("get", "/static/{filename}", "staticFile", "The app's own scripts, styles and images.", tag="files",
              params=[filename], ok={200: _ok("The file.", STRING, "*/*"), 404: not_found}),
        route("get", "/vendor/{filename}", "vendorFile", "A file of an allowed browser library.", tag="files",
              params=[filename], ok={200: _ok("The file.", STRING, "*/*"), 404: not_found}),
        route("get", "/tiles/{z}/{x}/{y}", "basemapTile", "A tile of the base map file COWORK_BASEMAP (rows counted from "
              "the north); a transparent one where the file has none.", tag="files",
              params=[{"name": name, "in": "path", "required": True, "schema": INTEGER, "description": words}
                      for name, words in (("z", "The zoom level."), ("x", "The column, from the west."), ("y", "The row, from the north."))],
              ok={200: _tile_answer(), 404: _ok("No base map file is set, or z/x/y names no tile of the grid.", STRING, HTML)}),
        route("get", "/sw.js", "serviceWorker", "The offline shell's service worker, carrying the build id (never cached by "
              "the browser's HTTP cache).", tag="files", ok={200: _ok("The worker script.", STRING, "text/javascript")}),
        route("get", "/api/openapi.json", "openapi", "This document.", tag="operations",
              ok={200: _ok("The OpenAPI 3.0 document of the HTTP API.", ANY_OBJECT)}),
    ]


def _city_schema() -> dict:
    """The answer of GET /api/city (cowork/city/service.py), as the city page reads it."""
    metres = {"type": "number", "minimum": 0}
    position = array(NUMBER, minItems=2, maxItems=2)
    collection = obj({"type": {"type": "string", "enum": ["FeatureCollection"]},
                      "features": array(obj({"type": {"type": "string", "enum": ["Feature"]}, "geometry": ref("Geometry"),
                                             "properties": ANY_OBJECT}))})
    green = {name: metres for name in GREEN_FIELDS}
    statuses = facts.PROJECT_STATUSES
    return obj({
        "generated_at": TIME,
        "sites": array(obj({"workshop_id": UUID, "title": STRING, "site_name": STRING, "phase": ref("Phase"),
                            "boundary": ref("Geometry"), "results_url": nullable(STRING)})),
        "projects": array(obj({"id": UUID, "workshop_id": UUID, "title": STRING, "status": {"type": "string", "enum": list(statuses)},
                               "progress": ANY_OBJECT, "green": obj(green), "url": STRING,
                               "bbox": array(NUMBER, minItems=4, maxItems=4)})),
        "cycle_network": obj({
            "length_m_by_status": obj({name: metres for name in facts.LANE_STATUSES}),
            "length_m_by_facility": obj({name: metres for name in props.FACILITIES}),
            "parts": INTEGER,
            "gaps": array(obj({"a": position, "b": position, "distance_m": metres, "parts": array(INTEGER, minItems=2, maxItems=2)})),
        }),
        "green": obj({**green, "history": array(obj({"date": DAY, **{name: metres for name in HISTORY_FIELDS}}))}),
        "signs": INTEGER,
        "signs_to_review": array(obj({"id": UUID, "text": nullable(STRING), "bearing": nullable(INTEGER),
                                      "sign_type": nullable(STRING), "position": position, "project_id": nullable(UUID),
                                      "workshop_id": UUID})),
        "map": obj({name: collection for name in ("plans", "cycle_lanes", "gaps", "green", "signs")}),
    })


def city_routes() -> list[Route]:
    """The city map's figures (public)."""
    return [
        route("get", "/api/city", "cityMap", "Every published site and adopted project, the cycle network (lengths by "
              "status and facility, connected parts, gaps), the compensatory green ledger summed and over time, and the "
              "wayfinding signs to review, with the map's GeoJSON layers (at most COWORK_LIMIT_CITY per address).",
              tag="city", refused=("rate_limited",), ok={200: _ok("The city map.", _city_schema())}),
    ]
