"""The workshop archive over HTTP: its export for the facilitator and its import as a new workshop."""

from __future__ import annotations

import json

from flask import Blueprint, Response, jsonify, request

from ..web.context import cowork, json_body, organizer, participant
from ..web.limits import creating_workshops
from .payloads import ArchiveIn

api = Blueprint("archive_api", __name__, url_prefix="/api")


@api.get("/workshops/<id:workshop_id>/archive")
def archive(workshop_id: str):
    """The whole workshop as JSON, for the facilitator."""
    body = json.dumps(cowork().archive.export(workshop_id, participant()), ensure_ascii=False)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="workshop-{workshop_id}-archive.json"'},
    )


@api.post("/workshops/import")
@creating_workshops()
def import_archive():
    """A new workshop from an archive (archives may be larger than other requests)."""
    organizer()
    request.max_content_length = int(cowork().settings.MAX_IMPORT_BYTES)
    created = cowork().archive.import_archive(ArchiveIn.parse(json_body()))
    return jsonify(created), 201
