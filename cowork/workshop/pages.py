"""The live workshop's HTML pages. Most render a shell whose scripts talk to the API and Socket.IO; results render on
the server."""

from __future__ import annotations

import secrets

from flask import Blueprint, Response, abort, render_template, request, session

from .. import untrusted
from ..core.identities import Identity
from ..errors import CoworkError
from ..web.context import cowork
from ..web.folium_maps import design_map
from ..web.qr import qr_svg
from ..web.security import content_security_policy
from ..web.tiles import current_tiles

pages = Blueprint("workshop_pages", __name__)


def _workshop_or_404(workshop_id: str, reader: Identity | None = None) -> dict:
    try:
        return cowork().workshops.summary(workshop_id, reader)
    except CoworkError:
        abort(404)


def _cookie_identity(workshop_id: str) -> Identity | None:
    """The facilitator, when this browser opened a session for the workshop (POST /api/session)."""
    if workshop_id in session.get("facilitates", []):
        return Identity("", workshop_id, "", "facilitator")
    return None


def _shell(template: str, workshop_id: str):
    workshop = _workshop_or_404(workshop_id)
    return render_template(template, workshop_id=workshop["id"], workshop_title=workshop["title"])


@pages.get("/")
def home():
    """The front door: join a workshop or run one."""
    return render_template("workshop/home.html")


@pages.get("/new")
def new_workshop():
    """The facilitator's form for a new workshop (it asks for the organizer key when the server has one)."""
    untrusted.warm()  # a site file may follow: its worker starts while the facilitator finds the file
    return render_template("workshop/new.html", organizer_key_required=bool(cowork().settings.ORGANIZER_KEY))


@pages.get("/w/<id:workshop_id>")
def workshop_map(workshop_id: str):
    """The live map of a workshop (the token comes from the URL fragment or the device's storage)."""
    return _shell("workshop/workshop.html", workshop_id)


@pages.get("/w/<id:workshop_id>/console")
def console(workshop_id: str):
    """The facilitator's console (its script connects with the facilitator token from the device)."""
    return _shell("workshop/console.html", workshop_id)


@pages.get("/w/<id:workshop_id>/projector")
def projector(workshop_id: str):
    """The projector view: the map, the join code with a QR code, the timer and, when shown, tallies."""
    return _shell("workshop/projector.html", workshop_id)


@pages.get("/w/<id:workshop_id>/replay")
def replay(workshop_id: str):
    """The replay of the session with a time slider."""
    return _shell("workshop/replay.html", workshop_id)


@pages.get("/w/<id:workshop_id>/qr.svg")
def join_qr(workshop_id: str):
    """A QR code of the participant link, for the facilitator's browser (its page session): it carries the code."""
    workshop = _workshop_or_404(workshop_id, _cookie_identity(workshop_id))
    if "join_code" not in workshop:
        abort(403)
    url = f"{request.host_url}?code={workshop['join_code']}"
    svg = qr_svg(url, scale=8)
    return Response(svg, mimetype="image/svg+xml", headers={"Cache-Control": "no-store"})


@pages.get("/w/<id:workshop_id>/results")
def results(workshop_id: str):
    """Designs ranked by votes, each with its map and figures; public once closed. Prints on A4."""
    _workshop_or_404(workshop_id)
    try:
        ranking = cowork().results.results(workshop_id, _cookie_identity(workshop_id), with_elements=True)
    except CoworkError:
        return render_template("workshop/results_locked.html", workshop_id=workshop_id), 403
    nonce = secrets.token_urlsafe(16)
    boundary = ranking["workshop"]["boundary"]
    maps = {row["design_id"]: design_map(boundary, row["elements"], current_tiles()) for row in ranking["ranking"]}
    # Only the template's own <script> elements carry the nonce: nothing in the page's text can earn it.
    response = Response(
        render_template("workshop/results.html", results=ranking, maps=maps, nonce=nonce), mimetype="text/html"
    )
    response.headers["Content-Security-Policy"] = content_security_policy(nonce=nonce)
    return response
