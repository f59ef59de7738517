"""The base map's tiles: which tiles every map uses (COWORK_BASEMAP's, served here, else COWORK_TILE_URL's) and
`GET /tiles/<z>/<x>/<y>`, the tiles of the MBTiles file."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, abort, current_app, request

from ..config import Config
from .basemap import TRANSPARENT_PNG, Basemap, Bounds, Tile, is_address
from .limits import limiter

tiles = Blueprint("tiles", __name__)

# Where the base map's tiles are served: on our own origin, so the pages' policy needs no other host.
BASEMAP_TILE_URL = "/tiles/{z}/{x}/{y}"
# A tile of the file changes only when the file does, which takes a restart: a day in the tablets' cache. A tile
# it lacks is cached less long, in case a fuller file comes.
TILE_MAX_AGE_S = 24 * 3600
MISSING_MAX_AGE_S = 3600
# A tile the file lacks: 200 with an image that shows nothing. Chromium logs an error status (404) in the console,
# tile after tile, wherever the map goes beyond the file; a 204 it does not log, but each is a failed image
# (Leaflet's `tileerror`) left undrawn.
MISSING = Tile(TRANSPARENT_PNG, "image/png")


@dataclass(frozen=True)
class MapTiles:
    """The tile layer every map draws: URL template (empty: none), attribution, and the zoom levels and extent the
    tiles exist for (None: any)."""

    url: str
    attribution: str
    min_zoom: int | None = None
    max_native_zoom: int | None = None
    bounds: Bounds | None = None

    @property
    def same_origin(self) -> bool:
        """Whether the tiles come from this server (COWORK_BASEMAP's)."""
        return self.url.startswith("/") and not self.url.startswith("//")

    @property
    def leaflet_bounds(self) -> list[list[float]] | None:
        """The extent as Leaflet takes it: [[south, west], [north, east]]."""
        b = self.bounds
        return [[b.south, b.west], [b.north, b.east]] if b else None


def map_tiles(settings: Config, basemap: Basemap | None) -> MapTiles:
    """The tiles in force: the base map file's when there is one (its attribution, else COWORK_TILE_ATTRIBUTION),
    else the tile server's."""
    if basemap is None:
        return MapTiles(settings.TILE_URL, settings.TILE_ATTRIBUTION)
    return MapTiles(
        BASEMAP_TILE_URL,
        basemap.attribution or settings.TILE_ATTRIBUTION,
        basemap.min_zoom,
        basemap.max_zoom,
        basemap.bounds,
    )


def current_tiles() -> MapTiles:
    """The tiles in force for this app."""
    return current_app.extensions["map_tiles"]


@tiles.get("/tiles/<int:z>/<int:x>/<int:y>")
@limiter.exempt  # nothing to guess here, and a map asks for dozens at once: skip the limiter's bookkeeping
def tile(z: int, x: int, y: int):
    """One tile of COWORK_BASEMAP (anyone may read it); a transparent one where the file has none."""
    basemap: Basemap | None = current_app.extensions.get("basemap")
    if basemap is None or not is_address(z, x, y):
        abort(404)
    found = basemap.tile(z, x, y)
    answer = found or MISSING
    response = Response(answer.data, mimetype=answer.media_type)
    response.set_etag(answer.etag)
    response.cache_control.public = True
    response.cache_control.max_age = TILE_MAX_AGE_S if found else MISSING_MAX_AGE_S
    return response.make_conditional(request)
