"""The checks a site file passes before GDAL sees it (cowork/workshop/site_files.py reads it): its format told by
its content; a zip's entries, names and unzipped bytes capped; a GeoPackage whose reading would make SQLite compute
(views, generated columns, expression defaults, foreign triggers) refused; a KML streamed through expat and
refused once it holds more than GDAL should build (positions, elements, depth, an element's text)."""

from __future__ import annotations

import io
import json
import re
import sqlite3
import struct
import xml.parsers.expat
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import IO

from ..core import facts
from ..errors import CoworkError

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_GPKG_APPLICATION_IDS = (b"GPKG", b"GP10", b"GP11")
_SHP_MAGIC = b"\x00\x00\x27\x0a"
_KML_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?kml[\s>/]")
# What reading a member of a damaged zip raises (zlib's own error for a corrupt deflate stream among them).
UNZIP_ERRORS = (zipfile.BadZipFile, RuntimeError, ValueError, EOFError, NotImplementedError, OSError, zlib.error)


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


# ---------------------------------------------------------------- GeoPackage: nothing computed on read

# Triggers the GeoPackage standard (R-tree index, metadata and tile-matrix checks) and GDAL (its feature count)
# define, by name and the table they are on. Triggers only fire on writes, which GDAL never makes to a file it
# reads; any other is refused all the same, as nothing a site's file needs.
_STANDARD_TRIGGERS = (
    (r"rtree_{table}_.+_(?:insert|update[1-7]|delete)", None),
    (r"trigger_(?:insert|delete)_feature_count_{table}", None),
    (
        r"gpkg_tile_matrix_(?:zoom_level|matrix_width|matrix_height|pixel_x_size|pixel_y_size)_(?:insert|update)",
        "gpkg_tile_matrix",
    ),
    (r"gpkg_metadata_md_scope_(?:insert|update)", "gpkg_metadata"),
    (
        r"gpkg_metadata_reference_(?:reference_scope|column_name|row_id_value|timestamp)_(?:insert|update)",
        "gpkg_metadata_reference",
    ),
)
# A column's default as SQLite stores it: a number, a quoted string, a blob, NULL, TRUE/FALSE, the current time,
# or the timestamp expression the GeoPackage standard and GDAL write. Anything else is an expression SQLite
# evaluates on read, for every row stored before the column was added.
_PLAIN_DEFAULT = re.compile(
    r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|0[xX][0-9a-fA-F]+|'(?:[^']|'')*'|[xX]'[0-9a-fA-F]*'"
    r"|NULL|TRUE|FALSE|CURRENT_TIME|CURRENT_DATE|CURRENT_TIMESTAMP"
    r"|\(?\s*strftime\s*\(\s*'%Y-%m-%dT%H:%M:%fZ'\s*,\s*'now'\s*\)\s*\)?",
    re.IGNORECASE,
)


def check_geopackage(path: Path) -> None:
    """Refuse, before GDAL opens it, a GeoPackage whose reading would compute anything: SQL views (a recursive one
    never ends), virtual tables other than its R-tree indexes, generated columns, defaults that are expressions,
    triggers the standard does not define; and one whose schema holds too many entries or columns."""
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        entries = connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master LIMIT ?", (facts.SITE_FILE_MAX_SCHEMA_ENTRIES + 1,)
        ).fetchall()
        if len(entries) > facts.SITE_FILE_MAX_SCHEMA_ENTRIES:
            raise too_large(
                f"The GeoPackage's schema holds more than {facts.SITE_FILE_MAX_SCHEMA_ENTRIES} tables, indexes "
                "and triggers."
            )
        for kind, name, table, sql in entries:
            _check_schema_entry(str(kind), str(name), str(table), str(sql or ""))
            if kind == "table":
                _check_columns(name, connection.execute("SELECT * FROM pragma_table_xinfo(?)", (name,)).fetchall())
    except sqlite3.Error as error:
        raise unsupported(f"The GeoPackage is not a readable SQLite database: {error}") from None
    except UnicodeDecodeError:  # SQLite names a damaged entry in its complaint, which Python decodes strictly
        raise unsupported("The GeoPackage's schema is not UTF-8 text: it is damaged.") from None
    finally:
        connection.close()


