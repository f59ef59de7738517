"""`GET /api/city`: the city map's figures and layers as JSON, public, one generous limit per address."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app

from ..web.context import cowork
from ..web.limits import limiter, refused

city = Blueprint("city", __name__, url_prefix="/api")

# The answer last encoded and its bytes: the service keeps one answer per change, so the megabyte of JSON a big
# city makes is encoded once per change too, not on every page load.
_ENCODED: list[Any] = [None, b""]


@city.get("/city")
@limiter.limit(lambda: current_app.config["LIMIT_CITY"], on_breach=refused)
def city_map():
    """Every published site and adopted project, the cycle network, the green ledger and the signs (public; no
    credential is read)."""
    answer = cowork().city.city()
    if _ENCODED[0] is not answer:
        _ENCODED[:] = [answer, current_app.json.dumps(answer).encode()]
    return Response(_ENCODED[1], mimetype="application/json")
