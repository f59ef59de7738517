"""The app in this process for the one-off benches (bench.opendata, bench.city): on a fresh SQLite file, served on a
free port by werkzeug's threaded server."""

from __future__ import annotations

import contextlib
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from werkzeug.serving import make_server

from cowork import create_app
from cowork.config import TestConfig
from cowork.ops import migrate


@contextlib.contextmanager
def fresh_app(**settings) -> Iterator[tuple[object, Path]]:
    """An app (with these settings) on a fresh, migrated SQLite file, and its folder; both gone afterwards."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        url = f"sqlite:///{folder / 'bench.db'}"
        migrate.upgrade(url)
        app = create_app(TestConfig(DATABASE_URL=url, INSTANCE_DIR=str(folder), **settings))
        try:
            yield app, folder
        finally:
            app.extensions["cowork"].db.dispose()


@contextlib.contextmanager
def served(app) -> Iterator[str]:
    """The app served on a free port in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
