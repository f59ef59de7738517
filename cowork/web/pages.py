"""What every HTML page's template is given: the map settings. The pages themselves are in their capabilities'
`pages.py`."""

from __future__ import annotations

import json

from flask import Blueprint

from .context import cowork
from .tiles import current_tiles

pages = Blueprint("pages", __name__)


@pages.app_context_processor
def map_settings() -> dict:
    """Settings every page's map needs."""
    tiles = current_tiles()
    return {
        "tiles": tiles,
        "tile_bounds": json.dumps(tiles.leaflet_bounds) if tiles.bounds else "",
        "tolerance_m": float(cowork().settings.SITE_TOLERANCE_M),
    }
