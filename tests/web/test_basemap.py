"""A base map with no internet: a raster MBTiles file (made here with Pillow and sqlite3) served at
/tiles/{z}/{x}/{y} by a real server, rows flipped from TMS, missing tiles answered without an error, bad
addresses refused, a bad file stopping the start with its reason, and every map told to use these tiles."""

from __future__ import annotations

import gzip
import io
import re
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import requests
from PIL import Image

from cowork import create_app
from cowork.web.basemap import Basemap, BasemapError, plain_attribution
from cowork.web.security import tile_source

from ..mbtiles import PARK_CENTRE, build_mbtiles, png_of, tile_of
from ..support import ROOT, create_workshop, free_port

FOREIGN_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
Z = 16
X, Y = tile_of(*PARK_CENTRE, Z)
HOLE = (Z, X + 1, Y)  # a tile the file lacks, between tiles it has


@pytest.fixture
def tileset(tmp_path):
    return build_mbtiles(
        tmp_path / "city.mbtiles",
        leave_out=[HOLE],
        metadata={"attribution": '<a href="https://city.example">© Almaty GIS</a> &amp; OSM'},
    )


@pytest.fixture
def settings(settings, tileset):
    """The app with the base map file, and a tile server set as well (which the base map must replace)."""
    settings.BASEMAP = str(tileset.path)
    settings.TILE_URL = FOREIGN_TILES
    return settings


