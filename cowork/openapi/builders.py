"""The small builders every path of the OpenAPI document is written with: schemas of plain values, answers,
refusals by error code, and one operation (`route`) with its shared parameters, grouped into the paths object."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..core.fields import MAX_INTEGER
from ..errors import HTTP_STATUS

JSON = "application/json"
Schema = dict[str, Any]
STATUS_NAMES = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    409: "Conflict",
    413: "TooLarge",
    415: "UnsupportedType",
    422: "TooCostly",
    429: "TooManyRequests",
}


def ref(name: str) -> Schema:
    """A reference to a shared schema."""
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties: dict[str, Schema], *, required: Iterable[str] = (), **more: Any) -> Schema:
    """An object schema; every property is required unless `required` names some."""
    names = list(properties) if required == () else list(required)
    schema: Schema = {"type": "object", "properties": properties, **more}
    if names:
        schema["required"] = names
    return schema


def text(max_length: int, *, empty: bool = False, **more: Any) -> Schema:
    """A text a person types: at most `max_length` characters, none NUL, and (unless `empty`) not only spaces."""
    schema: Schema = {
        "type": "string",
        "maxLength": max_length,
        "description": "No NUL character; spaces around are dropped.",
        **more,
    }
    if not empty:
        schema.update(minLength=1, pattern=r"\S")
    return schema


def nullable(schema: Schema) -> Schema:
    """The schema, or null."""
    return {**schema, "nullable": True}


def array(items: Schema, **more: Any) -> Schema:
    """A list schema."""
    return {"type": "array", "items": items, **more}


STRING: Schema = {"type": "string"}
INTEGER: Schema = {"type": "integer", "minimum": 0, "maximum": MAX_INTEGER}
NUMBER: Schema = {"type": "number"}
BOOLEAN: Schema = {"type": "boolean"}
UUID: Schema = {"type": "string", "format": "uuid"}
TIME: Schema = {"type": "string", "format": "date-time"}
DAY: Schema = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
ANY_OBJECT: Schema = {"type": "object"}
POSITION: Schema = array(NUMBER, minItems=2, maxItems=3)

# ------------------------------------------------------------------ answers


def answer(description: str, schema: Schema | None = None, media: str = JSON, **more: Any) -> dict[str, Any]:
    """A response: its description and, when it has a body, its media type and schema."""
    response: dict[str, Any] = {"description": description, **more}
    if media:
        response["content"] = {media: {"schema": schema or {}}}
    return response


def refusals(codes: Iterable[str]) -> dict[str, Any]:
    """The error answers of these codes, by status."""
    return {
        str(HTTP_STATUS[code]): {"$ref": f"#/components/responses/{STATUS_NAMES[HTTP_STATUS[code]]}"}
        for code in sorted(set(codes), key=lambda code: HTTP_STATUS[code])
    }


PATH_IDS = {
    name: f"The {what}'s id (a UUID; anything else is 404)."
    for name, what in (
        ("workshop_id", "workshop"),
        ("project_id", "project"),
        ("author_id", "author"),
        ("visit_id", "visit"),
        ("photo_id", "photo"),
    )
}


# ------------------------------------------------------------------ operations

Route = tuple[str, str, dict[str, Any]]


def route(
    method: str,
    path: str,
    operation_id: str,
    summary: str,
    *,
    tag: str,
    ok: dict[int, dict[str, Any]],
    refused: Iterable[str] = (),
    body: Schema | None = None,
    example: Any = None,
    query: Iterable[dict] = (),
    params: Iterable[dict] = (),
    security: str | None = None,
    optional_security: bool = False,
    request_media: str = JSON,
    refuses_bad_token: bool = True,
) -> Route:
    """One operation. Ids in the path get their shared parameter and `not_found`; a JSON body `invalid` and
    `too_large`; a token (required, or `optional_security`) `unauthorized` when a bad one is sent, unless
    `refuses_bad_token` is off (a read that a bad token only shows less)."""
    refused = set(refused)
    parameters = [{"$ref": f"#/components/parameters/{name}"} for name in _path_names(path) if name in PATH_IDS]
    if parameters and path.startswith("/api/"):
        refused.add("not_found")  # pages answer their own 404, in HTML
    parameters += [*params, *query]
    operation: dict[str, Any] = {"operationId": operation_id, "summary": summary, "tags": [tag]}
    if parameters:
        operation["parameters"] = parameters
    if body is not None:
        content: dict[str, Any] = {"schema": body}
        if example is not None:
            content["example"] = example
        operation["requestBody"] = {"required": True, "content": {request_media: content}}
        refused |= {"invalid", "too_large"}
    if security:
        operation["security"] = [{}, {security: []}] if optional_security else [{security: []}]
        if refuses_bad_token:
            refused.add("unauthorized")
    else:
        operation["security"] = []
    operation["responses"] = {**{str(status): response for status, response in ok.items()}, **refusals(refused)}
    return path, method, operation


def _path_names(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{") and part.endswith("}")]


def grouped(routes: Iterable[Route]) -> dict[str, dict[str, Any]]:
    """The paths object: operations grouped by path."""
    paths: dict[str, dict[str, Any]] = {}
    for path, method, operation in routes:
        paths.setdefault(path, {})[method] = operation
    return paths
