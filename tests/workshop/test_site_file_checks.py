"""Site files that would make SQLite compute or GDAL build far more than their size (issue 21) are refused before
GDAL opens them, with their code; the GeoPackages GDAL itself writes and KML at the caps are still read."""

from __future__ import annotations

import numpy
import pyogrio
import pyogrio.raw
import pytest
import shapely

from cowork.errors import CoworkError

from ..site_files import (
    COSTLY,
    PARK_FEATURE,
    collection,
    costly_default_gpkg,
    crowded_shapefile_zip,
    deep_kml,
    entities_kmz,
    generated_column_gpkg,
    gpkg_altered,
    hostile_trigger_gpkg,
    huge_coordinates_kmz,
    huge_description_kmz,
    kml_document,
    many_elements_kml,
    placemark,
    shapefile_members,
    shapefile_zip,
    sqlite_altered,
    streamed_kmz,
    write_geojson,
    zip_of,
)
from .test_site_files import code_of, parse


@pytest.fixture
def gdal_never_opens(monkeypatch):
    """GDAL's entry points as the reader calls them, made to fail the test: the file must be refused before."""

    def opened(*args, **kwargs):
        raise AssertionError("GDAL opened the file")

    for module, name in ((pyogrio, "read_info"), (pyogrio, "list_layers"), (pyogrio.raw, "read")):
        monkeypatch.setattr(module, name, opened)


def hostile_files(folder) -> dict[str, tuple[str, bytes, str]]:
    """Files that make SQLite compute or GDAL build far more than their size (issue 21): (name, bytes, code)."""
    (folder / "text").mkdir()
    return {
        "a generated column (the probe)": ("probe.gpkg", generated_column_gpkg(folder), "unsupported_format"),
        "a generated TEXT column": (
            "text.gpkg",
            generated_column_gpkg(folder / "text", text=True),
            "unsupported_format",
        ),
        "a costly default": ("default.gpkg", costly_default_gpkg(folder / "text"), "unsupported_format"),
        "a trigger of its own": ("trigger.gpkg", hostile_trigger_gpkg(folder / "text"), "unsupported_format"),
        "63 MB of coordinates in a 64 KB KMZ (the probe)": ("probe.kmz", huge_coordinates_kmz(), "too_large"),
        "a 60 MB description in a KMZ": ("described.kmz", huge_description_kmz(), "too_large"),
        "Folders 5,000 deep": ("deep.kml", deep_kml(), "too_large"),
        "300,000 elements": ("many.kml", many_elements_kml(), "too_large"),
        "a KMZ declaring entities": ("laughs.kmz", entities_kmz(), "unsupported_format"),
    }


def test_files_that_make_gdal_compute_or_build_too_much_are_refused_before_it_opens_them(tmp_path, gdal_never_opens):
    for label, (filename, data, code) in hostile_files(tmp_path).items():
        assert code_of(filename, data) == code, label


def test_the_refusals_say_what_and_where(tmp_path):
    (tmp_path / "a").mkdir()

    def message_of(filename: str, data: bytes) -> str:
        with pytest.raises(CoworkError) as refused:
            parse(filename, data)
        return refused.value.message

    generated = message_of("g.gpkg", generated_column_gpkg(tmp_path))
    assert "generated" in generated and "'squares'.'cost'" in generated
    trigger = message_of("t.gpkg", hostile_trigger_gpkg(tmp_path / "a"))
    assert "squares_touch" in trigger
    probe = message_of("c.kmz", huge_coordinates_kmz())
    assert "500000 positions" in probe


def test_more_geopackage_schemas_that_compute_on_read_are_refused(tmp_path, gdal_never_opens):
    base = gpkg_altered(tmp_path, rows=2)

    def altered(*statements: str) -> bytes:
        path = tmp_path / "altered.gpkg"
        path.write_bytes(base)
        return sqlite_altered(path, *statements)

    stored_generated = "ALTER TABLE squares ADD COLUMN twice INTEGER GENERATED ALWAYS AS (fid * 2) VIRTUAL"
    assert code_of("g.gpkg", altered(stored_generated)) == "unsupported_format"
    assert code_of("v.gpkg", altered("CREATE VIEW everything AS SELECT * FROM squares")) == "unsupported_format"
    fts = "CREATE VIRTUAL TABLE notes USING fts4(body)"
    assert code_of("f.gpkg", altered(fts)) == "unsupported_format"
    # Named as the standard's R-tree trigger is, but on another table than its name says.
    misplaced = f"CREATE TRIGGER rtree_other_geom_insert AFTER INSERT ON squares BEGIN SELECT {COSTLY}; END"
    assert code_of("m.gpkg", altered(misplaced)) == "unsupported_format"
    long_default = "ALTER TABLE squares ADD COLUMN note TEXT DEFAULT '" + "x" * 100_000 + "'"
    assert code_of("d.gpkg", altered(long_default)) == "too_large"
    columns = ", ".join(f"c{i} INTEGER" for i in range(600))
    assert code_of("c.gpkg", altered(f"CREATE TABLE wide ({columns})")) == "too_large"
    tables = [f"CREATE TABLE t{i} (x)" for i in range(1000)]
    assert code_of("t.gpkg", altered(*tables)) == "too_large"


