"""Site boundaries from GIS files: GeoJSON, KML, KMZ, GeoPackage or a zipped Shapefile, in any CRS the file names.

Bytes and a file name in, a `ParsedSite` out (every polygon of the file in WGS 84, largest first), or a
CoworkError: `unsupported_format` (415), `no_polygon` (400), `invalid_geometry` (400), `too_large` (413).
GDAL (through pyogrio) reads the formats and pyproj reprojects; nothing here parses a format by hand. The file
comes from anyone who may create a workshop, so before GDAL sees it: its format is told by its content (zip,
SQLite with the GeoPackage id, XML with a <kml> root, a JSON object), a zip is opened by Python's zipfile with
caps on entries, names and unzipped bytes and only the members needed are written out (sizes in a zip's header
may lie; zipfile reads no more than they say), and GDAL must then open it with the driver meant for it. The
file lives in a private temporary folder (mode 700) removed afterwards. No Flask here: the web route is thin.

A file that names no CRS: GeoJSON and KML are WGS 84 by definition; a GeoPackage or Shapefile (no .prj) is
read as WGS 84 only when every coordinate is plainly longitude/latitude, else it is `invalid_geometry` (its
shapes cannot be placed), saying that the .prj is missing.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import numpy
import pyogrio
import pyogrio.raw
import pyproj
import shapely
from shapely.geometry import GeometryCollection, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from .. import untrusted
from ..core import facts, geo
from ..errors import CoworkError
from .site_file_checks import (
    UNZIP_ERRORS,
    check_geopackage,
    check_kml,
    check_shapefile,
    detect_format,
    size_words,
    too_large,
    unsupported,
    zip_members,
)

# The GDAL drivers each format must be opened with; anything else GDAL might recognise is refused.
DRIVERS = {
    "geojson": {"GeoJSON"},
    "kml": {"KML", "LIBKML"},
    "kmz": {"KML", "LIBKML"},
    "gpkg": {"GPKG"},
    "shapefile": {"ESRI Shapefile"},
}
FORMAT_NAMES = {"geojson": "GeoJSON", "kml": "KML", "kmz": "KMZ", "gpkg": "GeoPackage", "shapefile": "Shapefile"}
# Formats whose coordinates are WGS 84 longitude/latitude when the file names no CRS (RFC 7946, OGC KML 2.2).
WGS84_BY_DEFINITION = {"geojson", "kml", "kmz"}
# Attributes taken as a feature's name, in this order (compared ignoring case).
NAME_FIELDS = ("name", "title", "label", "site_name", "sitename", "site", "nom", "название", "атауы")
# What the upload is called in the temporary folder; a layer GDAL names after it has no name of its own.
STEM = "upload"
WGS84 = pyproj.CRS.from_epsg(4326)


@dataclass(frozen=True)
class Candidate:
    """One polygon of the file: its boundary (GeoJSON, WGS 84, checked as a site), name and area, and the tolerance
    in metres it was simplified by to fit a site's vertex cap (None: as the file has it)."""

    boundary: dict[str, Any]
    name: str | None
    area_m2: float
    simplified_m: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """The candidate as the API answers it."""
        return {
            "boundary": self.boundary,
            "name": self.name,
            "area_m2": self.area_m2,
            "simplified_m": self.simplified_m,
        }


@dataclass(frozen=True)
class ParsedSite:
    """What a site file holds: its usable polygons, largest first (the first is the boundary), and those left out."""

    format: str
    candidates: tuple[Candidate, ...]
    skipped: tuple[tuple[str | None, str], ...] = ()

    @property
    def boundary(self) -> dict[str, Any]:
        """The largest polygon's boundary: the site, unless the facilitator picks another."""
        return self.candidates[0].boundary

    @property
    def name(self) -> str | None:
        """The largest polygon's name."""
        return self.candidates[0].name

    @property
    def area_m2(self) -> float:
        """The largest polygon's area."""
        return self.candidates[0].area_m2

    def as_dict(self) -> dict[str, Any]:
        """`{"boundary", "name", "area_m2", "format", "candidates", "skipped"}` with at most the capped candidates."""
        return {
            "boundary": self.boundary,
            "name": self.name,
            "area_m2": self.area_m2,
            "format": self.format,
            "candidates": [c.as_dict() for c in self.candidates[: facts.SITE_FILE_MAX_CANDIDATES]],
            "skipped": [
                {"name": name, "reason": reason} for name, reason in self.skipped[: facts.SITE_FILE_MAX_CANDIDATES]
            ],
        }


