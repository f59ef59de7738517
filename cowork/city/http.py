"""`GET /api/city` (the city map's figures) and `GET /api/city/layers` (its layers in a view): JSON, public, one
generous limit per address."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from ..web.context import cowork
from ..web.limits import limiter, refused

city = Blueprint("city", __name__, url_prefix="/api")


@city.get("/city")
@limiter.limit(lambda: current_app.config["LIMIT_CITY"], on_breach=refused)
def city_figures():
    """The cycle network, the green ledger, the projects and the signs to review, as kept (public; no credential
    is read)."""
    return jsonify(cowork().city.city())


@city.get("/city/layers")
@limiter.limit(lambda: current_app.config["LIMIT_CITY"], on_breach=refused)
def city_layers():
    """The city map's layers in a view: `bbox=w,s,e,n&zoom=z` (public)."""
    return jsonify(cowork().city.layers(request.args.get("bbox"), request.args.get("zoom")))
