"""The application factory: settings, database, services, blueprints, Socket.IO."""

from __future__ import annotations

import logging

from flask import Flask

from .config import ROOT, Config
from .db import Database
from .ops import migrate
from .realtime import init_realtime
from .services import Cowork
from .web.basemap import Basemap


def create_app(config: Config | None = None) -> Flask:
    """The application factory: settings, database (schema made current), services, HTTP and Socket.IO."""
    settings = config or Config()
    # A base map file that cannot serve stops the start here, before the database is touched.
    basemap = Basemap.open(settings.BASEMAP) if settings.BASEMAP else None
    app = Flask("cowork", static_folder=str(ROOT / "static"), template_folder=str(ROOT / "templates"))
    from .web.context import IdConverter, StrictJSONProvider
    from .web.tiles import map_tiles

    # Before any route is added: `<id:...>` in routes; every JSON a client sends is decoded strictly
    # (cowork/core/strict_json.py).
    app.url_map.converters["id"] = IdConverter
    app.json = StrictJSONProvider(app)
    app.config.update(settings.as_flask())
    app.config["MAX_CONTENT_LENGTH"] = int(settings.MAX_REQUEST_BYTES)
    app.config["SECRET_KEY"] = settings.secret_key()
    app.json.ensure_ascii = False

    db = Database(settings.database_url)
    # The schema is made and kept current by the migrations, never by create_all (cowork/ops/migrate.py says when).
    migrate.prepare(settings.database_url, auto_upgrade=db.is_sqlite)
    cowork = Cowork(db, settings)
    app.extensions["cowork"] = cowork
    app.extensions["basemap"] = basemap
    app.extensions["map_tiles"] = tiles = map_tiles(settings, basemap)

    from .archive.http import api as archive_api
    from .city.http import city
    from .city.pages import pages as city_pages
    from .openapi.document import openapi
    from .opendata.http import geopackages
    from .opendata.ogcapi.http import ogcapi
    from .ops.http import health
    from .supervision.http import supervision_api
    from .supervision.pages import pages as supervision_pages
    from .web.errors import register_error_handlers
    from .web.language import init_language
    from .web.limits import init_limits
    from .web.logs import init_request_log
    from .web.pages import pages
    from .web.tiles import tiles as tiles_blueprint
    from .web.vendor import vendor
    from .workshop.http import api
    from .workshop.pages import pages as workshop_pages

    for blueprint in (
        api,
        archive_api,
        pages,
        workshop_pages,
        supervision_pages,
        city_pages,
        supervision_api,
        geopackages,
        vendor,
        health,
        openapi,
        tiles_blueprint,
        ogcapi,
        city,
    ):
        app.register_blueprint(blueprint)
    init_request_log(app)
    register_error_handlers(app)
    init_limits(app, settings)
    init_language(app)

    from .web.security import init_security, trust_proxies
    from .web.shell import init_shell

    init_shell(app, tiles.url, int(settings.OFFLINE_TILES))
    init_security(app, tiles.url, hsts_seconds=int(settings.HSTS_SECONDS))
    if not settings.ORGANIZER_KEY:
        logging.getLogger("cowork").warning(
            "COWORK_ORGANIZER_KEY is not set: anyone who reaches this server may create workshops"
        )
    init_realtime(app, cowork)
    trust_proxies(app, int(settings.PROXY_HOPS))
    return app