def test_geopackages_gdal_writes_are_still_read(tmp_path):
    # ogr2ogr (the gdal-bin of the machine), with plain defaults added the way ALTER TABLE allows.
    plain = gpkg_altered(
        tmp_path,
        "ALTER TABLE squares ADD COLUMN kind TEXT DEFAULT 'yard'",
        "ALTER TABLE squares ADD COLUMN level REAL DEFAULT -1.5e3",
        rows=3,
    )
    assert len(parse("plain.gpkg", plain).candidates) == 3
    # pyogrio's own GDAL (another version, with its newer R-tree triggers), with a date field and metadata.
    path = tmp_path / "written.gpkg"
    pyogrio.raw.write(
        path,
        numpy.array([shapely.to_wkb(shapely.box(76.9, 43.2, 76.91, 43.21))], dtype=object),
        [numpy.array(["Yard"], dtype=object), numpy.array([numpy.datetime64("2024-05-01T10:00:00")])],
        ["name", "surveyed"],
        geometry_type="Polygon",
        crs="EPSG:4326",
        driver="GPKG",
        layer="sites",
        layer_metadata={"source": "survey"},
    )
    assert parse("written.gpkg", path.read_bytes()).name == "Yard"


def test_kml_at_its_caps_is_read_and_past_them_refused():
    ring = b"76.9,43.2 76.91,43.2 76.91,43.21 76.9,43.2"
    # Positions told by libkml's own rule: three numbers a position, or fewer before white space.
    triples = b"76.9,43.2,0,76.91,43.2,0,76.91,43.21,0,76.9,43.2,0"
    assert parse("t.kml", kml_document(placemark(triples))).area_m2 > 0
    filler = b"76.9,43.2 " * 499_990
    # At the caps GDAL reads it; its half a million vertices (the filler repeats a corner) are then simplified to
    # what a site may have.
    full = parse("full.kml", kml_document(placemark(ring[:-9] + b" " + filler + ring[-9:])))
    assert full.candidates[0].simplified_m is not None
    assert code_of("over.kml", kml_document(placemark(ring + b" " + filler + b"0,0 " * 20))) == "too_large"
    one_token = b",".join([b"0"] * 1_600_000)  # no white space at all: still counted
    assert code_of("token.kml", kml_document(placemark(one_token))) == "too_large"
    # gx:coord of a gx:Track counts a position each; white space padding a <coordinates> counts as its bytes.
    track = (
        b'<Placemark><gx:Track xmlns:gx="http://www.google.com/kml/ext/2.2">' + b"<gx:coord>1 2 3</gx:coord>" * 150_000
    )
    tracked = kml_document(track + b"</gx:Track></Placemark>" + placemark(ring + b" " + b"0,0 " * 400_000))
    assert code_of("track.kml", tracked) == "too_large"
    padded = streamed_kmz(
        (kml_document(placemark(ring + b"\x00")).split(b"\x00")[0], 1),
        (b" ", 9 << 20),
        (b"</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>", 1),
    )
    assert code_of("padded.kmz", padded) == "too_large"
    # Just under the caps: a description of 1 MB less a byte, 45 Folders deep (libkml makes each a layer).
    assert parse("d.kml", kml_document(placemark(extra=b"<description>" + b"a" * 1_000_000 + b"</description>")))
    assert parse("deep.kml", deep_kml(45)).name == "Yard"
    assert code_of("folders.kml", kml_document(b"<Folder/>" * 60 + placemark())) == "too_large"
    assert code_of("broken.kmz", zip_of({"doc.kml": b"<kml><Document><Placemark></kml>"})) == "unsupported_format"


def test_a_geopackage_table_without_geometry_is_no_site_and_no_crash(tmp_path):
    # Found by the fuzzing test: pyogrio gives no geometries for a plain table, which GDAL lists as a layer.
    with_table = gpkg_altered(tmp_path, "CREATE TABLE notes (x)", rows=2)
    assert len(parse("notes.gpkg", with_table).candidates) == 2
    attributes = tmp_path / "attributes.gpkg"
    attributes.write_bytes(with_table)
    assert code_of("a.gpkg", sqlite_altered(attributes, "UPDATE gpkg_contents SET data_type = 'attributes'")) == (
        "no_polygon"
    )


def test_a_shapefile_whose_headers_pass_the_caps_is_refused_before_gdal(tmp_path, gdal_never_opens):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert code_of("records.zip", crowded_shapefile_zip(tmp_path, records=10_000_000)) == "too_large"
    assert code_of("fields.zip", crowded_shapefile_zip(tmp_path / "a", fields=2000)) == "too_large"
    many = crowded_shapefile_zip(tmp_path / "b", points=600_000)
    assert len(many) < 10 * 1024 * 1024 and code_of("points.zip", many) == "too_large"


def test_a_geopackage_schema_that_is_not_utf8_is_refused(tmp_path):
    # Found by the fuzzing test: SQLite's complaint names the damaged entry, which Python decodes strictly.
    broken = gpkg_altered(
        tmp_path,
        "CREATE TABLE notes (x)",
        "PRAGMA writable_schema = ON",
        "UPDATE sqlite_master SET name = 'n' || CAST(X'80' AS TEXT), tbl_name = 'other' WHERE name = 'notes'",
        rows=2,
    )
    assert code_of("broken.gpkg", broken) == "unsupported_format"


def test_a_shapefile_prj_that_is_not_text_is_refused(tmp_path):
    # Found by the fuzzing test: pyogrio's reading of a CRS that is not UTF-8 fails with an UnboundLocalError.
    members = shapefile_members(shapefile_zip(write_geojson(tmp_path, "park", collection(PARK_FEATURE)), tmp_path))
    members["park.prj"] = members["park.prj"].replace(b"WGS", b"W\xffS", 1)
    assert code_of("park.zip", zip_of(members)) == "unsupported_format"
