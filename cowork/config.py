"""Settings, read once from the environment. Every setting is documented in README's configuration table."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _float(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


class Config:
    """The app's settings; each class attribute is one setting, named as in the environment without `COWORK_`."""

    # Where Flask keeps its instance files (the default SQLite database).
    INSTANCE_DIR: str = os.environ.get("COWORK_INSTANCE_DIR", str(ROOT / "instance"))
    # Any SQLAlchemy URL; by default an SQLite file in the instance folder.
    DATABASE_URL: str = os.environ.get("COWORK_DATABASE_URL", "")
    # Flask's secret key (signs the facilitator's page cookie); when unset, a random one kept in the instance folder.
    SECRET_KEY: str = os.environ.get("COWORK_SECRET_KEY", "")
    # How far (metres) a sketch may stray beyond the site's outer edge: room for unsteady fingers.
    SITE_TOLERANCE_M: float = _float("COWORK_SITE_TOLERANCE_M", 2.0)
    # Tile URL template for the map background; empty means no tiles (the app works without them).
    TILE_URL: str = os.environ.get("COWORK_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    # Attribution shown with the tiles (and with COWORK_BASEMAP's, when its file names none).
    TILE_ATTRIBUTION: str = os.environ.get("COWORK_TILE_ATTRIBUTION", "© OpenStreetMap contributors")
    # A raster MBTiles file served at /tiles/{z}/{x}/{y} and used by every map in place of TILE_URL, for a hall with
    # no internet; empty for none. A file that is no raster MBTiles stops the server at start.
    BASEMAP: str = os.environ.get("COWORK_BASEMAP", "")
    # Map tiles each tablet keeps for use with no network (about 30 KB each), the oldest let go first.
    OFFLINE_TILES: int = _int("COWORK_OFFLINE_TILES", 2000)
    # As-built shapes further than this from the design (metres) are flagged as deviations.
    DEVIATION_TOLERANCE_M: float = _float("COWORK_DEVIATION_TOLERANCE_M", 2.0)
    # Length or area changes beyond this (percent), or an overlap below 100 minus this, are flagged.
    DEVIATION_TOLERANCE_PCT: float = _float("COWORK_DEVIATION_TOLERANCE_PCT", 10.0)
    # Where photos of site visits are kept (content-addressed); by default under the instance folder.
    UPLOAD_DIR: str = os.environ.get("COWORK_UPLOAD_DIR", "")
    # Largest photo accepted, in bytes.
    MAX_PHOTO_BYTES: int = _int("COWORK_MAX_PHOTO_BYTES", 15 * 1024 * 1024)
    # Most pixels a photo may have (width × height), checked before it is decoded.
    MAX_PHOTO_PIXELS: int = _int("COWORK_MAX_PHOTO_PIXELS", 50_000_000)
    # Largest HTTP request body in bytes; larger gets 413 too_large.
    MAX_REQUEST_BYTES: int = _int("COWORK_MAX_REQUEST_BYTES", 2 * 1024 * 1024)
    # Largest site file (GeoJSON, KML, KMZ, GeoPackage, zipped Shapefile) POST /api/sites/parse reads, in bytes.
    MAX_SITE_FILE_BYTES: int = _int("COWORK_MAX_SITE_FILE_BYTES", 10 * 1024 * 1024)
    # Untrusted files (site files, photos) are decoded in a worker process of their own, one per file, killed past
    # these limits: the memory it may add to its resting size (MB), its CPU time (s), its wall-clock time (s).
    UNTRUSTED_MEMORY_MB: int = _int("COWORK_UNTRUSTED_MEMORY_MB", 768)
    UNTRUSTED_CPU_SECONDS: float = _float("COWORK_UNTRUSTED_CPU_SECONDS", 20.0)
    UNTRUSTED_SECONDS: float = _float("COWORK_UNTRUSTED_SECONDS", 30.0)
    # Untrusted files one server process decodes at once (a worker each); more wait, at most UNTRUSTED_SECONDS.
    UNTRUSTED_WORKERS: int = _int("COWORK_UNTRUSTED_WORKERS", 2)
    # Where the answers of heavy jobs are kept until the data changes (the city GeoPackage); by default `exports`
    # under the instance folder. With several servers (COWORK_MESSAGE_QUEUE), one folder for all of them and for
    # `run.py worker`, as the photos' (shared storage when they run on several machines).
    EXPORT_DIR: str = os.environ.get("COWORK_EXPORT_DIR", "")
    # How long (s) a request waits for the city GeoPackage being written before it answers 503 `unavailable` with
    # Retry-After; the writing goes on, and a later request gets the file.
    EXPORT_WAIT_SECONDS: float = _float("COWORK_EXPORT_WAIT_SECONDS", 60.0)
    # Largest workshop archive accepted by the import, in bytes.
    MAX_IMPORT_BYTES: int = _int("COWORK_MAX_IMPORT_BYTES", 50 * 1024 * 1024)
    # Largest Socket.IO message in bytes; a larger one closes that connection at once.
    MAX_MESSAGE_BYTES: int = _int("COWORK_MAX_MESSAGE_BYTES", 1024 * 1024)
    # A client further behind than this many events gets a snapshot instead of the events.
    SYNC_MAX_EVENTS: int = _int("COWORK_SYNC_MAX_EVENTS", 1000)
    # Socket.IO message queue URL (redis://...) for running several server processes; empty for one.
    MESSAGE_QUEUE: str = os.environ.get("COWORK_MESSAGE_QUEUE", "")
    # With a message queue: seconds after which a silent (killed) process's sockets leave the presence list.
    PRESENCE_TIMEOUT_S: float = _float("COWORK_PRESENCE_TIMEOUT_S", 30.0)
    # Connections the server process serves at once, a greenlet each on gevent (a thread each in threading mode):
    # each open websocket holds one while open (so this caps the tablets one process serves at once), each HTTP
    # request one while it runs. Greenlets are cheap, hence a default above a city workshop's tablets.
    THREADS: int = _int("COWORK_THREADS", 2000)
    # Wrong join codes one address may try (Flask-Limiter's notation; only wrong ones count).
    LIMIT_WRONG_JOIN_CODES: str = os.environ.get("COWORK_LIMIT_WRONG_JOIN_CODES", "20/minute")
    # Wrong recovery codes one address may try.
    LIMIT_WRONG_RECOVERY_CODES: str = os.environ.get("COWORK_LIMIT_WRONG_RECOVERY_CODES", "10/minute")
    # Requests to the open data (/ogcapi) one address may make, every request counted: generous, for a GIS that
    # pages through a collection, yet bounded, since one page may hold 10,000 features.
    LIMIT_OGCAPI: str = os.environ.get("COWORK_LIMIT_OGCAPI", "600/minute")
    # Reads of the city map (GET /api/city) one address may make: a page load is one, and the answer is kept per
    # process between changes, so the limit only stops a client that loops.
    LIMIT_CITY: str = os.environ.get("COWORK_LIMIT_CITY", "300/minute")
    # GeoPackage downloads one address may ask for (each is written by GDAL on the server).
    LIMIT_EXPORTS: str = os.environ.get("COWORK_LIMIT_EXPORTS", "30/minute")
    # Site files one address may have read (every request counts: GDAL's parsing is the cost).
    LIMIT_SITE_FILES: str = os.environ.get("COWORK_LIMIT_SITE_FILES", "30/minute")
    # Workshops one address may create, and as many again one account may (the organizer key's holders are one
    # account until sign-on brings named ones; anonymous creators have the address's limit only). A city's
    # organisers create a few a day; each new site weighs on the city map (GET /api/city) for good.
    LIMIT_WORKSHOPS: str = os.environ.get("COWORK_LIMIT_WORKSHOPS", "10/hour;30/day")
    # Events one Socket.IO connection may send (a burst, then on average 30 a second); beyond, `rate_limited`.
    EVENT_BUDGET: str = os.environ.get("COWORK_EVENT_BUDGET", "60 per 2 seconds")
    # Refused events after which a connection that keeps flooding is closed.
    EVENT_BUDGET_CLOSE: str = os.environ.get("COWORK_EVENT_BUDGET_CLOSE", "100 per 10 seconds")
    # The key that creating workshops and importing archives need (`Authorization: Bearer <key>`); empty: anyone may.
    ORGANIZER_KEY: str = os.environ.get("COWORK_ORGANIZER_KEY", "")
    # Origins allowed to open Socket.IO connections besides the server's own; empty means same origin only.
    CORS_ORIGINS: str = os.environ.get("COWORK_CORS_ORIGINS", "")
    # How many proxies in front of cowork (nginx: 1) are believed about the client's address, the scheme (so the
    # facilitator's cookie is Secure over HTTPS) and the host: their X-Forwarded-For/-Proto/-Host. 0 believes none.
    PROXY_HOPS: int = _int("COWORK_PROXY_HOPS", 0)
    # A PEM certificate (chain) file for serving HTTPS ourselves, the venue laptop's way (`./dev tls` makes one);
    # with TLS_KEY. Empty: plain HTTP (a city server has TLS on its proxy instead).
    TLS_CERT: str = os.environ.get("COWORK_TLS_CERT", "")
    # The certificate's private key, a PEM file (readable by the server's user only).
    TLS_KEY: str = os.environ.get("COWORK_TLS_KEY", "")
    # Strict-Transport-Security's max-age on answers to requests that came over TLS (served by us, or through a
    # trusted proxy: PROXY_HOPS); never over plain HTTP. 0 sends none.
    HSTS_SECONDS: int = _int("COWORK_HSTS_SECONDS", 31_536_000)

    def __init__(self, **overrides):
        for key, value in overrides.items():
            setattr(self, key, value)

    def secret_key(self) -> str:
        """The secret key in force: the setting, else one made once and kept in `instance/secret_key`."""
        if self.SECRET_KEY:
            return self.SECRET_KEY
        path = Path(self.INSTANCE_DIR) / "secret_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_hex(32))
        return path.read_text().strip()

    @property
    def upload_dir(self) -> str:
        """The photo folder in force."""
        return self.UPLOAD_DIR or str(Path(self.INSTANCE_DIR) / "uploads")

    @property
    def database_url(self) -> str:
        """The database URL in force."""
        return self.DATABASE_URL or f"sqlite:///{Path(self.INSTANCE_DIR) / 'cowork.db'}"

    def as_flask(self) -> dict:
        """The settings as a mapping for `app.config`."""
        names = [n for n in dir(type(self)) if n.isupper()]
        return {name: getattr(self, name) for name in names}


class TestConfig(Config):
    """Settings for tests: no tiles, a throwaway secret key, workshops created without a practical limit."""

    __test__ = False  # not a pytest test class

    TILE_URL = ""
    BASEMAP = ""
    SECRET_KEY = "test-secret"
    # Tests create many workshops from one address; the tests of the limit set their own.
    LIMIT_WORKSHOPS = "10000/minute"
