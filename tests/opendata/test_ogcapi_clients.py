"""Clients of OGC API – Features that nobody here wrote read /ogcapi on a live server: OWSLib's `Features`, GDAL's
OAPIF driver (`ogrinfo`, `ogr2ogr` from gdal-bin) and, through the GeoPackage GDAL writes, pyogrio; and schemathesis
holds the live server to the OGC definition (`GET /ogcapi/api`)."""

from __future__ import annotations

import itertools
import re
import subprocess
from dataclasses import dataclass

import hypothesis
import pytest
import requests
import schemathesis
from owslib.ogcapi.features import Features
from pyogrio import list_layers
from pyogrio.raw import read

from cowork.opendata.ogcapi.openapi import definition
from cowork.opendata.service import COLLECTIONS

from ..fuzzing import live_app
from ..openapi.test_openapi import CHECKS
from .test_ogcapi import GROVE, grove
from .world import OpenCity, open_city


@dataclass
class Served:
    """The open city on a live server: the URL of /ogcapi, what was built, every feature's id by collection."""

    url: str
    world: OpenCity
    ids: dict[str, list[str]]


@pytest.fixture(scope="module")
def served(tmp_path_factory, migrated_sqlite):
    """One server for the module's clients (GDAL and OWSLib only read), with a limit per address that the module's
    few hundred requests within a minute do not reach (tests/opendata/test_ogcapi_serving.py checks the limit)."""
    with live_app(tmp_path_factory.mktemp("ogcapi"), migrated_sqlite, LIMIT_OGCAPI="100000/minute") as (app, base):
        cowork = app.extensions["cowork"]
        world = open_city(cowork)
        grove(cowork)
        ids = {cid: [f["id"] for f in cowork.opendata.features(cid).features] for cid in COLLECTIONS}
        yield Served(f"{base}/ogcapi", world, ids)


def gdal(*args: str) -> str:
    """Run a GDAL command line tool; its standard output (it must succeed)."""
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_owslib_lists_the_collections_and_reads_items_with_bbox_and_paging(served):
    api = Features(served.url)
    assert [c["id"] for c in api.collections()["collections"]] == list(COLLECTIONS)
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in api.conformance()["conformsTo"]
    assert api.collection("sketches")["itemType"] == "feature"
    park = api.collection_items("sketches", bbox=[76.95, 43.25, 76.96, 43.27], limit=100)
    assert {f["properties"]["workshop_id"] for f in park["features"]} == {served.world.published}
    assert park["numberMatched"] == park["numberReturned"] == 4
    first, second = (api.collection_items("sketches", limit=5, offset=offset) for offset in (0, 5))
    assert first["numberMatched"] == 4 + GROVE and first["numberReturned"] == second["numberReturned"] == 5
    assert [f["id"] for f in first["features"] + second["features"]] == served.ids["sketches"][:10]
    assert api.collection_item("sites", served.world.published)["id"] == served.world.published


def layer_summaries(output: str) -> dict[str, dict[str, str]]:
    """`ogrinfo -so -al` output as {layer: {"Geometry": ..., "Feature Count": ...}}."""
    layers = {}
    for block in re.split(r"\n(?=Layer name: )", output)[1:]:
        name = re.match(r"Layer name: (\S+)", block).group(1)
        layers[name] = dict(re.findall(r"^(Geometry|Feature Count|Extent): (.+)$", block, re.M))
    return layers


def test_ogrinfo_lists_every_collection_as_a_layer_with_its_feature_count(served):
    listing = gdal("ogrinfo", "-ro", "-so", f"OAPIF:{served.url}")
    assert re.findall(r"^\d+: (\S+) \(title: ", listing, re.M) == list(COLLECTIONS)
    summaries = layer_summaries(gdal("ogrinfo", "-ro", "-so", "-al", f"OAPIF:{served.url}"))
    assert list(summaries) == list(COLLECTIONS)
    for collection, summary in summaries.items():
        assert int(summary["Feature Count"]) == len(served.ids[collection]) > 0, collection
        assert summary["Extent"].startswith("(76.9"), summary  # the collection's bbox: Almaty