def _check_schema_entry(kind: str, name: str, table: str, sql: str) -> None:
    label = repr(name[:60])
    if kind == "view":
        raise unsupported(f"A GeoPackage with SQL views ({label}) is not accepted.")
    virtual = kind == "table" and re.match(r"\s*CREATE\s+VIRTUAL\b", sql, re.I)
    if virtual and not re.search(r"\bUSING\s+rtree\s*\(", sql, re.I):
        raise unsupported(f"A GeoPackage with virtual tables ({label}) is not accepted.")
    if kind == "trigger" and not any(
        table == (on or table) and re.fullmatch(pattern.replace("{table}", re.escape(table)), name)
        for pattern, on in _STANDARD_TRIGGERS
    ):
        raise unsupported(
            f"A GeoPackage with triggers of its own ({label} on {table[:60]!r}) is not accepted: only the "
            "GeoPackage standard's are."
        )


def _check_columns(table: str, columns: list[tuple]) -> None:
    """pragma_table_xinfo rows: (cid, name, type, notnull, default, pk, hidden); hidden 2 and 3 are generated."""
    if len(columns) > facts.SITE_FILE_MAX_FIELDS:
        raise too_large(
            f"The GeoPackage's table {table[:60]!r} has {len(columns)} columns; at most "
            f"{facts.SITE_FILE_MAX_FIELDS} are read."
        )
    for _cid, column, _type, _notnull, default, _pk, hidden in columns:
        where = f"{table[:60]!r}.{str(column)[:60]!r}"
        if hidden in (2, 3):
            raise unsupported(f"A GeoPackage with generated columns ({where}) is not accepted.")
        if default is None:
            continue
        if len(default) > facts.SITE_FILE_MAX_DEFAULT_CHARS:
            raise too_large(f"The default of {where} is longer than {facts.SITE_FILE_MAX_DEFAULT_CHARS} characters.")
        if not _PLAIN_DEFAULT.fullmatch(default.strip()):
            raise unsupported(
                f"A GeoPackage whose column {where} defaults to an expression ({default[:60]!r}) is not "
                "accepted: only plain values are."
            )


# ---------------------------------------------------------------- KML: what GDAL would build, counted first

_CHUNK = 64 * 1024
_COORDINATES = "coordinates"
# libkml reads a <coordinates>'s numbers three at a time, a tuple also ending at white space; this many bytes a
# position is more than any writer spends (76.123456789012345,43.123456789012345,1234.5678 and a space).
_BYTES_PER_POSITION = 64
_TEXT = facts.SITE_FILE_MAX_ELEMENT_BYTES


