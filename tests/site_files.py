"""Site files made by GDAL itself (`ogr2ogr` from gdal-bin) from the Almaty fixture sites, for the tests of
POST /api/sites/parse and of the new-workshop page; and bad files of every kind (`garbage`)."""

from __future__ import annotations

import io
import json
import random
import sqlite3
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
