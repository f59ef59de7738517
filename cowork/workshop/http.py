"""The live workshop's JSON API. Handlers are thin: parse, call a service, answer."""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, jsonify, request, session
from werkzeug.exceptions import RequestEntityTooLarge

from ..errors import CoworkError
from ..web.context import (
    bearer_token,
    cowork,
    json_body,
    note_workshop,
    optional_participant,
    organizer,
    participant,
    reader,
)
from ..web.limits import creating_workshops, limiter, wrong_guess
from . import payloads, site_files

api = Blueprint("api", __name__, url_prefix="/api")


@api.post("/workshops")
@creating_workshops()
def create_workshop():
    """Create a workshop: the organizer key's holder, or anyone when the server has none."""
    organizer()
    created = cowork().workshops.create(payloads.WorkshopCreate.parse(json_body()))
    note_workshop(created["id"])
    return jsonify(created), 201


@api.post("/sites/parse")
@limiter.limit(lambda: current_app.config["LIMIT_SITE_FILES"])
def parse_site_file():
    """A site boundary read from an uploaded GIS file (multipart `file`), for whoever may create a workshop."""
    cowork().access.organizer(bearer_token())
    limit = int(cowork().settings.MAX_SITE_FILE_BYTES)
    request.max_content_length = limit + 64 * 1024  # the form's own bytes; a larger body is refused unread
    try:
        upload = request.files.get("file")
    except RequestEntityTooLarge:
        raise CoworkError("too_large", f"A site file may be at most {site_files.size_words(limit)}.") from None
    if upload is None:
        raise CoworkError("invalid", "Send the file as the multipart field 'file'.")
    data = upload.stream.read(limit + 1)
    if len(data) > limit:  # refused here, before a worker is given it
        raise CoworkError("too_large", f"A site file may be at most {site_files.size_words(limit)}.")
    return jsonify(site_files.read_in_worker(data, upload.filename or "", cowork().settings))


@api.post("/join")
@limiter.limit(lambda: current_app.config["LIMIT_WRONG_JOIN_CODES"], deduct_when=wrong_guess)
def join_workshop():
    """Join a workshop by its code and a name."""
    joined = cowork().workshops.join(payloads.Join.parse(json_body()))
    note_workshop(joined["workshop_id"])
    return jsonify(joined), 201


@api.get("/me")
def whoami():
    """Who the bearer token stands for."""
    identity = participant()
    return jsonify({**identity.as_you(), "workshop_id": identity.workshop_id})


@api.get("/workshops/<id:workshop_id>")
def workshop_summary(workshop_id: str):
    """The public summary of a workshop; the join code only for the bearer of one of its tokens."""
    return jsonify(cowork().workshops.summary(workshop_id, reader()))


@api.get("/workshops/<id:workshop_id>/export.geojson")
def export_geojson(workshop_id: str):
    """The workshop's elements as RFC 7946 GeoJSON (hidden ones too, marked, for the facilitator): its own people's
    until it closes, then public."""
    collection = cowork().state.export_features(workshop_id, optional_participant())
    body = json.dumps(collection, ensure_ascii=False)
    return Response(
        body,
        mimetype="application/geo+json",
        headers={"Content-Disposition": f'attachment; filename="workshop-{workshop_id}.geojson"'},
    )


@api.get("/workshops/<id:workshop_id>/results")
def results(workshop_id: str):
    """Designs ranked by votes with their figures: public once closed, else the facilitator's."""
    return jsonify(cowork().results.results(workshop_id, optional_participant()))


@api.get("/workshops/<id:workshop_id>/export.csv")
def export_csv(workshop_id: str):
    """The tallies as CSV, under the same rule as the results."""
    body = cowork().results.tallies_csv(workshop_id, optional_participant())
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="workshop-{workshop_id}-tallies.csv"'},
    )


@api.get("/workshops/<id:workshop_id>/events")
def events(workshop_id: str):
    """The event log for replay: the facilitator's, or public once closed."""
    query = payloads.EventsQuery.parse(request.args)
    return jsonify(cowork().state.replay_events(workshop_id, optional_participant(), query.since))


@api.post("/session")
def open_session():
    """Remember in a signed cookie that this browser holds a workshop's facilitator token (for its pages)."""
    identity = participant()
    if not identity.is_facilitator:
        raise CoworkError("forbidden", "Only a facilitator opens a session.")
    facilitated = [w for w in session.get("facilitates", []) if w != identity.workshop_id][-19:]
    session["facilitates"] = [*facilitated, identity.workshop_id]
    session.permanent = True
    return jsonify({"workshop_id": identity.workshop_id})
