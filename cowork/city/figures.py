"""The city map's figures besides the cycle network, as pure functions: a project's status, the green ledger in the
city's names, summed and over time, and which signs point at nothing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from ..core import geodesy
from ..core.facts import BUILT_STATUSES

# A sign's arrow points at something when this stretch ahead of it meets a path, a bike lane or a site's outline:
# from a few metres ahead (not the path it stands on) to as far as one reads a sign's arrow as meaning.
SIGN_RAY_FROM_M = 5.0
SIGN_RAY_TO_M = 300.0
# How far either side of its bearing an arrow still points at something: a sign beside a lane, pointing along it,
# points at the lane (7 m to the side is 1.3° at 300 m); a ray of no width would miss it.
SIGN_SPREAD_DEG = 10.0
# The issue's six figures, then the green area alive and owed beside them (the area's shortfall, as the trees', is
# what is required less what is alive at the latest visit).
GREEN_FIELDS = (
    "trees_required",
    "trees_planted",
    "trees_alive",
    "trees_shortfall",
    "green_area_m2_required",
    "green_area_m2_planted",
    "green_area_m2_alive",
    "green_area_m2_shortfall",
)
HISTORY_FIELDS = ("trees_planted", "trees_alive", "green_area_m2_planted", "green_area_m2_alive")
_HISTORY_NAMES = {"green_area_m2_planted": "green_planted_m2", "green_area_m2_alive": "green_alive_m2"}
_AREAS = tuple(name for name in GREEN_FIELDS if name.startswith("green_area"))
# The ledger's names (supervision/progress.py) → the city's.
_LEDGER_NAMES = {
    "green_required_m2": "green_area_m2_required",
    "green_planted_m2": "green_area_m2_planted",
    "green_alive_m2": "green_area_m2_alive",
    "green_shortfall_m2": "green_area_m2_shortfall",
}


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
    totals: dict[str, Any] = dict.fromkeys(GREEN_FIELDS, 0)
    for green in greens:
        for name in GREEN_FIELDS:
            totals[name] += green[name]
    for name in _AREAS:
        totals[name] = round(float(totals[name]), 1)
    return totals


def green_history(histories: Iterable[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The city total on each date any project was visited: per date, the sum over projects of each one's ledger
    at its latest visit on or before that date. `histories`: each project's green_ledger()["history"], in order."""
    histories = [h for h in histories if h]
    dates = sorted({entry["date"] for history in histories for entry in history})
    city = []
    for date in dates:
        totals = {"date": date, **dict.fromkeys(HISTORY_FIELDS, 0)}
        for history in histories:
            state = None
            for entry in history:  # chronological: the last one on or before the date stands
                if entry["date"] > date:
                    break
                state = entry
            if state is not None:
                for name in HISTORY_FIELDS:
                    totals[name] += state[_HISTORY_NAMES.get(name, name)]
        for name in ("green_area_m2_planted", "green_area_m2_alive"):
            totals[name] = round(float(totals[name]), 1)
        city.append(totals)
    return city


@dataclass(frozen=True)
class Sign:
    """A sign of the city map: where it stands and where its arrow points (None: it has no arrow)."""

    id: str
    position: tuple[float, float]
    bearing: int | None
    text: str | None
    sign_type: str | None
    workshop_id: str
    project_id: str | None = None


@dataclass(frozen=True)
class Target:
    """What a sign may point at: a path or lane (any workshop's), or a site's outline (`site` its workshop: a sign
    does not point at the edge of the site it stands in, which every arrow of a small courtyard would reach)."""

    shape: BaseGeometry
    site: str | None = None


def signs_to_review(signs: list[Sign], targets: list[Target]) -> set[str]:
    """The ids of the signs with an arrow whose sector (SIGN_RAY_FROM_M to SIGN_RAY_TO_M ahead, SIGN_SPREAD_DEG either
    side of its bearing) meets none of the targets: no path, no lane, no other site's outline."""
    arrows = [s for s in signs if s.bearing is not None]
    if not arrows:
        return set()
    rays = geodesy.sectors(
        [s.position for s in arrows], [s.bearing for s in arrows], SIGN_RAY_FROM_M, SIGN_RAY_TO_M, SIGN_SPREAD_DEG
    )
    if not targets:
        return {s.id for s in arrows}
    tree = shapely.STRtree([target.shape for target in targets])
    hit, met = tree.query(rays, predicate="intersects")
    pointing = {
        int(sign)
        for sign, target in zip(hit, met, strict=True)
        if targets[int(target)].site != arrows[int(sign)].workshop_id
    }
    return {s.id for index, s in enumerate(arrows) if index not in pointing}
