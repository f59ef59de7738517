"""Open city data: what the city's GIS may read of cowork, as features of five collections.

What is published: a workshop once it is `closed`, unless its facilitator turned `open_data` off (its site and
its sketches); every adopted project (its boundary and figures, its plan, what was built). Hidden (moderated)
designs and elements never are, nor participant names, tokens, keys or recovery codes (the fields of
`opendata_layers.COLLECTIONS` name everything a feature may carry). The OGC API and the GeoPackage exports read
only through this service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import shapely
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core import rules
from ..core.identities import Identity
from ..errors import invalid, not_found
from ..models.supervision import Project, Visit
from ..models.workshop import Workshop
from ..service import Service
from . import features as built_features
from .features import PROJECT_LAYERS
from .layers import COLLECTIONS, CollectionInfo, Feature, Field

# The readers of what is published, shared with the city map (city/service.py), under this module's old names.
from .published import adopted_projects as _projects
from .published import published_workshops as _published

__all__ = [
    "COLLECTIONS",
    "CollectionExtent",
    "CollectionInfo",
    "FeaturePage",
    "FeatureQuery",
    "Field",
    "OpenDataService",
    "collection_info",
]


@dataclass(frozen=True)
class FeatureQuery:
    """Which features of a collection: a CRS84 box, a time span (open ends None), an owner, a page."""

    bbox: tuple[float, float, float, float] | None = None
    start: datetime | None = None  # timezone-aware
    end: datetime | None = None  # an instant is start == end
    workshop_id: str | None = None
    project_id: str | None = None
    offset: int = 0
    limit: int | None = None  # None: all


@dataclass
class FeaturePage:
    """One page of a collection's features and how many match the query in all."""

    features: list[dict[str, Any]]
    matched: int


@dataclass
class CollectionExtent:
    """Where and when a collection's features are, and how many there are."""

    bbox: tuple[float, float, float, float] | None
    interval: tuple[str | None, str | None]
    count: int


class OpenDataService(Service):
    """The five open-data collections, read city-wide or for one workshop or project."""

    def extents(self) -> dict[str, CollectionExtent]:
        """Each collection's bounding box, time interval and feature count."""
        with self.db.read() as session:
            return {cid: self._built(session, cid).extent for cid in COLLECTIONS}

    def extent(self, collection_id: str) -> CollectionExtent:
        """One collection's bounding box, time interval and feature count (only that one is built)."""
        collection_info(collection_id)
        with self.db.read() as session:
            return self._built(session, collection_id).extent

    def features(self, collection_id: str, query: FeatureQuery = FeatureQuery()) -> FeaturePage:
        """The features of a collection that match the query, the page asked for, and how many match in all."""
        info = collection_info(collection_id)
        for name, value in (("workshop_id", query.workshop_id), ("project_id", query.project_id)):
            if value is not None and name not in info.filters:
                raise invalid(f"The {collection_id} collection cannot be filtered by {name}.")
        with self.db.read() as session:
            box = shapely.box(*query.bbox) if query.bbox is not None else None
            found = [f for f in self._built(session, collection_id).features if _matches(f, query, box)]
        end = None if query.limit is None else query.offset + query.limit
        return FeaturePage([f.geojson() for f in found[query.offset : end]], len(found))

    def feature(self, collection_id: str, feature_id: str) -> dict[str, Any]:
        """One published feature, or `not_found`."""
        collection_info(collection_id)
        with self.db.read() as session:
            found = self._built(session, collection_id).by_id.get(feature_id)
        if found is None:
            raise not_found("feature")
        return found.geojson()

    def workshop_layers(self, workshop_id: str, identity: Identity | None) -> dict[str, list[dict[str, Any]]]:
        """The `sites` and `sketches` layers of one workshop under its GeoJSON export's rule: its own people read
        what the export shows them (the facilitator also hidden things) until it closes, then anyone, whether or
        not it is published; the dots only where the export shows them."""
        with self.db.read() as session:
            workshop = self.load_workshop(session, workshop_id)
            rules.require_own_until_closed(identity, workshop, "The GeoPackage export")
            facilitator = identity is not None and identity.facilitates(workshop_id)
            viewer = identity.participant_id if identity is not None and identity.workshop_id == workshop_id else ""
            sites = built_features.sites(session, [workshop], tallies=facilitator or rules.tallies_visible(workshop))
            sketches = built_features.sketches(session, [workshop], viewer=viewer, facilitator=facilitator)
        return {"sites": [f.geojson() for f in sites], "sketches": [f.geojson() for f in sketches]}

    def project_layers(self, project_id: str) -> dict[str, list[dict[str, Any]]]:
        """The `projects`, `plans` and `as_built` layers of one adopted project (public, as its page is)."""
        with self.db.read() as session:
            projects = _projects(session, project_id=project_id)
            if not projects:
                raise not_found("project")
            return {cid: [f.geojson() for f in build(projects)] for cid, build in PROJECT_LAYERS.items()}

    def _built(self, session: Session, collection_id: str) -> _Built:
        """A collection's features, city-wide, built once per change of what they are made of.

        A GIS reads a collection page by page (GDAL asks for 10 features at a time unless told otherwise) and a
        `collections` document needs every collection's extent: building the features for each of those requests
        would cost the whole collection per page, CPU time that holds up every tablet of a gevent process. So the
        built features are kept per process, with a stamp of what they were made of, read first in the same
        transaction (the features are then at least as new as the stamp; a later change moves the stamp)."""
        key = (str(self.db.url), collection_id)
        stamp = _stamp(session, collection_id)
        built = _BUILT.get(key)
        if built is None or built.stamp != stamp:
            if collection_id in ("sites", "sketches"):
                workshops = _published(session)
                features = (
                    built_features.sites(session, workshops)
                    if collection_id == "sites"
                    else built_features.sketches(session, workshops, viewer="", facilitator=False)
                )
            else:
                features = PROJECT_LAYERS[collection_id](_projects(session))
            built = _BUILT[key] = _Built(stamp, features, {f.id: f for f in features}, _extent(features))
        return built


