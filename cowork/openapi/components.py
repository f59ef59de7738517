"""The parts of the OpenAPI document that its paths share: schemas, parameters, error answers, security schemes
(the small builders every path is written with are in builders.py). Limits and enums come from facts.py, geo.py,
rules.py and errors.py, never typed again here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..archive.payloads import ARCHIVE_FORMAT, ARCHIVE_VERSION
from ..core import facts, geo, props, rules
from ..errors import HTTP_STATUS
from ..workshop import site_files
from ..workshop.results import FIGURES
from .builders import (
    ANY_OBJECT,
    BOOLEAN,
    DAY,
    INTEGER,
    NUMBER,
    PATH_IDS,
    POSITION,
    STATUS_NAMES,
    STRING,
    TIME,
    UUID,
    Schema,
    answer,
    array,
    nullable,
    obj,
    ref,
)

ROLES = ("participant", "facilitator")


def geometry(types: Iterable[str], max_vertices: int) -> Schema:
    """A GeoJSON geometry of one of the types; positions are `[longitude, latitude]` in WGS 84."""
    return obj(
        {
            "type": {"type": "string", "enum": list(types)},
            "coordinates": {"type": "array", "maxItems": max_vertices},
        },
        description=f"GeoJSON, at most {max_vertices} positions in all, valid (no self-intersection), in range.",
    )


def _prop_schema(prop: props.Prop) -> Schema:
    if isinstance(prop, props.Text):
        return {"type": "string", "maxLength": prop.max_length}
    if isinstance(prop, (props.Whole, props.Number)):
        return {
            "type": "integer" if isinstance(prop, props.Whole) else "number",
            "minimum": prop.minimum,
            "maximum": prop.maximum,
        }
    if isinstance(prop, props.Choice):
        return {"type": "string", "enum": list(prop.options), **({"default": prop.default} if prop.default else {})}
    return BOOLEAN


def props_schema() -> Schema:
    """An element's `props`, from props.PROPS: one of the kinds' objects (a kind not listed has none: `{}`)."""
    by_kind = [
        obj(
            {name: _prop_schema(prop) for name, prop in fields.items()},
            required=[],
            additionalProperties=False,
            title=kind,
        )
        for kind, fields in props.PROPS.items()
    ]
    return {
        "anyOf": by_kind,
        "description": "What the element says of itself for its kind (the schema of that kind, "
        f"titled by it; kinds not listed, {', '.join(k for k in geo.KINDS if k not in props.PROPS)}, have none). "
        "Stored props are normalised: texts stripped, defaults filled in. Unknown fields are `invalid`.",
    }


def schemas() -> dict[str, Schema]:
    """The shared schemas, by name."""
    element_types = sorted(set(geo.GEOMETRY_TYPE_OF_KIND.values()))
    phase = {"type": "string", "enum": list(rules.PHASES)}
    status = {"type": "string", "enum": list(facts.STATUSES)}
    return {
        "Error": obj(
            {
                "error": obj(
                    {"code": {"type": "string", "enum": sorted(set(HTTP_STATUS) - {"internal"})}, "message": STRING}
                )
            },
            description="Every refusal; some carry more fields beside `error` (a conflict's current element; an "
            "untrusted file past a worker's limit: `exceeded` and `limit`).",
        ),
        "Boundary": geometry(("Polygon", "MultiPolygon"), geo.MAX_SITE_VERTICES),
        "Geometry": obj({"type": {"type": "string"}, "coordinates": {"type": "array"}}, required=("type",)),
        "ElementGeometry": geometry(element_types, geo.MAX_VERTICES),
        "Kind": {"type": "string", "enum": list(geo.KINDS)},
        "Phase": phase,
        "WorkshopSummary": obj(
            {
                "id": UUID,
                "title": STRING,
                "site_name": STRING,
                "boundary": ref("Geometry"),
                "phase": phase,
                "timer_ends_at": nullable(TIME),
                "seq": INTEGER,
                "created_at": TIME,
                "join_code": {
                    **STRING,
                    "description": "Only for the workshop's own people: with its facilitator's or a "
                    "(not removed) participant's token, to its creator and in snapshots. Whoever reads it can join.",
                },
                "counts": obj({"participants": INTEGER, "designs": INTEGER, "elements": INTEGER}),
            },
            required=("id", "title", "site_name", "boundary", "phase", "seq", "created_at"),
        ),
        # Its creator (or importer) is its facilitator: the join code is always there.
        "WorkshopCreated": {
            "allOf": [
                ref("WorkshopSummary"),
                obj({"join_code": STRING, "facilitator_token": STRING, "facilitator_url": STRING}),
            ]
        },
        "ParsedSite": obj(
            {
                "boundary": ref("Boundary"),
                "name": nullable(STRING),
                "area_m2": NUMBER,
                "format": {"type": "string", "enum": list(site_files.FORMAT_NAMES)},
                "candidates": array(
                    obj(
                        {
                            "boundary": ref("Boundary"),
                            "name": nullable(STRING),
                            "area_m2": NUMBER,
                            # The tolerance (m) a polygon of more vertices than a site may have was simplified by.
                            "simplified_m": nullable(NUMBER),
                        }
                    ),
                    minItems=1,
                    maxItems=facts.SITE_FILE_MAX_CANDIDATES,
                ),
                "skipped": array(
                    obj({"name": nullable(STRING), "reason": STRING}), maxItems=facts.SITE_FILE_MAX_CANDIDATES
                ),
            }
        ),
        "Joined": obj(
            {
                "workshop_id": UUID,
                "participant_id": UUID,
                "token": STRING,
                "name": STRING,
                "role": {"type": "string", "enum": list(ROLES)},
                "title": STRING,
            }
        ),
        "Me": obj(
            {
                "participant_id": UUID,
                "name": STRING,
                "role": {"type": "string", "enum": list(ROLES)},
                "workshop_id": UUID,
            }
        ),
        "FeatureCollection": obj(
            {
                "type": {"type": "string", "enum": ["FeatureCollection"]},
                "name": STRING,
                "features": array(
                    obj(
                        {
                            "type": {"type": "string", "enum": ["Feature"]},
                            "id": STRING,
                            "geometry": ref("Geometry"),
                            "properties": ANY_OBJECT,
                        }
                    )
                ),
            },
            required=("type", "features"),
        ),
        "Results": obj(
            {
                "workshop": ref("WorkshopSummary"),
                "phase": phase,
                "total_votes": INTEGER,
                "ranking": array(
                    obj(
                        {
                            "rank": INTEGER,
                            "design_id": UUID,
                            "title": STRING,
                            "authors": array(STRING),
                            "votes": INTEGER,
                            "figures": obj(dict.fromkeys(FIGURES, NUMBER)),
                            "comments": array(
                                obj(
                                    {"text": STRING, "element_kind": nullable(STRING), "created_at": TIME},
                                    required=("text", "element_kind", "created_at"),
                                )
                            ),
                        },
                        required=("rank", "design_id", "title", "authors", "votes", "figures", "comments"),
                    )
                ),
            }
        ),
        "EventLog": obj(
            {"seq": INTEGER, "events": array(obj({"seq": INTEGER, "type": STRING, "data": ANY_OBJECT, "at": TIME}))}
        ),
        "Archive": obj(
            {
                "format": {"type": "string", "enum": [ARCHIVE_FORMAT]},
                "version": {"type": "integer", "enum": [ARCHIVE_VERSION]},
                "workshop": ANY_OBJECT,
                "participants": array(ANY_OBJECT),
                "designs": array(ANY_OBJECT),
                "elements": array(obj({"props": ref("Props")}, required=[])),
                "votes": array(ANY_OBJECT),
                "comments": array(ANY_OBJECT),
                "events": array(ANY_OBJECT),
                "projects": array(ANY_OBJECT),
            },
            required=(
                "format",
                "version",
                "workshop",
                "participants",
                "designs",
                "elements",
                "votes",
                "comments",
                "events",
            ),
        ),
        "ProjectRef": obj({"id": UUID, "title": STRING, "design_id": UUID}),
        "ProjectAdopted": obj(
            {
                "id": UUID,
                "title": STRING,
                "seq": INTEGER,
                "access": array(
                    obj(
                        {
                            "author_id": UUID,
                            "name": STRING,
                            "shown_as": {"type": "string", "enum": list(facts.SHOWN_AS)},
                            "key": STRING,
                            "recovery_code": STRING,
                            "link": STRING,
                        }
                    )
                ),
            },
            required=("id", "title", "seq", "access"),
        ),
        "Props": props_schema(),
        "PlanElement": obj(
            {
                "element_id": UUID,
                "kind": ref("Kind"),
                "geometry": ref("Geometry"),
                "note": STRING,
                "measure": ANY_OBJECT,
                "props": ref("Props"),
                "status": status,
                "as_built": nullable(ANY_OBJECT),
                "deviation": nullable(ANY_OBJECT),
                "as_built_props": {
                    **props_schema(),
                    "nullable": True,
                    "description": "The props its latest observation found (null: it said nothing of them).",
                },
            }
        ),
        "Observation": obj(
            {
                "element_id": UUID,
                "kind": ref("Kind"),
                "unplanned": BOOLEAN,
                "status": status,
                "effective_status": status,
                "count": nullable({"type": "integer", "minimum": 0, "maximum": props.MAX_GROUP}),
                "note": STRING,
                "as_built": nullable(ANY_OBJECT),
                "deviation": nullable(ANY_OBJECT),
                "props": {
                    **props_schema(),
                    "nullable": True,
                    "description": "The props found on the ground (null: not said).",
                },
            }
        ),
        "ProjectSummary": obj(
            {
                "id": UUID,
                "title": STRING,
                "organisation": STRING,
                "contractor": STRING,
                "planned_start": nullable(DAY),
                "planned_completion": nullable(DAY),
                "boundary": ref("Geometry"),
                "design_title": {
                    **nullable(STRING),
                    "description": "The adopted design's title; null once the facilitator hid the design (but to "
                    "the facilitator).",
                },
                "authors": array({"allOf": [obj({"participant_id": UUID}), ref("Person")]}),
                "plan": array(ref("PlanElement")),
                "additions": array(ref("Observation")),
                "progress": ANY_OBJECT,
                "green_ledger": ANY_OBJECT,
                "visits": array(ref("Visit")),
                "signoffs": array(ref("Signoff")),
            }
        ),
        "Key": obj({"project_id": UUID, "key": STRING, "link": STRING}),
        "Person": obj(
            {
                "name": {
                    **nullable(STRING),
                    "description": "What to show: the name, its initials, or null (say `author`, with `number`).",
                },
                "shown_as": {"type": "string", "enum": [*facts.SHOWN_AS, "facilitator"]},
                "number": nullable(INTEGER),
                "public_name": {
                    **nullable(STRING),
                    "description": "Only for the project's supervisors: how the public reads this person.",
                },
            },
            required=("name", "shown_as", "number"),
        ),
        "Supervisor": obj(
            {
                "supervising": BOOLEAN,
                "project_id": UUID,
                "participant_id": UUID,
                "name": STRING,
                "role": {"type": "string", "enum": ["author", "facilitator"]},
            },
            required=("supervising",),
        ),
        "Visit": obj(
            {
                "id": UUID,
                "date": DAY,
                "notes": STRING,
                "notes_public": BOOLEAN,
                "conditions": STRING,
                "by": ref("Person"),
                "created_at": TIME,
                "observations": array(ref("Observation")),
                "photos": array(ref("Photo")),
            },
            required=("id", "date", "observations"),
        ),
        "Photo": obj(
            {
                "id": UUID,
                "url": STRING,
                "thumbnail_url": STRING,
                "width": INTEGER,
                "height": INTEGER,
                "media_type": {"type": "string", "enum": [media for media, _ext in facts.PHOTO_FORMATS.values()]},
                "position": nullable(POSITION),
            },
            required=("id", "url", "thumbnail_url", "width", "height", "media_type"),
        ),
        "Signoff": obj(
            {
                "id": UUID,
                "author": ref("Person"),
                "verdict": {"type": "string", "enum": ["accept", "object"]},
                "comment": STRING,
                "visit_id": nullable(UUID),
                "element_id": nullable(UUID),
                "created_at": TIME,
            },
            required=("id", "author", "verdict", "comment"),
        ),
        "Health": obj(
            {
                "status": {"type": "string", "enum": ["ok", "unavailable"]},
                "database": {"type": "string", "enum": ["ok", "unavailable"]},
                "message_queue": {"type": "string", "enum": ["ok", "unavailable", "not_used"]},
            }
        ),
    }


def error_responses() -> dict[str, Any]:
    """One shared response per error status, its code limited to the codes errors.py gives that status."""
    responses = {}
    for status, name in STATUS_NAMES.items():
        codes = sorted(code for code, code_status in HTTP_STATUS.items() if code_status == status)
        schema = {"allOf": [ref("Error"), obj({"error": obj({"code": {"type": "string", "enum": codes}})})]}
        responses[name] = answer(f"Refused: {', '.join(codes)}.", schema)
    return responses


def parameters() -> dict[str, Any]:
    """Path parameters, by the names routes give them."""
    return {
        name: {"name": name, "in": "path", "required": True, "description": description, "schema": UUID}
        for name, description in PATH_IDS.items()
    }


SECURITY_SCHEMES = {
    "workshopToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "A participant's or the facilitator's workshop token "
        "(from POST /api/join or POST /api/workshops).",
    },
    "supervisionKey": {
        "type": "http",
        "scheme": "bearer",
        "description": "An author's supervision key, or the facilitator's workshop token.",
    },
    "organizerKey": {
        "type": "http",
        "scheme": "bearer",
        "description": "The organizer key (COWORK_ORGANIZER_KEY), when the server has one; else anyone may.",
    },
    "facilitatorSession": {
        "type": "apiKey",
        "in": "cookie",
        "name": "session",
        "description": "The signed cookie POST /api/session sets for a facilitator's pages.",
    },
}
