"""The OpenAPI document lists exactly the routes Flask has, and the live server keeps to it under schemathesis:
no 5xx, and every answer's status, content type and body as documented."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import hypothesis
import pytest
import requests
import schemathesis
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from cowork.core import props
from cowork.openapi.document import document

from ..builders import supervised_workshop
from ..fuzzing import live_app
from ..mbtiles import build_mbtiles

# Methods Flask answers by itself for every route.
IMPLICIT_METHODS = {"HEAD", "OPTIONS"}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def flask_routes(app) -> set[tuple[str, str]]:
    """Every (OpenAPI path, method) the app routes: `<id:workshop_id>` written `{workshop_id}`."""
    routes = set()
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<(?:[a-z]+:)?([A-Za-z_]+)>", r"{\1}", rule.rule)
        routes |= {(path, method.lower()) for method in rule.methods - IMPLICIT_METHODS}
    return routes


def documented_routes() -> set[tuple[str, str]]:
    """Every (path, method) of the document."""
    return {(path, method) for path, operations in document()["paths"].items() for method in operations}


def test_the_document_lists_exactly_the_routes_flask_has(app):
    routes = flask_routes(app)
    assert {path for path, _method in routes if path.startswith("/api/")} <= {
        path for path, _method in documented_routes()
    }
    assert sorted(routes - documented_routes()) == [], "routes missing from cowork/openapi/paths/"
    assert sorted(documented_routes() - routes) == [], "documented routes that Flask does not have"


def test_every_uuid_parameter_is_a_route_converter_too(app):
    converters = {rule.rule: rule._converters for rule in app.url_map.iter_rules()}
    for rule, by_name in converters.items():
        for name, converter in by_name.items():
            documented_as_uuid = name.endswith("_id")
            assert (type(converter).__name__ == "IdConverter") == documented_as_uuid, (rule, name)


def test_the_document_is_served_as_json(server):
    response = requests.get(f"{server}/api/openapi.json", timeout=10)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("application/json")
    assert response.json() == document()


def test_every_operation_has_an_id_a_summary_and_its_refusals_documented():
    for path, operations in document()["paths"].items():
        for method, operation in operations.items():
            assert operation["operationId"] and operation["summary"], (method, path)
            if path.startswith("/api/") and "{" in path:
                assert "404" in operation["responses"], (method, path)


# How props.for_browser's field types read as JSON Schema.
PROP_TYPES = {"text": "string", "integer": "integer", "number": "number", "choice": "string", "boolean": "boolean"}


def test_props_are_described_from_the_props_table_wherever_they_travel():
    components = document()["components"]["schemas"]
    by_kind = {entry["title"]: entry for entry in components["Props"]["anyOf"]}
    assert list(by_kind) == list(props.PROPS)
    for kind, fields in props.for_browser().items():
        assert by_kind[kind]["additionalProperties"] is False and "required" not in by_kind[kind], kind
        described = by_kind[kind]["properties"]
        assert list(described) == list(fields), kind
        for name, field in fields.items():
            schema = described[name]
            assert schema["type"] == PROP_TYPES[field["type"]], (kind, name)
            assert (
                schema.get("maxLength"),
                schema.get("minimum"),
                schema.get("maximum"),
                schema.get("enum"),
                schema.get("default"),
            ) == (
                field.get("max_length"),
                field.get("minimum"),
                field.get("maximum"),
                field.get("options"),
                field.get("default"),
            ), (kind, name)
    assert components["PlanElement"]["properties"]["props"] == {"$ref": "#/components/schemas/Props"}
    assert components["PlanElement"]["properties"]["as_built_props"]["anyOf"] == components["Props"]["anyOf"]
    assert components["Observation"]["properties"]["props"]["anyOf"] == components["Props"]["anyOf"]
    assert components["Visit"]["properties"]["observations"]["items"] == {"$ref": "#/components/schemas/Observation"}
    visit = document()["paths"]["/api/projects/{project_id}/visits"]["post"]["requestBody"]["content"][
        "application/json"
    ]
    assert visit["schema"]["properties"]["observations"]["items"]["properties"]["props"] == {
        "$ref": "#/components/schemas/Props"
    }


schema = schemathesis.openapi.from_dict(document())


@dataclass
class Live:
    """A live server on its own SQLite file, holding a supervised workshop: the ids and secrets a case may use."""

    base: str
    ids: dict[str, str]
    tokens: list[str | None]


@pytest.fixture(scope="module")
def live(tmp_path_factory, migrated_sqlite):
    """One server for every operation (state builds up as in a real run): a closed workshop, a project, a visit, a
    photo, and a base map file."""
    folder = tmp_path_factory.mktemp("openapi")
    build_mbtiles(folder / "city.mbtiles")
    with live_app(folder, migrated_sqlite, BASEMAP=str(folder / "city.mbtiles")) as (app, base):
        cowork = app.extensions["cowork"]
        world = supervised_workshop(cowork)
        project = cowork.supervision.summary(world.project_id)
        visit = project["visits"][0]
        ids = {
            "workshop_id": world.workshop_id,
            "project_id": world.project_id,
            "visit_id": visit["id"],
            "photo_id": visit["photos"][0]["id"],
            "author_id": project["authors"][0]["participant_id"],
        }
        # None: whatever schemathesis generated (often no token at all).
        tokens = [world.facilitator_token, None, world.keys["Aru"], world.participant_tokens["Bek"]]
        yield Live(base, ids, tokens)


# Every other case names the live workshop's things and carries one of its secrets, in turn, so that schemathesis
# reaches the answers of real resources too, not only 404s for random ids.
_turns = itertools.count()


def with_real_things(case, live: Live) -> None:
    """Give every other case real ids and, in turn, a real token."""
    turn = next(_turns)
    if turn % 2:
        return
    for name in case.path_parameters or {}:
        if name in live.ids:
            case.path_parameters[name] = live.ids[name]
    token = live.tokens[(turn // 2) % len(live.tokens)]
    if token is not None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}


@schema.parametrize()
@hypothesis.settings(
    max_examples=25, derandomize=True, database=None, deadline=None, suppress_health_check=list(hypothesis.HealthCheck)
)
def test_the_live_server_keeps_to_the_document(case, live):
    with_real_things(case, live)
    case.call_and_validate(base_url=live.base, checks=CHECKS, timeout=30)