@dataclass
class _Built:
    """A collection's features as built at a stamp, by id, and their extent."""

    stamp: tuple
    features: list[Feature]
    by_id: dict[str, Feature]
    extent: CollectionExtent


# (database, collection) -> the features built last; a handful of entries per process.
_BUILT: dict[tuple[str, str], _Built] = {}


def _stamp(session: Session, collection_id: str) -> tuple:
    """What a collection's features are made of, cheaply: every change to a workshop moves its `seq` (each is a
    logged event), a project or a visit is a new row; nothing is changed in place without one of those."""
    if collection_id in ("sites", "sketches"):
        return tuple(
            session.execute(select(Workshop.id, Workshop.seq).where(Workshop.phase == "closed").order_by(Workshop.id))
        )
    adopted = select(Project.workshop_id)
    return (
        tuple(session.execute(select(func.count(), func.max(Project.created_at)).select_from(Project)).one()),
        tuple(session.execute(select(func.count(), func.max(Visit.created_at)).select_from(Visit)).one()),
        session.scalar(select(func.coalesce(func.sum(Workshop.seq), 0)).where(Workshop.id.in_(adopted))),
    )


def collection_info(collection_id: str) -> CollectionInfo:
    """What a collection is, or `not_found`."""
    info = COLLECTIONS.get(collection_id)
    if info is None:
        raise not_found("collection")
    return info


# ------------------------------------------------------------------ selecting


def _matches(found: Feature, query: FeatureQuery, box: Any) -> bool:
    """Whether a feature belongs to the asked workshop or project, lies in the query's box (`box`, its shapely
    polygon) and overlaps its time span."""
    if query.workshop_id is not None and found.properties.get("workshop_id") != query.workshop_id:
        return False
    if query.project_id is not None and found.properties.get("project_id") != query.project_id:
        return False
    if query.bbox is not None:
        west, south, east, north = query.bbox
        minx, miny, maxx, maxy = found.bounds
        if minx > east or maxx < west or miny > north or maxy < south:
            return False
        if found.geometry["type"] != "Point" and not shapely.intersects(box, found.shape):
            return False
    if query.start is not None or query.end is not None:
        if found.start is None:
            return False
        if query.end is not None and found.start > query.end:
            return False
        if query.start is not None and (found.end or found.start) < query.start:
            return False
    return True


def _extent(features: list[Feature]) -> CollectionExtent:
    if not features:
        return CollectionExtent(None, (None, None), 0)
    bounds = (
        min(f.bounds[0] for f in features),
        min(f.bounds[1] for f in features),
        max(f.bounds[2] for f in features),
        max(f.bounds[3] for f in features),
    )
    starts = [f.start for f in features if f.start is not None]
    ends = [f.end for f in features if f.end is not None]
    interval = (_utc(min(starts)) if starts else None, _utc(max(ends)) if ends else None)
    west, south, east, north = (round(float(b), 7) for b in bounds)
    return CollectionExtent((west, south, east, north), interval, len(features))


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
