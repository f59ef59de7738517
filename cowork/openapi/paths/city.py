"""The city map's operations, GET /api/city (its figures) and GET /api/city/layers (its layers in a view), with their
answers' schemas."""

from __future__ import annotations

from ...city.figures import GREEN_FIELDS, HISTORY_FIELDS
from ...core import facts, props
from ..builders import (
    ANY_OBJECT,
    DAY,
    INTEGER,
    NUMBER,
    STRING,
    TIME,
    UUID,
    Route,
    array,
    nullable,
    obj,
    ref,
    route,
)
from . import _ok

# The layers GET /api/city/layers answers (cowork/city/view.py SERVED: the openapi names the API, it runs none of it).
LAYERS = ("sites", "plans", "green", "cycle_lanes", "gaps", "signs")
_ZOOM = {"type": "integer", "minimum": 0, "maximum": 22}


def _layers_schema() -> dict:
    """The answer of GET /api/city/layers: the view asked for and a FeatureCollection per layer."""
    collection = obj(
        {
            "type": {"type": "string", "enum": ["FeatureCollection"]},
            "clustered": {"type": "boolean"},
            "features": array(
                obj(
                    {
                        "type": {"type": "string", "enum": ["Feature"]},
                        "geometry": ref("Geometry"),
                        "properties": ANY_OBJECT,
                    }
                )
            ),
        }
    )
    return obj(
        {
            "bbox": array(NUMBER, minItems=4, maxItems=4),
            "zoom": INTEGER,
            "layers": obj(dict.fromkeys(LAYERS, collection)),
        }
    )


def _city_schema() -> dict:
    """The answer of GET /api/city (cowork/city/service.py), as the city page reads it."""
    metres = {"type": "number", "minimum": 0}
    position = array(NUMBER, minItems=2, maxItems=2)
    green = dict.fromkeys(GREEN_FIELDS, metres)
    statuses = facts.PROJECT_STATUSES
    return obj(
        {
            "generated_at": nullable(TIME),
            "projects": array(
                obj(
                    {
                        "id": UUID,
                        "workshop_id": UUID,
                        "title": STRING,
                        "status": {"type": "string", "enum": list(statuses)},
                        "progress": ANY_OBJECT,
                        "green": obj(green),
                        "url": STRING,
                        "bbox": array(NUMBER, minItems=4, maxItems=4),
                    }
                )
            ),
            "cycle_network": obj(
                {
                    "length_m_by_status": obj(dict.fromkeys(facts.LANE_STATUSES, metres)),
                    "length_m_by_facility": obj(dict.fromkeys(props.FACILITIES, metres)),
                    "parts": INTEGER,
                    "gaps": array(
                        obj(
                            {
                                "a": position,
                                "b": position,
                                "distance_m": metres,
                                "parts": array(INTEGER, minItems=2, maxItems=2),
                            }
                        )
                    ),
                }
            ),
            "green": obj({**green, "history": array(obj({"date": DAY, **dict.fromkeys(HISTORY_FIELDS, metres)}))}),
            "signs": INTEGER,
            "signs_to_review": array(
                obj(
                    {
                        "id": UUID,
                        "text": nullable(STRING),
                        "bearing": nullable(INTEGER),
                        "sign_type": nullable(STRING),
                        "position": position,
                        "project_id": nullable(UUID),
                        "workshop_id": UUID,
                    }
                )
            ),
            "counts": obj(dict.fromkeys(LAYERS, INTEGER)),
            "bbox": nullable(array(NUMBER, minItems=4, maxItems=4)),
        }
    )


def city_routes() -> list[Route]:
    """The city map's figures (public)."""
    return [
        route(
            "get",
            "/api/city",
            "cityMap",
            "The city's figures as kept: every adopted project, the cycle network (lengths by "
            "status and facility, connected parts, gaps), the compensatory green ledger summed and over time, the "
            "wayfinding signs to review and how many features each layer holds; no geometry of the whole city (the "
            "layers: /api/city/layers). At most COWORK_LIMIT_CITY per address.",
            tag="city",
            refused=("rate_limited",),
            ok={200: _ok("The city's figures.", _city_schema())},
        ),
        route(
            "get",
            "/api/city/layers",
            "cityLayers",
            "The city map's layers in a view, bbox=west,south,east,north (CRS84) and zoom=0..22: a GeoJSON "
            "FeatureCollection per layer; below zoom 14 the sites and signs, and at any zoom a layer with more than "
            "400 features in view, come as clusters (points with properties cluster and count, clustered true). "
            "At most COWORK_LIMIT_CITY per address.",
            tag="city",
            refused=("invalid", "rate_limited"),
            query=[
                {"name": "bbox", "in": "query", "required": True, "schema": STRING, "example": "76.9,43.2,77.0,43.3"},
                {
                    "name": "zoom",
                    "in": "query",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 0, "maximum": 22},
                },
            ],
            ok={200: _ok("The layers in the view.", _layers_schema())},
        ),
    ]
