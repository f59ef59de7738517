"""OGC API – Features at /ogcapi over a real server, on both databases: every document's shape and links, JSON with
no Accept header, limit, bbox, datetime, paging, filters, the 400 and 404 rules, and what is (never) published."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
import requests
import shapely
from shapely.geometry import shape

from cowork.opendata.ogcapi.documents import CONFORMANCE, CRS84
from cowork.opendata.service import COLLECTIONS
from cowork.workshop.payloads import DesignCreate, ElementAdd, Join, PhaseSet, WorkshopCreate

from ..support import TREE, YARDS
from .world import OpenCity, open_city

GEOJSON = "application/geo+json"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
GROVE = 12  # trees of the second published workshop: more sketches than a default page


@dataclass
class City:
    """The open city served: its base URL (of /ogcapi), what was built, and the grove's workshop."""

    base: str
    world: OpenCity
    grove: str
    grove_trees: list[str]


def grove(cowork) -> tuple[str, list[str]]:
    """A second closed workshop on the yards, with a dozen trees."""
    created = cowork.workshops.create(WorkshopCreate("Grove", "Yards", YARDS))
    facilitator = cowork.access.participant(created["facilitator_token"])
    planter = cowork.access.participant(cowork.workshops.join(Join(created["join_code"], "Planter Q"))["token"])
    design = cowork.sketches.create_design(planter, DesignCreate("Grove", str(uuid.uuid4()))).reply["design"]["id"]
    inside = shape(YARDS).representative_point()
    trees = []
    for index in range(GROVE):
        trees.append(str(uuid.uuid4()))
        point = {"type": "Point", "coordinates": [inside.x + index * 1e-6, inside.y]}
        cowork.sketches.add_element(planter, ElementAdd(trees[-1], design, "tree", point, ""))
    cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))
    return created["id"], trees


@pytest.fixture
def city(cowork, server) -> City:
    world = open_city(cowork)
    grove_id, trees = grove(cowork)
    return City(f"{server}/ogcapi", world, grove_id, trees)


def get(url: str, **params) -> requests.Response:
    """A GET as a GIS sends it: no Accept header at all."""
    return requests.get(url, params=params, headers={"Accept": None}, timeout=30)


def ok(url: str, media: str = "application/json", **params) -> dict:
    response = get(url, **params)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].split(";")[0] == media.split(";")[0], response.headers["Content-Type"]
    return response.json()


def refused(url: str, status: int = 400, **params) -> str:
    """The message of a refusal, after checking it is our one error envelope with the status's code."""
    response = get(url, **params)
    assert response.status_code == status, (url, params, response.status_code, response.text[:300])
    error = response.json()["error"]
    assert error["code"] == {400: "invalid", 404: "not_found"}[status] and error["message"]
    return error["message"]


def links_of(document: dict, base: str) -> dict[str, dict]:
    """A document's links by relation, each checked: absolute on this server, with rel and type."""
    for link in document["links"]:
        assert link["rel"] and link["type"] and link["href"].startswith(base), link
    return {link["rel"]: link for link in document["links"]}


def every_feature(city: City, collection: str, **params) -> list[dict]:
    return ok(f"{city.base}/collections/{collection}/items", GEOJSON, limit=10000, **params)["features"]


def test_the_landing_page_links_the_definition_the_docs_conformance_and_data(city):
    for url in (city.base, city.base + "/"):
        page = ok(url)
        assert page["title"] and page["description"]
        links = links_of(page, city.base)
        assert links["self"]["type"] == "application/json"
        assert links["service-desc"] == {**links["service-desc"], "type": OPENAPI, "href": f"{city.base}/api"}
        assert links["service-doc"]["type"] == "text/html"
        assert links["conformance"]["href"] == f"{city.base}/conformance"
        assert links["data"]["href"] == f"{city.base}/collections" and links["data"]["type"] == "application/json"
        for rel in ("service-desc", "service-doc", "conformance", "data"):
            assert get(links[rel]["href"]).status_code == 200, rel
    assert set(ok(f"{city.base}/conformance")["conformsTo"]) == set(CONFORMANCE)
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in CONFORMANCE
    definition = get(f"{city.base}/api")
    assert definition.headers["Content-Type"] == OPENAPI and definition.json()["openapi"].startswith("3.0")


