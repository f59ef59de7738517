"""The open-data collections: their fields, and one flat GeoJSON feature per thing the city may read.

One definition serves the OGC API (collections, items, queryables) and the GeoPackage exports (one layer per
collection, fields typed from here), so a GIS sees the same attributes whichever way it reads us. Properties
are flat (measures as numbers, not nested objects): a GeoPackage layer, a Shapefile or a QGIS attribute table
has one column per field. No participant name, token, key or recovery code is ever among them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time
from functools import cached_property
from typing import Any, overload

import shapely.geometry
from shapely.geometry.base import BaseGeometry

from ..core import props as element_props
from ..models.base import iso

FIELD_TYPES = ("string", "integer", "number", "boolean", "datetime", "date")


@dataclass(frozen=True)
class Field:
    """One attribute of a collection's features: its name and its type (one of FIELD_TYPES)."""

    name: str
    type: str
    description: str = ""


@dataclass(frozen=True)
class CollectionInfo:
    """What a collection is: id, title, geometry type, its fields and the ids it can be filtered by."""

    id: str
    title: str
    description: str
    geometry_type: str  # "Polygon" (boundaries, which may be MultiPolygons too) or "Geometry" (mixed)
    fields: tuple[Field, ...]
    filters: tuple[str, ...]


def _fields(*specs: tuple[str, str, str]) -> tuple[Field, ...]:
    return tuple(Field(name, kind, text) for name, kind, text in specs)


_MEASURES = (
    ("length_m", "number", "Length in metres (lines)"),
    ("area_m2", "number", "Area in square metres (polygons)"),
)

# A prop's flat field: its name (`text` alone says too little among a plan's other columns) and its type.
_PROP_FIELD_NAMES = {"text": "sign_text"}
_PROP_FIELD_TYPES = {
    element_props.Text: "string",
    element_props.Whole: "integer",
    element_props.Number: "number",
    element_props.Choice: "string",
    element_props.Flag: "boolean",
}


def _prop_specs(lead: str = "The") -> tuple[tuple[str, str, str], ...]:
    """Every prop of every kind as one flat field (the same name on two kinds is one field), from props.PROPS."""
    kinds: dict[str, list[str]] = {}
    types: dict[str, str] = {}
    for kind, fields in element_props.PROPS.items():
        for name, prop in fields.items():
            kinds.setdefault(name, []).append(kind)
            types[name] = _PROP_FIELD_TYPES[type(prop)]
    return tuple(
        (
            _PROP_FIELD_NAMES.get(name, name),
            types[name],
            f"{lead} {' or '.join(kinds[name])}'s `{name}` (null where the kind has none)",
        )
        for name in kinds
    )


def prop_values(props: dict[str, Any] | None) -> dict[str, Any]:
    """An element's props as the flat fields of `_prop_specs` (absent ones null)."""
    props = props or {}
    return {
        _PROP_FIELD_NAMES.get(name, name): props.get(name)
        for name in dict.fromkeys(name for fields in element_props.PROPS.values() for name in fields)
    }


_PROPS = _prop_specs()
# As built, the visit's own `count` stands for the props' count (the one the green ledger reads).
_FOUND_PROPS = tuple(spec for spec in _prop_specs("As found (else as planned), the") if spec[0] != "count")

