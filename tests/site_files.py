"""Site files made by GDAL itself (`ogr2ogr` from gdal-bin) from the Almaty fixture sites, for the tests of
POST /api/sites/parse and of the new-workshop page; and bad files of every kind (`garbage`)."""

from __future__ import annotations

import io
import json
import math
import random
import sqlite3
import struct
import subprocess
import zipfile
from pathlib import Path

import numpy as np
from pyproj import Geod
from shapely.geometry import shape

from cowork.core import geodesy

from .support import load_sites

PARK_FEATURE, _CORRIDOR_FEATURE, YARDS_FEATURE = load_sites()
PARK_NAME = PARK_FEATURE["properties"]["name"]
YARDS_NAME = YARDS_FEATURE["properties"]["name"]
_GEOD = Geod(ellps="WGS84")


def geodesic_area(geometry: dict) -> float:
    """The area of a lon/lat GeoJSON geometry on the WGS 84 ellipsoid, in m² (pyproj's Geod, not the app's plane)."""
    area, _perimeter = _GEOD.geometry_area_perimeter(shape(geometry))
    return abs(area)


ROUND_CENTRE = (76.95, 43.25)


def round_park(radius_m: float, positions: int, name: str) -> dict:
    """A round park (a Feature) of `radius_m` metres on the ellipsoid, each vertex that far from ROUND_CENTRE by the
    app's geodesy: its ring of `positions` positions, the closing one included, more detailed than a site may be."""
    bearings = np.arange(positions - 1) * 360 / (positions - 1)
    ring = geodesy.ahead([ROUND_CENTRE] * (positions - 1), bearings, radius_m).tolist()
    return {
        "type": "Feature",
        "properties": {"name": name},
        "geometry": {"type": "Polygon", "coordinates": [ring + ring[:1]]},
    }


def collection(*features: dict, name: str | None = None) -> dict:
    """A FeatureCollection of some features (named, if given)."""
    body = {"type": "FeatureCollection", "features": list(features)}
    return {**body, "name": name} if name else body


