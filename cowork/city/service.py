"""The city map: every published site and adopted project on one map, with the city-wide figures a planner asks for.

The cycle network (adopted plans' bike lanes as built where built, else as designed, and the lanes of the top-ranked
design of each published closed workshop that has no project, as `proposed`), the compensatory green ledger of
every project summed and over time, and the wayfinding signs whose arrows point at nothing. What is read is what
the open data publishes (opendata/published.py): hidden designs and elements never appear, nor names or secrets.
Both are kept in the database as things change (store.py): the figures are read as kept, the layers by the view
(view.py), so neither grows with the city.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ..models.opendata import PublishedLayer
from ..service import Service
from . import store, view


class CityService(Service):
    """The city's figures and map layers (public)."""

    def city(self) -> dict[str, Any]:
        """The city's figures as GET /api/city: the cycle network, the green ledger, the projects, the signs to
        review, how many features each layer holds and their extent (the layers themselves: `layers`)."""
        with self.db.read() as session:
            kept = store.figures(session)
            numbers = {store.CITY_LAYERS[name]: name for name in view.SERVED}
            counts = dict.fromkeys(view.SERVED, 0)
            edges: list[tuple[float, float, float, float]] = []
            for state in session.scalars(select(PublishedLayer).where(PublishedLayer.layer.in_(numbers))):
                counts[numbers[state.layer]] = int(state.count)
                if state.count and state.minx is not None:
                    edges.append((state.minx, state.miny, state.maxx, state.maxy))  # type: ignore[arg-type]
        network, signs, green = kept["network"], kept["signs"], kept["green"]
        moments = [str(part["generated_at"]) for part in kept.values() if part.get("generated_at")]
        return {
            "generated_at": max(moments) if moments else None,
            "projects": green["projects"],
            "cycle_network": {
                key: network[key] for key in ("length_m_by_status", "length_m_by_facility", "parts", "gaps")
            },
            "green": green["green"],
            "signs": signs["signs"],
            "signs_to_review": signs["signs_to_review"],
            "counts": counts,
            # Where the city is (every layer's extent, as kept): the page's first view.
            "bbox": [
                min(e[0] for e in edges),
                min(e[1] for e in edges),
                max(e[2] for e in edges),
                max(e[3] for e in edges),
            ]
            if edges
            else None,
        }

    def layers(self, bbox: str | None, zoom: str | None) -> dict[str, Any]:
        """The city map's layers in a view (GET /api/city/layers): GeoJSON per layer, clustered at low zoom."""
        box, level = view.parse_view(bbox, zoom)
        with self.db.read() as session:
            return view.layers(session, box, level)
