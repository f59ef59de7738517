"""The JSON API of construction supervision. Thin handlers: parse, call a service, answer."""

from __future__ import annotations

import io
import json
import zipfile

from flask import Blueprint, Response, current_app, jsonify, request, send_file

from ..errors import CoworkError
from ..web.context import cowork, json_body, participant, project_reader, realtime, supervisor
from ..web.limits import limiter, wrong_guess
from ..web.qr import qr_svg
from .payloads import ClaimRequest, PhotoUpload, ProjectCreate, RecoveryRequest, SignoffCreate, VisitCreate

supervision_api = Blueprint("supervision_api", __name__, url_prefix="/api")


@supervision_api.post("/workshops/<id:workshop_id>/projects")
def adopt(workshop_id: str):
    """The facilitator adopts a design of a closed workshop for construction."""
    identity, request_ = participant(), ProjectCreate.parse(json_body())
    # Through the broadcaster, so `project:adopted` reaches the workshop's tablets in seq order with the rest.
    outcome = realtime().run(workshop_id, lambda: cowork().supervision.adopt(identity, workshop_id, request_))
    return jsonify(outcome.reply), 201


@supervision_api.post("/qr.svg")
def qr_code():
    """A QR code of a text sent in the body (a secret link never goes into a URL, where logs would keep it)."""
    body = json_body()
    text = body.get("text") if isinstance(body, dict) else None
    if not isinstance(text, str) or not 1 <= len(text) <= 500:
        raise CoworkError("invalid", "'text' must be 1 to 500 characters.")
    svg = qr_svg(text)
    return Response(svg, mimetype="image/svg+xml", headers={"Cache-Control": "no-store"})


@supervision_api.get("/workshops/<id:workshop_id>/projects")
def projects_of(workshop_id: str):
    """The projects adopted from a workshop."""
    return jsonify({"projects": cowork().supervision.projects_of(workshop_id)})


@supervision_api.get("/projects/<id:project_id>")
def project_summary(project_id: str):
    """Public: the plan with statuses, progress, the green ledger, visits, photos and sign-offs, authors as each
    chose to be shown and only the notes marked public; whole for the project's supervisors (a key, the facilitator)."""
    return jsonify(cowork().supervision.summary(project_id, project_reader(project_id)))


@supervision_api.post("/projects/<id:project_id>/claim")
def claim(project_id: str):
    """An author replaces their supervision key with a fresh one, with their workshop token (`replace: true`)."""
    identity = participant()
    return jsonify(cowork().supervision.claim(identity, project_id, ClaimRequest.parse(json_body())))


@supervision_api.get("/projects/<id:project_id>/me")
def supervising_as(project_id: str):
    """Whom a supervision key (or the facilitator's token) stands for on this project, or `{"supervising": false}`
    once it stopped working: the workspace asks as it opens, so a dead link says so before anyone types a visit.
    Refused to nobody (a dead key is no error of the page's: a browser logs every refused request as one)."""
    who = project_reader(project_id)
    return jsonify(who.as_you() if who else {"supervising": False})


@supervision_api.post("/supervision/recover")
@limiter.limit(lambda: current_app.config["LIMIT_WRONG_RECOVERY_CODES"], deduct_when=wrong_guess)
def recover():
    """An author exchanges their recovery code for a fresh key."""
    return jsonify(cowork().supervision.recover(RecoveryRequest.parse(json_body())))


@supervision_api.post("/projects/<id:project_id>/access/<id:author_id>/reissue")
def reissue(project_id: str, author_id: str):
    """The facilitator issues an author a new recovery code."""
    return jsonify(cowork().supervision.reissue(supervisor(project_id), author_id))


@supervision_api.post("/projects/<id:project_id>/access/<id:author_id>/revoke")
def revoke(project_id: str, author_id: str):
    """The facilitator revokes an author's access."""
    return jsonify(cowork().supervision.revoke(supervisor(project_id), author_id))


@supervision_api.post("/projects/<id:project_id>/visits")
def record_visit(project_id: str):
    """An author or the facilitator records a site visit with observations."""
    visit = cowork().supervision.record_visit(supervisor(project_id), VisitCreate.parse(json_body()))
    return jsonify(visit), 201