def parse_site_file(data: bytes, filename: str, *, max_bytes: int) -> ParsedSite:
    """Read a site file's polygons into WGS 84 (largest first) or raise CoworkError saying what is wrong."""
    if len(data) > max_bytes:
        raise too_large(f"A site file may be at most {size_words(max_bytes)}.")
    kind = detect_format(data, filename)
    with tempfile.TemporaryDirectory(prefix="cowork-site-") as folder:
        path, layer_label = _write_out(kind, data, Path(folder))
        try:
            found = _read_features(kind, path, layer_label)
        except (RuntimeError, ValueError, OSError, UnicodeError) as error:  # GDAL, GEOS or PROJ refusing garbage
            raise unsupported(f"The file could not be read as {FORMAT_NAMES[kind]}: {_reason(error, folder)}") from None
    return _candidates(kind, found)


def read_in_worker(data: bytes, filename: str, settings: Any) -> dict[str, Any]:
    """What `parse_site_file(...).as_dict()` answers, read in a worker process within the settings' budget for
    untrusted work: GDAL never runs in the serving process."""
    facts_of_file, _blobs = untrusted.run(
        "cowork.workshop.site_files:read_job",
        data,
        {"filename": filename, "max_bytes": int(settings.MAX_SITE_FILE_BYTES)},
        untrusted.Budget.of(settings),
    )
    return facts_of_file


def read_job(data: bytes, args: dict[str, Any]) -> tuple[dict[str, Any], list[bytes]]:
    """The worker's side of read_in_worker."""
    return parse_site_file(data, str(args["filename"]), max_bytes=int(args["max_bytes"])).as_dict(), []


def _reason(error: Exception, folder: str) -> str:
    """GDAL's words for a refusal, without the temporary folder's path or its advice on naming drivers."""
    text = str(error).split("; It might help")[0]
    if "not recognized as being in a supported file format" in text:
        return "GDAL does not recognise its content."
    text = re.sub(rf"'?{re.escape(folder)}[^'\s]*'?", "the file", text)
    return (text.strip() or type(error).__name__)[:300]


# ---------------------------------------------------------------- into the temporary folder


