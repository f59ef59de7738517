"""The printable supervision report: design against as-built on a folium map, statuses, ledger, photos, visits."""

from __future__ import annotations

import secrets
from typing import Any

from flask import Blueprint, Response, render_template

from .context import cowork
from .results_map import design_vs_built_map
from .security import content_security_policy
from .tiles import current_tiles

reports = Blueprint("reports", __name__)

CHART_WIDTH, CHART_HEIGHT = 360, 120


def ledger_chart(history: list[dict[str, Any]], required: int) -> dict[str, Any]:
    """Points of a small line chart of trees alive per visit, against the number required."""
    top = max([required, 1] + [h["trees_alive"] for h in history])
    steps = max(len(history) - 1, 1)

    def y(value: float) -> float:
        return round(CHART_HEIGHT - 10 - (CHART_HEIGHT - 20) * value / top, 1)

    points = [(round(10 + (CHART_WIDTH - 20) * i / steps, 1), y(h["trees_alive"])) for i, h in enumerate(history)]
    return {"width": CHART_WIDTH, "height": CHART_HEIGHT, "points": " ".join(f"{px},{py}" for px, py in points),
            "dots": points, "required_y": y(required), "top": top}


@reports.get("/api/projects/<id:project_id>/report")
def report(project_id: str):
    """The report as HTML that prints well on A4 (public: it holds no secrets)."""
    summary = cowork().supervision.summary(project_id)
    nonce = secrets.token_urlsafe(16)
    overlay = design_vs_built_map(summary["boundary"], summary["plan"], summary["additions"], current_tiles())
    chart = ledger_chart(summary["green_ledger"]["history"], summary["green_ledger"]["trees_required"])
    # Only the template's own <script> carries the nonce: nothing in the report's text can earn it.
    response = Response(render_template("pages/report.html", project=summary, overlay=overlay, chart=chart, nonce=nonce),
                        mimetype="text/html")
    response.headers["Content-Security-Policy"] = content_security_policy(nonce=nonce)
    return response
