"""hypothesis strategies for hostile site files (POST /api/sites/parse): `hostile_site_files()` draws a
(file name, bytes) pair: a GeoPackage written by GDAL then given schema tricks (views, virtual tables, generated
columns, defaults, triggers, broken metadata, random geometry blobs), a KML or KMZ of random nesting and random
coordinates text (some of it hundreds of thousands of positions), or a zipped Shapefile with damaged headers,
each possibly truncated or with bytes overwritten, mixed with the valid files they start from. The builders
only make bytes: the fuzzing test reads them in-process, and the same strategy serves a reader run elsewhere
(in a worker process with memory and CPU limits)."""

from __future__ import annotations

import contextlib
import functools
import io
import sqlite3
import tempfile
import zipfile
from pathlib import Path

from hypothesis import strategies as st

from .site_files import (
    COSTLY,
    PARK_FEATURE,
    collection,
    gpkg_altered,
    kml_document,
    shapefile_zip,
    write_geojson,
    zip_of,
)

# The codes POST /api/sites/parse documents for a file it will not read.
SITE_FILE_CODES = frozenset({"unsupported_format", "no_polygon", "invalid_geometry", "too_large"})


@functools.cache
def _valid_files() -> dict[str, bytes]:
    """The park as a GeoPackage (layer `squares`, three squares beside it) and a zipped Shapefile, by ogr2ogr;
    made once, as ogr2ogr is slow."""
    with tempfile.TemporaryDirectory(prefix="site-fuzz-") as name:
        folder = Path(name)
        park = write_geojson(folder, "park", collection(PARK_FEATURE))
        return {"gpkg": gpkg_altered(folder, rows=3), "shapefile": shapefile_zip(park, folder)}


# ---------------------------------------------------------------- GeoPackage schema tricks

_TRIGGER_NAMES = (
    "rtree_squares_geom_insert",
    "rtree_squares_geom_update9",
    "rtree_other_geom_delete",
    "trigger_insert_feature_count_squares",
    "gpkg_tile_matrix_zoom_level_insert",
    "touch",
)
_DEFAULTS = (
    "1",
    "-2.5e3",
    "'text'",
    "NULL",
    "X'00ff'",
    "CURRENT_TIMESTAMP",
    f"({COSTLY})",
    "(1 + 1)",
    "'" + "x" * 300 + "'",
)


def _gpkg_tricks() -> st.SearchStrategy[str]:
    number = st.integers(1, 5000)
    return st.one_of(
        st.just("CREATE VIEW everything AS SELECT * FROM squares"),
        st.just(
            "CREATE VIEW endless AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n"
        ),
        st.sampled_from(("fts4(body)", "rtree(id, minx, maxx, miny, maxy)", "rtree_i32(id, a, b)")).map(
            lambda module: f"CREATE VIRTUAL TABLE extra USING {module}"
        ),
        st.tuples(st.sampled_from(("VIRTUAL", "STORED")), number).map(
            lambda t: f"CREATE TABLE gen (x INTEGER, y GENERATED ALWAYS AS (x * {t[1]}) {t[0]})"
        ),
        st.just(f"ALTER TABLE squares ADD COLUMN cost INTEGER GENERATED ALWAYS AS ({COSTLY}) VIRTUAL"),
        st.sampled_from(_DEFAULTS).map(
            lambda default: (
                "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = substr(sql, 1, length(sql)"
                " - 1) || ', extra TEXT DEFAULT " + default.replace("'", "''") + ")' WHERE name = 'squares'"
            )
        ),
        st.sampled_from(_TRIGGER_NAMES).map(
            lambda name: f"CREATE TRIGGER {name} AFTER UPDATE ON squares BEGIN SELECT 1; END"
        ),
        number.map(lambda n: f"CREATE TABLE t{n} (x); CREATE INDEX i{n} ON t{n}(length(x))"),
        st.just("ANALYZE"),
        st.just("DELETE FROM gpkg_contents"),
        st.just("UPDATE gpkg_geometry_columns SET srs_id = 999999"),
        st.just("UPDATE gpkg_contents SET data_type = 'tiles'"),
        st.just("UPDATE gpkg_spatial_ref_sys SET definition = 'garbage'"),
        number.map(lambda n: f"UPDATE squares SET geom = randomblob({n}) WHERE fid % 2 = 1"),
        number.map(lambda n: f"UPDATE squares SET geom = X'4750000100000000' || randomblob({n})"),
        number.map(lambda n: f"UPDATE squares SET name = zeroblob({n})"),
        st.just(
            "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, '\"name\" TEXT', "
            "'\"name\" TEXT COLLATE nosuch') WHERE name = 'squares'"
        ),
        st.just(
            "PRAGMA writable_schema = ON; "
            "UPDATE sqlite_master SET sql = 'CREATE TABLE squares (' WHERE name = 'squares'"
        ),
    )