def _write_out(kind: str, data: bytes, folder: Path) -> tuple[Path, str | None]:
    """Write what GDAL is to open into the folder: its path, and the layer's name when the file name carries it."""
    if kind == "kml":
        check_kml(io.BytesIO(data))
    if kind in ("geojson", "kml", "gpkg"):
        path = folder / f"{STEM}.{kind}"
        path.write_bytes(data)
        if kind == "gpkg":
            check_geopackage(path)
        return path, None
    members = zip_members(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if kind == "kmz":
            kml = sorted((n for n in members if n.lower().endswith(".kml")), key=lambda n: (n.lower() != "doc.kml", n))
            try:
                with archive.open(members[kml[0]]) as document:
                    check_kml(document)  # streamed from the zip: refused before 63 MB of it are written out
            except UNZIP_ERRORS as error:
                raise unsupported(f"A file in the zip could not be unpacked: {str(error)[:200]}") from None
            return _extract(archive, members[kml[0]], folder / f"{STEM}.kml"), None
        shapes = [n for n in members if n.lower().endswith(".shp")]
        if len(shapes) > 1:
            raise unsupported(f"The zip holds {len(shapes)} Shapefiles; zip the site's one alone.")
        stem = shapes[0][:-4]
        siblings = {
            n[len(stem) :].lower(): n for n in members if n[: len(stem)] == stem and n[len(stem) :].startswith(".")
        }
        missing = [ext for ext in (".shx", ".dbf") if ext not in siblings]
        if missing:
            raise unsupported(f"The Shapefile in the zip lacks its {' and '.join(missing)}.")
        for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
            if ext in siblings:
                _extract(archive, members[siblings[ext]], folder / f"{STEM}{ext}")
        check_shapefile(folder / f"{STEM}.shp", folder / f"{STEM}.dbf", folder / f"{STEM}.prj")
        return folder / f"{STEM}.shp", PurePosixPath(stem).name or None


def _extract(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> Path:
    """One member written out; zipfile stops at the size its header declares (which the caps already counted)."""
    try:
        with archive.open(info) as source, target.open("wb") as sink:
            while chunk := source.read(1024 * 1024):
                sink.write(chunk)
    except UNZIP_ERRORS as error:
        raise unsupported(f"A file in the zip could not be unpacked: {str(error)[:200]}") from None
    return target


# ---------------------------------------------------------------- reading with GDAL


@dataclass(frozen=True)
class _Feature:
    geometry: BaseGeometry  # WGS 84 longitude/latitude
    name: str | None


def _read_features(kind: str, path: Path, layer_label: str | None) -> list[_Feature | str]:
    """Every feature of every layer in WGS 84 with its name; a geometry that is no polygon stands as its type's name."""
    # GDAL parses the whole file on every open (a GeoJSON of 10 MB takes a while): open it as few times as it can be.
    first = pyogrio.read_info(path, layer=0)
    if first["driver"] not in DRIVERS[kind]:
        raise unsupported(f"The file was taken for {FORMAT_NAMES[kind]} but reads as {first['driver']}.")
    single = kind in ("geojson", "shapefile")  # one layer by definition
    layers = [str(first["layer_name"])] if single else [str(name) for name, _type in pyogrio.list_layers(path)]
    if len(layers) > facts.SITE_FILE_MAX_LAYERS:
        raise too_large(f"The file holds {len(layers)} layers; at most {facts.SITE_FILE_MAX_LAYERS} are read.")
    found: list[_Feature | str] = []
    positions = 0
    for layer in layers:
        room = facts.SITE_FILE_MAX_FEATURES - len(found)
        meta, _fids, geometries, values = pyogrio.raw.read(path, layer=layer, force_2d=True, max_features=room + 1)
        if geometries is None:  # a table of attributes alone (a GeoPackage may list plain tables): no site in it
            continue
        if len(geometries) > room:
            raise too_large(f"The file holds more than {facts.SITE_FILE_MAX_FEATURES} features.")
        fields = {str(f).lower(): index for index, f in reversed(list(enumerate(meta["fields"])))}
        name_column = next((fields[n] for n in NAME_FIELDS if n in fields), None)
        layer_name = layer_label if layer == STEM else layer
        shapes = [_shape(wkb) for wkb in geometries]
        positions += sum(int(shapely.get_num_coordinates(s)) for s in shapes if s is not None)
        if positions > facts.SITE_FILE_MAX_POSITIONS:
            raise too_large(f"The file holds more than {facts.SITE_FILE_MAX_POSITIONS} positions.")
        transform = _to_wgs84(kind, meta.get("crs"), [s for s in shapes if s is not None])
        for index, shape in enumerate(shapes):
            polygons = _polygons_of(shape)
            if polygons is None:
                found.append(shape.geom_type if shape is not None else "empty")
                continue
            name = _text(values[name_column][index]) if name_column is not None else None
            found.append(_Feature(transform(polygons), name or _text(layer_name)))
    return found


def _shape(wkb: bytes | None) -> BaseGeometry | None:
    """The geometry of WKB, or None for none, an empty one or one GEOS cannot load (a curve, say)."""
    if wkb is None:
        return None
    try:
        shape = shapely.from_wkb(wkb)
    except (shapely.errors.ShapelyError, ValueError, TypeError):
        return None
    return None if shape is None or shape.is_empty else shape


def _polygons_of(shape: BaseGeometry | None) -> BaseGeometry | None:
    """A Polygon or MultiPolygon of the shape's polygons (a KML MultiGeometry's too), or None if it has none."""
    if isinstance(shape, (Polygon, MultiPolygon)):
        return shape
    if isinstance(shape, GeometryCollection):
        parts = [
            p for g in shape.geoms for p in (g.geoms if isinstance(g, MultiPolygon) else [g]) if isinstance(p, Polygon)
        ]
        if parts:
            return parts[0] if len(parts) == 1 else MultiPolygon(parts)
    return None


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.replace("\x00", "").split())
    return text[: facts.MAX_TITLE] or None


def _to_wgs84(kind: str, crs_text: str | None, shapes: list[BaseGeometry]):
    """The function taking the layer's geometries to WGS 84 longitude/latitude."""
    if not crs_text:
        if kind in WGS84_BY_DEFINITION or _plainly_lonlat(shapes):
            return lambda geom: geom
        missing = "its .prj is missing" if kind == "shapefile" else "it has no CRS"
        raise CoworkError(
            "invalid_geometry",
            f"The file does not say what its coordinates are ({missing}), and they "
            "are not longitude and latitude: add the CRS and send it again.",
        )
    crs = pyproj.CRS.from_user_input(crs_text)
    if crs.equals(WGS84, ignore_axis_order=True):
        return lambda geom: geom  # GDAL hands longitude first (the traditional GIS order) for every CRS
    transformer = pyproj.Transformer.from_crs(crs, WGS84, always_xy=True)

    def reproject(geom: BaseGeometry) -> BaseGeometry:
        moved = shapely.transform(geom, lambda xy: numpy.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))
        if not numpy.isfinite(shapely.get_coordinates(moved)).all():
            raise CoworkError("invalid_geometry", f"Some coordinates lie outside what {crs.name} can place on Earth.")
        return moved

    return reproject