def write_geojson(folder: Path, stem: str, data: dict) -> Path:
    """A GeoJSON file in the folder."""
    path = folder / f"{stem}.geojson"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def ogr2ogr(source: Path, target: Path, driver: str, *options: str) -> Path:
    """Convert with GDAL's own command-line tool; fail the test with its message if it refuses."""
    done = subprocess.run(
        ["ogr2ogr", "-f", driver, *options, str(target), str(source)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return target


def zipped(paths: list[Path], names: list[str] | None = None) -> bytes:
    """The files zipped (deflated) under their own names or the names given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, path in enumerate(paths):
            archive.write(path, names[index] if names else path.name)
    return buffer.getvalue()


def shapefile_zip(source: Path, folder: Path, *options: str, without: tuple[str, ...] = ()) -> bytes:
    """The source as a zipped Shapefile (ogr2ogr with the options, e.g. `-t_srs EPSG:32643`), less some parts."""
    out = folder / f"{source.stem}-shp"
    out.mkdir(exist_ok=True)
    ogr2ogr(source, out / f"{source.stem}.shp", "ESRI Shapefile", *options)
    return zipped(sorted(p for p in out.iterdir() if p.suffix not in without))


def every_format(source: Path, folder: Path) -> dict[str, tuple[str, bytes]]:
    """The source GeoJSON in every format the route takes, as (file name, bytes), all made by ogr2ogr."""
    kml = ogr2ogr(source, folder / f"{source.stem}.kml", "KML")
    gpkg = ogr2ogr(source, folder / f"{source.stem}.gpkg", "GPKG")
    utm_json = ogr2ogr(source, folder / f"{source.stem}-utm.geojson", "GeoJSON", "-t_srs", "EPSG:32643")
    return {
        "geojson": (source.name, source.read_bytes()),
        "geojson-utm": (utm_json.name, utm_json.read_bytes()),
        "kml": (kml.name, kml.read_bytes()),
        "kmz": (f"{source.stem}.kmz", zipped([kml], ["doc.kml"])),
        "gpkg": (gpkg.name, gpkg.read_bytes()),
        "shapefile": (f"{source.stem}.zip", shapefile_zip(source, folder, "-t_srs", "EPSG:32643")),
    }


# ------------------------------------------------------------------ bad files


def zip_of(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """A 100 KB zip that unpacks to 100 MB of zeros, posing as a Shapefile."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("bomb.shp", "w", force_zip64=True) as member:
            for _ in range(100):
                member.write(bytes(1024 * 1024))
        archive.writestr("bomb.shx", b"")
        archive.writestr("bomb.dbf", b"")
    return buffer.getvalue()


def only_points_gpkg(folder) -> bytes:
    points = write_geojson(
        folder,
        "points",
        collection(
            *[
                {
                    "type": "Feature",
                    "properties": {"name": f"Bench {i}"},
                    "geometry": {"type": "Point", "coordinates": [76.95 + i / 1000, 43.25]},
                }
                for i in range(3)
            ]
        ),
    )
    return ogr2ogr(points, folder / "points.gpkg", "GPKG").read_bytes()


def only_lines_kml(folder) -> bytes:
    lines = write_geojson(
        folder,
        "lines",
        collection(
            {
                "type": "Feature",
                "properties": {"name": "Path"},
                "geometry": {"type": "LineString", "coordinates": [[76.95, 43.25], [76.96, 43.26]]},
            }
        ),
    )
    return ogr2ogr(lines, folder / "lines.kml", "KML").read_bytes()


def bowtie() -> bytes:
    ring = [[76.95, 43.25], [76.96, 43.26], [76.96, 43.25], [76.95, 43.26], [76.95, 43.25]]
    return json.dumps(
        collection(
            {
                "type": "Feature",
                "properties": {"name": "Bow tie"},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    ).encode()


def plain_sqlite(folder) -> bytes:
    path = folder / "plain.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x)")
    return path.read_bytes()


def endless_view_gpkg(made, folder) -> bytes:
    """A GeoPackage whose second layer is a recursive SQL view that never ends (GDAL would run it for ever)."""
    path = folder / "view.gpkg"
    path.write_bytes(made["park"]["gpkg"][1])
    with sqlite3.connect(path) as connection:
        connection.execute(
            "CREATE VIEW endless AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
            "SELECT x AS fid, NULL AS geom FROM n"
        )
        connection.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
            "VALUES ('endless', 'features', 'endless', 4326)"
        )
        connection.execute("INSERT INTO gpkg_geometry_columns VALUES ('endless', 'geom', 'POLYGON', 4326, 0, 0)")
    return path.read_bytes()


def garbage(made, folder) -> dict[str, tuple[str, bytes, int, str]]:
    """Every kind of bad file: (file name, bytes, HTTP status, code)."""
    shapefile = made["park"]["shapefile"][1]
    many_points = collection(
        *[{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [76.9, 43.2]}}] * 5001
    )
    return {
        "random bytes": ("random.geojson", random.Random(7).randbytes(4096), 415, "unsupported_format"),
        "empty file": ("empty.kml", b"", 415, "unsupported_format"),
        "truncated zip": ("site.zip", shapefile[: len(shapefile) // 2], 415, "unsupported_format"),
        "zip bomb": ("bomb.zip", zip_bomb(), 413, "too_large"),
        "too many entries": ("many.zip", zip_of({f"f{i}.txt": b"x" for i in range(101)}), 413, "too_large"),
        "a name outside the zip": (
            "evil.zip",
            zip_of({"../evil.shp": b"x", "../evil.shx": b"", "../evil.dbf": b""}),
            415,
            "unsupported_format",
        ),
        "a zip of something else": ("photos.zip", zip_of({"a.txt": b"hello"}), 415, "unsupported_format"),
        "a shapefile without .dbf": (
            "part.zip",
            zip_of({"s.shp": shapefile[:100], "s.shx": b""}),
            415,
            "unsupported_format",
        ),
        "a bare .shp": ("site.shp", b"\x00\x00\x27\x0a" + bytes(96), 415, "unsupported_format"),
        "a GeoPackage of points": ("points.gpkg", only_points_gpkg(folder), 400, "no_polygon"),
        "a KML of lines": ("lines.kml", only_lines_kml(folder), 400, "no_polygon"),
        "a self-intersecting polygon": ("bowtie.geojson", bowtie(), 400, "invalid_geometry"),
        "JSON that is not GeoJSON": ("x.geojson", b'{"hello": [1, 2]}', 415, "unsupported_format"),
        "truncated GeoJSON": ("park.geojson", made["park"]["geojson"][1][:200], 415, "unsupported_format"),
        "an SQLite database": ("db.gpkg", plain_sqlite(folder), 415, "unsupported_format"),
        "a GeoPackage with an endless view": ("view.gpkg", endless_view_gpkg(made, folder), 415, "unsupported_format"),
        "a damaged GeoPackage": ("bad.gpkg", made["park"]["gpkg"][1][:100] + bytes(4000), 415, "unsupported_format"),
        "JSON with an escaped crs": (
            "x.geojson",
            b'{"type": "FeatureCollection", "\\u0063rs": {"type": "link"}, "features": []}',
            415,
            "unsupported_format",
        ),
        "KML declaring entities": (
            "lol.kml",
            b'<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaa">]><kml>&a;</kml>',
            415,
            "unsupported_format",
        ),
        "too many features": ("points.geojson", json.dumps(many_points).encode(), 413, "too_large"),
        "HTML": ("site.kml", b"<html><body>not a map</body></html>", 415, "unsupported_format"),
    }


# ------------------------------------------------------------------ files that make GDAL compute or build too much

# The probe of issue 21: about 0.36 s a row for SQLite to compute, on every read.
COSTLY = "length(replace(hex(zeroblob(20000000)), '0', '1'))"


def squares(count: int) -> dict:
    """A FeatureCollection of small named squares near Almaty."""
    return collection(
        *[
            {
                "type": "Feature",
                "properties": {"name": f"Square {i}"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [
                            [76.9 + i / 100, 43.2],
                            [76.905 + i / 100, 43.2],
                            [76.905 + i / 100, 43.205],
                            [76.9 + i / 100, 43.2],
                        ]
                    ],
                },
            }
            for i in range(count)
        ]
    )


def gpkg_altered(folder: Path, *statements: str, rows: int = 40, stem: str = "squares") -> bytes:
    """A GeoPackage of `rows` squares written by ogr2ogr (layer `stem`), then changed by SQL statements."""
    path = ogr2ogr(write_geojson(folder, stem, squares(rows)), folder / f"{stem}.gpkg", "GPKG")
    return sqlite_altered(path, *statements)


def sqlite_altered(path: Path, *statements: str) -> bytes:
    """The SQLite file at the path after some SQL statements: its bytes."""
    connection = sqlite3.connect(path)
    try:
        connection.executescript(";\n".join(statements))
    finally:
        connection.close()
    return path.read_bytes()


def generated_column_gpkg(folder: Path, *, text: bool = False) -> bytes:
    """The probe: a generated column that costs SQLite a third of a second a row (or, as TEXT, 40 MB a row)."""
    expression = "replace(hex(zeroblob(20000000)), '0', '1')" if text else COSTLY
    kind = "TEXT" if text else "INTEGER"
    return gpkg_altered(
        folder, f"ALTER TABLE squares ADD COLUMN cost {kind} GENERATED ALWAYS AS ({expression}) VIRTUAL"
    )


def costly_default_gpkg(folder: Path) -> bytes:
    """A column whose default is a costly "constant" expression, written into the schema as an attacker would
    (ALTER TABLE refuses such a default): SQLite evaluates it for every row stored before the column."""
    column = f", cost INTEGER DEFAULT ({COSTLY}))".replace("'", "''")
    return gpkg_altered(
        folder,
        "PRAGMA writable_schema = ON",
        f"UPDATE sqlite_master SET sql = substr(sql, 1, length(sql) - 1) || '{column}' WHERE name = 'squares'",
    )


def hostile_trigger_gpkg(folder: Path) -> bytes:
    """A trigger of the file's own on its layer (named like none the standard defines)."""
    return gpkg_altered(
        folder,
        f"CREATE TRIGGER squares_touch AFTER UPDATE ON squares BEGIN SELECT {COSTLY}; END",
    )


def kml_document(body: bytes) -> bytes:
    """A KML document around some Placemark-level content."""
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        + body
        + b"</Document></kml>"
    )


def streamed_kmz(*parts: tuple[bytes, int]) -> bytes:
    """A KMZ whose doc.kml is the parts, each (bytes, times repeated), deflated at the highest level as it is
    written (63 MB of coordinates zip to about 64 KB)."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("doc.kml", "w", force_zip64=True) as member,
    ):
        for data, times in parts:
            per_block = max(1, (1 << 20) // len(data))
            for done in range(0, times, per_block):
                member.write(data * min(per_block, times - done))
    return buffer.getvalue()


_RING = b"76.9,43.2 76.91,43.2 76.91,43.21 76.9,43.2"


def placemark(coordinates: bytes = _RING, extra: bytes = b"") -> bytes:
    """A KML Placemark of one polygon."""
    return (
        b"<Placemark><name>Yard</name>"
        + extra
        + b"<Polygon><outerBoundaryIs><LinearRing><coordinates>"
        + coordinates
        + b"</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>"
    )


def huge_coordinates_kmz() -> bytes:
    """The probe: one <coordinates> of 63 MB (16 million positions), zipped to about 64 KB."""
    head, tail = kml_document(placemark(b"\x00")).split(b"\x00")
    return streamed_kmz((head + _RING + b" ", 1), (b"0,0 ", 63 * 1024 * 1024 // 4), (_RING + tail, 1))


def huge_description_kmz(size: int = 60 * 1024 * 1024) -> bytes:
    """A KMZ whose Placemark's <description> is `size` bytes of text."""
    head, tail = kml_document(placemark(extra=b"<description>\x00</description>")).split(b"\x00")
    return streamed_kmz((head, 1), (b"a", size), (tail, 1))


def deep_kml(depth: int = 5000) -> bytes:
    """A KML whose Folders nest `depth` deep around its Placemark."""
    return kml_document(b"<Folder>" * depth + placemark() + b"</Folder>" * depth)


def many_elements_kml(count: int = 300_000) -> bytes:
    """A KML whose Placemark carries `count` elements of extended data (a Data and its value, in pairs)."""
    data = b'<Data name="f"><value>1</value></Data>' * (count // 2)
    return kml_document(placemark(extra=b"<ExtendedData>" + data + b"</ExtendedData>"))


def entities_kmz() -> bytes:
    """A KMZ whose document declares entities (a billion laughs, ten levels deep)."""
    levels = "".join(f'<!ENTITY e{i} "{("&e" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    document = (
        f'<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY e0 "laugh">{levels}]>'.encode()
        + kml_document(placemark(extra=b"<description>&e9;</description>")).split(b"?>", 1)[1]
    )
    return zip_of({"doc.kml": document})


def shapefile_members(data: bytes) -> dict[str, bytes]:
    """A zip's members by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def crowded_shapefile_zip(folder: Path, *, records: int = 0, fields: int = 0, points: int = 0) -> bytes:
    """A zipped Shapefile of the squares whose headers claim more: its .dbf's record count or field area, or
    one polygon of `points` positions (a 10-metre ring, zipped small)."""
    members = shapefile_members(shapefile_zip(write_geojson(folder, "crowded", squares(3)), folder))
    dbf = bytearray(members["crowded.dbf"])
    if records:
        dbf[4:8] = records.to_bytes(4, "little")
    if fields:
        dbf[8:10] = (33 + 32 * fields).to_bytes(2, "little")
    members["crowded.dbf"] = bytes(dbf)
    if points:
        ring = [(76.9 + 0.0001 * math.cos(i), 43.2 + 0.0001 * math.sin(i)) for i in range(points - 1)]
        ring.append(ring[0])
        box = struct.pack("<4d", 76.8, 43.1, 77.0, 43.3)
        content = struct.pack("<i", 5) + box + struct.pack("<ii", 1, points) + struct.pack("<i", 0)
        content += b"".join(struct.pack("<2d", x, y) for x, y in ring)
        record = struct.pack(">ii", 1, len(content) // 2) + content
        header = bytearray(members["crowded.shp"][:100])
        header[24:28] = struct.pack(">i", (100 + len(record)) // 2)
        members["crowded.shp"] = bytes(header) + record
        members["crowded.shx"] = members["crowded.shx"][:100] + struct.pack(">ii", 50, len(content) // 2)
    return zip_of(members)
