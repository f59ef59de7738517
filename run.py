"""cowork's command line: serve (the default), the demo, the database's schema, backups.

python run.py [--host H] [--port P] [--demo] [--dev]   serve (a production server; --dev: Werkzeug's)
              [--lang kk|ru|en]                        ... the demo made in this language (default: LANG's)
              [--certfile CERT --keyfile KEY]          ... over HTTPS (the venue laptop: `./dev tls`)
python run.py db upgrade | current | history            the schema's migrations (Alembic)
python run.py backup PATH | restore PATH                 the whole instance in one file, and back
python run.py photos scrub                               rewrite photos stored with metadata by older versions
"""

from __future__ import annotations

import sys

# What does not start the production server: the other commands, Werkzeug's development server, the help.
NOT_SERVING = frozenset({"db", "backup", "restore", "photos", "--dev", "-h", "--help"})
# The options that take a value (which may be any word, "db" included).
WITH_VALUE = frozenset({"--host", "--port", "--certfile", "--keyfile", "--lang"})


def starts_production_server(argv: list[str]) -> bool:
    """Whether these arguments start the production server (cowork/ops/cli.py parses them properly later)."""
    words = [word for i, word in enumerate(argv) if not (i and argv[i - 1] in WITH_VALUE)]
    return not NOT_SERVING.intersection(words)


if __name__ == "__main__":
    if starts_production_server(sys.argv[1:]):
        # The production server runs on gevent (cowork/ops/serve.py): its patching of the standard library (sockets,
        # threads, locks, sleep, select) must come before anything else is imported, or what was imported first
        # keeps blocking calls (psycopg picks its wait function at import, for one). The other commands and --dev
        # run unpatched, in threads.
        from gevent import monkey

        monkey.patch_all()
    from cowork.ops.cli import main

    sys.exit(main(sys.argv[1:]))