def _plainly_lonlat(shapes: list[BaseGeometry]) -> bool:
    if not shapes:
        return True
    minx, miny, maxx, maxy = shapely.total_bounds(shapes)
    return -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


# ---------------------------------------------------------------- checked as sites


def _candidates(kind: str, found: list[_Feature | str]) -> ParsedSite:
    """The largest polygons that pass the check a drawn site passes (geo.parse_site_boundary), measured as the app
    measures sites, largest first. They are checked in the order of a quick area until SITE_FILE_MAX_CANDIDATES
    pass or SITE_FILE_MAX_CHECKED_POSITIONS were checked: the check is Python over every position. A polygon of
    more positions than a site may have is simplified to fit first (geo.simplified): a city's GIS surveys to the
    centimetre what the city map can carry only to the decimetre, and the candidate says by how much."""
    features = sorted((f for f in found if not isinstance(f, str)), key=lambda f: -_quick_area(f.geometry))
    candidates: list[Candidate] = []
    skipped: list[tuple[str | None, str]] = []
    checked = 0
    for feature in features:
        checked += int(shapely.get_num_coordinates(feature.geometry))
        if len(candidates) == facts.SITE_FILE_MAX_CANDIDATES or (
            candidates and checked > facts.SITE_FILE_MAX_CHECKED_POSITIONS
        ):
            break
        shape, tolerance = geo.simplified(feature.geometry)
        try:
            boundary = geo.parse_site_boundary(_as_geojson(shape))
        except geo.GeometryError as error:
            skipped.append((feature.name, error.message))
            continue
        area = geo.measure(boundary)["area_m2"]
        candidates.append(Candidate(geo.to_geojson(boundary), feature.name, area, tolerance))
    if not candidates:
        if skipped:
            extra = f" ({len(skipped)} polygons, none usable)" if len(skipped) > 1 else ""
            raise CoworkError("invalid_geometry", f"Site boundary: {skipped[0][1]}{extra}")
        others = sorted({f for f in found if isinstance(f, str)})
        held = f" (it holds: {', '.join(others)})" if others else " (it holds no features)"
        raise CoworkError("no_polygon", f"The file holds no polygon to take as the site{held}.")
    candidates.sort(key=lambda c: -c.area_m2)  # as measured; equal ones keep the file's order
    return ParsedSite(kind, tuple(candidates), tuple(skipped))


def _quick_area(geometry: BaseGeometry) -> float:
    """An area to order polygons by (on the geometry's own plane, as geo measures; no checks)."""
    return geo.plane_for(geometry).to_metres(geometry).area


def _as_geojson(geometry: BaseGeometry) -> Any:
    """GeoJSON of a geometry as plain lists, through GEOS's writer (C), for geo's parser to check and round;
    a coordinate that is no finite number comes as null, which the parser refuses."""
    return json.loads(shapely.to_geojson(geometry))
