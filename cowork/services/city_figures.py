"""The city map's figures besides the cycle network, as pure functions: a project's status, the green ledger in the
city's names, summed and over time, and which signs point at nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Optional

import shapely
from shapely.geometry.base import BaseGeometry

from .. import geodesy
from ..facts import BUILT_STATUSES

# A sign's arrow points at something when this stretch ahead of it meets a path, a bike lane or a site's outline:
# from a few metres ahead (not the path it stands on) to as far as one reads a sign's arrow as meaning.
SIGN_RAY_FROM_M = 5.0
SIGN_RAY_TO_M = 300.0
GREEN_FIELDS = ("trees_required", "trees_planted", "trees_alive", "trees_shortfall", "green_area_m2_required",
                "green_area_m2_planted")
HISTORY_FIELDS = ("trees_planted", "trees_alive", "green_area_m2_planted")
# The ledger's names (services/progress.py) → the city's.
_LEDGER_NAMES = {"green_required_m2": "green_area_m2_required", "green_planted_m2": "green_area_m2_planted"}


def project_status(statuses: dict[str, int]) -> str:
    """A project's status from its plan elements' (progress()["statuses"]): `planned` until something is begun,
    `built` once every element is, `built_with_deviation` when some deviate or were removed, else `in_progress`."""
    total = sum(statuses.values())
    begun = total - statuses.get("planned", 0) - statuses.get("missing", 0)
    if total == 0 or begun == 0:
        return "planned"
    done = sum(statuses.get(s, 0) for s in BUILT_STATUSES) + statuses.get("removed", 0)
    if done < total:
        return "in_progress"
    return "built" if statuses.get("built", 0) == total else "built_with_deviation"


def green_of(ledger: dict[str, Any]) -> dict[str, Any]:
    """A project's green ledger in the city's names."""
    named = {_LEDGER_NAMES.get(key, key): value for key, value in ledger.items()}
    return {name: named[name] for name in GREEN_FIELDS}


def has_shortfall(ledger: dict[str, Any]) -> bool:
    """Whether a project owes trees or green area."""
    return ledger["trees_shortfall"] > 0 or ledger["green_shortfall_m2"] > 0


def green_total(greens: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The city's green figures: each summed over the projects (areas to 0.1 m²)."""
    totals: dict[str, Any] = {name: 0 for name in GREEN_FIELDS}
    for green in greens:
        for name in GREEN_FIELDS:
            totals[name] += green[name]
    for name in ("green_area_m2_required", "green_area_m2_planted"):
        totals[name] = round(float(totals[name]), 1)
    return totals


def green_history(histories: Iterable[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The city total on each date any project was visited: per date, the sum over projects of each one's ledger
    at its latest visit on or before that date. `histories`: each project's green_ledger()["history"], in order."""
    histories = [h for h in histories if h]
    dates = sorted({entry["date"] for history in histories for entry in history})
    city = []
    for date in dates:
        totals = {"date": date, **{name: 0 for name in HISTORY_FIELDS}}
        for history in histories:
            state = None
            for entry in history:  # chronological: the last one on or before the date stands
                if entry["date"] > date:
                    break
                state = entry
            if state is not None:
                totals["trees_planted"] += state["trees_planted"]
                totals["trees_alive"] += state["trees_alive"]
                totals["green_area_m2_planted"] += state["green_planted_m2"]
        totals["green_area_m2_planted"] = round(float(totals["green_area_m2_planted"]), 1)
        city.append(totals)
    return city


@dataclass(frozen=True)
class Sign:
    """A sign of the city map: where it stands and where its arrow points (None: it has no arrow)."""

    id: str
    position: tuple[float, float]
    bearing: Optional[int]
    text: Optional[str]
    sign_type: Optional[str]
    workshop_id: str
    project_id: Optional[str] = None


def signs_to_review(signs: list[Sign], targets: list[BaseGeometry]) -> set[str]:
    """The ids of the signs with an arrow whose stretch from SIGN_RAY_FROM_M to SIGN_RAY_TO_M ahead meets none of
    the targets (lon/lat paths, lanes and site outlines): crossing or touching one is pointing at it."""
    arrows = [s for s in signs if s.bearing is not None]
    if not arrows:
        return set()
    rays = geodesy.rays([s.position for s in arrows], [s.bearing for s in arrows], SIGN_RAY_FROM_M, SIGN_RAY_TO_M)
    if not targets:
        return {s.id for s in arrows}
    tree = shapely.STRtree(targets)
    hit, _ = tree.query(rays, predicate="intersects")
    pointing = {int(index) for index in hit}
    return {s.id for index, s in enumerate(arrows) if index not in pointing}
