"""Construction supervision's HTML pages: the public progress page, the author's workspace, recovering access, and
the printable report (design against as-built on a folium map, statuses, ledger, photos, visits)."""

from __future__ import annotations

import secrets
from typing import Any

from flask import Blueprint, Response, abort, g, render_template

from .. import untrusted
from ..core import i18n
from ..errors import CoworkError
from ..web.context import cowork
from ..web.folium_maps import design_vs_built_map
from ..web.security import content_security_policy
from ..web.tiles import current_tiles

pages = Blueprint("supervision_pages", __name__)


def _project_or_404(project_id: str) -> dict:
    try:
        return cowork().supervision.summary(project_id)
    except CoworkError:
        abort(404)


@pages.get("/p/<id:project_id>")
def project_progress(project_id: str):
    """The public progress page of a project: map, progress, green ledger, visits with photos, sign-offs."""
    project = _project_or_404(project_id)
    return render_template("supervision/progress.html", project_id=project_id, project_title=project["title"])


@pages.get("/p/<id:project_id>/supervise")
def supervise(project_id: str):
    """The supervision workspace (the author's key comes from the URL fragment or the device's storage)."""
    project = _project_or_404(project_id)
    untrusted.warm()  # photos may follow: their worker starts while the author walks the site
    return render_template("supervision/supervise.html", project_id=project_id, project_title=project["title"])


@pages.get("/recover")
def recover_access():
    """Where an author types their recovery code to get a fresh supervision link."""
    return render_template("supervision/recover.html")


def person_text(person: dict[str, Any], lang: str) -> str:
    """A person of the summary in words (as static/js/supervision/people.js says it): her name or initials as
    chosen, "Author 2" / "The author", or "Facilitator"."""
    if person["shown_as"] == "facilitator":
        return i18n.translate(lang, "sv.people.facilitator")
    if person["name"]:
        return person["name"]
    if person["number"]:
        return i18n.translate(lang, "sv.people.author_n", number=person["number"])
    return i18n.translate(lang, "sv.people.author")


CHART_WIDTH, CHART_HEIGHT = 360, 120


def ledger_chart(history: list[dict[str, Any]], required: int) -> dict[str, Any]:
    """Points of a small line chart of trees alive per visit, against the number required."""
    top = max([required, 1] + [h["trees_alive"] for h in history])
    steps = max(len(history) - 1, 1)

    def y(value: float) -> float:
        return round(CHART_HEIGHT - 10 - (CHART_HEIGHT - 20) * value / top, 1)

    points = [(round(10 + (CHART_WIDTH - 20) * i / steps, 1), y(h["trees_alive"])) for i, h in enumerate(history)]
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "points": " ".join(f"{px},{py}" for px, py in points),
        "dots": points,
        "required_y": y(required),
        "top": top,
    }


@pages.get("/api/projects/<id:project_id>/report")
def report(project_id: str):
    """The report as HTML that prints well on A4 (public: it holds no secrets; people and notes as in public)."""
    summary = cowork().supervision.summary(project_id)
    lang = getattr(g, "lang", i18n.DEFAULT_LANGUAGE)
    nonce = secrets.token_urlsafe(16)
    overlay = design_vs_built_map(summary["boundary"], summary["plan"], summary["additions"], current_tiles())
    chart = ledger_chart(summary["green_ledger"]["history"], summary["green_ledger"]["trees_required"])
    # Only the template's own <script> carries the nonce: nothing in the report's text can earn it.
    response = Response(
        render_template(
            "supervision/report.html",
            project=summary,
            overlay=overlay,
            chart=chart,
            nonce=nonce,
            who=lambda person: person_text(person, lang),
            authors=", ".join(person_text(author, lang) for author in summary["authors"]),
        ),
        mimetype="text/html",
    )
    response.headers["Content-Security-Policy"] = content_security_policy(nonce=nonce)
    return response