def test_collections_describe_each_collection_with_its_extent_and_items_link(city):
    listing = ok(f"{city.base}/collections")
    assert links_of(listing, city.base)["self"]["href"] == f"{city.base}/collections"
    assert [c["id"] for c in listing["collections"]] == list(COLLECTIONS)
    for described in listing["collections"]:
        info = COLLECTIONS[described["id"]]
        assert described["title"] == info.title and described["description"] == info.description
        assert described["itemType"] == "feature" and described["crs"] == [CRS84] and described["storageCrs"] == CRS84
        (box,) = described["extent"]["spatial"]["bbox"]
        assert len(box) == 4 and box[0] <= box[2] and box[1] <= box[3]
        assert len(described["extent"]["temporal"]["interval"][0]) == 2
        links = links_of(described, city.base)
        assert links["items"]["type"] == GEOJSON and links["self"]["type"] == "application/json"
        # The collection's own document says the same (/req/core/sfc-md-success).
        assert ok(links["self"]["href"]) == described
        # Its fields, typed and in order, for GDAL and QGIS (which type columns from a JSON Schema it links).
        assert (
            links["describedby"]["href"] == links["describedBy"]["href"] == f"{city.base}/collections/{info.id}/schema"
        )
        fields = ok(links["describedby"]["href"], "application/schema+json")["properties"]["properties"]["properties"]
        assert list(fields) == [field.name for field in info.fields]
        assert {fields[f.name].get("format", fields[f.name]["type"]) for f in info.fields if f.type == "datetime"} <= {
            "date-time"
        }
        features = every_feature(city, described["id"])
        assert features, f"the city has {described['id']}"
        everything = shapely.total_bounds([shape(f["geometry"]) for f in features])
        assert (
            box[0] <= everything[0] and box[1] <= everything[1] and box[2] >= everything[2] and box[3] >= everything[3]
        )


def test_limit_is_ten_by_default_clamped_above_the_maximum_and_refused_when_not_a_whole_number(city):
    items = f"{city.base}/collections/sketches/items"
    page = ok(items, GEOJSON)
    assert page["type"] == "FeatureCollection" and page["numberReturned"] == len(page["features"]) == 10
    assert page["numberMatched"] == 4 + GROVE and page["timeStamp"].endswith("Z")
    clamped = ok(items, GEOJSON, limit=20000)
    assert clamped["numberReturned"] == 4 + GROVE and "limit=10000" in links_of(clamped, city.base)["self"]["href"]
    for bad in ("unlimited", "1.5", "0", "-1", "", "ten", "1e3"):
        assert "limit" in refused(items, limit=bad)
    assert "given 2 times" in refused(f"{items}?limit=1&limit=2")


def test_paging_follows_next_and_prev_links_across_every_feature(city):
    page = ok(f"{city.base}/collections/sketches/items", GEOJSON, limit=5)
    seen, pages = [], []
    while True:
        links = links_of(page, city.base)
        assert page["numberMatched"] == 4 + GROVE and links["self"]["type"] == GEOJSON
        assert links["collection"]["href"] == f"{city.base}/collections/sketches"
        pages.append(page)
        seen += [f["id"] for f in page["features"]]
        if "next" not in links:
            break
        assert links["next"]["type"] == GEOJSON
        page = ok(links["next"]["href"], GEOJSON)
    assert [p["numberReturned"] for p in pages] == [5, 5, 5, 1]
    assert sorted(seen) == sorted(f["id"] for f in every_feature(city, "sketches")) and len(set(seen)) == len(seen)
    assert "prev" not in links_of(pages[0], city.base)
    # `next` pages by keyset; a page a client reached by offset links back to the one before it.
    assert all("after=" in links_of(p, city.base)["next"]["href"] for p in pages[:-1])
    third = ok(f"{city.base}/collections/sketches/items", GEOJSON, limit=5, offset=10)
    assert [f["id"] for f in third["features"]] == [f["id"] for f in pages[2]["features"]]
    back = ok(links_of(third, city.base)["prev"]["href"], GEOJSON)
    assert [f["id"] for f in back["features"]] == [f["id"] for f in pages[1]["features"]]


