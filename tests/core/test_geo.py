"""cowork.core.geo: parsing, site rules (tolerance, holes, MultiPolygon sites) and metric measures."""

from __future__ import annotations

import math

import pytest
from pyproj import Geod
from shapely.geometry import Point, shape

from cowork.core import geo

from ..support import CORRIDOR, LAWN, PARK, PATH, TREE, YARDS

WGS84 = Geod(ellps="WGS84")


def site(boundary=PARK, tolerance=2.0) -> geo.Site:
    return geo.Site.from_geojson(boundary, tolerance)


def offset(lon: float, lat: float, east_m: float = 0.0, north_m: float = 0.0) -> tuple[float, float]:
    """The position `east_m` east and `north_m` north of (lon, lat), by geodesic maths (the oracle)."""
    if east_m:
        lon, lat, _ = WGS84.fwd(lon, lat, 90 if east_m > 0 else 270, abs(east_m))
    if north_m:
        lon, lat, _ = WGS84.fwd(lon, lat, 0 if north_m > 0 else 180, abs(north_m))
    return lon, lat


# ------------------------------------------------------------------ parsing


@pytest.mark.parametrize(
    "data, reason",
    [
        (None, "GeoJSON object"),
        ({"type": "Point"}, "position"),
        ({"type": "Point", "coordinates": [181, 43]}, "range"),
        ({"type": "Point", "coordinates": [76.9, 91]}, "range"),
        ({"type": "Point", "coordinates": [float("nan"), 43]}, "finite"),
        ({"type": "Point", "coordinates": [float("inf"), 43]}, "finite"),
        ({"type": "Point", "coordinates": ["76.9", 43]}, "numbers"),
        ({"type": "Point", "coordinates": [True, 43]}, "numbers"),
        ({"type": "LineString", "coordinates": [[76.95, 43.26], [76.95, 43.26]]}, "two distinct"),
        ({"type": "LineString", "coordinates": [[76.95, 43.26]]}, "two distinct"),
        ({"type": "Polygon", "coordinates": [[[76.95, 43.26], [76.951, 43.26], [76.95, 43.26]]]}, "four positions"),
        (
            {"type": "Polygon", "coordinates": [[[76.95, 43.26], [76.951, 43.26], [76.951, 43.261], [76.95, 43.2601]]]},
            "first",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[76.95, 43.26], [76.951, 43.261], [76.951, 43.26], [76.95, 43.261], [76.95, 43.26]]],
            },
            "not valid",
        ),
        (
            {"type": "Polygon", "coordinates": [[[76.95, 43.26], [76.951, 43.26], [76.952, 43.26], [76.95, 43.26]]]},
            "not valid",
        ),
        ({"type": "Polygon", "coordinates": []}, "outer ring"),
    ],
)
def test_malformed_geometries_are_refused_with_a_reason(data, reason):
    allowed = (data or {}).get("type") or "Point"
    with pytest.raises(geo.GeometryError) as caught:
        geo.parse_geometry(data, (allowed,))
    assert caught.value.code == "invalid_geometry"
    assert reason in caught.value.message


def test_wrong_type_for_kind_is_refused():
    with pytest.raises(geo.GeometryError, match="Point"):
        geo.parse_element_geometry("tree", PATH)
    with pytest.raises(geo.GeometryError, match="Polygon"):
        geo.parse_element_geometry("play_area", TREE)
    assert geo.parse_element_geometry("path", PATH).geom_type == "LineString"


def test_vertex_limit_is_5000():
    ring = [
        [76.95 + 0.001 * math.cos(2 * math.pi * i / 4999), 43.26 + 0.001 * math.sin(2 * math.pi * i / 4999)]
        for i in range(4999)
    ]
    ring.append(ring[0])
    assert len(ring) == 5000
    assert geo.parse_geometry({"type": "Polygon", "coordinates": [ring]}, ("Polygon",)).is_valid
    line = [[76.95 + i * 1e-6, 43.26] for i in range(5001)]
    with pytest.raises(geo.GeometryError, match="Too many vertices"):
        geo.parse_geometry({"type": "LineString", "coordinates": line}, ("LineString",))


def test_coordinates_are_rounded_to_seven_decimals_and_output_is_rfc7946():
    parsed = geo.parse_geometry({"type": "Point", "coordinates": [76.123456789, 43.987654321, 800.0]}, ("Point",))
    assert geo.to_geojson(parsed) == {"type": "Point", "coordinates": [76.1234568, 43.9876543]}
    # A clockwise exterior ring comes out counter-clockwise (RFC 7946 right-hand rule), holes clockwise.
    clockwise = {"type": "Polygon", "coordinates": [list(reversed(LAWN["coordinates"][0]))]}
    out = geo.to_geojson(geo.parse_geometry(clockwise, ("Polygon",)))
    assert shape(out).exterior.is_ccw
    park = geo.to_geojson(geo.parse_geometry(PARK, ("Polygon",)))
    assert shape(park).exterior.is_ccw and not shape(park).interiors[0].is_ccw


