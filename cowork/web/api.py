"""The JSON API. Handlers are thin: parse, call a service, answer."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from .. import payloads
from ..errors import CoworkError
from ..services import Cowork, Identity

api = Blueprint("api", __name__, url_prefix="/api")


def cowork() -> Cowork:
    """The app's services."""
    return current_app.extensions["cowork"]


def json_body() -> Any:
    """The request's JSON body, or `invalid`."""
    body = request.get_json(silent=True)
    if body is None:
        raise CoworkError("invalid", "The request body must be JSON.")
    return body


def bearer_identity() -> Identity:
    """The identity behind `Authorization: Bearer <token>`, or `unauthorized`."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer":
        token = ""
    return cowork().workshops.authenticate(token.strip())


@api.post("/workshops")
def create_workshop():
    """Create a workshop; anyone may run one."""
    created = cowork().workshops.create(payloads.WorkshopCreate.parse(json_body()))
    return jsonify(created), 201


@api.post("/join")
def join_workshop():
    """Join a workshop by its code and a name."""
    joined = cowork().workshops.join(payloads.Join.parse(json_body()))
    return jsonify(joined), 201


@api.get("/me")
def whoami():
    """Who the bearer token stands for."""
    identity = bearer_identity()
    return jsonify({**identity.as_you(), "workshop_id": identity.workshop_id})


@api.get("/workshops/<workshop_id>")
def workshop_summary(workshop_id: str):
    """The public summary of a workshop."""
    return jsonify(cowork().workshops.summary(workshop_id))


@api.get("/workshops/<workshop_id>/export.geojson")
def export_geojson(workshop_id: str):
    """The workshop's elements as RFC 7946 GeoJSON."""
    collection = cowork().workshops.export_features(workshop_id)
    body = json.dumps(collection, ensure_ascii=False)
    return Response(
        body,
        mimetype="application/geo+json",
        headers={"Content-Disposition": f'attachment; filename="workshop-{workshop_id}.geojson"'},
    )
