"""The benchmark harness's own arithmetic: percentiles, merging generators' files, the ramp, profiles, tables.

Nothing here starts a server; the measurements themselves are benchmarks (`python -m bench`), never tests.
"""

from __future__ import annotations

from shapely.geometry import shape

from bench import stats
from bench.profiling import summarise
from bench.render import fanout_table, saturation_table
from bench.scenarios import ramp_plan, saturation_figures
from bench.shapes import SITE, polygons


def phase_part(deliveries, sent, receipts, accepted=None, start=100.0, duration=10.0, last_ack=109.0):
    return {
        "deliveries_ms": deliveries,
        "acks_ms": deliveries[:1],
        "element_max_ms": {e: max(deliveries) for e in sent},
        "element_receipts": receipts,
        "sent": sent,
        "refused": {},
        "accepted": len(sent) if accepted is None else accepted,
        "unacked": 0,
        "last_ack": last_ack,
        "start": start,
        "duration": duration,
        "generator_cpu": 0.2,
        "drawers": 1,
    }


def test_percentiles_by_nearest_rank():
    values = list(range(1, 101))
    assert stats.percentile(values, 0.5) == 50
    assert stats.percentile(values, 0.99) == 99
    assert stats.percentile([7.0], 0.99) == 7.0
    assert stats.percentile([], 0.5) is None
    assert stats.spread([1.0, 2.0, 3.0, 4.0]) == {"p50": 2.0, "p95": 4.0, "p99": 4.0, "max": 4.0}


def test_generators_merge_into_one_phase_and_lost_deliveries_are_counted():
    first = phase_part([10.0, 20.0], {"a": "w1"}, {"a": 2})
    second = phase_part([30.0], {"b": "w1"}, {"a": 1, "b": 2})
    merged = stats.merge_phase([first, second], {"w1": 3})
    assert merged["offered"] == 2 and merged["accepted"] == 2
    assert merged["fanout_ms"]["max"] == 30.0
    assert merged["missing_deliveries"] == 1  # b reached 2 of the workshop's 3 tablets
    assert merged["accepted_per_s"] == 0.2


def test_acks_that_come_after_the_phase_lower_the_accepted_rate():
    late = phase_part([5.0], {"a": "w", "b": "w"}, {"a": 1, "b": 1}, last_ack=120.0)
    assert stats.merge_phase([late], {"w": 1})["accepted_per_s"] == 0.1  # 2 accepted over 20 s, not 10


def test_gaps_and_duplicates_add_up_over_tablets():
    parts = [
        {"tablets": [{"gaps": 2, "duplicates": 0, "out_of_order": 1}]},
        {"tablets": [{"gaps": 0, "duplicates": 1, "out_of_order": 0, "overtook_snapshot": 3}]},
    ]
    assert stats.merge_end(parts) == {
        "tablets": 2,
        "gaps": 2,
        "tablets_with_gaps": 1,
        "duplicates": 1,
        "out_of_order": 1,
        "overtook_snapshot": 3,
    }


def test_ratios_to_the_relay():
    cowork = {"fanout_ms": {"p50": 20, "p99": 150, "max": 300}, "ack_ms": {"p99": 10}, "accepted_per_s": 70}
    relay = {"fanout_ms": {"p50": 10, "p99": 100, "max": 0}, "ack_ms": {"p99": None}, "accepted_per_s": 100}
    assert stats.ratios(cowork, relay) == {
        "fanout_p50": 2.0,
        "fanout_p99": 1.5,
        "fanout_max": None,
        "ack_p99": None,
        "accepted_per_s": 0.7,
    }


def step(mode, offered, accepted, p99):
    return {
        "order": {"mode": mode},
        "offered_per_s": offered,
        "accepted_per_s": accepted,
        "fanout_ms": {"p99": p99},
        "ack_ms": {},
        "generator_cpu": 0.1,
    }


