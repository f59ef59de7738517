"""Open city data: what the city's GIS may read of cowork, as features of five collections.

What is published: a workshop once it is `closed`, unless its facilitator turned `open_data` off (its site and
its sketches); every adopted project (its boundary and figures, its plan, what was built). Hidden (moderated)
designs and elements never are, nor participant names, tokens, keys or recovery codes (the fields of
`opendata_layers.COLLECTIONS` name everything a feature may carry). The OGC API and the GeoPackage exports read
only through this service, from the rows the store keeps (store.py) by indexed queries (selection.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..core import rules
from ..core.identities import Identity
from ..errors import invalid, not_found
from ..models.opendata import PublishedLayer
from ..service import Service
from . import features as built_features
from . import selection
from .features import PROJECT_LAYERS
from .layers import COLLECTIONS, CollectionInfo, Field
from .published import adopted_projects
from .store import LAYERS

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
    """Which features of a collection: a CRS84 box, a time span (open ends None), an owner, a page (after the
    feature of the keyset `after`, then `offset` more)."""

    bbox: tuple[float, float, float, float] | None = None
    start: datetime | None = None  # timezone-aware
    end: datetime | None = None  # an instant is start == end
    workshop_id: str | None = None
    project_id: str | None = None
    offset: int = 0
    limit: int | None = None  # None: all
    after: int | None = None


@dataclass
class FeaturePage:
    """One page of a collection's features, how many match the query in all (None: more than selection.COUNT_LIMIT,
    not counted), and the keyset the next page starts after (None: this is the last)."""

    features: list[dict[str, Any]]
    matched: int | None
    next_after: int | None = None


@dataclass
class CollectionExtent:
    """Where and when a collection's features are, and how many there are."""

    bbox: tuple[float, float, float, float] | None
    interval: tuple[str | None, str | None]
    count: int


class OpenDataService(Service):
    """The five open-data collections, read city-wide or for one workshop or project."""

    def extents(self) -> dict[str, CollectionExtent]:
        """Each collection's bounding box, time interval and feature count, as kept with its rows."""
        with self.db.read() as session:
            return {cid: _extent(selection.layer_state(session, LAYERS[cid])) for cid in COLLECTIONS}

    def extent(self, collection_id: str) -> CollectionExtent:
        """One collection's bounding box, time interval and feature count."""
        collection_info(collection_id)
        with self.db.read() as session:
            return _extent(selection.layer_state(session, LAYERS[collection_id]))

    def features(self, collection_id: str, query: FeatureQuery = FeatureQuery()) -> FeaturePage:
        """The features of a collection that match the query, the page asked for, and how many match in all."""
        info = collection_info(collection_id)
        for name, value in (("workshop_id", query.workshop_id), ("project_id", query.project_id)):
            if value is not None and name not in info.filters:
                raise invalid(f"The {collection_id} collection cannot be filtered by {name}.")
        chosen = selection.Selection(
            LAYERS[collection_id],
            bbox=query.bbox,
            start=_naive(query.start),
            end=_naive(query.end),
            workshop_id=query.workshop_id,
            project_id=query.project_id,
        )
        # One row more than the page tells whether another follows.
        more = None if query.limit is None else query.limit + 1
        with self.db.read() as session:
            rows = selection.page(session, chosen, after=query.after, offset=query.offset, limit=more)
            shown = rows if query.limit is None else rows[: query.limit]
            following = len(rows) > len(shown)
            if query.after is None and query.offset == 0 and not following:
                matched: int | None = len(shown)  # the whole selection is on this page
            else:
                matched = selection.matched(session, chosen)
        return FeaturePage([row.geojson() for row in shown], matched, shown[-1].pk if following else None)

    def feature(self, collection_id: str, feature_id: str) -> dict[str, Any]:
        """One published feature, or `not_found`."""
        collection_info(collection_id)
        with self.db.read() as session:
            found = selection.one(session, LAYERS[collection_id], feature_id)
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
            projects = adopted_projects(session, project_id=project_id)
            if not projects:
                raise not_found("project")
            return {cid: [f.geojson() for f in build(projects)] for cid, build in PROJECT_LAYERS.items()}


def collection_info(collection_id: str) -> CollectionInfo:
    """What a collection is, or `not_found`."""
    info = COLLECTIONS.get(collection_id)
    if info is None:
        raise not_found("collection")
    return info


def _extent(state: PublishedLayer | None) -> CollectionExtent:
    """A layer's kept count and extent as the OGC API gives them."""
    if state is None or not state.count or state.minx is None:
        return CollectionExtent(None, (None, None), 0 if state is None else state.count)
    bounds = (state.minx, state.miny, state.maxx, state.maxy)
    west, south, east, north = (round(float(b or 0.0), 7) for b in bounds)
    interval = (_utc(state.start_at), _utc(state.end_at))
    return CollectionExtent((west, south, east, north), interval, state.count)


def _utc(moment: datetime | None) -> str | None:
    return None if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _naive(moment: datetime | None) -> datetime | None:
    """A query's aware moment as the rows hold it: naive UTC."""
    return None if moment is None else moment.astimezone(UTC).replace(tzinfo=None)
