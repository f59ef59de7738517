"""Pure geometry for cowork: GeoJSON in and out, validation against a site, metric measures.

This module imports nothing of the project and knows nothing of databases or Flask.

Metric maths: every site gets its own local tangent plane. Longitude and latitude are projected to
metres around the site's centre with the WGS 84 ellipsoid's radii of curvature at that latitude
(meridional radius M for north-south, prime-vertical radius N times cos(latitude) for east-west).
Over a site a few kilometres across the scale error of this plane stays below 0.1 %, well inside the
0.5 % the product promises, and it needs nothing but arithmetic. All lengths, areas and tolerances are
computed on that plane.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar, cast

import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

G = TypeVar("G", bound=BaseGeometry)  # a geometry whose type a projection keeps

COORD_DECIMALS = 7
MAX_VERTICES = 5000
# The most positions a new site's boundary may have (every ring's closing one counted): each site is drawn on the
# city map (GET /api/city) for good, 200 sites at this cap weigh 2.6 MB there, and 500 positions draw a 300 m
# round park to within a centimetre. A site file's polygon of more is simplified to fit (`simplified`).
MAX_SITE_VERTICES = 500
# What earlier versions let a site have: sites already stored (and archives of them) are read up to this.
MAX_STORED_SITE_VERTICES = 20000
# Tolerances tried in turn, in metres, when a site file's polygon has more positions than a site may have.
SIMPLIFY_STEPS_M = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100)
# The largest site a workshop may have, in square metres (100 km²: a district, not a city).
MAX_SITE_AREA_M2 = 100_000_000

POINT_KINDS = ("tree", "bench", "lighting", "sign", "note")
LINE_KINDS = ("path", "bike_lane")
POLYGON_KINDS = ("play_area", "green_area", "water", "plaza")
KINDS = POINT_KINDS + LINE_KINDS + POLYGON_KINDS
GEOMETRY_TYPE_OF_KIND = {
    **dict.fromkeys(POINT_KINDS, "Point"),
    **dict.fromkeys(LINE_KINDS, "LineString"),
    **dict.fromkeys(POLYGON_KINDS, "Polygon"),
}

# WGS 84 ellipsoid.
_A = 6378137.0
_F = 1 / 298.257223563
_E2 = _F * (2 - _F)


class GeometryError(ValueError):
    """A geometry was refused; `code` is `invalid_geometry` or `outside_site`."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _invalid(message: str) -> GeometryError:
    return GeometryError("invalid_geometry", message)


@dataclass(frozen=True)
class LocalPlane:
    """A local metric plane (metres east and north) tangent to the ellipsoid at an origin."""

    lon0: float
    lat0: float

    @cached_property
    def _scale(self) -> tuple[float, float]:
        phi = math.radians(self.lat0)
        s = 1 - _E2 * math.sin(phi) ** 2
        meridional = _A * (1 - _E2) / s**1.5
        prime_vertical = _A / math.sqrt(s)
        return (math.radians(1) * prime_vertical * math.cos(phi), math.radians(1) * meridional)

    def to_metres(self, geom: G) -> G:
        """Project a lon/lat geometry onto this plane."""
        kx, ky = self._scale
        return shapely.transform(geom, lambda xy: (xy - (self.lon0, self.lat0)) * (kx, ky))

    def to_lonlat(self, geom: G) -> G:
        """Project a geometry in metres on this plane back to lon/lat."""
        kx, ky = self._scale
        return shapely.transform(geom, lambda xy: xy / (kx, ky) + (self.lon0, self.lat0))


def plane_for(geom: BaseGeometry) -> LocalPlane:
    """The local plane centred on a geometry's bounding box."""
    minx, miny, maxx, maxy = geom.bounds
    return LocalPlane((minx + maxx) / 2, (miny + maxy) / 2)


# ---------------------------------------------------------------- parsing


