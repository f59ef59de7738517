"""Results (bench/results/*.json) as the Markdown tables of docs/performance.md.

`python -m bench render` prints the tables of the newest result of each scenario; `--into FILE` replaces what
stands between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` in FILE with the table of that scenario.
"""

from __future__ import annotations

import json
import re
import statistics
from pathlib import Path
from typing import Any

from bench.citytable import city10_table
from bench.scenarios import RESULTS


def _n(value: Any, digits: int = 0) -> str:
    if value is None:
        return "–"
    if isinstance(value, (int, float)):
        return f"{value:,.{digits}f}"
    return str(value)


def _ms(spread: dict[str, Any] | None) -> str:
    if not spread:
        return "–"
    return " / ".join(_n(spread[k]) for k in ("p50", "p95", "p99", "max"))


def _median(values: list[float | None]) -> float | None:
    data = [v for v in values if v is not None]
    return statistics.median(data) if data else None


def _ratio(values: list[float | None]) -> str:
    """A ratio's median over the rounds, with its range when there were several."""
    data = [v for v in values if v is not None]
    if not data:
        return "–"
    text = f"{statistics.median(data):.2f}x"
    return text + (f" ({min(data):.2f}–{max(data):.2f})" if len(data) > 1 else "")


def _labels(rounds: list[dict[str, Any]]) -> tuple[str, list[str]]:
    labels = list(rounds[0])
    return labels[0], labels[1:]


def _integrity(rounds: list[dict[str, Any]], label: str) -> str:
    gaps = sum(r[label]["figures"]["gaps"] for r in rounds)
    duplicates = sum(r[label]["figures"]["duplicates"] for r in rounds)
    missing = sum(r[label]["figures"].get("missing_deliveries", 0) for r in rounds)
    return f"{gaps} / {duplicates}" + (f" ({missing} lost)" if missing else "")


def _each_round(rounds: list[dict[str, Any]], label: str, relay: str) -> str:
    return ", ".join(
        f"{_n(x[label]['figures']['fanout_ms']['p99'])} / {_n(x[relay]['figures']['fanout_ms']['p99'])}" for x in rounds
    )