def test_paging_keeps_the_selection(city):
    page = ok(f"{city.base}/collections/sketches/items", GEOJSON, limit=5, workshop_id=city.grove)
    following = ok(links_of(page, city.base)["next"]["href"], GEOJSON)
    assert page["numberMatched"] == following["numberMatched"] == GROVE
    assert {f["properties"]["workshop_id"] for f in page["features"] + following["features"]} == {city.grove}


def test_bbox_keeps_the_features_whose_geometry_meets_the_box(city):
    everything = every_feature(city, "sketches")
    for box in ((76.9519, 43.2603, 76.9521, 43.2605), (76.95, 43.25, 76.96, 43.27), (0, 0, 1, 1)):
        expected = {f["id"] for f in everything if shape(f["geometry"]).intersects(shapely.box(*box))}
        found = ok(f"{city.base}/collections/sketches/items", GEOJSON, limit=10000, bbox=",".join(map(str, box)))
        assert {f["id"] for f in found["features"]} == expected and found["numberMatched"] == len(expected)
    assert {f["id"] for f in every_feature(city, "sketches", bbox="76.9519,43.2603,-10,76.9521,43.2605,10")} == {
        f["id"] for f in everything if shape(f["geometry"]).intersects(shapely.box(76.9519, 43.2603, 76.9521, 43.2605))
    }
    assert TREE["coordinates"] == [76.9520, 43.2604]  # the box around it above holds the tree
    items = f"{city.base}/collections/sketches/items"
    for bad in ("1,2,3", "a,b,c,d", "0,0,1,1,2", "0,95,1,96", "0,1,1,0", "nan,0,1,1", "10,0,5,1"):
        assert "bbox" in refused(items, bbox=bad)


def test_datetime_takes_instants_intervals_and_open_ends(city):
    built = every_feature(city, "as_built")
    assert {f["properties"]["visit_date"] for f in built} == {"2027-05-10"}
    items = f"{city.base}/collections/as_built/items"

    def matched(value: str) -> int:
        return ok(items, GEOJSON, datetime=value)["numberMatched"]

    assert matched("2027-05-10T12:00:00Z") == matched("2027-05-10") == len(built) == 2
    assert matched("2027-05-10T14:00:00+05:00") == 2  # an offset is a moment in UTC too
    assert matched("2027-05-11T00:00:01Z") == matched("2027-05-09T23:59:59Z") == 0
    assert matched("2027-05-01T00:00:00Z/2027-05-31T00:00:00Z") == matched("2027-05-01T00:00:00Z/..") == 2
    assert (
        matched("../2027-05-31T00:00:00Z") == matched("/2027-05-31T00:00:00Z") == matched("2027-05-01T00:00:00Z/") == 2
    )
    assert matched("2027-06-01T00:00:00Z/..") == matched("../2027-05-01T00:00:00Z") == 0
    assert matched("../9999-12-31") == matched("0001-01-01/..") == 2  # the calendar's ends are open ends too
    for bad in (
        "yesterday",
        "2027-05-10T12:00:00",
        "2027-13-01",
        "../..",
        "2027-06-01T00:00:00Z/2027-05-01T00:00:00Z",
        "2027-05-01T00:00:00Z/2027-05-02T00:00:00Z/2027-05-03T00:00:00Z",
        "",
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:00:00-05:00",
        "2027-05-10T25:00:00Z",
    ):
        assert "datetime" in refused(items, datetime=bad)


def test_filters_by_workshop_and_project_where_the_collection_has_them(city):
    world = city.world
    assert {f["id"] for f in every_feature(city, "sketches", workshop_id=city.grove)} == set(city.grove_trees)
    assert len(every_feature(city, "sketches", workshop_id=world.published)) == 4
    assert [f["id"] for f in every_feature(city, "sites", workshop_id=world.published)] == [world.published]
    for collection in ("projects", "plans", "as_built"):
        by_project = every_feature(city, collection, project_id=world.project_id)
        assert by_project and by_project == every_feature(city, collection, workshop_id=world.published)
        assert every_feature(city, collection, project_id=str(uuid.uuid4())) == []
    assert every_feature(city, "sketches", workshop_id=world.withheld) == []
    assert "project_id" in refused(f"{city.base}/collections/sites/items", project_id=world.project_id)
    assert "UUID" in refused(f"{city.base}/collections/sketches/items", workshop_id="panfilov")


