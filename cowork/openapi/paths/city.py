"""The city map's operation, GET /api/city, with its answer's schema."""

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


def _city_schema() -> dict:
    """The answer of GET /api/city (cowork/city/service.py), as the city page reads it."""
    metres = {"type": "number", "minimum": 0}
    position = array(NUMBER, minItems=2, maxItems=2)
    collection = obj(
        {
            "type": {"type": "string", "enum": ["FeatureCollection"]},
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
    green = dict.fromkeys(GREEN_FIELDS, metres)
    statuses = facts.PROJECT_STATUSES
    return obj(
        {
            "generated_at": TIME,
            "sites": array(
                obj(
                    {
                        "workshop_id": UUID,
                        "title": STRING,
                        "site_name": STRING,
                        "phase": ref("Phase"),
                        "boundary": ref("Geometry"),
                        "results_url": nullable(STRING),
                    }
                )
            ),
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
            "map": obj(dict.fromkeys(("plans", "cycle_lanes", "gaps", "green", "signs"), collection)),
        }
    )


def city_routes() -> list[Route]:
    """The city map's figures (public)."""
    return [
        route(
            "get",
            "/api/city",
            "cityMap",
            "Every published site and adopted project, the cycle network (lengths by "
            "status and facility, connected parts, gaps), the compensatory green ledger summed and over time, and the "
            "wayfinding signs to review, with the map's GeoJSON layers (at most COWORK_LIMIT_CITY per address).",
            tag="city",
            refused=("rate_limited",),
            ok={200: _ok("The city map.", _city_schema())},
        ),
    ]