def test_the_ramp_stops_when_p99_passes_the_limit_then_runs_the_closed_loop():
    plan = ramp_plan(drawers=10, rates=(20, 40, 80), step=5, limit_ms=250, closed_s=6)
    assert plan([]) == {"mode": "open", "rate": 2.0, "duration": 5}
    assert plan([step("open", 20, 20, 100)])["rate"] == 4.0
    assert plan([step("open", 20, 20, 100), step("open", 40, 40, 300)]) == {"mode": "closed", "duration": 6}
    assert plan([step("open", 20, 12, 100)])["mode"] == "closed"  # fell behind
    assert plan([step("open", 20, 20, 100), step("closed", 0, 90, 900)]) is None


def test_saturation_is_the_best_step_under_the_limit():
    run = {
        "phases": [
            step("open", 20, 20, 50),
            step("open", 40, 39, 200),
            step("open", 80, 60, 400),
            {**step("closed", 0, 90, 800), "ack_ms": {"p99": 700}, "fanout_ms": {"p99": 800}},
        ],
        "integrity": {"gaps": 0, "duplicates": 0},
    }
    figures = saturation_figures(250)(run)
    assert figures["saturation_per_s"] == 39 and figures["closed_per_s"] == 90


def test_py_spy_stacks_summarised_by_function_and_area():
    raw = (
        "run (threading.py:10);add_element (cowork/workshop/sketches.py:5);execute (sqlalchemy/engine/base.py:9) 3\n"
        "run (threading.py:10);add_element (cowork/workshop/sketches.py:5) 1\n"
        "run (threading.py:10);Queue.get (queue.py:3) 6\n"
    )
    everything = summarise(raw)
    assert everything["samples"] == 10
    assert everything["areas"][0] == {"name": "queue (waits)", "pct": 60.0}
    active = summarise(raw, drop_idle=True)  # idle waits left out: only the 4 samples of work remain
    assert active["samples"] == 4
    assert active["cowork_inclusive"][0] == {"name": "add_element (sketches.py)", "pct": 100.0}
    assert {"name": "SQLAlchemy", "pct": 75.0} in active["areas"]


def figures(p99, gaps=0):
    return {
        "fanout_ms": {"p50": 1, "p95": 2, "p99": p99, "max": p99},
        "last_tablet_ms": {"p99": p99},
        "accepted_per_s": 10.0,
        "gaps": gaps,
        "duplicates": 0,
        "kb_per_tablet": 100,
        "generator_cpu": 0.1,
    }


def test_the_fanout_table_shows_ratio_spread_over_rounds():
    rounds = [
        {
            "relay": {"figures": figures(100), "ratio": {}},
            "cowork": {"figures": figures(p99), "ratio": {"fanout_p99": p99 / 100}},
        }
        for p99 in (120, 150, 130)
    ]
    text = fanout_table({"points": [{"size": 300, "rounds": rounds}]}, "tablets")
    assert "| 300 |" in text and "1.30x (1.20–1.50)" in text


def test_the_saturation_table_names_each_deployment():
    entry = {
        "saturation_per_s": 70.0,
        "closed_per_s": 80.0,
        "closed_ack_ms": None,
        "gaps": 0,
        "duplicates": 0,
        "steps": [{"offered": 20, "accepted": 20, "p99": 50}],
    }
    rounds = [
        {
            "relay": {"figures": entry, "ratio": {"saturation": 1.0, "closed": 1.0}},
            "cowork": {"figures": entry, "ratio": {"saturation": 0.7, "closed": 0.5}},
        }
    ]
    text = saturation_table({"points": [{"size": 40, "rounds": rounds}]})
    assert "| 40 tablets drawing | cowork | 70.0 | 0.70x | 80.0 | 0.50x |" in text


def test_drawn_polygons_lie_inside_the_site_with_twenty_corners():
    site = shape(SITE)
    for polygon in polygons(20):
        assert len(polygon["coordinates"][0]) == 21
        assert site.contains(shape(polygon))