# ------------------------------------------------------------------ site rules


def test_shapes_inside_the_park_are_accepted():
    park = site()
    for data, allowed in ((TREE, "Point"), (PATH, "LineString"), (LAWN, "Polygon")):
        park.check(geo.parse_geometry(data, (allowed,)))


def test_outside_beyond_tolerance_is_refused_within_tolerance_accepted():
    park = site(tolerance=2.0)
    west_edge_lon = 76.9507 + (76.9509 - 76.9507) * (43.2621 - 43.259) / (
        43.2621 - 43.2553
    )  # on the west edge at lat 43.259
    inside_by_tolerance = Point(offset(west_edge_lon, 43.259, east_m=-1.5))
    park.check(inside_by_tolerance)
    beyond = Point(offset(west_edge_lon, 43.259, east_m=-3.0))
    with pytest.raises(geo.GeometryError) as caught:
        park.check(beyond)
    assert caught.value.code == "outside_site"
    strict = site(tolerance=0.0)
    with pytest.raises(geo.GeometryError):
        strict.check(inside_by_tolerance)


def test_holes_are_never_shrunk_by_the_tolerance():
    park = site(tolerance=2.0)
    # The hole's west edge is lon 76.956; a point 1 m inside the hole is refused even with a 2 m tolerance.
    with pytest.raises(geo.GeometryError, match="nothing may be built"):
        park.check(Point(offset(76.956, 43.258, east_m=1.0)))
    park.check(Point(offset(76.956, 43.258, east_m=-1.0)))
    # A path that crosses the hole is refused; one that runs around it is fine.
    crossing = geo.parse_geometry(
        {"type": "LineString", "coordinates": [[76.9550, 43.2582], [76.9580, 43.2582]]}, ("LineString",)
    )
    with pytest.raises(geo.GeometryError):
        park.check(crossing)
    around = geo.parse_geometry(
        {"type": "LineString", "coordinates": [[76.9555, 43.2570], [76.9580, 43.2570], [76.9580, 43.2595]]},
        ("LineString",),
    )
    park.check(around)
    # A lawn that swallows the whole hole is refused too.
    swallow = geo.parse_geometry(
        {
            "type": "Polygon",
            "coordinates": [
                [[76.9555, 43.2570], [76.9580, 43.2570], [76.9580, 43.2595], [76.9555, 43.2595], [76.9555, 43.2570]]
            ],
        },
        ("Polygon",),
    )
    with pytest.raises(geo.GeometryError):
        park.check(swallow)


def test_multipolygon_site_accepts_each_yard_and_refuses_the_gap_between():
    yards = site(YARDS)
    yards.check(Point(76.9125, 43.2385))
    yards.check(Point(76.9150, 43.2385))
    with pytest.raises(geo.GeometryError):
        yards.check(Point(76.9140, 43.2385))  # between the two yards, ~40 m from each
    spanning = geo.parse_geometry(
        {"type": "LineString", "coordinates": [[76.9125, 43.2385], [76.9150, 43.2385]]}, ("LineString",)
    )
    with pytest.raises(geo.GeometryError):
        yards.check(spanning)


def test_site_boundary_must_be_polygon_or_multipolygon():
    with pytest.raises(geo.GeometryError):
        geo.Site.from_geojson(TREE, 2.0)
    assert geo.Site.from_geojson(CORRIDOR, 2.0).area_m2() > 0


# ------------------------------------------------------------------ measures


def _geodesic_area(data: dict) -> float:
    area, _perimeter = WGS84.geometry_area_perimeter(shape(data))
    return abs(area)


@pytest.mark.parametrize("boundary", [PARK, CORRIDOR, YARDS], ids=["park-with-hole", "long-corridor", "two-yards"])
def test_site_areas_match_geodesic_area_within_half_a_percent(boundary):
    ours = geo.Site.from_geojson(boundary, 0).area_m2()
    assert ours == pytest.approx(_geodesic_area(boundary), rel=0.005)


def test_measures_of_known_shapes():
    # A 100 m × 50 m rectangle laid out by geodesic offsets from a corner of the park.
    lon0, lat0 = 76.952, 43.257
    east = offset(lon0, lat0, east_m=100)
    north_east = offset(*east, north_m=50)
    north = offset(lon0, lat0, north_m=50)
    rectangle = {
        "type": "Polygon",
        "coordinates": [[[lon0, lat0], list(east), list(north_east), list(north), [lon0, lat0]]],
    }
    assert geo.measure(geo.parse_geometry(rectangle, ("Polygon",)))["area_m2"] == pytest.approx(5000, rel=0.005)
    # The long river corridor's centre line, about 2.5 km north-south.
    line = {"type": "LineString", "coordinates": [[76.9312, 43.233], [76.9316, 43.245], [76.932, 43.256]]}
    _az, _baz, geodesic_length = WGS84.inv([76.9312, 76.9316], [43.233, 43.245], [76.9316, 76.932], [43.245, 43.256])
    measured = geo.measure(geo.parse_geometry(line, ("LineString",)))["length_m"]
    assert measured == pytest.approx(sum(geodesic_length), rel=0.005)
    assert geo.measure(geo.parse_geometry(TREE, ("Point",))) == {}


