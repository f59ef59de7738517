"""Sites come in from any GIS file: POST /api/sites/parse reads GeoJSON, KML, KMZ, GeoPackage and zipped Shapefiles
made by GDAL itself, in WGS 84 or a projected CRS, into a WGS 84 boundary whose area matches the original within
0.5 %; garbage of every kind gets its code and status and the server stays up."""

from __future__ import annotations

import http.server
import io
import json
import math
import socket
import tempfile
import threading

import numpy as np
import pytest
import requests
from shapely.geometry import shape

from cowork import create_app
from cowork.core import facts, geo, geodesy
from cowork.errors import CoworkError
from cowork.workshop import site_files

from ..site_files import (
    PARK_FEATURE,
    PARK_NAME,
    ROUND_CENTRE,
    YARDS_FEATURE,
    YARDS_NAME,
    collection,
    every_format,
    garbage,
    geodesic_area,
    ogr2ogr,
    round_park,
    shapefile_zip,
    write_geojson,
)

FORMATS = ("geojson", "geojson-utm", "kml", "kmz", "gpkg", "shapefile")
BIG = 10 * 1024 * 1024
# POST /api/sites/parse reads the file in a worker process and answers: it never reads or writes the database, so its
# tests run once, on SQLite (the route's slowest test, every kind of garbage over HTTP, took 20 s on each backend).
NO_DATABASE = pytest.mark.parametrize("settings", ["sqlite"], indirect=True)


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, dict[str, tuple[str, bytes]]]:
    """The park alone, and the park with the two yards, in every format (once for the module: ogr2ogr is slow)."""
    folder = tmp_path_factory.mktemp("site-files")
    park = write_geojson(folder, "park", collection(PARK_FEATURE))
    two = write_geojson(folder, "two-sites", collection(PARK_FEATURE, YARDS_FEATURE))
    return {"park": every_format(park, folder), "two": every_format(two, folder)}


@pytest.fixture
def app(settings):
    """The app, with a site-file limit these tests do not reach (one test sets its own)."""
    settings.LIMIT_SITE_FILES = "1000/minute"
    application = create_app(settings)
    yield application
    application.extensions["cowork"].db.dispose()


def post(server: str, filename: str, data: bytes, **kwargs) -> requests.Response:
    """POST one file to the route."""
    return requests.post(f"{server}/api/sites/parse", files={"file": (filename, data)}, timeout=60, **kwargs)


def refusal(response: requests.Response) -> tuple[int, str]:
    """(status, code) of a refused answer, after checking it says why."""
    body = response.json()
    assert body["error"]["message"], body
    return response.status_code, body["error"]["code"]


def parse(filename: str, data: bytes) -> site_files.ParsedSite:
    """The service-level call, as the route makes it."""
    return site_files.parse_site_file(data, filename, max_bytes=BIG)


def code_of(filename: str, data: bytes) -> str:
    with pytest.raises(CoworkError) as refused:
        parse(filename, data)
    assert refused.value.message and "cowork-site-" not in refused.value.message  # no path of the server's
    return refused.value.code


def assert_wgs84_near_almaty(geometry: dict) -> None:
    minx, miny, maxx, maxy = shape(geometry).bounds
    assert 76.8 < minx < maxx < 77.1 and 43.1 < miny < maxy < 43.4, (minx, miny, maxx, maxy)