@supervision_api.post("/projects/<id:project_id>/visits/<id:visit_id>/photos")
def upload_photo(project_id: str, visit_id: str):
    """A photo of a visit (optionally of one element); a retried upload returns the same photo."""
    who = supervisor(project_id)
    request.max_content_length = int(cowork().settings.MAX_PHOTO_BYTES) + 64 * 1024
    photo, created = cowork().photos.upload(who, PhotoUpload.parse(visit_id, request.form, request.files))
    return jsonify(photo), 201 if created else 200


@supervision_api.get("/projects/<id:project_id>/photos/<id:photo_id>")
def photo_file(project_id: str, photo_id: str):
    """A photo, without its camera metadata."""
    path, media_type = cowork().photos.file_of(project_id, photo_id, thumbnail=False)
    return send_file(path, mimetype=media_type, max_age=86400)


@supervision_api.get("/projects/<id:project_id>/photos/<id:photo_id>/thumbnail")
def photo_thumbnail(project_id: str, photo_id: str):
    """A photo's thumbnail."""
    path, media_type = cowork().photos.file_of(project_id, photo_id, thumbnail=True)
    return send_file(path, mimetype=media_type, max_age=86400)


@supervision_api.get("/projects/<id:project_id>/photos.zip")
def photos_zip(project_id: str):
    """Every photo of a project in one zip, named by visit date."""
    summary = cowork().supervision.summary(project_id)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for visit in summary["visits"]:
            for index, photo in enumerate(visit["photos"], start=1):
                path, _media_type = cowork().photos.file_of(project_id, photo["id"], thumbnail=False)
                archive.write(path, f"{visit['date']}_{visit['id'][:8]}_{index:02d}.{path.suffix.lstrip('.')}")
    buffer.seek(0)
    return send_file(
        buffer, mimetype="application/zip", as_attachment=True, download_name=f"project-{project_id}-photos.zip"
    )


@supervision_api.post("/projects/<id:project_id>/signoffs")
def sign(project_id: str):
    """An author accepts or objects to a visit or an element."""
    signoff = cowork().supervision.sign(supervisor(project_id), SignoffCreate.parse(json_body()))
    return jsonify(signoff), 201


@supervision_api.get("/projects/<id:project_id>/export.geojson")
def export_geojson(project_id: str):
    """The plan and the as-built geometry with statuses, as RFC 7946 GeoJSON."""
    summary = cowork().supervision.summary(project_id)
    features = []
    for element in summary["plan"]:
        common = {
            "element_id": element["element_id"],
            "kind": element["kind"],
            "status": element["status"],
            "note": element["note"],
        }
        features.append(
            {
                "type": "Feature",
                "id": f"{element['element_id']}:design",
                "geometry": element["geometry"],
                "properties": {**common, "layer": "design", "measure": element["measure"], "props": element["props"]},
            }
        )
        if element["as_built"]:
            # As built, the props the visit found (null when it said nothing of them).
            features.append(
                {
                    "type": "Feature",
                    "id": f"{element['element_id']}:as_built",
                    "geometry": element["as_built"],
                    "properties": {
                        **common,
                        "layer": "as_built",
                        "deviation": element["deviation"],
                        "props": element["as_built_props"],
                    },
                }
            )
    for addition in summary["additions"]:
        features.append(
            {
                "type": "Feature",
                "id": f"{addition['element_id']}:as_built",
                "geometry": addition["as_built"],
                "properties": {
                    "element_id": addition["element_id"],
                    "kind": addition["kind"],
                    "status": addition["effective_status"],
                    "note": addition["note"],
                    "layer": "unplanned",
                    "props": addition["props"],
                },
            }
        )
    body = json.dumps({"type": "FeatureCollection", "name": summary["title"], "features": features}, ensure_ascii=False)
    return Response(
        body,
        mimetype="application/geo+json",
        headers={"Content-Disposition": f'attachment; filename="project-{project_id}.geojson"'},
    )
