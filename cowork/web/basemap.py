"""A raster MBTiles file as the maps' base layer, for a hall with no internet: checked once at start (a bad file
stops the server with a message naming the problem), its metadata read once, its tiles read from any thread or
greenlet through one read-only connection behind a lock. Nothing here knows of HTTP.

MBTiles 1.3: a `tiles` table (or a view, as over `map` and `images`) of zoom_level, tile_column, tile_row and
tile_data, rows counted from the south (TMS), and a `metadata` table of name and value."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import struct
import threading
import zlib
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from pathlib import Path

# Deepest zoom a tile address may name; beyond, the address is not one (404). Web maps stop near 22.
MAX_ZOOM = 30

# `format` values of raster tiles (the old short names and MIME types, as the spec allows both).
RASTER_FORMATS = {
    "png": "image/png",
    "image/png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "image/jpeg": "image/jpeg",
    "webp": "image/webp",
    "image/webp": "image/webp",
}
VECTOR_FORMATS = {"pbf", "mvt", "application/vnd.mapbox-vector-tile", "application/x-protobuf"}


class BasemapError(ValueError):
    """A COWORK_BASEMAP file that cannot serve as a raster base map, with what is wrong with it."""


def sniff(data: bytes) -> str | None:
    """The image type of a tile by its first bytes (png, jpeg, webp), or None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _transparent_png() -> bytes:
    """A 1×1 fully transparent PNG, written with the standard library."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)  # 1×1, 8 bits, RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00\x00\x00\x00"))
        + chunk(b"IEND", b"")
    )


# What a tile the file lacks is answered with: an image that shows nothing (an error status would be logged in the
# browser's console for every such tile).
TRANSPARENT_PNG = _transparent_png()


@dataclass(frozen=True)
class Tile:
    """One tile's bytes and image type."""

    data: bytes
    media_type: str

    @property
    def etag(self) -> str:
        """A validator that changes whenever the bytes do."""
        return hashlib.blake2b(self.data, digest_size=12).hexdigest()


@dataclass(frozen=True)
class Bounds:
    """The area the file covers, in WGS 84 degrees."""

    west: float
    south: float
    east: float
    north: float


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_attribution(text: str) -> str:
    """An attribution as safe markup: the text of whatever HTML the file carries (links and all), escaped, since
    Leaflet writes attributions as HTML."""
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    return escape(" ".join("".join(parser.parts).split()), quote=True)


def _bounds(value: str | None) -> Bounds | None:
    """`bounds` as the spec writes it (`west,south,east,north`), or None when absent or not a real extent."""
    try:
        west, south, east, north = (float(part) for part in (value or "").split(","))
    except ValueError:
        return None
    if -180 <= west < east <= 180 and -90 <= south < north <= 90:
        return Bounds(west, south, east, north)
    return None


def _zoom(value: object) -> int | None:
    try:
        zoom = int(str(value).strip())
    except ValueError:
        return None
    return zoom if 0 <= zoom <= MAX_ZOOM else None