# ------------------------------------------------------------------ reading every format


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_reads_back_the_park_within_half_a_percent(made, fmt):
    filename, data = made["park"][fmt]
    parsed = parse(filename, data).as_dict()
    original = geodesic_area(PARK_FEATURE["geometry"])
    assert abs(parsed["area_m2"] - original) / original < 0.005, (parsed["area_m2"], original)
    assert_wgs84_near_almaty(parsed["boundary"])
    assert parsed["boundary"]["type"] == "Polygon" and len(parsed["boundary"]["coordinates"]) == 2  # the hole is kept
    assert (
        shape(parsed["boundary"]).symmetric_difference(shape(PARK_FEATURE["geometry"])).area
        < 1e-4 * shape(PARK_FEATURE["geometry"]).area
    )
    assert parsed["name"] == PARK_NAME
    assert parsed["format"] == fmt.split("-")[0]
    assert len(parsed["candidates"]) == 1 and parsed["candidates"][0]["boundary"] == parsed["boundary"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_polygons_are_both_candidates_largest_first(made, fmt):
    filename, data = made["two"][fmt]
    parsed = parse(filename, data).as_dict()
    assert [c["name"] for c in parsed["candidates"]] == [PARK_NAME, YARDS_NAME]
    assert parsed["name"] == PARK_NAME and parsed["boundary"] == parsed["candidates"][0]["boundary"]
    yards = parsed["candidates"][1]
    assert yards["boundary"]["type"] == "MultiPolygon"
    original = geodesic_area(YARDS_FEATURE["geometry"])
    assert abs(yards["area_m2"] - original) / original < 0.005
    assert_wgs84_near_almaty(yards["boundary"])


def test_over_http_every_format_and_the_boundary_makes_a_workshop(server, made):
    for fmt in FORMATS:
        filename, data = made["two"][fmt]
        response = post(server, filename, data)
        assert response.status_code == 200, (fmt, response.text)
        answer = response.json()
        assert [c["name"] for c in answer["candidates"]] == [PARK_NAME, YARDS_NAME], fmt
        original = geodesic_area(PARK_FEATURE["geometry"])
        assert abs(answer["area_m2"] - original) / original < 0.005, fmt
    # What the page sends next: the chosen candidate as the boundary, accepted as a drawn one is.
    chosen = answer["candidates"][1]["boundary"]
    created = requests.post(
        f"{server}/api/workshops", json={"title": "Yards", "site_name": "Yards", "boundary": chosen}, timeout=10
    )
    assert created.status_code == 201, created.text
    assert shape(created.json()["boundary"]).equals(shape(chosen))


def test_the_name_falls_back_to_the_layer_then_null(tmp_path):
    unnamed = {**PARK_FEATURE, "properties": {}}
    named_layer = write_geojson(tmp_path, "layer", collection(unnamed, name="Abay courtyard"))
    assert parse("layer.geojson", named_layer.read_bytes()).name == "Abay courtyard"
    bare = write_geojson(tmp_path, "bare", collection(unnamed))
    assert parse("bare.geojson", bare.read_bytes()).name is None  # our temporary file's name is no name
    titled = write_geojson(tmp_path, "titled", collection({**PARK_FEATURE, "properties": {"TITLE": "Park by title"}}))
    assert parse("titled.geojson", titled.read_bytes()).name == "Park by title"
    # A Shapefile's layer is named after its .shp inside the zip.
    data = shapefile_zip(bare, tmp_path, "-t_srs", "EPSG:32643")
    assert parse("whatever.zip", data).name == "bare"


def test_a_geojson_polygon_alone_and_a_kml_multigeometry(tmp_path):
    assert parse("plain.json", json.dumps(PARK_FEATURE["geometry"]).encode()).area_m2 > 400_000
    source = write_geojson(
        tmp_path,
        "collection",
        collection(
            {
                "type": "Feature",
                "properties": {"name": "Mixed"},
                "geometry": {
                    "type": "GeometryCollection",
                    "geometries": [YARDS_FEATURE["geometry"], {"type": "Point", "coordinates": [76.95, 43.25]}],
                },
            }
        ),
    )
    kml = ogr2ogr(source, tmp_path / "mixed.kml", "KML")
    parsed = parse("mixed.kml", kml.read_bytes())
    assert parsed.name == "Mixed" and parsed.candidates[0].boundary["type"] == "MultiPolygon"


def test_shapefiles_without_prj(tmp_path):
    source = write_geojson(tmp_path, "noprj", collection(PARK_FEATURE))
    # Plainly longitude/latitude: taken as WGS 84.
    lonlat = shapefile_zip(source, tmp_path, without=(".prj",))
    assert abs(parse("noprj.zip", lonlat).area_m2 - geodesic_area(PARK_FEATURE["geometry"])) < 0.005 * 439_000
    # Metres of an unnamed CRS: it cannot be placed, and the message says what is missing.
    (tmp_path / "utm").mkdir()
    utm = shapefile_zip(
        write_geojson(tmp_path / "utm", "noprj", collection(PARK_FEATURE)),
        tmp_path / "utm",
        "-t_srs",
        "EPSG:32643",
        without=(".prj",),
    )
    with pytest.raises(CoworkError) as refused:
        parse("noprj.zip", utm)
    assert refused.value.code == "invalid_geometry" and ".prj" in refused.value.message


def test_temporary_files_are_removed(made, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    for fmt in FORMATS:
        parse(*made["park"][fmt])
    code_of("bad.zip", made["park"]["shapefile"][1][:300])
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ refusals


def test_every_kind_of_garbage_has_its_code(made, tmp_path):
    for label, (filename, data, _status, code) in garbage(made, tmp_path).items():
        assert code_of(filename, data) == code, label


@NO_DATABASE
def test_over_http_garbage_gets_its_status_and_the_server_stays_up(server, made, tmp_path):
    for label, (filename, data, status, code) in garbage(made, tmp_path).items():
        assert refusal(post(server, filename, data)) == (status, code), label
    assert requests.get(f"{server}/healthz", timeout=10).status_code == 200
    assert post(server, *made["park"]["kmz"]).status_code == 200
    no_file = requests.post(f"{server}/api/sites/parse", data={"other": "x"}, timeout=10)
    assert refusal(no_file) == (400, "invalid")


def test_a_geojson_crs_that_links_elsewhere_is_never_fetched(tmp_path):
    asked: list[str] = []

    class Listener(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # GDAL would fetch the CRS from here (it does, given the file)
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"+proj=longlat +datum=WGS84 +no_defs")

        def log_message(self, *args):
            pass

    listener = http.server.HTTPServer(("127.0.0.1", 0), Listener)
    threading.Thread(target=listener.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{listener.server_port}/crs"
    try:
        for crs in (
            {"type": "link", "properties": {"href": url, "type": "proj4"}},
            {"type": "url", "properties": {"url": url}},
            {"type": "name", "properties": {"name": url}},
        ):
            data = json.dumps({**collection(PARK_FEATURE), "crs": crs}).encode()
            assert code_of("linked.geojson", data) == "unsupported_format", crs
            inner = collection({**PARK_FEATURE, "crs": crs})
            assert code_of("linked.geojson", json.dumps(inner).encode()) == "unsupported_format", crs
    finally:
        listener.shutdown()
    assert asked == []
    # A CRS by name is followed: GDAL's own GeoJSON in UTM names it so.
    named = json.dumps(
        {**collection(PARK_FEATURE), "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}}}
    )
    assert parse("named.geojson", named.encode()).name == PARK_NAME


# ------------------------------------------------------------------ limits


@NO_DATABASE
def test_the_byte_limit_refuses_a_large_file(settings):
    settings.MAX_SITE_FILE_BYTES = 100_000
    app = create_app(settings)
    client = app.test_client()

    def send(data: bytes):
        answer = client.post(
            "/api/sites/parse", data={"file": (io.BytesIO(data), "site.geojson")}, content_type="multipart/form-data"
        )
        return answer.status_code, answer.get_json()

    # Far over: refused by the declared length, before the body is read; a little over: by the bytes read.
    for size in (300_000, 120_000):
        status, body = send(json.dumps(collection(PARK_FEATURE, name="x" * size)).encode())
        assert (status, body["error"]["code"]) == (413, "too_large") and "97 KB" in body["error"]["message"], size
    assert send(json.dumps(collection(PARK_FEATURE, name="x" * 95_000)).encode())[0] == 200
    app.extensions["cowork"].db.dispose()


@NO_DATABASE
def test_a_declared_huge_body_is_refused_without_being_sent(server):
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(
            f"POST /api/sites/parse HTTP/1.1\r\nHost: {host}\r\nContent-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {1024**3}\r\n\r\n".encode()
        )
        answer = b""
        while chunk := connection.recv(65536):  # answered and closed at once: the gigabyte was never sent
            answer += chunk
    head, _, body = answer.decode("latin-1").partition("\r\n\r\n")
    assert head.startswith("HTTP/1.1 413") and json.loads(body)["error"]["code"] == "too_large", answer


@NO_DATABASE
def test_site_files_are_rate_limited_per_address(settings, made):
    settings.LIMIT_SITE_FILES = "3/minute"
    app = create_app(settings)
    client = app.test_client()
    filename, data = made["park"]["geojson"]
    statuses = [
        client.post(
            "/api/sites/parse", data={"file": (io.BytesIO(data), filename)}, content_type="multipart/form-data"
        ).status_code
        for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]
    app.extensions["cowork"].db.dispose()


@NO_DATABASE
def test_an_organizer_key_guards_it(settings, made):
    settings.ORGANIZER_KEY = "the-organizers-key-123456"
    app = create_app(settings)
    client = app.test_client()
    filename, data = made["park"]["gpkg"]

    def ask(headers):
        return client.post(
            "/api/sites/parse",
            data={"file": (io.BytesIO(data), filename)},
            headers=headers,
            content_type="multipart/form-data",
        )

    assert ask({}).status_code == 401
    assert ask({"Authorization": "Bearer wrong"}).status_code == 401
    assert ask({"Authorization": "Bearer the-organizers-key-123456"}).status_code == 200
    app.extensions["cowork"].db.dispose()


def test_a_polygon_is_checked_as_a_drawn_site_is(server):
    huge = {"type": "Polygon", "coordinates": [[[76.8, 43.1], [77.1, 43.1], [77.1, 43.4], [76.8, 43.4], [76.8, 43.1]]]}
    drawn = requests.post(
        f"{server}/api/workshops", json={"title": "City", "site_name": "City", "boundary": huge}, timeout=10
    )
    assert refusal(drawn) == (400, "invalid_geometry") and "100 km²" in drawn.json()["error"]["message"]
    alone = post(server, "city.geojson", json.dumps(huge).encode())
    assert refusal(alone) == (400, "invalid_geometry") and "100 km²" in alone.json()["error"]["message"]
    # Beside a usable polygon, the refused one is left out, and said to be.
    both = collection({"type": "Feature", "properties": {"name": "City"}, "geometry": huge}, PARK_FEATURE)
    answer = post(server, "both.geojson", json.dumps(both).encode()).json()
    assert [c["name"] for c in answer["candidates"]] == [PARK_NAME]
    assert answer["skipped"][0]["name"] == "City" and "100 km²" in answer["skipped"][0]["reason"]


def circle(lon: float, radius: float, vertices: int, name: str) -> dict:
    ring = [
        [
            lon + radius * math.cos(2 * math.pi * i / vertices),
            43.25 + radius * 0.7 * math.sin(2 * math.pi * i / vertices),
        ]
        for i in range(vertices)
    ]
    return {
        "type": "Feature",
        "properties": {"name": name},
        "geometry": {"type": "Polygon", "coordinates": [ring + ring[:1]]},
    }


def test_the_candidates_offered_are_capped_largest_first():
    many = collection(*[circle(76.9 + i * 0.01, 0.001 + i * 0.0001, 8, f"Yard {i}") for i in range(25)])
    answer = parse("yards.geojson", json.dumps(many).encode()).as_dict()
    assert [c["name"] for c in answer["candidates"]] == [f"Yard {i}" for i in range(24, 4, -1)]  # the 20 largest
    # Polygons of many positions: checked, largest first, only until 100,000 positions were (about a second).
    big = collection(*[circle(76.9 + i * 0.01, 0.003 - i * 0.0001, 19_999, f"Ring {i}") for i in range(6)])
    answer = parse("rings.geojson", json.dumps(big).encode()).as_dict()
    assert [c["name"] for c in answer["candidates"]] == [f"Ring {i}" for i in range(5)]


def test_a_polygon_more_detailed_than_a_site_may_be_is_simplified_to_fit():
    radius = 1000.0
    original = round_park(radius, 20_000, "Round park")  # the probe's 20,000 positions
    answer = parse("round.geojson", json.dumps(collection(original, PARK_FEATURE)).encode()).as_dict()
    by_name = {c["name"]: c for c in answer["candidates"]}
    assert by_name[PARK_NAME]["simplified_m"] is None  # a park as cities draw them: untouched
    simplified = by_name["Round park"]
    tolerance = simplified["simplified_m"]
    assert tolerance in geo.SIMPLIFY_STEPS_M and tolerance <= 0.1  # a decimetre, for a park 2 km across
    boundary = shape(simplified["boundary"])
    assert 4 <= len(boundary.exterior.coords) <= geo.MAX_SITE_VERTICES == facts.for_browser()["limits"]["site_vertices"]
    # Within the tolerance of the original everywhere (7 decimals add at most a centimetre), measured in metres: on
    # the site's plane as the app measures sites, and on the ellipsoid, where every kept vertex is still on the
    # circle and every edge's middle at most the tolerance inside it.
    before = shape(original["geometry"])
    plane = geo.plane_for(before)
    assert plane.to_metres(boundary).hausdorff_distance(plane.to_metres(before)) <= tolerance + 0.01
    corners = np.array(boundary.exterior.coords)
    middles = (corners[:-1] + corners[1:]) / 2
    to_corners = geodesy.distances_m([ROUND_CENTRE] * len(corners), corners)
    to_middles = geodesy.distances_m([ROUND_CENTRE] * len(middles), middles)
    assert np.all(np.abs(to_corners - radius) <= 0.01)
    assert np.all(to_middles >= radius - tolerance - 0.01) and np.all(to_middles <= radius + 0.01)
    # Its area within 0.05 % of the original's (the 256 chords Douglas-Peucker keeps of a circle lack 0.01 %).
    assert simplified["area_m2"] == pytest.approx(geo.measure(before)["area_m2"], rel=5e-4)
    assert simplified["area_m2"] == pytest.approx(math.pi * radius**2, rel=1e-3)


def test_a_polygon_that_no_simplification_brings_under_the_cap_is_refused_saying_the_cap():
    # 150 yards of five positions each: the fewest a ring can have, 750 in all.
    yards = [
        [[[lon, 43.25], [lon + 0.0003, 43.25], [lon + 0.0003, 43.2503], [lon, 43.2503], [lon, 43.25]]]
        for lon in (76.9 + 0.001 * i for i in range(150))
    ]
    feature = {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPolygon", "coordinates": yards}}
    with pytest.raises(CoworkError) as refused:
        parse("yards.geojson", json.dumps(collection(feature)).encode())
    assert refused.value.code == "invalid_geometry"
    assert f"at most {geo.MAX_SITE_VERTICES} positions" in refused.value.message
