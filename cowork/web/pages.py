"""The HTML pages. Each renders a template; the browser talks to the API and Socket.IO itself."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template

from ..errors import CoworkError

pages = Blueprint("pages", __name__)


@pages.app_context_processor
def map_settings() -> dict:
    """Settings every page's map needs."""
    settings = current_app.extensions["cowork"].settings
    return {
        "tile_url": settings.TILE_URL,
        "tile_attribution": settings.TILE_ATTRIBUTION,
        "tolerance_m": float(settings.SITE_TOLERANCE_M),
    }


@pages.get("/")
def home():
    """The front door: join a workshop or run one."""
    return render_template("pages/home.html")


@pages.get("/new")
def new_workshop():
    """The facilitator's form for a new workshop."""
    return render_template("pages/new.html")


@pages.get("/w/<workshop_id>")
def workshop_map(workshop_id: str):
    """The live map of a workshop (the token comes from the URL fragment or the device's storage)."""
    try:
        workshop = current_app.extensions["cowork"].workshops.summary(workshop_id)
    except CoworkError:
        abort(404)
    return render_template("pages/workshop.html", workshop_id=workshop["id"], workshop_title=workshop["title"])