COLLECTIONS: dict[str, CollectionInfo] = {
    c.id: c
    for c in (
        CollectionInfo(
            "sites",
            "Workshop sites",
            "One feature per published workshop: its site boundary, phase, dates and how many took part.",
            "Polygon",
            _fields(
                ("workshop_id", "string", "The workshop"),
                ("title", "string", "The workshop's title"),
                ("site_name", "string", "The site's name"),
                ("phase", "string", "The workshop's phase"),
                ("created_at", "datetime", "When the workshop was created"),
                ("closed_at", "datetime", "When it was last closed"),
                ("participants", "integer", "Participants who joined"),
                ("designs", "integer", "Designs shown"),
                ("elements", "integer", "Elements drawn in the designs shown"),
                ("votes", "integer", "Dots given"),
                ("area_m2", "number", "The site's area in square metres"),
            ),
            ("workshop_id",),
        ),
        CollectionInfo(
            "sketches",
            "Sketched elements",
            "Every visible element of the designs of published workshops, with its design's title, votes and rank.",
            "Geometry",
            _fields(
                ("workshop_id", "string", "The workshop"),
                ("design_id", "string", "The design"),
                ("design_title", "string", "The design's title"),
                ("design_votes", "integer", "Dots the design got"),
                ("design_rank", "integer", "The design's rank by dots (1 is first; ties share a rank)"),
                ("kind", "string", "What the element is (tree, bench, path, bike_lane, green_area, ...)"),
                ("note", "string", "The note written on it"),
                *_MEASURES,
                *_PROPS,
                ("created_at", "datetime", "When it was drawn"),
                ("updated_at", "datetime", "When it last changed"),
            ),
            ("workshop_id",),
        ),
        CollectionInfo(
            "projects",
            "Adopted projects",
            "One feature per adopted project: the site boundary, construction progress and the compensatory "
            "green ledger.",
            "Polygon",
            _fields(
                ("project_id", "string", "The project"),
                ("workshop_id", "string", "The workshop it came from"),
                ("design_id", "string", "The adopted design"),
                ("title", "string", "The project's title"),
                ("design_title", "string", "The adopted design's title (null once the facilitator hid the design)"),
                ("site_name", "string", "The site's name"),
                ("organisation", "string", "Who commissions it"),
                ("contractor", "string", "Who builds it"),
                ("planned_start", "date", "Planned start"),
                ("planned_completion", "date", "Planned completion"),
                ("created_at", "datetime", "When it was adopted"),
                ("last_visit", "date", "The latest supervision visit"),
                ("visits", "integer", "Supervision visits recorded"),
                ("progress_pct", "number", "Share of plan elements built, in percent"),
                ("trees_required", "integer", "Trees the design requires"),
                ("trees_planted", "integer", "Trees ever planted"),
                ("trees_alive", "integer", "Trees alive at the latest visit"),
                ("trees_shortfall", "integer", "Trees required but not alive"),
                ("green_area_m2_required", "number", "Green area the design requires, m²"),
                ("green_area_m2_planted", "number", "Green area ever planted, m²"),
                ("green_area_m2_alive", "number", "Green area alive at the latest visit, m²"),
            ),
            ("workshop_id", "project_id"),
        ),
        CollectionInfo(
            "plans",
            "Plan elements",
            "Each element of an adopted project's frozen plan, with its latest supervision status.",
            "Geometry",
            _fields(
                ("project_id", "string", "The project"),
                ("workshop_id", "string", "The workshop"),
                ("element_id", "string", "The element of the adopted design"),
                ("kind", "string", "What it is"),
                ("note", "string", "The designer's note"),
                *_MEASURES,
                *_PROPS,
                ("status", "string", "Latest status: planned, in_progress, built, built_with_deviation, ..."),
                ("last_visit", "date", "The visit that gave the status"),
                ("adopted_at", "datetime", "When the project was adopted"),
            ),
            ("workshop_id", "project_id"),
        ),
        CollectionInfo(
            "as_built",
            "As built",
            "Each shape measured as built on a supervision visit (the latest per element), with its deviation "
            "from the plan.",
            "Geometry",
            _fields(
                ("project_id", "string", "The project"),
                ("workshop_id", "string", "The workshop"),
                ("element_id", "string", "The plan element (or an unplanned addition)"),
                ("kind", "string", "What it is"),
                ("unplanned", "boolean", "Built without being in the plan"),
                ("status", "string", "Status at that visit"),
                ("visit_date", "date", "When it was measured"),
                (
                    "count",
                    "integer",
                    "How many (a group of trees): the visit's count, else its as-built props' count, else the plan's",
                ),
                ("note", "string", "The supervisor's note, when the visit's notes were marked public (else empty)"),
                *_MEASURES,
                *_FOUND_PROPS,
                ("offset_m", "number", "Points: distance from the design, m"),
                ("hausdorff_m", "number", "Lines and polygons: the farthest deviation, m"),
                ("length_change_pct", "number", "Lines: length change, %"),
                ("area_change_pct", "number", "Polygons: area change, %"),
                ("iou", "number", "Polygons: overlap with the design (intersection over union)"),
                ("flagged", "boolean", "Beyond the project's tolerance"),
            ),
            ("workshop_id", "project_id"),
        ),
    )
}


@dataclass
class Feature:
    """A feature of a collection, with the time span it covers (for `datetime` filters)."""

    id: str
    geometry: dict[str, Any]
    properties: dict[str, Any]
    start: datetime | None
    end: datetime | None

    @cached_property
    def shape(self) -> BaseGeometry:
        """The geometry as shapely's."""
        return shapely.geometry.shape(self.geometry)

    @cached_property
    def bounds(self) -> tuple[float, float, float, float]:
        """West, south, east, north."""
        west, south, east, north = self.shape.bounds
        return float(west), float(south), float(east), float(north)

    def geojson(self) -> dict[str, Any]:
        """The RFC 7946 feature."""
        return {"type": "Feature", "id": self.id, "geometry": self.geometry, "properties": self.properties}


def feature(
    collection_id: str,
    feature_id: str,
    geometry: dict[str, Any],
    values: dict[str, Any],
    start: datetime | None,
    end: datetime | None = None,
) -> Feature:
    """A feature with every field of its collection in order (absent ones null), datetimes as ISO 8601 UTC."""
    properties = {}
    for field in COLLECTIONS[collection_id].fields:
        value = values.get(field.name)
        if isinstance(value, datetime):
            value = iso(value)
        properties[field.name] = value
    return Feature(feature_id, geometry, properties, aware(start), aware(end if end is not None else start))


@overload
def aware(moment: datetime) -> datetime: ...
@overload
def aware(moment: None) -> None: ...


def aware(moment: datetime | None) -> datetime | None:
    """A stored (naive UTC) datetime as a timezone-aware one."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def day(text: str | None, *, end: bool = False) -> datetime | None:
    """A `YYYY-MM-DD` date as the first (or last) moment of that day in UTC."""
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return datetime.combine(moment.date(), time.max if end else time.min, tzinfo=UTC)


def measures(measure: dict[str, Any] | None) -> dict[str, Any]:
    """A stored measure as the flat `length_m` / `area_m2` numbers."""
    measure = measure or {}
    return {"length_m": measure.get("length_m"), "area_m2": measure.get("area_m2")}


def ranks(votes: dict[str, int]) -> dict[str, int]:
    """Each design's rank by votes: 1 for the most, ties sharing a rank (1, 1, 3)."""
    return {design: 1 + sum(1 for other in votes.values() if other > count) for design, count in votes.items()}
