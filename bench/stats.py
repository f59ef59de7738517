"""Figures from what the generators wrote: latency percentiles, throughput, gaps and duplicates, ratios."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable
from typing import Any


def percentile(values: list[float], q: float) -> float | None:
    """The q-quantile (0..1) by the nearest-rank method; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q * len(ordered)))
    return ordered[rank - 1]


def spread(values: list[float]) -> dict[str, float | None]:
    """p50, p95, p99 and max, rounded to 0.1."""

    def r(x):
        return None if x is None else round(x, 1)

    return {
        "p50": r(percentile(values, 0.50)),
        "p95": r(percentile(values, 0.95)),
        "p99": r(percentile(values, 0.99)),
        "max": r(max(values) if values else None),
    }


def merge_phase(parts: list[dict[str, Any]], tablets_per_workshop: dict[str, int]) -> dict[str, Any]:
    """One phase's figures from every generator's file of it."""
    deliveries: list[float] = []
    acks: list[float] = []
    element_max: dict[str, float] = {}
    receipts: Counter = Counter()
    sent: dict[str, str] = {}
    refused: Counter = Counter()
    accepted = unacked = 0
    last_ack = 0.0
    for part in parts:
        deliveries += part["deliveries_ms"]
        acks += part["acks_ms"]
        for element_id, latency in part["element_max_ms"].items():
            element_max[element_id] = max(latency, element_max.get(element_id, 0.0))
        receipts.update(part["element_receipts"])
        sent.update(part["sent"])
        refused.update(part["refused"])
        accepted += part["accepted"]
        unacked += part["unacked"]
        last_ack = max(last_ack, part["last_ack"])
    start = parts[0]["start"]
    duration = parts[0]["duration"]
    # Accepted edits a second: over the phase, or longer when the acks kept coming after it (falling behind).
    span = max(duration, last_ack - start) if accepted else duration
    expected = sum(tablets_per_workshop.get(workshop, 0) for workshop in sent.values())
    return {
        "offered": len(sent),
        "accepted": accepted,
        "accepted_per_s": round(accepted / span, 1),
        "offered_per_s": round(len(sent) / duration, 1),
        "refused": dict(refused),
        "unacked": unacked,
        "fanout_ms": spread(deliveries),
        "last_tablet_ms": spread(list(element_max.values())),
        "ack_ms": spread(acks),
        "deliveries": len(deliveries),
        "missing_deliveries": max(0, expected - sum(receipts[e] for e in sent)),
        "generator_cpu": max(part["generator_cpu"] for part in parts),
        "drawers": sum(part["drawers"] for part in parts),
    }


def merge_end(parts: list[dict[str, Any]]) -> dict[str, int]:
    """Gaps and duplicates in `seq` over every tablet (both must be zero), and reordering seen."""
    tablets = [t for part in parts for t in part["tablets"]]
    return {
        "tablets": len(tablets),
        "gaps": sum(t["gaps"] for t in tablets),
        "tablets_with_gaps": sum(1 for t in tablets if t["gaps"]),
        "duplicates": sum(t["duplicates"] for t in tablets),
        "out_of_order": sum(t["out_of_order"] for t in tablets),
        # Broadcasts that arrived before the tablet's snapshot and are newer than it: a client must keep them.
        "overtook_snapshot": sum(t.get("overtook_snapshot", 0) for t in tablets),
    }


def ratio(value: float | None, baseline: float | None) -> float | None:
    """value / baseline to two decimals, None when either is missing or the baseline is zero."""
    if value is None or not baseline:
        return None
    return round(value / baseline, 2)


def ratios(cowork: dict[str, Any], relay: dict[str, Any]) -> dict[str, float | None]:
    """Each headline figure of cowork as a multiple of the relay's in the same run."""
    return {
        "fanout_p50": ratio(cowork["fanout_ms"]["p50"], relay["fanout_ms"]["p50"]),
        "fanout_p99": ratio(cowork["fanout_ms"]["p99"], relay["fanout_ms"]["p99"]),
        "fanout_max": ratio(cowork["fanout_ms"]["max"], relay["fanout_ms"]["max"]),
        "ack_p99": ratio(cowork["ack_ms"]["p99"], relay["ack_ms"]["p99"]),
        "accepted_per_s": ratio(cowork["accepted_per_s"], relay["accepted_per_s"]),
    }


def median_spread(values: Iterable[float]) -> dict[str, float | None]:
    """Median, min and max of repeated measurements (the spread the report gives)."""
    data = [v for v in values if v is not None]
    if not data:
        return {"median": None, "min": None, "max": None}
    return {"median": round(statistics.median(data), 2), "min": round(min(data), 2), "max": round(max(data), 2)}
