"""The checks a site file passes before GDAL sees it (cowork/workshop/site_files.py reads it): its format told by
its content, a zip's entries, names and unzipped bytes capped, and a GeoPackage's SQL views refused."""

from __future__ import annotations

import io
import json
import re
import sqlite3
import zipfile
from pathlib import Path, PurePosixPath

from ..core import facts
from ..errors import CoworkError

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_GPKG_APPLICATION_IDS = (b"GPKG", b"GP10", b"GP11")
_SHP_MAGIC = b"\x00\x00\x27\x0a"
_KML_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?kml[\s>/]")


def unsupported(message: str) -> CoworkError:
    """The refusal of a file that is not what it should be (415)."""
    return CoworkError("unsupported_format", message)


def too_large(message: str) -> CoworkError:
    """The refusal of a file that holds too much (413)."""
    return CoworkError("too_large", message)


def size_words(size: int) -> str:
    """A byte count as people read it: `10 MB`, `97 KB`."""
    return f"{size / (1024 * 1024):.3g} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"


# ---------------------------------------------------------------- what the file is


def detect_format(data: bytes, filename: str) -> str:
    """The format told by the content (the name only words the refusals): geojson, kml, kmz, gpkg or shapefile."""
    if not data:
        raise unsupported("The file is empty.")
    if data.startswith(_ZIP_MAGIC):
        return _zip_format(data)
    if data.startswith(_SQLITE_MAGIC):
        if data[68:72] not in _GPKG_APPLICATION_IDS:
            raise unsupported("An SQLite database that is not a GeoPackage is not accepted.")
        return "gpkg"
    if data.startswith(_SHP_MAGIC) or filename.lower().endswith((".shp", ".shx", ".dbf", ".prj")):
        raise unsupported("A Shapefile must come as one .zip holding its .shp, .shx and .dbf (and .prj).")
    head = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        _refuse_linked_crs(data)
        return "geojson"
    if head.startswith(b"<") and _KML_ROOT.search(head):
        if b"<!ENTITY" in data.upper():
            raise unsupported("KML with entity declarations is not accepted.")
        return "kml"
    raise unsupported("Expected GeoJSON, KML, KMZ, a GeoPackage or a zipped Shapefile.")


def _refuse_linked_crs(data: bytes) -> None:
    """GDAL fetches the URL of a GeoJSON `crs` of type `link` or `url` (a request from this server to anywhere the
    file says): refuse any `crs` member that is not a plain name, before GDAL sees the file."""
    if b'"crs"' not in data and b"\\u" not in data:
        return  # no member named crs, not even spelt with escapes: nothing to look for
    try:
        document = json.loads(data)  # only to look for `crs` members; GDAL reads the file
    except (ValueError, RecursionError):
        raise unsupported("The file is not valid JSON, so not GeoJSON.") from None
    stack = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            crs = value.get("crs")
            if crs is not None and (
                not isinstance(crs, dict)
                or str(crs.get("type", "")).lower() not in ("name", "epsg")
                or "://" in json.dumps(crs)
            ):
                raise unsupported("A GeoJSON 'crs' may only name a CRS (such as EPSG:32643), never link to one.")
            stack.extend(v for v in value.values() if isinstance(v, (dict, list)))
        elif isinstance(value, list):
            stack.extend(v for v in value if isinstance(v, (dict, list)))


def _zip_format(data: bytes) -> str:
    names = [name.lower() for name in zip_members(data)]
    if any(name.endswith(".shp") for name in names):
        return "shapefile"
    if any(name.endswith(".kml") for name in names):
        return "kmz"
    raise unsupported("The zip holds neither a Shapefile (.shp with .shx and .dbf) nor a KML document.")


def zip_members(data: bytes) -> dict[str, zipfile.ZipInfo]:
    """The zip's files by name, checked: not too many, not too big once unzipped, every name inside the zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError):
        raise unsupported("The file is not a readable zip (truncated or damaged?).") from None
    if len(infos) > facts.SITE_FILE_MAX_ENTRIES:
        raise too_large(f"The zip holds {len(infos)} entries; at most {facts.SITE_FILE_MAX_ENTRIES} are accepted.")
    if sum(info.file_size for info in infos) > facts.SITE_FILE_MAX_UNZIPPED_BYTES:
        raise too_large(f"The zip unpacks to more than {size_words(facts.SITE_FILE_MAX_UNZIPPED_BYTES)}.")
    members = {}
    for info in infos:
        name = info.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or ".." in parts or (parts and ":" in parts[0]) or "\x00" in name:
            raise unsupported(f"The zip holds a file named outside itself ({name[:80]!r}).")
        if info.is_dir() or name.startswith("__MACOSX/") or PurePosixPath(name).name.startswith("._"):
            continue
        members[name] = info
    return members


def refuse_views(path: Path) -> None:
    """A GeoPackage layer may be an SQL view, which GDAL runs when it reads it (a recursive one never ends): refuse
    views, and virtual tables other than the R-tree indexes GeoPackages keep, before GDAL opens the file."""
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        rows = connection.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type = 'view' OR "
            "(type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%')"
        ).fetchall()
    except sqlite3.Error as error:
        raise unsupported(f"The GeoPackage is not a readable SQLite database: {error}") from None
    finally:
        connection.close()
    for kind, name, sql in rows:
        if kind == "view" or not re.search(r"\bUSING\s+rtree\s*\(", sql or "", re.I):
            raise unsupported(f"A GeoPackage with SQL views or virtual tables ({name[:60]!r}) is not accepted.")
