"""The commands behind run.py. Each one builds what it needs from the settings (`Config()`) and returns an exit code."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from ..config import Config


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="run.py", description="cowork: co-design public spaces on a shared live map")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0 for the venue network)")
    parser.add_argument("--port", type=int, default=5000, help="port to listen on")
    parser.add_argument("--demo", action="store_true", help="make sure a demo workshop exists and print how to join it")
    parser.add_argument(
        "--lang",
        choices=("kk", "ru", "en"),
        help="the language the demo is made in, the first time (default: the system's, LANG, else English)",
    )
    parser.add_argument(
        "--dev", action="store_true", help="serve with Werkzeug's development server (never in production)"
    )
    parser.add_argument("--certfile", help="serve HTTPS with this PEM certificate (default: COWORK_TLS_CERT)")
    parser.add_argument("--keyfile", help="the certificate's PEM private key (default: COWORK_TLS_KEY)")
    commands = parser.add_subparsers(dest="command")
    db = commands.add_parser("db", help="the database schema's migrations")
    db.add_argument("action", choices=("upgrade", "current", "history"))
    backup = commands.add_parser("backup", help="write the whole instance (database and photos) to one file")
    backup.add_argument("path")
    restore = commands.add_parser("restore", help="bring a backup back into an empty instance")
    restore.add_argument("path")
    commands.add_parser(
        "worker", help="run the queue's jobs (the city GeoPackage) for every server (needs COWORK_MESSAGE_QUEUE)"
    )
    photos = commands.add_parser("photos", help="stored photos: scrub rewrites those stored with metadata left in")
    photos.add_argument("action", choices=("scrub",))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the command; serving is the default."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    settings = Config()
    from ..web.basemap import BasemapError
    from .backup import BackupError
    from .migrate import SchemaError

    try:
        return _run(args, settings)
    except (SchemaError, BackupError, BasemapError) as error:
        # A schema this version cannot serve, or a base map file that is none, is a clear message, not a traceback.
        print(f"cowork: {error}", file=sys.stderr, flush=True)
        return 1


def _run(args: argparse.Namespace, settings: Config) -> int:
    if args.command == "db":
        from .migrate import db_command

        return db_command(settings, args.action)
    if args.command == "backup":
        from .backup import backup

        return backup(settings, args.path)
    if args.command == "restore":
        from .backup import restore

        return restore(settings, args.path)
    if args.command == "photos":
        return _scrub_photos(settings)
    if args.command == "worker":
        from ..jobs.queue import work

        return work(settings)
    from .serve import TlsError, serve, tls_files

    try:
        tls = tls_files(args.certfile or settings.TLS_CERT, args.keyfile or settings.TLS_KEY)
    except TlsError as error:
        print(f"cowork: {error}", file=sys.stderr, flush=True)
        return 1
    return serve(settings, host=args.host, port=args.port, demo=args.demo, dev=args.dev, tls=tls, language=args.lang)


def _scrub_photos(settings: Config) -> int:
    """`run.py photos scrub`: photos stored by versions that left a comment or a colour profile in, cleaned."""
    from ..db import Database
    from ..supervision.photos import PhotoService

    db = Database(settings.database_url)
    try:
        counts = PhotoService(db, settings).scrub_stored()
    finally:
        db.dispose()
    print(f"{counts['rewritten']} of {counts['photos']} stored photos rewritten without metadata", flush=True)
    return 0