def test_unknown_parameters_are_refused_everywhere(city):
    for path in (
        "",
        "/",
        "/conformance",
        "/api",
        "/collections",
        "/collections/sites",
        "/collections/sites/schema",
        "/collections/sites/items",
        f"/collections/sites/items/{city.world.published}",
    ):
        assert "Unknown query parameter 'colour'" in refused(city.base + path, colour="green")


def test_unknown_collections_and_features_are_404(city):
    assert refused(f"{city.base}/collections/trees", 404) == "No such collection."
    assert refused(f"{city.base}/collections/trees/items", 404) == "No such collection."
    assert refused(f"{city.base}/collections/trees/schema", 404) == "No such collection."
    assert refused(f"{city.base}/collections/sites/items/{uuid.uuid4()}", 404) == "No such feature."
    refused(f"{city.base}/collections/sites/items/%00nul", 404)
    refused(f"{city.base}/collections/sites/items/{'a' * 300}", 404)
    refused(f"{city.base}/nothing/here", 404)


def test_each_feature_is_served_at_its_id_with_its_links(city):
    for collection in COLLECTIONS:
        listed = every_feature(city, collection)
        for expected in listed[:3]:
            url = f"{city.base}/collections/{collection}/items/{expected['id']}"
            response = get(url)
            assert response.status_code == 200 and response.headers["Content-Type"] == GEOJSON
            assert response.headers["Content-Crs"] == f"<{CRS84}>"
            found = response.json()
            assert found["id"] == expected["id"] and found["type"] == "Feature"
            links = links_of(found, city.base)
            assert links["self"]["href"] == url and links["self"]["type"] == GEOJSON
            assert links["collection"]["href"] == f"{city.base}/collections/{collection}"
            assert {k: v for k, v in found.items() if k != "links"} == expected
            assert list(found["properties"]) == [field.name for field in COLLECTIONS[collection].fields]


def test_only_published_workshops_and_no_hidden_item_appear(city):
    world = city.world
    assert [f["id"] for f in every_feature(city, "sites")] == [world.published, city.grove]
    sketches = {f["id"] for f in every_feature(city, "sketches")}
    assert sketches == {world.elements[k] for k in ("tree", "path", "green_area", "bench")} | set(city.grove_trees)
    for never in (world.hidden_element_id, world.elements["spam"], world.withheld_element_id, world.running_element_id):
        assert never not in sketches
        refused(f"{city.base}/collections/sketches/items/{never}", 404)
    for workshop in (world.withheld, world.running):
        refused(f"{city.base}/collections/sites/items/{workshop}", 404)
    # The adopted project appears whatever its workshop's open_data says.
    assert [f["id"] for f in every_feature(city, "projects")] == [world.project_id]
    counts = {c["id"]: c for c in ok(f"{city.base}/collections")["collections"]}
    assert counts.keys() == set(COLLECTIONS)


def test_no_name_token_key_or_code_is_in_any_answer(city):
    world = city.world
    bodies = [get(city.base + path).text for path in ("", "/conformance", "/api", "/api.html", "/collections")]
    for collection in COLLECTIONS:
        page = get(f"{city.base}/collections/{collection}/items", limit=10000)
        bodies += [get(f"{city.base}/collections/{collection}").text, page.text]
        bodies += [get(f"{city.base}/collections/{collection}/items/{f['id']}").text for f in page.json()["features"]]
    text = "\n".join(bodies)
    assert world.names and world.secrets and "Planter Q" not in text
    for secret in [*world.names, *world.secrets]:
        assert secret not in text, f"{secret!r} is published"


def test_an_empty_city_has_empty_collections_that_still_describe_themselves(server):
    base = f"{server}/ogcapi"
    for described in ok(f"{base}/collections")["collections"]:
        assert described["extent"]["spatial"]["bbox"] == [[-180.0, -90.0, 180.0, 90.0]]
        assert described["extent"]["temporal"]["interval"] == [[None, None]]
        page = ok(f"{base}/collections/{described['id']}/items", GEOJSON)
        assert page["features"] == [] and page["numberMatched"] == page["numberReturned"] == 0
        assert {link["rel"] for link in page["links"]} == {"self", "collection"}
