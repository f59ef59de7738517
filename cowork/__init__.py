"""cowork: co-design public spaces on a shared live map."""

from __future__ import annotations

import logging
from typing import Optional

from flask import Flask

from . import migrate
from .basemap import Basemap
from .config import ROOT, Config
from .db import Database
from .realtime import init_realtime
from .services import Cowork


def create_app(config: Optional[Config] = None) -> Flask:
    """The application factory: settings, database (schema made current), services, HTTP and Socket.IO."""
    settings = config or Config()
    # A base map file that cannot serve stops the start here, before the database is touched.
    basemap = Basemap.open(settings.BASEMAP) if settings.BASEMAP else None
    app = Flask(__name__, static_folder=str(ROOT / "static"), template_folder=str(ROOT / "templates"))
    from .web.context import IdConverter, StrictJSONProvider
    from .web.tiles import map_tiles

    # Before any route is added: `<id:...>` in routes; every JSON a client sends is decoded strictly (cowork/wire.py).
    app.url_map.converters["id"] = IdConverter
    app.json = StrictJSONProvider(app)
    app.config.update(settings.as_flask())
    app.config["MAX_CONTENT_LENGTH"] = int(settings.MAX_REQUEST_BYTES)
    app.config["SECRET_KEY"] = settings.secret_key()
    app.json.ensure_ascii = False

    db = Database(settings.database_url)
    # The schema is made and kept current by the migrations, never by create_all (cowork/migrate.py says when).
    migrate.prepare(settings.database_url, auto_upgrade=db.is_sqlite)
    cowork = Cowork(db, settings)
    app.extensions["cowork"] = cowork
    app.extensions["basemap"] = basemap
    app.extensions["map_tiles"] = tiles = map_tiles(settings, basemap)

    from .web.api import api
    from .web.city import city
    from .web.errors import register_error_handlers
    from .web.geopackages import geopackages
    from .web.health import health
    from .web.language import init_language
    from .web.limits import init_limits
    from .web.logs import init_request_log
    from .web.ogcapi import ogcapi
    from .web.openapi import openapi
    from .web.pages import pages
    from .web.reports import reports
    from .web.supervision_api import supervision_api
    from .web.tiles import tiles as tiles_blueprint
    from .web.vendor import vendor

    app.register_blueprint(api)
    app.register_blueprint(pages)
    app.register_blueprint(supervision_api)
    app.register_blueprint(geopackages)
    app.register_blueprint(reports)
    app.register_blueprint(vendor)
    app.register_blueprint(health)
    app.register_blueprint(openapi)
    app.register_blueprint(tiles_blueprint)
    app.register_blueprint(ogcapi)
    app.register_blueprint(city)
    init_request_log(app)
    register_error_handlers(app)
    init_limits(app, settings)
    init_language(app)

    from .web.security import init_security, trust_proxies
    from .web.shell import init_shell

    init_shell(app, tiles.url, int(settings.OFFLINE_TILES))
    init_security(app, tiles.url, hsts_seconds=int(settings.HSTS_SECONDS))
    if not settings.ORGANIZER_KEY:
        logging.getLogger(__name__).warning(
            "COWORK_ORGANIZER_KEY is not set: anyone who reaches this server may create workshops")
    init_realtime(app, cowork)
    trust_proxies(app, int(settings.PROXY_HOPS))
    return app
