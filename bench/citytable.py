"""A `bench.city10` result as the Markdown tables of docs/performance.md ("The city after ten years")."""

from __future__ import annotations

from typing import Any


def _n(value: Any, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}" if isinstance(value, (int, float)) else str(value)


def _s(ms: Any) -> str:
    """Milliseconds, as seconds from a second up."""
    if ms is None:
        return "–"
    return f"{ms / 1000:.1f} s" if ms >= 1000 else f"{ms:.0f} ms"


def _label(point: dict[str, Any]) -> str:
    return f"{point['database']}, {point['workshops']:,} workshops"


def _tablets(entry: dict[str, Any]) -> str:
    tablets = entry.get("tablets")
    if not tablets:
        return "–"
    if "lost" in tablets:
        return "tablets dropped by the server"
    ack, fanout = tablets["ack_ms"].get("p99"), tablets["fanout_ms"].get("p99")
    ratio = entry.get("ack_p99_vs_quiet")
    return f"{_s(ack)} / {_s(fanout)}" + (f" ({ratio:.1f}x)" if ratio is not None else "")


def _read_cell(entry: dict[str, Any] | None) -> list[str]:
    if not entry:
        return ["–", "–", "–"]
    if entry.get("error"):
        killed = entry.get("worker_timeouts")
        why = f"worker killed {killed}x (gunicorn's timeout)" if killed else entry["error"][:60]
        return [f"failed after {_s(entry['first_ms'])}: {why}", "–", _tablets(entry)]
    if entry.get("status", 200) >= 400:
        return [f"HTTP {entry['status']} (not served)", "–", _tablets(entry)]
    later = entry["later_ms"]
    size = entry.get("bytes")
    first = _s(entry["first_ms"]) + (f", {size / 1e6:.2f} MB" if size else "")
    if entry.get("requests"):
        first += f" in {entry['requests']} requests"
    return [first, f"{_s(later['p50'])} / {_s(later['p99'])}", _tablets(entry)]


def reads_table(result: dict[str, Any]) -> str:
    """Each read against each city: first after a change, later p50 / p99, the tablets' p99 while it ran."""
    points = [p for p in result["points"] if "reads" in p]
    head = ["read"]
    for point in points:
        label = _label(point)
        head += [f"{label}: first (answer)", "later p50 / p99", "tablets ack / broadcast p99 (ack × quiet)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    names = list(dict.fromkeys(name for point in points for name in point["reads"]))
    for name in names:
        cells = [f"`{name}`"]
        for point in points:
            cells += _read_cell(point["reads"].get(name))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def city_table(result: dict[str, Any]) -> str:
    """Each city: how it was built, the serving process's memory, the tablets quiet, gaps."""
    lines = [
        "| city | elements | built (import per workshop) | RSS start / peak / after (MB) "
        "| tablets quiet: ack / broadcast p99, before and after | gaps / duplicates |",
        "|---|---|---|---|---|---|",
    ]
    for point in result["points"]:
        if "error" in point:
            lines.append(
                f"| {_label(point)} | {_n(point['build']['elements'])} | – | failed: {point['error'][:80]} | – | – |"
            )
            continue
        build, rss, tablets = point["build"], point["rss_mb"], point["tablets"]
        quiet = [q for q in (tablets["quiet_before"], tablets["quiet_after"]) if q and "lost" not in q]
        quiet_text = ", ".join(f"{_s(q['ack_ms']['p99'])} / {_s(q['fanout_ms']['p99'])}" for q in quiet) or "–"
        integrity = tablets.get("integrity") or {}
        built = f"{_n(build['import_s'])} s ({build['import_per_workshop_s']:.2f} s)"
        lines.append(
            f"| {_label(point)} | {_n(build['elements'])} | {built} "
            f"| {_n(rss['start'])} / {_n(rss['peak'])} / {_n(rss['after'])} | {quiet_text} "
            f"| {_n(integrity.get('gaps'))} / {_n(integrity.get('duplicates'))} |"
        )
    return "\n".join(lines)


def peer_table(result: dict[str, Any]) -> str:
    """cowork's pages against pygeoapi's on the same features, no tablets."""
    points = [p for p in result["points"] if p.get("peer") and "error" not in p["peer"]]
    if not points:
        return ""
    head = [cell for p in points for cell in (f"{_label(p)}: cowork p50 / p99", "pygeoapi p50 / p99", "p99 ratio")]
    lines = ["| page | " + " | ".join(head) + " |", "|---|" + "---|" * len(head)]
    for name in points[0]["peer"]:
        cells = [f"`{name}`"]
        for point in points:
            entry = point["peer"][name]
            ours, theirs = entry["cowork"], entry["pygeoapi"]
            cells += [
                f"{_s(ours['p50_ms'])} / {_s(ours['p99_ms'])}",
                f"{_s(theirs['p50_ms'])} / {_s(theirs['p99_ms'])}",
                f"{entry['p99_ratio']:.2f}x" if entry["p99_ratio"] is not None else "–",
            ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def city10_table(result: dict[str, Any]) -> str:
    """The three tables of a city10 result, one after the other."""
    return "\n\n".join(t for t in (city_table(result), reads_table(result), peer_table(result)) if t)
