"""Site files made by GDAL itself (`ogr2ogr` from gdal-bin) from the Almaty fixture sites, for the tests of
POST /api/sites/parse and of the new-workshop page."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from pathlib import Path

from pyproj import Geod
from shapely.geometry import shape

from .support import load_sites

PARK_FEATURE, _CORRIDOR_FEATURE, YARDS_FEATURE = load_sites()
PARK_NAME = PARK_FEATURE["properties"]["name"]
YARDS_NAME = YARDS_FEATURE["properties"]["name"]
_GEOD = Geod(ellps="WGS84")


def geodesic_area(geometry: dict) -> float:
    """The area of a lon/lat GeoJSON geometry on the WGS 84 ellipsoid, in m² (pyproj's Geod, not the app's plane)."""
    area, _perimeter = _GEOD.geometry_area_perimeter(shape(geometry))
    return abs(area)


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
    done = subprocess.run(["ogr2ogr", "-f", driver, *options, str(target), str(source)], capture_output=True, text=True, timeout=120)
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