def _coerce_position(position: Any) -> tuple[float, float]:
    if not isinstance(position, (list, tuple)) or len(position) < 2:
        raise _invalid("A position must be [longitude, latitude].")
    lon, lat = position[0], position[1]
    for value in (lon, lat):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _invalid("Coordinates must be numbers.")
        # An integer too large for a float is out of range below, not an OverflowError here.
        if isinstance(value, float) and not math.isfinite(value):
            raise _invalid("Coordinates must be finite numbers.")
    if not -180 <= lon <= 180 or not -90 <= lat <= 90:
        raise _invalid("Coordinates out of range: longitude must lie in [-180, 180] and latitude in [-90, 90].")
    return (round(float(lon), COORD_DECIMALS), round(float(lat), COORD_DECIMALS))


def _coerce_ring(ring: Any, counter: list[int], limit: int, what: str = "a shape") -> list[tuple[float, float]]:
    if not isinstance(ring, list):
        raise _invalid("A ring or line must be a list of positions.")
    counter[0] += len(ring)
    if counter[0] > limit:
        raise _invalid(
            f"Too many vertices: {what} may have at most {limit} positions, every ring's closing one counted."
        )
    return [_coerce_position(p) for p in ring]


def _coerce_polygon(rings: Any, counter: list[int], limit: int, what: str = "a shape") -> Polygon:
    if not isinstance(rings, list) or not rings:
        raise _invalid("A polygon needs at least an outer ring.")
    parsed = [_coerce_ring(ring, counter, limit, what) for ring in rings]
    for ring in parsed:
        if len(ring) < 4 or ring[0] != ring[-1]:
            raise _invalid("Each polygon ring needs at least four positions, the last equal to the first.")
    polygon = Polygon(parsed[0], parsed[1:])
    if not polygon.is_valid:
        raise _invalid(f"The polygon is not valid: {shapely.is_valid_reason(polygon)}.")
    if polygon.area <= 0:
        raise _invalid("The polygon has no area.")
    return polygon


def parse_geometry(
    data: Any, allowed_types: tuple[str, ...], max_vertices: int = MAX_VERTICES, what: str = "a shape"
) -> BaseGeometry:
    """Parse a GeoJSON geometry of one of the allowed types, rounding to 7 decimals, or raise GeometryError (naming
    `what` it is when it has too many vertices)."""
    if not isinstance(data, dict):
        raise _invalid("The geometry must be a GeoJSON object.")
    geom_type = data.get("type")
    if geom_type not in allowed_types:
        raise _invalid(f"Expected a geometry of type {' or '.join(allowed_types)}, got {geom_type!r}.")
    coordinates = data.get("coordinates")
    counter = [0]
    if geom_type == "Point":
        return Point(_coerce_position(coordinates))
    if geom_type == "LineString":
        points = _coerce_ring(coordinates, counter, max_vertices)
        if len(set(points)) < 2:
            raise _invalid("A line needs at least two distinct points.")
        line = LineString(points)
        if line.length <= 0:
            raise _invalid("A line needs a non-zero length.")
        return line
    if geom_type == "Polygon":
        return _coerce_polygon(coordinates, counter, max_vertices, what)
    if geom_type == "MultiPolygon":
        if not isinstance(coordinates, list) or not coordinates:
            raise _invalid("A MultiPolygon needs at least one polygon.")
        multi = MultiPolygon([_coerce_polygon(p, counter, max_vertices, what) for p in coordinates])
        if not multi.is_valid:
            raise _invalid(f"The MultiPolygon is not valid: {shapely.is_valid_reason(multi)}.")
        return multi
    raise _invalid(f"Unsupported geometry type {geom_type!r}.")


def to_geojson(geom: BaseGeometry) -> dict:
    """RFC 7946 GeoJSON of a lon/lat geometry: 7 decimals, exterior rings counter-clockwise."""
    if isinstance(geom, (Polygon, MultiPolygon)):
        geom = shapely.orient_polygons(geom, exterior_cw=False)
    return _round_coords(mapping(geom))