class _KmlCounter:
    """Counts, while expat streams the document, what libkml would build: elements, their depth, each element's
    text, and the positions of every <coordinates> and gx:coord; refuses the moment a cap is passed."""

    def __init__(self) -> None:
        self.elements = 0
        self.positions = 0
        self.containers = 0
        self.open: list[list] = []  # per open element: [local name, text bytes, positions]
        self.carry = 0  # commas of a coordinates' token not yet ended (text may come cut anywhere)
        self.in_token = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.elements += 1
        if self.elements > facts.SITE_FILE_MAX_ELEMENTS:
            raise too_large(f"The KML holds more than {facts.SITE_FILE_MAX_ELEMENTS} elements.")
        if len(self.open) >= facts.SITE_FILE_MAX_DEPTH:
            raise too_large(f"The KML nests its elements more than {facts.SITE_FILE_MAX_DEPTH} deep.")
        local = name.rpartition(":")[2]
        if attributes and sum(map(len, attributes.values())) > _TEXT:
            raise too_large(f"A <{local[:40]}> of the KML has attributes over {size_words(_TEXT)}.")
        if local == "coord":  # gx:coord of a gx:Track: one position each
            self.count_positions(1)
        elif local in ("Folder", "Document"):  # libkml makes each a layer, and a layer costs it dearly to open
            self.containers += 1
            if self.containers > facts.SITE_FILE_MAX_LAYERS + 1:
                raise too_large(
                    f"The KML holds more than {facts.SITE_FILE_MAX_LAYERS} folders (each a layer); at most "
                    f"{facts.SITE_FILE_MAX_LAYERS} layers are read."
                )
        self.open.append([local, 0, 0])
        self.in_token = False

    def end(self, _name: str) -> None:
        local, _size, _positions = self.open.pop()
        if local == _COORDINATES:
            self.close_token()

    def text(self, data: str) -> None:
        if not self.open:
            return
        element = self.open[-1]
        element[1] += len(data)
        if element[0] == _COORDINATES:
            self.coordinates(data)
            allowed = _TEXT + _BYTES_PER_POSITION * element[2]
        else:
            allowed = _TEXT
        if element[1] > allowed:
            raise too_large(
                f"A <{element[0][:40]}> of the KML holds more than {size_words(allowed)} of text"
                + (": too many bytes for its positions." if element[0] == _COORDINATES else ".")
            )

    def coordinates(self, data: str) -> None:
        """Positions in a piece of a <coordinates>'s text: ceil(numbers / 3) for each white-space-separated token,
        numbers told by commas, a token cut between pieces carried over."""
        tokens = data.split()
        if not tokens:
            self.close_token()
            return
        if self.in_token and not data[0].isspace():
            self.carry += tokens[0].count(",")
            tokens = tokens[1:]
            if not tokens and not data[-1].isspace():
                return
        self.close_token()
        if tokens and not data[-1].isspace():
            *tokens, last = tokens
            self.carry, self.in_token = last.count(","), True
        self.count_positions(sum((token.count(",") + 3) // 3 for token in tokens))

    def close_token(self) -> None:
        if self.in_token:
            self.count_positions((self.carry + 3) // 3)
        self.carry, self.in_token = 0, False

    def count_positions(self, count: int) -> None:
        self.positions += count
        if self.open:
            self.open[-1][2] += count
        if self.positions > facts.SITE_FILE_MAX_POSITIONS:
            raise too_large(f"The file holds more than {facts.SITE_FILE_MAX_POSITIONS} positions.")


def _refuse_entities(*_args: object) -> None:
    raise unsupported("KML with entity declarations is not accepted.")


def check_kml(document: IO[bytes]) -> None:
    """Stream a KML document (a KMZ's, from the zip) through expat before it is written out for GDAL, in chunks,
    refusing entity declarations, more elements, depth or positions than the caps, and an element's text over
    its cap: GDAL builds the whole document in memory, many times its size."""
    counter = _KmlCounter()
    parser = xml.parsers.expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = _CHUNK
    parser.StartElementHandler = counter.start
    parser.EndElementHandler = counter.end
    parser.CharacterDataHandler = counter.text
    parser.EntityDeclHandler = _refuse_entities
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        while chunk := document.read(_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except xml.parsers.expat.ExpatError as error:
        raise unsupported(f"The KML is not well-formed XML: {xml.parsers.expat.ErrorString(error.code)}.") from None


# ---------------------------------------------------------------- Shapefile: its headers against the caps

# Where a record's count of points lies after its shape type (ESRI Shapefile Technical Description, 1998): a point
# is one; multipoints give it after the box, lines, polygons and multipatches after the box and count of parts.
_POINTS_AT = {1: None, 11: None, 21: None, 8: 36, 18: 36, 28: 36, 3: 40, 13: 40, 23: 40, 5: 40, 15: 40, 25: 40, 31: 40}


def check_shapefile(shp: Path, dbf: Path, prj: Path) -> None:
    """Walk the .shp's record headers and read the .dbf's before GDAL opens them: more records, positions or fields
    than the caps is `too_large` (GDAL would build every one first); what does not parse is left to GDAL. A .prj
    must be UTF-8 text: pyogrio (0.13) fails on any other with an error of its own (UnboundLocalError)."""
    try:
        if prj.exists():
            prj.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise unsupported("The Shapefile's .prj is not text (it should be a CRS in WKT).") from None
    with dbf.open("rb") as table:
        header = table.read(12)
    if len(header) == 12:
        records, header_size = struct.unpack("<IH", header[4:10])
        if records > facts.SITE_FILE_MAX_FEATURES:
            raise too_large(f"The Shapefile's .dbf holds {records} records; at most {facts.SITE_FILE_MAX_FEATURES}.")
        if (header_size - 33) // 32 > facts.SITE_FILE_MAX_FIELDS:
            raise too_large(f"The Shapefile's .dbf has more than {facts.SITE_FILE_MAX_FIELDS} fields.")
    size, offset, shapes, positions = shp.stat().st_size, 100, 0, 0
    with shp.open("rb") as shapes_file:
        while offset + 12 <= size:
            shapes_file.seek(offset)
            head = shapes_file.read(52)
            words, kind = struct.unpack(">i", head[4:8])[0], struct.unpack("<i", head[8:12])[0]
            if words < 2 or (kind != 0 and kind not in _POINTS_AT):
                return  # not a record GDAL would take either: it says so itself
            shapes += 1
            at = _POINTS_AT.get(kind)
            if kind != 0:
                positions += 1 if at is None else struct.unpack("<i", head[8 + at : 12 + at].ljust(4, b"\0"))[0]
            if shapes > facts.SITE_FILE_MAX_FEATURES:
                raise too_large(f"The file holds more than {facts.SITE_FILE_MAX_FEATURES} features.")
            if positions > facts.SITE_FILE_MAX_POSITIONS:
                raise too_large(f"The file holds more than {facts.SITE_FILE_MAX_POSITIONS} positions.")
            offset += 8 + 2 * words