def fanout_table(result: dict[str, Any], size_name: str) -> str:
    """Fan-out per size: relay and cowork percentiles, cowork's p99 as a multiple of the relay's, integrity."""
    rows = [
        f"| {size_name} | relay fan-out p50 / p95 / p99 / max (ms) | cowork fan-out p50 / p95 / p99 / max (ms) | "
        "p99 ratio | p99 each round, cowork / relay | cowork last tablet p99 | accepted/s cowork (relay) | "
        "gaps / dups cowork (relay) | "
        "KB per tablet cowork (relay) | generator CPU |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for point in result["points"]:
        rounds = point["rounds"]
        relay, others = _labels(rounds)
        for label in others:
            mid = len(rounds) // 2
            c, r = rounds[mid][label]["figures"], rounds[mid][relay]["figures"]
            rows.append(
                f"| {point['size']} | {_ms(r['fanout_ms'])} | {_ms(c['fanout_ms'])} | "
                f"{_ratio([x[label]['ratio']['fanout_p99'] for x in rounds])} | "
                f"{_each_round(rounds, label, relay)} | "
                f"{_n(c['last_tablet_ms']['p99'])} | "
                f"{_n(c['accepted_per_s'], 1)} ({_n(r['accepted_per_s'], 1)}) | {_integrity(rounds, label)} "
                f"({_integrity(rounds, relay)}) | {_n(c['kb_per_tablet'])} ({_n(r['kb_per_tablet'])}) | "
                f"{_n(max(c['generator_cpu'], r['generator_cpu']), 2)} |"
            )
    return "\n".join(rows)


def saturation_rows(name: str, rounds: list[dict[str, Any]]) -> list[str]:
    rows = []
    for label in rounds[0]:
        f = [r[label]["figures"] for r in rounds]
        rows.append(
            f"| {name} | {label} | {_n(_median([x['saturation_per_s'] for x in f]), 1)} | "
            f"{_ratio([r[label]['ratio']['saturation'] for r in rounds])} | "
            f"{_n(_median([x['closed_per_s'] for x in f]), 1)} | "
            f"{_ratio([r[label]['ratio']['closed'] for r in rounds])} | {_ms(f[len(f) // 2]['closed_ack_ms'])} | "
            f"{sum(x['gaps'] for x in f)} / {sum(x['duplicates'] for x in f)} |"
        )
    return rows


SATURATION_HEAD = [
    "| load | deployment | saturation: accepted/s with p99 ≤ 250 ms | ratio | closed loop: accepted/s | "
    "ratio | closed-loop ack p50 / p95 / p99 / max (ms) | gaps / dups |",
    "|---|---|---|---|---|---|---|---|",
]


def saturation_table(result: dict[str, Any]) -> str:
    rows = list(SATURATION_HEAD)
    for point in result["points"]:
        rows += saturation_rows(f"{point['size']} tablets drawing", point["rounds"])
    steps = []
    for label, entry in result["points"][0]["rounds"][0].items():
        ladder = ", ".join(f"{s['offered']:.0f}→{_n(s['p99'])}" for s in entry["figures"]["steps"])
        steps.append(f"- {label}: offered/s → p99 ms: {ladder}")
    return "\n".join([*rows, "", *steps])


def variants_table(result: dict[str, Any]) -> str:
    """Modes, databases or processes: the fan-out load and the saturation ramp per variant."""
    fanout = result["params"]["fanout"]
    rows = [
        f"Fan-out load: {fanout['workshops']} workshops of {fanout['tablets']} tablets, "
        f"{_n(fanout['order']['rate'], 0)} edit/s each.",
        "",
        "| variant | deployment | fan-out p50 / p95 / p99 / max (ms) | p99 ratio | gaps / dups |",
        "|---|---|---|---|---|",
    ]
    for point in result["points"]:
        rounds = point["rounds"]
        for label in rounds[0]:
            f = rounds[len(rounds) // 2][label]["figures"]
            ratio = _ratio([r[label]["ratio"].get("fanout_p99") for r in rounds])
            rows.append(
                f"| {point['size']} | {label} | {_ms(f['fanout_ms'])} | {ratio} | {_integrity(rounds, label)} |"
            )
    if any("saturation" in p for p in result["points"]):
        rows += ["", *SATURATION_HEAD]
        for point in result["points"]:
            rows += saturation_rows(point["size"], point["saturation"])
    return "\n".join(rows)


def snapshot_table(result: dict[str, Any]) -> str:
    rows = [
        "| elements | deployment | connect → snapshot (s), median (min–max) | ratio | message | on the wire | "
        "with permessage-deflate | build / encode in-process (ms) | python-socketio default client |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for point in result["points"]:
        for label, entry in point["rounds"][0].items():
            f = entry["figures"]
            s = f["plain"]["seconds"]
            inproc = f.get("in_process")
            built = f"{_n(_median(inproc['build_ms']))} / {_n(_median(inproc['encode_ms']))}" if inproc else "–"
            failed = len(f["plain"].get("failed", [])) + len(f["deflate"].get("failed", []))
            if s["median"] is None:
                rows.append(
                    f"| {point['size']:,} | {label} | every join failed: {f['plain']['failed'][0][:80]} |"
                    " – | – | – | – | – | – |"
                )
                continue
            note = f" ({failed} of the joins failed)" if failed else ""
            rows.append(
                f"| {point['size']:,} | {label} | {s['median']:.3f} ({s['min']:.3f}–{s['max']:.3f}){note} | "
                f"{_ratio([f['ratio']['seconds']])} | {f['plain']['message_bytes'] / 1e6:.2f} MB | "
                f"{f['plain']['wire_bytes'] / 1e6:.2f} MB | {f['deflate']['wire_bytes'] / 1e6:.2f} MB in "
                f"{_n(f['deflate']['seconds']['median'], 3)} s | {built} | {f['python_socketio_default'][:60]} |"
            )
    return "\n".join(rows)


def profile_table(result: dict[str, Any]) -> str:
    """Areas and cowork's heaviest functions, in the CPU (GIL) view and the active-threads view."""
    rows = []
    for view, title in (("cpu", "CPU (thread holding the GIL)"), ("wall", "active threads (idle waits left out)")):
        summary = result["profile"].get(view)
        if not summary:
            continue
        areas = ", ".join(f"{a['name']} {a['pct']}%" for a in summary["areas"][:8])
        own = ", ".join(f"`{a['name']}` {a['pct']}%" for a in summary["self"][:8])
        ours = ", ".join(f"`{a['name']}` {a['pct']}%" for a in summary["cowork_inclusive"][:10])
        rows += [
            f"*{title}, {summary['samples']} samples.* By area (self): {areas}.",
            "",
            f"Heaviest frames (self): {own}.",
            "",
            f"cowork's functions (inclusive): {ours}.",
            "",
        ]
    return "\n".join(rows).strip()


def table(result: dict[str, Any]) -> str:
    """The table of one result, by its scenario."""
    scenario = result["scenario"]
    if scenario == "tablets":
        return fanout_table(result, "tablets")
    if scenario == "workshops":
        return fanout_table(result, f"workshops × {result['params']['tablets']}")
    if scenario == "files":
        return fanout_table(result, f"{result['params']['workshops']} workshops × {result['params']['tablets']}")
    if scenario == "saturation":
        return saturation_table(result)
    if scenario == "snapshot":
        return snapshot_table(result)
    if scenario.startswith("profile-"):
        return profile_table(result)
    if scenario == "city10":
        return city10_table(result)
    return variants_table(result)


def newest(paths: list[Path]) -> dict[str, dict[str, Any]]:
    """The newest result of each scenario among the files (all of bench/results/ when none are named)."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(paths or RESULTS.glob("*.json")):
        result = json.loads(path.read_text())
        found[result.get("name", result["scenario"])] = result
    return found


def render_command(paths: list[Path], into: Path | None) -> int:
    """Print the tables, or write them into the marked places of a file."""
    results = newest(paths)
    if into is None:
        for name, result in results.items():
            machine = result.get("machine", {})
            print(f"## {name} ({machine.get('at', '')}, commit {machine.get('commit', '')})\n\n{table(result)}\n")
        return 0
    text = into.read_text()
    for name, result in results.items():
        pattern = re.compile(rf"(<!-- bench:{re.escape(name)} -->\n).*?(<!-- /bench:{re.escape(name)} -->)", re.S)
        text = pattern.sub(lambda m, result=result: m.group(1) + table(result) + "\n" + m.group(2), text)
    into.write_text(text)
    return 0
