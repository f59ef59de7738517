"""`GET /healthz` for a load balancer: 200 when this process can serve, 503 when its database or message queue
does not answer."""

from __future__ import annotations

from flask import Blueprint, jsonify

from ..web.context import cowork

health = Blueprint("health", __name__)


@health.get("/healthz")
def healthz():
    """The checks' outcome, with the status a load balancer reads."""
    report = cowork().health.check()
    response = jsonify(report)
    response.status_code = 200 if report["status"] == "ok" else 503
    response.headers["Cache-Control"] = "no-store"
    return response