def colour(data: bytes) -> tuple:
    """The colour in the middle of a tile image."""
    image = Image.open(io.BytesIO(data)).convert("RGBA")
    return image.getpixel((image.width // 2, image.height // 2))


def test_a_tile_of_the_file_is_served_with_its_bytes_type_and_cache_headers(server, tileset):
    stored = (
        sqlite3.connect(tileset.path)
        .execute(
            "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
            (Z, X, (1 << Z) - 1 - Y),
        )
        .fetchone()[0]
    )
    response = requests.get(f"{server}/tiles/{Z}/{X}/{Y}", timeout=10)
    assert response.status_code == 200
    assert response.content == stored
    assert response.headers["Content-Type"] == "image/png"
    assert colour(response.content)[:3] == tileset.colours[(Z, X, Y)]
    assert "max-age=86400" in response.headers["Cache-Control"] and "public" in response.headers["Cache-Control"]
    etag = response.headers["ETag"]
    again = requests.get(f"{server}/tiles/{Z}/{X}/{Y}", headers={"If-None-Match": etag}, timeout=10)
    assert again.status_code == 304 and again.content == b""
    other = requests.get(f"{server}/tiles/{Z}/{X - 1}/{Y}", timeout=10)
    assert other.headers["ETag"] != etag


def test_rows_are_flipped_from_the_files_tms_rows_to_the_maps(server, tileset):
    for (z, x, y), expected in tileset.colours.items():
        response = requests.get(f"{server}/tiles/{z}/{x}/{y}", timeout=10)
        assert colour(response.content)[:3] == expected, (z, x, y)
    # Asked by the file's own row number, the tile is not there: that row counts from the south.
    tms_row = (1 << Z) - 1 - Y
    assert (Z, X, tms_row) not in tileset.colours
    unflipped = requests.get(f"{server}/tiles/{Z}/{X}/{tms_row}", timeout=10)
    assert Image.open(io.BytesIO(unflipped.content)).size == (1, 1)


@pytest.mark.parametrize(
    "address",
    [HOLE, (Z, X + 5, Y), (Z + 1, 2 * X, 2 * Y), (13, X >> 3, Y >> 3), (0, 0, 0)],
    ids=["hole", "beside the file", "deeper than its maxzoom", "above its minzoom", "the world"],
)
def test_a_tile_the_file_lacks_is_a_transparent_image_not_an_error(server, address):
    response = requests.get(f"{server}/tiles/{address[0]}/{address[1]}/{address[2]}", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content)).convert("RGBA")
    assert image.size == (1, 1) and image.getpixel((0, 0))[3] == 0
    assert "max-age=3600" in response.headers["Cache-Control"] and response.headers["ETag"]


@pytest.mark.parametrize(
    "path",
    [
        "31/0/0",
        "2/4/0",
        "2/0/4",
        "-1/0/0",
        "16/-3/5",
        "a/0/0",
        "1.5/0/0",
        "16/0/0.png",
        "99999999999999999999999999/0/0",
        f"{Z}/{X}/{10**40}",
        f"{Z}/{X}",
        f"{Z}/{X}/{Y}/1",
    ],
)
def test_an_address_that_names_no_tile_is_404_and_the_server_stays_up(server, path):
    response = requests.get(f"{server}/tiles/{path}", timeout=10)
    assert response.status_code == 404, path
    assert requests.get(f"{server}/tiles/{Z}/{X}/{Y}", timeout=10).status_code == 200


def test_many_readers_at_once_each_get_their_own_tile(server, tileset):
    addresses = list(tileset.colours) * 4
    wrong: list = []

    def read(chunk):
        with requests.Session() as session:
            for z, x, y in chunk:
                got = colour(session.get(f"{server}/tiles/{z}/{x}/{y}", timeout=10).content)[:3]
                if got != tileset.colours[(z, x, y)]:
                    wrong.append((z, x, y, got))

    threads = [threading.Thread(target=read, args=(addresses[i::8],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not wrong and not any(thread.is_alive() for thread in threads)


def test_every_page_is_told_to_use_the_files_tiles_with_its_attribution_and_levels(server, client):
    workshop = create_workshop(server)
    for path in ("/", "/new", f"/w/{workshop['id']}", f"/w/{workshop['id']}/projector"):
        response = client.get(path)
        html = response.get_data(as_text=True)
        assert 'data-tile-url="/tiles/{z}/{x}/{y}"' in html, path
        assert 'data-tile-min-zoom="14"' in html and 'data-tile-max-native-zoom="16"' in html, path
        # The file's HTML is reduced to its text, escaped once for Leaflet (which writes it as HTML) and once more
        # in the attribute.
        assert 'data-tile-attribution="© Almaty GIS &amp;amp; OSM"' in html, path
        assert "openstreetmap" not in html, path
        img_src = re.search(r"img-src ([^;]*)", response.headers["Content-Security-Policy"]).group(1)
        assert img_src.split() == ["'self'", "data:", "blob:"], path


def test_the_results_map_draws_the_files_tiles(server, cowork):
    from ..builders import supervised_workshop

    world = supervised_workshop(cowork)
    for path in (f"/w/{world.workshop_id}/results", f"/api/projects/{world.project_id}/report"):
        response = requests.get(server + path, timeout=10)
        html = response.text
        assert response.status_code == 200, path
        assert re.search(r'L\.tileLayer\(\s*"/tiles/\{z\}/\{x\}/\{y\}"', html), path
        assert '"maxNativeZoom": 16' in html and '"minZoom": 14' in html, path
        assert "\\u00a9 Almaty GIS \\u0026amp; OSM" in html, path
        assert "openstreetmap" not in html, path


def test_bounds_of_the_file_reach_the_pages_as_leaflet_takes_them(tmp_path, settings, client):
    build_mbtiles(tmp_path / "bounded.mbtiles", metadata={"bounds": "76.90,43.20,77.00,43.30", "attribution": None})
    settings.BASEMAP = str(tmp_path / "bounded.mbtiles")
    settings.TILE_ATTRIBUTION = "© OpenStreetMap contributors"
    html = create_app(settings).test_client().get("/").get_data(as_text=True)
    assert 'data-tile-bounds="[[43.2, 76.9], [43.3, 77.0]]"' in html
    assert 'data-tile-attribution="© OpenStreetMap contributors"' in html  # the file names none


def test_without_a_file_there_are_no_tiles_here_and_pages_use_the_tile_server(tmp_path, migrated_sqlite):
    from ..fuzzing import live_app

    with live_app(tmp_path, migrated_sqlite, TILE_URL=FOREIGN_TILES) as (_app, base):
        assert requests.get(f"{base}/tiles/{Z}/{X}/{Y}", timeout=10).status_code == 404
        page = requests.get(base + "/", timeout=10)
        assert f'data-tile-url="{FOREIGN_TILES}"' in page.text and 'data-tile-min-zoom=""' in page.text
        assert "https://tile.openstreetmap.org" in page.headers["Content-Security-Policy"]


def test_tiles_of_our_own_origin_need_no_host_in_the_policy():
    assert tile_source("/tiles/{z}/{x}/{y}") == ""
    assert tile_source("") == ""
    assert tile_source("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"


# ------------------------------------------------------------------ files as writers make them


def test_a_file_whose_tiles_are_a_view_over_map_and_images_is_read_the_same(tmp_path):
    tileset = build_mbtiles(tmp_path / "views.mbtiles", as_views=True)
    basemap = Basemap.open(str(tileset.path))
    for (z, x, y), expected in tileset.colours.items():
        assert colour(basemap.tile(z, x, y).data)[:3] == expected


@pytest.mark.parametrize("image_format, media_type", [("JPEG", "image/jpeg"), ("WEBP", "image/webp")])
def test_jpeg_and_webp_tiles_are_served_as_what_they_are(tmp_path, image_format, media_type):
    tileset = build_mbtiles(tmp_path / "photo.mbtiles", image_format=image_format)
    basemap = Basemap.open(str(tileset.path))
    assert basemap.media_type == media_type and basemap.tile(Z, X, Y).media_type == media_type


def test_a_file_that_names_no_format_nor_levels_is_read_from_its_tiles(tmp_path):
    tileset = build_mbtiles(
        tmp_path / "bare.mbtiles",
        zooms=(15, 16),
        image_format="JPEG",
        metadata={"format": None, "minzoom": None, "maxzoom": None, "bounds": "not,a,real,extent"},
    )
    basemap = Basemap.open(str(tileset.path))
    assert (basemap.media_type, basemap.min_zoom, basemap.max_zoom, basemap.bounds) == ("image/jpeg", 15, 16, None)


def test_a_file_gdal_writes_is_served(tmp_path):
    """GDAL's MBTiles driver (the one behind many tools) writes a file this reads: a GeoTIFF of the park made into
    tiles by gdal_translate."""
    picture = tmp_path / "park.png"
    Image.new("RGB", (512, 512), (200, 120, 40)).save(picture)
    west, south, east, north = 76.950, 43.255, 76.959, 43.262
    subprocess.run(
        [
            "gdal_translate",
            "-q",
            "-a_srs",
            "EPSG:4326",
            "-a_ullr",
            str(west),
            str(north),
            str(east),
            str(south),
            str(picture),
            str(tmp_path / "park.tif"),
        ],
        check=True,
    )
    subprocess.run(
        [
            "gdal_translate",
            "-q",
            "-of",
            "MBTILES",
            "-co",
            "TILE_FORMAT=PNG",
            str(tmp_path / "park.tif"),
            str(tmp_path / "gdal.mbtiles"),
        ],
        check=True,
    )
    basemap = Basemap.open(str(tmp_path / "gdal.mbtiles"))
    assert basemap.media_type == "image/png" and basemap.bounds is not None
    x, y = tile_of(76.9545, 43.2585, basemap.max_zoom)
    tile = basemap.tile(basemap.max_zoom, x, y)
    assert tile is not None and colour(tile.data)[:3] == (200, 120, 40)


# ------------------------------------------------------------------ files that are no raster MBTiles


def _sqlite(path: Path, *statements: str, rows: tuple = ()) -> Path:
    connection = sqlite3.connect(path)
    with connection:
        for statement in statements:
            connection.execute(statement)
        for row in rows:
            connection.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)", row)
    connection.close()
    return path


def bad_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """Each kind of wrong file, and the words its refusal must say."""
    text = folder / "notes.mbtiles"
    text.write_text("not a database at all, " * 100)
    tiles = "CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob)"
    meta = "CREATE TABLE metadata (name text, value text)"
    return {
        "missing": (folder / "nowhere.mbtiles", "there is no file"),
        "a folder": (folder, "there is no file"),
        "not SQLite": (text, "is not a readable SQLite"),
        "no tiles table": (_sqlite(folder / "empty.mbtiles", meta), "has no `tiles` table"),
        "wrong columns": (
            _sqlite(folder / "cols.mbtiles", "CREATE TABLE tiles (z integer, data blob)"),
            "lack the MBTiles columns",
        ),
        "no tiles": (_sqlite(folder / "none.mbtiles", tiles, meta), "holds no tiles"),
        "vector pbf": (
            _sqlite(
                folder / "vector.mbtiles",
                tiles,
                meta,
                "INSERT INTO metadata VALUES ('format', 'pbf')",
                rows=[(14, 0, 0, gzip.compress(b"\x1a\x00"))],
            ),
            "holds vector tiles (format pbf)",
        ),
        "gzip tiles, no format": (
            _sqlite(folder / "gz.mbtiles", tiles, rows=[(14, 0, 0, gzip.compress(b"\x1a\x00"))]),
            "holds vector tiles",
        ),
        "not images": (
            _sqlite(
                folder / "tiff.mbtiles",
                tiles,
                meta,
                "INSERT INTO metadata VALUES ('format', 'tiff')",
                rows=[(14, 0, 0, b"II*\x00")],
            ),
            "are not png, jpg or webp images (format tiff)",
        ),
        "bad zoom levels": (
            _sqlite(folder / "zoom.mbtiles", tiles, rows=[(44, 0, 0, png_of((1, 2, 3), 4))]),
            "zoom levels",
        ),
    }


@pytest.mark.parametrize(
    "kind",
    [
        "missing",
        "a folder",
        "not SQLite",
        "no tiles table",
        "wrong columns",
        "no tiles",
        "vector pbf",
        "gzip tiles, no format",
        "not images",
        "bad zoom levels",
    ],
)
def test_a_file_that_is_no_raster_mbtiles_is_refused_naming_the_problem(tmp_path, kind):
    path, words = bad_files(tmp_path)[kind]
    with pytest.raises(BasemapError) as refused:
        Basemap.open(str(path))
    assert words in str(refused.value) and "COWORK_BASEMAP" in str(refused.value)


def test_the_server_does_not_start_on_a_bad_file_and_says_why(tmp_path):
    path, _words = bad_files(tmp_path)["vector pbf"]
    env = {
        "PATH": "/usr/bin:/bin",
        "COWORK_DATABASE_URL": f"sqlite:///{tmp_path / 'cowork.db'}",
        "COWORK_TILE_URL": "",
        "COWORK_SECRET_KEY": "test",
        "COWORK_BASEMAP": str(path),
    }
    done = subprocess.run(
        [sys.executable, "run.py", "--port", str(free_port())],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert f"cowork: COWORK_BASEMAP {str(path)!r} holds vector tiles (format pbf)" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "cowork.db").exists()  # refused before the database was touched


def test_empty_metadata_values_are_as_good_as_absent(tmp_path):
    tileset = build_mbtiles(tmp_path / "nulls.mbtiles", metadata={"attribution": None})
    connection = sqlite3.connect(tileset.path)
    with connection:
        connection.execute("INSERT INTO metadata VALUES ('attribution', NULL), (NULL, 'x'), ('bounds', NULL)")
    connection.close()
    basemap = Basemap.open(str(tileset.path))
    assert basemap.attribution == "" and basemap.bounds is None


def test_attributions_become_plain_text_that_leaflet_shows_as_text():
    assert plain_attribution('<a href="x" onclick="alert(1)">© City</a> <script>alert(2)</script>') == "© City alert(2)"
    assert plain_attribution("Data &copy; OSM &amp; <b>friends</b>") == "Data © OSM &amp; friends"
    assert plain_attribution("") == ""