# How GDAL types each kind of field it reads from the schema a collection links.
OGR_TYPE = {
    "string": "String",
    "integer": "Integer",
    "number": "Real",
    "boolean": "Integer(Boolean)",
    "datetime": "DateTime",
    "date": "Date",
}


def test_ogrinfo_types_every_field_from_the_collections_schema(served):
    output = gdal("ogrinfo", "-ro", "-so", "-al", f"OAPIF:{served.url}")
    for block in re.split(r"\n(?=Layer name: )", output)[1:]:
        collection = re.match(r"Layer name: (\S+)", block).group(1)
        typed = re.findall(r"^([a-z][a-z0-9_]*): ([\w()]+) \(", block, re.M)  # fields are lower case
        expected = [("id", "String")] + [(f.name, OGR_TYPE[f.type]) for f in COLLECTIONS[collection].fields]
        assert typed == expected, collection


def test_ogrinfo_pages_through_a_collection_by_its_next_links(served):
    # Pages of 3: GDAL must follow `next` five times to see all 16 sketches.
    output = gdal("ogrinfo", "-ro", "-al", "-oo", "PAGE_SIZE=3", f"OAPIF:{served.url}", "sketches")
    assert len(re.findall(r"^OGRFeature\(sketches\):", output, re.M)) == len(served.ids["sketches"]) == 4 + GROVE
    assert set(re.findall(r"^  id \(String\) = (\S+)$", output, re.M)) == set(served.ids["sketches"])


def test_ogr2ogr_copies_a_collection_into_a_geopackage(served, tmp_path):
    target = tmp_path / "sketches.gpkg"
    gdal("ogr2ogr", "-f", "GPKG", str(target), f"OAPIF:{served.url}", "sketches")
    assert [name for name, _geometry in list_layers(target)] == ["sketches"]
    meta, _fids, geometries, columns = read(target, layer="sketches")
    fields = dict(zip(meta["fields"], columns, strict=True))
    assert len(geometries) == len(served.ids["sketches"]) and all(g is not None for g in geometries)
    assert sorted(fields["id"]) == sorted(served.ids["sketches"])
    assert {"kind", "design_title", "design_votes", "workshop_id"} <= set(fields)
    assert set(fields["kind"]) == {"tree", "path", "green_area", "bench"}
    assert "Green heart" in set(fields["design_title"])


schema = schemathesis.openapi.from_dict(definition("http://127.0.0.1/"))
_turns = itertools.count()


@schema.parametrize()
@hypothesis.settings(
    max_examples=30, derandomize=True, database=None, deadline=None, suppress_health_check=list(hypothesis.HealthCheck)
)
def test_the_live_server_keeps_to_the_ogc_definition(case, served):
    # Every other case asks for a real feature of its collection, so that 200s are checked too, not only 404s.
    parameters = case.path_parameters or {}
    if "featureId" in parameters and parameters.get("collectionId") in served.ids and next(_turns) % 2 == 0:
        parameters["featureId"] = served.ids[parameters["collectionId"]][0]
    case.call_and_validate(base_url=served.url.removesuffix("/ogcapi"), checks=CHECKS, timeout=60)


def test_the_definition_is_the_one_the_landing_page_links(served):
    linked = next(
        link for link in requests.get(served.url, timeout=10).json()["links"] if link["rel"] == "service-desc"
    )
    served_definition = requests.get(linked["href"], timeout=10).json()
    host = served.url.removesuffix("ogcapi")
    assert served_definition == definition(host)
    assert all(path.startswith("/ogcapi") for path in served_definition["paths"])
    limit = next(
        p
        for p in served_definition["paths"]["/ogcapi/collections/{collectionId}/items"]["get"]["parameters"]
        if p.get("name") == "limit"
    )
    assert limit["schema"] == {"type": "integer", "minimum": 1, "maximum": 10000, "default": 10}
