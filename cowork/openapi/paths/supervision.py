"""Construction supervision's operations: adoption, access, visits, photos, sign-offs, reports."""

from __future__ import annotations

from ...core import facts, props
from ..builders import (
    BOOLEAN,
    DAY,
    STRING,
    UUID,
    Route,
    array,
    obj,
    ref,
    route,
    text,
)
from . import GEOJSON, GEOPACKAGE, HTML, SUPERVISION, WORKSHOP, _ok


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