def _round_coords(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _round_coords(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        if value and isinstance(value[0], (int, float)):
            return [round(float(c), COORD_DECIMALS) for c in value[:2]]
        return [_round_coords(v) for v in value]
    return value


def from_geojson(data: dict) -> BaseGeometry:
    """A shapely geometry from trusted, already validated GeoJSON (as stored)."""
    return shape(data)


# ---------------------------------------------------------------- measures


def measure(geom: BaseGeometry, plane: LocalPlane | None = None) -> dict[str, float]:
    """The element's measure: `{"area_m2"}` for polygons, `{"length_m"}` for lines, `{}` for points."""
    plane = plane or plane_for(geom)
    metric = plane.to_metres(geom)
    if isinstance(geom, (Polygon, MultiPolygon)):
        return {"area_m2": round(metric.area, 1)}
    if isinstance(geom, LineString):
        return {"length_m": round(metric.length, 1)}
    return {}


# ---------------------------------------------------------------- sites


class Site:
    """A workshop site: where elements may lie, with a tolerance on the outer edge but none at holes."""

    def __init__(self, boundary: BaseGeometry, tolerance_m: float):
        self.boundary = boundary
        self.tolerance_m = tolerance_m
        self.plane = plane_for(boundary)
        metric = self.plane.to_metres(boundary)
        # A site is a Polygon or a MultiPolygon (from_geojson accepts no other type).
        polygons = list(metric.geoms) if isinstance(metric, MultiPolygon) else [cast(Polygon, metric)]
        outer = unary_union([Polygon(p.exterior) for p in polygons])
        # Holes are whatever the outer rings enclose that the site does not: islands inside a
        # hole stay buildable. The tolerance grows only the outer edge, never into a hole.
        self._forbidden = outer.difference(metric)
        self._allowed = outer.buffer(tolerance_m, join_style="mitre") if tolerance_m > 0 else outer
        shapely.prepare(self._allowed)
        shapely.prepare(self._forbidden)

    @classmethod
    def from_geojson(cls, data: Any, tolerance_m: float) -> Site:
        """Parse a site boundary (Polygon or MultiPolygon) or raise GeometryError."""
        return cls(parse_geometry(data, ("Polygon", "MultiPolygon"), MAX_STORED_SITE_VERTICES), tolerance_m)

    def check(self, geom: BaseGeometry) -> None:
        """Raise GeometryError(outside_site) unless the geometry lies in the site and enters no hole."""
        metric = self.plane.to_metres(geom)
        if not self._allowed.covers(metric):
            raise GeometryError(
                "outside_site", f"The shape lies outside the site (more than {self.tolerance_m:g} m beyond its edge)."
            )
        if not self._forbidden.is_empty and metric.relate_pattern(self._forbidden, "T********"):
            raise GeometryError("outside_site", "The shape enters a part of the site where nothing may be built.")

    def measure(self, geom: BaseGeometry) -> dict[str, float]:
        """The measure of a geometry on this site's plane."""
        return measure(geom, self.plane)

    def area_m2(self) -> float:
        """The site's own area in square metres."""
        return self.plane.to_metres(self.boundary).area


def parse_site_boundary(data: Any) -> BaseGeometry:
    """A new site's boundary as every way in checks it (drawn, pasted or read from a file), or GeometryError."""
    boundary = parse_geometry(data, ("Polygon", "MultiPolygon"), MAX_SITE_VERTICES, "a site boundary")
    if plane_for(boundary).to_metres(boundary).area > MAX_SITE_AREA_M2:
        raise _invalid(f"A site may cover at most {MAX_SITE_AREA_M2 / 1_000_000:g} km².")
    return boundary


def simplified(boundary: BaseGeometry, max_vertices: int = MAX_SITE_VERTICES) -> tuple[BaseGeometry, float | None]:
    """A site's polygons with at most `max_vertices` positions: as they are (tolerance None), else simplified
    keeping their topology (no ring crosses another or vanishes) with the first of SIMPLIFY_STEPS_M, in metres on
    the site's plane, that fits; the last step's shape when none does (the site check then refuses it). An invalid
    shape is left as it is, for the site check to say what is wrong with it rather than hide it."""
    if shapely.get_num_coordinates(boundary) <= max_vertices or not shapely.is_valid(boundary):
        return boundary, None
    plane = plane_for(boundary)
    metric = plane.to_metres(boundary)
    for tolerance in SIMPLIFY_STEPS_M:
        fewer = metric.simplify(tolerance, preserve_topology=True)
        if shapely.get_num_coordinates(fewer) <= max_vertices:
            break
    return plane.to_lonlat(fewer), float(tolerance)


def parse_element_geometry(kind: str, data: Any) -> BaseGeometry:
    """Parse an element's geometry for its kind, or raise GeometryError."""
    return parse_geometry(data, (GEOMETRY_TYPE_OF_KIND[kind],))


# ---------------------------------------------------------------- as built against design


def parse_as_built(kind: str, data: Any) -> BaseGeometry:
    """Parse an as-built geometry for a kind. A point may come as a MultiPoint of GPS fixes, which are averaged."""
    expected = GEOMETRY_TYPE_OF_KIND[kind]
    if expected == "Point" and isinstance(data, dict) and data.get("type") == "MultiPoint":
        fixes = data.get("coordinates")
        if not isinstance(fixes, list) or not fixes or len(fixes) > 100:
            raise _invalid("A MultiPoint of GPS fixes needs 1 to 100 positions.")
        return average_position([_coerce_position(p) for p in fixes])
    return parse_geometry(data, (expected,))


def average_position(positions: list[tuple[float, float]]) -> Point:
    """The mean of several GPS fixes, taken on a local metric plane (rounded to 7 decimals)."""
    plane = LocalPlane(positions[0][0], positions[0][1])
    metric = [plane.to_metres(Point(p)) for p in positions]
    mean = Point(sum(p.x for p in metric) / len(metric), sum(p.y for p in metric) / len(metric))
    lon, lat = plane.to_lonlat(mean).coords[0]
    return Point(round(lon, COORD_DECIMALS), round(lat, COORD_DECIMALS))


def deviation(
    design: BaseGeometry, built: BaseGeometry, *, tolerance_m: float = 2.0, tolerance_pct: float = 10.0
) -> dict[str, Any]:
    """How far the built shape is from the designed one, in metres and percent, and whether that is beyond tolerance.

    Points: `offset_m`. Lines: `hausdorff_m` and `length_change_pct`. Polygons: `iou` (intersection over
    union), `area_change_pct` and `hausdorff_m`. `flagged` is true beyond `tolerance_m` (offset or Hausdorff
    distance) or `tolerance_pct` (length or area change; for the overlap, an IoU below 1 − tolerance_pct/100).
    """
    if design.geom_type != built.geom_type:
        raise _invalid(f"The as-built shape must be a {design.geom_type}, like the design.")
    plane = plane_for(design.union(built))
    planned, actual = plane.to_metres(design), plane.to_metres(built)
    if isinstance(planned, Point):
        offset = planned.distance(actual)
        return {"offset_m": round(offset, 2), "flagged": offset > tolerance_m}
    hausdorff = planned.hausdorff_distance(actual)
    if isinstance(planned, LineString):
        change = (actual.length - planned.length) / planned.length * 100
        return {
            "hausdorff_m": round(hausdorff, 2),
            "length_change_pct": round(change, 2),
            "flagged": hausdorff > tolerance_m or abs(change) > tolerance_pct,
        }
    union = planned.union(actual).area
    iou = planned.intersection(actual).area / union if union > 0 else 0.0
    change = (actual.area - planned.area) / planned.area * 100
    return {
        "iou": round(iou, 4),
        "area_change_pct": round(change, 2),
        "hausdorff_m": round(hausdorff, 2),
        "flagged": hausdorff > tolerance_m or abs(change) > tolerance_pct or iou < 1 - tolerance_pct / 100,
    }
