"""`GET /api/city`: the city map's figures and layers as JSON, public, one generous limit per address."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from .context import cowork
from .limits import limiter

city = Blueprint("city", __name__, url_prefix="/api")


@city.get("/city")
@limiter.limit(lambda: current_app.config["LIMIT_CITY"])
def city_map():
    """Every published site and adopted project, the cycle network, the green ledger and the signs (public; no
    credential is read)."""
    return jsonify(cowork().city.city())