@st.composite
def hostile_geopackages(draw) -> tuple[str, bytes]:
    """The valid GeoPackage given some schema tricks (none, at times)."""
    tricks = draw(st.lists(_gpkg_tricks(), max_size=3))
    with tempfile.TemporaryDirectory(prefix="site-fuzz-") as name:
        path = Path(name) / "site.gpkg"
        path.write_bytes(_valid_files()["gpkg"])
        connection = sqlite3.connect(path)
        try:
            for trick in tricks:
                with contextlib.suppress(sqlite3.Error):  # a trick the schema cannot take: the file stays as it was
                    connection.executescript(trick)
        finally:
            connection.close()
        return "site.gpkg", path.read_bytes()


# ---------------------------------------------------------------- KML and KMZ

_RING = "76.9,43.2 76.91,43.2 76.91,43.21 76.9,43.2"
_CONTAINERS = (
    "Document",
    "Folder",
    "Placemark",
    "MultiGeometry",
    "Polygon",
    "outerBoundaryIs",
    "innerBoundaryIs",
    "LinearRing",
    "LineString",
    "ExtendedData",
    "gx:Track",
    "Data",
)
_LEAVES = ("name", "description", "value", "gx:coord", "coordinates", "styleUrl")


def _coordinates_text() -> st.SearchStrategy[str]:
    number = st.one_of(
        st.floats(-200, 200, allow_nan=False).map(lambda x: f"{x:.6f}"),
        st.sampled_from(("76.9", "43.2", "0", "-0", "1e308", "nan", "inf", "", "x")),
    )
    position = st.lists(number, min_size=1, max_size=4).map(",".join)
    separator = st.sampled_from((" ", "\n", "\t", ", ", ",", "  "))
    piece = st.tuples(st.lists(position, max_size=8), separator).map(lambda t: t[1].join(t[0]))
    return st.one_of(st.just(_RING), st.tuples(piece, st.sampled_from((1, 2, 100))).map(lambda t: (t[0] + " ") * t[1]))


def _leaf() -> st.SearchStrategy[str]:
    text = st.one_of(
        st.text(max_size=40).map(lambda t: t.replace("&", "&amp;").replace("<", "&lt;")),
        st.sampled_from((10, 1000)).map(lambda n: "a" * n),
    )
    return st.one_of(
        st.tuples(st.sampled_from(_LEAVES), text).map(lambda t: f"<{t[0]}>{t[1]}</{t[0]}>"),
        _coordinates_text().map(lambda text: f"<coordinates>{text}</coordinates>"),
    )


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(st.sampled_from(_CONTAINERS), st.lists(children, max_size=4)).map(
        lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>"
    )


@st.composite
def hostile_kml(draw) -> tuple[str, bytes]:
    """A KML document (a KMZ at times) of random elements, random nesting (at times thousands deep) and random
    coordinates, often with one valid polygon among them."""
    body = draw(st.recursive(_leaf(), _element, max_leaves=12))
    depth = draw(st.sampled_from((0, 0, 3, 70, 5000)))
    body = "<Folder>" * depth + body + "</Folder>" * depth
    if draw(st.booleans()):
        body += (
            f"<Placemark><name>Yard</name><Polygon><outerBoundaryIs><LinearRing><coordinates>{_RING}"
            "</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>"
        )
    gx = b'<Document xmlns:gx="http://www.google.com/kml/ext/2.2">'
    document = kml_document(body.encode("utf-8", "surrogatepass")).replace(b"<Document>", gx, 1)
    if draw(st.booleans()):
        return "site.kmz", zip_of({"doc.kml": document})
    return "site.kml", document


# ---------------------------------------------------------------- zipped Shapefiles


@st.composite
def hostile_shapefiles(draw) -> tuple[str, bytes]:
    """The valid zipped Shapefile with some of its members' bytes overwritten (headers most of all), cut or left
    out."""
    with zipfile.ZipFile(io.BytesIO(_valid_files()["shapefile"])) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from(sorted(members)))
        data = bytearray(members[name])
        action = draw(st.sampled_from(("header", "anywhere", "cut", "drop")))
        if action == "drop":
            del members[name]
            if not members:
                break
            continue
        if action == "cut":
            members[name] = bytes(data[: draw(st.integers(0, len(data)))])
            continue
        limit = min(len(data), 108) if action == "header" else len(data)
        if limit:
            offset = draw(st.integers(0, limit - 1))
            patch = draw(st.binary(min_size=1, max_size=8) | st.sampled_from((b"\xff\xff\xff\x7f", b"\x00" * 4)))
            data[offset : offset + len(patch)] = patch
        members[name] = bytes(data)
    return "site.zip", zip_of(members)


# ---------------------------------------------------------------- all of them, damaged at times


@st.composite
def _damaged(draw, files: st.SearchStrategy[tuple[str, bytes]]) -> tuple[str, bytes]:
    name, data = draw(files)
    damage = draw(st.sampled_from(("none", "none", "cut", "bytes")))
    if damage == "cut" and data:
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif damage == "bytes" and data:
        changed = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            changed[draw(st.integers(0, len(changed) - 1))] = draw(st.integers(0, 255))
        data = bytes(changed)
    return name, data


def hostile_site_files() -> st.SearchStrategy[tuple[str, bytes]]:
    """(file name, bytes) of a hostile or damaged GeoPackage, KML, KMZ or zipped Shapefile, or a valid one."""
    return _damaged(st.one_of(hostile_geopackages(), hostile_kml(), hostile_shapefiles()))
