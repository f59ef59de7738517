"""cowork's command line: serve (the default), the demo, the database's schema, backups.

    python run.py [--host H] [--port P] [--demo] [--dev]   serve (a production server; --dev: Werkzeug's)
    python run.py db upgrade | current | history            the schema's migrations (Alembic)
    python run.py backup PATH | restore PATH                 the whole instance in one file, and back
"""

from __future__ import annotations

import sys

from cowork.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