def test_tolerance_is_metric_in_both_directions():
    park = site(tolerance=2.0)
    # North edge near lon 76.955 is at lat ≈ 43.26216; 1.5 m north is accepted, 3 m is refused.
    north_edge_lat = 43.2621 + (43.2622 - 43.2621) * (76.955 - 76.9507) / (76.9583 - 76.9507)
    park.check(Point(offset(76.955, north_edge_lat, north_m=1.5)))
    with pytest.raises(geo.GeometryError):
        park.check(Point(offset(76.955, north_edge_lat, north_m=3.0)))


# ------------------------------------------------------------------ deviation of as built from design


def _shifted(data: dict, east_m: float = 0.0, north_m: float = 0.0) -> dict:
    """The same GeoJSON moved by metres, every vertex by geodesic maths."""

    def move(position):
        return list(offset(position[0], position[1], east_m=east_m, north_m=north_m))

    if data["type"] == "Point":
        return {"type": "Point", "coordinates": move(data["coordinates"])}
    if data["type"] == "LineString":
        return {"type": "LineString", "coordinates": [move(p) for p in data["coordinates"]]}
    return {"type": "Polygon", "coordinates": [[move(p) for p in ring] for ring in data["coordinates"]]}


def test_a_bench_moved_5_m_east_is_offset_5_m_and_flagged():
    bench = geo.parse_geometry(TREE, ("Point",))
    moved = geo.parse_geometry(_shifted(TREE, east_m=5), ("Point",))
    result = geo.deviation(bench, moved)
    assert result["offset_m"] == pytest.approx(5, abs=0.05) and result["flagged"] is True
    near = geo.parse_geometry(_shifted(TREE, east_m=1.5), ("Point",))
    assert geo.deviation(bench, near)["flagged"] is False


def test_a_path_shifted_3_m_has_hausdorff_3_m_and_same_length():
    path = geo.parse_geometry(PATH, ("LineString",))
    shifted = geo.parse_geometry(_shifted(PATH, north_m=3), ("LineString",))
    result = geo.deviation(path, shifted)
    assert result["hausdorff_m"] == pytest.approx(3, abs=0.05)
    assert result["length_change_pct"] == pytest.approx(0, abs=0.1)
    assert result["flagged"] is True
    assert geo.deviation(path, shifted, tolerance_m=5)["flagged"] is False


def test_a_play_area_20_percent_smaller():
    # A 100 m × 50 m rectangle, and the built one 80 m × 50 m sharing its west part.
    lon0, lat0 = 76.952, 43.257

    def rectangle(width_m):
        east = offset(lon0, lat0, east_m=width_m)
        return {
            "type": "Polygon",
            "coordinates": [
                [
                    [lon0, lat0],
                    list(east),
                    list(offset(*east, north_m=50)),
                    list(offset(lon0, lat0, north_m=50)),
                    [lon0, lat0],
                ]
            ],
        }

    design = geo.parse_geometry(rectangle(100), ("Polygon",))
    built = geo.parse_geometry(rectangle(80), ("Polygon",))
    result = geo.deviation(design, built)
    assert result["area_change_pct"] == pytest.approx(-20, abs=0.2)
    assert result["iou"] == pytest.approx(0.8, abs=0.005)
    assert result["flagged"] is True
    same = geo.deviation(design, design)
    assert same == {"iou": 1.0, "area_change_pct": 0.0, "hausdorff_m": 0.0, "flagged": False}


def test_gps_fixes_are_averaged_for_a_point_and_types_must_match():
    fixes = [list(offset(76.952, 43.2604, east_m=e, north_m=n)) for e, n in ((2, 0), (-2, 0), (0, 2), (0, -2))]
    averaged = geo.parse_as_built("tree", {"type": "MultiPoint", "coordinates": fixes})
    assert geo.deviation(geo.parse_geometry(TREE, ("Point",)), averaged)["offset_m"] == pytest.approx(0, abs=0.02)
    with pytest.raises(geo.GeometryError):
        geo.parse_as_built("path", {"type": "MultiPoint", "coordinates": fixes})
    with pytest.raises(geo.GeometryError):
        geo.deviation(geo.parse_geometry(TREE, ("Point",)), geo.parse_geometry(PATH, ("LineString",)))