class Basemap:
    """An opened, checked raster MBTiles file."""

    def __init__(
        self, path: Path, *, media_type: str, attribution: str, min_zoom: int, max_zoom: int, bounds: Bounds | None
    ):
        self.path = path
        self.media_type = media_type
        self.attribution = attribution
        self.min_zoom = min_zoom
        self.max_zoom = max_zoom
        self.bounds = bounds
        # One connection per process (made on first use, so none is carried through gunicorn's fork), used by one
        # reader at a time: a tile is read in well under a millisecond, and on gevent SQLite would not yield anyway.
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._pid = 0

    @classmethod
    def open(cls, path: str) -> Basemap:
        """Check the file and read its metadata; BasemapError naming the problem when it is no raster MBTiles."""
        file = Path(path).expanduser()
        if not file.is_file():
            raise BasemapError(f"COWORK_BASEMAP: there is no file {str(file)!r}")
        connection = _connect(file)
        try:
            return cls._checked(file, connection)
        except sqlite3.DatabaseError as error:
            raise BasemapError(
                f"COWORK_BASEMAP {str(file)!r} is not a readable SQLite (MBTiles) file: {error}"
            ) from None
        finally:
            connection.close()

    @classmethod
    def _checked(cls, file: Path, connection: sqlite3.Connection) -> Basemap:
        where = f"COWORK_BASEMAP {str(file)!r}"
        names = {
            name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
        }
        if "tiles" not in names:
            raise BasemapError(f"{where} has no `tiles` table: it is not an MBTiles file")
        metadata: dict[str, str] = {}
        if "metadata" in names:
            metadata = {
                str(name).strip().lower(): str(value)
                for name, value in connection.execute("SELECT name, value FROM metadata")
                if name is not None and value is not None
            }
        try:
            first = connection.execute(
                "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles LIMIT 1"
            ).fetchone()
        except sqlite3.OperationalError as error:
            raise BasemapError(f"{where}: its `tiles` lack the MBTiles columns ({error})") from None
        if first is None:
            raise BasemapError(f"{where} holds no tiles")
        declared = metadata.get("format", "").strip().lower()
        seen = sniff(bytes(first[3] or b""))
        if declared in VECTOR_FORMATS or bytes(first[3] or b"")[:2] == b"\x1f\x8b":
            raise BasemapError(
                f"{where} holds vector tiles (format {declared or 'gzip'}); cowork shows raster tiles "
                "(png, jpg or webp): make the file with QGIS's Generate XYZ tiles (MBTiles)"
            )
        media_type = RASTER_FORMATS.get(declared) or seen
        if media_type is None:
            raise BasemapError(f"{where}: its tiles are not png, jpg or webp images (format {declared or 'not given'})")
        low, high = connection.execute("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles").fetchone()
        min_zoom, max_zoom = _zoom(metadata.get("minzoom")), _zoom(metadata.get("maxzoom"))
        min_zoom = low if min_zoom is None else min_zoom
        max_zoom = high if max_zoom is None else max_zoom
        if _zoom(min_zoom) is None or _zoom(max_zoom) is None or min_zoom > max_zoom:
            raise BasemapError(f"{where}: its zoom levels ({min_zoom} to {max_zoom}) are not between 0 and {MAX_ZOOM}")
        return cls(
            file,
            media_type=media_type,
            attribution=plain_attribution(metadata.get("attribution", "")),
            min_zoom=int(min_zoom),
            max_zoom=int(max_zoom),
            bounds=_bounds(metadata.get("bounds")),
        )

    def tile(self, z: int, x: int, y: int) -> Tile | None:
        """The tile at an XYZ address (y counted from the north, as Leaflet asks), or None when the file lacks it.
        The caller has checked that the address is one (`is_address`)."""
        if not self.min_zoom <= z <= self.max_zoom:
            return None
        row = (1 << z) - 1 - y  # MBTiles rows count from the south (TMS)
        with self._lock:
            found = (
                self._reader()
                .execute(
                    "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                    (z, x, row),
                )
                .fetchone()
            )
        if found is None or not found[0]:
            return None
        data = bytes(found[0])
        return Tile(data, sniff(data) or self.media_type)

    def _reader(self) -> sqlite3.Connection:
        if self._connection is None or self._pid != os.getpid():
            self._connection = _connect(self.path)
            self._pid = os.getpid()
        return self._connection


def is_address(z: int, x: int, y: int) -> bool:
    """Whether z/x/y names a tile of the web map's grid at all."""
    return 0 <= z <= MAX_ZOOM and 0 <= x < (1 << z) and 0 <= y < (1 << z)


def _connect(file: Path) -> sqlite3.Connection:
    """A read-only connection (the file may sit on a read-only stick), usable from the thread that holds the lock."""
    return sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
