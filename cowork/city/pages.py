"""The city map's HTML page; its script reads `GET /api/city` (city/http.py)."""

from __future__ import annotations

from flask import Blueprint, render_template

pages = Blueprint("city_pages", __name__)


@pages.get("/city")
def city_map():
    """The city map: every published site and adopted project, the cycle network, green spaces and signs (public;
    its script reads GET /api/city). Prints on A4."""
    return render_template("city/city.html")
